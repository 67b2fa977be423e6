"""Every script in examples/ runs standalone against the emulator, exits 0 and
prints what it demonstrates."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

#: What each example must print (besides exiting 0).
EXPECTED: dict[str, list[str]] = {
    "send_sms.py": [
        "mode: emulator",
        "accepted: request",
        "invalid input in 'body'",
        "sms -2019",
        "drop this number",
        "SenderNumberError [sms -2312]",
        "the message was not sent",
        "ConfigurationError",
    ],
    "retry_policies.py": [
        "sent in 3 attempts",
        "recovered=True",
        "raised at once: ServerError after 1 attempt",
        "sent in 6 attempts",
        "gave up after",
        "ambiguous=True",
        "look the send up, resend only if absent",
        "no duplicates",
    ],
    "alimtalk_fallback.py": [
        "AlimTalk accepted",
        "SMS fallback sent",
        "sms (fallback): DELIVERED",
    ],
    "async_concurrent.py": [
        "40 sends accepted",
        "0 failed",
        "each of the 40 customers got exactly one message",
    ],
    "brand_message.py": [
        "Brand Message accepted",
        "recovered=True",
        "FriendTalk request converted",
        "template send accepted",
    ],
    "test_app_with_emulator.py": ["4 passed"],
    "structured_logs.py": [
        "2 records for a send in 2 attempts",
        "every record carries the notify.* keys: True",
        "number only masked: True",
        "body never logged: True",
        "request id on the answered attempt: True",
    ],
    "webhook_fastapi.py": [
        "FastAPI: POST answers [200, 200]",
        "FastAPI: wrong signature answered 401",
        "FastAPI: 3 recipients tracked from webhooks",
        "Starlette: 3 recipients tracked from webhooks",
        "sms seq 2: failed (3001)",
    ],
    "webhook_flask.py": [
        "POST answers [200]; again [200]",
        "unsigned POST answered 401",
        "not a webhook answered 400",
        "seq 2: failed, resend may help: True",
        "polling agrees with the webhooks: True",
    ],
}


def _env() -> dict[str, str]:
    """The environment without credentials: every example takes its emulator path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NHN_", "NOTIFY_EXAMPLE_"))}
    env["PYTHONWARNINGS"] = "default"
    return env


def test_every_example_is_covered() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.py")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_runs(name: str) -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / name)],
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(),
        cwd=EXAMPLES.parent,
    )
    assert done.returncode == 0, f"{name} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    for text in EXPECTED[name]:
        assert text in done.stdout, f"{name}: {text!r} not in output:\n{done.stdout}"
    assert "Traceback" not in done.stderr, done.stderr
