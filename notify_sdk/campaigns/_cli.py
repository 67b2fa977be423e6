"""``notify-sdk campaign send | resume | status``: campaigns from a CSV file.

The CSV has a header row; one column holds the phone number (``number`` by
default) and every other non-empty column becomes a per-recipient template
parameter. Each run keeps a journal (``<campaign id>.journal`` by default)
holding its arguments, so ``campaign resume JOURNAL`` needs nothing else.
A progress bar is drawn with ``rich`` when it is installed
(``pip install 'notify-sdk[cli]'``) and the output is a terminal; otherwise
one plain line per 10 % of the recipients.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO

from .. import Recipient
from ..errors import ValidationError

if TYPE_CHECKING:
    from ._plan import CampaignMessage
    from ._results import CampaignProgress, CampaignResult

__all__ = ["add_commands", "run"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def _sandbox_flag(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: without the flag here, the top-level --sandbox still counts.
    parser.add_argument(
        "--sandbox",
        action="store_true",
        default=argparse.SUPPRESS,
        help="run against the embedded emulator (no network)",
    )


def add_commands(commands: Any) -> None:
    """Add ``campaign send|resume|status`` to the main parser's subcommands."""
    campaign = commands.add_parser(
        "campaign", help="one message to many recipients from a CSV, resumable"
    ).add_subparsers(dest="action", required=True, metavar="ACTION")

    send = campaign.add_parser("send", help="send a campaign to every row of a CSV file")
    send.add_argument("csv", help="CSV file with a header row")
    send.add_argument("--id", required=True, help="campaign id (stable: it names every chunk)")
    what = send.add_mutually_exclusive_group(required=True)
    what.add_argument("--sms", metavar="BODY", help="SMS text (##column## placeholders)")
    what.add_argument("--alimtalk", metavar="TEMPLATE", help="AlimTalk template code")
    what.add_argument("--brand-template", metavar="TEMPLATE", help="Brand Message template code")
    send.add_argument("--title", help="with --sms: the subject, which makes it an LMS")
    send.add_argument("--sender", help="with --sms: the sender number")
    send.add_argument("--sender-key", help="KakaoTalk sender profile key")
    send.add_argument("--number-column", default="number", help="column of the phone number")
    send.add_argument("--journal", help="journal file (default <id>.journal)")
    send.add_argument("--failures", help="write refused recipients here (.csv or .jsonl)")
    send.add_argument("--chunk-size", type=int, default=1000, help="recipients per request")
    send.add_argument("--concurrency", type=int, default=None, help="requests in flight")
    send.add_argument("--rate", type=float, default=None, help="requests per second")
    send.add_argument(
        "--at",
        metavar="WHEN",
        help="deliver at this time (ISO, e.g. 2026-12-24T09:00; without an offset: Korea time)",
    )
    _sandbox_flag(send)

    resume = campaign.add_parser("resume", help="finish a campaign from its journal")
    resume.add_argument("journal", help="the journal file")
    _sandbox_flag(resume)

    status = campaign.add_parser("status", help="what a campaign's journal says")
    status.add_argument("journal", help="the journal file")
    _sandbox_flag(status)


def _message(options: dict[str, Any]) -> CampaignMessage:
    from ._plan import AlimTalk, BrandTemplate, Sms

    if options.get("sms") is not None:
        return Sms(options["sms"], title=options.get("title"), sender=options.get("sender"))
    if options.get("alimtalk") is not None:
        return AlimTalk(options["alimtalk"], sender_key=options.get("sender_key"))
    return BrandTemplate(options["brand_template"], sender_key=options.get("sender_key"))


def _rows(path: str, number_column: str) -> Iterator[Recipient | str]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or number_column not in reader.fieldnames:
            raise ValidationError(
                f"{path}: no {number_column!r} column in the header "
                f"({', '.join(reader.fieldnames or [])}); pass --number-column",
                field="number_column",
            )
        for row in reader:
            number = row.pop(number_column, None) or ""
            params = {k: v for k, v in row.items() if k and v}
            yield Recipient(number, params=params) if params else number


def _count_rows(path: str) -> int:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return max(sum(1 for _ in csv.reader(handle)) - 1, 0)


class _Progress:
    """A rich progress bar on a terminal, plain lines elsewhere."""

    def __init__(self, total: int, out: TextIO) -> None:
        self.total = total
        self.out = out
        self.bar: Any = None
        self.task: Any = None
        self.next_line = 0.1
        if out.isatty():
            try:
                from rich.progress import Progress
            except ImportError:
                return
            self.bar = Progress(transient=False)
            self.bar.start()
            self.task = self.bar.add_task("sending", total=total or None)

    def __call__(self, progress: CampaignProgress) -> None:
        done = progress.recipients_done
        if self.bar is not None:
            self.bar.update(self.task, completed=done)
            return
        share = done / self.total if self.total else 1.0
        if share >= self.next_line or (progress.finished and self.next_line <= 1.0):
            while self.next_line <= max(share, 1.0 if progress.finished else 0.0):
                self.next_line += 0.1
            accepted = progress.counts.get("accepted", 0)
            print(
                f"{done}/{self.total} recipients, {progress.chunks_done} chunks, "
                f"{accepted} accepted",
                file=self.out,
            )

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _summary(result: CampaignResult, out: TextIO) -> int:
    counts = ", ".join(f"{k} {v}" for k, v in result.counts.items() if v)
    print(f"campaign {result.campaign_id}: {result.total} recipients: {counts}", file=out)
    if result.failures_path:
        print(f"  recipients not accepted: {result.failures_path}", file=out)
    if not result.complete:
        print("  incomplete: run 'notify-sdk campaign resume JOURNAL' to finish", file=out)
        return EXIT_FAILED
    return EXIT_OK if result.ok else EXIT_PARTIAL


def _send(options: dict[str, Any], client: Any, out: TextIO) -> int:
    from ._journal import Journal
    from ._plan import Campaign
    from ._runner import (
        DEFAULT_CONCURRENCY,
        DEFAULT_RATE_LIMIT,
        CampaignInterrupted,
        send_campaign,
    )

    at = options.get("at")
    try:
        scheduled = None if at is None else datetime.fromisoformat(at)
    except ValueError:
        print(f"error: --at {at!r} is not an ISO date and time", file=sys.stderr)
        return EXIT_USAGE
    try:
        campaign = Campaign(
            options["id"],
            _message(options),
            chunk_size=options["chunk_size"],
            scheduled_at=scheduled,
        )
    except ValidationError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    journal_path = options["journal"]
    with Journal(journal_path) as journal:
        if not journal.meta().get("cli"):
            journal.set_meta(cli=json.dumps(options))
    progress = _Progress(_count_rows(options["csv"]), out)
    try:
        result = send_campaign(
            client,
            campaign,
            _rows(options["csv"], options["number_column"]),
            journal=journal_path,
            concurrency=options.get("concurrency") or DEFAULT_CONCURRENCY,
            rate_limit=options.get("rate") or DEFAULT_RATE_LIMIT,
            progress=progress,
            failures=options.get("failures"),
        )
    except CampaignInterrupted as stop:
        progress.stop()
        _summary(stop.result, out)
        return EXIT_INTERRUPTED
    progress.stop()
    return _summary(result, out)


def _status(path: str, out: TextIO) -> int:
    from ._journal import Journal

    if not os.path.exists(path):
        print(f"error: no journal at {path}", file=sys.stderr)
        return EXIT_USAGE
    with Journal(path) as journal:
        meta = journal.meta()
        summary = journal.summary()
        unfinished = [r for r in journal if r.state != "sent"]
    print(f"campaign {meta.get('campaign_id')} ({meta.get('service')}), started "
          f"{meta.get('started_at')}", file=out)  # fmt: skip
    if meta.get("scheduled_at"):
        print(f"  scheduled for {meta['scheduled_at']}", file=out)
    for key, value in summary.items():
        print(f"  {key}: {value}", file=out)
    for record in unfinished[:20]:
        since = f" since {record.since:%Y-%m-%d %H:%M:%S}" if record.since else ""
        code = f" [{record.code}] {record.detail}" if record.code else ""
        print(f"  chunk {record.index}: {record.state}{since}{code}", file=out)
    return EXIT_OK if not unfinished else EXIT_FAILED


def run(args: argparse.Namespace, out: TextIO, client_for: Callable[[bool], Any]) -> int:
    """Run a ``campaign`` subcommand; ``client_for(sandbox)`` makes the client."""
    if args.action == "status":
        return _status(args.journal, out)
    if args.action == "resume":
        from ._journal import Journal

        if not os.path.exists(args.journal):
            print(f"error: no journal at {args.journal}", file=sys.stderr)
            return EXIT_USAGE
        with Journal(args.journal) as journal:
            stored = journal.meta().get("cli")
        if not stored:
            print(
                f"error: {args.journal} was not written by 'campaign send'; resume it by "
                "calling send_campaign with the same campaign and journal",
                file=sys.stderr,
            )
            return EXIT_USAGE
        options = json.loads(stored)
    else:
        options = {
            key: getattr(args, key)
            for key in (
                "csv", "id", "sms", "alimtalk", "brand_template", "title", "sender",
                "sender_key", "number_column", "failures", "chunk_size", "concurrency", "rate",
                "at",
            )
        }  # fmt: skip
        options["csv"] = os.path.abspath(options["csv"])
        options["journal"] = os.path.abspath(args.journal or f"{args.id}.journal")
        if options["failures"]:
            options["failures"] = os.path.abspath(options["failures"])
    from ._journal import JournalMismatch

    client, _emulator = client_for(bool(getattr(args, "sandbox", False)))
    with client:
        try:
            return _send(options, client, out)
        except JournalMismatch as error:
            print(f"error: {error}", file=sys.stderr)
            return EXIT_USAGE
