"""Campaigns on Celery: one task per chunk (``pip install 'notify-sdk[celery]'``).

::

    from celery import Celery
    from notify_sdk import NotifyClient
    from notify_sdk.campaigns import Campaign, Sms
    from notify_sdk.contrib.celery import register_chunk_task, send_campaign_celery

    app = Celery("shop", broker="redis://localhost:6379/0", backend="redis://localhost:6379/1")
    run_chunk_task = register_chunk_task(app, NotifyClient)       # in the workers' module

    result = send_campaign_celery(run_chunk_task, Campaign("dec-news", Sms("...")), numbers)

The task is declared ``acks_late=True`` and ``reject_on_worker_lost=True``:
a chunk whose worker dies mid-send is redelivered, not lost. It is never
retried on an exception (only the SDK's own retry rules apply inside one
run), and every run that may follow an earlier one (the task's state in the
result backend is not ``PENDING``, or the broker marks it redelivered) looks
the chunk up by its grouping key before sending. That lookup, not the
KakaoTalk idempotency key (10 minutes), is what makes a redelivery an hour
later safe.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..campaigns import (
    DEFAULT_SETTLE_WAIT,
    Campaign,
    CampaignProgress,
    CampaignResult,
    Chunk,
    ChunkResult,
    FailedRecipient,
    FailureSink,
    InvalidRecipient,
    Tally,
    chunk_from_dict,
    chunk_to_dict,
    run_chunk,
)
from ..campaigns._results import chunk_not_sent

if TYPE_CHECKING:
    from celery import Celery, Task

    from .. import NotifyClient, Recipient

__all__ = ["TASK_NAME", "register_chunk_task", "send_campaign_celery"]

#: The default name of the chunk task.
TASK_NAME = "notify_sdk.campaigns.run_chunk"


def register_chunk_task(
    app: Celery,
    client_factory: Callable[[], NotifyClient],
    *,
    name: str = TASK_NAME,
    settle_wait: float = DEFAULT_SETTLE_WAIT,
) -> Task:
    """Declare the chunk task on ``app`` and return it.

    Call it where your workers import their tasks. Each worker process makes
    one client with ``client_factory`` on its first chunk (never before the
    pool forks) and keeps it.

    Args:
        app: your Celery application (its result backend collects results).
        client_factory: makes the :class:`~notify_sdk.NotifyClient` to send with.
        name: the task's name.
        settle_wait: see :func:`~notify_sdk.campaigns.run_chunk`.
    """
    clients: list[NotifyClient] = []

    def client() -> NotifyClient:
        if not clients:
            clients.append(client_factory())
        return clients[0]

    @app.task(  # type: ignore[untyped-decorator]
        bind=True,
        name=name,
        acks_late=True,
        reject_on_worker_lost=True,
        max_retries=0,
        autoretry_for=(),
    )
    def run_campaign_chunk(self: Task, data: dict[str, Any] | Chunk) -> dict[str, Any]:
        chunk = data if isinstance(data, Chunk) else chunk_from_dict(data)
        meta = self.backend.get_task_meta(self.request.id)
        earlier = meta.get("status", "PENDING") != "PENDING"
        redelivered = bool((self.request.delivery_info or {}).get("redelivered"))
        since: datetime | None = None
        info = meta.get("result")
        if isinstance(info, dict) and isinstance(info.get("since"), str):
            since = datetime.fromisoformat(info["since"])
        started = since or datetime.now().astimezone()
        # Recorded before the send: a redelivery of this task then knows it
        # may have been sent, and since when.
        self.update_state(state="STARTED", meta={"since": started.isoformat()})
        result = run_chunk(
            client(),
            chunk,
            may_have_been_sent=earlier or redelivered,
            since=since,
            settle_wait=settle_wait,
        )
        return result.to_dict()

    return run_campaign_chunk


def send_campaign_celery(
    task: Task,
    campaign: Campaign,
    recipients: Iterable[str | Recipient],
    *,
    failures: str | os.PathLike[str] | Callable[[FailedRecipient], object] | None = None,
    progress: Callable[[CampaignProgress], object] | None = None,
    timeout: float | None = None,
    serializer: str = "json",
) -> CampaignResult:
    """Plan ``campaign``, queue one task per chunk, and collect the results.

    Task ids are ``"<campaign id>.<chunk index>"``: calling this again for the
    same campaign (after the caller crashed, say) queues the same tasks, and
    each one finds its chunk sent (by the result backend and the listing)
    instead of sending it twice (while the result backend keeps the
    results: Celery's ``result_expires``, a day by default).

    Args:
        task: the task :func:`register_chunk_task` returned.
        campaign: the :class:`~notify_sdk.campaigns.Campaign`.
        recipients: numbers or recipients, any iterable (streamed).
        failures: where failed recipients go (see ``send_campaign``).
        progress: called with a :class:`~notify_sdk.campaigns.CampaignProgress`
            after each chunk's result arrives.
        timeout: seconds to wait for each chunk's result; ``None``: no limit.
        serializer: ``"json"`` (default: every campaign message has a JSON
            form, see :func:`~notify_sdk.campaigns.chunk_to_dict`; only
            ``BrandRecipient`` recipients need pickle) or ``"pickle"`` (the
            app must accept pickle).

    Returns:
        The same :class:`~notify_sdk.campaigns.CampaignResult` as ``send_campaign``.
    """
    tally = Tally(campaign.campaign_id, FailureSink(failures), progress)
    queued: list[tuple[Any, Chunk]] = []
    for item in campaign.plan(recipients):
        if isinstance(item, InvalidRecipient):
            tally.invalid(item)
            continue
        payload: object = chunk_to_dict(item) if serializer == "json" else item
        async_result = task.apply_async(
            args=(payload,), task_id=item.grouping_key, serializer=serializer
        )
        queued.append((async_result, item))
    for async_result, chunk in queued:
        data = async_result.get(timeout=timeout, propagate=False)
        if async_result.successful() and isinstance(data, dict):
            tally.chunk(ChunkResult.from_dict(data))
        else:
            # The task raised (a bug, not an API failure): whether it sent is
            # unknown, so say so rather than count the chunk as failed.
            tally.chunk(
                chunk_not_sent(
                    chunk, "unknown", type(data).__name__, f"the chunk task failed: {data!r}", []
                )
            )
    return tally.result()
