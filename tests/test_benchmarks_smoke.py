"""Smoke run of ``benchmarks/run.py --quick``: it works and prints every measure.

Only the shape of the output is checked, never a timing: the numbers of a
quick run mean nothing (see PERFORMANCE.md, "How to measure").
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "benchmarks" / "run.py"

MEASURES = (
    "sms send, sync",
    "sms send, async c=1",
    "sms send, async c=8",
    "sms send, async c=32",
    "1,000-recipient send, sync",
    "map 1,000-row answer",
    "import (fresh interpreter)",
    "peak RSS, send loop",
)
COLUMNS = ("measure", "raw", "sdk", "ratio", "budget", "within budget?")


@pytest.fixture(scope="module")
def quick_run() -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(RUN), "--quick"],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
        check=False,
    )


def test_quick_run_exits_zero(quick_run: subprocess.CompletedProcess[str]) -> None:
    assert quick_run.returncode == 0, quick_run.stderr[-3000:]


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _budget_table(stdout: str) -> list[str]:
    """The lines of the first table (the budget table): header, rule and rows."""
    lines = stdout.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("| measure")), None)
    assert start is not None, stdout
    table: list[str] = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        table.append(line)
    return table


def test_quick_run_prints_the_table_header(quick_run: subprocess.CompletedProcess[str]) -> None:
    header = _budget_table(quick_run.stdout)[0]
    assert _cells(header) == list(COLUMNS)


@pytest.mark.parametrize("measure", MEASURES)
def test_quick_run_prints_every_measure(
    quick_run: subprocess.CompletedProcess[str], measure: str
) -> None:
    rows = [_cells(line) for line in _budget_table(quick_run.stdout)[2:]]
    matching = [cells for cells in rows if cells[0] == measure]
    assert len(matching) == 1, quick_run.stdout
    assert len(matching[0]) == len(COLUMNS)
    assert "error" not in matching[0], quick_run.stdout
