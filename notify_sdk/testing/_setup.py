"""The :class:`~notify_sdk.testing.Emulator` methods that configure its world.

Sender numbers, sender profiles, templates, 080 opt-out numbers and the
outcome each recipient's messages end with.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from typing import Any

from ._common import normalize_number
from ._records import AlimTalkTemplate, BrandTemplate, SenderNumber, SenderProfile
from ._state import ALL_SERVICES, KAKAO_SERVICES, State

__all__ = ["SetupMixin", "services_named"]


def services_named(service: str | None) -> tuple[str, ...]:
    """The emulated services a ``service=`` argument names (``None``: all; ``"kakao"``: three)."""
    if service is None:
        return ALL_SERVICES
    if service == "kakao":
        return KAKAO_SERVICES
    if service not in ALL_SERVICES:
        raise ValueError(
            f"unknown service {service!r}; use one of {', '.join(ALL_SERVICES)} or 'kakao'"
        )
    return (service,)


def _code_text(code: object) -> str:
    # Accept enum members of notify_sdk.delivery as well as plain strings.
    value = getattr(code, "value", code)
    return str(value)


class SetupMixin:
    """Configuration methods of :class:`~notify_sdk.testing.Emulator`."""

    _state: State
    _lock: threading.RLock

    def add_sender_number(
        self, number: str, *, blocked: bool = False, block_reason: str | None = None
    ) -> SenderNumber:
        """Register an SMS sender number (``sendNo``).

        Args:
            number: the number; hyphens and spaces are ignored.
            blocked: sends from a blocked number fail with -2313.
            block_reason: shown by ``GET sendNos``.
        """
        record = SenderNumber(
            send_no=normalize_number(number), blocked=blocked, block_reason=block_reason
        )
        with self._lock:
            self._state.sender_numbers[record.send_no] = record
        return record

    def add_sender_profile(
        self,
        sender_key: str,
        *,
        blocked: bool = False,
        dormant: bool = False,
        plus_friend_id: str = "@emulator",
        marketing_agreement: bool = False,
        unsubscribe_no: str | None = None,
        unsubscribe_auth_no: str | None = None,
        resend_send_no: str | None = None,
        is_resend: bool = False,
    ) -> SenderProfile:
        """Register (or replace) a KakaoTalk sender profile.

        Args:
            sender_key: the key requests carry in ``senderKey``.
            blocked: sends fail with -1027.
            dormant: sends fail with -1014 (profile not activated).
            plus_friend_id: the channel id shown in queries.
            marketing_agreement: allow Brand Message targeting ``M``/``N`` (-4029 otherwise).
            unsubscribe_no: the profile's 080 opt-out number.
            unsubscribe_auth_no: the 080 verification number.
            resend_send_no: default SMS sender number for fallback.
            is_resend: fall back by default when a recipient does not say
                ``resendParameter.isResend``.
        """
        record = SenderProfile(
            sender_key=sender_key,
            plus_friend_id=plus_friend_id,
            blocked=blocked,
            dormant=dormant,
            marketing_agreement=marketing_agreement,
            unsubscribe_no=None if unsubscribe_no is None else normalize_number(unsubscribe_no),
            unsubscribe_auth_no=unsubscribe_auth_no,
            resend_send_no=None if resend_send_no is None else normalize_number(resend_send_no),
            is_resend=is_resend,
        )
        with self._lock:
            self._state.profiles[sender_key] = record
        return record

    def add_template(
        self,
        sender_key: str,
        code: str,
        body: str,
        *,
        approved: bool = True,
        buttons: Iterable[Mapping[str, Any]] = (),
        name: str | None = None,
        title: str | None = None,
    ) -> AlimTalkTemplate:
        """Register an AlimTalk template on a sender profile.

        Args:
            sender_key: the owning profile (it need not exist yet).
            code: the ``templateCode``.
            body: the text, with ``#{name}`` variables every send must fill.
            approved: unapproved templates are refused with -3005.
            buttons: the template's buttons as wire dictionaries, e.g.
                ``{"ordering": 1, "type": "WL", "name": "Open", "linkMo": "https://..."}``;
                ``raw-messages`` must repeat their type and name (-3011).
            name: ``templateName`` (defaults to ``code``).
            title: ``templateTitle`` (highlight), if any.
        """
        record = AlimTalkTemplate(
            sender_key=sender_key,
            code=code,
            body=body,
            approved=approved,
            buttons=tuple(dict(b) for b in buttons),
            name=name or code,
            title=title,
        )
        with self._lock:
            self._state.templates[(sender_key, code)] = record
        return record

    def add_brand_template(
        self,
        sender_key: str,
        code: str,
        content: str = "",
        *,
        chat_bubble_type: str = "TEXT",
        image_count: int = 0,
        name: str | None = None,
        blocked: bool = False,
    ) -> BrandTemplate:
        """Register a Brand Message template (for ``basic-messages``).

        Args:
            sender_key: the owning profile.
            code: the ``templateCode``.
            content: text with ``#{name}`` variables every send must fill (-3049).
            chat_bubble_type: the template's layout.
            image_count: images in the template; ``imageParameters`` must list
                exactly this many entries (-3344).
            name: ``templateName`` (defaults to ``code``).
            blocked: a blocked template (status ``S``) is refused with -3005.
        """
        record = BrandTemplate(
            sender_key=sender_key,
            code=code,
            chat_bubble_type=chat_bubble_type,
            content=content,
            image_count=image_count,
            name=name or code,
            blocked=blocked,
        )
        with self._lock:
            self._state.brand_templates[(sender_key, code)] = record
        return record

    def add_opt_out_080(
        self, unsubscribe_no: str, *, recipients: Iterable[str] = (), enterprise_name: str = ""
    ) -> None:
        """Subscribe an 080 opt-out number, optionally with recipients who opted out.

        SMS ads must name a subscribed number (-6004 otherwise; -6000 when
        none is subscribed); fallback parameters must too (-1019).

        Args:
            unsubscribe_no: the 080 number; hyphens are ignored.
            recipients: numbers that called it to opt out (see :meth:`opt_out`).
            enterprise_name: shown nowhere yet; kept for completeness.
        """
        with self._lock:
            self._state.opt_out_numbers[normalize_number(unsubscribe_no)] = enterprise_name
        for number in recipients:
            self.opt_out(number)

    def opt_out(self, number: str) -> None:
        """Record that ``number`` opted out of advertising.

        Ad SMS to it fail per recipient with -6001, Brand Messages with -3301.
        """
        with self._lock:
            self._state.opted_out.add(normalize_number(number))

    def set_outcome(self, number: str, outcome_code: object, *, service: str | None = None) -> None:
        """Make messages to ``number`` end with a given delivery code.

        Applies to messages accepted after the call.

        Args:
            number: the recipient; hyphens and spaces are ignored.
            outcome_code: an SMS receive code (``"3018"``, ``"E915"``, ...) or a
                KakaoTalk delivery code (``"3018"``, ``"E915"``, ...), as a string
                or a member of the ``notify_sdk.delivery`` enums. ``"1000"``
                means delivered; anything else fails the message, and a failed
                KakaoTalk message with fallback requested is resent by SMS.
            service: ``"sms"``, ``"alimtalk"``, ``"friendtalk"``, ``"brand"``,
                ``"kakao"`` (the three KakaoTalk APIs) or ``None`` (all).
        """
        code = _code_text(outcome_code)
        key = normalize_number(number)
        with self._lock:
            for name in services_named(service):
                self._state.outcomes[(name, key)] = code

    def set_non_kakao_user(self, number: str) -> None:
        """Make ``number`` unreachable on KakaoTalk (delivery code 3018).

        AlimTalk, FriendTalk and Brand Message sends to it fail; when the send
        asked for fallback (``resendParameter.isResend``) the emulator sends the
        SMS, which shows in the KakaoTalk query (``resendStatus`` ``RSC04``,
        ``resendRequestId``) and in :attr:`accepted` as a ``"sms"`` message
        with ``endpoint == "fallback"``.
        """
        self.set_outcome(number, "3018", service="kakao")
