"""The code tables (notify_sdk/codes/*.csv) against the seeds and the generated code.

These tests read the data files directly, not through the generator, so a generator
bug cannot hide a data row that never reached its class or enum member.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from notify_sdk import delivery, errors
from notify_sdk.errors import kakao, sms

REPO = Path(__file__).resolve().parents[2]
CODES = REPO / "notify_sdk" / "codes"
SEEDS = REPO.parent / "shared" / "seeds"
SMS_SEED = "000_54585a2f5dc310dc.txt"
KAKAO_SEED = "002_a66aadaa7c9c545d.txt"
SEED_COPY = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"

CATEGORY_CLASSES: dict[str, type[errors.APIError]] = {
    "validation": errors.ValidationError,
    "recipient": errors.RecipientError,
    "authentication": errors.AuthenticationError,
    "permission": errors.PermissionDeniedError,
    "not_found": errors.NotFoundError,
    "template": errors.TemplateError,
    "sender_number": errors.SenderNumberError,
    "sender_profile": errors.SenderProfileError,
    "sender_profile_blocked": errors.SenderProfileBlocked,
    "duplicate": errors.DuplicateRequestError,
    "quota": errors.QuotaExceededError,
    "server": errors.ServerError,
    "api": errors.APIError,
}
NEVER_RETRYABLE = {
    "validation",
    "recipient",
    "authentication",
    "permission",
    "template",
    "sender_number",
    "sender_profile",
    "sender_profile_blocked",
    "duplicate",
    "quota",
}
API_FILES = {"sms": ("sms_api.csv", sms), "kakao": ("kakao_api.csv", kakao)}
DELIVERY_FILES: dict[str, Any] = {
    "sms_receive.csv": delivery.SmsResultCode,
    "sms_dlr_status.csv": delivery.DlrStatus,
    "sms_dlr_error.csv": delivery.DlrErrorCode,
    "sms_mtr.csv": delivery.MtrCode,
    "kakao_delivery.csv": delivery.KakaoResultCode,
}


def read_rows(name: str) -> list[dict[str, str]]:
    with (CODES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def delivery_value(name: str, code: str) -> str | int:
    return int(code) if name == "sms_dlr_error.csv" else code


def delivery_text(row: dict[str, str]) -> str:
    return f"{row['meaning']}: {row['notes']}" if row.get("notes") else row["meaning"]


def norm(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------------ data -> code


@pytest.mark.parametrize("service", sorted(API_FILES))
def test_every_api_row_reaches_its_class(service: str) -> None:
    data_file, module = API_FILES[service]
    rows = read_rows(data_file)
    assert rows, data_file
    for row in rows:
        code = int(row["code"])
        cls = errors.lookup(service, code)
        if code == 0:
            assert row["success"] == "true"
            assert cls is errors.APIError
            continue
        where = f"{data_file} code {code}"
        assert cls.__name__ == row["class_name"], where
        assert getattr(module, row["class_name"]) is cls, where
        assert module.CODES[code] is cls, where
        assert cls.service == service, where
        assert cls.code == code, where
        assert cls.retryable is (row["retryable"] == "true"), where
        assert cls.category == row["category"], where
        assert issubclass(cls, CATEGORY_CLASSES[row["category"]]), where
        assert cls.__bases__ == (CATEGORY_CLASSES[row["category"]],), where
        assert row["meaning"] in cls.description, where
        assert row.get("docs_meaning", "") in cls.docs_description, where
        assert cls.__doc__ and str(code) in cls.__doc__, where


@pytest.mark.parametrize("service", sorted(API_FILES))
def test_generated_api_classes_are_exactly_the_data_codes(service: str) -> None:
    data_file, module = API_FILES[service]
    codes = {int(row["code"]) for row in read_rows(data_file)} - {0}
    assert set(module.CODES) == codes
    assert len(set(module.CODES.values())) == len(codes)


@pytest.mark.parametrize("name", sorted(DELIVERY_FILES))
def test_every_delivery_row_reaches_its_member(name: str) -> None:
    enum_cls = DELIVERY_FILES[name]
    rows = read_rows(name)
    assert rows, name
    for row in rows:
        value = delivery_value(name, row["code"])
        member: Any = enum_cls(value)
        where = f"{name} code {value}"
        assert member.name == row["member"], where
        assert member is enum_cls[row["member"]], where
        assert member.value == value, where
        assert member.outcome is delivery.Outcome[row["outcome"]], where
        assert delivery_text(row) in member.description, where
        if "docs_meaning" in row:
            assert row["docs_meaning"] in member.docs_description, where
    assert len(enum_cls) == len({row["code"] for row in rows})


def test_repeated_rows_are_kept_and_merged() -> None:
    kakao_rows = [r for r in read_rows("kakao_delivery.csv") if r["code"] == "3050"]
    assert len(kakao_rows) == 2
    member = delivery.KakaoResultCode("3050")
    for row in kakao_rows:
        assert row["meaning"] in member.description
    sms_counts = Counter(int(r["code"]) for r in read_rows("sms_api.csv"))
    for code in (-2044, -2045, -2046, -2047):
        assert sms_counts[code] == 2
        assert errors.lookup("sms", code).description == next(
            r["meaning"] for r in read_rows("sms_api.csv") if int(r["code"]) == code
        )


# ------------------------------------------------------------- data well-formed


@pytest.mark.parametrize("service", sorted(API_FILES))
def test_api_data_is_well_formed(service: str) -> None:
    data_file, _ = API_FILES[service]
    names: dict[str, int] = {}
    for row in read_rows(data_file):
        code = int(row["code"])
        assert row["source"] in ("seed", "docs")
        assert row["retryable"] in ("true", "false")
        if code == 0:
            assert (row["category"], row["class_name"], row["retryable"]) == (
                "success",
                "",
                "false",
            )
            continue
        assert row["category"] in CATEGORY_CLASSES, code
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", row["class_name"]), code
        assert names.setdefault(row["class_name"], code) == code, row["class_name"]
        if row["retryable"] == "true":
            assert row["category"] not in NEVER_RETRYABLE, code


@pytest.mark.parametrize("name", sorted(DELIVERY_FILES))
def test_delivery_data_is_well_formed(name: str) -> None:
    members: dict[str, str] = {}
    for row in read_rows(name):
        assert row["source"] in ("seed", "docs")
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", row["member"]), row
        assert members.setdefault(row["member"], row["code"]) == row["code"], row
        assert row["outcome"] in delivery.Outcome.__members__, row


def test_retryable_codes_are_the_providers_transient_failures() -> None:
    for service, (data_file, _) in API_FILES.items():
        for row in read_rows(data_file):
            if row["retryable"] == "true":
                assert row["category"] == "server", (service, row["code"])
    for code in (-9999, -2021, -2009, -2010, -2017, -2706, -7000):
        cls = errors.lookup("sms", code)
        assert cls.retryable and issubclass(cls, errors.ServerError), code
    for code in (-9999, -7000, -8010, -8003):
        cls = errors.lookup("kakao", code)
        assert cls.retryable and issubclass(cls, errors.ServerError), code


# ------------------------------------------------------------------ seeds -> data


def _seeds() -> Path:
    """The seed documents: shared/ beside the clone when present, else the copy here.

    tests/fixtures/seeds/ holds a verbatim copy so that the coverage tests run
    on any clone; test_seed_copy_matches_shared keeps the copy honest.
    """
    if (SEEDS / SMS_SEED).is_file() and (SEEDS / KAKAO_SEED).is_file():
        return SEEDS
    return SEED_COPY


# SHA-256 of the seed documents as shared/ holds them: a clone without shared/
# beside it still proves that the copy is the seeds, byte for byte.
SEED_DIGESTS = {
    SMS_SEED: "3385ebfceb1132695a9aef60caa9275799bc9b4cfa002654d0f7a454b654947a",
    KAKAO_SEED: "bdeb50e05b9b48f4ee0a20c5b39607dd9960c41cac84929c34f119aadf6c644f",
}


def test_seed_copy_matches_shared() -> None:
    for name, digest in SEED_DIGESTS.items():
        copy = (SEED_COPY / name).read_bytes()
        assert hashlib.sha256(copy).hexdigest() == digest, name
        if (SEEDS / name).is_file():
            assert copy == (SEEDS / name).read_bytes(), name


SMS_API_LINE = re.compile(
    r"^(Common|Send/Query|Template|Category|Sender number|Statistics|080 Call Rejection|Tag)"
    r" (true|false) (-?\d+) (.*)$"
)
SMS_RECEIVE_LINE = re.compile(r"^(Telecom Provider|ETC) (\d{4}|E\d{3}) (Successful|Failure) (.*)$")


def _sms_seed_lines() -> list[str]:
    return (_seeds() / SMS_SEED).read_text(encoding="utf-8").splitlines()


def _section(lines: list[str], header: str) -> list[str]:
    start = lines.index(header) + 1
    out = []
    for line in lines[start:]:
        if not line.strip():
            break
        out.append(line)
    return out


def _kakao_seed_tables() -> tuple[list[list[str]], list[list[str]]]:
    api, deliveries = [], []
    for line in (_seeds() / KAKAO_SEED).read_text(encoding="utf-8").splitlines():
        cells = [cell.strip().replace("\\_", "_") for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.fullmatch(r"-?\d+", cells[2]):
            api.append(cells)
        elif len(cells) == 2 and re.fullmatch(r"\d{4}|E\d{3}", cells[0]):
            deliveries.append(cells)
    return api, deliveries


def _seed_rows(name: str) -> list[dict[str, str]]:
    return [row for row in read_rows(name) if row["source"] == "seed"]


def test_sms_api_seed_rows_are_transcribed() -> None:
    seed = [m.groups() for m in map(SMS_API_LINE.match, _sms_seed_lines()) if m]
    data = _seed_rows("sms_api.csv")
    assert len(seed) == 90
    assert len(data) == len(seed)
    for (group, success, code, rest), row in zip(seed, data, strict=True):
        assert (row["group"], row["success"], row["code"]) == (group, success, code)
        assert norm(f"{row['meaning']} {row['api_message']}") == norm(rest), code


def test_sms_receive_seed_rows_are_transcribed() -> None:
    seed = [m.groups() for m in map(SMS_RECEIVE_LINE.match, _sms_seed_lines()) if m]
    data = _seed_rows("sms_receive.csv")
    assert len(seed) == 38
    assert [(r["group"], r["code"], r["classification"], r["meaning"]) for r in data] == [
        (group, code, classification, meaning.strip())
        for group, code, classification, meaning in seed
    ]


def test_sms_dlr_and_mtr_seed_rows_are_transcribed() -> None:
    lines = _sms_seed_lines()
    status = [line.split(" ", 1) for line in _section(lines, "DLR status code Description")]
    assert [(r["code"], r["meaning"]) for r in _seed_rows("sms_dlr_status.csv")] == [
        (code, meaning.strip()) for code, meaning in status
    ]
    dlr_errors = [
        line.split(" ", 1) for line in _section(lines, "DLR error code Description Notes")
    ]
    data = _seed_rows("sms_dlr_error.csv")
    assert len(data) == len(dlr_errors) == 24
    for (code, rest), row in zip(dlr_errors, data, strict=True):
        assert row["code"] == code
        assert norm(f"{row['meaning']} {row['notes']}") == norm(rest), code
    mtr = [line.split(" ", 1) for line in lines if line.startswith("MTR")]
    assert [(r["code"], r["meaning"]) for r in _seed_rows("sms_mtr.csv")] == [
        (code, meaning.strip()) for code, meaning in mtr
    ]


def test_kakao_seed_rows_are_transcribed() -> None:
    api, deliveries = _kakao_seed_tables()
    assert len(api) == 211
    assert [
        (r["group"], r["success"], r["code"], r["meaning"]) for r in _seed_rows("kakao_api.csv")
    ] == [tuple(cells) for cells in api]
    assert len(deliveries) == 94
    assert [(r["code"], r["meaning"]) for r in _seed_rows("kakao_delivery.csv")] == [
        tuple(cells) for cells in deliveries
    ]


def test_every_seed_code_is_in_the_data() -> None:
    lines = _sms_seed_lines()
    api, deliveries = _kakao_seed_tables()
    seed_codes = {
        "sms_api.csv": {m.group(3) for m in map(SMS_API_LINE.match, lines) if m},
        "sms_receive.csv": {m.group(2) for m in map(SMS_RECEIVE_LINE.match, lines) if m},
        "sms_dlr_status.csv": {
            line.split()[0] for line in _section(lines, "DLR status code Description")
        },
        "sms_dlr_error.csv": {
            line.split()[0] for line in _section(lines, "DLR error code Description Notes")
        },
        "sms_mtr.csv": {line.split()[0] for line in lines if line.startswith("MTR")},
        "kakao_api.csv": {cells[2] for cells in api},
        "kakao_delivery.csv": {cells[0] for cells in deliveries},
    }
    for name, codes in seed_codes.items():
        rows = read_rows(name)
        in_data = {row["code"] for row in rows if row["source"] == "seed"}
        assert codes, name
        assert codes == in_data, (name, codes ^ in_data)
        docs_only = {row["code"] for row in rows if row["source"] == "docs"}
        assert not docs_only & codes, f"{name}: a docs row duplicates a seed code"


# Brand Message section 12.4 of shared/api/brand-message.md: in the docs, not the seed.
BRAND_DOCS_API = {
    -9994, -9993, -8013, -8012, -8009, -8007, -4105, -4104, -4024, -4023, -4022, -4021,
    -4020, -4019, -4018, -4017, -4016, -4014, -4011, -4010, -4000, -3349, -3348, -3347,
    -3053, -3052, -3051, -1020, -1006,
}  # fmt: skip
BRAND_DOCS_DELIVERY = {
    "1014", "2003", "3052", "3057", "3058", "4100", "4101", "4102", "4103", "4104", "4110",
    "4120", "4121", "4122", "4130", "4131", "4132", "4133", "4134", "4137", "4138", "4139",
    "4140", "4141", "4142", "4143", "4144", "4156", "4161",
}  # fmt: skip


def test_brand_message_docs_codes_are_marked_docs() -> None:
    api_docs = {int(r["code"]) for r in read_rows("kakao_api.csv") if r["source"] == "docs"}
    assert api_docs == BRAND_DOCS_API
    delivery_docs = {r["code"] for r in read_rows("kakao_delivery.csv") if r["source"] == "docs"}
    assert delivery_docs == BRAND_DOCS_DELIVERY
    for code in BRAND_DOCS_API:
        assert errors.lookup("kakao", code).code == code
    for value in BRAND_DOCS_DELIVERY:
        assert delivery.KakaoResultCode.parse(value) is not None


# --------------------------------------------------------------------- namespaces

# codes-comparison.md section 4.1: API codes that exist in both services.
CLASHING_API_CODES = (
    0, 4, -1000, -1001, -1002, -1003, -1004, -1005, -1006, -1008, -2000, -2001, -2002,
    -2003, -2004, -2005, -2017, -2018, -2019, -2023, -2024, -4000, -7000, -8000, -9995,
    -9996, -9997, -9998, -9999,
)  # fmt: skip


def test_every_clashing_code_is_namespaced() -> None:
    sms_codes = {int(r["code"]) for r in read_rows("sms_api.csv")}
    kakao_codes = {int(r["code"]) for r in read_rows("kakao_api.csv")}
    assert set(CLASHING_API_CODES) <= sms_codes & kakao_codes
    for code in sorted((sms_codes & kakao_codes) - {0}):
        sms_cls, kakao_cls = errors.lookup("sms", code), errors.lookup("kakao", code)
        assert sms_cls is not kakao_cls, code
        assert (sms_cls.service, kakao_cls.service) == ("sms", "kakao")
        assert sms_cls.__module__ == "notify_sdk.errors.sms"
        assert kakao_cls.__module__ == "notify_sdk.errors.kakao"


def test_clashes_that_change_behaviour() -> None:
    assert issubclass(errors.lookup("kakao", -1005), errors.DuplicateRequestError)
    assert not issubclass(errors.lookup("sms", -1005), errors.DuplicateRequestError)
    assert issubclass(errors.lookup("sms", -2019), errors.RecipientError)
    assert not issubclass(errors.lookup("kakao", -2019), errors.RecipientError)
    # -2017 flips retryability: a transient export failure in SMS, a missing profile in kakao
    assert errors.lookup("sms", -2017).retryable
    assert not errors.lookup("kakao", -2017).retryable
    assert issubclass(errors.lookup("kakao", -2017), errors.SenderProfileError)
    assert errors.lookup("kakao", -1001).description == "Invalid secretKey"
    assert errors.lookup("sms", -1001).description == "Not exist appkey"
    # delivery codes clash too: 3005 is a busy handset in SMS, an unconfirmed receipt in kakao
    assert delivery.SmsResultCode("3005").outcome is delivery.Outcome.TEMPORARY_FAILURE
    assert delivery.KakaoResultCode("3005").outcome is delivery.Outcome.UNCERTAIN
