"""``notify-sdk campaign send | resume | status`` on the sandbox emulator."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from notify_sdk._cli import main


def _csv(path: Path, rows: list[tuple[str, str]]) -> Path:
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["number", "name"])
        writer.writerows(rows)
    return path


def test_send_status_resume(tmp_path: Path) -> None:
    source = _csv(
        tmp_path / "people.csv",
        [(f"010{i:08d}", f"P{i}") for i in range(25)] + [("oops", "X")],
    )
    journal = tmp_path / "c.journal"
    failures = tmp_path / "failed.csv"
    out = io.StringIO()
    code = main(
        ["--sandbox", "campaign", "send", str(source), "--id", "cli-test", "--sms",
         "Hi ##name##", "--chunk-size", "10", "--journal", str(journal),
         "--failures", str(failures)],
        out=out,
    )  # fmt: skip
    text = out.getvalue()
    assert code == 3, text  # one row refused
    assert "26 recipients: accepted 25, invalid 1" in text
    assert "26/26 recipients" in text  # plain progress lines off a terminal
    with open(failures, newline="") as handle:
        assert [r["row"] for r in csv.DictReader(handle)] == ["26"]

    out = io.StringIO()
    assert main(["campaign", "status", str(journal)], out=out) == 0
    assert "chunks_sent: 3" in out.getvalue() and "accepted: 25" in out.getvalue()

    out = io.StringIO()
    assert main(["campaign", "resume", str(journal), "--sandbox"], out=out) == 3
    assert "accepted 25, invalid 1" in out.getvalue()
    with open(failures, newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 1  # the resumed run lists no row twice


def test_status_of_a_missing_journal_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["campaign", "status", str(tmp_path / "none.journal")]) == 2


def test_send_at_a_time_schedules_every_chunk(tmp_path: Path) -> None:
    from datetime import datetime, timedelta, timezone

    from notify_sdk.campaigns import Journal

    source = _csv(tmp_path / "people.csv", [(f"010{i:08d}", f"P{i}") for i in range(4)])
    journal = tmp_path / "at.journal"
    when = (datetime.now() + timedelta(days=2)).replace(hour=10, minute=0, second=0, microsecond=0)
    out = io.StringIO()
    code = main(
        ["--sandbox", "campaign", "send", str(source), "--id", "cli-at", "--sms", "Hi",
         "--chunk-size", "2", "--journal", str(journal), "--at", when.isoformat()],
        out=out,
    )  # fmt: skip
    assert code == 0, out.getvalue()
    with Journal(journal) as j:
        assert [r.state for r in j] == ["sent", "sent"]
    out = io.StringIO()
    assert main(["campaign", "status", str(journal)], out=out) == 0
    # --at without an offset is Korea time; the journal keeps it in UTC.
    naive_korea = when.replace(tzinfo=timezone(timedelta(hours=9)))
    assert f"scheduled for {naive_korea.astimezone(timezone.utc).isoformat()}" in out.getvalue()
    # Resume rebuilds the same scheduled campaign (its fingerprint matches).
    assert main(["campaign", "resume", str(journal), "--sandbox"], out=io.StringIO()) == 0
    bad = ["--sandbox", "campaign", "send", str(source), "--id", "cli-at2", "--sms", "Hi",
           "--journal", str(tmp_path / "b.journal"), "--at"]  # fmt: skip
    assert main([*bad, "tomorrow"]) == 2
    assert main([*bad, "2020-01-01T09:00"]) == 2  # not in the future
