"""The one place campaigns touch the client's internals: build, look up, execute.

A chunk is sent with the very operation the public send methods build (same
validation, same wire body, same retry rules), and found again with the
lookup that operation carries (the same reconciliation matcher single sends
use), widened from "since this call was built" to the chunk's send window.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import Any, Protocol

import attrs

from .. import Recipient, RetryPolicy
from .._core import Context, Operation
from .._core.params import KST
from ..errors import ValidationError
from ..results import SendResult
from ..services.brand import sends as _brand
from ..services.kakao import alimtalk as _kakao
from ..services.kakao.common import MINUTE_FORMAT
from ..services.sms import sends as _sms
from ._plan import AlimTalk, Brand, BrandTemplate, Chunk, Sms

__all__ = ["build", "lookup", "valid_subset"]

#: Listings are searched from a little before the window (clock skew between
#: this machine and the provider).
SKEW = timedelta(minutes=2)
_SMS_FORMAT = "%Y-%m-%d %H:%M:%S"
# Where each service's listing takes the start of its range.
_START_KEYS = (("startCreateDate", _SMS_FORMAT), ("startRequestDate", MINUTE_FORMAT))


class _Runner(Protocol):
    @property
    def _context(self) -> Context: ...


def context(client: Any) -> Context:
    """The builders' view of ``client`` (configuration and clock)."""
    ctx: Context = client._context
    return ctx


def build(
    ctx: Context,
    chunk: Chunk,
    recipients: Sequence[Recipient],
    retry: RetryPolicy | None,
) -> Operation[SendResult]:
    """The send operation of ``chunk`` for ``recipients`` (validates; no I/O).

    Raises:
        ValidationError: the request the API would refuse for sure.
    """
    message = chunk.message
    key = chunk.grouping_key
    if isinstance(message, Sms):
        common: dict[str, Any] = {
            "sender": message.sender,
            "template_id": message.template_id,
            "params": message.params,
            "sender_grouping_key": key,
            "retry": retry,
        }
        if message.title is not None:
            long = _sms.send_ad_mms if message.ad else _sms.send_mms
            return long(ctx, recipients, message.body, title=message.title, **common)
        short = _sms.send_ad_sms if message.ad else _sms.send_sms
        return short(ctx, recipients, message.body, **common)
    if isinstance(message, AlimTalk):
        return _kakao.send_alimtalk(
            ctx,
            recipients,
            message.template_code,
            params=message.params,
            sender_key=message.sender_key,
            fallback=message.fallback,
            sender_grouping_key=key,
            idempotency_key=chunk.idempotency_key,
            retry=retry,
        )
    if isinstance(message, (Brand, BrandTemplate)):
        kakao: dict[str, Any] = {
            "targeting": message.targeting,
            "sender_key": message.sender_key,
            "is_ad": message.is_ad,
            "sender_grouping_key": key,
            "idempotency_key": chunk.idempotency_key,
            "retry": retry,
        }
        if isinstance(message, Brand):
            return _brand.send_brand_message(ctx, recipients, message.message, **kakao)
        return _brand.send_brand_template(
            ctx, recipients, message.template_code, params=message.params, **kakao
        )
    raise TypeError(f"not a campaign message: {type(message).__name__}")


def valid_subset(
    ctx: Context, chunk: Chunk, retry: RetryPolicy | None
) -> tuple[Operation[SendResult] | None, list[tuple[int, Recipient, ValidationError]]]:
    """The chunk's operation without the recipients the builder refuses alone.

    Called only after the whole chunk failed validation (a recipient's
    parameters make the text too long, a parameter is missing): each
    recipient is checked on its own with the same builder, the refused ones
    are reported, the rest are sent together. Deterministic, so a second run
    of the chunk sends (and looks up) the same subset.
    """
    keep: list[Recipient] = []
    refused: list[tuple[int, Recipient, ValidationError]] = []
    for row, recipient in zip(chunk.rows, chunk.recipients, strict=True):
        try:
            build(ctx, chunk, (recipient,), retry)
        except ValidationError as error:
            refused.append((row, recipient, error))
        else:
            keep.append(recipient)
    return (build(ctx, chunk, keep, retry) if keep else None), refused


def lookup(
    op: Operation[SendResult], chunk: Chunk, since: datetime | None
) -> Operation[SendResult | None]:
    """The operation that finds ``op`` (this chunk's send) anywhere in its window.

    Args:
        since: when an earlier run of the chunk started (a journal's
            "in flight since"), which narrows the listing; default the window
            start.
    """
    if op.lookup is None:  # every send operation carries one
        raise TypeError(f"{op.label} cannot be looked up")
    found = op.lookup()
    start = chunk.window_start if since is None else max(chunk.window_start, since)
    low = (start - SKEW).astimezone(KST).replace(tzinfo=None)
    params = dict(found.params or {})
    for key, fmt in _START_KEYS:
        if key in params:
            params[key] = low.strftime(fmt)
    return attrs.evolve(found, params=params)


def now_utc() -> datetime:
    """The current time, aware UTC (windows and journal times)."""
    return datetime.now(timezone.utc)
