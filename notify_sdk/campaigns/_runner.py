"""Running chunks and campaigns: one chunk anywhere, a whole campaign in one process.

"Run one chunk" is: if the chunk may already have been sent (a journal says
it was in flight, a task queue redelivered it), list its grouping key over
its window — twice, a settle wait apart, as the listing can lag — and adopt
what is found; send only if nothing is. Every engine (threads, asyncio,
Celery, RQ, arq) runs chunks with :func:`run_chunk` / :func:`arun_chunk`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterable, Callable, Generator, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .. import Recipient, RetryPolicy
from ..errors import NotifyError, ProtocolError, TransportError, ValidationError
from ..results import SendResult
from . import _send
from ._journal import STARTED_STATES, Journal
from ._plan import Campaign, Chunk, InvalidRecipient, number_of
from ._results import (
    CampaignProgress,
    CampaignResult,
    ChunkResult,
    FailedRecipient,
    FailureSink,
    Tally,
    chunk_not_sent,
    chunk_sent,
)

if TYPE_CHECKING:
    import os

    from .. import AsyncNotifyClient, NotifyClient
    from .._core import Operation

__all__ = [
    "DEFAULT_CONCURRENCY",
    "DEFAULT_RATE_LIMIT",
    "DEFAULT_SETTLE_WAIT",
    "CampaignInterrupted",
    "RateLimiter",
    "arun_chunk",
    "asend_campaign",
    "run_chunk",
    "send_campaign",
]

#: Requests in flight at once, chosen by ``benchmarks/campaign.py --sweep``
#: (tables in benchmarks/README.md). With a server that answers after 20 ms
#: (the network and the provider; loopback alone has no such wait), 8 is the
#: fastest for asyncio (1.37 s per 200,000 recipients, against 1.87 s at 4
#: and 1.77 s at 16, where httpx's pool costs more CPU per request) and
#: within 7 % of the fastest for threads (1.30 s; 1.22 s at 16). Against an
#: instant loopback server fewer are faster (1 or 2), because there is no
#: wait to overlap and every extra connection costs CPU: real APIs wait.
DEFAULT_CONCURRENCY = 8
#: Requests per second. NHN documents 300 requests/s for its newer
#: Notification Hub API and HTTP 429 above it; stay below.
DEFAULT_RATE_LIMIT = 250.0
#: Seconds between the two listings that look a chunk up: a send accepted a
#: moment before a crash may take that long to appear in the listing.
DEFAULT_SETTLE_WAIT = 2.0


class CampaignInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped a campaign; chunks in flight finished first.

    It is a ``KeyboardInterrupt``, so it stops a program as Ctrl-C does; the
    journal holds every chunk's state for resume.

    Attributes:
        result: the :class:`CampaignResult` up to the stop (``interrupted=True``).
    """

    def __init__(self, result: CampaignResult) -> None:
        super().__init__("campaign interrupted; resume it from its journal")
        self.result = result


class RateLimiter:
    """Spaces requests evenly at ``rate`` per second (thread- and task-safe).

    Args:
        rate: requests per second; ``None`` or 0 for no limit.
    """

    def __init__(self, rate: float | None) -> None:
        self.interval = 1.0 / rate if rate else 0.0
        self._next = 0.0
        self._lock = threading.Lock()

    def reserve(self) -> float:
        """Take the next slot; returns how long to wait for it (seconds)."""
        if not self.interval:
            return 0.0
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next)
            self._next = slot + self.interval
        return slot - now


# --- one chunk ------------------------------------------------------------------------


def _prepare(
    ctx: Any, chunk: Chunk, retry: RetryPolicy | None
) -> tuple[Operation[SendResult] | None, list[FailedRecipient]]:
    try:
        return _send.build(ctx, chunk, chunk.recipients, retry), []
    except ValidationError:
        op, refused = _send.valid_subset(ctx, chunk, retry)
    invalid = [
        FailedRecipient(row, number_of(r), "invalid", "ValidationError", str(e), chunk.index)
        for row, r, e in refused
    ]
    return op, invalid


def _failed(
    chunk: Chunk, error: NotifyError, invalid: list[FailedRecipient], *, looking: bool
) -> ChunkResult:
    code = getattr(error, "code", None)
    name = str(code) if code is not None else type(error).__name__
    ambiguous = looking or isinstance(error, ProtocolError)
    if isinstance(error, TransportError) and error.ambiguous:
        ambiguous = True
    return chunk_not_sent(chunk, "unknown" if ambiguous else "failed", name, str(error), invalid)


def _expired(chunk: Chunk, invalid: list[FailedRecipient]) -> ChunkResult:
    return chunk_not_sent(
        chunk,
        "failed",
        "outside-window",
        f"the chunk's send window ended at {chunk.window_end:%Y-%m-%d %H:%M} UTC; it is never "
        "sent after it (reconciliation could not find it again): plan a new campaign",
        invalid,
    )


def _all_invalid(chunk: Chunk, invalid: list[FailedRecipient]) -> ChunkResult:
    return chunk_not_sent(chunk, "failed", "ValidationError", "every recipient invalid", invalid)


def _steps(
    client: Any,
    chunk: Chunk,
    may_have_been_sent: bool,
    since: datetime | None,
    settle_wait: float,
    retry: RetryPolicy | None,
    limiter: RateLimiter | None,
) -> Generator[tuple[str, Any], Any, ChunkResult]:
    """The chunk's steps, sans I/O: yields ``("sleep", s)`` and ``("execute", op)``.

    The sync and async drivers perform each step and send its result back
    (or throw its ``NotifyError`` in), so the decisions are written once.
    """
    ctx = _send.context(client)
    looking = False
    invalid: list[FailedRecipient] = []
    try:
        if may_have_been_sent:
            looking = True
            earlier, invalid = _prepare(_send.lookup_context(ctx, chunk), chunk, retry)
            if earlier is None:
                return _all_invalid(chunk, invalid)
            lookup = _send.lookup(ctx, earlier, chunk, since)
            for attempt in range(2):
                if attempt and settle_wait > 0:
                    yield "sleep", settle_wait
                if limiter is not None:
                    yield "sleep", limiter.reserve()
                found = yield "execute", lookup
                if found is not None:
                    return chunk_sent(chunk, found, invalid, found=True)
            looking = False
        if _send.now_utc(ctx) > chunk.window_end:
            return _expired(chunk, invalid)
        op, invalid = _prepare(ctx, chunk, retry)
        if op is None:
            return _all_invalid(chunk, invalid)
        if limiter is not None:
            yield "sleep", limiter.reserve()
        sent = yield "execute", op
        return chunk_sent(chunk, sent, invalid)
    except NotifyError as error:
        return _failed(chunk, error, invalid, looking=looking)


def run_chunk(
    client: NotifyClient,
    chunk: Chunk,
    *,
    may_have_been_sent: bool = False,
    since: datetime | None = None,
    settle_wait: float = DEFAULT_SETTLE_WAIT,
    retry: RetryPolicy | None = None,
    limiter: RateLimiter | None = None,
) -> ChunkResult:
    """Send one chunk exactly once, whatever ran it before.

    Safe to call again for the same chunk (after a crash, by a redelivered
    task) with ``may_have_been_sent=True``: the chunk is first looked up by
    its grouping key over its window, and sent only if it is not there.
    Never raises for an API or network failure: the result says
    ``"failed"`` (nothing was sent) or ``"unknown"`` (it may have been).

    Args:
        client: the client to send with; its retry policy applies per chunk.
        chunk: the chunk (from :meth:`Campaign.plan`).
        may_have_been_sent: an earlier run may have sent it: look it up first.
        since: when that earlier run started (narrows the listing); default
            the chunk's window start.
        settle_wait: seconds between the two lookups; a send that takes longer
            than this to appear in the provider's listing would be sent again.
        retry: a retry policy for this chunk instead of the client's.
        limiter: a shared :class:`RateLimiter` for the chunk's requests.
    """
    steps = _steps(client, chunk, may_have_been_sent, since, settle_wait, retry, limiter)
    try:
        step = next(steps)
        while True:
            kind, arg = step
            if kind == "sleep":
                if arg > 0:
                    time.sleep(arg)
                step = steps.send(None)
                continue
            try:
                value = client._execute(arg)
            except NotifyError as error:
                step = steps.throw(error)
            else:
                step = steps.send(value)
    except StopIteration as done:
        result: ChunkResult = done.value
        return result


async def arun_chunk(
    client: AsyncNotifyClient,
    chunk: Chunk,
    *,
    may_have_been_sent: bool = False,
    since: datetime | None = None,
    settle_wait: float = DEFAULT_SETTLE_WAIT,
    retry: RetryPolicy | None = None,
    limiter: RateLimiter | None = None,
) -> ChunkResult:
    """The ``asyncio`` twin of :func:`run_chunk` (same arguments, awaited)."""
    import asyncio

    steps = _steps(client, chunk, may_have_been_sent, since, settle_wait, retry, limiter)
    try:
        step = next(steps)
        while True:
            kind, arg = step
            if kind == "sleep":
                if arg > 0:  # a free slot: no trip through the event loop
                    await asyncio.sleep(arg)
                step = steps.send(None)
                continue
            try:
                value = await client._execute(arg)
            except NotifyError as error:
                step = steps.throw(error)
            else:
                step = steps.send(value)
    except StopIteration as done:
        result: ChunkResult = done.value
        return result


# --- a whole campaign -----------------------------------------------------------------


class _Run:
    """What both campaign drivers share: journal, tally, and what to do per chunk."""

    def __init__(
        self,
        campaign: Campaign,
        journal: str | os.PathLike[str] | None,
        failures: Any,
        progress: Callable[[CampaignProgress], object] | None,
    ) -> None:
        self.journal: Journal | None = None
        self.records: dict[int, Any] = {}
        if journal is not None:
            self.journal, campaign = Journal.open(journal, campaign)
            self.records = self.journal.records()
        self.campaign = campaign
        self.tally = Tally(
            campaign.campaign_id,
            FailureSink(failures, append=bool(self.records)),
            progress,
            first_report=None if self.journal is None else self.journal.note_invalid,
        )

    def wanted(self, chunk: Chunk) -> bool:
        """Whether to run ``chunk``; a chunk an earlier run sent is counted instead."""
        record = self.records.get(chunk.index)
        if record is None or record.state != "sent":
            return True
        counts = {
            "accepted": record.accepted,
            "refused": record.refused,
            "unconfirmed": record.unconfirmed,
            "invalid": record.invalid,
        }
        self.tally.skipped(chunk.index, counts, record.request_id)
        return False

    def begin(self, chunk: Chunk) -> tuple[bool, datetime | None]:
        """Mark the chunk in flight; whether an earlier run may have sent it, and since when."""
        record = self.records.get(chunk.index)
        started = record is not None and record.state in STARTED_STATES
        if self.journal is None:
            return started, None
        since = self.journal.mark_in_flight(chunk.index, chunk.size, _send.now_utc())
        return started, since if started else None

    def end(self, result: ChunkResult) -> None:
        """Record the chunk's outcome (in the worker, so an interrupted main loses nothing)."""
        if self.journal is not None:
            self.journal.record(
                result.index,
                result.state,
                at=_send.now_utc(),
                request_id=result.request_id,
                counts=result.counts,
                code=result.code,
                detail=result.detail,
            )

    def close(self) -> None:
        if self.journal is not None:
            self.journal.close()


def send_campaign(
    client: NotifyClient,
    campaign: Campaign,
    recipients: Iterable[str | Recipient],
    *,
    journal: str | os.PathLike[str] | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    rate_limit: float | None = DEFAULT_RATE_LIMIT,
    progress: Callable[[CampaignProgress], object] | None = None,
    failures: str | os.PathLike[str] | Callable[[FailedRecipient], object] | None = None,
    settle_wait: float = DEFAULT_SETTLE_WAIT,
    retry: RetryPolicy | None = None,
) -> CampaignResult:
    """Send a campaign from this process, ``concurrency`` chunks at a time (threads).

    Recipients are read, validated and chunked as they stream in; each chunk
    is sent with the client's retry rules. With ``journal=PATH`` the run is
    resumable: call ``send_campaign`` again with the same campaign, the same
    recipients and the same path after a crash or Ctrl-C; chunks already sent
    are skipped, chunks that were in flight are looked up and sent only if
    they did not land.

    Args:
        client: a :class:`~notify_sdk.NotifyClient` (shared by the threads).
        campaign: the :class:`Campaign`.
        recipients: numbers or :class:`~notify_sdk.Recipient` objects, any iterable.
        journal: a sqlite3 file recording each chunk's state; ``None``: no resume.
        concurrency: chunks in flight at once.
        rate_limit: requests per second across all threads; ``None``: unlimited.
        progress: called with a :class:`CampaignProgress` after each chunk.
        failures: where recipients that were not accepted go: a callable, or
            a ``.csv`` / ``.jsonl`` path (appended to when resuming).
        settle_wait: see :func:`run_chunk`.
        retry: a retry policy for every chunk instead of the client's.

    Returns:
        The :class:`CampaignResult`.

    Raises:
        CampaignInterrupted: Ctrl-C; chunks in flight were finished and recorded.
        JournalMismatch: ``journal`` belongs to another campaign.
        ValidationError: bad arguments.
    """
    if not isinstance(concurrency, int) or concurrency < 1:
        raise ValidationError("concurrency must be a positive int", field="concurrency")
    run = _Run(campaign, journal, failures, progress)
    limiter = RateLimiter(rate_limit) if rate_limit else None

    def job(chunk: Chunk) -> ChunkResult:
        started, since = run.begin(chunk)
        result = run_chunk(
            client,
            chunk,
            may_have_been_sent=started,
            since=since,
            settle_wait=settle_wait,
            retry=retry,
            limiter=limiter,
        )
        run.end(result)
        return result

    pending: dict[Future[ChunkResult], Chunk] = {}

    def reap(block: bool) -> None:
        done = wait(pending, return_when=FIRST_COMPLETED)[0] if block else set(pending)
        for future in done:
            chunk = pending.pop(future)
            if future.cancelled():
                run.tally.not_sent(chunk.size)
            else:
                run.tally.chunk(future.result())

    pool = ThreadPoolExecutor(concurrency, thread_name_prefix="notify-campaign")
    try:
        for item in run.campaign.plan(recipients):
            if isinstance(item, InvalidRecipient):
                run.tally.invalid(item)
                continue
            if not run.wanted(item):
                continue
            while len(pending) >= concurrency:
                reap(block=True)
            pending[pool.submit(job, item)] = item
        while pending:
            reap(block=True)
    except KeyboardInterrupt:
        # Let the chunks in flight finish and record themselves; start no more.
        pool.shutdown(wait=True, cancel_futures=True)
        reap(block=False)
        run.close()
        raise CampaignInterrupted(run.tally.result(interrupted=True)) from None
    finally:
        pool.shutdown(wait=True)
        run.close()
    return run.tally.result()


async def asend_campaign(
    client: AsyncNotifyClient,
    campaign: Campaign,
    recipients: Iterable[str | Recipient] | AsyncIterable[str | Recipient],
    *,
    journal: str | os.PathLike[str] | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    rate_limit: float | None = DEFAULT_RATE_LIMIT,
    progress: Callable[[CampaignProgress], object] | None = None,
    failures: str | os.PathLike[str] | Callable[[FailedRecipient], object] | None = None,
    settle_wait: float = DEFAULT_SETTLE_WAIT,
    retry: RetryPolicy | None = None,
) -> CampaignResult:
    """The ``asyncio`` twin of :func:`send_campaign` (tasks instead of threads).

    Takes an :class:`~notify_sdk.AsyncNotifyClient` and recipients from an
    iterable or an async iterable; the other arguments are those of
    :func:`send_campaign`. Cancelling it (Ctrl-C under ``asyncio.run``)
    leaves the chunks in flight marked so in the journal, to be looked up on
    resume.
    """
    import asyncio

    if not isinstance(concurrency, int) or concurrency < 1:
        raise ValidationError("concurrency must be a positive int", field="concurrency")
    run = _Run(campaign, journal, failures, progress)
    limiter = RateLimiter(rate_limit) if rate_limit else None

    async def job(chunk: Chunk) -> ChunkResult:
        started, since = run.begin(chunk)
        result = await arun_chunk(
            client,
            chunk,
            may_have_been_sent=started,
            since=since,
            settle_wait=settle_wait,
            retry=retry,
            limiter=limiter,
        )
        run.end(result)
        return result

    pending: set[asyncio.Task[ChunkResult]] = set()
    try:
        async for item in run.campaign.aplan(recipients):
            if isinstance(item, InvalidRecipient):
                run.tally.invalid(item)
                continue
            if not run.wanted(item):
                continue
            while len(pending) >= concurrency:
                done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    run.tally.chunk(task.result())
            pending.add(asyncio.create_task(job(item)))
        while pending:
            done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                run.tally.chunk(task.result())
    except (asyncio.CancelledError, KeyboardInterrupt):
        for task in pending:
            task.cancel()
        run.close()
        raise
    finally:
        run.close()
    return run.tally.result()
