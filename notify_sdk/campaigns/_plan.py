"""A campaign planned as pure data: messages, recipients, chunks and their keys.

Nothing here does I/O. :meth:`Campaign.plan` turns a stream of recipients
into :class:`Chunk` descriptions (and :class:`InvalidRecipient` rows) one at
a time, so a million recipients are never in memory at once; the same inputs
always give the same chunks, keys and windows, which is what lets a chunk be
found again after a crash and run a second time without sending twice.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator, Mapping
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeAlias

import attrs

from .. import Recipient, SmsFallback
from .._core.params import MAX_RECIPIENTS, normalize_number, normalize_recipients
from ..errors import ValidationError

if TYPE_CHECKING:
    from .. import brand

__all__ = [
    "AlimTalk",
    "Brand",
    "BrandTemplate",
    "Campaign",
    "CampaignMessage",
    "Chunk",
    "InvalidRecipient",
    "Sms",
    "chunk_from_dict",
    "chunk_to_dict",
]

#: ``senderGroupingKey`` is at most 100 characters; the campaign id leaves
#: room for ``"." + chunk index``.
CAMPAIGN_ID_MAX = 64
_CAMPAIGN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")
#: The longest send window: the providers list a range of at most 31 days, and
#: reconciliation must list the whole window in one range.
MAX_SEND_WINDOW = timedelta(days=30)


@attrs.frozen(slots=True)
class Sms:
    """An SMS or LMS campaign message (``send_sms`` / ``send_mms`` per chunk).

    Args:
        body: the text; ``##key##`` placeholders are filled from ``params``
            and each recipient's ``Recipient.params``. ``None`` with
            ``template_id`` uses the template's body.
        title: the subject; giving one sends an LMS (``send_mms``).
        sender: the registered sender number; default the client's.
        template_id: a registered SMS template.
        params: template parameters shared by every recipient.
        ad: send as an advertisement (``send_ad_sms`` / ``send_ad_mms``); the
            body must carry the ad prefix and the free opt-out line.
    """

    body: str | None
    title: str | None = attrs.field(default=None, kw_only=True)
    sender: str | None = attrs.field(default=None, kw_only=True)
    template_id: str | None = attrs.field(default=None, kw_only=True)
    params: Mapping[str, str] | None = attrs.field(default=None, kw_only=True)
    ad: bool = attrs.field(default=False, kw_only=True)

    #: The ``SendResult.service`` of this message's sends.
    service: ClassVar[str] = "sms"


@attrs.frozen(slots=True)
class AlimTalk:
    """An AlimTalk campaign message (``send_alimtalk`` per chunk).

    Args:
        template_code: the approved template.
        params: template parameters shared by every recipient
            (``Recipient.params`` override them per recipient).
        sender_key: the sender profile key; default the client's.
        fallback: SMS fallback when the KakaoTalk message fails (``True``
            lets the provider build it).
    """

    template_code: str
    params: Mapping[str, str] | None = attrs.field(default=None, kw_only=True)
    sender_key: str | None = attrs.field(default=None, kw_only=True)
    fallback: SmsFallback | bool | None = attrs.field(default=None, kw_only=True)

    service: ClassVar[str] = "alimtalk"


@attrs.frozen(slots=True)
class Brand:
    """A free-form Brand Message campaign (``send_brand_message`` per chunk).

    Args:
        message: one of the :mod:`notify_sdk.brand` bubble models.
        targeting: ``"I"`` (channel friends among the recipients, default),
            ``"M"`` or ``"N"``.
        sender_key: the sender profile key; default the client's.
        is_ad: whether the message is an advertisement (the API's default).
    """

    message: brand.BrandMessage
    targeting: Literal["M", "N", "I"] = attrs.field(default="I", kw_only=True)
    sender_key: str | None = attrs.field(default=None, kw_only=True)
    is_ad: bool = attrs.field(default=True, kw_only=True)

    service: ClassVar[str] = "brand"


@attrs.frozen(slots=True)
class BrandTemplate:
    """A Brand Message template campaign (``send_brand_template`` per chunk).

    Args:
        template_code: the Brand Message template.
        params: template variables shared by every recipient
            (``Recipient.params`` override them).
        targeting: ``"I"`` (default), ``"M"`` or ``"N"``.
        sender_key: the sender profile key; default the client's.
        is_ad: whether the message is an advertisement.
    """

    template_code: str
    params: Mapping[str, str] | None = attrs.field(default=None, kw_only=True)
    targeting: Literal["M", "N", "I"] = attrs.field(default="I", kw_only=True)
    sender_key: str | None = attrs.field(default=None, kw_only=True)
    is_ad: bool = attrs.field(default=True, kw_only=True)

    service: ClassVar[str] = "brand"


#: What a campaign can send.
CampaignMessage: TypeAlias = Sms | AlimTalk | Brand | BrandTemplate
_MESSAGE_TYPES = (Sms, AlimTalk, Brand, BrandTemplate)


@attrs.frozen(slots=True)
class InvalidRecipient:
    """An input row refused before anything was sent.

    Attributes:
        row: the row's position in the recipient stream, from 1.
        number: the number as given (``repr`` of the value when it is not a str).
        reason: why it was refused (the ``ValidationError`` text).
        field: the parameter the error names.
    """

    row: int
    number: str
    reason: str
    field: str | None = None


@attrs.frozen(slots=True)
class Chunk:
    """One request's worth of a campaign: a plain, picklable description.

    Any engine can carry it (a thread, a Celery task, an RQ job) and run it
    with :func:`~notify_sdk.campaigns.run_chunk`; running it twice does not
    send twice, because the second run finds the first by ``grouping_key``.

    Attributes:
        campaign_id: the campaign it belongs to.
        index: its position among the campaign's chunks, from 0.
        message: what is sent.
        recipients: up to 1,000 validated recipients.
        rows: each recipient's input row number (same order as ``recipients``).
        grouping_key: the ``senderGroupingKey`` sent: ``"<campaign_id>.<index>"``.
        idempotency_key: the KakaoTalk ``X-NC-API-IDEMPOTENCY-KEY`` (derived
            from the campaign, the message and the index); ``None`` for SMS.
        window_start, window_end: when this chunk may be sent (aware UTC).
            A run outside the window never sends; reconciliation lists the
            whole window, so a send inside it is always found.
    """

    campaign_id: str
    index: int
    message: CampaignMessage
    recipients: tuple[Recipient, ...]
    rows: tuple[int, ...]
    grouping_key: str
    idempotency_key: str | None
    window_start: datetime
    window_end: datetime

    @property
    def size(self) -> int:
        """How many recipients the chunk carries."""
        return len(self.recipients)


def _fingerprint(campaign_id: str, message: CampaignMessage, chunk_size: int) -> str:
    # attrs reprs are deterministic: the same campaign always hashes the same.
    text = f"{campaign_id}\n{chunk_size}\n{message!r}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Campaign:
    """A campaign: one message, many recipients, planned into chunks.

    A ``Campaign`` is pure data and does no I/O; run it with
    :func:`~notify_sdk.campaigns.send_campaign` (threads),
    :func:`~notify_sdk.campaigns.asend_campaign` (asyncio) or the Celery
    adapter (:mod:`notify_sdk.contrib.celery`), or hand its chunks to any
    engine and :func:`~notify_sdk.campaigns.run_chunk`.

    Args:
        campaign_id: your stable name for this campaign, 1-64 characters of
            ``A-Z a-z 0-9 _ . : -``. Every chunk's ``senderGroupingKey`` is
            derived from it: use a new id for a new campaign, the same id to
            resume one.
        message: an :class:`Sms`, :class:`AlimTalk`, :class:`Brand` or
            :class:`BrandTemplate`.
        chunk_size: recipients per request, 1..1,000.
        started_at: the start of the send window (aware, or naive UTC);
            default now. A journal keeps it, so a resumed campaign has the
            windows of its first run.
        send_window: how long after ``started_at`` chunks may still be sent,
            at most 30 days (reconciliation lists the window in one range).

    Raises:
        ValidationError: a bad campaign id, message, size or window.
    """

    def __init__(
        self,
        campaign_id: str,
        message: CampaignMessage,
        *,
        chunk_size: int = MAX_RECIPIENTS,
        started_at: datetime | None = None,
        send_window: timedelta = timedelta(days=7),
    ) -> None:
        if not isinstance(campaign_id, str) or _CAMPAIGN_ID.fullmatch(campaign_id) is None:
            raise ValidationError(
                "campaign_id must be 1-64 characters of A-Z a-z 0-9 _ . : - (it becomes "
                f"part of each chunk's senderGroupingKey), not {campaign_id!r}",
                field="campaign_id",
            )
        if not isinstance(message, _MESSAGE_TYPES):
            raise ValidationError(
                "message must be a campaigns.Sms, AlimTalk, Brand or BrandTemplate, not "
                f"{type(message).__name__}",
                field="message",
            )
        if (
            not isinstance(chunk_size, int)
            or isinstance(chunk_size, bool)
            or not 1 <= chunk_size <= MAX_RECIPIENTS
        ):
            raise ValidationError(
                f"chunk_size must be an int from 1 to {MAX_RECIPIENTS}", field="chunk_size"
            )
        if not timedelta(0) < send_window <= MAX_SEND_WINDOW:
            raise ValidationError(
                "send_window must be positive and at most 30 days", field="send_window"
            )
        start = started_at or datetime.now(timezone.utc)
        if start.tzinfo is None:
            start = start.replace(tzinfo=timezone.utc)
        self.campaign_id = campaign_id
        self.message = message
        self.chunk_size = chunk_size
        self.started_at = start.astimezone(timezone.utc)
        self.send_window = send_window
        #: A digest of the id, message and chunk size; a journal refuses to
        #: resume a campaign whose fingerprint differs.
        self.fingerprint = _fingerprint(campaign_id, message, chunk_size)

    def __repr__(self) -> str:
        return (
            f"Campaign({self.campaign_id!r}, {type(self.message).__name__}, "
            f"chunk_size={self.chunk_size})"
        )

    def evolve(self, *, started_at: datetime) -> Campaign:
        """The same campaign with another window start (what a journal restores)."""
        return Campaign(
            self.campaign_id,
            self.message,
            chunk_size=self.chunk_size,
            started_at=started_at,
            send_window=self.send_window,
        )

    def grouping_key(self, index: int) -> str:
        """The ``senderGroupingKey`` of chunk ``index`` (at most 100 characters)."""
        return f"{self.campaign_id}.{index}"

    def idempotency_key(self, index: int) -> str | None:
        """The KakaoTalk idempotency key of chunk ``index``; ``None`` for SMS."""
        if isinstance(self.message, Sms):
            return None
        return hashlib.sha256(f"{self.fingerprint}:{index}".encode()).hexdigest()[:40]

    def chunk(self, index: int, recipients: tuple[Recipient, ...], rows: tuple[int, ...]) -> Chunk:
        """The chunk ``index`` carrying ``recipients`` (already validated)."""
        return Chunk(
            campaign_id=self.campaign_id,
            index=index,
            message=self.message,
            recipients=recipients,
            rows=rows,
            grouping_key=self.grouping_key(index),
            idempotency_key=self.idempotency_key(index),
            window_start=self.started_at,
            window_end=self.started_at + self.send_window,
        )

    def plan(self, recipients: Iterable[str | Recipient]) -> Iterator[Chunk | InvalidRecipient]:
        """Validate ``recipients`` one by one and pack the valid ones into chunks.

        Streams: a chunk is yielded as soon as it is full, an invalid row as
        soon as it is read.

        Args:
            recipients: phone numbers or :class:`~notify_sdk.Recipient` objects,
                from any iterable (a list, a generator, a CSV reader mapped to
                recipients, a database cursor).

        Yields:
            :class:`Chunk` and :class:`InvalidRecipient`, in input order.
        """
        packer = _Packer(self)
        for row, item in enumerate(recipients, start=1):
            yield from packer.add(row, item)
        yield from packer.flush()

    async def aplan(
        self, recipients: Iterable[str | Recipient] | AsyncIterable[str | Recipient]
    ) -> AsyncIterator[Chunk | InvalidRecipient]:
        """:meth:`plan` over an iterable or an async iterable (``async for``)."""
        packer = _Packer(self)
        if isinstance(recipients, AsyncIterable):
            row = 0
            async for item in recipients:
                row += 1
                for out in packer.add(row, item):
                    yield out
        else:
            for row, item in enumerate(recipients, start=1):
                for out in packer.add(row, item):
                    yield out
        for out in packer.flush():
            yield out


def _as_text(value: object) -> str:
    if isinstance(value, Recipient):
        value = value.number
    return value if isinstance(value, str) else repr(value)


class _Packer:
    """Validates one recipient at a time and fills chunks (shared by plan and aplan)."""

    __slots__ = ("campaign", "index", "recipients", "rows")

    def __init__(self, campaign: Campaign) -> None:
        self.campaign = campaign
        self.index = 0
        self.recipients: list[Recipient] = []
        self.rows: list[int] = []

    def add(self, row: int, item: object) -> list[Chunk | InvalidRecipient]:
        try:
            if type(item) is str:
                # The common case; Recipient(...) after the number check is
                # what normalize_recipients would build, at a third of the cost.
                recipient = Recipient(normalize_number(item))
            else:
                (recipient,) = normalize_recipients((item,))
        except ValidationError as error:
            return [InvalidRecipient(row, _as_text(item), str(error), error.field)]
        self.recipients.append(recipient)
        self.rows.append(row)
        if len(self.recipients) >= self.campaign.chunk_size:
            return self.flush()
        return []

    def flush(self) -> list[Chunk | InvalidRecipient]:
        if not self.recipients:
            return []
        chunk = self.campaign.chunk(self.index, tuple(self.recipients), tuple(self.rows))
        self.index += 1
        self.recipients = []
        self.rows = []
        return [chunk]


# --- JSON form, for task queues that carry JSON ------------------------------------

_JSON_MESSAGES: dict[str, type[Sms | AlimTalk | BrandTemplate]] = {
    "Sms": Sms,
    "AlimTalk": AlimTalk,
    "BrandTemplate": BrandTemplate,
}


def _fallback_to_json(value: SmsFallback | bool | None) -> object:
    return attrs.asdict(value) if isinstance(value, SmsFallback) else value


def _fallback_from_json(value: object) -> SmsFallback | bool | None:
    if isinstance(value, dict):
        return SmsFallback(**value)
    return value if isinstance(value, bool) else None


def chunk_to_dict(chunk: Chunk) -> dict[str, object]:
    """A JSON-ready form of ``chunk`` (what a task queue's JSON serializer carries).

    Raises:
        TypeError: the chunk holds what JSON cannot carry: a free-form
            :class:`Brand` message (its bubble models) or recipients of a
            ``Recipient`` subclass. Send such chunks with a pickle serializer.
    """
    message = chunk.message
    name = type(message).__name__
    if name not in _JSON_MESSAGES:
        raise TypeError(f"a {name} campaign message has no JSON form; use a pickle serializer")
    fields = attrs.asdict(message, recurse=False)
    if "fallback" in fields:
        fields["fallback"] = _fallback_to_json(fields["fallback"])
    if fields.get("params") is not None:
        fields["params"] = dict(fields["params"])
    recipients = []
    for r in chunk.recipients:
        if type(r) is not Recipient:
            raise TypeError(f"{type(r).__name__} recipients have no JSON form; use pickle")
        recipients.append(
            [
                r.number,
                r.country_code,
                dict(r.params) if r.params else None,
                r.grouping_key,
                _fallback_to_json(r.fallback),
            ]
        )
    return {
        "campaign_id": chunk.campaign_id,
        "index": chunk.index,
        "message": {"type": name, **fields},
        "recipients": recipients,
        "rows": list(chunk.rows),
        "grouping_key": chunk.grouping_key,
        "idempotency_key": chunk.idempotency_key,
        "window_start": chunk.window_start.isoformat(),
        "window_end": chunk.window_end.isoformat(),
    }


def chunk_from_dict(data: Mapping[str, Any]) -> Chunk:
    """The inverse of :func:`chunk_to_dict`."""
    fields = dict(data["message"])
    kind = _JSON_MESSAGES[fields.pop("type")]
    if "fallback" in fields:
        fields["fallback"] = _fallback_from_json(fields["fallback"])
    message = kind(**fields)
    recipients = tuple(
        Recipient(
            number,
            country_code=country,
            params=params,
            grouping_key=grouping,
            fallback=_fallback_from_json(fallback),
        )
        for number, country, params, grouping, fallback in data["recipients"]
    )
    return Chunk(
        campaign_id=str(data["campaign_id"]),
        index=int(data["index"]),
        message=message,
        recipients=recipients,
        rows=tuple(data["rows"]),
        grouping_key=str(data["grouping_key"]),
        idempotency_key=data["idempotency_key"],
        window_start=datetime.fromisoformat(str(data["window_start"])),
        window_end=datetime.fromisoformat(str(data["window_end"])),
    )
