"""The drivers: run the poller's queries through a client, sleep, and iterate updates.

Everything that decides lives in :mod:`notify_sdk.tracking._poller`; this module only
calls the client's existing query methods (so retries, redaction and typed errors are
the client's) and sleeps. The sync and async halves mirror each other line by line.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..errors import RateLimitError, ServerError, TransportError
from ._poller import (
    BRAND_LOOKBACK,
    DEFAULT_LADDER,
    SMS_KINDS,
    WINDOW,
    DeliveryPoller,
    Query,
    UpdateCursor,
    UpdatePlan,
    Window,
    utc_now,
)
from ._status import DeliveryStatus, from_brand, from_kakao, from_sms

if TYPE_CHECKING:
    from .._http.client import AsyncNotifyClient, NotifyClient

__all__ = [
    "AsyncDeliveryUpdates",
    "DeliveryUpdates",
    "async_wait_for_delivery",
    "wait_for_delivery",
]

#: Failures a polling round shrugs off (the next round asks again): the client has
#: already retried them under its policy.
_PASSING = (ServerError, TransportError, RateLimitError)
_PAGE = 1000
#: SMS results settle up to 80 hours after the send (LMS/MMS); the listing fallback
#: searches registrations this far back for results that came in a window.
_SMS_SETTLE = timedelta(days=4)


def _results(value: object) -> list[object]:
    from ..results import SendResult

    if isinstance(value, SendResult):
        return [value]
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
        return list(value)
    raise TypeError("wait_for_delivery takes a SendResult or an iterable of them")


def _check_timeout(timeout: float) -> float:
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout < 0:
        raise ValueError("timeout must be a number of seconds >= 0")
    return float(timeout)


# --- one query -------------------------------------------------------------------------


def _query_pager(client: Any, query: Query) -> Any:
    if query.service == "sms":
        return client.list_sms_deliveries(
            kind=query.kind or "sms", request_id=query.request_id, page_size=_PAGE
        )
    if query.service == "alimtalk":
        return client.list_alimtalk_messages(request_id=query.request_id, page_size=_PAGE)
    if query.service == "friendtalk":
        return client.list_friendtalk_messages(request_id=query.request_id, page_size=_PAGE)
    return client.list_brand_messages(request_id=query.request_id, page_size=_PAGE)


def _get_message(client: Any, service: str, request_id: str, seq: int) -> Any:
    if service == "friendtalk":
        return client.get_friendtalk_message(request_id, seq)
    return client.get_alimtalk_message(request_id, seq)


def _status_of(service: str, row: Any, source: str) -> DeliveryStatus:
    if service == "sms":
        return from_sms(row, source=source)
    if service == "brand":
        return from_brand(row, source=source)
    return from_kakao(row, source=source)


#: The searches' dates drop what is finer than this: a window's end is padded by it
#: so that the last moments count (the overlap with the next window is de-duplicated).
_PRECISION = {"sms": timedelta(seconds=1), "brand": timedelta(minutes=1)}


def _window_pagers(client: Any, window: Window) -> list[Any]:
    start = window.start
    pad = _PRECISION.get(window.service, timedelta(minutes=1))
    end = min(window.end + pad, start + WINDOW[window.service])
    if window.service == "sms":
        search = getattr(client, "search_sms_results", None)
        if search is not None:
            return [search(updated_from=start, updated_to=end, page_size=_PAGE)]
        # Without the change search: results that came in the window, among the
        # sends registered in the days before it.
        return [
            client.list_sms_deliveries(
                kind=kind,
                created_from=start - _SMS_SETTLE,
                created_to=end + timedelta(minutes=1),
                result_from=start,
                result_to=end,
                page_size=_PAGE,
            )
            for kind in SMS_KINDS
        ]
    if window.service == "alimtalk":
        return [client.search_alimtalk_results(updated_from=start, updated_to=end, page_size=_PAGE)]
    if window.service == "friendtalk":
        return [
            client.search_friendtalk_results(updated_from=start, updated_to=end, page_size=_PAGE)
        ]
    return [client.list_brand_messages(requested_from=start, requested_to=end, page_size=_PAGE)]


# --- wait_for_delivery -----------------------------------------------------------------------


class _Elapsed:
    """Seconds since the start; with an injected sleep, the time it slept counts too."""

    def __init__(self, injected: bool) -> None:
        self._start = time.monotonic()
        self._slept = 0.0
        self._injected = injected

    def slept(self, seconds: float) -> None:
        if self._injected:
            self._slept += seconds

    def __call__(self) -> float:
        return time.monotonic() - self._start + self._slept


def wait_for_delivery(
    client: NotifyClient,
    results: object,
    *,
    timeout: float,
    ladder: Sequence[float] = DEFAULT_LADDER,
    sleep: Callable[[float], object] | None = None,
) -> tuple[DeliveryStatus, ...]:
    """The sync driver of :meth:`NotifyClient.wait_for_delivery`."""
    timeout = _check_timeout(timeout)
    poller = DeliveryPoller(_results(results), ladder=ladder)
    elapsed = _Elapsed(sleep is not None)
    pause = sleep if sleep is not None else time.sleep
    while True:
        for query in poller.queries():
            try:
                rows = list(_query_pager(client, query))
            except _PASSING:
                continue
            poller.feed(query, (_status_of(query.service, r, "query") for r in rows))
        for service, request_id, seq in poller.details():
            try:
                row = _get_message(client, service, request_id, seq)
            except _PASSING:
                continue
            poller.feed_detail(from_kakao(row, source="query"))
        if poller.done:
            break
        left = timeout - elapsed()
        if left <= 0:
            break
        delay = min(poller.next_delay(), left)
        pause(delay)
        elapsed.slept(delay)
    return poller.statuses()


async def async_wait_for_delivery(
    client: AsyncNotifyClient,
    results: object,
    *,
    timeout: float,
    ladder: Sequence[float] = DEFAULT_LADDER,
    sleep: Callable[[float], object] | None = None,
) -> tuple[DeliveryStatus, ...]:
    """The async driver of :meth:`AsyncNotifyClient.wait_for_delivery`."""
    timeout = _check_timeout(timeout)
    poller = DeliveryPoller(_results(results), ladder=ladder)
    elapsed = _Elapsed(sleep is not None)
    pause: Callable[[float], object] = sleep if sleep is not None else asyncio.sleep
    while True:
        queries = poller.queries()
        answers = await asyncio.gather(
            *(_collect(_query_pager(client, q)) for q in queries), return_exceptions=True
        )
        for query, answer in zip(queries, answers, strict=True):
            if isinstance(answer, BaseException):
                if isinstance(answer, _PASSING):
                    continue
                raise answer
            poller.feed(query, (_status_of(query.service, r, "query") for r in answer))
        for service, request_id, seq in poller.details():
            try:
                row = await _get_message(client, service, request_id, seq)
            except _PASSING:
                continue
            poller.feed_detail(from_kakao(row, source="query"))
        if poller.done:
            break
        left = timeout - elapsed()
        if left <= 0:
            break
        delay = min(poller.next_delay(), left)
        outcome = pause(delay)
        if inspect.isawaitable(outcome):
            await outcome
        elapsed.slept(delay)
    return poller.statuses()


async def _collect(pager: Any) -> list[Any]:
    return [row async for row in pager]


# --- iter_delivery_updates -------------------------------------------------------------------


def _plan(
    since: datetime | timedelta | UpdateCursor,
    until: datetime | None,
    services: Iterable[str] | None,
    brand_lookback: timedelta,
) -> UpdatePlan:
    return UpdatePlan(since, until, now=utc_now(), services=services, brand_lookback=brand_lookback)


class _Updates:
    """What the sync and async update iterators share: the plan and where it got to."""

    def __init__(
        self,
        client: Any,
        *,
        since: datetime | timedelta | UpdateCursor,
        until: datetime | None = None,
        services: Iterable[str] | None = None,
        brand_lookback: timedelta = BRAND_LOOKBACK,
    ) -> None:
        self._plan = _plan(since, until, services, brand_lookback)
        self._client = client
        self._rows = self._generate()

    def _generate(self) -> Any:
        """The rows, as a generator the iterator's ``__next__``/``__anext__`` reads."""
        raise NotImplementedError

    @property
    def cursor(self) -> UpdateCursor:
        """Where to resume: complete windows read so far, and what was yielded."""
        return self._plan.cursor()


class DeliveryUpdates(_Updates, Iterator[DeliveryStatus]):
    """An iterator over delivery results that changed in a time range (sync client).

    Yields :class:`~notify_sdk.tracking.DeliveryStatus`, each recipient's change once.
    :attr:`cursor` says where it got to: store ``updates.cursor.to_json()`` after the
    loop and pass ``UpdateCursor.from_json(...)`` as ``since`` next time.

    Args:
        client: the :class:`~notify_sdk.NotifyClient` whose queries are used.
        since: a datetime (naive = Korea time), a timedelta before now, or a cursor.
        until: the end of the range (default now).
        services: which services to follow (default all).
        brand_lookback: how far before ``since`` Brand Message sends are listed.
    """

    _client: NotifyClient
    _rows: Iterator[DeliveryStatus]

    def _generate(self) -> Iterator[DeliveryStatus]:
        for window in self._plan.windows():
            for pager in _window_pagers(self._client, window):
                for row in pager:
                    status = _status_of(window.service, row, "search")
                    if self._plan.accept(window, status):
                        yield status
            self._plan.window_done(window)

    def __next__(self) -> DeliveryStatus:
        return next(self._rows)


class AsyncDeliveryUpdates(_Updates, AsyncIterator[DeliveryStatus]):
    """The ``async for`` twin of :class:`DeliveryUpdates` (async client)."""

    _client: AsyncNotifyClient
    _rows: AsyncIterator[DeliveryStatus]

    async def _generate(self) -> AsyncIterator[DeliveryStatus]:
        for window in self._plan.windows():
            for pager in _window_pagers(self._client, window):
                async for row in pager:
                    status = _status_of(window.service, row, "search")
                    if self._plan.accept(window, status):
                        yield status
            self._plan.window_done(window)

    def __anext__(self) -> Awaitable[DeliveryStatus]:
        return self._rows.__anext__()
