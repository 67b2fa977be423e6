"""FriendTalk v2.4 (compatibility mode): a unit that can be deleted when its route closes.

FriendTalk decisions (documented in the guide):

* FriendTalk only exists in NHN's "compatibility" mode until about
  2026-12-31; :func:`send_friendtalk` always sends
  ``X-Convert-To-Brand-Message: true`` and issues a ``DeprecationWarning``
  pointing to ``send_brand_message``.
* Night-time rule (no FriendTalk delivery from 20:50 to 08:00 KST): a
  ``scheduled_at`` inside the window is refused locally (it would certainly
  end in delivery failure 3022); an immediate send inside the window emits a
  ``UserWarning`` and is sent, because the provider, not the SDK, owns the
  delivery decision and the caller may be sending on purpose (e.g. testing).
* Body limits are FriendTalk's own (its validation still runs in the
  compatibility mode): text 1,000 characters, image 400, wide image 76;
  buttons at most 5 (2 for a wide image).
* ``isAd`` defaults to true in the API, and the route converts every send to
  a Brand Message, which is advertising: the SDK sends ``isAd`` only when the
  caller passes ``is_ad``, and applies the advertising rules unless the caller
  says ``is_ad=False``.
* The compatibility scope is the send and its query APIs: cancels and the
  result-update search lie outside it, so they warn (``FutureWarning``) that
  they may stop working before the route closes.
* No new FriendTalk message types are added: build a Brand Message, or
  convert an existing FriendTalk call with :func:`notify_sdk.brand.friendtalk_to_brand`.

Deleting FriendTalk is deleting this module, its line in the package's
method mixins and its tests.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from ..._core import (
    Context,
    JSONDict,
    Operation,
    Pager,
)
from ..._core.endpoints import KAKAO
from ..._core.models import SmsFallback
from ..._core.operation import Safety
from ..._core.params import (
    Recipients,
    check_night,
    normalize_recipients,
    require_text,
    to_kst,
)
from ...errors import ValidationError
from ...results import CancelResult, SendResult
from .common import (
    AdRule,
    cancel_operation,
    send_keys,
)

if TYPE_CHECKING:
    from ..._retry import RetryPolicy
from .messages import (
    _get_message,
    _list_messages,
    _search_results,
)
from .models import (
    LINK_MAX,
    KakaoButton,
    KakaoMessage,
)
from .parts import (
    _buttons,
    _no_alimtalk_parts,
    _recipient_no,
    _resend,
    _send,
    _short,
    _top_level,
    _with_options,
)

FriendTalkType = Literal["text", "image", "wide_image"]


_FRIENDTALK = "/friendtalk/v2.4/appkeys/{appkey}"
_CONVERT_HEADER = "X-Convert-To-Brand-Message"
_FRIENDTALK_HEADERS = {_CONVERT_HEADER: "true"}
_ROUTE: tuple[str, Mapping[str, str]] = (_FRIENDTALK, _FRIENDTALK_HEADERS)


#: FriendTalk (compatibility mode) body limits per message type.
FRIENDTALK_BODY_MAX: Mapping[str, int] = {"text": 1000, "image": 400, "wide_image": 76}
FRIENDTALK_BUTTONS_MAX: Mapping[str, int] = {"text": 5, "image": 5, "wide_image": 2}


_FRIENDTALK_BUTTON_TYPES = frozenset({"WL", "AL", "BK", "MD", "BF"})


def _ad_rule(is_ad: bool | None) -> AdRule | None:
    # None is the API's default, which is advertising.
    return None if is_ad is False else _friendtalk_ad_rule


def _outside_scope(method: str) -> None:
    warnings.warn(
        f"{method} calls a FriendTalk endpoint outside NHN's compatibility scope (sends "
        "and their queries): it may stop working before the route closes around 2026-12-31",
        FutureWarning,
        stacklevel=4,
    )


def _friendtalk_ad_rule(content: str, field: str) -> None:
    """The advertising wording a FriendTalk fallback text needs (API rule -4200)."""
    if not content.lstrip().startswith("(광고)") or "080" not in content:
        raise ValidationError(
            f"{field}.content of an advertising FriendTalk must start with '(광고)' and "
            "name the 080 opt-out number (API rule -4200); omit it to let the provider "
            "build it",
            field=field,
        )


# --- FriendTalk send --------------------------------------------------------------


def send_friendtalk(
    ctx: Context,
    to: Recipients,
    content: str,
    *,
    sender_key: str | None = None,
    message_type: FriendTalkType = "text",
    image_url: str | None = None,
    image_link: str | None = None,
    buttons: Sequence[KakaoButton] | None = None,
    is_ad: bool | None = None,
    adult: bool = False,
    fallback: SmsFallback | bool | None = None,
    scheduled_at: datetime | None = None,
    sender_grouping_key: str | None = None,
    idempotency_key: str | None = None,
    stats_id: str | None = None,
    retry: RetryPolicy | None = None,
    dedupe: bool = False,
) -> Operation[SendResult]:
    """Send a FriendTalk message (deprecated: use ``send_brand_message``).

    Kakao ended FriendTalk on 2025-12-31; NHN converts FriendTalk requests to
    Brand Messages until about 2026-12-31 (the SDK sends the required
    ``X-Convert-To-Brand-Message: true`` header). Every call issues a
    ``DeprecationWarning``.

    FriendTalk is not delivered from 20:50 to 08:00 (KST): a ``scheduled_at``
    in that window raises ``ValidationError``; an immediate send in it emits
    a ``UserWarning`` and is sent (the messages will likely fail with
    delivery result 3022).

    Args:
        to: recipients, as for :meth:`send_alimtalk`.
        content: the text: at most 1,000 characters for ``"text"``, 400 for
            ``"image"``, 76 for ``"wide_image"``.
        sender_key: the sender profile key; default the client's ``kakao_sender_key``.
        message_type: ``"text"``, ``"image"`` or ``"wide_image"``.
        image_url: the uploaded image's URL (required for the image types;
            the image itself decides whether it is wide).
        image_link: where tapping the image leads (image types only).
        buttons: at most 5 (2 for ``"wide_image"``); types ``WL``, ``AL``,
            ``BK``, ``MD``, ``BF``.
        is_ad: ``None`` (default) leaves ``isAd`` out, so the API's default
            applies: advertising (every send becomes a Brand Message, which is
            advertising). ``True``/``False`` are sent as given; only
            ``False`` lifts the advertising rules on the fallback.
        adult: restrict to adult recipients.
        fallback: SMS fallback as for :meth:`send_alimtalk`; for an ad its
            ``content`` must carry ``(광고)`` and the 080 opt-out number.
        scheduled_at, sender_grouping_key, idempotency_key, stats_id, retry,
            dedupe: as for :meth:`send_alimtalk`.

    Returns:
        The :class:`~notify_sdk.SendResult` (service ``"friendtalk"``).

    Raises:
        ValidationError: bad input (including a schedule in the night window).
        SenderProfileBlocked: the sender profile is blocked (-1027).
        DuplicateRequestError: ``idempotency_key`` was used in the last 10 minutes.
        APIError: any other failure the API reports.
        TransportError: the network failed and retries ran out.
    """
    warnings.warn(
        "send_friendtalk uses NHN's FriendTalk compatibility route, which closes around "
        "2026-12-31; use send_brand_message instead",
        DeprecationWarning,
        stacklevel=3,
    )
    recipients = normalize_recipients(to, dedupe=dedupe)
    if message_type not in FRIENDTALK_BODY_MAX:
        raise ValidationError(
            f"message_type must be 'text', 'image' or 'wide_image', not {message_type!r}",
            field="message_type",
        )
    require_text(
        content,
        "content",
        max_chars=FRIENDTALK_BODY_MAX[message_type],
        hint=f" for a {message_type} FriendTalk",
    )
    if message_type == "text":
        if image_url is not None or image_link is not None:
            raise ValidationError(
                "image_url/image_link need message_type='image' or 'wide_image'",
                field="image_url",
            )
    else:
        require_text(image_url, "image_url", max_chars=LINK_MAX)
        _short(image_link, "image_link", LINK_MAX)
    button_list = _buttons(buttons, _FRIENDTALK_BUTTON_TYPES, FRIENDTALK_BUTTONS_MAX[message_type])
    if is_ad is not None and not isinstance(is_ad, bool):
        raise ValidationError("is_ad must be True, False or None", field="is_ad")
    if not isinstance(adult, bool):
        raise ValidationError("adult must be a bool", field="adult")
    call_resend = _resend(fallback, "fallback", ad_rule=_ad_rule(is_ad))
    grouping, key = send_keys(sender_grouping_key, idempotency_key)
    payload = _top_level(ctx, sender_key, grouping, scheduled_at, stats_id)
    entries: list[JSONDict] = []
    for index, r in enumerate(recipients):
        if r.params:
            raise ValidationError(
                "to: Recipient.params are template parameters; FriendTalk has no template",
                field="to",
            )
        _no_alimtalk_parts(r, index, "send_friendtalk")
        entry: JSONDict = {"recipientNo": _recipient_no(r), "content": content}
        if image_url is not None:
            entry["imageUrl"] = image_url
        if image_link is not None:
            entry["imageLink"] = image_link
        if button_list:
            entry["buttons"] = button_list
        if is_ad is not None:
            entry["isAd"] = is_ad
        if adult:
            entry["adult"] = True
        entries.append(_with_options(entry, r, call_resend, ad_rule=_ad_rule(is_ad)))
    payload["recipientList"] = entries
    scheduled = None if scheduled_at is None else to_kst(scheduled_at, "scheduled_at")
    check_night(scheduled, ctx.now_kst(), what="FriendTalk messages", escape="", stacklevel=3)
    return _send(
        ctx, "friendtalk", _ROUTE, "messages", "send_friendtalk", payload, recipients, key, retry
    )


def list_friendtalk_messages(
    ctx: Context,
    *,
    request_id: str | None = None,
    requested_from: datetime | None = None,
    requested_to: datetime | None = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
    sender_key: str | None = None,
    sender_grouping_key: str | None = None,
    recipient_grouping_key: str | None = None,
    recipient: str | None = None,
    status: str | None = None,
    result: str | None = None,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[KakaoMessage]:
    """List FriendTalk messages (one item per recipient), paging as you iterate.

    Arguments as for :meth:`list_alimtalk_messages`, without
    ``template_code``; ``status`` is ``"COMPLETED"`` or ``"FAILED"``.

    Returns:
        An iterator (``async for`` on the async client) of :class:`KakaoMessage`.

    Raises:
        ValidationError: no selector, a range over 31 days, bad arguments.
    """
    return _list_messages(
        "friendtalk", _FRIENDTALK, _FRIENDTALK_HEADERS, ("COMPLETED", "FAILED"),
        request_id=request_id, requested_from=requested_from, requested_to=requested_to,
        created_from=created_from, created_to=created_to, sender_key=sender_key,
        template_code=None, sender_grouping_key=sender_grouping_key,
        recipient_grouping_key=recipient_grouping_key, recipient=recipient, status=status,
        result=result, page_size=page_size, limit=limit, retry=retry,
    )  # fmt: skip


def get_friendtalk_message(
    ctx: Context, request_id: str, seq: int, *, retry: RetryPolicy | None = None
) -> Operation[KakaoMessage]:
    """Get one recipient of a FriendTalk send; arguments as for :meth:`get_alimtalk_message`."""
    return _get_message("friendtalk", _FRIENDTALK, _FRIENDTALK_HEADERS, request_id, seq, retry)


def cancel_friendtalk(
    ctx: Context,
    request: SendResult | str,
    *,
    recipient_seqs: Iterable[int] | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[CancelResult]:
    """Cancel a scheduled FriendTalk send (all recipients, or some of them).

    Same arguments as :meth:`cancel_alimtalk`. FriendTalk runs in the
    provider's compatibility mode until about 2026-12-31; cancel Brand
    Message sends with :meth:`cancel_brand_message`. Returns a
    :class:`~notify_sdk.CancelResult` (``service="friendtalk"``) as
    :meth:`cancel_alimtalk` does.

    Warns:
        FutureWarning: cancels lie outside the compatibility scope (sends and
            their queries) and may stop working before the route closes.

    Raises:
        ValidationError: bad arguments.
        APIError: nothing was cancellable, or another failure.
    """
    _outside_scope("cancel_friendtalk")
    return cancel_operation(
        "friendtalk",
        _FRIENDTALK,
        request,
        recipient_seqs,
        retry,
        label="cancel_friendtalk",
        headers=_FRIENDTALK_HEADERS,
    )


def search_friendtalk_results(
    ctx: Context,
    *,
    updated_from: datetime,
    updated_to: datetime,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[KakaoMessage]:
    """List FriendTalk messages whose result changed in a time range (for polling).

    As :meth:`search_alimtalk_results`, for FriendTalk's compatibility mode.

    Args:
        updated_from, updated_to: the update time range (at most 31 days).
        page_size: items per request, 1..1,000.
        limit: stop after this many items.
        retry: a retry policy for these calls.

    Returns:
        An iterator (``async for`` on the async client) of :class:`KakaoMessage`.

    Warns:
        FutureWarning: the result-update search lies outside the compatibility
            scope and may stop working before the route closes.
    """
    _outside_scope("search_friendtalk_results")
    return _search_results(
        "friendtalk",
        _FRIENDTALK,
        _FRIENDTALK_HEADERS,
        {},
        updated_from,
        updated_to,
        page_size,
        limit,
        retry,
    )


# --- endpoint declarations (see notify_sdk._core.endpoints) ---------------------------

KAKAO.endpoint(
    "cancel_friendtalk",
    "DELETE",
    "messages/{requestId}",
    group="AlimTalk and FriendTalk",
    product="friendtalk",
    segments={"request": "requestId"},
).builds(cancel_friendtalk)
KAKAO.endpoint(
    "get_friendtalk_message",
    "GET",
    "messages/{requestId}/{recipientSeq}",
    group="AlimTalk and FriendTalk",
    product="friendtalk",
    segments={"request_id": "requestId", "seq": "recipientSeq"},
).builds(get_friendtalk_message)
KAKAO.endpoint(
    "list_friendtalk_messages",
    "GET",
    "messages",
    group="AlimTalk and FriendTalk",
    product="friendtalk",
    pager=True,
    query={
        "sender_key": "senderKey",
        "sender_grouping_key": "senderGroupingKey",
        "recipient_grouping_key": "recipientGroupingKey",
    },
    example={"request_id": "20260101000000abcdef"},
).builds(list_friendtalk_messages)
KAKAO.endpoint(
    "search_friendtalk_results",
    "GET",
    "message-results",
    group="AlimTalk and FriendTalk",
    product="friendtalk",
    pager=True,
).builds(search_friendtalk_results)
KAKAO.endpoint(
    "send_friendtalk",
    "POST",
    "messages",
    group="AlimTalk and FriendTalk",
    product="friendtalk",
    safety=Safety.IDEMPOTENT,
).builds(send_friendtalk)
