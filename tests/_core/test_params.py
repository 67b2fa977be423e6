"""Unit tests of notify_sdk._core.params: byte counts, numbers, recipients, schedules."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notify_sdk import Recipient, SmsFallback
from notify_sdk._core.params import (
    KST,
    MAX_RECIPIENTS,
    encoded_length,
    format_schedule,
    new_token,
    normalize_number,
    normalize_recipients,
    optional_key,
    require_text,
    to_kst,
)
from notify_sdk.errors import ValidationError

NOW = datetime(2026, 11, 24, 10, 30, 15)  # naive = Korea time

# --- EUC-KR (cp949) byte counts -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("", 0),
        ("abc", 3),
        ("Hello, World! 123", 17),
        ("한", 2),
        ("한글", 4),
        ("똠", 2),  # outside KS X 1001's 2,350 syllables, still 2 bytes in cp949
        ("뷁똠펲", 6),
        ("가나다abc", 9),
        ("[인증] 1234", 11),
        ("\n\t", 2),
        ("①", 2),  # a symbol EUC-KR has
        ("漢字", 4),
    ],
)
def test_encoded_length(text: str, size: int) -> None:
    assert encoded_length(text, "body") == size


@pytest.mark.parametrize(
    ("text", "char", "position"),
    [
        ("😀", "😀", 0),
        ("order 😀 ok", "😀", 6),
        ("가나🚀", "🚀", 2),
        ("done ✓", "✓", 5),
        ("café", "é", 3),
    ],
)
def test_unencodable_text_is_rejected(text: str, char: str, position: int) -> None:
    with pytest.raises(ValidationError) as info:
        encoded_length(text, "title")
    error = info.value
    assert error.field == "title"
    assert f"position {position}" in str(error)
    assert f"U+{ord(char):04X}" in str(error)


@given(st.text().map(lambda t: t.encode("cp949", "ignore").decode("cp949")))
def test_encoded_length_matches_cp949(text: str) -> None:
    assert encoded_length(text, "body") == len(text.encode("cp949"))


@given(st.text(max_size=40))
def test_encoded_length_raises_only_for_unencodable(text: str) -> None:
    try:
        expected = len(text.encode("cp949"))
    except UnicodeEncodeError as exc:
        with pytest.raises(ValidationError) as info:
            encoded_length(text, "body")
        assert f"position {exc.start}" in str(info.value)
    else:
        assert encoded_length(text, "body") == expected


@given(st.text(alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), max_size=50))
def test_every_hangul_syllable_is_two_bytes(text: str) -> None:
    assert encoded_length(text, "body") == 2 * len(text)


# --- require_text -------------------------------------------------------------------


def test_require_text_returns_text() -> None:
    assert require_text(" hi ", "body", max_chars=4, max_bytes=4) == " hi "


@pytest.mark.parametrize("value", [None, 1, b"hi", ["hi"], "", "  \n"])
def test_require_text_rejects_missing(value: object) -> None:
    with pytest.raises(ValidationError) as info:
        require_text(value, "body")
    assert info.value.field == "body"


def test_require_text_limits_and_hint() -> None:
    with pytest.raises(ValidationError, match="limit is 3") as info:
        require_text("abcd", "title", max_chars=3)
    assert info.value.field == "title"
    with pytest.raises(ValidationError, match=r"5 bytes.*limit is 4; use send_mms"):
        require_text("가나a", "body", max_bytes=4, hint="; use send_mms")
    assert require_text("가나", "body", max_bytes=4) == "가나"


# --- phone numbers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("01012345678", "01012345678"),
        ("010-1234-5678", "01012345678"),
        (" 010 1234 5678 ", "01012345678"),
        ("(02) 1234.5678", "0212345678"),
        ("+82 10-1234-5678", "01012345678"),  # one +82 rule for every service
        ("+1 415-555-0123", "+14155550123"),
        ("1588", "1588"),
        ("1" * 20, "1" * 20),
    ],
)
def test_normalize_number(raw: str, clean: str) -> None:
    assert normalize_number(raw) == clean


@pytest.mark.parametrize(
    "raw", ["", "123", "1" * 21, "010-ABCD-5678", "++8210", "010_1234", "8210+1234", 1012345678]
)
def test_normalize_number_rejects(raw: object) -> None:
    with pytest.raises(ValidationError) as info:
        normalize_number(raw, "recipient")
    assert info.value.field == "recipient"


# --- recipients ---------------------------------------------------------------------


def test_normalize_recipients_shapes() -> None:
    fallback = SmsFallback(content="x")
    r = Recipient("010-5555-0123", country_code="82", params={"a": "1"}, grouping_key="g")
    r2 = Recipient("01055550124", fallback=fallback)
    assert normalize_recipients("010-5555-0123") == (Recipient("01055550123"),)
    assert normalize_recipients(r) == (
        Recipient("01055550123", country_code="82", params={"a": "1"}, grouping_key="g"),
    )
    assert normalize_recipients(r2)[0] is r2  # already clean: kept as is
    assert normalize_recipients(["01055550123", r2]) == (Recipient("01055550123"), r2)
    assert normalize_recipients(("01055550123",)) == (Recipient("01055550123"),)
    generated = normalize_recipients(f"0105555{n:04d}" for n in range(3))
    assert [x.number for x in generated] == ["01055550000", "01055550001", "01055550002"]


def test_normalize_recipients_limit() -> None:
    numbers = [f"0105555{n:04d}" for n in range(MAX_RECIPIENTS)]
    assert len(normalize_recipients(numbers)) == 1000
    with pytest.raises(ValidationError, match="more than 1000") as info:
        normalize_recipients([*numbers, "01099999999"])
    assert info.value.field == "to"


def test_normalize_recipients_stops_an_endless_generator() -> None:
    endless = (f"0105555{n % 10000:04d}" for n in itertools.count())
    with pytest.raises(ValidationError) as info:
        normalize_recipients(endless, "to")
    assert info.value.field == "to"
    assert next(endless) == "01055551001"  # consumed 1,001 items, not more


@pytest.mark.parametrize(
    "value",
    [
        [],
        (),
        iter([]),
        None,
        12345678,
        b"01055550123",
        ["01055550123", 1],
        [Recipient("x")],
        [Recipient("01055550123", grouping_key="g" * 101)],
    ],
)
def test_normalize_recipients_rejects(value: object) -> None:
    with pytest.raises(ValidationError) as info:
        normalize_recipients(value, "to")
    assert info.value.field == "to"


# --- schedules ----------------------------------------------------------------------


def test_format_schedule_naive_is_korea_time() -> None:
    assert format_schedule(datetime(2026, 11, 25, 9, 5, 59), NOW) == "2026-11-25 09:05"


def test_format_schedule_aware_is_converted() -> None:
    when = datetime(2026, 11, 25, 0, 5, tzinfo=timezone.utc)
    assert format_schedule(when, NOW) == "2026-11-25 09:05"
    pst = timezone(timedelta(hours=-8))
    assert format_schedule(datetime(2026, 11, 24, 16, 5, tzinfo=pst), NOW) == "2026-11-25 09:05"
    assert format_schedule(datetime(2026, 11, 25, 9, 5, tzinfo=KST), NOW) == "2026-11-25 09:05"


def test_format_schedule_now_may_be_aware() -> None:
    now_utc = datetime(2026, 11, 24, 1, 30, tzinfo=timezone.utc)  # 10:30 in Korea
    assert format_schedule(datetime(2026, 11, 24, 10, 31), now_utc) == "2026-11-24 10:31"
    with pytest.raises(ValidationError):
        format_schedule(datetime(2026, 11, 24, 10, 29), now_utc)


@pytest.mark.parametrize(
    "when",
    [
        NOW,
        NOW - timedelta(seconds=1),
        datetime(2020, 1, 1),
        NOW + timedelta(days=60, seconds=1),
        NOW + timedelta(days=365),
        # 10:00 UTC the day before is 19:00 on 2026-11-23 in Korea: past.
        datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc),
    ],
)
def test_format_schedule_window(when: datetime) -> None:
    with pytest.raises(ValidationError) as info:
        format_schedule(when, NOW)
    assert info.value.field == "scheduled_at"


def test_format_schedule_edges_and_options() -> None:
    assert format_schedule(NOW + timedelta(minutes=1), NOW) == "2026-11-24 10:31"
    assert format_schedule(NOW + timedelta(days=60), NOW) == "2027-01-23 10:30"
    with pytest.raises(ValidationError) as info:
        format_schedule(NOW + timedelta(days=8), NOW, field="send_at", max_days=7)
    assert info.value.field == "send_at"
    for bad in ("2026-11-25 09:00", 1764000000, None):
        with pytest.raises(ValidationError):
            format_schedule(bad, NOW)


@given(st.timedeltas(min_value=timedelta(minutes=1), max_value=timedelta(days=60)))
def test_format_schedule_round_trip(delta: timedelta) -> None:
    when = NOW + delta
    text = format_schedule(when, NOW)
    assert datetime.strptime(text, "%Y-%m-%d %H:%M") == when.replace(second=0, microsecond=0)
    aware = when.replace(tzinfo=KST).astimezone(timezone.utc)
    assert format_schedule(aware, NOW) == text


def test_to_kst() -> None:
    naive = datetime(2026, 1, 1, 0, 0)
    assert to_kst(naive) is naive
    assert to_kst(datetime(2025, 12, 31, 15, 0, tzinfo=timezone.utc)) == naive
    assert to_kst(naive).tzinfo is None


# --- keys and tokens ----------------------------------------------------------------


def test_optional_key() -> None:
    assert optional_key(None, "k") is None
    assert optional_key("abc", "k") == "abc"
    assert optional_key("x" * 100, "k") == "x" * 100
    assert optional_key("x" * 8, "k", max_chars=8) == "x" * 8
    for bad in ("", "x" * 101, 5, b"abc"):
        with pytest.raises(ValidationError) as info:
            optional_key(bad, "sender_grouping_key")
        assert info.value.field == "sender_grouping_key"


def test_new_token_is_unique_hex() -> None:
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200
    assert all(len(t) == 32 and int(t, 16) >= 0 for t in tokens)
