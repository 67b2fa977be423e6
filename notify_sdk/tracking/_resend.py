"""Resend what failed for a passing reason, and say why the rest was left alone."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable

import attrs

from ..delivery import Outcome
from ._status import DeliveryStatus, more_final

__all__ = ["ResendReport", "Skipped", "plan_resend", "resend_failed"]

# API codes of recipients refused at send time because they opted out
# (SMS -6001 "refused recipient number", KakaoTalk -3301 "contains opted-out users").
_OPTED_OUT = frozenset({"-6001", "-3301"})


@attrs.frozen(slots=True)
class Skipped:
    """A recipient :func:`resend_failed` did not resend, and why.

    Attributes:
        status: the recipient's status.
        reason: a sentence for a report (``"permanent failure: ..."``, ...).
    """

    status: DeliveryStatus
    reason: str


@attrs.frozen(slots=True)
class ResendReport:
    """What :func:`resend_failed` did.

    Attributes:
        resent: ``(status, key, answer)`` per recipient resent: the new key it went
            under and whatever the ``send`` function returned (a ``SendResult``).
        skipped: the recipients left alone, each with its reason.
        errors: ``(status, exception)`` for resends that raised (typed
            ``NotifyError`` subclasses); the other resends still went ahead.
    """

    resent: tuple[tuple[DeliveryStatus, str, object], ...] = ()
    skipped: tuple[Skipped, ...] = ()
    errors: tuple[tuple[DeliveryStatus, Exception], ...] = ()


def _reason(status: DeliveryStatus) -> str | None:
    """``None`` when ``status`` should be resent, else why not."""
    if not status.final:
        return "not final yet: wait for its result (a resend could deliver it twice)"
    if status.outcome is Outcome.DELIVERED:
        return "delivered"
    fallback = status.fallback
    if fallback is not None and fallback.outcome is Outcome.DELIVERED:
        return "delivered by its SMS fallback"
    if fallback is not None and not fallback.final:
        return "its SMS fallback is still under way"
    if status.raw_code in _OPTED_OUT:
        return "opted out: never resend to this number"
    outcome = status.outcome
    described = status.code.description if status.code is not None else status.raw_code
    if outcome is Outcome.TEMPORARY_FAILURE:
        if fallback is not None and not fallback.outcome.resend_may_succeed:
            return "its SMS fallback failed for good as well"
        return None
    if outcome is Outcome.TIME_WINDOW:
        return f"refused for the time of day ({described}): resend inside the allowed hours"
    if outcome is Outcome.DO_NOT_RESEND:
        return "refused as a duplicate: resending would repeat it"
    if outcome is Outcome.PERMANENT_FAILURE:
        return f"permanent failure ({described}): a resend cannot succeed"
    return f"{outcome.value} ({described}): nothing says a resend could help"


def plan_resend(
    statuses: Iterable[DeliveryStatus],
) -> tuple[tuple[DeliveryStatus, ...], tuple[Skipped, ...]]:
    """Split statuses into those to resend (temporary failures) and the rest, with reasons.

    Statuses of the same recipient (same :attr:`~DeliveryStatus.key`) count once, the
    most final one deciding. Pure: nothing is sent.
    """
    latest: dict[tuple[str, str, int | None], DeliveryStatus] = {}
    for status in statuses:
        latest[status.key] = more_final(latest.get(status.key), status)
    resend: list[DeliveryStatus] = []
    skipped: list[Skipped] = []
    for status in latest.values():
        reason = _reason(status)
        if reason is None:
            resend.append(status)
        else:
            skipped.append(Skipped(status, reason))
    return tuple(resend), tuple(skipped)


def _new_key() -> str:
    return f"nsdk-resend-{uuid.uuid4().hex}"


def resend_failed(
    statuses: Iterable[DeliveryStatus],
    send: Callable[[DeliveryStatus, str], object],
    *,
    new_key: Callable[[], str] = _new_key,
) -> ResendReport:
    """Resend the recipients whose outcome is a temporary failure, each under a new key.

    A status carries no message text, so ``send`` does the sending: it is called with
    the status and a fresh key, to pass as ``idempotency_key`` (KakaoTalk) and
    ``sender_grouping_key`` (all services) so the resend is a new logical send,
    never mistaken for a repeat of the failed one::

        report = resend_failed(
            statuses,
            lambda s, key: client.send_sms(s.number, body, sender_grouping_key=key),
        )
        for skipped in report.skipped:
            log.info("not resent: %s", skipped.reason)

    Skipped, with the reason: not final yet, delivered (also by SMS fallback), a
    fallback still under way, opted-out numbers, permanent failures, duplicates,
    time-of-day refusals (resend those inside the allowed hours) and unclassified
    failures.

    Args:
        statuses: statuses from ``wait_for_delivery``, ``iter_delivery_updates`` or
            webhooks (several per recipient are fine: the most final one counts).
        send: sends one recipient again; its return value is kept in the report.
        new_key: makes the fresh keys (default ``nsdk-resend-<uuid4 hex>``, 45 chars).

    Returns:
        A :class:`ResendReport`. A ``send`` that raises a
        :class:`~notify_sdk.errors.NotifyError` is recorded in ``errors``; the
        remaining resends still go ahead.
    """
    from ..errors import NotifyError

    to_send, skipped = plan_resend(statuses)
    resent: list[tuple[DeliveryStatus, str, object]] = []
    errors: list[tuple[DeliveryStatus, Exception]] = []
    for status in to_send:
        key = new_key()
        try:
            answer = send(status, key)
        except NotifyError as exc:
            errors.append((status, exc))
            continue
        resent.append((status, key, answer))
    return ResendReport(resent=tuple(resent), skipped=skipped, errors=tuple(errors))
