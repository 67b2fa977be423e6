"""A campaign of many recipients against raw httpx, side by side (PERFORMANCE.md).

Cases, each run in a fresh interpreter per round, alternated (the order
rotates every round), against the fixed-response loopback server
(``nginx.py`` or ``server.py``, answering every request with a prebuilt
1,000-row SMS send answer):

* ``raw-sync`` / ``raw-async``: httpx posting one prebuilt 1,000-recipient
  body (bytes) per request and ``json.loads`` of each answer, with the same
  concurrency as the runner (threads / tasks). The floor.
* ``sdk-bulk-sync``: ``client.send_sms`` of 1,000 numbers per call, the
  same concurrency, no campaign: what the SDK's bulk send costs
  (issue 14 speeds it up), so that the runner's own cost shows apart.
* ``campaign-sync`` / ``campaign-async`` (``+journal``): ``send_campaign`` /
  ``asend_campaign`` from an iterator of numbers, rate limit off (the
  default 250 requests/s would measure the limiter). The iterator cycles
  over 10,000 prebuilt numbers at C speed, so that the input's own cost
  (a CSV reader, a database cursor) is not counted as the SDK's.

Printed: wall time, CPU time and peak RSS per case (median and min-max
over rounds), and the ratios to raw httpx with the budgets (campaign
<= 1.3x wall without a journal, <= 1.5x with one, <= 100 MB peak RSS).
Timings never fail anything.

Run: ``python benchmarks/campaign.py [--recipients 1000000] [--rounds 3]
[--concurrency 8] [--quick] [--sweep [--levels 1,2,4,8]] [--server
auto|nginx|asyncio] [--latency MS]``; ``--sweep`` times ``campaign-async``
and ``campaign-sync`` (and raw httpx beside them) at each concurrency level;
``--latency`` makes the (asyncio) server wait that long before each answer,
as the network and the provider do, which loopback alone does not. The server is nginx when it is
installed (``nginx.py``: answers from C, so its cost is a small, steady part
of what is timed), else the asyncio server (``server.py``).
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
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ENV = {
    k: v
    for k, v in os.environ.items()
    if not k.lower().endswith("_proxy") and not k.startswith("NHN_")
}
ENV["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "notify-sdk-bench-pycache")

CASES = (
    "raw-sync",
    "sdk-bulk-sync",
    "campaign-sync",
    "campaign-sync+journal",
    "raw-async",
    "campaign-async",
    "campaign-async+journal",
)
BUDGETS = {
    "campaign-sync": ("raw-sync", 1.3),
    "campaign-sync+journal": ("raw-sync", 1.5),
    "campaign-async": ("raw-async", 1.3),
    "campaign-async+journal": ("raw-async", 1.5),
    "sdk-bulk-sync": ("raw-sync", None),
}

# --- one case, in its own interpreter ---------------------------------------------------

WORKER = r"""
import itertools, json, os, resource, sys, time
sys.path.insert(0, {here!r})
import wire
case, port, recipients, concurrency, journal = {args!r}
base = f"http://127.0.0.1:{{port}}"
requests = recipients // wire.BULK_SIZE

# The input stream: a C-level iterator over 10,000 prebuilt numbers, so that
# what is timed is the SDK's work, not the making of the numbers.
POOL = [f"0109{{i:07d}}" for i in range(10_000)]
def numbers():
    return itertools.islice(itertools.cycle(POOL), recipients)

# Imports before the clock starts: the import cost is measured elsewhere.
import asyncio, httpx
from concurrent.futures import ThreadPoolExecutor
if not case.startswith("raw"):
    from notify_sdk import AsyncNotifyClient, NotifyClient
    from notify_sdk.campaigns import Campaign, Sms, asend_campaign, send_campaign
wall0, cpu0 = time.perf_counter(), time.process_time()
if case == "raw-sync":
    body = json.dumps(wire.request_body(wire.numbers(wire.BULK_SIZE))).encode()
    url = base + wire.send_path(wire.BULK_APP_KEY)
    with httpx.Client() as http:
        def one(_):
            data = json.loads(http.post(url, content=body, headers=wire.HEADERS).content)
            assert data["header"]["isSuccessful"]
        with ThreadPoolExecutor(concurrency) as pool:
            list(pool.map(one, range(requests)))
elif case == "raw-async":
    body = json.dumps(wire.request_body(wire.numbers(wire.BULK_SIZE))).encode()
    url = base + wire.send_path(wire.BULK_APP_KEY)
    async def main():
        async with httpx.AsyncClient() as http:
            left = iter(range(requests))
            async def lane():
                for _ in left:
                    r = await http.post(url, content=body, headers=wire.HEADERS)
                    assert json.loads(r.content)["header"]["isSuccessful"]
            await asyncio.gather(*(lane() for _ in range(concurrency)))
    asyncio.run(main())
else:
    options = dict(sms_app_key=wire.BULK_APP_KEY, sms_secret_key=wire.SECRET,
                   sms_sender=wire.SENDER, sms_base_url=base)
    campaign = Campaign("bench", Sms(wire.BODY))
    path = journal if case.endswith("+journal") else None
    if case == "sdk-bulk-sync":
        with NotifyClient(**options) as client:
            def one(i):
                start = (i * wire.BULK_SIZE) % len(POOL)
                batch = POOL[start:start + wire.BULK_SIZE]
                assert client.send_sms(batch, wire.BODY).ok
            with ThreadPoolExecutor(concurrency) as pool:
                list(pool.map(one, range(requests)))
    elif case.startswith("campaign-sync"):
        with NotifyClient(**options) as client:
            result = send_campaign(client, campaign, numbers(), journal=path,
                                   concurrency=concurrency, rate_limit=None)
        assert result.counts["accepted"] == recipients, result
    else:
        async def main():
            async with AsyncNotifyClient(**options) as client:
                return await asend_campaign(client, campaign, numbers(), journal=path,
                                            concurrency=concurrency, rate_limit=None)
        result = asyncio.run(main())
        assert result.counts["accepted"] == recipients, result
wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"wall": wall, "cpu": cpu, "rss": rss}}))
"""


def run_case(case: str, port: int, recipients: int, concurrency: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        journal = os.path.join(tmp, "bench.journal")
        code = WORKER.format(here=str(HERE), args=(case, port, recipients, concurrency, journal))
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env=ENV,
            cwd=ROOT,
            timeout=900,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"{case} failed:\n{done.stderr[-2000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def start_server(kind: str, latency: float) -> tuple[subprocess.Popen[str], int, str]:
    """Start the loopback server in its own process: nginx when installed, else asyncio.

    A ``latency`` (seconds per answer) needs the asyncio server, which can wait.
    """
    sys.path.insert(0, str(HERE))
    import nginx

    if kind == "nginx" and (latency or not nginx.available()):
        raise SystemExit("--server nginx: nginx is not installed, or --latency was given")
    if kind != "asyncio" and not latency and nginx.available():
        kind, command = "nginx", [sys.executable, str(HERE / "nginx.py")]
    else:
        kind = "asyncio" if not latency else f"asyncio, {latency * 1000:g} ms per answer"
        command = [sys.executable, str(HERE / "server.py"), "--lifetime=3600", "--idle=120"]
        command.append(f"--delay={latency}")
    server = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    assert server.stdout is not None
    line = server.stdout.readline()
    if not line.startswith("PORT "):
        server.kill()
        raise RuntimeError(f"server did not start: {line!r}")
    return server, int(line.split()[1]), kind


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def measure(
    cases: tuple[str, ...], port: int, recipients: int, concurrency: int, rounds: int
) -> dict[str, dict[str, list[float]]]:
    series: dict[str, dict[str, list[float]]] = {
        c: {"wall": [], "cpu": [], "rss": []} for c in cases
    }
    for index in range(rounds):
        shift = index % len(cases)
        for case in cases[shift:] + cases[:shift]:
            print(f"round {index + 1}/{rounds}: {case}", file=sys.stderr, flush=True)
            for key, value in run_case(case, port, recipients, concurrency).items():
                series[case][key].append(value)
    return series


def _ratio(values: list[float], raw: list[float]) -> str:
    """The ratio of the medians, with the lowest and highest per-round ratio."""
    ratios = [v / r for v, r in zip(values, raw, strict=True)]
    return f"{median(values) / median(raw):.2f}x ({min(ratios):.2f}-{max(ratios):.2f})"


def table(series: dict[str, dict[str, list[float]]]) -> str:
    lines = [
        "| case | wall s (min-max) | CPU s (min-max) | peak RSS MB | wall vs raw | CPU vs raw "
        "| budget |",
        "|---|---|---|---|---|---|---|",
    ]
    for case, values in series.items():
        wall, cpu, rss = values["wall"], values["cpu"], values["rss"]
        base, budget = BUDGETS.get(case, (None, None))
        ratio = cpu_ratio = "-"
        if base in series:
            ratio = _ratio(wall, series[base]["wall"])
            # CPU time is disturbed much less than wall time by a busy machine.
            cpu_ratio = _ratio(cpu, series[base]["cpu"])
        within = "-"
        if budget is not None and base in series:
            ok = median(wall) / median(series[base]["wall"]) <= budget and max(rss) <= 100
            within = f"<= {budget}x, 100 MB: {'yes' if ok else 'NO'}"
        lines.append(
            f"| {case} | {median(wall):.2f} ({min(wall):.2f}-{max(wall):.2f}) "
            f"| {median(cpu):.2f} ({min(cpu):.2f}-{max(cpu):.2f}) | {max(rss):.0f} "
            f"| {ratio} | {cpu_ratio} | {within} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--quick", action="store_true", help="tiny counts (a smoke run)")
    parser.add_argument("--sweep", action="store_true", help="time concurrency 1, 2, 4, 8")
    parser.add_argument("--server", choices=("auto", "nginx", "asyncio"), default="auto")
    parser.add_argument(
        "--latency", type=float, default=0.0, help="ms the server waits per answer (asyncio)"
    )
    parser.add_argument(
        "--levels", default="1,2,4,8", help="concurrency levels of --sweep, comma-separated"
    )
    args = parser.parse_args()
    if args.quick:
        args.recipients, args.rounds = 3000, 1
    server, port, kind = start_server(args.server, args.latency / 1000)
    try:
        print(
            f"{args.recipients:,} recipients, concurrency {args.concurrency}, {args.rounds} "
            f"rounds; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, server {kind}, "
            f"Python {platform.python_version()}, {os.cpu_count()} CPUs"
        )
        if args.sweep:
            for concurrency in (int(level) for level in args.levels.split(",")):
                series = measure(
                    ("raw-async", "campaign-async", "raw-sync", "campaign-sync"),
                    port,
                    args.recipients,
                    concurrency,
                    args.rounds,
                )
                print(f"\nconcurrency {concurrency}\n{table(series)}")
            return 0
        print(table(measure(CASES, port, args.recipients, args.concurrency, args.rounds)))
    finally:
        server.terminate()
        server.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
