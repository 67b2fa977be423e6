"""A campaign process killed with SIGKILL mid-chunk, resumed from its journal.

The sender runs in a real child process against the emulator on loopback;
the emulator holds one send's answer, the test kills the child while it
waits, and a resumed run must complete with every recipient messaged once.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from notify_sdk import NotifyClient, RetryPolicy
from notify_sdk.campaigns import Campaign, Journal, Sms, send_campaign
from notify_sdk.testing import Emulator
from tests.helpers.campaign import StallingServer

CHILD = """
import json, os, sys
from notify_sdk import NotifyClient, RetryPolicy
from notify_sdk.campaigns import Campaign, Sms, send_campaign
from datetime import datetime
options = json.loads(os.environ["CAMPAIGN_TEST"])
numbers = [f"010{i:08d}" for i in range(options["count"])]
campaign = Campaign("crash", Sms("Your parcel is on its way"), chunk_size=options["chunk"],
                    started_at=datetime.fromisoformat(options["started"]))
policy = RetryPolicy(max_attempts=1, deadline=None)
with NotifyClient(**options["client"], timeout=60, retry=policy) as client:
    send_campaign(client, campaign, numbers, journal=options["journal"], concurrency=2)
"""

COUNT, CHUNK = 1000, 100


@pytest.mark.parametrize("accepted_before_crash", [True, False])
def test_killed_process_resumes_from_its_journal(
    tmp_path: Path, accepted_before_crash: bool
) -> None:
    emulator = Emulator(listing_lag=0.2)
    numbers = [f"010{i:08d}" for i in range(COUNT)]
    journal = tmp_path / "crash.journal"
    campaign = Campaign("crash", Sms("Your parcel is on its way"), chunk_size=CHUNK)
    server = StallingServer(emulator, stall_at=4, accept_first=accepted_before_crash)
    with server.serve() as base_url:
        kwargs = emulator.client_kwargs(base_url)
        env = dict(os.environ)
        env["CAMPAIGN_TEST"] = json.dumps(
            {
                "count": COUNT,
                "chunk": CHUNK,
                "journal": str(journal),
                "client": kwargs,
                "started": campaign.started_at.isoformat(),
            }
        )
        child = subprocess.Popen([sys.executable, "-c", CHILD], env=env)
        try:
            assert server.stalled.wait(30), "the child never reached the stalled send"
            os.kill(child.pid, signal.SIGKILL)
            assert child.wait(10) == -signal.SIGKILL
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        server.release.set()
        with Journal(journal) as j:
            states = [r.state for r in j]
        assert "in_flight" in states and len(states) < COUNT // CHUNK
        sent_before = len(emulator.accepted)
        with NotifyClient(**kwargs, retry=RetryPolicy(reconcile_wait=0.0)) as client:
            result = send_campaign(client, campaign, numbers, journal=journal, settle_wait=0.5)
    emulator.assert_each_recipient_got_exactly_one(numbers)
    assert len(emulator.accepted) == COUNT
    assert result.complete and result.counts["accepted"] == COUNT
    assert result.chunks.get("skipped", 0) >= 1
    assert sent_before < COUNT
