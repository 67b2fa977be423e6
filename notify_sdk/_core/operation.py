"""Operations: one API request, built and validated, and how to read its answer.

An endpoint is defined once, as a *builder*: a pure function that validates
the caller's arguments and returns an :class:`Operation` (the request to make,
the parser of its answer and how safe it is to repeat). ``NotifyClient`` and
``AsyncNotifyClient`` only execute operations, so the sync and async surfaces
cannot drift apart.
"""

from __future__ import annotations

import enum
import time
import warnings
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

import attrs

from .params import KST, _outside_stacklevel, utcnow
from .record import Record

if TYPE_CHECKING:
    from .._http.config import Config
    from .._retry import RetryPolicy

__all__ = [
    "ClientMemory",
    "Context",
    "FilePath",
    "JSONDict",
    "Namespace",
    "Operation",
    "Page",
    "Pager",
    "Safety",
]

T = TypeVar("T")

#: Code namespaces, which are also the credential sets: AlimTalk, FriendTalk
#: and Brand Message share the KakaoTalk Bizmessage app key and table.
Namespace = Literal["sms", "kakao"]

JSONDict = dict[str, Any]


class Safety(enum.Enum):
    """How safe an operation is to repeat after a failure of unknown effect."""

    #: No side effect (queries): any retryable failure is retried.
    READ = "read"
    #: The server deduplicates repeats (KakaoTalk sends with their
    #: idempotency key): ambiguous failures are retried with the same key.
    IDEMPOTENT = "idempotent"
    #: No server-side deduplication, but the request can be looked up
    #: (SMS and Brand Message sends): ambiguous failures follow the policy's
    #: ``on_ambiguous`` — by default look the send up before any resend.
    RECONCILE = "reconcile"
    #: Repeating could change state twice and nothing can be checked
    #: (cancels, uploads): only failures that provably did not reach the server
    #: are retried.
    UNSAFE = "unsafe"


@attrs.frozen(slots=True)
class Operation(Generic[T]):
    """One API request, built and validated, and how to read its answer.

    Attributes:
        namespace: whose credentials, base URL and code table apply.
        method: HTTP method.
        path: URL path with the literal placeholder ``{appkey}`` where the app
            key goes; the driver fills it in, and logs the path as written
            here so that the app key never reaches a log line.
        parse: maps the decoded envelope (a dict) to the result.
        safety: see :class:`Safety`.
        params: query string parameters.
        json: JSON body.
        files: multipart files, as httpx takes them.
        data: multipart form fields.
        headers: extra request headers (idempotency key, conversion switch).
        retry: per-call retry policy, overriding the client's.
        idempotency_key: the key carried in ``headers``, if any; a -1005 answer
            on a later attempt then means an earlier attempt was accepted.
        lookup: builds the query that finds this send again (by its unique
            ``senderGroupingKey``) after an ambiguous failure; its result is
            ``None`` when the send is not found.
        replayed: the result to return when a retry was answered with -1005
            and ``lookup`` found nothing.
        tolerate: result codes whose envelope is still parsed instead of
            raised (KakaoTalk -1031 "every recipient failed" carries the
            per-recipient results).
        label: a short name for logs and retry events, e.g. ``"send_sms"``.
        url: an absolute URL on another host (Kakao's video upload) instead
            of the service's base URL and ``path``; the service's credentials
            are then not sent, only ``headers``.
        decode: reads an answer that is not an NHN Cloud envelope, from its
            HTTP status and body, into the dict ``parse`` maps (or raises the
            typed error); replaces the envelope decoding.
        timeout: seconds (or an ``httpx.Timeout``) for each attempt instead
            of the client's timeout.
        opens_files: ``files`` is a dict some of whose parts are a
            :class:`FilePath`, opened by the driver at each attempt.
    """

    namespace: Namespace
    method: str
    path: str
    parse: Callable[[JSONDict], T]
    safety: Safety
    params: Mapping[str, Any] | None = None
    json: Any = None
    files: Any = None
    data: Mapping[str, str] | None = None
    headers: Mapping[str, str] = attrs.field(factory=dict)
    retry: RetryPolicy | None = None
    idempotency_key: str | None = None
    lookup: Callable[[], Operation[T | None]] | None = None
    replayed: Callable[[], T] | None = None
    tolerate: frozenset[int] = frozenset()
    label: str = ""
    url: str | None = None
    decode: Callable[[int, bytes], JSONDict] | None = None
    timeout: Any = None
    opens_files: bool = False


class FilePath(Record):
    """A file too large to read into memory: its path and size.

    Builders never read files: a large upload puts its ``FilePath`` in
    ``Operation.files`` (with ``opens_files=True``), and the driver streams
    it from disk, opening it afresh for each attempt.
    """

    __slots__ = ("path", "size")

    def __init__(self, path: str, size: int) -> None:
        self.path = path
        self.size = size


class Page(Record, Generic[T]):
    """One page of a listing: its items and, when the API tells, the total."""

    __slots__ = ("items", "total")

    def __init__(self, items: tuple[T, ...], total: int | None = None) -> None:
        self.items = items
        self.total = total


class Pager(Record, Generic[T]):
    """A listing that is fetched page by page as the caller iterates.

    Attributes:
        fetch: builds the operation for ``(page_num, page_size)``.
        page_size: items per request (the APIs allow at most 1,000).
        limit: stop after this many items (``None``: all of them).
    """

    __slots__ = ("fetch", "limit", "page_size")

    def __init__(
        self,
        fetch: Callable[[int, int], Operation[Page[T]]],
        page_size: int = 100,
        limit: int | None = None,
    ) -> None:
        self.fetch = fetch
        self.page_size = page_size
        self.limit = limit

    def pages(self) -> Iterator[tuple[int, Operation[Page[T]]]]:
        """Yield ``(page_num, operation)`` forever; the caller decides when to stop."""
        size = self.page_size if self.limit is None else max(min(self.page_size, self.limit), 1)
        num = 1
        while True:
            yield num, self.fetch(num, size)
            num += 1

    def is_last(self, page_num: int, page: Page[T], seen: int) -> bool:
        """Whether ``page`` ends the listing (or the caller's ``limit``)."""
        if self.limit is not None and seen >= self.limit:
            return True
        size = self.page_size if self.limit is None else max(min(self.page_size, self.limit), 1)
        if len(page.items) < size:
            return True
        return page.total is not None and page_num * size >= page.total


class ClientMemory:
    """What one client remembers between its calls.

    The kind of each SMS request it sent (bounded: the most recent ones), so
    that a query given only the request id asks the right path, and whether
    it has already warned about a naive datetime.
    """

    __slots__ = ("kinds", "naive_warned")

    #: Request ids remembered; older ones are forgotten first.
    LIMIT = 4096

    def __init__(self) -> None:
        self.kinds: dict[str, str] = {}
        self.naive_warned = False

    def remember_kind(self, request_id: str | None, kind: str) -> None:
        """Note the kind of a request this client sent."""
        if request_id is None:
            return
        kinds = self.kinds
        if len(kinds) >= self.LIMIT:
            # dicts keep insertion order: drop the oldest quarter at once.
            for old in list(kinds)[: self.LIMIT // 4]:
                kinds.pop(old, None)
        kinds[request_id] = kind

    def kind_of(self, request_id: str) -> str | None:
        """The kind of a request this client sent, or ``None`` when unknown."""
        return self.kinds.get(request_id)


@attrs.frozen(slots=True)
class Context:
    """What builders may read from the client: configuration, the clock, its memory."""

    config: Config
    clock: Callable[[], datetime] = utcnow
    memory: ClientMemory = attrs.field(factory=ClientMemory, eq=False, repr=False)

    def naive_datetime(self, field: str) -> None:
        """A naive datetime was given for ``field``: warn once per client.

        No warning when the client was built with ``naive_datetimes="Asia/Seoul"``.
        """
        if self.memory.naive_warned or self.config.naive_datetimes is not None:
            return
        self.memory.naive_warned = True
        warnings.warn(
            f"{field} is a naive datetime, taken as Korea time (Asia/Seoul); a naive "
            "datetime made on a host in another timezone (datetime.utcnow(), "
            "datetime.now() on a UTC server) is then hours off. Pass an aware datetime, "
            'or build the client with naive_datetimes="Asia/Seoul" if Korea time is meant '
            "(this warning is shown once per client)",
            UserWarning,
            stacklevel=_outside_stacklevel(),
        )

    def now_kst(self) -> datetime:
        """The current time as a naive Korea wall-clock datetime."""
        return self.kst_at(self.clock())

    def stamp(self) -> float | datetime:
        """The current time, as cheaply as the clock allows, for :meth:`kst_at` later.

        Sends note when they were built for a lookup that only a failure
        needs: with the default clock that is one ``time.time()`` call, and
        the datetime is made only if the lookup happens.
        """
        return time.time() if self.clock is utcnow else self.clock()

    @staticmethod
    def kst_at(stamp: float | datetime) -> datetime:
        """A :meth:`stamp` (or an aware or Korea-time datetime) as naive Korea time."""
        if isinstance(stamp, float):
            return datetime.fromtimestamp(stamp, KST).replace(tzinfo=None)
        if stamp.tzinfo is None:
            return stamp
        return stamp.astimezone(KST).replace(tzinfo=None)
