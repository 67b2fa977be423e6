"""One call as the drivers run it: the per-call machine plus the request and its answer.

:class:`Call` is :class:`~notify_sdk._retry.machine.Machine` (the retry,
reconcile, key-window, deadline and budget decisions) with what only a
driver needs: the request to send, the answer's decoding, the hooks and the
log line of each attempt. The sync and async drivers share it.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

import httpx

from .._core import FilePath, Operation, decode_envelope, json_bytes
from .._core.methods import unreadable
from .._core.params import unencodable_field
from .._retry import RetryBudget, RetryPolicy
from .._retry.machine import Machine
from ..errors import (
    ClientClosedError,
    NotifyError,
    ProtocolError,
    TransportError,
    ValidationError,
)
from .config import Config
from .transport import map_transport_error

if TYPE_CHECKING:
    # Imported only by clients given hooks: attrs classes cost ~1 ms each to
    # build, and most applications never ask for them.
    from ..hooks import CallObserver, HookSet

__all__ = ["Call", "complete"]

T = TypeVar("T")

logger = logging.getLogger("notify_sdk")

# Exceptions a parser can hit on an answer of an unexpected shape; they become
# ProtocolError so that no KeyError or TypeError ever reaches the caller.
_SHAPE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError)


def complete(response: httpx.Response) -> bool:
    """Whether the whole body (per Content-Length) has arrived."""
    length = response.headers.get("content-length")
    return length is not None and length.isdigit() and response.num_bytes_downloaded >= int(length)


class Call(Machine):
    """One logical call: the machine's bookkeeping, the request, the hooks."""

    __slots__ = ("body", "handles", "observer")

    def __init__(
        self,
        op: Operation[Any],
        policy: RetryPolicy,
        budget: RetryBudget,
        *,
        is_lookup: bool = False,
        hooks: HookSet | None = None,
        parent: Call | None = None,
    ) -> None:
        super().__init__(op, policy, budget, clock=time.monotonic, is_lookup=is_lookup)
        # Events for the client's hooks; None (and nothing built) without hooks.
        self.observer: CallObserver | None = None
        if hooks:
            self.observer = hooks.observe(
                label=op.label,
                method=op.method,
                path=op.path,
                namespace=op.namespace,
                body=op.json,
                parent=parent.observer if parent is not None else None,
            )
        # Serialised once per call, not per attempt, and handed to httpx as
        # bytes: a 1,000-recipient body is ~60 KB of JSON.
        try:
            self.body = None if op.json is None else json_bytes(op.json)
        except UnicodeEncodeError:
            raise self.unencodable() from None
        self.handles: list[BinaryIO] | None = None

    # -- the request --------------------------------------------------------

    def timeout(self, base: httpx.Timeout, longest: float = -1.0) -> httpx.Timeout:
        """``base``, shrunk so that no attempt outlives the deadline.

        ``longest`` is the longest of ``base``'s connect, read and write parts
        when the caller knows it: the first attempt of a call whose deadline
        is longer needs no clock read then.
        """
        deadline = self.deadline
        if deadline is None or (self.sends == 0 and deadline >= longest >= 0):
            return base
        left = self.time_left()
        assert left is not None
        left = max(left, 0.001)
        if all(v is not None and v <= left for v in (base.connect, base.read, base.write)):
            return base

        def cap(value: float | None) -> float:
            return left if value is None else min(value, left)

        return httpx.Timeout(
            connect=cap(base.connect),
            read=cap(base.read),
            write=cap(base.write),
            pool=cap(base.pool),
        )

    def request(self, http: httpx.Client | httpx.AsyncClient, config: Config) -> httpx.Request:
        """The next attempt's request; counts the attempt.

        Files named by a :class:`~notify_sdk._core.FilePath` are opened here,
        for this attempt; :meth:`close_files` closes them.
        """
        op = self.op
        if op.url is None:
            creds = config.services[op.namespace]
            creds.check()
            url = creds.base_url + op.path.replace("{appkey}", creds.app_key or "")
            headers = creds.json_headers if op.files is None else creds.form_headers
            if op.headers:
                headers = {**headers, **op.headers}
        else:
            # Another host: none of the service's credentials go there.
            url, headers = op.url, dict(op.headers)
        if op.timeout is None:
            timeout = self.timeout(config.timeout, config.longest_timeout)
        else:
            timeout = self.timeout(
                op.timeout if isinstance(op.timeout, httpx.Timeout) else httpx.Timeout(op.timeout)
            )
        files = op.files
        if files is not None and op.opens_files:
            files = self._open_files(files)
        self.sends += 1
        if self.observer is not None:
            self.observer.request(self.sends)
        try:
            return http.build_request(
                op.method,
                url,
                headers=headers,
                params=op.params or None,
                content=self.body,
                files=files,
                data=op.data,
                timeout=timeout,
            )
        except UnicodeEncodeError:
            self.sends -= 1  # built, never sent: not an attempt
            raise self.unencodable() from None

    def _open_files(self, files: dict[str, Any]) -> list[tuple[str, Any]]:
        opened: list[tuple[str, Any]] = []
        handles: list[BinaryIO] = []
        for field, (name, content, *rest) in files.items():
            if isinstance(content, FilePath):
                try:
                    content = open(content.path, "rb")  # noqa: SIM115 - closed by close_files
                except OSError as exc:
                    self.close_files(handles)
                    raise unreadable(field, content.path, exc) from None
                handles.append(content)
            opened.append((field, (name, content, *rest)))
        self.handles = handles
        return opened

    def close_files(self, handles: list[BinaryIO] | None = None) -> None:
        """Close the files :meth:`request` opened for the last attempt."""
        for handle in handles if handles is not None else self.handles or ():
            handle.close()
        self.handles = None

    def read(self, response: httpx.Response, content: bytes, started: float) -> Any:
        """Decode and parse an answer, or raise its typed error."""
        op = self.op
        try:
            if op.decode is None:
                data = decode_envelope(
                    op.namespace,
                    response.status_code,
                    content,
                    response.headers.get("retry-after"),
                    op.tolerate,
                )
            else:
                data = op.decode(response.status_code, content)
            try:
                result = op.parse(data)
            except _SHAPE_ERRORS as exc:
                raise ProtocolError(
                    f"{op.label}: the {op.namespace} API answer does not have the documented "
                    f"shape ({type(exc).__name__}: {exc})",
                    service=op.namespace,
                    http_status=response.status_code,
                ) from None
        except NotifyError as error:
            self.log(response.status_code, getattr(error, "code", None), started, error)
            raise
        self.log(response.status_code, 0, started, None, result)
        return result

    def too_slow(self, started: float) -> NotifyError:
        """The deadline passed while the answer was still arriving."""
        error = TransportError(
            f"{self.op.label}: the deadline passed while the {self.op.namespace} API was still "
            "answering; the request may or may not have been processed",
            ambiguous=True,
            service=self.op.namespace,
        )
        self.log(None, None, started, error)
        return error

    def transport_failure(self, exc: Exception, started: float) -> NotifyError:
        error = map_transport_error(exc, self.op.namespace, self.op.label or self.op.path)
        self.log(None, None, started, error)
        return error

    def log(
        self,
        status: int | None,
        code: int | None,
        started: float,
        error: NotifyError | None,
        result: object = None,
    ) -> None:
        """Report one attempt's end to the hooks and, at DEBUG, to the log."""
        observer = self.observer
        if observer is not None:
            observer.response(
                self.sends,
                status_code=status,
                result_code=code,
                error=error,
                elapsed=time.perf_counter() - started,
                result=result,
            )
        if not logger.isEnabledFor(logging.DEBUG):
            return
        from ..hooks import log_fields, service_of

        op = self.op
        elapsed = (time.perf_counter() - started) * 1000
        outcome = f"{status}" if status is not None else type(error).__name__
        request_id = getattr(result, "request_id", None)
        extra = log_fields(
            service=service_of(op.path, op.namespace),
            operation=op.label or op.path,
            attempt=self.sends,
            outcome="ok" if error is None else "failed",
            request_id=request_id if isinstance(request_id, str) else None,
            body=op.json,
        )
        # op.path still holds the "{appkey}" placeholder: the key is never logged.
        logger.debug(
            "%s %s -> %s code=%s %.1fms attempt=%d%s",
            op.method,
            op.path,
            outcome,
            code,
            elapsed,
            self.sends,
            f" error={type(error).__name__}" if error is not None else "",
            extra=extra,
        )

    # -- what the drivers report --------------------------------------------

    def announce(self, delay: float | None) -> None:
        """Tell the policy's ``on_retry`` and the hooks that a retry is about to wait."""
        callback = self.policy.on_retry
        observer = self.observer
        decision = self.decision
        if (callback is None and observer is None) or decision is None or self.last_error is None:
            return
        from .._retry.events import RetryEvent

        event = RetryEvent(
            attempt=self.sends,
            error=self.last_error,
            delay=delay or 0.0,
            operation=self.op.label,
            reconcile=self.reconcile_next,
            call_id=observer.call_id if observer is not None else None,
        )
        if observer is not None:
            observer.retry(event)
        if callback is not None:
            callback(event)

    def finish(self, result: T) -> T:
        """The call's result, stamped by the machine; the hooks hear of it."""
        result = self.succeeded(result)
        if self.observer is not None:
            self.observer.success(result, self.sends)
        return result

    def give_up(self, error: NotifyError) -> NotifyError:
        """The error the call ends with (see :meth:`Machine.failed`); the hooks hear of it."""
        error = self.failed(error)
        if self.observer is not None:
            self.observer.give_up(error, self.sends)
        return error

    def unencodable(self) -> ValidationError:
        """The request carries text UTF-8 cannot encode (a lone surrogate): bad input.

        Found while encoding the request, before anything is sent.
        """
        op = self.op
        path = unencodable_field(
            ("", op.json), ("", op.params), ("", op.data), ("header", dict(op.headers))
        )
        field = path or "request"
        return ValidationError(
            f"{op.label}: {field} holds text that cannot be encoded (a lone surrogate such as "
            "'\\ud800', often from a bad decode); fix the value before sending",
            field=field,
        )

    def closed(self, *, in_flight: bool) -> ClientClosedError:
        """The error of an attempt that met a closed client."""
        maybe_sent = in_flight or self.earlier_ambiguous
        if maybe_sent:
            text = (
                f"{self.op.label}: the client was closed while this call was in flight; "
                "an earlier attempt may have been processed — check before sending again"
            )
        else:
            text = f"{self.op.label}: the client is closed; make a new client to send again"
        return ClientClosedError(text, ambiguous=maybe_sent, service=self.op.namespace)
