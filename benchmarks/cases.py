"""One benchmark case, one variant, in this (fresh) interpreter; prints one JSON line.

``run.py`` starts this script once per case, variant and round so that every
measurement begins in a clean process (no shared caches, pools or heap).

Run: ``python benchmarks/cases.py CASE VARIANT [--port N] [--count N] ...``.
The cases and their variants:

* ``send`` (``--service sms|alimtalk|brand``; ``sync`` is ``send`` of SMS):
  one 1-recipient sync send; ``raw`` builds the body dict, posts it with
  ``json=`` and checks the parsed envelope; ``sdk`` calls the client method.
* ``async`` (``--concurrency N``, ``--transport httpx|aiohttp``): the SMS
  send over ``AsyncNotifyClient`` against raw ``httpx.AsyncClient``, ``N``
  tasks at once; with ``aiohttp`` both sides use the ``httpx-aiohttp``
  transport (``notify-sdk[aiohttp]``) instead of httpx's connection pool.
* ``bulk``: one 1,000-recipient SMS send; ``raw_bytes`` posts prebuilt bytes
  and ``json.loads`` the answer (the floor), ``raw_dict`` posts a prebuilt
  dict with ``json=`` and reads ``.json()``, ``sdk`` is ``send_sms`` with a
  list of 1,000 numbers, its failures read.
* ``bulk100k``: 100,000 recipients as ``--batches`` sends of 1,000 (variants
  as ``bulk``); the time is per 100,000 recipients.
* ``map`` (variant ``both``): ``json.loads`` of a 1,000-row answer against
  the SDK's mapping of it, alternated in this process: ``sdk_ready`` is a
  ``SendResult`` with ``ok`` and ``failed`` read, ``sdk_all`` reads every
  ``RecipientResult`` as well.
* ``rss``: peak RSS (KiB) of a process that imports, builds a client and
  makes ``--count`` SMS sends.

Times are µs per operation (ms for ``bulk100k``): the median of ``--blocks``
timed blocks after ``--warmup`` untimed operations, as wall time (``value``)
and as this process's CPU time (``cpu``). Imports are timed by ``run.py``
itself, in interpreters that import nothing else first.
"""

from __future__ import annotations

import argparse
import importlib
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

import wire

BULK_BATCH = wire.BULK_SIZE
RECIPIENTS_100K = 100_000


def median(values: list[float]) -> float:
    """The median (no ``statistics`` import: it would weigh on the RSS case)."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _base_url(port: int) -> str:
    return f"http://127.0.0.1:{port}"


def _check_envelope(status: int, data: Any) -> None:
    header = data["header"]
    if status != 200 or header["isSuccessful"] is not True or header["resultCode"] != 0:
        raise RuntimeError(f"unexpected answer: HTTP {status} {header!r}")


def _check(status: int, content: bytes) -> str:
    """What raw httpx code must do at least: parse the envelope and check its header."""
    data = json.loads(content)
    _check_envelope(status, data)
    request_id: str = data["body"]["data"]["requestId"]
    return request_id


def _check_kakao(status: int, content: bytes) -> str:
    """The same for a KakaoTalk answer (``message`` instead of ``body.data``)."""
    data = json.loads(content)
    _check_envelope(status, data)
    request_id: str = data["message"]["requestId"]
    return request_id


def _timing(walls: list[float], cpus: list[float], unit: float) -> dict[str, float]:
    """Medians per operation in ``unit`` seconds: wall clock, and this process's CPU time."""
    return {"value": median(walls) / unit, "cpu": median(cpus) / unit}


def _time_blocks(
    once: Callable[[], object], count: int, blocks: int, warmup: int, unit: float = 1e-6
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
    return _timing(walls, cpus, unit)


# --- the SDK's clients -------------------------------------------------------------


def _sdk_client(port: int, app_key: str = wire.APP_KEY) -> Any:
    from notify_sdk import NotifyClient

    return NotifyClient(
        sms_app_key=app_key,
        sms_secret_key=wire.SECRET,
        sms_sender=wire.SENDER,
        sms_base_url=_base_url(port),
        kakao_app_key=wire.APP_KEY,
        kakao_secret_key=wire.SECRET,
        kakao_sender_key=wire.SENDER_KEY,
        kakao_base_url=_base_url(port),
    )


def _verified(result: Any, recipients: int, refused: int = 0) -> None:
    """Fail the case when the SDK read the answer wrongly (a fast wrong SDK is no result)."""
    if (
        len(result.recipients) != recipients
        or result.request_id != wire.REQUEST_ID
        or len(result.failed) != refused
    ):
        raise RuntimeError(f"the SDK read the answer wrongly: {result!r:.300}")


# --- 1-recipient sync sends ----------------------------------------------------------


def _raw_sender(service: str, port: int) -> tuple[Callable[[], object], Any]:
    import httpx

    client = httpx.Client()
    base = _base_url(port)
    if service == "sms":
        url = base + wire.send_path(wire.APP_KEY)

        def raw_sms() -> object:
            body = {
                "body": wire.BODY,
                "sendNo": wire.SENDER,
                "senderGroupingKey": wire.GROUPING_KEY,
                "recipientList": [{"recipientNo": wire.TO}],
            }
            response = client.post(url, json=body, headers=wire.HEADERS)
            return _check(response.status_code, response.content)

        return raw_sms, client
    if service == "alimtalk":
        url = base + wire.alimtalk_path()

        def raw_alimtalk() -> object:
            body = {
                "senderKey": wire.SENDER_KEY,
                "senderGroupingKey": wire.GROUPING_KEY,
                "templateCode": wire.TEMPLATE_CODE,
                "recipientList": [
                    {"recipientNo": wire.TO, "templateParameter": wire.TEMPLATE_PARAMS}
                ],
            }
            response = client.post(url, json=body, headers=wire.KAKAO_HEADERS)
            return _check_kakao(response.status_code, response.content)

        return raw_alimtalk, client
    url = base + wire.brand_path()

    def raw_brand() -> object:
        body = {
            "senderKey": wire.SENDER_KEY,
            "chatBubbleType": "TEXT",
            "content": wire.BODY,
            "recipientList": [{"recipientNo": wire.TO, "targeting": "I"}],
            "senderGroupingKey": wire.GROUPING_KEY,
        }
        response = client.post(url, json=body, headers=wire.KAKAO_HEADERS)
        return _check_kakao(response.status_code, response.content)

    return raw_brand, client


def _sdk_sender(service: str, port: int) -> tuple[Callable[[], object], Any]:
    sdk = _sdk_client(port)
    send: Callable[[], Any]
    if service == "sms":

        def send() -> Any:
            return sdk.send_sms(wire.TO, wire.BODY)

    elif service == "alimtalk":

        def send() -> Any:
            return sdk.send_alimtalk(wire.TO, wire.TEMPLATE_CODE, params=wire.TEMPLATE_PARAMS)

    else:
        from notify_sdk import brand

        # Built once, as an application builds a campaign's bubble once.
        message = brand.TextMessage(wire.BODY)

        def send() -> Any:
            return sdk.send_brand_message(wire.TO, message)

    _verified(send(), 1)
    return send, sdk


def _sync_sender(variant: str, port: int, service: str = "sms") -> tuple[Callable[[], object], Any]:
    """A zero-argument 1-recipient send and the client to close afterwards."""
    if variant == "raw":
        return _raw_sender(service, port)
    return _sdk_sender(service, port)


def case_send(args: argparse.Namespace) -> dict[str, float]:
    once, client = _sync_sender(args.variant, args.port, args.service)
    try:
        return _time_blocks(once, args.count, args.blocks, args.warmup)
    finally:
        client.close()


# --- 1,000-recipient sends -----------------------------------------------------------


def _bulk_sender(variant: str, port: int) -> tuple[Callable[[], object], Any]:
    """A zero-argument 1,000-recipient SMS send and the client to close afterwards."""
    recipients = wire.numbers(BULK_BATCH)
    refused = BULK_BATCH // wire.BULK_REFUSED_EVERY
    if variant in ("raw_bytes", "raw_dict"):
        import httpx

        client = httpx.Client()
        url = _base_url(port) + wire.send_path(wire.MIXED_APP_KEY)
        headers = wire.HEADERS
        body = wire.request_body(recipients)
        if variant == "raw_bytes":
            # Prebuilt bytes: the floor for a 1,000-recipient request.
            prebuilt = json.dumps(body, separators=(",", ":")).encode()

            def raw_bytes() -> object:
                response = client.post(url, content=prebuilt, headers=headers)
                return _check(response.status_code, response.content)

            return raw_bytes, client

        def raw_dict() -> object:
            response = client.post(url, json=body, headers=headers)
            data = response.json()
            _check_envelope(response.status_code, data)
            return data["body"]["data"]["requestId"]

        return raw_dict, client

    sdk = _sdk_client(port, wire.MIXED_APP_KEY)

    def sdk_send() -> object:
        result = sdk.send_sms(recipients, wire.BODY)
        return result.failed  # what every bulk caller reads

    _verified(sdk.send_sms(recipients, wire.BODY), BULK_BATCH, refused)
    return sdk_send, sdk


def case_bulk(args: argparse.Namespace) -> dict[str, float]:
    once, client = _bulk_sender(args.variant, args.port)
    try:
        return _time_blocks(once, args.count, args.blocks, args.warmup)
    finally:
        client.close()


def case_bulk100k(args: argparse.Namespace) -> dict[str, float]:
    """100,000 recipients as ``--batches`` sends of 1,000; ms per 100,000 recipients."""
    send, client = _bulk_sender(args.variant, args.port)
    batches: int = args.batches

    def once() -> None:
        for _ in range(batches):
            send()

    try:
        for _ in range(args.warmup):
            send()
        timing = _time_blocks(once, args.count, args.blocks, 0, unit=1e-3)
    finally:
        client.close()
    scale = RECIPIENTS_100K / (batches * BULK_BATCH)
    return {name: value * scale for name, value in timing.items()}


# --- async sends ----------------------------------------------------------------


def _async_http(transport: str) -> Any:
    """The ``httpx.AsyncClient`` of ``--transport``: httpx's own pool, or aiohttp's."""
    if transport == "aiohttp":
        from httpx_aiohttp import HttpxAiohttpClient

        return HttpxAiohttpClient()
    import httpx

    return httpx.AsyncClient()


async def _async_run(args: argparse.Namespace) -> dict[str, float]:
    import asyncio

    concurrency: int = args.concurrency
    close: Callable[[], Awaitable[None]]
    once: Callable[[], Awaitable[object]]
    if args.variant == "raw":
        client = _async_http(args.transport)
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

        http = None if args.transport == "httpx" else _async_http(args.transport)
        sdk = AsyncNotifyClient(
            sms_app_key=wire.APP_KEY,
            sms_secret_key=wire.SECRET,
            sms_sender=wire.SENDER,
            sms_base_url=_base_url(args.port),
            http_client=http,
        )

        async def sdk_once() -> object:
            return await sdk.send_sms(wire.TO, wire.BODY)

        async def sdk_close() -> None:
            await sdk.aclose()
            if http is not None:  # the SDK never closes a client it was given
                await http.aclose()

        _verified(await sdk_once(), 1)
        once, close = sdk_once, sdk_close

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
    return _timing(walls, cpus, 1e-6)


def case_async(args: argparse.Namespace) -> dict[str, float]:
    import asyncio

    return asyncio.run(_async_run(args))


# --- mapping a 1,000-row answer ---------------------------------------------------

#: Where the SMS send builder lives, newest layout first.
_SMS_BUILDERS = ("notify_sdk.services.sms.sends", "notify_sdk.services.sms", "notify_sdk._sms")


def _sms_builder() -> Callable[..., Any]:
    """The SMS send builder (an internal function: the module moved once already)."""
    for name in _SMS_BUILDERS:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        builder = getattr(module, "send_sms", None)
        if builder is not None:
            return builder  # type: ignore[no-any-return]
    raise RuntimeError(f"no send_sms builder in any of {_SMS_BUILDERS}")


def case_map(args: argparse.Namespace) -> dict[str, float]:
    """``json.loads`` alone vs ``op.parse(json.loads(raw))``, alternated in one process."""
    raw = wire.mixed_answer()
    refused = BULK_BATCH // wire.BULK_REFUSED_EVERY
    client = _sdk_client(0, wire.MIXED_APP_KEY)
    op = _sms_builder()(client._context, wire.numbers(BULK_BATCH), wire.BODY)
    client.close()
    parse = op.parse
    loads = json.loads
    _verified(parse(loads(raw)), BULK_BATCH, refused)

    def raw_once() -> object:
        return loads(raw)

    def sdk_ready() -> object:
        result = parse(loads(raw))
        return result.ok, result.failed

    def sdk_all() -> object:
        result = parse(loads(raw))
        codes = 0
        for recipient in result.recipients:
            codes += recipient.result_code
            _ = recipient.number
        return result.ok, result.failed, codes

    variants = (("raw", raw_once), ("sdk_ready", sdk_ready), ("sdk_all", sdk_all))
    samples: dict[str, list[float]] = {}
    for block in range(args.blocks):
        # Rotate who goes first, so that no variant always runs on a warm cache.
        shift = block % len(variants)
        for name, once in variants[shift:] + variants[:shift]:
            timing = _time_blocks(once, args.count, 1, args.warmup if block == 0 else 0)
            samples.setdefault(name, []).append(timing["value"])
            samples.setdefault(f"{name}_cpu", []).append(timing["cpu"])
    return {name: median(values) for name, values in samples.items()}


# --- memory ------------------------------------------------------------


def case_rss(args: argparse.Namespace) -> dict[str, float]:
    """Peak RSS (KiB) of a process that imports, builds a client and sends ``--count`` SMS."""
    import resource

    once, client = _sync_sender(args.variant, args.port)
    try:
        for _ in range(args.count):
            once()
    finally:
        client.close()
    return {"value": float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)}


CASES: dict[str, Callable[[argparse.Namespace], dict[str, float]]] = {
    "send": case_send,
    "sync": case_send,
    "async": case_async,
    "bulk": case_bulk,
    "bulk100k": case_bulk100k,
    "map": case_map,
    "rss": case_rss,
}
VARIANTS = ("raw", "sdk", "raw_bytes", "raw_dict", "both")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", choices=sorted(CASES))
    parser.add_argument("variant", choices=VARIANTS)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--service", choices=("sms", "alimtalk", "brand"), default="sms")
    parser.add_argument("--count", type=int, default=100, help="operations per timed block")
    parser.add_argument("--blocks", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--transport", choices=("httpx", "aiohttp"), default="httpx")
    parser.add_argument("--batches", type=int, default=RECIPIENTS_100K // BULK_BATCH)
    args = parser.parse_args()
    if args.variant == "raw" and args.case in ("bulk", "bulk100k"):
        args.variant = "raw_bytes"  # what "raw" meant before the two raw variants
    print(json.dumps(CASES[args.case](args)))


if __name__ == "__main__":
    main()
