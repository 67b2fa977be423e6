"""Send many messages concurrently with AsyncNotifyClient.

One client is shared by all tasks (it holds the connection pool and the retry
budget); a semaphore caps how many requests are in flight; asyncio.gather
collects the results, and return_exceptions=True keeps one failure from
hiding the others. On the emulator (no NHN_SMS_APP_KEY set) a few faults are
injected along the way; against the real API set NOTIFY_EXAMPLE_TO.

    python examples/async_concurrent.py
"""

from __future__ import annotations

import asyncio
import os
import sys

from notify_sdk import AsyncNotifyClient, RetryPolicy, SendResult
from notify_sdk.errors import NotifyError
from notify_sdk.testing import Emulator, faults

REAL = bool(os.environ.get("NHN_SMS_APP_KEY"))
MAX_IN_FLIGHT = 8
# Short waits keep the example quick; the retry logic is the default one.
POLICY = RetryPolicy(initial_delay=0.05, max_delay=0.2, reconcile_wait=0.05, deadline=10.0)


async def notify_customers(
    client: AsyncNotifyClient, customers: list[tuple[str, str]]
) -> list[SendResult | BaseException]:
    """Send each customer a personal message, at most MAX_IN_FLIGHT at a time."""
    limit = asyncio.Semaphore(MAX_IN_FLIGHT)

    async def one(name: str, number: str) -> SendResult:
        async with limit:
            return await client.send_sms(number, f"[Shop] {name}, your coupon is ready.")

    return await asyncio.gather(
        *(one(name, number) for name, number in customers), return_exceptions=True
    )


async def main() -> int:
    if REAL:
        if "NOTIFY_EXAMPLE_TO" not in os.environ:
            print("set NOTIFY_EXAMPLE_TO to your own number to run this against the real API")
            return 0
        customers = [("Kim", os.environ["NOTIFY_EXAMPLE_TO"])]
        emulator = None
        client = AsyncNotifyClient(retry=POLICY)
    else:
        customers = [(f"Customer {i}", f"010-5555-{i:04d}") for i in range(1, 41)]
        emulator = Emulator()
        # Some trouble on the way: refused connections, lost answers, a 503.
        emulator.inject(faults.connect_error(), times=3)
        emulator.inject(faults.timeout_after_accept(), times=2, match="sender/sms")
        emulator.inject(faults.http_status(503), times=2)
        client = emulator.async_client(retry=POLICY)

    async with client:
        outcomes = await notify_customers(client, customers)

    sent = [o for o in outcomes if isinstance(o, SendResult)]
    failed = [o for o in outcomes if isinstance(o, BaseException)]
    retried = sum(1 for r in sent if r.attempts > 1 or r.recovered)
    print(
        f"{len(sent)} sends accepted ({retried} needed a retry or a lookup), {len(failed)} failed"
    )
    for error in failed:
        kind = "SDK error" if isinstance(error, NotifyError) else "bug"
        print(f"  {kind}: {error}")
    stats = client.retry_stats
    print(f"client: {stats.attempts} HTTP attempts, {stats.retries} retries")

    if emulator is not None:
        emulator.assert_each_recipient_got_exactly_one([number for _, number in customers])
        print(f"emulator: each of the {len(customers)} customers got exactly one message")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
