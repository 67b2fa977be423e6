"""Characters EUC-KR (cp949) cannot encode: the error names a replacement, and the
opt-in replacement swaps it.

Every replacement offered must itself encode, or the advice would be a trap.
"""

from __future__ import annotations

import pytest

from notify_sdk._core.params import (
    encoded_length,
    replace_unencodable,
    replacement_for,
    require_text,
)
from notify_sdk._core.params.text import _REPLACEMENTS
from notify_sdk.errors import ValidationError


@pytest.mark.parametrize(
    ("char", "replacement"),
    [
        ("\u20a9", "\uffe6"),  # WON SIGN -> FULLWIDTH WON SIGN
        ("\u2014", "\u2015"),  # EM DASH -> HORIZONTAL BAR
        ("\u2013", "-"),  # EN DASH
        ("\u00a0", " "),  # NO-BREAK SPACE
        ("\u202f", " "),  # NARROW NO-BREAK SPACE
        ("\u200b", ""),  # ZERO WIDTH SPACE
        ("\u2022", "\u00b7"),  # BULLET -> MIDDLE DOT
        ("\u00e9", "e"),  # an accent cp949 lacks: the bare letter
        ("\ufb01", "fi"),  # a ligature: its compatibility form
    ],
)
def test_replacements(char: str, replacement: str) -> None:
    with pytest.raises(UnicodeEncodeError):
        char.encode("cp949")
    assert replacement_for(char) == replacement
    replacement.encode("cp949")


def test_every_table_entry_is_needed_and_encodes() -> None:
    for char, replacement in _REPLACEMENTS.items():
        with pytest.raises(UnicodeEncodeError):
            char.encode("cp949")
        replacement.encode("cp949")


def test_emoji_have_no_replacement() -> None:
    assert replacement_for("\U0001f600") is None


def test_the_error_suggests_the_replacement_and_the_option() -> None:
    with pytest.raises(ValidationError) as info:
        require_text("가격 \u20a91,000", "body")
    assert "U+20A9" in str(info.value)
    assert "'\uffe6' (U+FFE6)" in str(info.value)
    assert "replace_unencodable=True" in str(info.value)
    assert info.value.field == "body"


def test_the_error_for_an_emoji_says_to_leave_it_out() -> None:
    with pytest.raises(ValidationError) as info:
        encoded_length("hi \U0001f600", "body")
    assert "leave it out" in str(info.value)
    assert "replace_unencodable" not in str(info.value)


def test_replace_unencodable_swaps_what_it_can_and_keeps_the_rest() -> None:
    text = "가격 \u20a91,000 \u2014 지금\u00a0구매 \U0001f600"
    assert replace_unencodable(text) == "가격 \uffe61,000 \u2015 지금 구매 \U0001f600"
    plain = "이미 괜찮은 text"
    assert replace_unencodable(plain) is plain
