"""notify_sdk against raw httpx, side by side, as /work/shared/design/PERFORMANCE.md asks.

Starts a fixed-response loopback server (nginx when installed, else the
asyncio server of ``server.py``), then, round after round, runs every case of
``cases.py`` once per variant, each run in a fresh interpreter: the cases are
interleaved within a round and the order of the variants rotates from one
round to the next, so that a slow spell of the machine lands on every case
and variant alike. Each budget line of PERFORMANCE.md is printed with the
medians of both sides, the median of the per-round ratios, and the lowest and
highest per-round ratio (how far one figure can be trusted).

Timings never fail the run: the exit status is non-zero only when a case
crashed (or the SDK read an answer wrongly).

Run: ``python benchmarks/run.py [--quick] [--rounds N] [--server auto|nginx|asyncio]``;
``--quick`` uses tiny counts and finishes in seconds (a smoke run: its numbers
mean nothing).
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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
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
MIN_ROUNDS = 7


class CaseError(RuntimeError):
    """A case crashed (as opposed to being slow, which never fails the run)."""


@dataclass(frozen=True)
class Case:
    """One thing run in fresh interpreters: ``cases.py`` arguments and its variants.

    Attributes:
        key: the name rows refer to.
        argv: ``cases.py`` arguments after the case name and the variant
            (counts included), or ``["import"]`` for the import timing.
        variants: run once each per round, in an order that rotates by round.
        name: the ``cases.py`` case.
        scale: every value is divided by it (KiB -> MiB).
        repeat: runs of each variant per round (cheap cases: more samples).
    """

    key: str
    name: str
    argv: tuple[str, ...]
    variants: tuple[str, ...] = ("raw", "sdk")
    scale: float = 1.0
    repeat: int = 1


@dataclass(frozen=True)
class Budget:
    """One line of PERFORMANCE.md's table: ``sdk`` series against ``raw`` series."""

    measure: str
    case: str
    raw: str
    sdk: str
    unit: str
    budget: float
    #: "ratio": sdk / raw <= budget; "delta": sdk - raw <= budget (same unit).
    kind: str = "ratio"


def counts(count: int, blocks: int, warmup: int) -> tuple[str, ...]:
    """``cases.py`` options: operations per timed block, timed blocks, warm-up operations."""
    return (f"--count={count}", f"--blocks={blocks}", f"--warmup={warmup}")


@dataclass(frozen=True)
class Plan:
    rounds: int
    cases: tuple[Case, ...]
    worker_timeout: float
    server_lifetime: float


BULK_VARIANTS = ("raw_bytes", "raw_dict", "sdk")


def _plan(quick: bool) -> Plan:
    if quick:
        sync, bulk, batches, rss = counts(10, 1, 2), counts(2, 1, 1), 2, 10
        asyncs = {1: counts(4, 1, 1), 8: counts(16, 1, 8), 32: counts(64, 1, 32)}
        mapping, hundred_k = counts(2, 3, 1), counts(1, 1, 1)
        rounds, import_repeat, timeout, lifetime = 1, 1, 60.0, 300.0
    else:
        sync, bulk, batches, rss = counts(300, 5, 50), counts(30, 5, 5), 100, 5000
        asyncs = {1: counts(150, 5, 30), 8: counts(192, 5, 64), 32: counts(256, 5, 64)}
        mapping, hundred_k = counts(20, 9, 5), counts(1, 3, 3)
        rounds, import_repeat, timeout, lifetime = MIN_ROUNDS, 3, 300.0, 7200.0
    cases = [
        Case(f"send-{service}", "send", (f"--service={service}", *sync))
        for service in ("sms", "alimtalk", "brand")
    ]
    cases += [
        Case(f"async-{c}", "async", (*argv, f"--concurrency={c}")) for c, argv in asyncs.items()
    ]
    if _has_aiohttp_transport():
        cases += [
            Case(f"aiohttp-{c}", "async", (*asyncs[c], f"--concurrency={c}", "--transport=aiohttp"))
            for c in (8, 32)
        ]
    cases += [
        Case("bulk", "bulk", bulk, BULK_VARIANTS),
        Case("bulk100k", "bulk100k", (*hundred_k, f"--batches={batches}"), ("raw_dict", "sdk")),
        Case("map", "map", mapping, ("both",)),
        Case("import", "import", (), repeat=import_repeat),
        Case("rss", "rss", (f"--count={rss}",), scale=KIB_PER_MIB),
    ]
    return Plan(rounds, tuple(cases), timeout, lifetime)


def _has_aiohttp_transport() -> bool:
    """Whether the optional ``httpx-aiohttp`` transport is installed (measured if so)."""
    import importlib.util

    return importlib.util.find_spec("httpx_aiohttp") is not None


BUDGETS = (
    Budget("one SMS send, sync", "send-sms", "raw", "sdk", "us", 1.10),
    Budget("one AlimTalk send, sync", "send-alimtalk", "raw", "sdk", "us", 1.10),
    Budget("one Brand Message send, sync", "send-brand", "raw", "sdk", "us", 1.10),
    Budget("async SMS send, concurrency 1", "async-1", "raw", "sdk", "us", 1.10),
    Budget("async SMS send, concurrency 8", "async-8", "raw", "sdk", "us", 1.10),
    Budget("async SMS send, concurrency 32", "async-32", "raw", "sdk", "us", 1.10),
    Budget("async send over httpx-aiohttp, concurrency 8", "aiohttp-8", "raw", "sdk", "us", 1.10),
    Budget("async send over httpx-aiohttp, concurrency 32", "aiohttp-32", "raw", "sdk", "us", 1.10),
    Budget(
        "1,000-recipient send vs prebuilt bytes + json.loads",
        "bulk",
        "raw_bytes",
        "sdk",
        "us",
        1.7,
    ),
    Budget("1,000-recipient send vs json= dict + .json()", "bulk", "raw_dict", "sdk", "us", 1.25),
    Budget(
        "100,000 recipients as 100 x 1,000 vs json= dicts",
        "bulk100k",
        "raw_dict",
        "sdk",
        "ms",
        1.25,
    ),
    Budget("map 1,000-row answer: counts and failures ready", "map", "raw", "sdk_ready", "us", 1.3),
    Budget("map 1,000-row answer: every RecipientResult read", "map", "raw", "sdk_all", "us", 2.5),
    Budget("import notify_sdk vs httpx, tenacity, attrs", "import", "raw", "sdk", "ms", 1.15),
    Budget("peak RSS of a 5,000-send loop", "rss", "raw", "sdk", "MiB", 2.0, "delta"),
)
COLUMNS = ("measure", "raw", "sdk", "ratio", "rounds min-max", "budget", "within budget?")


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


#: Samples by case key, then series name ("raw", "sdk", "raw_cpu", "sdk_ready", ...).
Samples = dict[str, dict[str, list[float]]]


class Runner:
    """Runs the plan round by round and keeps every sample."""

    def __init__(self, plan: Plan, port: int) -> None:
        self.plan = plan
        self.port = port
        self.samples: Samples = {case.key: {} for case in plan.cases}
        self.failures: dict[str, str] = {}

    def run(self) -> None:
        for index in range(self.plan.rounds):
            started = time.perf_counter()
            for case in self.plan.cases:
                if case.key in self.failures:
                    continue
                try:
                    self._round(case, index)
                except CaseError as exc:
                    self.failures[case.key] = str(exc)
                    _progress(f"  {case.key}: FAILED\n{exc}")
            took = time.perf_counter() - started
            _progress(f"round {index + 1}/{self.plan.rounds} done ({took:.1f} s)")

    def _round(self, case: Case, index: int) -> None:
        variants = case.variants
        shift = index % len(variants)
        order = variants[shift:] + variants[:shift]
        shown = []
        for repeat in range(case.repeat):
            # Within a round's repeats the order flips too.
            for variant in order if repeat % 2 == 0 else order[::-1]:
                for key, value in self._once(case, variant).items():
                    if variant == "both":
                        name = key
                    else:
                        name = variant if key == "value" else f"{variant}_{key}"
                    self.samples[case.key].setdefault(name, []).append(value / case.scale)
                    if key in ("value", "raw", "sdk_ready", "sdk_all"):
                        shown.append(f"{name} {value / case.scale:,.1f}")
        _progress(f"  {case.key}: " + "  ".join(shown))

    def _once(self, case: Case, variant: str) -> dict[str, float]:
        if case.name == "import":
            code = (
                "import time\n"
                "t = time.perf_counter()\n"
                f"{IMPORT_STATEMENTS[variant]}\n"
                "print('{\"value\": %r}' % ((time.perf_counter() - t) * 1e3))\n"
            )
            return _run_json([PYTHON, "-c", code], self.plan.worker_timeout)
        argv = [PYTHON, str(HERE / "cases.py"), case.name, variant, f"--port={self.port}"]
        return _run_json([*argv, *case.argv], self.plan.worker_timeout)

    def warm_imports(self) -> None:
        """Untimed imports first: bytecode caches written, files in the page cache."""
        for variant in IMPORT_STATEMENTS:
            self._once(Case("import", "import", ()), variant)


@dataclass(frozen=True)
class Line:
    """A budget line's figures: medians of both series and the per-round comparisons."""

    budget: Budget
    raw: float
    sdk: float
    #: sdk/raw (or sdk-raw for "delta") of each round, in round order.
    per_round: tuple[float, ...]

    @property
    def value(self) -> float:
        return median(list(self.per_round))

    @property
    def within(self) -> bool:
        return self.value <= self.budget.budget

    def cells(self) -> list[str]:
        b = self.budget
        if b.kind == "ratio":
            shown, lo, hi = (f"{v:.2f}x" for v in (self.value, *_span(self.per_round)))
            budget = f"<= {b.budget:.2f}x"
        else:
            shown, lo, hi = (f"{v:+.1f} {b.unit}" for v in (self.value, *_span(self.per_round)))
            budget = f"+<= {b.budget:g} {b.unit}"
        return [
            b.measure,
            _fmt(self.raw, b.unit),
            _fmt(self.sdk, b.unit),
            shown,
            f"{lo} .. {hi}",
            budget,
            "yes" if self.within else "NO",
        ]


def _span(values: tuple[float, ...]) -> tuple[float, float]:
    return min(values), max(values)


def _fmt(value: float, unit: str) -> str:
    return f"{value:,.0f} {unit}" if value >= 100 else f"{value:,.1f} {unit}"


def _line(budget: Budget, samples: Samples, suffix: str = "") -> Line | None:
    series = samples.get(budget.case, {})
    raw, sdk = series.get(budget.raw + suffix), series.get(budget.sdk + suffix)
    if not raw or not sdk or len(raw) != len(sdk):
        return None
    if budget.kind == "ratio":
        per_round = tuple(s / r for r, s in zip(raw, sdk, strict=True) if r)
    else:
        per_round = tuple(s - r for r, s in zip(raw, sdk, strict=True))
    if not per_round:
        return None
    return Line(budget, median(raw), median(sdk), per_round)


def _error_cells(budget: Budget) -> list[str]:
    return [budget.measure, "error", "error", "-", "-", f"<= {budget.budget:.2f}x", "n/a"]


def _table(header: tuple[str, ...], body: list[list[str]]) -> str:
    lines = [list(header), *body]
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


def _asyncio_server(lifetime: float) -> Iterator[tuple[str, int]]:
    server = subprocess.Popen(
        [PYTHON, str(HERE / "server.py"), f"--lifetime={lifetime}", "--idle=120"],
        stdout=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    assert server.stdout is not None
    line = server.stdout.readline()
    if not line.startswith("PORT "):
        server.kill()
        raise SystemExit(f"the benchmark server did not start (said {line!r})")
    try:
        yield "asyncio (server.py)", int(line.split()[1])
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@contextmanager
def _server(kind: str, lifetime: float) -> Iterator[tuple[str, int]]:
    """The loopback server: its description and port."""
    if kind in ("auto", "nginx"):
        sys.path.insert(0, str(HERE))
        import nginx

        nginx.stop_on_sigterm()

        if nginx.available():
            try:
                server = nginx.Nginx()
            except RuntimeError as exc:
                if kind == "nginx":
                    raise SystemExit(str(exc)) from exc
                _progress(f"nginx would not start ({exc}); using the asyncio server")
            else:
                try:
                    yield "nginx", server.port
                finally:
                    server.stop()
                return
        elif kind == "nginx":
            raise SystemExit("--server nginx: nginx is not installed")
    yield from _asyncio_server(lifetime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny counts: a smoke run")
    parser.add_argument(
        "--rounds", type=int, default=None, help=f"rounds (at least {MIN_ROUNDS} unless --quick)"
    )
    parser.add_argument("--server", choices=("auto", "nginx", "asyncio"), default="auto")
    parser.add_argument(
        "--only", default="", help="comma-separated case keys to run (default: all)"
    )
    args = parser.parse_args()
    plan = _plan(args.quick)
    if args.rounds is not None:
        floor = 1 if args.quick else MIN_ROUNDS
        plan = replace(plan, rounds=max(args.rounds, floor))
    if args.only:
        wanted = set(args.only.split(","))
        plan = replace(plan, cases=tuple(c for c in plan.cases if c.key in wanted))

    started = time.perf_counter()
    with _server(args.server, plan.server_lifetime) as (server_name, port):
        _progress(f"{server_name} on 127.0.0.1:{port}; {plan.rounds} round(s)")
        runner = Runner(plan, port)
        try:
            runner.warm_imports()
        except CaseError as exc:
            runner.failures["import"] = str(exc)
        runner.run()

    quick_note = " (QUICK: the numbers mean nothing)" if args.quick else ""
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print(
        f"notify_sdk vs raw httpx - {when}, Python {platform.python_version()}, {_versions()}, "
        f"{os.cpu_count()} CPUs, {platform.machine()}, server {server_name}, "
        f"{plan.rounds} rounds{quick_note}"
    )
    print(
        "raw and sdk: medians per operation (us), per 100,000 recipients or per import (ms), "
        "or peak RSS (MiB);\nratio: the median of the per-round sdk/raw ratios "
        "(rounds min-max: the lowest and highest of them)\n"
    )
    keys = {case.key for case in plan.cases}
    chosen = [b for b in BUDGETS if b.case in keys]
    lines = [(b, _line(b, runner.samples)) for b in chosen]
    body = [line.cells() if line else _error_cells(b) for b, line in lines]
    print(_table(COLUMNS, body))
    cpu = [_line(b, runner.samples, "_cpu") for b in chosen if b.kind == "ratio"]
    cpu_cells = [line.cells() for line in cpu if line is not None]
    if cpu_cells:
        print("\nthe same, timed by the client process's CPU time (steadier on a busy machine):\n")
        print(_table(COLUMNS, cpu_cells))
    print(f"\ntotal {time.perf_counter() - started:.1f} s")
    for key, failure in runner.failures.items():
        print(f"\nFAILED {key}: {failure}", file=sys.stderr)
    return 1 if runner.failures else 0


if __name__ == "__main__":
    sys.exit(main())
