"""The management commands of ``notify-sdk``: ``templates``, ``senders``, ``optout``, ``stats``.

Each prints a short table, or one JSON object per line with ``--json``; with
``--sandbox`` (anywhere on the line) they run against the embedded emulator.
"""

from __future__ import annotations

import argparse
import enum
import json
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TextIO

import attrs

if TYPE_CHECKING:
    from ._http.client import NotifyClient

__all__ = ["add_commands", "run"]

_TEMPLATE_SERVICES = ("alimtalk", "sms", "brand")


def add_commands(commands: Any) -> None:
    """Register ``templates``, ``senders``, ``optout`` and ``stats`` on the main parser."""
    templates = commands.add_parser("templates", help="AlimTalk, SMS and Brand templates")
    actions = templates.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, text in (("list", "list the templates"), ("show", "one template")):
        sub = actions.add_parser(name, help=text)
        if name == "show":
            sub.add_argument("code", help="template code (SMS: template id)")
        sub.add_argument("--service", choices=_TEMPLATE_SERVICES, default="alimtalk")
        sub.add_argument("--json", action="store_true", help="one JSON object per line")
    status = actions.add_parser("status", help="Kakao's review of an AlimTalk template")
    status.add_argument("code", help="template code")
    status.add_argument("--json", action="store_true", help="one JSON object per line")

    senders = commands.add_parser("senders", help="KakaoTalk sender profiles")
    sender_actions = senders.add_subparsers(dest="action", required=True, metavar="ACTION")
    sender_list = sender_actions.add_parser("list", help="the profiles and whether they can send")
    sender_list.add_argument("--json", action="store_true", help="one JSON object per line")

    optout = commands.add_parser("optout", help="the SMS 080 opt-out list")
    optout_actions = optout.add_subparsers(dest="action", required=True, metavar="ACTION")
    optout_list = optout_actions.add_parser("list", help="numbers that opted out")
    optout_list.add_argument("--unsubscribe-no", help="only this 080 number")
    optout_list.add_argument("--json", action="store_true", help="one JSON object per line")
    for name, text in (("add", "register opt-outs"), ("remove", "numbers that opted back in")):
        sub = optout_actions.add_parser(name, help=text)
        sub.add_argument("numbers", nargs="+", help="recipient numbers")
        sub.add_argument(
            "--unsubscribe-no", help="the 080 number (default: the project's first one)"
        )
        sub.add_argument("--json", action="store_true", help="one JSON object per line")

    stats = commands.add_parser("stats", help="message counts of a period")
    stats.add_argument("--service", choices=("sms", "kakao"), default="sms")
    stats.add_argument("--days", type=int, default=30, help="the last N days (default 30)")
    stats.add_argument(
        "--type",
        dest="stats_type",
        choices=("NORMAL", "MINUTELY", "HOURLY", "DAILY", "BY_DAY"),
        default="DAILY",
    )
    stats.add_argument("--json", action="store_true", help="one JSON object per line")


def _plain(value: Any) -> Any:
    if attrs.has(type(value)):
        return {k: _plain(v) for k, v in attrs.asdict(value, recurse=False).items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _emit(rows: Iterable[Any], as_json: bool, out: TextIO, line: Any) -> int:
    count = 0
    for row in rows:
        count += 1
        print(json.dumps(_plain(row), ensure_ascii=False) if as_json else line(row), file=out)
    return count


def _status_text(value: Any) -> str:
    return str(getattr(value, "value", value))


def _templates(client: NotifyClient, args: argparse.Namespace, out: TextIO) -> int:
    if args.action == "status":
        review = client.get_alimtalk_template_status(args.code)
        state = "approved" if review.approved else "rejected" if review.rejected else "pending"
        _emit(
            [review],
            args.json,
            out,
            lambda r: (
                f"{r.template_code}: {state} ({_status_text(r.status)})"
                + (f" — {r.comment}" if r.comment else "")
            ),
        )
        return 0
    service = args.service
    if args.action == "show":
        getters: dict[str, Callable[[str], Any]] = {
            "alimtalk": client.get_alimtalk_template,
            "sms": client.get_sms_template,
            "brand": client.get_brand_template,
        }
        found = getters[service](args.code)
        if args.json:
            _emit([found], True, out, str)
        else:
            for key, value in _plain(found).items():
                if value not in (None, (), [], {}):
                    print(f"{key}: {value}", file=out)
        return 0
    listers: dict[str, Callable[[], Iterable[Any]]] = {
        "alimtalk": client.list_alimtalk_templates,
        "sms": client.list_sms_templates,
        "brand": client.list_brand_templates,
    }
    rows = listers[service]()
    count = _emit(
        rows,
        args.json,
        out,
        lambda t: (
            f"{getattr(t, 'template_code', getattr(t, 'template_id', ''))}\t"
            f"{_status_text(getattr(t, 'status', '')) or ''}\t{t.name or ''}"
        ),
    )
    if not args.json:
        print(f"{count} template(s)", file=out)
    return 0


def _first_080(client: NotifyClient) -> str:
    for number in client.list_optout_numbers(limit=1):
        return number.unsubscribe_no
    from .errors import ValidationError

    raise ValidationError("the project has no 080 opt-out number", field="unsubscribe_no")


def _optout(client: NotifyClient, args: argparse.Namespace, out: TextIO) -> int:
    from ._core.params import mask_number

    if args.action == "list":
        rows = client.list_opted_out_recipients(unsubscribe_no=args.unsubscribe_no)
        count = _emit(
            rows,
            args.json,
            out,
            lambda r: (
                f"{mask_number(r.recipient_no)}\t{r.unsubscribe_no or ''}\t{r.requested_at or ''}"
            ),
        )
        if not args.json:
            print(f"{count} opted-out number(s)", file=out)
        return 0
    number = args.unsubscribe_no or _first_080(client)
    if args.action == "add":
        client.add_opted_out_recipients(number, args.numbers)
    else:
        client.remove_opted_out_recipients(number, args.numbers)
    done = {"action": args.action, "unsubscribe_no": number, "count": len(args.numbers)}
    _emit([done], args.json, out, lambda d: f"{d['action']}: {d['count']} number(s) on {number}")
    return 0


def _stats(client: NotifyClient, args: argparse.Namespace, out: TextIO) -> int:
    end = datetime.now().replace(microsecond=0)
    start = (end - timedelta(days=max(args.days, 1))).replace(hour=0, minute=0, second=0)
    if args.service == "sms":
        rows = client.get_sms_stats(args.stats_type, start, end)
    else:
        rows = client.get_kakao_stats(args.stats_type, start, end)
    _emit(
        rows,
        args.json,
        out,
        lambda r: (
            f"{r.event_date_time}\trequested {r.requested}\tsent {r.sent}\t"
            f"received {r.received}\tfailed {r.failed}"
        ),
    )
    return 0


def run(client: NotifyClient, args: argparse.Namespace, out: TextIO) -> int | None:
    """Run a management command; ``None`` when the command is not one of them."""
    if args.command == "templates":
        return _templates(client, args, out)
    if args.command == "senders":
        _emit(
            client.list_sender_profiles(),
            args.json,
            out,
            lambda p: (
                f"{p.sender_key}\t{p.plus_friend_id or ''}\t"
                f"{'active' if p.active else 'cannot send'}"
            ),
        )
        return 0
    if args.command == "optout":
        return _optout(client, args, out)
    if args.command == "stats":
        return _stats(client, args, out)
    return None
