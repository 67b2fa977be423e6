"""The shared parameter rules, and that every listing uses the same paging rule."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from notify_sdk import NotifyClient
from notify_sdk._core.params import (
    date_range,
    paging,
    path_segment,
    request_id_segment,
    request_reference,
    seq_list,
)
from notify_sdk.errors import ValidationError
from notify_sdk.results import RecipientResult, SendResult
from tests.helpers import CLIENT_KWARGS

NOON = datetime(2026, 11, 24, 12, 0)


def test_path_segment_encodes_one_segment_and_refuses_dot_segments() -> None:
    assert path_segment("T-1.v2", "template_code") == "T-1.v2"
    assert path_segment(7, "id") == "7"
    for bad in ("..", ".", "a/b", "", "x" * 101, None, True):
        with pytest.raises(ValidationError) as info:
            path_segment(bad, "template_code")
        assert info.value.field == "template_code"


def test_request_ids_have_no_dots_and_a_length_limit() -> None:
    assert request_id_segment("20261124103015aZ3kP9qLwX0") == "20261124103015aZ3kP9qLwX0"
    for bad in ("a.b", "x" * 26, 12):
        with pytest.raises(ValidationError):
            request_id_segment(bad)


def test_date_range_limit_order_and_pairs() -> None:
    fmt = "%Y-%m-%d %H:%M"
    assert date_range(None, None, "requested", fmt=fmt) is None
    assert date_range(date(2026, 11, 1), NOON, "requested", fmt=fmt, max_days=31) == (
        "2026-11-01 00:00",
        "2026-11-24 12:00",
    )
    with pytest.raises(ValidationError, match="31 days"):
        date_range(datetime(2026, 10, 1), NOON, "requested", fmt=fmt, max_days=31)
    with pytest.raises(ValidationError, match="after"):
        date_range(NOON, datetime(2026, 11, 1), "requested", fmt=fmt)
    with pytest.raises(ValidationError) as info:
        date_range(NOON, None, "updated", fmt=fmt)
    assert info.value.field == "updated_from"


def test_paging_refuses_limit_zero_and_caps_the_page() -> None:
    assert paging(100, None) == (100, None)
    assert paging(100, 5) == (5, 5)
    for page_size, limit, field in (
        (0, None, "page_size"),
        (1001, None, "page_size"),
        (10, 0, "limit"),
    ):
        with pytest.raises(ValidationError) as info:
            paging(page_size, limit)
        assert info.value.field == field


def test_seq_lists_and_request_references() -> None:
    assert seq_list([1, 2]) == [1, 2]
    for bad in (1, [], [0], [True], "12"):
        with pytest.raises(ValidationError):
            seq_list(bad)
    sent = SendResult(
        service="sms",
        request_id="R1",
        recipients=(
            RecipientResult("01012345678", 1, 0, "", None, "sms"),
            RecipientResult("01012345679", 2, -1, "bad", None, "sms"),
        ),
    )
    assert request_reference(sent, None, require_seqs=True) == ("R1", [1])
    assert request_reference("R1", None) == ("R1", None)
    with pytest.raises(ValidationError) as info:
        request_reference("R1", None, require_seqs=True)
    assert info.value.field == "recipient_seqs"


LISTINGS: list[tuple[str, dict[str, Any]]] = [
    ("list_sms_deliveries", {"request_id": "R1"}),
    ("list_alimtalk_messages", {"request_id": "R1"}),
    ("list_friendtalk_messages", {"request_id": "R1"}),
    ("list_brand_messages", {"request_id": "R1"}),
    ("list_sender_profiles", {}),
    ("list_optout_numbers", {}),
    ("list_alimtalk_templates", {}),
]


@pytest.mark.parametrize(("method", "kwargs"), LISTINGS, ids=[m for m, _ in LISTINGS])
def test_every_listing_refuses_limit_zero_when_called(method: str, kwargs: dict[str, Any]) -> None:
    client = NotifyClient(**CLIENT_KWARGS)  # type: ignore[arg-type]
    with client, pytest.raises(ValidationError) as info:
        getattr(client, method)(limit=0, **kwargs)
    assert info.value.field == "limit"
