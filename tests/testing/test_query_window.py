"""The emulator's one query-window check, as the SMS and KakaoTalk listings configure it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from notify_sdk.testing._common import ApiFailure, WindowRule, fail_if, query_window

RULE = WindowRule("%Y-%m-%d %H:%M", partial=-1, malformed=-2, backwards=-3, too_long=-4)


def _codes(query: dict[str, str], rule: WindowRule = RULE) -> int | None:
    try:
        query_window(query, "s", "e", rule)
    except ApiFailure as failure:
        return failure.code
    return None


def test_no_window_is_none_and_a_good_one_is_parsed() -> None:
    assert query_window({}, "s", "e", RULE) is None
    assert query_window({"s": "2026-01-01 09:00", "e": "2026-01-02 09:00"}, "s", "e", RULE) == (
        datetime(2026, 1, 1, 9, 0),
        datetime(2026, 1, 2, 9, 0),
    )


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({"s": "2026-01-01 09:00"}, -1),
        ({"e": "2026-01-01 09:00"}, -1),
        ({"s": "2026-01-01", "e": "2026-01-02 09:00"}, -2),
        ({"s": "2026-01-02 09:00", "e": "2026-01-01 09:00"}, -3),
        ({"s": "2026-01-01 09:00", "e": "2026-02-01 09:01"}, -4),
    ],
)
def test_each_broken_window_answers_its_rule_s_code(query: dict[str, str], code: int) -> None:
    assert _codes(query) == code


def test_the_longest_window_and_the_end_slack() -> None:
    # Exactly max_days is allowed; a shorter max_days refuses it.
    query = {"s": "2026-01-01 09:00", "e": "2026-02-01 09:00"}
    assert _codes(query) is None
    short = WindowRule(RULE.fmt, -1, -2, -3, -4, max_days=1)
    assert _codes(query, short) == -4
    slack = WindowRule(RULE.fmt, -1, -2, -3, -4, end_slack=timedelta(seconds=59))
    window = query_window(query, "s", "e", slack)
    assert window is not None and window[1] == datetime(2026, 2, 1, 9, 0, 59)


def test_fail_if_raises_only_when_the_condition_holds() -> None:
    fail_if(False, -9)
    with pytest.raises(ApiFailure) as caught:
        fail_if(True, -9)
    assert caught.value.code == -9
