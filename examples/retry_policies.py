"""Configure retries: the defaults, disabling them, an aggressive policy, a
custom deadline, logging each retry with on_retry, and per-call overrides.

On the emulator (no NHN_SMS_APP_KEY set) faults are injected so that the
retries actually happen; against the real API the same policies are simply
used for one send. With real credentials set NOTIFY_EXAMPLE_TO to your number.

    python examples/retry_policies.py
"""

from __future__ import annotations

import logging
import os
import sys
import time

from notify_sdk import NotifyClient, RetryEvent, RetryPolicy
from notify_sdk.errors import NotifyError, TransportError
from notify_sdk.testing import Emulator, faults

REAL = bool(os.environ.get("NHN_SMS_APP_KEY"))
log = logging.getLogger("example.retries")


def log_retry(event: RetryEvent) -> None:
    """on_retry hook: called before each retry's wait."""
    action = "look the send up, resend only if absent" if event.reconcile else "retry"
    log.warning(
        "%s attempt %d failed with %s; %s in %.2fs",
        event.operation,
        event.attempt,
        type(event.error).__name__,
        action,
        event.delay,
    )


# The defaults: 4 attempts, 0.5s doubling to at most 8s, 30s deadline, and
# SMS sends reconciled (looked up) after an ambiguous failure.
DEFAULT = RetryPolicy()

# Short waits so that the example runs in a second; the logic is the default's.
QUICK = DEFAULT.evolve(initial_delay=0.05, max_delay=0.2, reconcile_wait=0.05, on_retry=log_retry)

# A batch job that can wait for the provider to recover.
AGGRESSIVE = QUICK.evolve(max_attempts=8, multiplier=3.0, deadline=120.0)

# An interactive send the user is waiting for: give up after 2 seconds.
TIGHT_DEADLINE = QUICK.evolve(deadline=2.0)

# Never repeat anything; the caller decides.
DISABLED = RetryPolicy.disabled()

# Never risk a duplicate SMS: raise at once after a failure of unknown effect.
NO_GUESSING = QUICK.evolve(on_ambiguous="raise")


def main() -> int:
    logging.basicConfig(level=logging.WARNING, format="  [log] %(message)s", stream=sys.stdout)
    to = os.environ.get("NOTIFY_EXAMPLE_TO", "010-5555-0102")
    if REAL and "NOTIFY_EXAMPLE_TO" not in os.environ:
        print("set NOTIFY_EXAMPLE_TO to your own number to run this against the real API")
        return 0
    emulator = None if REAL else Emulator()

    def inject(*fault: faults.Fault) -> None:
        if emulator is not None:
            for f in fault:
                emulator.inject(f, match="sms")

    client = emulator.client(retry=QUICK) if emulator is not None else NotifyClient(retry=QUICK)
    with client:
        print(
            f"client default policy: max_attempts={client.retry_policy.max_attempts}, "
            f"deadline={client.retry_policy.deadline}s"
        )

        print("1. a refused connection, then a 503: both safe to retry")
        inject(faults.connect_error(), faults.http_status(503))
        result = client.send_sms(to, "[Shop] Your order has shipped.")
        print(f"  sent in {result.attempts} attempts")

        print("2. a timeout after the server accepted: looked up, not resent")
        inject(faults.timeout_after_accept())
        result = client.send_sms(to, "[Shop] Your parcel arrives today.")
        print(f"  {result.attempts} attempt(s), recovered={result.recovered}")

        print("3. per-call override: retries disabled for this call only")
        inject(faults.http_status(503))
        try:
            client.send_sms(to, "[Shop] hello", retry=DISABLED)
            print("  sent")
        except NotifyError as exc:
            print(f"  raised at once: {type(exc).__name__} after {exc.attempts} attempt")

        print("4. aggressive policy rides out five failures in a row")
        inject(*[faults.connect_error()] * 5)
        result = client.send_sms(to, "[Shop] Big sale tomorrow.", retry=AGGRESSIVE)
        print(f"  sent in {result.attempts} attempts")

        print("5. a 2-second deadline against a server asking to wait 10 seconds")
        inject(faults.http_status(429, retry_after=10))
        started = time.monotonic()
        try:
            client.send_sms(to, "[Shop] hello again", retry=TIGHT_DEADLINE)
            print("  sent")
        except NotifyError as exc:
            print(f"  gave up after {time.monotonic() - started:.1f}s: {type(exc).__name__}")

        print("6. on_ambiguous='raise': the caller decides what to do")
        inject(faults.timeout_after_accept())
        try:
            client.send_sms(to, "[Shop] Payment received.", retry=NO_GUESSING)
            print("  sent")
        except TransportError as exc:
            print(f"  ambiguous={exc.ambiguous}: check before sending again")

        stats = client.retry_stats
        print(
            f"retry stats: {stats.attempts} HTTP attempts, {stats.retries} retries, "
            f"budget {stats.budget_left:.0f}/{stats.budget_capacity:.0f}"
        )

    if emulator is not None:
        # Case 6 was accepted by the server even though the client saw a timeout.
        emulator.assert_no_duplicates()
        print(f"emulator: {len(emulator.accepted)} messages accepted, no duplicates")
    return 0


if __name__ == "__main__":
    sys.exit(main())
