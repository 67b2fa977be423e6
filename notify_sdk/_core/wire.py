"""Tolerant readers for values in the APIs' JSON answers.

The provider's answers mix types for the same field (ints as strings, ``""``
for "none", ``"Y"``/``"N"`` and ``true``/``false`` for booleans, dates with and
without fractions); every service module reads them through these, so each
trap is handled once.
"""

from __future__ import annotations

from datetime import datetime

__all__ = ["opt_bool", "opt_int", "opt_str", "parse_date"]

_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M")


def opt_str(value: object) -> str | None:
    """``value`` as a string, ``None`` when absent."""
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def opt_int(value: object) -> int | None:
    """``value`` as an int (ints, digit strings, integral floats), else ``None``."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and not value.is_integer():
        return None
    try:
        return int(value.strip() if isinstance(value, str) else value)  # type: ignore[call-overload,no-any-return]
    except (TypeError, ValueError, OverflowError):
        return None


def opt_bool(value: object) -> bool | None:
    """``value`` as a bool (``true``/``false``, ``"Y"``/``"N"``), else ``None``."""
    if isinstance(value, bool):
        return value
    if value in ("true", "Y", "y"):
        return True
    if value in ("false", "N", "n"):
        return False
    return None


def parse_date(value: str | None) -> datetime | None:
    """A Korea-time date string of the APIs as a naive datetime (``None`` if absent/bad).

    Accepts ``yyyy-MM-dd HH:mm:ss``, with or without a ``.S`` fraction, and
    ``yyyy-MM-dd HH:mm``.
    """
    if not value:
        return None
    text = value.split(".", 1)[0]
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None
