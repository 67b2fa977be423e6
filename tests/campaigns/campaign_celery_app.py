"""The Celery application the campaign tests' real worker process imports.

Configured from the environment the test sets: ``CAMPAIGN_REDIS_URL`` (broker
and result backend) and ``CAMPAIGN_CLIENT`` (the emulator client's keyword
arguments, JSON).
"""

from __future__ import annotations

import json
import os

from celery import Celery

from notify_sdk import NotifyClient, RetryPolicy
from notify_sdk.contrib.celery import register_chunk_task

REDIS_URL = os.environ["CAMPAIGN_REDIS_URL"]
app = Celery("campaign_tests", broker=REDIS_URL + "/0", backend=REDIS_URL + "/1")
app.conf.update(
    broker_connection_retry_on_startup=True,
    worker_prefetch_multiplier=1,
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    worker_hijack_root_logger=False,
)


def make_client() -> NotifyClient:
    options = json.loads(os.environ["CAMPAIGN_CLIENT"])
    return NotifyClient(**options, timeout=60, retry=RetryPolicy(max_attempts=1, deadline=None))


run_chunk_task = register_chunk_task(app, make_client, settle_wait=0.5)
