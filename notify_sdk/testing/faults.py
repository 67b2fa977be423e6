"""Faults to inject into the emulator with :meth:`Emulator.inject`.

Each function returns an immutable fault object; pass it to
``emulator.inject(fault, times=..., ratio=..., match=...)``::

    from notify_sdk.testing import Emulator, faults

    emulator = Emulator()
    emulator.inject(faults.timeout_after_accept(), match="alimtalk")
    emulator.inject(faults.http_status(429, retry_after=1), times=2)
    emulator.inject(faults.result_code(-9999), ratio=0.3, match="sms")

Whether the emulator stores the message before failing is part of each
fault, so a test can tell "lost before arrival" from "arrived, answer lost".
"""

from __future__ import annotations

from ._faults import ConnectError, Fault, HttpStatus, ResultCode, Timeout

__all__ = [
    "ConnectError",
    "Fault",
    "HttpStatus",
    "ResultCode",
    "Timeout",
    "connect_error",
    "http_status",
    "result_code",
    "server_error_page",
    "timeout_after_accept",
    "timeout_before_accept",
]


def connect_error() -> ConnectError:
    """The connection fails before anything is sent: nothing is accepted.

    Through a transport or respx the client sees ``httpx.ConnectError``;
    through :meth:`Emulator.serve` the socket is closed unanswered.
    """
    return ConnectError()


def timeout_after_accept() -> Timeout:
    """The message is accepted and stored, then the answer is lost.

    Through a transport or respx the client sees ``httpx.ReadTimeout``;
    through :meth:`Emulator.serve` the socket is closed after processing.
    This is the case that makes a blind retry send twice.
    """
    return Timeout(accepted=True)


def timeout_before_accept() -> Timeout:
    """The request times out and the emulator never processes it (nothing accepted).

    Looks exactly like :func:`timeout_after_accept` to the client; use the
    pair to check that reconciliation tells them apart.
    """
    return Timeout(accepted=False)


def http_status(
    status: int, *, retry_after: float | None = None, accepted: bool = False
) -> HttpStatus:
    """Answer with HTTP ``status`` and an HTML page instead of the JSON envelope.

    Args:
        status: e.g. 429 (rate limited), 503 (unavailable), 500 or 502.
        retry_after: seconds for the ``Retry-After`` header; ``None`` omits it.
        accepted: process and store the request first (a gateway error after
            the backend acted); the default rejects before processing.
    """
    return HttpStatus(status=status, retry_after=retry_after, accepted=accepted)


def server_error_page(status: int = 502, *, accepted: bool = False) -> HttpStatus:
    """An HTML 5xx page from a gateway; ``accepted=True`` stores the message first."""
    return HttpStatus(status=status, accepted=accepted)


def result_code(code: int, *, message: str | None = None, http_status: int = 200) -> ResultCode:
    """Answer with a failed envelope carrying ``code``; nothing is accepted.

    Args:
        code: the result code, in the namespace of the service that is called
            (SMS or KakaoTalk), e.g. -9999 (system error) or -2021 (SMS queue).
        message: ``resultMessage``; the code table's text by default.
        http_status: HTTP status of the reply (200 like the real API by default).
    """
    return ResultCode(code=code, message=message, http_status=http_status)
