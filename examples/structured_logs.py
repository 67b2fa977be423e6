"""Structured logs: the SDK's records as JSON lines through structlog, with stable keys.

Each HTTP attempt logs one DEBUG record on the ``notify_sdk`` logger whose
``extra`` holds ``notify.service``, ``notify.operation``,
``notify.request_id``, ``notify.attempt``, ``notify.outcome`` and the masked
recipient. structlog's ``ExtraAdder`` lifts them into the JSON; the number
only ever appears masked and the body never does. Runs on the emulator
(the first attempt meets a 503, so there are two records):

    python examples/structured_logs.py
"""

from __future__ import annotations

import io
import json
import logging

import structlog

from notify_sdk import RetryPolicy
from notify_sdk.testing import Emulator, faults

KEYS = ("notify.service", "notify.operation", "notify.attempt", "notify.outcome")


def json_handler(stream: io.TextIOBase) -> logging.Handler:
    """A logging handler rendering every record, the SDK's extra keys included, as JSON."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=[
                structlog.stdlib.add_log_level,
                structlog.stdlib.ExtraAdder(),
                structlog.processors.TimeStamper(fmt="iso"),
            ],
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.JSONRenderer(),
            ],
        )
    )
    return handler


def main() -> int:
    lines = io.StringIO()
    sdk_logger = logging.getLogger("notify_sdk")
    sdk_logger.addHandler(json_handler(lines))
    sdk_logger.setLevel(logging.DEBUG)

    emulator = Emulator()
    emulator.inject(faults.http_status(503), times=1, match="sms")
    fast = RetryPolicy(initial_delay=0.1, jitter=False)
    with emulator.client(retry=fast) as client:
        result = client.send_sms("010-5555-0123", "Your code is 482913")

    records = [json.loads(line) for line in lines.getvalue().splitlines()]
    for record in records:
        print(json.dumps({k: v for k, v in record.items() if k.startswith("notify.")}))
    print(f"{len(records)} records for a send in {result.attempts} attempts")
    print("every record carries the notify.* keys:", all(k in r for r in records for k in KEYS))
    text = lines.getvalue()
    print("number only masked:", "01055550123" not in text and "010****0123" in text)
    print("body never logged:", "482913" not in text)
    print(
        "request id on the answered attempt:", records[-1]["notify.request_id"] == result.request_id
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
