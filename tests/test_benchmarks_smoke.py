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
    "one SMS send, sync",
    "one AlimTalk send, sync",
    "one Brand Message send, sync",
    "async SMS send, concurrency 1",
    "async SMS send, concurrency 8",
    "async SMS send, concurrency 32",
    "1,000-recipient send vs prebuilt bytes + json.loads",
    "1,000-recipient send vs json= dict + .json()",
    "100,000 recipients as 100 x 1,000 vs json= dicts",
    "map 1,000-row answer: counts and failures ready",
    "map 1,000-row answer: every RecipientResult read",
    "import notify_sdk vs httpx, tenacity, attrs",
    "peak RSS of a 5,000-send loop",
)
COLUMNS = ("measure", "raw", "sdk", "ratio", "rounds min-max", "budget", "within budget?")


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


def test_quick_run_prints_each_rounds_range(quick_run: subprocess.CompletedProcess[str]) -> None:
    rows = [_cells(line) for line in _budget_table(quick_run.stdout)[2:]]
    spans = [cells[COLUMNS.index("rounds min-max")] for cells in rows]
    assert all(" .. " in span for span in spans), quick_run.stdout


def test_the_asyncio_server_serves_every_case_kind() -> None:
    """The fallback server (CI has no nginx) answers the sends the cases make."""
    done = subprocess.run(
        [
            sys.executable,
            str(RUN),
            "--quick",
            "--server=asyncio",
            "--only=send-alimtalk,send-brand,bulk,map",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "server asyncio" in done.stdout
    rows = [_cells(line) for line in _budget_table(done.stdout)[2:]]
    assert {cells[0] for cells in rows} == {
        "one AlimTalk send, sync",
        "one Brand Message send, sync",
        "1,000-recipient send vs prebuilt bytes + json.loads",
        "1,000-recipient send vs json= dict + .json()",
        "map 1,000-row answer: counts and failures ready",
        "map 1,000-row answer: every RecipientResult read",
    }
