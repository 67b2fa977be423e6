"""Keys: the unique tokens the SDK mints, and the keys a caller may give instead."""

from __future__ import annotations

import itertools
import os
import re

from ...errors import ValidationError

__all__ = ["header_key", "new_token", "optional_key"]


class _Tokens:
    """Unique tokens: 96 random bits per process, then a counter.

    An ``os.urandom`` call per send was a measurable part of a send; the
    keys only need to be unique (they are sent in clear, never secrets), and
    a random prefix drawn once per process makes them unique across
    processes and hosts. A forked child draws its own prefix, so that
    pre-fork workers never share one.
    """

    __slots__ = ("count", "prefix")

    def __init__(self) -> None:
        self.reseed()

    def reseed(self) -> None:
        self.prefix = os.urandom(12).hex()
        self.count = itertools.count()

    def next(self) -> str:
        number = next(self.count)  # atomic under the GIL: threads never share one
        if number > 0xFFFFFFFF:
            self.reseed()
            number = next(self.count)
        return f"{self.prefix}{number:08x}"


_TOKENS = _Tokens()
os.register_at_fork(after_in_child=_TOKENS.reseed)


def new_token() -> str:
    """Return a fresh unique token (32 hex characters) for keys the SDK mints."""
    return _TOKENS.next()


def optional_key(value: object, field: str, *, max_chars: int = 100) -> str | None:
    """Check an optional caller-supplied key (grouping keys, idempotency keys).

    Raises:
        ValidationError: not a non-empty str of at most ``max_chars`` characters.
    """
    if value is None:
        return None
    if not isinstance(value, str) or not value or len(value) > max_chars:
        raise ValidationError(
            f"{field} must be a non-empty str of at most {max_chars} characters", field=field
        )
    return value


# Visible ASCII: what an HTTP header value can carry without encoding or
# breaking the header (no CR, LF, NUL, space or control characters).
_HEADER_TOKEN = re.compile(r"[\x21-\x7e]+")


def header_key(value: object, field: str, *, max_chars: int = 100) -> str | None:
    """Check an optional key that travels in an HTTP header (the idempotency key).

    No length is documented; a UUID is 36 characters and 100 is plenty.

    Raises:
        ValidationError: not visible ASCII (letters, digits, punctuation) of 1
            to ``max_chars`` characters.
    """
    if value is None:
        return None
    if (
        not isinstance(value, str)
        or len(value) > max_chars
        or _HEADER_TOKEN.fullmatch(value) is None
    ):
        raise ValidationError(
            f"{field} must be 1 to {max_chars} visible ASCII characters (letters, digits, "
            "punctuation; no spaces or control characters), e.g. a UUID",
            field=field,
        )
    return value
