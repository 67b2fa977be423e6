"""``notify-sdk demo``: a guided tour of the SDK on the embedded emulator.

No account, no network: every request goes to :class:`notify_sdk.testing.Emulator`
through an httpx transport. The tour sends an SMS, an AlimTalk with SMS
fallback to someone who is not a KakaoTalk user, rides through injected
faults without duplicating anything, sends a Brand Message, and finally lets
the emulator prove that every recipient got exactly one message.
"""

from __future__ import annotations

from typing import TextIO

from ._core.params import mask_number
from ._retry import RetryEvent, RetryPolicy
from .errors import NotifyError, TransportError
from .results import SendResult

__all__ = ["run_demo"]

# Short waits keep the tour quick; the behaviour is that of the defaults.
_DEMO_POLICY = RetryPolicy(initial_delay=0.05, max_delay=0.2, reconcile_wait=0.05, deadline=10.0)

SMS_TO = "010-5555-0101"
ALIM_TO = "010-5555-0102"
FAULT_SMS_TO = "010-5555-0103"
FAULT_ALIM_TO = "010-5555-0104"
BRAND_TO = "010-5555-0105"


def run_demo(out: TextIO) -> int:
    """Run the tour, printing what happens; returns the exit status (0: all as expected)."""
    from .brand import TextMessage
    from .testing import DEFAULT_TEMPLATE_CODE, Emulator, faults

    emulator = Emulator()
    retries: list[str] = []

    def note_retry(event: RetryEvent) -> None:
        action = "look the send up, resend only if absent" if event.reconcile else "retry"
        retries.append(f"attempt {event.attempt}: {_what_failed(event.error)} -> {action}")

    def say(text: str = "") -> None:
        print(text, file=out)

    def outcome(result: SendResult) -> str:
        how = " (found again by lookup, not resent)" if result.recovered else ""
        return (
            f"{len(result.recipients) - len(result.failed)}/{len(result.recipients)} accepted, "
            f"request {result.request_id or '(id not recovered)'}, "
            f"{result.attempts} HTTP attempt{'s' if result.attempts != 1 else ''}{how}"
        )

    def show_retries() -> None:
        for line in retries:
            say(f"     {line}")
        retries.clear()

    say("notify-sdk sandbox demo — embedded emulator, no network, no credentials")
    say("")
    try:
        with emulator.client(retry=_DEMO_POLICY.evolve(on_retry=note_retry)) as client:
            say(f"1. SMS to {mask_number(SMS_TO)}")
            result = client.send_sms(SMS_TO, "[notify-sdk] Your verification code is 1234")
            say(f"   -> {outcome(result)}")

            say(f"2. AlimTalk 'WELCOME' to {mask_number(ALIM_TO)}, who is not a KakaoTalk user,")
            say("   with SMS fallback")
            emulator.set_non_kakao_user(ALIM_TO)
            result = client.send_alimtalk(
                ALIM_TO, DEFAULT_TEMPLATE_CODE, params={"name": "Kim"}, fallback=True
            )
            say(f"   -> {outcome(result)}")
            for message in emulator.messages_to(ALIM_TO):
                status = emulator.status_of(message)
                say(
                    f"     {message.service} ({message.endpoint}): "
                    f"{status.state}, code {status.result_code}"
                    f"{' -> fallback SMS sent' if status.fallback_request_id else ''}"
                )

            say(f"3. SMS to {mask_number(FAULT_SMS_TO)} through two injected faults:")
            say("   a refused connection, then a timeout after the server accepted the message")
            emulator.inject(faults.connect_error(), times=1, match="sms")
            emulator.inject(faults.timeout_after_accept(), times=1, match="sms")
            result = client.send_sms(FAULT_SMS_TO, "[notify-sdk] Your parcel arrives today")
            show_retries()
            say(f"   -> {outcome(result)}")

            say(f"4. AlimTalk to {mask_number(FAULT_ALIM_TO)} through a timeout after acceptance")
            say("   (the retry carries the same idempotency key; the server answers -1005)")
            emulator.inject(faults.timeout_after_accept(), times=1, match="alimtalk")
            result = client.send_alimtalk(
                FAULT_ALIM_TO, DEFAULT_TEMPLATE_CODE, params={"name": "Lee"}
            )
            show_retries()
            say(f"   -> {outcome(result)}")

            say(f"5. Brand Message (FriendTalk's successor) to {mask_number(BRAND_TO)}")
            result = client.send_brand_message(
                BRAND_TO, TextMessage(content="[notify-sdk] Winter sale starts tomorrow")
            )
            say(f"   -> {outcome(result)}")
    except NotifyError as error:
        say(f"demo failed: {type(error).__name__}: {error}")
        return 1

    say("")
    # ALIM_TO got its AlimTalk replaced by the fallback SMS: one message on the handset.
    numbers = [SMS_TO, ALIM_TO, FAULT_SMS_TO, FAULT_ALIM_TO, BRAND_TO]
    try:
        emulator.assert_no_duplicates()
        emulator.assert_each_recipient_got_exactly_one(numbers)
    except AssertionError as error:
        say(f"CHECK FAILED: {error}")
        return 1
    total = len(emulator.accepted)
    say(
        f"Check: {total} messages accepted by the emulator, no duplicates; every recipient got "
        "exactly one (the fallback SMS replaced the undeliverable AlimTalk)."
    )
    stats = client.retry_stats
    say(
        f"Client counters: {stats.attempts} HTTP attempts, {stats.retries} retries, "
        f"retry budget {stats.budget_left:.0f}/{stats.budget_capacity:.0f}."
    )
    return 0


def _what_failed(error: NotifyError) -> str:
    if isinstance(error, TransportError):
        if error.ambiguous:
            return "timed out after sending (it may have been accepted)"
        return "could not connect (nothing was sent)"
    code = getattr(error, "code", None)
    return f"{type(error).__name__}{f' {code}' if code is not None else ''}"
