"""The status and updates commands against the emulator served over loopback HTTP."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest

from notify_sdk import Recipient
from notify_sdk._cli import main
from notify_sdk.testing import Emulator

KST = timezone(timedelta(hours=9))


def run_cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    emulator = Emulator(delivery_delay=0)
    with emulator.serve() as base_url:
        for name, value in emulator.client_kwargs(base_url).items():
            monkeypatch.setenv(f"NHN_{name.upper()}", str(value))
        yield emulator


def test_status_of_an_sms_send_lists_every_recipient(served: Emulator) -> None:
    served.set_outcome("01055550102", "3001", service="sms")
    with served.client() as client:
        sent = client.send_sms(["01055550101", "01055550102"], "hi")
    status, out = run_cli("status", sent.request_id or "")
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == 2
    assert "#1: delivered, code 1000" in lines[0]
    assert "#2: failed, code 3001" in lines[1] and "permanent_failure" in lines[1]
    status, out = run_cli("status", sent.request_id or "", "2", "--json")
    (row,) = [json.loads(line) for line in out.splitlines()]
    assert row["seq"] == 2 and row["final"] and row["number"] == "010****0102"


def test_status_learns_every_service(served: Emulator) -> None:
    served.set_non_kakao_user("01055550103")
    with served.client() as client:
        alim = client.send_alimtalk(
            Recipient("01055550103", params={"name": "K"}), "WELCOME", fallback=True
        )
    status, out = run_cli("status", "--service", "alimtalk", alim.request_id or "", "--wait", "5")
    assert status == 0, out
    assert "alimtalk" in out and "failed, code 3018" in out and "SMS fallback RSC04" in out


def test_status_wait_times_out_with_its_own_exit_status(monkeypatch: pytest.MonkeyPatch) -> None:
    emulator = Emulator(delivery_delay=3600)
    with emulator.serve() as base_url:
        for name, value in emulator.client_kwargs(base_url).items():
            monkeypatch.setenv(f"NHN_{name.upper()}", str(value))
        with emulator.client() as client:
            sent = client.send_sms("01055550101", "hi")
        status, out = run_cli("status", sent.request_id or "", "--wait", "0.5")
    assert status == 4
    assert "pending" in out and "not final" in out


def test_status_of_an_unknown_request(served: Emulator) -> None:
    status, out = run_cli("status", "--service", "brand", "20261124000000XXXXXXXXXXX")
    assert status == 1 and "no such recipient" in out


def test_updates_since_as_json_lines(served: Emulator) -> None:
    with served.client() as client:
        client.send_sms("01055550101", "hi")
        client.send_alimtalk(Recipient("01055550101", params={"name": "K"}), "WELCOME")
    # The emulator's clock is real; results changed a moment ago.
    status, out = run_cli("updates", "--since", "10m", "--until", "0s", "--json")
    assert status == 0, out
    rows = [json.loads(line) for line in out.splitlines()]
    assert sorted(r["service"] for r in rows) == ["alimtalk", "sms"]
    assert all(r["final"] and r["state"] == "delivered" for r in rows)
    status, out = run_cli("updates", "--since", "10m", "--service", "alimtalk")
    assert status == 0 and out.strip().endswith("1 update(s)")


def test_updates_rejects_a_bad_since(served: Emulator) -> None:
    status, _ = run_cli("updates", "--since", "yesterday-ish")
    assert status == 2


def test_updates_accepts_a_korea_time_date(served: Emulator) -> None:
    start = (datetime.now(KST) - timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M")
    status, out = run_cli("updates", "--since", start, "--service", "sms")
    assert status == 0 and "0 update(s)" in out
