"""The sans-I/O parts of polling: which query to make next, how long to wait, what is new.

:class:`DeliveryPoller` follows the recipients of some sends to a final result (one
query per request id per round, never one per recipient, on a backoff ladder).
:class:`UpdatePlan` cuts a time range into the windows each service's search allows
(SMS: one day; KakaoTalk: 30 days) and de-duplicates what they return, with a
:class:`UpdateCursor` that an application stores to resume where it stopped.
Neither does I/O: the client drivers in :mod:`notify_sdk.tracking._drive` run the
queries and sleep.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime, timedelta, timezone

import attrs

from .._core.params import KST
from ._status import DeliveryStatus, from_send, more_final

__all__ = [
    "DEFAULT_LADDER",
    "SERVICES",
    "WINDOW",
    "DeliveryPoller",
    "Query",
    "UpdateCursor",
    "UpdatePlan",
    "Window",
]

#: Seconds between polling rounds: quick at first (most results arrive within
#: seconds), minutes later (an SMS can take hours to settle). The last step repeats.
DEFAULT_LADDER: tuple[float, ...] = (1, 2, 3, 5, 10, 15, 30, 60, 120, 300)

#: The services :meth:`iter_delivery_updates` follows, in the order it asks them.
SERVICES: tuple[str, ...] = ("sms", "alimtalk", "friendtalk", "brand")

#: SMS sends are listed under three paths; a request id is found under one of them.
SMS_KINDS: tuple[str, ...] = ("sms", "mms", "auth")

#: The widest window each service's change search accepts.
WINDOW = {
    "sms": timedelta(days=1),
    "alimtalk": timedelta(days=30),
    "friendtalk": timedelta(days=30),
    "brand": timedelta(days=30),
}
#: Brand Message has no change search: its listing by request date is searched back
#: this far for results that changed since.
BRAND_LOOKBACK = timedelta(hours=24)
#: How many yielded results a cursor remembers at most.
_SEEN_MAX = 200_000


@attrs.frozen(slots=True)
class Query:
    """One query of a polling round: every recipient of one send.

    Attributes:
        service: ``"sms"``, ``"alimtalk"``, ``"friendtalk"`` or ``"brand"``.
        request_id: the send's request id.
        kind: SMS only: the listing path to ask (``"sms"``, ``"mms"``, ``"auth"``).
    """

    service: str
    request_id: str
    kind: str | None = None


@attrs.define
class _Tracked:
    service: str
    request_id: str
    order: list[tuple[str, str, int | None]]
    kinds: list[str]
    #: Recipients unknown in advance: whoever the answers report is followed.
    open: bool = False


class DeliveryPoller:
    """Follows the recipients of some sends until each one is final (sans-I/O).

    Each round, :meth:`queries` names one query per request id that still has a
    pending recipient; feed each answer to :meth:`feed` (or :meth:`not_found`), then
    wait :meth:`next_delay` seconds. :meth:`statuses` gives the current status of
    every recipient in the order of the sends.

    Args:
        results: the :class:`~notify_sdk.SendResult` objects (recipients the API
            refused at send time start final; a result without request id cannot be
            followed and its recipients stay pending), or ``(service, request_id)``
            pairs, whose recipients are the ones the answers list.
        ladder: seconds to wait after each round; the last value repeats.
    """

    def __init__(
        self, results: Iterable[object], *, ladder: Sequence[float] = DEFAULT_LADDER
    ) -> None:
        from ..results import SendResult

        if not ladder or any(step <= 0 for step in ladder):
            raise ValueError("ladder must be a non-empty sequence of positive seconds")
        self._ladder = tuple(float(s) for s in ladder)
        self._round = 0
        self._status: dict[tuple[str, str, int | None], DeliveryStatus] = {}
        self._order: list[tuple[str, str, int | None]] = []
        self._tracked: dict[tuple[str, str], _Tracked] = {}
        self._detailed: set[tuple[str, str, int | None]] = set()
        for result in results:
            if isinstance(result, tuple) and len(result) == 2:
                self._open(*result)
                continue
            if not isinstance(result, SendResult):
                raise TypeError(
                    "expected SendResult objects or (service, request_id) pairs, not "
                    f"{type(result).__name__}"
                )
            for status in from_send(result):
                key = status.key
                if key in self._status:
                    continue
                self._status[key] = status
                self._order.append(key)
                if result.request_id is None:
                    continue
                tracked = self._tracked.setdefault(
                    (result.service, result.request_id),
                    _Tracked(
                        result.service,
                        result.request_id,
                        [],
                        list(SMS_KINDS) if result.service == "sms" else [],
                    ),
                )
                tracked.order.append(key)

    def _open(self, service: object, request_id: object) -> None:
        if not isinstance(service, str) or service not in SERVICES:
            raise ValueError(f"the service of a (service, request_id) pair is one of {SERVICES}")
        if not isinstance(request_id, str) or not request_id:
            raise ValueError("the request_id of a (service, request_id) pair is a non-empty str")
        kinds = list(SMS_KINDS) if service == "sms" else []
        self._tracked.setdefault(
            (service, request_id), _Tracked(service, request_id, [], kinds, open=True)
        )

    @property
    def rounds(self) -> int:
        """How many rounds :meth:`next_delay` has ended."""
        return self._round

    @property
    def done(self) -> bool:
        """``True`` when every followed recipient is final."""
        return not self.queries()

    def queries(self) -> list[Query]:
        """The queries of this round: one per request id with a pending recipient."""
        out = []
        for tracked in self._tracked.values():
            if tracked.order and all(self._status[k].final for k in tracked.order):
                continue
            if not tracked.order and not tracked.open:
                continue
            kind = tracked.kinds[0] if tracked.kinds else None
            out.append(Query(tracked.service, tracked.request_id, kind))
        return out

    def feed(self, query: Query, statuses: Iterable[DeliveryStatus]) -> int:
        """Take a query's answer; returns how many recipients of ours it reported.

        An SMS query that reports none of our recipients under its path moves on to
        the next path (short SMS, then LMS/MMS, then authentication SMS) next round.
        """
        tracked = self._tracked.get((query.service, query.request_id))
        if tracked is None:
            return 0
        found = 0
        for status in statuses:
            key = status.key
            if status.request_id != query.request_id or status.service != query.service:
                continue
            if key not in self._status:
                if not tracked.open:
                    continue
                self._status[key] = status
                self._order.append(key)
                tracked.order.append(key)
            found += 1
            self._status[key] = more_final(self._status[key], status)
        if found:
            if query.kind is not None:
                # Remember the path: later rounds ask it alone.
                tracked.kinds = [query.kind]
        elif query.kind is not None and len(tracked.kinds) > 1:
            tracked.kinds = [*tracked.kinds[1:], tracked.kinds[0]]
        return found

    def details(self) -> list[tuple[str, str, int]]:
        """Recipients whose settled SMS fallback needs its request id looked up.

        The AlimTalk/FriendTalk listings report ``resendStatus`` but not
        ``resendRequestId``; the single-message query does. Each such recipient is
        named once: fetch it and pass the status to :meth:`feed_detail`.
        """
        out = []
        for key in self._order:
            status = self._status[key]
            fallback = status.fallback
            if (
                key not in self._detailed
                and status.final
                and status.seq is not None
                and status.service in ("alimtalk", "friendtalk")
                and fallback is not None
                and not fallback.request_id
            ):
                self._detailed.add(key)
                out.append((status.service, status.request_id, status.seq))
        return out

    def feed_detail(self, status: DeliveryStatus) -> None:
        """Take the single-message answer for a recipient named by :meth:`details`."""
        if status.key in self._status:
            self._status[status.key] = more_final(self._status[status.key], status)

    def not_found(self, query: Query) -> None:
        """Record that the API knows no such request under ``query``'s path."""
        self.feed(query, ())

    def next_delay(self) -> float:
        """Seconds to wait before the next round (ends the current round)."""
        step = self._ladder[min(self._round, len(self._ladder) - 1)]
        self._round += 1
        return step

    def statuses(self) -> tuple[DeliveryStatus, ...]:
        """Every recipient's current status, in the order of the sends' recipients."""
        return tuple(self._status[k] for k in self._order)


# --- change feeds ---------------------------------------------------------------------------


def _aware(moment: datetime) -> datetime:
    # Naive datetimes are Korea wall-clock time, as everywhere in the SDK.
    return moment.replace(tzinfo=KST) if moment.tzinfo is None else moment


def _fingerprint(status: DeliveryStatus) -> str:
    fb = status.fallback
    return "|".join(
        [
            status.state.value,
            status.raw_code or "",
            str(status.final),
            fb.raw_status or "" if fb is not None else "",
        ]
    )


def _key_text(status: DeliveryStatus) -> str:
    return f"{status.service}:{status.request_id}:{status.seq}"


@attrs.frozen(slots=True)
class UpdateCursor:
    """Where :meth:`iter_delivery_updates` stopped, to resume from there.

    Store :meth:`to_json` after each run and pass :meth:`from_json` as ``since`` next
    time: nothing is missed (each service resumes at its own position) and nothing
    already yielded is yielded again (results near the boundary are remembered).

    Attributes:
        positions: per service, the end of the last window fully read (aware).
        seen: results already yielded near the boundary (and Brand Message results
            within its look-back), as ``key -> fingerprint``.
    """

    positions: Mapping[str, datetime]
    seen: Mapping[str, str] = attrs.field(factory=dict)

    def to_json(self) -> str:
        """The cursor as a JSON string (store it in a row, a file, a cache)."""
        return json.dumps(
            {
                "v": 1,
                "positions": {k: v.isoformat() for k, v in self.positions.items()},
                "seen": dict(self.seen),
            },
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> UpdateCursor:
        """Read a cursor written by :meth:`to_json`.

        Raises:
            ValueError: the text is not such a cursor.
        """
        try:
            data = json.loads(text)
            positions = {
                str(k): datetime.fromisoformat(v) for k, v in dict(data["positions"]).items()
            }
            seen = {str(k): str(v) for k, v in dict(data.get("seen", {})).items()}
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"not an UpdateCursor: {exc}") from None
        return cls(positions=positions, seen=seen)


@attrs.frozen(slots=True)
class Window:
    """One search of a change feed: a service and a time range (aware datetimes).

    For SMS, AlimTalk and FriendTalk it is an update-time range of their
    ``message-results`` search; for Brand Message a request-time range of its listing.
    """

    service: str
    start: datetime
    end: datetime


class UpdatePlan:
    """Cuts ``since..until`` into each service's windows and de-duplicates (sans-I/O).

    Args:
        since: a datetime (naive = Korea time), a :class:`timedelta` before ``now``,
            or an :class:`UpdateCursor` from an earlier run.
        until: the end (default ``now``).
        now: the current time (aware).
        services: which services to follow (default all four).
        brand_lookback: how far back Brand Message's listing is searched for
            results that changed (it has no change search).
    """

    def __init__(
        self,
        since: datetime | timedelta | UpdateCursor,
        until: datetime | None,
        *,
        now: datetime,
        services: Iterable[str] | None = None,
        brand_lookback: timedelta = BRAND_LOOKBACK,
    ) -> None:
        chosen = tuple(services) if services is not None else SERVICES
        unknown = [s for s in chosen if s not in SERVICES]
        if unknown:
            raise ValueError(f"unknown service(s) {unknown}; choose from {list(SERVICES)}")
        self.until = _aware(until) if until is not None else now
        self._seen: dict[str, str] = {}
        positions: dict[str, datetime] = {}
        if isinstance(since, UpdateCursor):
            default = min(since.positions.values(), default=self.until - timedelta(hours=1))
            for service in chosen:
                positions[service] = _aware(since.positions.get(service, default))
            self._seen.update(since.seen)
        else:
            start = now - since if isinstance(since, timedelta) else _aware(since)
            positions = dict.fromkeys(chosen, start)
        self._positions = positions
        self._lookback = brand_lookback
        self._brand_since = positions.get("brand", self.until)

    def windows(self) -> Iterator[Window]:
        """The windows to search, service by service, oldest first."""
        for service, start in self._positions.items():
            if service == "brand":
                # Listed by request time: a message requested earlier can change now.
                start = start - self._lookback
            width = WINDOW[service]
            cursor = start
            while cursor < self.until:
                end = min(cursor + width, self.until)
                yield Window(service, cursor, end)
                cursor = end

    def accept(self, window: Window, status: DeliveryStatus) -> bool:
        """Whether ``status`` is news (not yielded before, in this run or the cursor's).

        Brand rows (found by request time) count only when they settled or changed;
        their last state is remembered so a later run yields only what changed.
        """
        key = _key_text(status)
        mark = _fingerprint(status)
        before = self._seen.get(key)
        if before == mark:
            return False
        self._seen[key] = mark
        if window.service == "brand" and before is None:
            # Found by request time, never seen: news only if it settled inside the
            # range. A pending one is remembered, so its result will be news.
            return status.final and status.updated_at >= self._brand_since
        return True

    def window_done(self, window: Window) -> None:
        """Record that ``window`` was read to its end (the cursor moves past it)."""
        if window.service == "brand":
            self._positions[window.service] = max(self._positions[window.service], window.end)
        else:
            self._positions[window.service] = window.end

    def cursor(self) -> UpdateCursor:
        """The cursor to resume from: positions reached, and results to skip next time.

        Only results that can be met again are kept: those near a window boundary of
        the change searches (their minute-precise windows overlap) and Brand Message
        results within the look-back.
        """
        seen = dict(self._seen)
        if len(seen) > _SEEN_MAX:
            # A bound for very busy accounts: the oldest entries (insertion order) go.
            seen = dict(list(seen.items())[-_SEEN_MAX:])
        return UpdateCursor(positions=dict(self._positions), seen=seen)


def utc_now() -> datetime:
    """The current time, aware (UTC)."""
    return datetime.now(timezone.utc)
