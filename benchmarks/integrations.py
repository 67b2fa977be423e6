"""What the optional integrations cost: ``import notify_sdk`` and one send, with and without.

Run by hand: ``python benchmarks/integrations.py [--rounds N] [--count N]``.

Every measurement runs in a fresh interpreter (this script re-runs itself
with ``--case``), the cases alternate within each round, and the table shows
the median and the min-max over the rounds. Cases:

* ``import, extras hidden``: ``import notify_sdk`` in an interpreter where
  Django, Starlette, FastAPI and OpenTelemetry cannot be imported (as when the
  extras are not installed);
* ``import, extras installed``: the same with them importable; it also
  reports whether ``import notify_sdk`` loaded any of them (it must not);
* ``send, no hooks`` / ``send, empty Hooks()`` / ``send, OpenTelemetry``:
  µs per ``send_sms`` through an in-memory transport answering prebuilt
  bytes (so that the SDK's own cost is not hidden behind a socket), without
  hooks, with one hook set that does nothing, and instrumented with the
  OpenTelemetry SDK (a real tracer and meter provider, in-memory exporter).

No timing here fails anything: read the ratios, per PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
EXTRAS = ("django", "starlette", "fastapi", "opentelemetry")
CASES = (
    "import-hidden",
    "import-installed",
    "send-plain",
    "send-empty-hooks",
    "send-otel",
)
LABELS = {
    "import-hidden": "import, extras hidden",
    "import-installed": "import, extras installed",
    "send-plain": "send, no hooks",
    "send-empty-hooks": "send, empty Hooks()",
    "send-otel": "send, OpenTelemetry",
}


class _Hide:
    """A meta-path finder that makes the extras' packages look uninstalled."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.split(".", 1)[0] in EXTRAS:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)


def _import(hidden: bool) -> dict[str, Any]:
    if hidden:
        sys.meta_path.insert(0, _Hide())  # type: ignore[arg-type]
    started = time.perf_counter()
    import notify_sdk  # noqa: F401

    elapsed = time.perf_counter() - started
    loaded = sorted({m.split(".", 1)[0] for m in sys.modules} & set(EXTRAS))
    return {"value": elapsed * 1e3, "unit": "ms", "loaded": loaded}


def _send(case: str, count: int) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    import httpx
    import wire

    from notify_sdk import NotifyClient

    answer = wire.single_answer()

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=answer, headers={"content-length": str(len(answer))})

    options: dict[str, Any] = {}
    if case == "send-empty-hooks":
        from notify_sdk.hooks import Hooks

        options["hooks"] = Hooks()
    client = NotifyClient(
        sms_app_key=wire.APP_KEY,
        sms_secret_key=wire.SECRET,
        sms_sender=wire.SENDER,
        sms_base_url="http://bench.invalid",
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
        **options,
    )
    if case == "send-otel":
        from opentelemetry.sdk.metrics import MeterProvider
        from opentelemetry.sdk.metrics.export import InMemoryMetricReader
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import SimpleSpanProcessor
        from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

        from notify_sdk.contrib.otel import instrument

        exporter = InMemorySpanExporter()
        tracer_provider = TracerProvider()
        tracer_provider.add_span_processor(SimpleSpanProcessor(exporter))
        meter_provider = MeterProvider(metric_readers=[InMemoryMetricReader()])
        instrument(client, tracer_provider=tracer_provider, meter_provider=meter_provider)
    for _ in range(200):
        client.send_sms(wire.TO, wire.BODY)
    if case == "send-otel":
        exporter.clear()
    started = time.perf_counter()
    for _ in range(count):
        client.send_sms(wire.TO, wire.BODY)
    elapsed = time.perf_counter() - started
    return {"value": elapsed / count * 1e6, "unit": "µs"}


def _measure(case: str, count: int) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--case", case, "--count", str(count)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--case", choices=CASES, help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--count", type=int, default=3000, help="sends per send measurement")
    args = parser.parse_args()
    if args.case is not None:
        if args.case.startswith("import"):
            result = _import(hidden=args.case == "import-hidden")
        else:
            result = _send(args.case, args.count)
        print(json.dumps(result))
        return 0

    values: dict[str, list[float]] = {case: [] for case in CASES}
    loaded: set[str] = set()
    for number in range(args.rounds):
        # Alternate the order so that no case always runs on a warmer machine.
        order = CASES if number % 2 == 0 else tuple(reversed(CASES))
        for case in order:
            result = _measure(case, args.count)
            values[case].append(result["value"])
            loaded.update(result.get("loaded", ()))
        print(f"round {number + 1}/{args.rounds} done", file=sys.stderr)

    def row(case: str) -> str:
        unit = "ms" if case.startswith("import") else "µs"
        got = values[case]
        return (
            f"| {LABELS[case]} | {_median(got):.1f} {unit} | {min(got):.1f}-{max(got):.1f} {unit} |"
        )

    print(f"python {sys.version.split()[0]}, {args.rounds} rounds, {args.count} sends each")
    print("| case | median | min-max |")
    print("|---|---|---|")
    for case in CASES:
        print(row(case))
    hidden = _median(values["import-hidden"])
    installed = _median(values["import-installed"])
    plain = _median(values["send-plain"])
    print()
    print(f"import, installed vs hidden: {installed / hidden:.2f}x")
    print(f"send, empty Hooks() vs none: {_median(values['send-empty-hooks']) / plain:.2f}x")
    print(f"send, OpenTelemetry vs none: {_median(values['send-otel']) / plain:.2f}x")
    print(f"extras loaded by 'import notify_sdk': {', '.join(sorted(loaded)) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
