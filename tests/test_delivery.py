"""The delivery-result enums of notify_sdk.delivery."""

from __future__ import annotations

import ast
import pickle
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notify_sdk import delivery
from notify_sdk.delivery import (
    DlrErrorCode,
    DlrStatus,
    KakaoResultCode,
    MtrCode,
    Outcome,
    SmsResultCode,
)

# Any: the five enums share description/outcome/parse by convention, not by a base class
TEXT_ENUMS: list[Any] = [SmsResultCode, DlrStatus, MtrCode, KakaoResultCode]
ALL_ENUMS: list[Any] = [*TEXT_ENUMS, DlrErrorCode]


def test_lookup_by_value() -> None:
    assert SmsResultCode("3018") is SmsResultCode.SPOOFING_PREVENTION_SUBSCRIBER
    assert KakaoResultCode("E915") is KakaoResultCode.DUPLICATE_MESSAGE
    assert DlrErrorCode(2) is DlrErrorCode.ABSENT_SUBSCRIBER_TEMPORARY
    assert DlrStatus("EXPIRED") is DlrStatus.EXPIRED
    assert MtrCode("MTR2_1") is MtrCode.VALIDITY_CHECK_FAILED
    with pytest.raises(ValueError):
        SmsResultCode("9999")


def test_value_shapes_and_mixins() -> None:
    for sms_code in SmsResultCode:
        assert isinstance(sms_code, str) and re.fullmatch(r"\d{4}|E\d{3}", sms_code.value)
    for kakao_code in KakaoResultCode:
        assert isinstance(kakao_code, str) and re.fullmatch(r"\d{4}|E\d{3}", kakao_code.value)
    for dlr_code in DlrErrorCode:
        assert isinstance(dlr_code, int) and 0 <= dlr_code.value <= 1000
    assert {m.value for m in MtrCode} == {"MTR1", "MTR2", "MTR2_1", "MTR2_2", "MTR2_3"}
    assert {m.value for m in DlrStatus} == {
        "DELIVERED",
        "ACCEPTED",
        "BUFFERED",
        "EXPIRED",
        "FAILED",
        "REJECTED",
        "UNKNOWN",
    }
    # the mixins make members usable wherever the wire value is expected
    wire_text: str = SmsResultCode.SUCCESS
    wire_int: int = DlrErrorCode.NETWORK_ERROR
    assert wire_text == "1000"
    assert wire_int == 8


def test_str_and_format_give_the_wire_value() -> None:
    assert str(KakaoResultCode.CANNOT_RECEIVE) == "3018"
    assert f"{SmsResultCode.SPAM}" == "3012"
    assert str(DlrErrorCode.HANDSET_BUSY) == "7"
    assert f"{Outcome.PENDING}" == "pending"


def test_every_member_has_description_and_outcome() -> None:
    for enum_cls in ALL_ENUMS:
        for member in enum_cls:
            assert isinstance(member.description, str) and member.description, member
            assert isinstance(member.outcome, Outcome), member
            assert member.__class__.parse(member.value) is member


def test_outcome_members_and_helpers() -> None:
    required = {"DELIVERED", "PENDING", "UNCERTAIN", "TEMPORARY_FAILURE", "PERMANENT_FAILURE"}
    assert required <= set(Outcome.__members__)
    assert Outcome.DELIVERED.is_final and not Outcome.DELIVERED.is_failure
    assert not Outcome.PENDING.is_final and not Outcome.UNCERTAIN.is_final
    assert not Outcome.UNCERTAIN.is_failure and not Outcome.UNCERTAIN.resend_may_succeed
    assert Outcome.TEMPORARY_FAILURE.resend_may_succeed
    assert Outcome.TIME_WINDOW.resend_may_succeed
    for outcome in (Outcome.PERMANENT_FAILURE, Outcome.DO_NOT_RESEND, Outcome.UNKNOWN_FAILURE):
        assert outcome.is_failure and outcome.is_final and not outcome.resend_may_succeed


@pytest.mark.parametrize(
    ("member", "outcome"),
    [
        (SmsResultCode("1000"), Outcome.DELIVERED),
        (SmsResultCode("2003"), Outcome.TEMPORARY_FAILURE),
        (SmsResultCode("3018"), Outcome.PERMANENT_FAILURE),
        (SmsResultCode("E915"), Outcome.DO_NOT_RESEND),
        (SmsResultCode("E919"), Outcome.TIME_WINDOW),
        (KakaoResultCode("1000"), Outcome.DELIVERED),
        (KakaoResultCode("3005"), Outcome.UNCERTAIN),
        (KakaoResultCode("3018"), Outcome.PERMANENT_FAILURE),
        (KakaoResultCode("3019"), Outcome.PERMANENT_FAILURE),
        (KakaoResultCode("3022"), Outcome.TIME_WINDOW),
        (KakaoResultCode("9999"), Outcome.TEMPORARY_FAILURE),
        (KakaoResultCode("4161"), Outcome.PENDING),
        (KakaoResultCode("E915"), Outcome.DO_NOT_RESEND),
        (DlrErrorCode(0), Outcome.DELIVERED),
        (DlrErrorCode(2), Outcome.TEMPORARY_FAILURE),
        (DlrErrorCode(7), Outcome.TEMPORARY_FAILURE),
        (DlrErrorCode(8), Outcome.TEMPORARY_FAILURE),
        (DlrErrorCode(3), Outcome.PERMANENT_FAILURE),
        (DlrStatus("DELIVERED"), Outcome.DELIVERED),
        (DlrStatus("ACCEPTED"), Outcome.PENDING),
        (DlrStatus("REJECTED"), Outcome.PERMANENT_FAILURE),
        (MtrCode("MTR1"), Outcome.DELIVERED),
    ],
    ids=repr,
)
def test_key_outcomes(member: Any, outcome: Outcome) -> None:
    assert member.outcome is outcome


def test_kakao_3050_is_one_member_with_both_meanings() -> None:
    members = [m for m in KakaoResultCode if m.value == "3050"]
    assert len(members) == 1
    text = members[0].description
    assert "Opt out spec. (N type) unsupported" in text
    assert "Non-KakaoTalk user" in text
    assert members[0].outcome is Outcome.PERMANENT_FAILURE


def test_docs_reading_of_re_meant_kakao_codes() -> None:
    assert KakaoResultCode("3042").description == "Sender profile not found"
    assert KakaoResultCode("3042").docs_description
    assert KakaoResultCode("1000").docs_description == ""


def test_parse_accepts_wire_shapes_and_tolerates_unknown_codes() -> None:
    assert SmsResultCode.parse("3018") is SmsResultCode("3018")
    assert SmsResultCode.parse(3018) is SmsResultCode("3018")
    assert SmsResultCode.parse(" e915 ") is SmsResultCode("E915")
    assert KakaoResultCode.parse(4161) is KakaoResultCode.STILL_PROCESSING
    assert KakaoResultCode.parse("4999") is None
    assert KakaoResultCode.parse("") is None
    assert KakaoResultCode.parse(None) is None
    assert KakaoResultCode.parse(True) is None
    assert DlrStatus.parse("expired") is DlrStatus.EXPIRED
    assert DlrStatus.parse("LOST") is None
    assert MtrCode.parse("mtr2_3") is MtrCode.DEVICE_ISSUE
    assert DlrErrorCode.parse("2") is DlrErrorCode(2)
    assert DlrErrorCode.parse(16) is DlrErrorCode.GATEWAY_QUOTA_EXCEEDED
    for junk in ("x", "-1", "2.0", "", "²", "٣", None, 10, 100000):
        assert DlrErrorCode.parse(junk) is None, junk


@given(st.one_of(st.text(max_size=8), st.integers(), st.none()))
def test_parse_never_raises(value: str | int | None) -> None:
    for enum_cls in ALL_ENUMS:
        parsed = enum_cls.parse(value)
        if parsed is not None:
            assert isinstance(parsed, enum_cls)
            if isinstance(value, str) and enum_cls is not DlrErrorCode:
                assert parsed.value == value.strip().upper()


def test_members_pickle_by_identity() -> None:
    for enum_cls in ALL_ENUMS:
        for member in enum_cls:
            assert pickle.loads(pickle.dumps(member)) is member
    assert pickle.loads(pickle.dumps(Outcome.UNCERTAIN)) is Outcome.UNCERTAIN


def test_module_reads_no_files_and_imports_little() -> None:
    # delivery.py is on the import path of every send: it must be plain literals.
    path = Path(delivery.__file__)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in ("open", "eval", "exec", "__import__")
    assert imported == {"__future__", "enum", "typing"}
