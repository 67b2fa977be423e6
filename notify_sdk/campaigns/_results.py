"""What a campaign run reports: per chunk, per failed recipient, and in total.

A million-recipient campaign keeps counts, one request id per chunk and the
failed recipients only as a stream (a callback or a CSV / JSON Lines file):
never one object per recipient.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Mapping, Sequence
from typing import IO, Any

import attrs

from ..results import UNCONFIRMED, RecipientResult, SendResult
from ._plan import Chunk, InvalidRecipient, number_of

__all__ = [
    "OUTCOMES",
    "CampaignProgress",
    "CampaignResult",
    "ChunkResult",
    "FailedRecipient",
    "FailureSink",
]

#: Every recipient of a campaign ends in exactly one of these outcomes:
#: ``accepted`` by the API; ``refused`` by the API (a per-recipient result
#: code); ``unconfirmed`` (found again after a crash or an ambiguous failure,
#: but not in the provider's listing: check before sending again);
#: ``invalid`` (refused locally, never sent); ``failed`` (its whole request
#: was refused, nothing sent); ``unknown`` (its request may or may not have
#: been accepted: the journal keeps it for resume); ``not_sent`` (the run
#: stopped before its chunk).
OUTCOMES = ("accepted", "refused", "unconfirmed", "invalid", "failed", "unknown", "not_sent")
_CSV_FIELDS = ("row", "number", "outcome", "code", "message", "chunk")


@attrs.frozen(slots=True)
class FailedRecipient:
    """One recipient that did not end ``accepted``.

    Attributes:
        row: its input row number (position in the recipient stream, from 1).
        number: the number as given or as the API echoed it.
        outcome: one of :data:`OUTCOMES` other than ``"accepted"``.
        code: the API result code, or the error's name for local refusals
            and failed requests.
        message: the reason, in words.
        chunk: the chunk index (``None`` for rows refused while planning).
    """

    row: int
    number: str | None
    outcome: str
    code: str | None
    message: str
    chunk: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (what the JSON Lines file holds per line)."""
        return attrs.asdict(self)


@attrs.frozen(slots=True)
class ChunkResult:
    """The outcome of running one chunk.

    Attributes:
        index: the chunk index.
        state: ``"sent"`` (the API accepted the request), ``"failed"`` (it
            refused the whole request; nothing was sent) or ``"unknown"``
            (it may or may not have been accepted; look again before
            resending, as resume does).
        size: recipients in the chunk.
        counts: recipients per outcome (keys of :data:`OUTCOMES`).
        request_id: the API's request id when sent.
        recovered: ``True`` when the send was found again by its grouping
            key instead of being sent (a second run of the chunk).
        code: for ``failed`` / ``unknown``: the API code or error name.
        detail: for ``failed`` / ``unknown``: the error text.
        failures: the chunk's recipients that did not end ``accepted``.
    """

    index: int
    state: str
    size: int
    counts: Mapping[str, int]
    request_id: str | None = None
    recovered: bool = False
    code: str | None = None
    detail: str | None = None
    failures: tuple[FailedRecipient, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (a task queue's result backend can store it)."""
        out = attrs.asdict(self, recurse=False)
        out["counts"] = dict(self.counts)
        out["failures"] = [f.to_dict() for f in self.failures]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ChunkResult:
        """The inverse of :meth:`to_dict`."""
        values = dict(data)
        values["failures"] = tuple(FailedRecipient(**f) for f in values.get("failures", ()))
        return cls(**values)


def chunk_sent(
    chunk: Chunk, result: SendResult, invalid: list[FailedRecipient], *, found: bool = False
) -> ChunkResult:
    """A :class:`ChunkResult` from the answer of a send, or its listing (``found``)."""
    counts = dict.fromkeys(OUTCOMES, 0)
    counts["invalid"] = len(invalid)
    failures = list(invalid)
    # The send carried the chunk's recipients minus the invalid ones, in
    # order, and its result has one row per recipient sent (SendResult's
    # contract): only the refused rows are read, so that a lazily mapped
    # answer never makes its thousand RecipientResult objects.
    if invalid:
        skipped = {f.row for f in invalid}
        rows: Sequence[int] = [row for row in chunk.rows if row not in skipped]
    else:
        rows = chunk.rows
    refused: Sequence[tuple[int, RecipientResult]] = [(r.seq or 0, r) for r in result.failed]
    if any(seq == 0 for seq, _ in refused):
        # An answer without recipientSeq: its rows are in request order.
        refused = [(p, r) for p, r in enumerate(result.recipients, 1) if r.result_code != 0]
    for seq, recipient in refused:
        code = recipient.result_code
        outcome = "unconfirmed" if code == UNCONFIRMED else "refused"
        counts[outcome] += 1
        row = rows[seq - 1] if 0 < seq <= len(rows) else 0
        failures.append(
            FailedRecipient(
                row, recipient.number, outcome, str(code), recipient.result_message, chunk.index
            )
        )
    counts["accepted"] = len(rows) - len(refused)
    return ChunkResult(
        index=chunk.index,
        state="sent",
        size=chunk.size,
        counts=counts,
        request_id=result.request_id,
        recovered=found or result.recovered,
        failures=tuple(failures),
    )


def chunk_not_sent(
    chunk: Chunk,
    state: str,
    code: str,
    detail: str,
    invalid: list[FailedRecipient],
) -> ChunkResult:
    """A :class:`ChunkResult` for a chunk whose request failed (or may have)."""
    outcome = "unknown" if state == "unknown" else "failed"
    skipped = {f.row for f in invalid}
    failures = list(invalid)
    failures.extend(
        FailedRecipient(row, number_of(recipient), outcome, code, detail, chunk.index)
        for row, recipient in zip(chunk.rows, chunk.recipients, strict=True)
        if row not in skipped
    )
    counts = dict.fromkeys(OUTCOMES, 0)
    counts["invalid"] = len(invalid)
    counts[outcome] = chunk.size - len(invalid)
    return ChunkResult(
        index=chunk.index,
        state=state,
        size=chunk.size,
        counts=counts,
        code=code,
        detail=detail,
        failures=tuple(failures),
    )


@attrs.frozen(slots=True)
class CampaignProgress:
    """Passed to ``progress=`` after each chunk (and at the end).

    Attributes:
        chunks_done: chunks finished (sent, failed, unknown, or skipped as
            already sent by an earlier run).
        recipients_done: input rows accounted for, invalid ones included.
        counts: recipients per outcome so far.
        finished: ``True`` on the last call.
    """

    chunks_done: int
    recipients_done: int
    counts: Mapping[str, int]
    finished: bool = False


@attrs.frozen(slots=True)
class CampaignResult:
    """The outcome of a campaign run.

    Attributes:
        campaign_id: the campaign.
        counts: recipients per outcome (every key of :data:`OUTCOMES`); they
            add up to :attr:`total`, the number of input rows.
        chunks: chunks per state (``"sent"``, ``"failed"``, ``"unknown"``,
            ``"skipped"``: sent by an earlier run, per the journal).
        request_ids: the API request id of every chunk sent, in chunk order.
        failures_path: the file the failed recipients were written to.
        interrupted: the run stopped early (Ctrl-C); resume it from its journal.
    """

    campaign_id: str
    counts: Mapping[str, int]
    chunks: Mapping[str, int]
    request_ids: tuple[str, ...]
    failures_path: str | None = None
    interrupted: bool = False

    @property
    def total(self) -> int:
        """Input rows seen (valid and invalid)."""
        return sum(self.counts.values())

    @property
    def accepted(self) -> int:
        """Recipients the API accepted."""
        return self.counts.get("accepted", 0)

    @property
    def complete(self) -> bool:
        """Every recipient has a definite outcome: no chunk is unknown or unsent."""
        return not self.interrupted and not (
            self.counts.get("unknown", 0) or self.counts.get("not_sent", 0)
        )

    @property
    def ok(self) -> bool:
        """Every recipient was accepted."""
        return self.accepted == self.total


class FailureSink:
    """Where failed recipients go: a callback, a CSV file or a JSON Lines file.

    Args:
        target: ``None`` (counted only), a callable taking a
            :class:`FailedRecipient`, or a path; a path ending in ``.jsonl``
            gets one JSON object per line, any other path CSV with a header
            (``row,number,outcome,code,message,chunk``).
        append: add to an existing file (a resumed run) instead of replacing it.
    """

    def __init__(
        self,
        target: str | os.PathLike[str] | Callable[[FailedRecipient], object] | None,
        *,
        append: bool = False,
    ) -> None:
        self.path: str | None = None
        self._callback: Callable[[FailedRecipient], object] | None = None
        self._file: IO[str] | None = None
        self._csv: Any = None
        if target is None:
            return
        if callable(target):
            self._callback = target
            return
        self.path = os.fspath(target)
        fresh = not (append and os.path.exists(self.path))
        self._file = open(self.path, "w" if fresh else "a", encoding="utf-8", newline="")  # noqa: SIM115
        if not self.path.endswith(".jsonl"):
            self._csv = csv.writer(self._file)
            if fresh:
                self._csv.writerow(_CSV_FIELDS)

    def write(self, failure: FailedRecipient) -> None:
        """Send one failed recipient to the target."""
        if self._callback is not None:
            self._callback(failure)
        elif self._csv is not None:
            self._csv.writerow(attrs.astuple(failure))
        elif self._file is not None:
            self._file.write(json.dumps(failure.to_dict(), ensure_ascii=False) + "\n")

    def close(self) -> None:
        """Flush and close the file (callbacks need nothing)."""
        if self._file is not None:
            self._file.close()
            self._file = None


class Tally:
    """Adds chunk results up into a :class:`CampaignResult` (any engine uses it)."""

    def __init__(
        self,
        campaign_id: str,
        sink: FailureSink,
        progress: Callable[[CampaignProgress], object] | None = None,
        *,
        first_report: Callable[[int], bool] | None = None,
    ) -> None:
        self.campaign_id = campaign_id
        # Whether an invalid row is reported for the first time (a resumed run
        # appends to the failure file and must not list a row twice).
        self.first_report = first_report
        self.sink = sink
        self.progress = progress
        self.counts = dict.fromkeys(OUTCOMES, 0)
        self.chunks: dict[str, int] = {}
        self.request_ids: dict[int, str] = {}
        self.chunks_done = 0

    def invalid(self, item: InvalidRecipient) -> None:
        """Count a row refused while planning."""
        self.counts["invalid"] += 1
        if self.first_report is not None and not self.first_report(item.row):
            return
        self.sink.write(
            FailedRecipient(item.row, item.number, "invalid", "ValidationError", item.reason)
        )

    def chunk(self, result: ChunkResult) -> None:
        """Count a chunk's outcome and stream its failed recipients."""
        for key, value in result.counts.items():
            self.counts[key] = self.counts.get(key, 0) + value
        self.chunks[result.state] = self.chunks.get(result.state, 0) + 1
        if result.request_id:
            self.request_ids[result.index] = result.request_id
        for failure in result.failures:
            self.sink.write(failure)
        self._done()

    def skipped(self, index: int, counts: Mapping[str, int], request_id: str | None) -> None:
        """Count a chunk an earlier run sent (its counts come from the journal)."""
        for key, value in counts.items():
            self.counts[key] = self.counts.get(key, 0) + value
        self.chunks["skipped"] = self.chunks.get("skipped", 0) + 1
        if request_id:
            self.request_ids[index] = request_id
        self._done()

    def not_sent(self, size: int) -> None:
        """Count the recipients of a chunk the run stopped before."""
        self.counts["not_sent"] += size

    def _done(self) -> None:
        self.chunks_done += 1
        if self.progress is not None:
            self.progress(self.snapshot())

    def snapshot(self, *, finished: bool = False) -> CampaignProgress:
        """The progress so far."""
        return CampaignProgress(
            self.chunks_done, sum(self.counts.values()), dict(self.counts), finished
        )

    def result(self, *, interrupted: bool = False) -> CampaignResult:
        """The campaign's result; closes the failure file."""
        self.sink.close()
        if self.progress is not None:
            self.progress(self.snapshot(finished=True))
        return CampaignResult(
            campaign_id=self.campaign_id,
            counts=dict(self.counts),
            chunks=dict(self.chunks),
            request_ids=tuple(self.request_ids[i] for i in sorted(self.request_ids)),
            failures_path=self.sink.path,
            interrupted=interrupted,
        )
