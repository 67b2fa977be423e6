"""The README's commands: the ones that work from a checkout come first."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def _bash_blocks(text: str) -> list[str]:
    return re.findall(r"```bash\n(.*?)```", text, flags=re.S)


def test_install_section_starts_with_commands_that_work_from_a_checkout() -> None:
    section = _section("Install")
    commands = [
        line.split("#")[0].strip()
        for block in _bash_blocks(section)
        for line in block.splitlines()
        if line.strip().startswith("pip install")
    ]
    assert commands, "the Install section has no pip command"
    # The package is not on the registry: every command in a code block installs
    # the checkout, and the first one is the plain `pip install -e .`.
    assert commands[0] == "pip install -e ."
    assert all(re.fullmatch(r"pip install -e (\.|'\.\[\w+\]')", c) for c in commands), commands
    # The registry command is still named, marked as for releases.
    registry = section.index("pip install notify-sdk")
    assert "release" in section[registry - 200 : registry + 200]


def test_the_test_command_is_the_one_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    (extras,) = re.findall(r"pip install --quiet -e \"\.\[([\w,]+)\]\"", ci)
    assert "python -m pytest -q\n" in ci
    section = _section("Two commands for a fresh machine")
    demo, tests = _bash_blocks(section)
    assert "pip install -q -e . && .venv/bin/notify-sdk demo" in demo
    assert f".venv/bin/pip install -q -e '.[{extras}]'" in tests
    assert tests.rstrip().endswith(".venv/bin/python -m pytest -q")
