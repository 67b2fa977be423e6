"""The management commands of the command line, in sandbox mode."""

from __future__ import annotations

import io
import json

from notify_sdk._cli import main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--sandbox", *argv], out=out)
    return code, out.getvalue()


def test_templates_list_show_and_status() -> None:
    code, text = run("templates", "list")
    assert code == 0 and "WELCOME\tTSC03" in text and "1 template(s)" in text
    code, text = run("templates", "show", "WELCOME")
    assert code == 0 and "content: Hello #{name}, welcome aboard." in text
    assert "status: TSC03" in text
    code, text = run("templates", "status", "WELCOME", "--json")
    assert code == 0 and json.loads(text)["status"] == "TSC03"
    code, text = run("templates", "list", "--service", "brand", "--json")
    assert code == 0 and json.loads(text.splitlines()[0])["template_code"] == "BRAND_WELCOME"


def test_senders_list() -> None:
    code, text = run("senders", "list", "--json")
    row = json.loads(text.splitlines()[0])
    assert code == 0 and row["plus_friend_id"] == "@emulator"


def test_optout_add_then_list_in_one_sandbox_run_each() -> None:
    # Each invocation starts a fresh emulator: add reports, list is empty again.
    code, text = run("optout", "add", "01055550123", "--json")
    assert code == 0 and json.loads(text) == {
        "action": "add",
        "unsubscribe_no": "0801234567",
        "count": 1,
    }
    code, text = run("optout", "list")
    assert code == 0 and "0 opted-out number(s)" in text
    code, _ = run("optout", "remove", "not-a-number")
    assert code != 0


def test_stats_prints_rows() -> None:
    code, text = run("stats", "--service", "kakao", "--days", "7", "--json")
    assert code == 0 and json.loads(text.splitlines()[0])["counts"]["REQUESTED"] == 0
    code, text = run("stats")
    assert code == 0 and "requested 0" in text
