"""Map a (service, result code) pair to its exception class."""

from __future__ import annotations

from collections.abc import Mapping

from notify_sdk.errors._base import APIError, UnknownAPIError

__all__ = ["SERVICES", "from_code", "lookup"]

SERVICES: tuple[str, ...] = ("sms", "kakao")
"""The error namespaces. AlimTalk, FriendTalk and Brand Message share ``"kakao"``."""

# Filled on first use: the generated modules define a few hundred classes, which an
# application that never meets an API error should not pay for at import time.
_TABLES: dict[str, Mapping[int, type[APIError]]] = {}


def _table(service: str) -> Mapping[int, type[APIError]]:
    table = _TABLES.get(service)
    if table is not None:
        return table
    if service == "sms":
        from notify_sdk.errors.sms import CODES as sms_codes

        table = sms_codes
    elif service == "kakao":
        from notify_sdk.errors.kakao import CODES as kakao_codes

        table = kakao_codes
    else:
        raise ValueError(f"unknown error namespace {service!r}: expected 'sms' or 'kakao'")
    _TABLES[service] = table
    return table


def lookup(service: str, code: int) -> type[APIError]:
    """Return the exception class for ``code`` in the ``service`` namespace.

    Args:
        service: ``"sms"`` or ``"kakao"`` (AlimTalk, FriendTalk and Brand Message all
            use ``"kakao"``). The same number means different things in the two
            services, so a code is never looked up without its service.
        code: the API result code (``header.resultCode`` or a per-recipient
            ``resultCode``).

    Returns:
        The generated per-code class (a subclass of its category, e.g.
        ``lookup("kakao", -1027)`` is a :class:`SenderProfileBlocked`);
        :class:`UnknownAPIError` for a code in no table; and :class:`APIError` itself
        for ``0``, which is success and has no class of its own.

    Raises:
        ValueError: ``service`` is neither ``"sms"`` nor ``"kakao"``.
    """
    table = _table(service)
    if code == 0:
        return APIError
    return table.get(code, UnknownAPIError)


def from_code(
    service: str,
    code: int,
    message: str = "",
    *,
    http_status: int | None = None,
    request_id: str | None = None,
    attempts: int | None = None,
) -> APIError:
    """Build the typed exception for an API failure, ready to raise or to attach to a result.

    The instance carries ``service`` and ``code`` as given (also for
    :class:`UnknownAPIError`), the server's ``message``, and the table's description
    and retryability.

    Raises:
        ValueError: ``service`` is neither ``"sms"`` nor ``"kakao"``.
    """
    cls = lookup(service, code)
    return cls(
        message,
        service=service,
        code=code,
        http_status=http_status,
        request_id=request_id,
        attempts=attempts,
    )
