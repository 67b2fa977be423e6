"""The sans-I/O core: operations, the response envelope and method wrappers.

An endpoint is defined once, as a *builder*: a pure function that validates
the caller's arguments and returns an :class:`Operation` (the request to make,
the parser of its answer and how safe it is to repeat). ``NotifyClient`` and
``AsyncNotifyClient`` only execute operations, so the sync and async surfaces
cannot drift apart: each public method is generated from the builder by
:func:`sync_method` / :func:`async_method`, which keep its signature and
docstring for type checkers and IDEs.
"""

from __future__ import annotations

import enum
import inspect
import json
import math
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, Protocol, TypeVar

import attrs

from ._config import Config, Namespace
from ._validation import KST
from .errors import ProtocolError, RateLimitError, ServerError, from_code

if TYPE_CHECKING:
    from ._retry import RetryPolicy

__all__ = [
    "Context",
    "Operation",
    "Page",
    "Pager",
    "Safety",
    "async_method",
    "async_pager",
    "decode_envelope",
    "json_bytes",
    "sync_method",
    "sync_pager",
]

T = TypeVar("T")
P = ParamSpec("P")

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


@attrs.frozen(slots=True)
class Page(Generic[T]):
    """One page of a listing: its items and, when the API tells, the total."""

    items: tuple[T, ...]
    total: int | None = None


@attrs.frozen(slots=True)
class Pager(Generic[T]):
    """A listing that is fetched page by page as the caller iterates.

    Attributes:
        fetch: builds the operation for ``(page_num, page_size)``.
        page_size: items per request (the APIs allow at most 1,000).
        limit: stop after this many items (``None``: all of them).
    """

    fetch: Callable[[int, int], Operation[Page[T]]]
    page_size: int = 100
    limit: int | None = None

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


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


@attrs.frozen(slots=True)
class Context:
    """What builders may read from the client: configuration and the clock."""

    config: Config
    clock: Callable[[], datetime] = _utcnow

    def now_kst(self) -> datetime:
        """The current time as a naive Korea wall-clock datetime."""
        return self.kst_at(self.clock())

    def stamp(self) -> float | datetime:
        """The current time, as cheaply as the clock allows, for :meth:`kst_at` later.

        Sends note when they were built for a lookup that only a failure
        needs: with the default clock that is one ``time.time()`` call, and
        the datetime is made only if the lookup happens.
        """
        return time.time() if self.clock is _utcnow else self.clock()

    @staticmethod
    def kst_at(stamp: float | datetime) -> datetime:
        """A :meth:`stamp` (or an aware or Korea-time datetime) as naive Korea time."""
        if isinstance(stamp, float):
            return datetime.fromtimestamp(stamp, KST).replace(tzinfo=None)
        if stamp.tzinfo is None:
            return stamp
        return stamp.astimezone(KST).replace(tzinfo=None)


# --- the response envelope -------------------------------------------------


def _as_code(value: object) -> int | None:
    """Read a ``resultCode``; the docs show ints, digit strings and ``""``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return 0
        try:
            return int(text)
        except ValueError:
            return None
    return None


def parse_retry_after(value: str | None, now: Callable[[], datetime] = _utcnow) -> float | None:
    """Read a ``Retry-After`` header: delta seconds or an HTTP date; ``None`` if absent/bad."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        # "inf" and "nan" parse as floats; a server cannot mean either.
        return max(seconds, 0.0) if math.isfinite(seconds) else None
    # Imported here: email.utils pulls in a lot and is rarely needed.
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max((when - now()).total_seconds(), 0.0)


def decode_envelope(
    namespace: Namespace,
    status: int,
    content: bytes,
    retry_after: str | None = None,
    tolerate: frozenset[int] = frozenset(),
) -> JSONDict:
    """Decode a response into its JSON dict, or raise the typed error it means.

    * An envelope (``header.isSuccessful``) decides by itself, whatever the
      HTTP status: success returns the dict, failure raises the class the
      code table gives for ``header.resultCode`` (unless it is in ``tolerate``).
    * No envelope: 429 raises RateLimitError, 5xx ServerError, anything else
      (a 2xx included) ProtocolError.
    """
    data: object
    try:
        data = json.loads(content) if content else None
    except (ValueError, UnicodeDecodeError, RecursionError):
        data = None
    header = data.get("header") if isinstance(data, dict) else None
    if isinstance(header, dict) and "isSuccessful" in header:
        assert isinstance(data, dict)
        successful = header.get("isSuccessful")
        code = _as_code(header.get("resultCode"))
        message = header.get("resultMessage")
        text = message if isinstance(message, str) else ""
        if (successful is True or successful == "true") and code in (0, None):
            return data
        if code is None:
            raise ProtocolError(
                f"{namespace} API answered isSuccessful={successful!r} with resultCode "
                f"{header.get('resultCode')!r}, which is not a result code",
                service=namespace,
                http_status=status,
            )
        if code == 0:
            raise ProtocolError(
                f"{namespace} API answered resultCode 0 with isSuccessful={successful!r}",
                service=namespace,
                http_status=status,
            )
        if code in tolerate:
            return data
        raise from_code(namespace, code, text, http_status=status)
    if status == 429:
        raise RateLimitError(
            "HTTP 429 Too Many Requests",
            service=namespace,
            http_status=status,
            retry_after=parse_retry_after(retry_after),
        )
    if status >= 500:
        error = ServerError(f"HTTP {status} without a result envelope", service=namespace)
        error.http_status = status
        if status == 503:
            error.retry_after = parse_retry_after(retry_after)  # type: ignore[attr-defined]
        raise error
    raise ProtocolError(
        f"{namespace} API answered HTTP {status} with a body that is not its JSON envelope",
        service=namespace,
        http_status=status,
    )


_encode_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


def json_bytes(payload: object) -> bytes:
    """A request body as compact UTF-8 JSON, as httpx's ``json=`` would write it."""
    return _encode_json(payload).encode()


def body_of(data: JSONDict, key: str, namespace: Namespace) -> Any:
    """Return ``data[key]`` or raise ProtocolError naming the missing part."""
    try:
        return data[key]
    except (KeyError, TypeError):
        raise ProtocolError(
            f"{namespace} API answer has no {key!r} part", service=namespace
        ) from None


def expect_dict(value: object, what: str, namespace: Namespace) -> JSONDict:
    """Return ``value`` if it is a JSON object, else raise ProtocolError."""
    if isinstance(value, dict):
        return value
    raise ProtocolError(
        f"{namespace} API answer: {what} is {type(value).__name__}, expected an object",
        service=namespace,
    )


def expect_list(value: object, what: str, namespace: Namespace) -> list[Any]:
    """Return ``value`` if it is a JSON array (``None`` counts as empty)."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    raise ProtocolError(
        f"{namespace} API answer: {what} is {type(value).__name__}, expected an array",
        service=namespace,
    )


# --- method wrappers -------------------------------------------------------


class SyncRunner(Protocol):
    """What :func:`sync_method` needs from a client."""

    @property
    def _context(self) -> Context: ...

    def _execute(self, op: Operation[T]) -> T: ...


class AsyncRunner(Protocol):
    """What :func:`async_method` needs from a client."""

    @property
    def _context(self) -> Context: ...

    async def _execute(self, op: Operation[T]) -> T: ...


def sync_method(
    builder: Callable[Concatenate[Context, P], Operation[T]],
) -> Callable[Concatenate[SyncRunner, P], T]:
    """Make a blocking client method from an operation builder."""

    def method(self: SyncRunner, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return self._execute(builder(self._context, *args, **kwargs))

    _copy_metadata(method, builder)
    return method


def async_method(
    builder: Callable[Concatenate[Context, P], Operation[T]],
) -> Callable[Concatenate[AsyncRunner, P], Awaitable[T]]:
    """Make an ``async`` client method from an operation builder."""

    async def method(self: AsyncRunner, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return await self._execute(builder(self._context, *args, **kwargs))

    _copy_metadata(method, builder)
    return method


def sync_pager(
    builder: Callable[Concatenate[Context, P], Pager[T]],
) -> Callable[Concatenate[SyncRunner, P], Iterator[T]]:
    """Make a blocking listing method that pages automatically as it is iterated.

    The arguments are validated when the method is called, not on first
    iteration, so bad input fails where it is written.
    """

    def method(self: SyncRunner, /, *args: P.args, **kwargs: P.kwargs) -> Iterator[T]:
        pager = builder(self._context, *args, **kwargs)
        return _iterate(self, pager)

    _copy_metadata(method, builder)
    return method


def _iterate(runner: SyncRunner, pager: Pager[T]) -> Iterator[T]:
    seen = 0
    for num, op in pager.pages():
        page = runner._execute(op)
        for item in page.items:
            if pager.limit is not None and seen >= pager.limit:
                return
            seen += 1
            yield item
        if pager.is_last(num, page, seen):
            return


def async_pager(
    builder: Callable[Concatenate[Context, P], Pager[T]],
) -> Callable[Concatenate[AsyncRunner, P], AsyncIterator[T]]:
    """Make an async listing method (``async for``) that pages automatically."""

    def method(self: AsyncRunner, /, *args: P.args, **kwargs: P.kwargs) -> AsyncIterator[T]:
        pager = builder(self._context, *args, **kwargs)
        return _aiterate(self, pager)

    _copy_metadata(method, builder)
    return method


async def _aiterate(runner: AsyncRunner, pager: Pager[T]) -> AsyncIterator[T]:
    seen = 0
    for num, op in pager.pages():
        page = await runner._execute(op)
        for item in page.items:
            if pager.limit is not None and seen >= pager.limit:
                return
            seen += 1
            yield item
        if pager.is_last(num, page, seen):
            return


_SELF = inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY)


def _copy_metadata(method: Callable[..., Any], builder: Callable[..., Any]) -> None:
    method.__name__ = builder.__name__
    method.__qualname__ = builder.__name__
    method.__doc__ = builder.__doc__
    method.__module__ = builder.__module__
    # help() and IDEs without type inference show the builder's parameters
    # (minus the client-supplied ctx) instead of (*args, **kwargs). The return
    # annotation is the builder's Operation, not what the method returns, so
    # it is left out.
    signature = inspect.signature(builder)
    parameters = list(signature.parameters.values())[1:]
    method.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[_SELF, *parameters], return_annotation=inspect.Signature.empty
    )
