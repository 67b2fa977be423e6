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
    body_of,
    expect_dict,
)
from ..._core.endpoints import BRAND
from ..._core.params import normalize_number, require_text
from ..._core.wire import opt_bool, opt_str
from ...errors import ValidationError
from .._manage import header_only, sender_segments, yes_no
from ..kakao.common import resolve_sender_key
from ..kakao.models import SenderChannelSettings, SenderProfile, _channel, _profile
from .parts import _UNSUBSCRIBE_AUTH_NO, _unsubscribe_no

if TYPE_CHECKING:
    from ..._retry import RetryPolicy

__all__ = ["BrandSenderProfile"]


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


def _brand_profile(data: JSONDict) -> BrandSenderProfile:
    item = expect_dict(body_of(data, "sender", "kakao"), "sender", "kakao")
    return BrandSenderProfile(
        **attrs.asdict(_profile(item), recurse=False),
        unsubscribe_no=opt_str(item.get("unsubscribePhoneNumber")),
        unsubscribe_auth_no=opt_str(item.get("unsubscribeAuthNumber")),
        marketing_agreement=opt_bool(item.get("marketingAgreement")) is True,
        brand_message=_channel(item.get("brandMessage")),
    )


PROFILE = BRAND.endpoint(
    "get_brand_sender_profile",
    "GET",
    "senders/{senderKey}",
    group="Sender profiles",
    segments={"sender_key": "senderKey"},
    parser=_brand_profile,
)
#: Setting the same values again leaves the same profile.
UNSUBSCRIBE_CONTENT = BRAND.endpoint(
    "set_brand_unsubscribe_content",
    "PUT",
    "senders/{senderKey}/unsubscribe-content",
    group="Sender profiles",
    safety=Safety.IDEMPOTENT,
    segments={"sender_key": "senderKey"},
    parser=header_only,
)


@PROFILE.builds
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
    return PROFILE.operation(segments=sender_segments(ctx, sender_key), retry=retry)


@UNSUBSCRIBE_CONTENT.builds
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
    segments = sender_segments(ctx, sender_key)
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
    return UNSUBSCRIBE_CONTENT.operation(segments=segments, json=body, retry=retry)


#: The evidence file of a channel's marketing consent (Kakao's limit is not
#: documented; 10 MB keeps a mistaken upload from being sent whole).
MARKETING_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024

#: ``POST /senders/{senderKey}/upload-marketing-agreement``: step 1 of the M/N
#: application, the marketing-consent evidence (multipart ``file``).
MARKETING_EVIDENCE = BRAND.endpoint(
    "upload_brand_marketing_agreement",
    "POST",
    "senders/{senderKey}/upload-marketing-agreement",
    group="Sender profiles",
    segments={"sender_key": "senderKey"},
    body="multipart",
    parser=header_only,
    example={"content": b"%PDF-1.4", "file_name": "consent.pdf"},
)


@MARKETING_EVIDENCE.builds
def upload_brand_marketing_agreement(
    ctx: Context,
    content: bytes,
    file_name: str,
    *,
    sender_key: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[None]:
    """Upload the marketing-consent evidence of a channel (step 1 of the M/N application).

    Brand Message targeting ``M``/``N`` (users who are not channel friends)
    needs an approved application: upload the evidence here, then call
    :meth:`apply_brand_marketing_agreement`. The evidence is kept per
    KakaoTalk channel; if another profile of the channel uploaded it already,
    skip this step. The result shows as ``marketing_agreement`` of
    :meth:`get_brand_sender_profile`.

    Args:
        content: the file's bytes (read it yourself).
        file_name: its name, as Kakao should store it.
        sender_key: the profile; default the client's ``kakao_sender_key``.
        retry: a retry policy for this call only.

    Raises:
        ValidationError: empty or oversized content, no file name.
        MarketingConsentUploadError: Kakao refused the file (-3342).
    """
    segments = sender_segments(ctx, sender_key)
    name = require_text(file_name, "file_name", max_chars=200)
    if not isinstance(content, (bytes, bytearray, memoryview)):
        raise ValidationError("content must be the file's bytes", field="content")
    if not 0 < len(content) <= MARKETING_EVIDENCE_MAX_BYTES:
        raise ValidationError(
            f"content must be 1 to {MARKETING_EVIDENCE_MAX_BYTES} bytes", field="content"
        )
    return MARKETING_EVIDENCE.operation(
        segments=segments, files={"file": (name, bytes(content))}, retry=retry
    )


#: ``POST /senders/{senderKey}/marketing-agreement``: step 2, apply for M/N.
MARKETING_APPLICATION = BRAND.endpoint(
    "apply_brand_marketing_agreement",
    "POST",
    "senders/{senderKey}/marketing-agreement",
    group="Sender profiles",
    segments={"sender_key": "senderKey"},
    parser=header_only,
)


@MARKETING_APPLICATION.builds
def apply_brand_marketing_agreement(
    ctx: Context, *, sender_key: str | None = None, retry: RetryPolicy | None = None
) -> Operation[None]:
    """Apply for M/N targeting on a sender profile (step 2, after the evidence upload).

    The channel must be business-verified, have at least 50,000 friends and
    have sent an AlimTalk in the last 3 months; Kakao's refusal (-3343) says
    which condition failed. The docs give the request no body: an empty JSON
    object is sent.

    Args:
        sender_key: the profile; default the client's ``kakao_sender_key``.
        retry: a retry policy for this call only.

    Raises:
        MnApplicationFailedError: the application was refused (-3343).
    """
    segments = sender_segments(ctx, sender_key)
    return MARKETING_APPLICATION.operation(segments=segments, json={}, retry=retry)


#: ``POST /failback/appkey``: link the SMS app key Brand Message falls back through.
FALLBACK_APP_KEY = BRAND.endpoint(
    "link_brand_fallback_app_key",
    "POST",
    "failback/appkey",
    group="Sender profiles",
    # Linking the same key again leaves the same link.
    safety=Safety.IDEMPOTENT,
    parser=header_only,
    example={"resend_app_key": "sms-app-key"},
)


@FALLBACK_APP_KEY.builds
def link_brand_fallback_app_key(
    ctx: Context, resend_app_key: str, *, retry: RetryPolicy | None = None
) -> Operation[None]:
    """Link the SMS app key through which failed Brand Messages fall back to SMS.

    Changing the linked key resets the fallback defaults of every profile
    (set them again with :meth:`set_brand_fallback_defaults`).

    Args:
        resend_app_key: the SMS project's app key (``resendAppKey``).
        retry: a retry policy for this call only.
    """
    app_key = require_text(resend_app_key, "resend_app_key", max_chars=100)
    return FALLBACK_APP_KEY.operation(json={"resendAppKey": app_key}, retry=retry)


#: ``POST /failback``: a profile's fallback defaults.
FALLBACK_DEFAULTS = BRAND.endpoint(
    "set_brand_fallback_defaults",
    "POST",
    "failback",
    group="Sender profiles",
    safety=Safety.IDEMPOTENT,
    parser=header_only,
    example={"is_resend": True},
)


@FALLBACK_DEFAULTS.builds
def set_brand_fallback_defaults(
    ctx: Context,
    is_resend: bool,
    *,
    resend_send_no: str | None = None,
    resend_unsubscribe_no: str | None = None,
    sender_key: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[None]:
    """Set a profile's SMS fallback defaults (used by recipients without ``resendParameter``).

    Brand Message falls back through the SMS advertising API: a fallback
    needs an 080 number registered in the linked SMS project.

    Args:
        is_resend: fall back by default (``isResend``).
        resend_send_no: the default SMS sender number (registered in the SMS project).
        resend_unsubscribe_no: the default 080 opt-out number of the fallback.
        sender_key: the profile; default the client's ``kakao_sender_key``.
        retry: a retry policy for this call only.

    Raises:
        ValidationError: bad numbers, before anything is sent.
    """
    body: JSONDict = {
        "senderKey": resolve_sender_key(ctx, sender_key),
        "isResend": yes_no(is_resend, "is_resend") == "Y",
    }
    if resend_send_no is not None:
        body["resendSendNo"] = normalize_number(resend_send_no, "resend_send_no")
    if resend_unsubscribe_no is not None:
        body["resendUnsubscribeNo"] = _unsubscribe_no(
            resend_unsubscribe_no, "resend_unsubscribe_no"
        )
    return FALLBACK_DEFAULTS.operation(json=body, retry=retry)
