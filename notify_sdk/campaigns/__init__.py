"""Campaigns: one message to many recipients, each messaged exactly once.

Plan a campaign as pure data, then run it in one process (threads or
asyncio), resumably with a journal, or across machines with the Celery
adapter (:mod:`notify_sdk.contrib.celery`)::

    from notify_sdk import NotifyClient
    from notify_sdk.campaigns import Campaign, Sms, send_campaign

    campaign = Campaign("shipping-2026-12-03", Sms("[Shop] Your order has shipped."))
    with NotifyClient() as client:
        result = send_campaign(client, campaign, numbers, journal="shipping.journal")
    print(result.counts)

Every chunk of up to 1,000 recipients carries a deterministic
``senderGroupingKey`` (``"<campaign id>.<chunk index>"``); a chunk that may
have been sent already is looked up by it before it is sent again. See the
"Campaigns" page of the documentation for what this guarantees and what not.
"""

from __future__ import annotations

from ._journal import ChunkRecord, Journal, JournalMismatch
from ._plan import (
    AlimTalk,
    Brand,
    BrandTemplate,
    Campaign,
    CampaignMessage,
    Chunk,
    InvalidRecipient,
    Sms,
    chunk_from_dict,
    chunk_to_dict,
)
from ._results import (
    OUTCOMES,
    CampaignProgress,
    CampaignResult,
    ChunkResult,
    FailedRecipient,
    FailureSink,
    Tally,
)
from ._runner import (
    DEFAULT_CONCURRENCY,
    DEFAULT_RATE_LIMIT,
    DEFAULT_SETTLE_WAIT,
    CampaignInterrupted,
    RateLimiter,
    arun_chunk,
    asend_campaign,
    run_chunk,
    send_campaign,
)

__all__ = [
    "DEFAULT_CONCURRENCY",
    "DEFAULT_RATE_LIMIT",
    "DEFAULT_SETTLE_WAIT",
    "OUTCOMES",
    "AlimTalk",
    "Brand",
    "BrandTemplate",
    "Campaign",
    "CampaignInterrupted",
    "CampaignMessage",
    "CampaignProgress",
    "CampaignResult",
    "Chunk",
    "ChunkRecord",
    "ChunkResult",
    "FailedRecipient",
    "FailureSink",
    "InvalidRecipient",
    "Journal",
    "JournalMismatch",
    "RateLimiter",
    "Sms",
    "Tally",
    "arun_chunk",
    "asend_campaign",
    "chunk_from_dict",
    "chunk_to_dict",
    "run_chunk",
    "send_campaign",
]
