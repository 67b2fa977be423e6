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
from itertools import islice
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeAlias

import attrs

from .. import Recipient, SmsFallback
from .._core.params import (
    KST,
    MAX_RECIPIENTS,
    checked_numbers,
    normalize_number,
    normalize_recipients,
)
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
        recipients: up to 1,000 validated recipients: a number given as a
            plain string stays a (normalised) ``str``, so that the send
            builder takes its bulk path; a :class:`~notify_sdk.Recipient`
            given with per-recipient options stays one.
        rows: each recipient's input row number (same order as ``recipients``).
        grouping_key: the ``senderGroupingKey`` sent: ``"<campaign_id>.<index>"``.
        idempotency_key: the KakaoTalk ``X-NC-API-IDEMPOTENCY-KEY`` (derived
            from the campaign, the message and the index); ``None`` for SMS.
        window_start, window_end: when this chunk may be sent (aware UTC).
            A run outside the window never sends; reconciliation lists the
            whole window, so a send inside it is always found.
        scheduled_at: the campaign's schedule (aware UTC): the request asks
            the provider to deliver at that time; ``None`` sends at once.
    """

    campaign_id: str
    index: int
    message: CampaignMessage
    recipients: tuple[str | Recipient, ...]
    rows: tuple[int, ...]
    grouping_key: str
    idempotency_key: str | None
    window_start: datetime
    window_end: datetime
    scheduled_at: datetime | None = None

    @property
    def size(self) -> int:
        """How many recipients the chunk carries."""
        return len(self.recipients)


def _fingerprint(
    campaign_id: str, message: CampaignMessage, chunk_size: int, scheduled_at: datetime | None
) -> str:
    # attrs reprs are deterministic: the same campaign always hashes the same.
    text = f"{campaign_id}\n{chunk_size}\n{message!r}"
    if scheduled_at is not None:  # unscheduled campaigns keep their earlier fingerprint
        text += f"\n{scheduled_at.isoformat()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _schedule(value: object, start: datetime) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        raise ValidationError(
            f"scheduled_at must be a datetime, not {type(value).__name__}", field="scheduled_at"
        )
    when = value.replace(tzinfo=KST) if value.tzinfo is None else value
    when = when.astimezone(timezone.utc)
    if when <= start:
        raise ValidationError(
            f"scheduled_at {when:%Y-%m-%d %H:%M} UTC is not after the campaign's start "
            f"({start:%Y-%m-%d %H:%M} UTC): a schedule must be in the future",
            field="scheduled_at",
        )
    return when


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
        scheduled_at: deliver the whole campaign at this time instead of at
            once (naive means Korea time, as in the send methods; the
            services accept up to 60 days ahead). Every chunk's request
            carries it, and the send window ends there: a chunk not sent
            before its schedule is never sent late (``outside-window``),
            while one that may have been sent is still looked up.

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
        scheduled_at: datetime | None = None,
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
        #: The schedule (aware UTC), or ``None``.
        self.scheduled_at = _schedule(scheduled_at, self.started_at)
        #: A digest of the id, message, chunk size and schedule; a journal
        #: refuses to resume a campaign whose fingerprint differs.
        self.fingerprint = _fingerprint(campaign_id, message, chunk_size, self.scheduled_at)

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
            scheduled_at=self.scheduled_at,
        )

    def grouping_key(self, index: int) -> str:
        """The ``senderGroupingKey`` of chunk ``index`` (at most 100 characters)."""
        return f"{self.campaign_id}.{index}"

    def idempotency_key(self, index: int) -> str | None:
        """The KakaoTalk idempotency key of chunk ``index``; ``None`` for SMS."""
        if isinstance(self.message, Sms):
            return None
        return hashlib.sha256(f"{self.fingerprint}:{index}".encode()).hexdigest()[:40]

    def chunk(
        self, index: int, recipients: tuple[str | Recipient, ...], rows: tuple[int, ...]
    ) -> Chunk:
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
            window_end=self.window_end,
            scheduled_at=self.scheduled_at,
        )

    @property
    def window_end(self) -> datetime:
        """When chunks stop being sent: the window's end, or the schedule if earlier."""
        end = self.started_at + self.send_window
        return end if self.scheduled_at is None else min(end, self.scheduled_at)

    def plan(self, recipients: Iterable[str | Recipient]) -> Iterator[Chunk | InvalidRecipient]:
        """Validate ``recipients`` one by one and pack the valid ones into chunks.

        Streams: at most one chunk's worth of input is read ahead; a chunk
        is yielded as soon as it is full, an invalid row with the chunk's
        worth of input it was read in.

        Args:
            recipients: phone numbers or :class:`~notify_sdk.Recipient` objects,
                from any iterable (a list, a generator, a CSV reader mapped to
                recipients, a database cursor).

        Yields:
            :class:`Chunk` and :class:`InvalidRecipient`, in input order.
        """
        return _Packer(self).feed(recipients)

    async def aplan(
        self, recipients: Iterable[str | Recipient] | AsyncIterable[str | Recipient]
    ) -> AsyncIterator[Chunk | InvalidRecipient]:
        """:meth:`plan` over an iterable or an async iterable (``async for``)."""
        packer = _Packer(self)
        if not isinstance(recipients, AsyncIterable):
            for out in packer.feed(recipients):
                yield out
            return
        row = 0
        async for item in recipients:
            row += 1
            for out in packer.add(row, item):
                yield out
        for out in packer.flush():
            yield out


def _as_text(value: object) -> str:
    if isinstance(value, Recipient):
        value = value.number
    return value if isinstance(value, str) else repr(value)


def number_of(recipient: str | Recipient) -> str:
    """The phone number of a chunk's recipient (a plain number or a ``Recipient``)."""
    return recipient if isinstance(recipient, str) else recipient.number


class _Packer:
    """Validates recipients and fills chunks (shared by plan and aplan)."""

    __slots__ = ("campaign", "index", "recipients", "row", "rows")

    def __init__(self, campaign: Campaign) -> None:
        self.campaign = campaign
        self.index = 0
        self.row = 0
        self.recipients: list[str | Recipient] = []
        self.rows: list[int] = []

    def feed(self, items: Iterable[object]) -> Iterator[Chunk | InvalidRecipient]:
        """Plan every item of ``items``, then the last partial chunk."""
        size = self.campaign.chunk_size
        source = iter(items)
        while True:
            batch = list(islice(source, size - len(self.recipients)))
            if not batch:
                break
            first = self.row + 1
            self.row += len(batch)
            # The common case, a chunk's worth of clean numbers: one regex pass
            # over them all (the check of the SMS builder's bulk path), no
            # per-number call and no Recipient object; the chunk carries them
            # as CheckedNumbers, which the builder does not check again.
            clean = None if self.recipients else checked_numbers(batch)
            if clean is not None:
                yield self._emit(clean, tuple(range(first, self.row + 1)))
                continue
            for row, item in enumerate(batch, start=first):
                yield from self.add(row, item)
        yield from self.flush()

    def add(self, row: int, item: object) -> list[Chunk | InvalidRecipient]:
        """Validate the item of input row ``row``; a chunk when it fills one."""
        recipient: str | Recipient
        try:
            if type(item) is str:
                recipient = normalize_number(item)
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
        """The chunk of the recipients so far, if any."""
        if not self.recipients:
            return []
        chunk = self._emit(tuple(self.recipients), tuple(self.rows))
        self.recipients = []
        self.rows = []
        return [chunk]

    def _emit(self, recipients: tuple[str | Recipient, ...], rows: tuple[int, ...]) -> Chunk:
        chunk = self.campaign.chunk(self.index, recipients, rows)
        self.index += 1
        return chunk


# --- JSON form, for task queues that carry JSON ------------------------------------

_JSON_MESSAGES: dict[str, type[CampaignMessage]] = {
    cls.__name__: cls for cls in (Sms, AlimTalk, Brand, BrandTemplate)
}


def _fallback_to_json(value: SmsFallback | bool | None) -> object:
    return attrs.asdict(value) if isinstance(value, SmsFallback) else value


def _fallback_from_json(value: object) -> SmsFallback | bool | None:
    if isinstance(value, dict):
        return SmsFallback(**value)
    return value if isinstance(value, bool) else None


def _message_to_json(message: CampaignMessage) -> dict[str, object]:
    fields = attrs.asdict(message, recurse=False)
    if isinstance(message, Brand):
        from ..brand import message_to_dict

        fields["message"] = message_to_dict(message.message)
    if "fallback" in fields:
        fields["fallback"] = _fallback_to_json(fields["fallback"])
    if fields.get("params") is not None:
        fields["params"] = dict(fields["params"])
    return {"type": type(message).__name__, **fields}


def _message_from_json(data: Mapping[str, Any]) -> CampaignMessage:
    fields = dict(data)
    kind = _JSON_MESSAGES[fields.pop("type")]
    if kind is Brand:
        from ..brand import message_from_dict

        fields["message"] = message_from_dict(fields["message"])
    if "fallback" in fields:
        fields["fallback"] = _fallback_from_json(fields["fallback"])
    message: CampaignMessage = kind(**fields)
    return message


def chunk_to_dict(chunk: Chunk) -> dict[str, object]:
    """A JSON-ready form of ``chunk`` (what a task queue's JSON serializer carries).

    Every campaign message has one; a :class:`Brand` message's bubble is
    written with :func:`notify_sdk.brand.message_to_dict`.

    Raises:
        TypeError: the chunk holds recipients of a ``Recipient`` subclass
            (``BrandRecipient``): send such chunks with a pickle serializer.
    """
    recipients: list[object] = []
    for r in chunk.recipients:
        if type(r) is str:
            recipients.append(r)
            continue
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
        "message": _message_to_json(chunk.message),
        "recipients": recipients,
        "rows": list(chunk.rows),
        "grouping_key": chunk.grouping_key,
        "idempotency_key": chunk.idempotency_key,
        "window_start": chunk.window_start.isoformat(),
        "window_end": chunk.window_end.isoformat(),
        "scheduled_at": None if chunk.scheduled_at is None else chunk.scheduled_at.isoformat(),
    }


def _recipient_from_json(item: list[Any]) -> Recipient:
    number, country, params, grouping, fallback = item
    return Recipient(
        number,
        country_code=country,
        params=params,
        grouping_key=grouping,
        fallback=_fallback_from_json(fallback),
    )


def chunk_from_dict(data: Mapping[str, Any]) -> Chunk:
    """The inverse of :func:`chunk_to_dict`."""
    message = _message_from_json(data["message"])
    recipients = tuple(
        item if isinstance(item, str) else _recipient_from_json(item) for item in data["recipients"]
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
        scheduled_at=_time(data.get("scheduled_at")),
    )


def _time(value: object) -> datetime | None:
    return None if value is None else datetime.fromisoformat(str(value))
