"""Per-recipient results of a send: from its answer, or from a listing found again.

:func:`answered_recipients` reads a send's own answer for every service: one
:class:`RecipientResult` per recipient sent, in request order, and
:data:`UNCONFIRMED` for a recipient the answer does not confirm (no row, a row
without a result code, a row that cannot be placed). An answer never makes up
an "accepted" the provider did not say.

The rest of the module turns a listing found by ``senderGroupingKey`` into the
result of a send.

After an ambiguous failure the drivers look a send up by the unique
``senderGroupingKey`` it carried (SMS, AlimTalk, FriendTalk, Brand Message
alike). This module decides, from the listed rows, whether the send is there
and what each recipient's result was; every service's lookup parser calls it,
so the rules are written once:

* Only a request whose listed numbers are numbers of *this* send counts, and,
  where the listing echoes what was sent (the SMS text, the template code,
  the Brand Message bubble type), only one that sent the same. A caller who
  reuses their own ``sender_grouping_key`` could otherwise make the SDK
  adopt an earlier, different send and silently drop this one.
* More than one such request: which one was ours cannot be told, so the
  lookup fails (the driver then reports the send as ambiguous, never resends).
* Recipients are reported in request order; a recipient the listing does not
  show gets :data:`UNCONFIRMED`, never "accepted": the API refused it, or has
  not listed it yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from ..errors import ProtocolError
from ..results import UNCONFIRMED, RecipientResult, SendResult

__all__ = ["UNCONFIRMED", "AnsweredRow", "ListedRow", "answered_recipients", "recovered_result"]

_ACCEPTED_TEXT = "accepted (found again by its senderGroupingKey after an ambiguous failure)"
_UNCONFIRMED_TEXT = (
    "not in the provider's listing after an ambiguous failure: refused by the API or not "
    "listed yet; check before sending to this number again"
)


_NOT_CONFIRMED_TEXT = (
    "the API's answer did not confirm this recipient (no result row or no result code): "
    "check before sending to this number again"
)

#: One row of a send answer: ``(recipientSeq, recipientNo, resultCode or None
#: when the row has none, resultMessage, recipientGroupingKey)``. A plain tuple:
#: a 1,000-recipient answer builds a thousand of them.
AnsweredRow = tuple[int | None, str | None, int | None, str, str | None]


def answered_recipients(
    rows: Sequence[AnsweredRow],
    sent_numbers: Sequence[str],
    sent_grouping_keys: Sequence[str | None],
    namespace: str,
) -> tuple[RecipientResult, ...]:
    """One result per recipient sent, in request order, from a send answer's rows.

    A row is placed by its ``recipientSeq`` (the 1-based position in the
    request); a row without one by its number, or by its position when no row
    of the answer has a seq and the answer has one row per recipient. A
    duplicate, out-of-range or unplaceable row confirms nobody. What the row
    leaves out (number, grouping key) comes from the request.
    """
    count = len(sent_numbers)
    slots: list[AnsweredRow | None] = [None] * count
    loose: list[tuple[int, AnsweredRow]] = []
    for index, row in enumerate(rows):
        seq = row[0]
        if seq is None:
            loose.append((index, row))
        elif 0 < seq <= count and slots[seq - 1] is None:
            slots[seq - 1] = row
    if loose:
        positional = len(loose) == len(rows) == count
        tails = [_tail(n) for n in sent_numbers]
        for index, row in loose:
            if row[1]:
                tail = _tail(row[1])
                free = [i for i in range(count) if slots[i] is None and tails[i] == tail]
                if free:
                    slots[free[0]] = row
            elif positional and slots[index] is None:
                slots[index] = row
    results = []
    for position, found in enumerate(slots):
        own_key = sent_grouping_keys[position] if position < len(sent_grouping_keys) else None
        if found is None or found[2] is None:
            results.append(
                RecipientResult(
                    sent_numbers[position],
                    position + 1,
                    UNCONFIRMED,
                    _NOT_CONFIRMED_TEXT,
                    own_key,
                    namespace,
                )
            )
        else:
            results.append(
                RecipientResult(
                    found[1] or sent_numbers[position],
                    position + 1,
                    found[2],
                    found[3],
                    found[4] if found[4] is not None else own_key,
                    namespace,
                )
            )
    return tuple(results)


@attrs.frozen(slots=True)
class ListedRow:
    """One row of a listing, reduced to what reconciliation needs."""

    request_id: str
    seq: int | None
    number: str | None
    grouping_key: str | None = None
    #: What the listing says was sent (text, template code...), if it says.
    marker: str | None = None


def _tail(number: str | None) -> str:
    # The listing may echo a number in another form than the one sent
    # (+82 / 82 / 0 prefixes): compare the subscriber part only.
    digits = "".join(ch for ch in number or "" if ch.isdigit())
    return digits[-8:]


def _same(listed: str | None, sent: str | None) -> bool:
    # Either side unknown proves nothing; whitespace is not trusted to survive.
    if listed is None or sent is None:
        return True
    return " ".join(listed.split()) == " ".join(sent.split())


def _is_ours(rows: Sequence[ListedRow], sent: Sequence[str], markers: Sequence[str | None]) -> bool:
    if len(rows) > len(sent):
        return False
    tails = [_tail(n) for n in sent]
    for row in rows:
        if row.seq is not None and 0 < row.seq <= len(sent):
            position = row.seq - 1
            if row.number and _tail(row.number) != tails[position]:
                return False
            if position < len(markers) and not _same(row.marker, markers[position]):
                return False
        elif row.number and _tail(row.number) not in tails:
            return False
    return True


def recovered_result(
    rows: Iterable[ListedRow],
    sent: Sequence[str],
    *,
    service: str,
    namespace: str,
    grouping_key: str,
    sent_grouping_keys: Sequence[str | None] = (),
    markers: Sequence[str | None] = (),
    idempotency_key: str | None = None,
) -> SendResult | None:
    """The result of the send whose numbers were ``sent``, or ``None`` if not listed.

    ``markers`` are, per recipient, what the listing's ``marker`` should say
    for this send (``None``: not known); a listed request that says otherwise
    is another send.

    Raises:
        ProtocolError: several listed requests match this send.
    """
    by_request: dict[str, list[ListedRow]] = {}
    for listed in rows:
        if listed.request_id:
            by_request.setdefault(listed.request_id, []).append(listed)
    ours = [(rid, found) for rid, found in by_request.items() if _is_ours(found, sent, markers)]
    if not ours:
        return None
    if len(ours) > 1:
        raise ProtocolError(
            f"{len(ours)} requests carry senderGroupingKey {grouping_key!r} with this send's "
            "numbers; cannot tell which one was this send",
            service=namespace,
        )
    request_id, found = ours[0]
    by_seq = {row.seq: row for row in found if row.seq is not None}
    by_tail = {_tail(row.number): row for row in found if row.seq is None and row.number}
    recipients = []
    for index, number in enumerate(sent, start=1):
        row: ListedRow | None = by_seq.get(index) or by_tail.get(_tail(number))
        own_key = sent_grouping_keys[index - 1] if index <= len(sent_grouping_keys) else None
        recipients.append(
            RecipientResult(
                number=(row.number if row is not None and row.number else number),
                seq=index,
                result_code=0 if row is not None else UNCONFIRMED,
                result_message=_ACCEPTED_TEXT if row is not None else _UNCONFIRMED_TEXT,
                grouping_key=(row.grouping_key if row is not None else None) or own_key,
                namespace=namespace,
            )
        )
    return SendResult(
        service=service,
        request_id=request_id,
        recipients=tuple(recipients),
        idempotency_key=idempotency_key,
        sender_grouping_key=grouping_key,
    )
