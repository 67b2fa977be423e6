"""Small validation helpers every Brand Message model uses."""

from __future__ import annotations

from typing import Any

from ..errors import ValidationError
from .enums import (
    _HTTP,
    LINK_MAX_CHARS,
)

# --- small validation helpers ----------------------------------------------------


def _fail(field: str, message: str) -> ValidationError:
    return ValidationError(f"{field}: {message}", field=field)


def _text(
    value: object,
    field: str,
    *,
    max_chars: int,
    max_breaks: int | None = 0,
    required: bool = True,
) -> None:
    if value is None:
        if required:
            raise _fail(field, "is required")
        return
    if not isinstance(value, str):
        raise _fail(field, f"must be a str, not {type(value).__name__}")
    if not value.strip():
        raise _fail(field, "must not be empty")
    if len(value) > max_chars:
        raise _fail(field, f"is {len(value)} characters; the limit is {max_chars}")
    if max_breaks is not None:
        breaks = value.count("\n")
        if breaks > max_breaks:
            allowed = "no line breaks" if max_breaks == 0 else f"at most {max_breaks} line breaks"
            raise _fail(field, f"has {breaks} line breaks; {allowed} allowed")


def _link(
    value: object,
    field: str,
    *,
    required: bool = False,
    http: bool = True,
    max_chars: int = LINK_MAX_CHARS,
) -> None:
    if value is None:
        if required:
            raise _fail(field, "is required")
        return
    if not isinstance(value, str) or not value.strip():
        raise _fail(field, "must be a non-empty str")
    if len(value) > max_chars:
        raise _fail(field, f"is {len(value)} characters; the limit is {max_chars}")
    if http and not value.startswith(_HTTP):
        raise _fail(field, "must start with http:// or https:// (API rule -3310)")


def _int(value: object, field: str, low: int, high: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _fail(field, f"must be an int, not {type(value).__name__}")
    if not low <= value <= high:
        raise _fail(field, f"is {value}; allowed {low:,}..{high:,}")


def _put(out: dict[str, Any], key: str, value: object) -> None:
    if value is not None:
        out[key] = value


def _links_wire(
    out: dict[str, Any],
    link_mo: str | None,
    link_pc: str | None,
    scheme_android: str | None,
    scheme_ios: str | None,
) -> dict[str, Any]:
    _put(out, "linkMo", link_mo)
    _put(out, "linkPc", link_pc)
    _put(out, "schemeAndroid", scheme_android)
    _put(out, "schemeIos", scheme_ios)
    return out
