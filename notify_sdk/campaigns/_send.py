"""The one place campaigns touch the client: build a chunk's send and its lookup.

A chunk is sent with the very operation the public send methods build (same
validation, same wire body, same retry rules), and found again with the
lookup that operation carries (the same reconciliation matcher single sends
use), widened from "since this call was built" to the chunk's send window.
Both come from :mod:`notify_sdk.services.chunk_sends`, the services' one
entry point for this; the runner executes them with the client's
``_execute`` (the ``SyncRunner`` / ``AsyncRunner`` protocol).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

import attrs

from .. import Recipient, RetryPolicy
from .._core import Context, Operation
from .._core.params import KST
from ..errors import ValidationError
from ..results import SendResult
from ..services.chunk_sends import lookup_since, send_operation
from ._plan import AlimTalk, Brand, BrandTemplate, Chunk, Sms

__all__ = ["build", "context", "lookup", "now_utc", "valid_subset"]


def context(client: Any) -> Context:
    """The builders' view of ``client`` (the ``SyncRunner`` / ``AsyncRunner`` protocol)."""
    ctx: Context = client._context
    return ctx


def lookup_context(ctx: Context, chunk: Chunk) -> Context:
    """The context to rebuild ``chunk``'s send with, only to look it up.

    A scheduled chunk's request is refused once its schedule has passed, yet
    a run after that time must still find an earlier run's send: it is
    rebuilt as of the window start, when the schedule was valid (the wire
    body, and so what the lookup matches, does not depend on the clock).
    """
    if chunk.scheduled_at is None:
        return ctx
    start = chunk.window_start
    return attrs.evolve(ctx, clock=lambda: start)


def build(
    ctx: Context,
    chunk: Chunk,
    recipients: Sequence[str | Recipient],
    retry: RetryPolicy | None,
) -> Operation[SendResult]:
    """The send operation of ``chunk`` for ``recipients`` (validates; no I/O).

    Raises:
        ValidationError: the request the API would refuse for sure.
    """
    message = chunk.message
    common: dict[str, Any] = {
        "sender_grouping_key": chunk.grouping_key,
        "scheduled_at": chunk.scheduled_at,
        "retry": retry,
    }
    if isinstance(message, Sms):
        common.update(sender=message.sender, template_id=message.template_id, params=message.params)
        if message.title is not None:
            method = "send_ad_mms" if message.ad else "send_mms"
            common["title"] = message.title
        else:
            method = "send_ad_sms" if message.ad else "send_sms"
        return send_operation(ctx, method, recipients, message.body, **common)
    common["idempotency_key"] = chunk.idempotency_key
    if isinstance(message, AlimTalk):
        return send_operation(
            ctx,
            "send_alimtalk",
            recipients,
            message.template_code,
            params=message.params,
            sender_key=message.sender_key,
            fallback=message.fallback,
            **common,
        )
    if isinstance(message, (Brand, BrandTemplate)):
        common.update(
            targeting=message.targeting, sender_key=message.sender_key, is_ad=message.is_ad
        )
        if isinstance(message, Brand):
            return send_operation(ctx, "send_brand_message", recipients, message.message, **common)
        return send_operation(
            ctx,
            "send_brand_template",
            recipients,
            message.template_code,
            params=message.params,
            **common,
        )
    raise TypeError(f"not a campaign message: {type(message).__name__}")


def valid_subset(
    ctx: Context, chunk: Chunk, retry: RetryPolicy | None
) -> tuple[Operation[SendResult] | None, list[tuple[int, str | Recipient, ValidationError]]]:
    """The chunk's operation without the recipients the builder refuses alone.

    Called only after the whole chunk failed validation (a recipient's
    parameters make the text too long, a parameter is missing): each
    recipient is checked on its own with the same builder, the refused ones
    are reported, the rest are sent together. Deterministic, so a second run
    of the chunk sends (and looks up) the same subset.
    """
    keep: list[str | Recipient] = []
    refused: list[tuple[int, str | Recipient, ValidationError]] = []
    for row, recipient in zip(chunk.rows, chunk.recipients, strict=True):
        try:
            build(ctx, chunk, (recipient,), retry)
        except ValidationError as error:
            refused.append((row, recipient, error))
        else:
            keep.append(recipient)
    return (build(ctx, chunk, keep, retry) if keep else None), refused


def lookup(
    ctx: Context, op: Operation[SendResult], chunk: Chunk, since: datetime | None
) -> Operation[SendResult | None]:
    """The operation that finds ``op`` (this chunk's send) anywhere in its window.

    Args:
        since: when an earlier run of the chunk started (a journal's
            "in flight since"), which narrows the listing; default the window
            start.
    """
    start = chunk.window_start if since is None else max(chunk.window_start, since)
    return lookup_since(op, start, until=now_utc(ctx))


def now_utc(ctx: Context | None = None) -> datetime:
    """The current time, aware UTC: ``ctx``'s clock (windows), else the system's (journal)."""
    if ctx is None:
        return datetime.now(timezone.utc)
    now = ctx.clock()
    return now.replace(tzinfo=KST) if now.tzinfo is None else now
