"""notify_sdk against raw httpx, side by side, as /work/shared/design/PERFORMANCE.md asks.

Starts the fixed-response loopback server (``server.py``), then runs every case
(``cases.py``) once per variant and round in a fresh interpreter, raw httpx and
the SDK alternated (which goes first flips every round), and prints the
medians and their ratios next to the budgets. Timings never fail the run: the
exit status is non-zero only when a case crashed.

Run: ``python benchmarks/run.py [--quick] [--rounds N]``; ``--quick`` uses tiny
counts and finishes in seconds (a CI smoke run: its numbers mean nothing).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
# Loopback must never go through a proxy, and no real credentials may leak in.
ENV = {
    k: v
    for k, v in os.environ.items()
    if not k.lower().endswith("_proxy")
    and not k.startswith("NHN_")
    and k != "PYTHONDONTWRITEBYTECODE"
}
# An installed package imports from bytecode: without it every fresh interpreter
# would compile the SDK from source. The cache goes to a temp directory, not the
# source tree.
ENV["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "notify-sdk-bench-pycache")
IMPORT_STATEMENTS = {"raw": "import httpx, tenacity, attrs", "sdk": "import notify_sdk"}
KIB_PER_MIB = 1024.0


class CaseError(RuntimeError):
    """A case crashed (as opposed to being slow, which never fails the run)."""


@dataclass(frozen=True)
class Counts:
    """Operations per timed block, timed blocks, untimed warm-up operations."""

    count: int
    blocks: int
    warmup: int

    def argv(self) -> list[str]:
        return [
            f"--count={self.count}",
            f"--blocks={self.blocks}",
            f"--warmup={self.warmup}",
        ]


@dataclass(frozen=True)
class Plan:
    rounds: int
    import_rounds: int
    sync: Counts
    async_by_concurrency: dict[int, Counts]
    bulk: Counts
    map: Counts
    rss_sends: int
    worker_timeout: float
    server_lifetime: float


FULL = Plan(
    rounds=7,
    import_rounds=15,
    sync=Counts(300, 3, 50),
    async_by_concurrency={
        1: Counts(150, 3, 30),
        8: Counts(192, 3, 64),
        32: Counts(256, 3, 64),
    },
    bulk=Counts(10, 3, 3),
    map=Counts(20, 6, 5),
    rss_sends=500,
    worker_timeout=120.0,
    server_lifetime=900.0,
)
QUICK = Plan(
    rounds=1,
    import_rounds=1,
    sync=Counts(10, 1, 2),
    async_by_concurrency={1: Counts(4, 1, 1), 8: Counts(16, 1, 8), 32: Counts(64, 1, 32)},
    bulk=Counts(2, 1, 1),
    map=Counts(2, 2, 1),
    rss_sends=10,
    worker_timeout=60.0,
    server_lifetime=120.0,
)


#: Medians by name: "raw" and "sdk" (the table), "raw_cpu" and "sdk_cpu" when measured.
Medians = dict[str, float]


@dataclass(frozen=True)
class Row:
    """One line of the table: the medians of both variants and the budget."""

    measure: str
    medians: Medians | None
    unit: str
    budget: float
    #: "ratio": sdk / raw <= budget; "delta": sdk - raw <= budget (same unit).
    kind: str = "ratio"

    def cells(self) -> list[str]:
        if self.kind == "ratio":
            budget = f"<= {self.budget:.2f}x"
        else:
            budget = f"+<= {self.budget:g} {self.unit}"
        if self.medians is None:
            return [self.measure, "error", "error", "-", budget, "n/a"]
        raw, sdk = self.medians["raw"], self.medians["sdk"]
        if self.kind == "ratio":
            value = sdk / raw
            compared = f"{value:.2f}x"
        else:
            value = sdk - raw
            compared = f"{value:+.1f} {self.unit}"
        within = "yes" if value <= self.budget else "NO"
        return [self.measure, _fmt(raw, self.unit), _fmt(sdk, self.unit), compared, budget, within]

    def cpu_cells(self) -> list[str] | None:
        """The client-CPU line (``None`` when not timed that way)."""
        if self.medians is None or "raw_cpu" not in self.medians:
            return None
        raw, sdk = self.medians["raw_cpu"], self.medians["sdk_cpu"]
        within = "yes" if sdk / raw <= self.budget else "NO"
        return [
            self.measure,
            _fmt(raw, self.unit),
            _fmt(sdk, self.unit),
            f"{sdk / raw:.2f}x",
            f"<= {self.budget:.2f}x",
            within,
        ]


def _fmt(value: float, unit: str) -> str:
    return f"{value:,.0f} {unit}" if value >= 100 else f"{value:,.1f} {unit}"


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _run_json(argv: list[str], timeout: float) -> dict[str, float]:
    try:
        done = subprocess.run(
            argv, capture_output=True, text=True, timeout=timeout, env=ENV, cwd=ROOT, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise CaseError(f"{' '.join(argv[1:])}: no answer within {timeout:.0f} s") from exc
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = "\n".join(done.stderr.strip().splitlines()[-8:])
        raise CaseError(f"{' '.join(argv[1:])}: exit {done.returncode}\n{tail}")
    result: dict[str, float] = json.loads(lines[-1])
    return result


def _summarize(values: dict[str, list[float]]) -> Medians:
    """Medians of every series, plus the range of the per-round sdk/raw ratios."""
    medians = {name: median(series) for name, series in values.items()}
    ratios = [sdk / raw for raw, sdk in zip(values["raw"], values["sdk"], strict=True) if raw]
    if ratios:
        medians["ratio_lo"], medians["ratio_hi"] = min(ratios), max(ratios)
    return medians


def _alternate(rounds: int, measure_once: Callable[[str], dict[str, float]]) -> Medians:
    """Medians of ``rounds`` raw and sdk runs, the first variant flipping every round.

    A run answers ``{"value": ...}`` and, for timed cases, ``{"cpu": ...}``.
    """
    values: dict[str, list[float]] = {}
    for index in range(rounds):
        order = ("raw", "sdk") if index % 2 == 0 else ("sdk", "raw")
        for variant in order:
            for key, value in measure_once(variant).items():
                name = variant if key == "value" else f"{variant}_{key}"
                values.setdefault(name, []).append(value)
    return _summarize(values)


class Runner:
    def __init__(self, plan: Plan, port: int) -> None:
        self.plan = plan
        self.port = port
        self.failures: list[str] = []

    def case(self, case: str, variant: str, extra: list[str]) -> dict[str, float]:
        argv = [PYTHON, str(HERE / "cases.py"), case, variant, f"--port={self.port}", *extra]
        return _run_json(argv, self.plan.worker_timeout)

    def guarded(self, measure: str, work: Callable[[], Medians]) -> Medians | None:
        _progress(f"  {measure} ...")
        started = time.perf_counter()
        try:
            medians = work()
        except CaseError as exc:
            self.failures.append(f"{measure}: {exc}")
            _progress(f"  {measure}: FAILED\n{exc}")
            return None
        shown = "  ".join(f"{name} {value:,.1f}" for name, value in sorted(medians.items()))
        _progress(f"  {measure}: {shown}  ({time.perf_counter() - started:.1f} s)")
        return medians

    def paired(self, case: str, extra: list[str], scale: float = 1.0) -> Callable[[], Medians]:
        """Alternated fresh-interpreter runs of ``case``, raw and sdk, divided by ``scale``."""

        def one(variant: str) -> dict[str, float]:
            return {k: v / scale for k, v in self.case(case, variant, extra).items()}

        def work() -> Medians:
            return _alternate(self.plan.rounds, one)

        return work

    def rows(self) -> list[Row]:
        plan = self.plan
        specs: list[tuple[str, Callable[[], Medians], str, float, str]] = [
            ("sms send, sync", self.paired("sync", plan.sync.argv()), "us", 1.10, "ratio")
        ]
        for concurrency, counts in plan.async_by_concurrency.items():
            extra = [*counts.argv(), f"--concurrency={concurrency}"]
            name = f"sms send, async c={concurrency}"
            specs.append((name, self.paired("async", extra), "us", 1.10, "ratio"))
        bulk = self.paired("bulk", plan.bulk.argv())
        rss = self.paired("rss", [f"--count={plan.rss_sends}"], scale=KIB_PER_MIB)
        specs += [
            ("1,000-recipient send, sync", bulk, "us", 1.5, "ratio"),
            ("map 1,000-row answer", self._map, "us", 2.5, "ratio"),
            ("import (fresh interpreter)", self._imports, "ms", 1.15, "ratio"),
            ("peak RSS, send loop", rss, "MiB", 3.0, "delta"),
        ]
        return [
            Row(name, self.guarded(name, work), unit, budget, kind)
            for name, work, unit, budget, kind in specs
        ]

    def _map(self) -> Medians:
        """Both variants alternate inside each (fresh) process; medians over the rounds."""
        values: dict[str, list[float]] = {}
        for _ in range(self.plan.rounds):
            for name, value in self.case("map", "both", self.plan.map.argv()).items():
                values.setdefault(name, []).append(value)
        return _summarize(values)

    def _imports(self) -> Medians:
        def once(variant: str) -> dict[str, float]:
            code = (
                "import time\n"
                "t = time.perf_counter()\n"
                f"{IMPORT_STATEMENTS[variant]}\n"
                "print('{\"value\": %r}' % ((time.perf_counter() - t) * 1e3))\n"
            )
            return _run_json([PYTHON, "-c", code], self.plan.worker_timeout)

        once("raw")  # untimed: bytecode caches written, files in the page cache
        once("sdk")
        return _alternate(self.plan.import_rounds, once)


def _start_server(lifetime: float) -> tuple[subprocess.Popen[str], int]:
    server = subprocess.Popen(
        [PYTHON, str(HERE / "server.py"), f"--lifetime={lifetime}", "--idle=60"],
        stdout=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    assert server.stdout is not None
    line = server.stdout.readline()
    if not line.startswith("PORT "):
        server.kill()
        raise SystemExit(f"the benchmark server did not start (said {line!r})")
    return server, int(line.split()[1])


def _stop_server(server: subprocess.Popen[str]) -> None:
    server.terminate()
    try:
        server.wait(timeout=5)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _table(body: list[list[str]]) -> str:
    header = ["measure", "raw", "sdk", "ratio", "budget", "within budget?"]
    lines = [header, *body]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]

    def render(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
        return "| " + " | ".join([first, *rest]) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([render(lines[0]), rule, *(render(cells) for cells in lines[1:])])


def _versions() -> str:
    found = []
    for name in ("httpx", "tenacity", "attrs", "notify-sdk"):
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} ?")
    return ", ".join(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny counts: a smoke run")
    parser.add_argument("--rounds", type=int, default=None, help="fresh-interpreter rounds")
    args = parser.parse_args()
    plan = QUICK if args.quick else FULL
    if args.rounds is not None:
        plan = Plan(**{**plan.__dict__, "rounds": max(args.rounds, 1)})

    started = time.perf_counter()
    server, port = _start_server(plan.server_lifetime)
    _progress(f"server on 127.0.0.1:{port}; {plan.rounds} round(s) per case")
    try:
        runner = Runner(plan, port)
        rows = runner.rows()
    finally:
        _stop_server(server)

    quick_note = " (QUICK: the numbers mean nothing)" if args.quick else ""
    print(
        f"notify_sdk vs raw httpx - Python {platform.python_version()}, {_versions()}, "
        f"{os.cpu_count()} CPUs, {plan.rounds} rounds{quick_note}"
    )
    print("times are medians per operation (us) or per import (ms); ratio = sdk / raw\n")
    print(_table([row.cells() for row in rows]))
    spreads = [
        f"  {row.measure}: {row.medians['ratio_lo']:.2f}x .. {row.medians['ratio_hi']:.2f}x"
        for row in rows
        if row.kind == "ratio" and row.medians is not None and "ratio_lo" in row.medians
    ]
    if spreads:
        print("\nsdk/raw ratio of each round, lowest .. highest (how far to trust a ratio):")
        print("\n".join(spreads))
    cpu_lines = [cells for cells in (row.cpu_cells() for row in rows) if cells is not None]
    if cpu_lines:
        print("\nthe same, timed by the client process's CPU time (steadier on a busy machine):\n")
        print(_table(cpu_lines))
    print(f"\ntotal {time.perf_counter() - started:.1f} s")
    for failure in runner.failures:
        print(f"\nFAILED {failure}", file=sys.stderr)
    return 1 if runner.failures else 0


if __name__ == "__main__":
    sys.exit(main())
