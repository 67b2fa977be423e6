"""The ``notify-sdk`` command line.

Kept out of ``import notify_sdk``: argparse and the emulator load only when
the command runs. Credentials come from the environment (``NHN_SMS_APP_KEY``
...); ``--sandbox`` runs against the embedded emulator instead, with no
network and no account.

Exit status: 0 success, 1 the API or the network failed, 2 bad usage or input,
3 some recipients were refused.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from .errors import APIError, NotifyError, ValidationError

if TYPE_CHECKING:
    from ._http.client import NotifyClient
    from .results import SendResult
    from .testing import Emulator

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3


def _params(pairs: Sequence[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs or ():
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ValidationError(f"--param takes key=value, not {pair!r}", field="param")
        out[key] = value
    return out


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="notify-sdk",
        description="Send and inspect NHN Cloud SMS and KakaoTalk messages.",
        epilog="Credentials come from NHN_SMS_APP_KEY, NHN_SMS_SECRET_KEY, NHN_KAKAO_APP_KEY, "
        "NHN_KAKAO_SECRET_KEY, NHN_SMS_SENDER and NHN_KAKAO_SENDER_KEY. --sandbox uses the "
        "embedded emulator instead.",
    )
    parser.add_argument(
        "--sandbox", action="store_true", help="run against the embedded emulator (no network)"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sms = commands.add_parser("sms", help="SMS v3.0").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    sms_send = sms.add_parser("send", help="send an SMS, or an LMS when --title is given")
    sms_send.add_argument("--to", action="append", required=True, help="recipient (repeatable)")
    sms_send.add_argument("--body", required=True, help="message text")
    sms_send.add_argument("--title", help="subject: sends an LMS instead of an SMS")
    sms_send.add_argument("--sender", help="sender number (default $NHN_SMS_SENDER)")

    alim = commands.add_parser("alimtalk", help="KakaoTalk AlimTalk").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    alim_send = alim.add_parser("send", help="send a template message")
    alim_send.add_argument("--to", action="append", required=True, help="recipient (repeatable)")
    alim_send.add_argument("--template", required=True, help="template code")
    alim_send.add_argument("--param", action="append", help="template parameter key=value")
    alim_send.add_argument("--sender-key", help="sender profile key")
    alim_send.add_argument(
        "--fallback", action="store_true", help="resend by SMS if KakaoTalk fails"
    )

    friend = commands.add_parser(
        "friendtalk", help="KakaoTalk FriendTalk (deprecated: use brand)"
    ).add_subparsers(dest="action", required=True, metavar="ACTION")
    friend_send = friend.add_parser("send", help="send a free-form message")
    friend_send.add_argument("--to", action="append", required=True, help="recipient (repeatable)")
    friend_send.add_argument("--content", required=True, help="message text")
    friend_send.add_argument("--sender-key", help="sender profile key")

    brand = commands.add_parser("brand", help="KakaoTalk Brand Message").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    brand_send = brand.add_parser("send", help="send a free-form text Brand Message")
    brand_send.add_argument("--to", action="append", required=True, help="recipient (repeatable)")
    brand_send.add_argument("--content", required=True, help="message text")
    brand_send.add_argument("--sender-key", help="sender profile key")

    from ._cli_tracking import add_commands

    add_commands(commands)  # status, updates

    from ._cli_manage import add_commands as add_management_commands

    add_management_commands(commands)  # templates, senders, optout, stats

    codes = commands.add_parser("codes", help="result-code tables").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    explain = codes.add_parser("explain", help="what a result code means and how it is handled")
    explain.add_argument("code", help="the code, e.g. -2019, 3018 or E915")
    explain.add_argument("--service", choices=("sms", "kakao"), required=True)

    emulator = commands.add_parser(
        "emulator", help="the loopback emulator server, for integration tests"
    ).add_subparsers(dest="action", required=True, metavar="ACTION")
    emulator_serve = emulator.add_parser(
        "serve", help="serve the emulator over HTTP until Ctrl-C; prints the client settings"
    )
    emulator_serve.add_argument("--host", default="127.0.0.1", help="address (default loopback)")
    emulator_serve.add_argument("--port", type=int, default=0, help="port (default a free one)")

    from .campaigns._cli import add_commands as add_campaign_commands

    add_campaign_commands(commands)
    commands.add_parser(
        "demo", help="sandbox tour: sends, fallback and faults ridden through on the emulator"
    )
    _sandbox_everywhere(parser)
    return parser


def _subparsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found: list[argparse.ArgumentParser] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.extend(action.choices.values())
    return found


def _sandbox_everywhere(parser: argparse.ArgumentParser) -> None:
    """Give every subcommand, at every level, its own ``--sandbox``.

    ``default=SUPPRESS``: a subcommand without the flag leaves the value an
    earlier position set, so ``--sandbox`` counts wherever it is written.
    """
    seen: set[int] = set()
    stack = _subparsers(parser)
    while stack:
        sub = stack.pop()
        if id(sub) in seen:
            continue
        seen.add(id(sub))
        if "--sandbox" not in sub._option_string_actions:
            sub.add_argument(
                "--sandbox",
                action="store_true",
                default=argparse.SUPPRESS,
                help="run against the embedded emulator (no network)",
            )
        stack.extend(_subparsers(sub))


def _print_result(result: SendResult, out: TextIO) -> int:
    from ._core.params import mask_number

    print(
        f"{result.service}: request {result.request_id or '(unknown)'} — "
        f"{len(result.recipients) - len(result.failed)}/{len(result.recipients)} accepted"
        f" in {result.attempts} attempt{'s' if result.attempts != 1 else ''}",
        file=out,
    )
    for r in result.recipients:
        state = (
            "accepted" if r.ok else f"refused [{r.namespace} {r.result_code}] {r.result_message}"
        )
        print(f"  #{r.seq} {mask_number(r.number or '')}: {state}", file=out)
    return EXIT_OK if result.ok else EXIT_PARTIAL


def _explain(code_text: str, service: str, out: TextIO) -> int:
    from . import delivery
    from .errors import UnknownAPIError, lookup

    text = code_text.strip()
    found = False
    try:
        number = int(text)
    except ValueError:
        number = None
    if number is not None and number <= 0:
        cls = lookup(service, number)
        if cls is not UnknownAPIError:
            found = True
            chain = _categories(cls)
            category = chain[0] if chain else "APIError"
            print(f"[{service} {number}] {cls.__name__} ({category})", file=out)
            print(f"  meaning:   {cls.description}", file=out)
            print(f"  retryable: {'yes' if cls.retryable else 'no'}", file=out)
            print(f"  catch:     {' < '.join(chain)} (notify_sdk.errors)", file=out)
    enums: tuple[Any, ...] = (
        (delivery.SmsResultCode, delivery.DlrStatus, delivery.MtrCode)
        if service == "sms"
        else (delivery.KakaoResultCode,)
    )
    for enum_cls in enums:
        member = enum_cls.parse(text)
        if member is not None:
            found = True
            print(
                f"[{service} delivery] {enum_cls.__name__}.{member.name}: {member.description} "
                f"(outcome {member.outcome.name})",
                file=out,
            )
    if service == "sms" and number is not None and number >= 0:
        member = delivery.DlrErrorCode.parse(number)
        if member is not None:
            found = True
            print(
                f"[sms dlr] DlrErrorCode.{member.name}: {member.description} "
                f"(outcome {member.outcome.name})",
                file=out,
            )
    if not found:
        print(f"error: {text} is in no {service} table", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _categories(cls: type) -> list[str]:
    """The public exception families a generated class belongs to, nearest first."""
    from . import errors

    public = set(errors.__all__)
    return [
        c.__name__
        for c in cls.__mro__[1:]
        if c.__name__ in public and getattr(errors, c.__name__) is c and c is not Exception
    ]


def _client(sandbox: bool) -> tuple[NotifyClient, Emulator | None]:
    if sandbox:
        from .testing import Emulator

        emulator = Emulator()
        return emulator.client(), emulator
    from ._http.client import NotifyClient

    return NotifyClient(), None


#: The environment variables a ``NotifyClient`` reads, by ``client_kwargs`` key.
_ENV_NAMES = {
    "sms_app_key": "NHN_SMS_APP_KEY",
    "sms_secret_key": "NHN_SMS_SECRET_KEY",
    "kakao_app_key": "NHN_KAKAO_APP_KEY",
    "kakao_secret_key": "NHN_KAKAO_SECRET_KEY",
    "sms_sender": "NHN_SMS_SENDER",
    "kakao_sender_key": "NHN_KAKAO_SENDER_KEY",
    "sms_base_url": "NHN_SMS_BASE_URL",
    "kakao_base_url": "NHN_KAKAO_BASE_URL",
}


def _serve_emulator(host: str, port: int, out: TextIO) -> int:
    import shlex
    import threading

    from .testing import Emulator

    emulator = Emulator()
    with emulator.serve(host=host, port=port) as base_url:
        print(f"notify-sdk emulator serving at {base_url} (Ctrl-C stops it)", file=out)
        print("# client settings: export these, or pass them to NotifyClient", file=out)
        for key, value in emulator.client_kwargs(base_url).items():
            print(f"export {_ENV_NAMES[key]}={shlex.quote(str(value))}", file=out)
        out.flush()
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("stopped", file=out)
    return EXIT_OK


def _run(args: argparse.Namespace, out: TextIO) -> int:
    if args.command == "codes":
        return _explain(args.code, args.service, out)
    if args.command == "demo":
        from ._demo import run_demo

        return run_demo(out)
    if args.command == "emulator":
        return _serve_emulator(args.host, args.port, out)
    if args.command == "campaign":
        from .campaigns._cli import run as run_campaign

        return run_campaign(args, out, _client)
    client, _emulator = _client(args.sandbox)
    with client:
        if args.command == "sms":
            if args.title is not None:
                return _print_result(
                    client.send_mms(args.to, args.body, title=args.title, sender=args.sender), out
                )
            return _print_result(client.send_sms(args.to, args.body, sender=args.sender), out)
        if args.command == "alimtalk":
            return _print_result(
                client.send_alimtalk(
                    args.to,
                    args.template,
                    params=_params(args.param) or None,
                    sender_key=args.sender_key,
                    fallback=True if args.fallback else None,
                ),
                out,
            )
        if args.command == "friendtalk":
            return _print_result(
                client.send_friendtalk(args.to, args.content, sender_key=args.sender_key), out
            )
        if args.command == "brand":
            from .brand import TextMessage

            return _print_result(
                client.send_brand_message(
                    args.to, TextMessage(content=args.content), sender_key=args.sender_key
                ),
                out,
            )
        from ._cli_manage import run as run_management
        from ._cli_tracking import run

        handled = run(client, args, out)
        if handled is None:
            handled = run_management(client, args, out)
        return EXIT_USAGE if handled is None else handled


def _one_line(error: NotifyError) -> str:
    if isinstance(error, APIError) and error.code is not None:
        meaning = error.description or error.message
        return f"error: [{error.service} {error.code}] {type(error).__name__}: {meaning}"
    text = str(error)
    name = type(error).__name__
    line = text if text.startswith(name) else f"{name}: {text}"
    return f"error: {line}".splitlines()[0]


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    stream = out if out is not None else sys.stdout
    args = _parser().parse_args(argv)
    try:
        return _run(args, stream)
    except ValidationError as error:
        print(_one_line(error), file=sys.stderr)
        return EXIT_USAGE if error.code is None else EXIT_FAILED
    except NotifyError as error:
        print(_one_line(error), file=sys.stderr)
        return EXIT_FAILED
