"""Smoke run of ``benchmarks/campaign.py --quick``: every case runs and is tabled.

Only the shape of the output is checked, never a timing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_campaign_benchmark_quick_run_prints_every_case() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "campaign.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    cases = [row.split("|")[1].strip() for row in rows[1:]]
    assert cases == [
        "raw-sync",
        "sdk-bulk-sync",
        "campaign-sync",
        "campaign-sync+journal",
        "raw-async",
        "campaign-async",
        "campaign-async+journal",
    ]
