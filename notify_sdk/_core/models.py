"""Input value objects shared by every send: recipients and SMS fallback.

These are plain frozen attrs classes so that a caller can build them once and
reuse them from any thread; the service modules turn them into wire JSON.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

__all__ = ["Recipient", "SmsFallback"]


@attrs.frozen(slots=True)
class SmsFallback:
    """Ask KakaoTalk to resend by SMS/LMS when the KakaoTalk message fails.

    It becomes the API's ``resendParameter``. Pass ``fallback=True`` instead of
    an instance to let the provider build the SMS from the KakaoTalk text.

    Args:
        content: text of the fallback message; ``None`` lets the provider use
            the KakaoTalk message's own text. It must be encodable in EUC-KR.
        title: subject of the fallback LMS; ``None`` uses the provider default.
        sender: the registered SMS sender number to send from; ``None`` uses the
            number configured for fallback in the NHN Cloud console.
        type: ``"SMS"`` or ``"LMS"``; ``None`` lets the provider choose by length.
    """

    content: str | None = None
    title: str | None = None
    sender: str | None = None
    type: str | None = None


@attrs.frozen(slots=True)
class Recipient:
    """One recipient of a send, with its per-recipient options.

    A plain phone-number string is accepted wherever a ``Recipient`` is; use
    this class when a recipient needs more than a number.

    Args:
        number: the phone number (digits, ``-`` and spaces are tolerated), e.g.
            ``"01012345678"``.
        country_code: international dialling code without ``+`` (``"82"`` is
            the provider's default); SMS only.
        params: template parameters for this recipient (SMS ``##key##``,
            AlimTalk ``#{key}``, Brand Message template variables). They are
            merged over the call's ``params``.
        grouping_key: the caller's tag for this recipient
            (``recipientGroupingKey``), at most 100 characters.
        fallback: per-recipient SMS fallback (KakaoTalk only), overriding the
            call's ``fallback``.
    """

    number: str
    country_code: str | None = attrs.field(default=None, kw_only=True)
    params: Mapping[str, str] | None = attrs.field(default=None, kw_only=True)
    grouping_key: str | None = attrs.field(default=None, kw_only=True)
    fallback: SmsFallback | bool | None = attrs.field(default=None, kw_only=True)
