"""What an SMS says: template parameters, the body and title limits, the wording
rules of authentication and advertising messages, and the advertising night rule.

Length rule (our decision, documented in the guide): a short SMS body is
limited to 90 EUC-KR bytes — what every handset displays uncut. The API
stores up to 255 characters, but a longer "SMS" is silently truncated on
most handsets, which is a message lost without an error, so the SDK refuses
it and points to :meth:`send_mms`, which sends it as an LMS.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from datetime import datetime

from ..._core import Context
from ..._core.params import _outside_stacklevel, check_night, encoded_length, require_text, to_kst
from ...errors import ValidationError
from .models import (
    _AD_SUFFIX,
    _SMS_HINT,
    _TEMPLATE_VAR,
    AD_PREFIX,
    AUTH_WORDS,
    MMS_BODY_MAX_CHARS,
    MMS_BODY_STANDARD_BYTES,
    SMS_BODY_MAX_BYTES,
)

__all__ = [
    "check_ad_night",
    "check_ad_text",
    "check_auth_words",
    "check_body",
    "check_params",
    "merge_params",
    "substitute",
]


def merge_params(
    params: dict[str, str] | None, own: dict[str, str] | None
) -> dict[str, str] | None:
    """The call's template parameters with one recipient's own on top."""
    if own is None:
        return params
    return {**(params or {}), **own}


def substitute(body: str, params: Mapping[str, str] | None) -> str:
    """``body`` with each ``##key##`` replaced by its parameter (unknown keys stay)."""
    if not params:
        return body
    return _TEMPLATE_VAR.sub(lambda m: str(params.get(m.group(1), m.group(0))), body)


def check_params(params: object, field: str) -> dict[str, str] | None:
    """Validate template parameters; numbers are accepted and sent as text."""
    if params is None:
        return None
    if not isinstance(params, Mapping):
        raise ValidationError(
            f"{field} must be a mapping of str to str, not {type(params).__name__}", field=field
        )
    out: dict[str, str] = {}
    for name, value in params.items():
        if not isinstance(name, str) or not name:
            raise ValidationError(f"{field}: keys must be non-empty str, not {name!r}", field=field)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ValidationError(
                f"{field}[{name!r}] must be a str, not {type(value).__name__}", field=field
            )
        try:
            encoded_length(value, f"{field}[{name!r}]")
        except ValidationError as exc:
            raise ValidationError(exc.message, field=field) from None
        out[name] = value
    return out


def check_auth_words(text: str) -> None:
    """Refuse an authentication SMS without one of the words the API looks for."""
    lowered = text.lower()
    if not any(word in lowered for word in AUTH_WORDS):
        raise ValidationError(
            "body of an authentication SMS must contain one of "
            f"{', '.join(AUTH_WORDS)} (API rule -8000), e.g. '[인증] code 1234'",
            field="body",
        )


def check_ad_text(body: str) -> None:
    """Refuse an advertising body without the ``(광고)`` lead and the opt-out line."""
    # The API looks at the very first characters: a leading space or line
    # break already fails with -6003, so no stripping here.
    if not body.startswith(AD_PREFIX):
        raise ValidationError(
            f"body of an advertising message must start with {AD_PREFIX!r} (API rule -6003)",
            field="body",
        )
    if _AD_SUFFIX.search(body.rstrip()) is None:
        raise ValidationError(
            "body of an advertising message must end with the free opt-out line "
            "'무료수신거부 080XXXXXXX' (or '무료거부 080...') naming your registered 080 "
            "number (API rule -6003)",
            field="body",
        )


def check_body(kind: str, body: str, params: list[dict[str, str] | None]) -> None:
    """Check the text each recipient will receive, after ##key## substitution."""
    long_message = kind in ("mms", "ad-mms")
    if long_message:
        require_text(body, "body", max_chars=MMS_BODY_MAX_CHARS)
        largest = encoded_length(body, "body")
    else:
        # require_text measured the bytes; only long messages need the size again.
        require_text(body, "body", max_bytes=SMS_BODY_MAX_BYTES, hint=_SMS_HINT)
        largest = 0
    has_vars = any(params) and _TEMPLATE_VAR.search(body) is not None
    for index, merged in enumerate(params):
        text = body
        if has_vars and merged:
            text = substitute(body, merged)
            where = f" for recipient #{index + 1} after ##key## substitution"
            size = encoded_length(text, "params")
            if long_message and len(text) > MMS_BODY_MAX_CHARS:
                raise ValidationError(
                    f"body is {len(text)} characters{where}; the limit is {MMS_BODY_MAX_CHARS}",
                    field="body",
                )
            if not long_message and size > SMS_BODY_MAX_BYTES:
                raise ValidationError(
                    f"body is {size} bytes in EUC-KR (Hangul counts 2){where}; the limit is "
                    f"{SMS_BODY_MAX_BYTES}{_SMS_HINT}",
                    field="body",
                )
            largest = max(largest, size)
        if kind == "auth":
            check_auth_words(text)
    if long_message and largest > MMS_BODY_STANDARD_BYTES:
        warnings.warn(
            f"body is over {MMS_BODY_STANDARD_BYTES} EUC-KR bytes; some handsets cut it",
            stacklevel=5,
        )


#: Korean law (Information and Communications Network Act art. 50): an ad
#: between 21:00 and 08:00 needs the recipient's separate prior consent.
_AD_NIGHT = ((21, 0), (8, 0))


def check_ad_night(ctx: Context, scheduled_at: object) -> None:
    """The night rule of advertising SMS/MMS, as Brand Message applies its own."""
    if type(scheduled_at) is datetime:
        # format_schedule checks the value itself; only its Korea time matters here.
        schedule: datetime | None = to_kst(scheduled_at)
    elif scheduled_at is None:
        schedule = None
    else:
        return
    check_night(
        schedule,
        ctx.now_kst(),
        what="advertising SMS/MMS",
        fate="need each recipient's separate prior consent (Korean law), and the console's "
        "ad-time limit may fail or hold them (msgStatus 6 or 7)",
        escape=", or pass night_consent=True if your recipients gave that consent",
        stacklevel=_outside_stacklevel(),
        starts=_AD_NIGHT[0],
        ends=_AD_NIGHT[1],
    )
