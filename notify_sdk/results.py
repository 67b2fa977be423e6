"""Public result types returned by the send methods.

A send returns a :class:`SendResult` as soon as the API has *accepted* the
request; acceptance is per recipient, so a successful call can still carry
recipients the API refused (an invalid number, an opted-out number). Check
:attr:`SendResult.ok` or call :meth:`SendResult.raise_for_failures`.
Delivery to the handset is reported later by the query methods and webhooks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from .errors import APIError

__all__ = ["UNCONFIRMED", "RecipientResult", "SendResult"]

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
        request_id: the API's ``requestId``; ``None`` only when a retried
            KakaoTalk send was answered with -1005 (an earlier attempt was
            accepted) and the id could not be recovered by a lookup.
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
    """

    service: str
    request_id: str | None
    recipients: tuple[RecipientResult, ...]
    attempts: int = 1
    idempotency_key: str | None = None
    sender_grouping_key: str | None = None
    recovered: bool = False
    lookups: int = 0

    @property
    def ok(self) -> bool:
        """``True`` when the request succeeded and every recipient was accepted."""
        return all(r.result_code == 0 for r in self.recipients)

    @property
    def failed(self) -> tuple[RecipientResult, ...]:
        """The recipients the API refused (result code not 0), in request order."""
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
