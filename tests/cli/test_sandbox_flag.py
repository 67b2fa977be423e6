"""``--sandbox`` is accepted anywhere on the command line, for every command."""

from __future__ import annotations

import argparse
import io

from notify_sdk._cli import EXIT_OK, _parser, main


def run_cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def _leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.extend(_leaves(sub, (*path, name)))
            return found
    return [path]


def test_every_command_takes_sandbox_after_its_name() -> None:
    leaves = _leaves(_parser())
    # The management, tracking, campaign and emulator commands are all there.
    names = {leaf[0] for leaf in leaves}
    assert {"status", "updates", "templates", "senders", "optout", "stats", "campaign"} <= names
    missing = []
    for leaf in leaves:
        parser = _parser()
        for name in leaf:
            parser = next(
                a for a in parser._actions if isinstance(a, argparse._SubParsersAction)
            ).choices[name]
        if "--sandbox" not in parser._option_string_actions:
            missing.append(" ".join(leaf))
    assert not missing, f"no --sandbox on: {missing}"


def test_sandbox_after_the_subcommand_sends_on_the_emulator() -> None:
    status, out = run_cli("sms", "send", "--to", "01055550101", "--body", "hi", "--sandbox")
    assert status == EXIT_OK, out
    assert "1/1 accepted" in out


def test_sandbox_after_a_management_command() -> None:
    status, out = run_cli("templates", "list", "--sandbox")
    assert status == EXIT_OK and "WELCOME" in out
    status, out = run_cli("senders", "list", "--json", "--sandbox")
    assert status == EXIT_OK and "ec7e519f" in out


def test_sandbox_between_the_command_and_its_action() -> None:
    status, out = run_cli("sms", "--sandbox", "send", "--to", "01055550101", "--body", "hi")
    assert status == EXIT_OK and "1/1 accepted" in out


def test_sandbox_before_the_command_still_works() -> None:
    status, out = run_cli("--sandbox", "optout", "list")
    assert status == EXIT_OK and "opted-out number(s)" in out
