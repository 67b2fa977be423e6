"""AlimTalk authentication messages: the priority route for verification codes.

``POST /auth/messages`` and ``/auth/raw-messages`` take the bodies of the
normal AlimTalk sends and answer the same way; they are queued ahead of
ordinary traffic. The sends here build exactly the request of
``send_alimtalk`` / ``send_alimtalk_raw`` and run it on the auth route with
the same guarantees: one idempotency key reused on every retry, a -1005 on a
retry recovered as the earlier accepted attempt, and a lost answer
reconciled by the send's unique ``senderGroupingKey`` on the auth listing.
"""

from __future__ import annotations

import inspect
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..._core import (
    Context,
    Operation,
    Pager,
    Safety,
)
from ..._core.endpoints import KAKAO
from ..._core.params import normalize_recipients
from ...errors import ValidationError
from ...results import SendResult
from . import alimtalk
from .messages import _get_message, _list_messages
from .models import _ALIMTALK, _MESSAGE_STATUSES, KakaoMessage
from .sending import IDEMPOTENCY_HEADER, send_operation

if TYPE_CHECKING:
    from ..._retry import RetryPolicy

__all__: list[str] = []

_AUTH = f"{_ALIMTALK}/auth"
#: One of these must appear in an authentication message (API rule -8006).
AUTH_WORDS = ("auth", "password", "verif", "にんしょう", "認証", "비밀번호", "인증")


def _on_auth_route(
    ctx: Context, op: Operation[SendResult], to: object, label: str, *, dedupe: bool
) -> Operation[SendResult]:
    """The same send on the auth route, its lookup on the auth listing."""
    payload = op.json
    assert isinstance(payload, dict) and op.idempotency_key is not None
    extra = {k: v for k, v in op.headers.items() if k != IDEMPOTENCY_HEADER}
    return send_operation(
        ctx,
        service="alimtalk",
        prefix=_AUTH,
        path=op.path.rsplit("/", 1)[1],
        label=label,
        payload=payload,
        # Normalising again gives the tuple the builder sent (which already warned).
        recipients=normalize_recipients(to, dedupe=dedupe, quiet=True),
        idempotency_key=op.idempotency_key,
        # The auth sends take the idempotency key too: a retry is safe.
        safety=Safety.IDEMPOTENT,
        headers=extra,
        retry=op.retry,
    )


def _check_auth_words(text: str, field: str) -> None:
    lowered = text.lower()
    if not any(word in lowered for word in AUTH_WORDS):
        raise ValidationError(
            f"{field} of an authentication AlimTalk must contain one of "
            f"{', '.join(AUTH_WORDS)} (API rule -8006)",
            field=field,
        )


def send_alimtalk_auth(
    ctx: Context, /, to: Any, template_code: str, **options: Any
) -> Operation[SendResult]:
    """Send an authentication AlimTalk (verification code) with an approved template.

    Takes exactly the arguments of :meth:`send_alimtalk` and gives the same
    exactly-once guarantees; the message goes through the priority route
    (``/auth/messages``). The template's text must contain an authentication
    word (``auth``, ``password``, ``verif``, ``인증``, ``비밀번호``, ...; -8006).

    Example::

        client.send_alimtalk_auth("01012345678", "OTP", params={"code": "482913"})
    """
    op = alimtalk.send_alimtalk(ctx, to, template_code, **options)
    return _on_auth_route(ctx, op, to, "send_alimtalk_auth", dedupe=options.get("dedupe", False))


def send_alimtalk_auth_raw(
    ctx: Context, /, to: Any, content: str, *, template_code: str, **options: Any
) -> Operation[SendResult]:
    """Send an authentication AlimTalk as final text (``/auth/raw-messages``).

    Takes the arguments of :meth:`send_alimtalk_raw`; ``content`` must contain
    an authentication word (checked before sending, API rule -8006).
    """
    if isinstance(content, str):
        _check_auth_words(content, "content")
    op = alimtalk.send_alimtalk_raw(ctx, to, content, template_code=template_code, **options)
    return _on_auth_route(
        ctx, op, to, "send_alimtalk_auth_raw", dedupe=options.get("dedupe", False)
    )


# help(), IDEs and the docs show the real parameters: those of the twins.
send_alimtalk_auth.__signature__ = inspect.signature(alimtalk.send_alimtalk)  # type: ignore[attr-defined]
send_alimtalk_auth_raw.__signature__ = inspect.signature(alimtalk.send_alimtalk_raw)  # type: ignore[attr-defined]


def list_alimtalk_auth_messages(
    ctx: Context,
    *,
    request_id: str | None = None,
    requested_from: datetime | None = None,
    requested_to: datetime | None = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
    sender_key: str | None = None,
    template_code: str | None = None,
    sender_grouping_key: str | None = None,
    recipient_grouping_key: str | None = None,
    recipient: str | None = None,
    status: str | None = None,
    result: str | None = None,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[KakaoMessage]:
    """List authentication AlimTalk messages; the filters of :meth:`list_alimtalk_messages`."""
    # The filters go through by name: the signature is their only list.
    filters = {name: value for name, value in locals().items() if name != "ctx"}
    return _list_messages(
        "alimtalk", _AUTH, {}, _MESSAGE_STATUSES, label="list_alimtalk_auth_messages", **filters
    )


def get_alimtalk_auth_message(
    ctx: Context, request_id: str, seq: int, *, retry: RetryPolicy | None = None
) -> Operation[KakaoMessage]:
    """Get one recipient of an authentication AlimTalk send."""
    return _get_message(
        "alimtalk", _AUTH, {}, request_id, seq, retry, label="get_alimtalk_auth_message"
    )


# --- endpoint declarations (see notify_sdk._core.endpoints) ---------------------------

KAKAO.endpoint(
    "get_alimtalk_auth_message",
    "GET",
    "auth/messages/{requestId}/{recipientSeq}",
    group="AlimTalk authentication messages",
    segments={"request_id": "requestId", "seq": "recipientSeq"},
).builds(get_alimtalk_auth_message)
KAKAO.endpoint(
    "list_alimtalk_auth_messages",
    "GET",
    "auth/messages",
    group="AlimTalk authentication messages",
    pager=True,
    query={
        "sender_key": "senderKey",
        "template_code": "templateCode",
        "sender_grouping_key": "senderGroupingKey",
        "recipient_grouping_key": "recipientGroupingKey",
    },
    example={"request_id": "20260101000000abcdef"},
).builds(list_alimtalk_auth_messages)
KAKAO.endpoint(
    "send_alimtalk_auth",
    "POST",
    "auth/messages",
    group="AlimTalk authentication messages",
    safety=Safety.IDEMPOTENT,
).builds(send_alimtalk_auth)
KAKAO.endpoint(
    "send_alimtalk_auth_raw",
    "POST",
    "auth/raw-messages",
    group="AlimTalk authentication messages",
    safety=Safety.IDEMPOTENT,
    example={"content": "인증번호 1234"},
).builds(send_alimtalk_auth_raw)
