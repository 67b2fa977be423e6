"""Public result types returned by the send methods.

A send returns a :class:`SendResult` as soon as the API has *accepted* the
request; acceptance is per recipient, so a successful call can still carry
recipients the API refused (an invalid number, an opted-out number). Check
:attr:`SendResult.ok` or call :meth:`SendResult.raise_for_failures`.
Delivery to the handset is reported later by the query methods and webhooks.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import attrs

from ._core.wire import opt_str

if TYPE_CHECKING:
    from .errors import APIError

__all__ = ["UNCONFIRMED", "CancelResult", "RecipientResult", "SendResult"]

#: ``RecipientResult.result_code`` of a recipient the provider did not confirm:
#: the send's answer has no result row (or a row without a result code) for
#: it, or, for a *recovered* send (see ``SendResult.recovered``), the
#: provider's listing did not show it. It is the SDK's own marker, not a
#: provider code, and it is never "accepted" (``ok`` is ``False``): the API
#: refused that recipient, or did not say — check the delivery before sending
#: to the number again.
UNCONFIRMED = -1


@attrs.frozen(slots=True)
class RecipientResult:
    """What the API answered for one recipient of a send.

    Attributes:
        number: the recipient number as the API echoed it (or as sent, when the
            API echoed none).
        seq: the API's ``recipientSeq``: the 1-based position of the
            recipient in the request (a send result always has one).
        result_code: ``0`` when the API accepted the message for this
            recipient, otherwise a negative API result code, or
            :data:`UNCONFIRMED` when the answer did not confirm the recipient.
        result_message: the API's text for ``result_code``.
        grouping_key: the ``recipientGroupingKey`` sent for this recipient.
        namespace: the code table ``result_code`` belongs to, ``"sms"`` or
            ``"kakao"``.
    """

    number: str | None
    seq: int | None
    result_code: int
    result_message: str = ""
    grouping_key: str | None = None
    namespace: str = "sms"

    @property
    def ok(self) -> bool:
        """``True`` when the API accepted the message for this recipient."""
        return self.result_code == 0

    @property
    def error(self) -> APIError | None:
        """The typed error for a refused recipient (not raised), else ``None``.

        The instance is of the class :func:`notify_sdk.errors.lookup` gives for
        ``(namespace, result_code)``, so ``isinstance(r.error, ValidationError)``
        tells an invalid number from, say, an opted-out one.
        """
        if self.result_code == 0:
            return None
        from .errors import from_code

        return from_code(self.namespace, self.result_code, self.result_message)


@attrs.frozen(slots=True)
class SendResult:
    """The outcome of one send call (one API request).

    Attributes:
        service: ``"sms"``, ``"alimtalk"``, ``"friendtalk"`` or ``"brand"``.
        request_id: the API's ``requestId``; ``None`` when a retried
            KakaoTalk send was answered with -1005 (an earlier attempt was
            accepted) and the id could not be recovered by a lookup, or when
            every recipient of a KakaoTalk send failed (-1031: nothing was
            accepted, and the API answers ``requestId: null``; ``ok`` is then
            ``False`` and each recipient carries its code).
        recipients: exactly one :class:`RecipientResult` per recipient sent, in
            request order; a recipient the answer does not confirm is
            :data:`UNCONFIRMED` (an answer that cannot be read at all raises
            :class:`~notify_sdk.errors.ProtocolError` instead).
        attempts: HTTP attempts this send took (1 when nothing was retried).
        idempotency_key: the ``X-NC-API-IDEMPOTENCY-KEY`` sent (``None`` for SMS).
        sender_grouping_key: the ``senderGroupingKey`` sent or returned; the
            SDK sets a unique one when the caller gives none, so that the send
            can be found again after an ambiguous failure.
        recovered: ``True`` when this result was not read from the send's own
            response but found again after an ambiguous failure (reconciliation
            or a -1005 replay answer); the message was sent exactly once.
        lookups: HTTP requests made to look the send up by its
            ``senderGroupingKey`` after an ambiguous failure (not counted in
            ``attempts``, which counts the sends).
        kind: what was sent: for SMS ``"sms"``, ``"lms"`` (``send_mms``
            without attachments), ``"mms"``, ``"auth"``, ``"ad-sms"``,
            ``"ad-lms"`` or ``"ad-mms"``; for KakaoTalk the ``service``. The SMS
            query methods take a ``SendResult`` and ask under its kind, so
            ``client.get_sms_delivery(client.send_mms(...), 1)`` works.
    """

    service: str
    request_id: str | None
    recipients: tuple[RecipientResult, ...]
    attempts: int = 1
    idempotency_key: str | None = None
    sender_grouping_key: str | None = None
    recovered: bool = False
    lookups: int = 0
    kind: str = attrs.field(
        default=attrs.Factory(lambda self: self.service, takes_self=True), kw_only=True
    )

    @property
    def ok(self) -> bool:
        """``True`` when the request succeeded and every recipient was accepted."""
        held = _HELD.__get__(self, SendResult)
        if type(held) is _Answer:
            return not held.failed_at
        return all(r.result_code == 0 for r in self.recipients)

    @property
    def failed(self) -> tuple[RecipientResult, ...]:
        """The recipients the API refused (result code not 0), in request order."""
        held = _HELD.__get__(self, SendResult)
        if type(held) is _Answer:
            return held.results(held.failed_at)
        return tuple(r for r in self.recipients if r.result_code != 0)

    def raise_for_failures(self) -> SendResult:
        """Return ``self`` when :attr:`ok`, else raise :class:`PartialSendError`.

        The exception holds this result (``.result``) and one typed error per
        refused recipient (``.errors``), in request order.

        Raises:
            notify_sdk.errors.PartialSendError: some recipient was refused.
        """
        failed = self.failed
        if not failed:
            return self
        from .errors import PartialSendError

        errors = [e for e in (r.error for r in failed) if e is not None]
        raise PartialSendError(self, errors)


# --- lazy per-recipient results ---------------------------------------------------
#
# A 1,000-recipient answer costs ~0.5 ms to json.loads; building its thousand
# RecipientResult objects costs more than that again, and most callers read
# only ``ok`` and ``failed``. So a send answer in the documented shape is kept
# as its parsed rows (an _Answer, checked and counted in a few C-level passes),
# and the RecipientResult objects are made when ``recipients`` is first read.
# ``recipients`` stays a plain attrs field holding a tuple for everything that
# reads it (``==``, ``hash``, ``repr``, ``attrs.evolve``, pickling): the
# descriptor below swaps the _Answer for the tuple in place on first access.

_SEQ = itemgetter("recipientSeq")
_CODE = itemgetter("resultCode")
_INT_ONLY = {int}
_new = object.__new__
_RESULT_SLOTS = RecipientResult.__dict__
_set_number = _RESULT_SLOTS["number"].__set__
_set_seq = _RESULT_SLOTS["seq"].__set__
_set_code = _RESULT_SLOTS["result_code"].__set__
_set_message = _RESULT_SLOTS["result_message"].__set__
_set_grouping = _RESULT_SLOTS["grouping_key"].__set__
_set_namespace = _RESULT_SLOTS["namespace"].__set__
_positions: dict[int, list[int]] = {}


class _Answer:
    """The result rows of a send answer in the documented shape, mapped on demand.

    Only built by :func:`lazy_recipients`, which checked that there is one
    row per recipient sent, in order (``recipientSeq`` 1..n, ints) and that
    every ``resultCode`` is an int; what a row leaves out (number, grouping
    key) comes from the request, as in the eager mapping.
    """

    __slots__ = ("failed_at", "keys", "namespace", "numbers", "rows")

    def __init__(
        self,
        rows: list[dict[str, Any]],
        numbers: Sequence[str],
        keys: Sequence[str | None],
        namespace: str,
        failed_at: list[int],
    ) -> None:
        self.rows = rows
        self.numbers = numbers
        self.keys = keys
        self.namespace = namespace
        self.failed_at = failed_at

    def results(self, positions: Sequence[int]) -> tuple[RecipientResult, ...]:
        """The RecipientResult of each position (0-based) in ``positions``."""
        rows, numbers, keys, namespace = self.rows, self.numbers, self.keys, self.namespace
        out = []
        # Slots are set directly: a frozen attrs __init__ (one object.__setattr__
        # per field) would cost more than parsing the row did.
        for position in positions:
            row = rows[position]
            result = _new(RecipientResult)
            number = row.get("recipientNo")
            if type(number) is not str or not number:
                number = opt_str(number) or numbers[position]
            message = row.get("resultMessage")
            if type(message) is not str:
                message = opt_str(message) or ""
            grouping = row.get("recipientGroupingKey") or row.get("RecipientGroupingKey")
            if grouping is None:
                grouping = keys[position]
            elif type(grouping) is not str:
                grouping = opt_str(grouping)
            _set_number(result, number)
            _set_seq(result, position + 1)
            _set_code(result, row["resultCode"])
            _set_message(result, message)
            _set_grouping(result, grouping)
            _set_namespace(result, namespace)
            out.append(result)
        return tuple(out)


def lazy_recipients(
    rows: object, numbers: Sequence[str], keys: Sequence[str | None], namespace: str
) -> _Answer | None:
    """A lazy ``recipients`` value for ``SendResult``, or ``None`` when the answer is odd.

    ``rows`` is the answer's list of per-recipient rows, ``numbers`` and
    ``keys`` the numbers and recipient grouping keys sent, in order. An
    answer in the documented shape (one dict per recipient, ``recipientSeq``
    1..n in order, every ``resultCode`` an int) gives an :class:`_Answer` whose
    failures are already known; anything else gives ``None``, and the caller
    maps the answer eagerly with its tolerant readers.
    """
    count = len(numbers)
    if type(rows) is not list or len(rows) != count or not count:
        return None
    try:
        seqs = list(map(_SEQ, rows))
        codes = list(map(_CODE, rows))
    except (KeyError, TypeError):  # a row that is no dict, or lacks one of the two
        return None
    if set(map(type, seqs)) != _INT_ONLY or set(map(type, codes)) != _INT_ONLY:
        return None
    expected = _positions.get(count)
    if expected is None:
        expected = _positions[count] = list(range(1, count + 1))
    if seqs != expected:
        return None
    failed_at = [] if codes.count(0) == count else list(compress(range(count), codes))
    return _Answer(rows, numbers, keys, namespace, failed_at)


class _Recipients:
    """``SendResult.recipients``: the slot, with an _Answer turned into its tuple on read."""

    __slots__ = ("slot",)

    def __init__(self, slot: Any) -> None:
        self.slot = slot

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:
            return self.slot
        held = self.slot.__get__(instance, owner)
        if type(held) is _Answer:
            held = held.results(range(len(held.rows)))
            self.slot.__set__(instance, held)
        return held

    def __set__(self, instance: object, value: object) -> None:
        self.slot.__set__(instance, value)

    def __delete__(self, instance: object) -> None:
        self.slot.__delete__(instance)


_HELD: Any = SendResult.__dict__["recipients"]  # the slot itself: what ok and failed peek at
setattr(SendResult, "recipients", _Recipients(_HELD))  # noqa: B010 (mypy: a slot is no attribute)


@attrs.frozen(slots=True)
class CancelResult:
    """The answer to a cancel of a scheduled send, the same type for every service.

    ``cancel_scheduled_sms``, ``cancel_alimtalk``, ``cancel_friendtalk`` and
    ``cancel_brand_message`` all return one. A cancel the API refuses (nothing
    left to cancel: already sent, or an unknown id) raises instead.

    Attributes:
        requested: how many recipients the cancel asked for: the SMS API's
            count; for KakaoTalk and Brand Message the seqs sent, or the
            accepted recipients of the ``SendResult`` given without seqs;
            ``None`` for a KakaoTalk or Brand Message cancel of every recipient
            of a bare request id (the SDK does not know how many there are).
        canceled: how many recipients are now cancelled, as the SMS API counts
            them (only those still scheduled can be); ``None`` for KakaoTalk
            and Brand Message, whose APIs answer a successful cancel with a
            header only and no count.
        service: ``"sms"``, ``"alimtalk"``, ``"friendtalk"`` or ``"brand"``.
        request_id: the ``requestId`` of the send the cancel was for.
    """

    requested: int | None
    canceled: int | None
    service: str = "sms"
    request_id: str | None = None
