"""The Brand Message view of a sender profile, and its 080 opt-out data.

Brand Message ads must name an 080 opt-out number: the profile's own
(``unsubscribe_no``) is used when a send names none, and M/N targeting needs
``marketing_agreement``. Read both before a campaign with
``get_brand_sender_profile``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from ..._core import (
    Context,
    JSONDict,
    Operation,
    Safety,
    async_method,
    body_of,
    expect_dict,
    sync_method,
)
from ..._core.endpoints import BRAND
from ..._core.wire import opt_bool, opt_str
from ...errors import ValidationError
from .._manage import BRAND_PREFIX, header_only, read, sender_key_segment, write
from ..kakao.models import SenderChannelSettings, SenderProfile, _channel, _profile
from .parts import _UNSUBSCRIBE_AUTH_NO, _unsubscribe_no

if TYPE_CHECKING:
    from ..._retry import RetryPolicy

__all__ = ["AsyncBrandSenderMethods", "BrandSenderMethods", "BrandSenderProfile"]


@attrs.frozen(slots=True)
class BrandSenderProfile(SenderProfile):
    """A sender profile as Brand Message sees it (a :class:`~notify_sdk.SenderProfile`).

    Attributes:
        unsubscribe_no: the profile's 080 opt-out number
            (``unsubscribePhoneNumber``), used by ads that name none.
        unsubscribe_auth_no: its verification number (``unsubscribeAuthNumber``).
        marketing_agreement: whether M/N targeting is approved for the profile.
        brand_message: the Brand Message fallback settings.
    """

    unsubscribe_no: str | None = None
    unsubscribe_auth_no: str | None = None
    marketing_agreement: bool = False
    brand_message: SenderChannelSettings | None = None


def get_brand_sender_profile(
    ctx: Context, sender_key: str | None = None, *, retry: RetryPolicy | None = None
) -> Operation[BrandSenderProfile]:
    """Get a sender profile's Brand Message settings: 080 data, M/N approval, fallback.

    Args:
        sender_key: the profile; default the client's ``kakao_sender_key``.
        retry: a retry policy for this call only.

    Raises:
        ValidationError: no sender key given or configured.
        SenderProfileError: the profile does not exist.
    """
    key = sender_key_segment(ctx, sender_key)

    def parse(data: JSONDict) -> BrandSenderProfile:
        item = expect_dict(body_of(data, "sender", "kakao"), "sender", "kakao")
        base = _profile(item)
        return BrandSenderProfile(
            **attrs.asdict(base, recurse=False),
            unsubscribe_no=opt_str(item.get("unsubscribePhoneNumber")),
            unsubscribe_auth_no=opt_str(item.get("unsubscribeAuthNumber")),
            marketing_agreement=opt_bool(item.get("marketingAgreement")) is True,
            brand_message=_channel(item.get("brandMessage")),
        )

    return read(
        "kakao",
        f"{BRAND_PREFIX}/senders/{key}",
        parse,
        retry=retry,
        label="get_brand_sender_profile",
    )


def set_brand_unsubscribe_content(
    ctx: Context,
    unsubscribe_no: str,
    unsubscribe_auth_no: str | None = None,
    *,
    sender_key: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[None]:
    """Set the 080 opt-out number (and its verification number) of a sender profile.

    Once set, the API does not let it be cleared (-3345), only changed.

    Args:
        unsubscribe_no: an 080 number: ``080-xxx-xxxx``, ``080-xxxx-xxxx``,
            ``080xxxxxxx`` or ``080xxxxxxxx``.
        unsubscribe_auth_no: the verification number, 1 to 9 digits.
        sender_key: the profile; default the client's ``kakao_sender_key``.
        retry: a retry policy for this call only.

    Raises:
        ValidationError: bad numbers, before anything is sent.
        APIError: the API refused.
    """
    key = sender_key_segment(ctx, sender_key)
    number = _unsubscribe_no(unsubscribe_no, "unsubscribe_no")
    if number is None:
        raise ValidationError("unsubscribe_no is required", field="unsubscribe_no")
    body: JSONDict = {"unsubscribeNo": number}
    if unsubscribe_auth_no is not None:
        auth = unsubscribe_auth_no
        if not isinstance(auth, str) or _UNSUBSCRIBE_AUTH_NO.fullmatch(auth) is None:
            raise ValidationError(
                "unsubscribe_auth_no must be 1 to 9 digits", field="unsubscribe_auth_no"
            )
        body["unsubscribeAuthNo"] = auth
    return write(
        "kakao",
        "PUT",
        f"{BRAND_PREFIX}/senders/{key}/unsubscribe-content",
        header_only,
        # Setting the same values again leaves the same profile.
        safety=Safety.IDEMPOTENT,
        json=body,
        retry=retry,
        label="set_brand_unsubscribe_content",
    )


class BrandSenderMethods:
    """The Brand Message sender-profile methods of :class:`~notify_sdk.NotifyClient`."""

    get_brand_sender_profile = sync_method(get_brand_sender_profile)
    set_brand_unsubscribe_content = sync_method(set_brand_unsubscribe_content)


class AsyncBrandSenderMethods:
    """The Brand Message sender-profile methods of :class:`~notify_sdk.AsyncNotifyClient`."""

    get_brand_sender_profile = async_method(get_brand_sender_profile)
    set_brand_unsubscribe_content = async_method(set_brand_unsubscribe_content)


# --- endpoint declarations (see notify_sdk._core.endpoints) ---------------------------

BRAND.endpoint(
    "get_brand_sender_profile",
    "GET",
    "senders/{senderKey}",
    group="Sender profiles",
    segments={"sender_key": "senderKey"},
).builds(get_brand_sender_profile)
BRAND.endpoint(
    "set_brand_unsubscribe_content",
    "PUT",
    "senders/{senderKey}/unsubscribe-content",
    group="Sender profiles",
    safety=Safety.IDEMPOTENT,
    segments={"sender_key": "senderKey"},
).builds(set_brand_unsubscribe_content)
