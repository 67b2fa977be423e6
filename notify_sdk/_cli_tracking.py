"""The delivery-tracking commands of ``notify-sdk``: ``status`` and ``updates``.

``status`` shows where the recipients of one send stand, for every service, and with
``--wait`` polls until they are final. ``updates`` prints every result that changed
in a time range (``--since 10m``), as text or JSON lines.
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TextIO

from .errors import ValidationError

if TYPE_CHECKING:
    from ._http.client import NotifyClient
    from .tracking import DeliveryStatus

__all__ = ["add_commands", "run"]

_SERVICES = ("sms", "alimtalk", "friendtalk", "brand")
_DURATION = re.compile(r"(\d+)\s*([smhd])")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
#: Exit status when ``status --wait`` ran out of time before every recipient was final.
EXIT_NOT_FINAL = 4


def add_commands(commands: Any) -> None:
    """Register ``status`` and ``updates`` on the main parser's sub-commands."""
    status = commands.add_parser(
        "status", help="delivery state of the recipients of one send (any service)"
    )
    status.add_argument("--service", choices=_SERVICES, default="sms", help="which API")
    status.add_argument("request_id", help="the requestId of the send")
    status.add_argument("seq", type=int, nargs="?", help="only this recipientSeq")
    status.add_argument(
        "--wait",
        type=float,
        metavar="SECONDS",
        help="poll until every recipient is final or SECONDS pass (exit 4 if not)",
    )
    status.add_argument("--json", action="store_true", help="one JSON object per line")

    updates = commands.add_parser("updates", help="delivery results that changed recently")
    updates.add_argument(
        "--since",
        required=True,
        help="how far back: 30s, 10m, 2h, 1d, or a date 'YYYY-MM-DD HH:MM' (Korea time)",
    )
    updates.add_argument("--until", help="the end of the range (default now), like --since")
    updates.add_argument(
        "--service",
        action="append",
        choices=_SERVICES,
        help="only this service (repeatable; default every configured one)",
    )
    updates.add_argument("--json", action="store_true", help="one JSON object per line")


def _when(text: str, field: str) -> datetime | timedelta:
    found = _DURATION.fullmatch(text.strip())
    if found:
        return timedelta(**{_UNITS[found.group(2)]: int(found.group(1))})
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            f"--{field} takes a duration (30s, 10m, 2h, 1d) or a date, not {text!r}", field=field
        ) from None


def as_json(status: DeliveryStatus) -> dict[str, Any]:
    """A status as a JSON-ready dict (the number masked)."""
    from ._core.params import mask_number

    fallback = status.fallback
    return {
        "service": status.service,
        "request_id": status.request_id,
        "seq": status.seq,
        "number": mask_number(status.number) if status.number else None,
        "state": status.state.value,
        "code": status.raw_code,
        "description": status.code.description if status.code is not None else None,
        "outcome": status.outcome.value,
        "final": status.final,
        "updated_at": status.updated_at.isoformat(),
        "fallback": as_json(fallback) if fallback is not None else None,
    }


def _line(status: DeliveryStatus) -> str:
    code = status.raw_code or "-"
    meaning = f" ({status.code.description})" if status.code is not None else ""
    text = (
        f"{status.service} {status.request_id} #{status.seq}: {status.state.value}, "
        f"code {code}{meaning}, outcome {status.outcome.value}"
        f"{'' if status.final else ', not final'}"
    )
    if status.fallback is not None:
        fb = status.fallback
        text += f"; SMS fallback {fb.raw_status or '-'} {fb.request_id or ''}".rstrip()
        text += f": {fb.outcome.value}"
    return text


def _print(statuses: Any, as_lines: bool, out: TextIO) -> int:
    count = 0
    for status in statuses:
        count += 1
        print(json.dumps(as_json(status)) if as_lines else _line(status), file=out)
    return count


def run(client: NotifyClient, args: argparse.Namespace, out: TextIO) -> int | None:
    """Run ``status`` or ``updates``; ``None`` when the command is not one of them."""
    if args.command == "status":
        statuses = client.wait_for_delivery(
            [(args.service, args.request_id)], timeout=args.wait or 0
        )
        if args.seq is not None:
            statuses = tuple(s for s in statuses if s.seq == args.seq)
        if not statuses:
            print(f"{args.service} {args.request_id}: no such recipient", file=out)
            return 1
        _print(statuses, args.json, out)
        if args.wait is not None and not all(s.final for s in statuses):
            return EXIT_NOT_FINAL
        return 0
    if args.command == "updates":
        since = _when(args.since, "since")
        until = _when(args.until, "until") if args.until else None
        if isinstance(until, timedelta):
            from .tracking._poller import utc_now

            until = utc_now() - until
        updates = client.iter_delivery_updates(since=since, until=until, services=args.service)
        count = _print(updates, args.json, out)
        if not args.json:
            print(f"{count} update(s)", file=out)
        return 0
    return None
