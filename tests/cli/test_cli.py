"""The command line, in process and through its installed entry points."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from notify_sdk._cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, main


def run_cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def test_codes_explain_sms_api_code() -> None:
    status, out = run_cli("codes", "explain", "-2019", "--service", "sms")
    assert status == EXIT_OK
    assert "[sms -2019]" in out and "ValidationError" in out
    assert "retryable: no" in out


def test_codes_explain_kakao_differs_from_sms() -> None:
    _, sms = run_cli("codes", "explain", "-1005", "--service", "sms")
    _, kakao = run_cli("codes", "explain", "-1005", "--service", "kakao")
    assert "DuplicateRequestError" in kakao and "DuplicateRequestError" not in sms


def test_codes_explain_retryable_and_delivery_codes() -> None:
    _, out = run_cli("codes", "explain", "-9999", "--service", "sms")
    assert "retryable: yes" in out and "ServerError" in out
    _, out = run_cli("codes", "explain", "3018", "--service", "kakao")
    assert "KakaoResultCode" in out and "outcome" in out
    _, out = run_cli("codes", "explain", "E915", "--service", "sms")
    assert "SmsResultCode" in out


def test_codes_explain_unknown_code_fails(capsys: pytest.CaptureFixture[str]) -> None:
    status, _ = run_cli("codes", "explain", "-123456", "--service", "sms")
    assert status == EXIT_USAGE
    assert "no sms table" in capsys.readouterr().err


def test_sandbox_sms_send() -> None:
    status, out = run_cli("--sandbox", "sms", "send", "--to", "010-5555-0101", "--body", "hi")
    assert status == EXIT_OK
    assert "1/1 accepted" in out
    assert "010****0101" in out and "01055550101" not in out


def test_sandbox_lms_send_with_title() -> None:
    status, out = run_cli(
        "--sandbox", "sms", "send", "--to", "01055550101", "--body", "long" * 30, "--title", "T"
    )
    assert status == EXIT_OK and "1/1 accepted" in out


def test_local_validation_error_is_one_line_with_usage_status(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, _ = run_cli("--sandbox", "sms", "send", "--to", "01055550101", "--body", "x" * 91)
    err = capsys.readouterr().err
    assert status == EXIT_USAGE
    assert err.count("\n") == 1 and "send_mms" in err


def test_api_error_prints_service_code_and_meaning(capsys: pytest.CaptureFixture[str]) -> None:
    status, _ = run_cli(
        "--sandbox", "sms", "send", "--to", "01055550101", "--body", "hi", "--sender", "0299999999"
    )
    err = capsys.readouterr().err
    assert status == EXIT_FAILED
    assert err.startswith("error: [sms -2312]") and err.count("\n") == 1


def test_missing_credentials_without_sandbox(capsys: pytest.CaptureFixture[str]) -> None:
    status, _ = run_cli("sms", "send", "--to", "01055550101", "--body", "hi", "--sender", "021234")
    err = capsys.readouterr().err
    assert status == EXIT_FAILED
    assert "ConfigurationError" in err and "NHN_SMS_APP_KEY" in err


def test_demo_runs_and_proves_no_duplicates() -> None:
    status, out = run_cli("demo")
    assert status == EXIT_OK, out
    assert "no duplicates" in out
    assert "found again by lookup" in out
    assert "Brand Message" in out


def _entry_point() -> str:
    script = Path(sys.executable).with_name("notify-sdk")
    if not script.exists():
        pytest.fail("the notify-sdk console script is not installed next to this interpreter")
    return str(script)


def test_console_script_and_module_entry_points() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NHN_")}
    for command in (
        [_entry_point(), "codes", "explain", "-1027", "--service", "kakao"],
        [sys.executable, "-m", "notify_sdk", "codes", "explain", "-1027", "--service", "kakao"],
    ):
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
        assert done.returncode == 0, done.stderr
        assert "SenderProfileBlocked" in done.stdout


def test_console_script_error_exit_status() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NHN_")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "notify_sdk",
            "--sandbox",
            "sms",
            "send",
            "--to",
            "x",
            "--body",
            "b",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == EXIT_USAGE
    assert done.stderr.startswith("error:") and "Traceback" not in done.stderr
