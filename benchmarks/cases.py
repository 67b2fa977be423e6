"""One benchmark case, one variant, in this (fresh) interpreter; prints one JSON line.

``run.py`` starts this script once per case, variant and round so that every
measurement begins in a clean process (no shared caches, pools or heap).

Run: ``python benchmarks/cases.py CASE VARIANT [--port N] [--count N] ...``
where CASE is ``sync``, ``async``, ``bulk``, ``map`` or ``rss`` and VARIANT is
``raw`` (httpx alone) or ``sdk`` (``map`` times both, alternated). Times are µs
per operation (the median of ``--blocks`` timed blocks after ``--warmup``
untimed operations); ``rss`` gives the peak RSS in KiB. Imports are timed by
``run.py`` itself, in interpreters that import nothing else first.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

import wire


def median(values: list[float]) -> float:
    """The median (no ``statistics`` import: it would weigh on the RSS case)."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _base_url(port: int) -> str:
    return f"http://127.0.0.1:{port}"


def _check(status: int, content: bytes) -> str:
    """What raw httpx code must do at least: parse the envelope and check its header."""
    data = json.loads(content)
    header = data["header"]
    if status != 200 or header["isSuccessful"] is not True or header["resultCode"] != 0:
        raise RuntimeError(f"unexpected answer: HTTP {status} {header!r}")
    request_id: str = data["body"]["data"]["requestId"]
    return request_id


def _timing(walls: list[float], cpus: list[float]) -> dict[str, float]:
    """Medians in µs per operation: wall clock, and this process's CPU time."""
    return {"value": median(walls) * 1e6, "cpu": median(cpus) * 1e6}


def _time_blocks(
    once: Callable[[], object], count: int, blocks: int, warmup: int
) -> dict[str, float]:
    for _ in range(warmup):
        once()
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(blocks):
        cpu = time.process_time()
        started = time.perf_counter()
        for _ in range(count):
            once()
        walls.append((time.perf_counter() - started) / count)
        cpus.append((time.process_time() - cpu) / count)
    return _timing(walls, cpus)


# --- sync sends -----------------------------------------------------------------


def _sync_sender(variant: str, port: int, bulk: bool) -> tuple[Callable[[], object], Any]:
    """A zero-argument send and the client to close afterwards."""
    recipients = wire.numbers(wire.BULK_SIZE) if bulk else [wire.TO]
    app_key = wire.BULK_APP_KEY if bulk else wire.APP_KEY
    if variant == "raw":
        import httpx

        client = httpx.Client()
        url = _base_url(port) + wire.send_path(app_key)
        headers = wire.HEADERS
        if bulk:
            # A prebuilt body: the floor for a 1,000-recipient request.
            prebuilt = json.dumps(wire.request_body(recipients), separators=(",", ":")).encode()

            def raw_bulk() -> object:
                response = client.post(url, content=prebuilt, headers=headers)
                return _check(response.status_code, response.content)

            return raw_bulk, client
        to = recipients[0]

        def raw_one() -> object:
            body = {
                "body": wire.BODY,
                "sendNo": wire.SENDER,
                "senderGroupingKey": wire.GROUPING_KEY,
                "recipientList": [{"recipientNo": to}],
            }
            response = client.post(url, json=body, headers=headers)
            return _check(response.status_code, response.content)

        return raw_one, client

    from notify_sdk import NotifyClient

    sdk = NotifyClient(
        sms_app_key=app_key,
        sms_secret_key=wire.SECRET,
        sms_sender=wire.SENDER,
        sms_base_url=_base_url(port),
    )
    to_arg: str | list[str] = recipients if bulk else recipients[0]

    def sdk_send() -> object:
        return sdk.send_sms(to_arg, wire.BODY)

    first = sdk.send_sms(to_arg, wire.BODY)
    if len(first.recipients) != len(recipients) or first.request_id != wire.REQUEST_ID:
        raise RuntimeError(f"the SDK read the answer wrongly: {first!r:.200}")
    return sdk_send, sdk


def case_sync(args: argparse.Namespace, bulk: bool = False) -> dict[str, float]:
    once, client = _sync_sender(args.variant, args.port, bulk)
    try:
        return _time_blocks(once, args.count, args.blocks, args.warmup)
    finally:
        client.close()


def case_bulk(args: argparse.Namespace) -> dict[str, float]:
    return case_sync(args, bulk=True)


# --- async sends ----------------------------------------------------------------


async def _async_run(args: argparse.Namespace) -> dict[str, float]:
    import asyncio

    concurrency: int = args.concurrency
    close: Callable[[], Awaitable[None]]
    once: Callable[[], Awaitable[object]]
    if args.variant == "raw":
        import httpx

        client = httpx.AsyncClient()
        url = _base_url(args.port) + wire.send_path(wire.APP_KEY)
        headers = wire.HEADERS

        async def raw_once() -> object:
            body = {
                "body": wire.BODY,
                "sendNo": wire.SENDER,
                "senderGroupingKey": wire.GROUPING_KEY,
                "recipientList": [{"recipientNo": wire.TO}],
            }
            response = await client.post(url, json=body, headers=headers)
            return _check(response.status_code, response.content)

        once, close = raw_once, client.aclose
    else:
        from notify_sdk import AsyncNotifyClient

        sdk = AsyncNotifyClient(
            sms_app_key=wire.APP_KEY,
            sms_secret_key=wire.SECRET,
            sms_sender=wire.SENDER,
            sms_base_url=_base_url(args.port),
        )

        async def sdk_once() -> object:
            return await sdk.send_sms(wire.TO, wire.BODY)

        once, close = sdk_once, sdk.aclose

    async def lane(count: int) -> None:
        for _ in range(count):
            await once()

    walls: list[float] = []
    cpus: list[float] = []

    async def burst(total: int) -> None:
        per_lane = max(total // concurrency, 1)
        cpu = time.process_time()
        started = time.perf_counter()
        await asyncio.gather(*(lane(per_lane) for _ in range(concurrency)))
        walls.append((time.perf_counter() - started) / (per_lane * concurrency))
        cpus.append((time.process_time() - cpu) / (per_lane * concurrency))

    try:
        await burst(max(args.warmup, concurrency))  # opens `concurrency` connections
        walls.clear()
        cpus.clear()
        for _ in range(args.blocks):
            await burst(args.count)
    finally:
        await close()
    return _timing(walls, cpus)


def case_async(args: argparse.Namespace) -> dict[str, float]:
    import asyncio

    return asyncio.run(_async_run(args))


# --- mapping a 1,000-row answer ---------------------------------------------------


def case_map(args: argparse.Namespace) -> dict[str, float]:
    """``json.loads`` alone vs ``op.parse(json.loads(raw))``, alternated in one process."""
    from notify_sdk import NotifyClient
    from notify_sdk.services.sms.sends import send_sms

    raw = wire.bulk_answer()
    client = NotifyClient(
        sms_app_key=wire.BULK_APP_KEY, sms_secret_key=wire.SECRET, sms_sender=wire.SENDER
    )
    op = send_sms(client._context, wire.numbers(wire.BULK_SIZE), wire.BODY)
    client.close()
    parse = op.parse
    loads = json.loads
    if len(parse(loads(raw)).recipients) != wire.BULK_SIZE:
        raise RuntimeError("the SDK mapped the 1,000-row answer wrongly")

    def raw_once() -> object:
        return loads(raw)

    def sdk_once() -> object:
        return parse(loads(raw))

    samples: dict[str, list[float]] = {"raw": [], "sdk": [], "raw_cpu": [], "sdk_cpu": []}
    for block in range(args.blocks):
        order = (("raw", raw_once), ("sdk", sdk_once))
        for variant, once in order if block % 2 == 0 else order[::-1]:
            timing = _time_blocks(once, args.count, 1, args.warmup if block == 0 else 0)
            samples[variant].append(timing["value"])
            samples[f"{variant}_cpu"].append(timing["cpu"])
    return {name: median(values) for name, values in samples.items()}


# --- memory ------------------------------------------------------------


def case_rss(args: argparse.Namespace) -> dict[str, float]:
    """Peak RSS (KiB) of a process that imports, builds a client and sends ``--count`` SMS."""
    import resource

    once, client = _sync_sender(args.variant, args.port, bulk=False)
    try:
        for _ in range(args.count):
            once()
    finally:
        client.close()
    return {"value": float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)}


CASES: dict[str, Callable[[argparse.Namespace], dict[str, float]]] = {
    "sync": case_sync,
    "async": case_async,
    "bulk": case_bulk,
    "map": case_map,
    "rss": case_rss,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", choices=sorted(CASES))
    parser.add_argument("variant", choices=("raw", "sdk", "both"))
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--count", type=int, default=100, help="operations per timed block")
    parser.add_argument("--blocks", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=1)
    args = parser.parse_args()
    print(json.dumps(CASES[args.case](args)))


if __name__ == "__main__":
    main()
