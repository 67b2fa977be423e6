"""The emulator's data: configuration, accepted messages and their deliveries."""

from __future__ import annotations

import random
import re
import string
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

import attrs

from ._common import (
    KST,
    ApiFailure,
    JSONDict,
    WireReply,
    WireRequest,
    encoded_size,
    parse_date,
    to_kst,
)
from ._records import (
    AcceptedMessage,
    AlimTalkTemplate,
    BrandTemplate,
    DeliveryStatus,
    SenderNumber,
    SenderProfile,
)

KAKAO_SERVICES = ("alimtalk", "friendtalk", "brand")
ALL_SERVICES = ("sms", *KAKAO_SERVICES)

#: How long a KakaoTalk idempotency key protects against a repeat.
IDEMPOTENCY_WINDOW = timedelta(minutes=10)
#: How far ahead a schedule may be (both services).
SCHEDULE_WINDOW = timedelta(days=60)

_ID_ALPHABET = string.ascii_letters + string.digits


def _real_now() -> datetime:
    return datetime.now(KST)


@attrs.define(eq=False)
class Delivery:
    """The mutable life of one accepted message (internal)."""

    message: AcceptedMessage
    due: datetime
    outcome: str
    wire: JSONDict
    resend: JSONDict | None = None
    cancelled_at: datetime | None = None
    finalized_at: datetime | None = None
    fallback_request_id: str | None = None

    @property
    def request_date(self) -> datetime:
        """The send time: the schedule if any, otherwise the acceptance time."""
        return self.message.scheduled_at or self.message.created_at

    def state(self, now: datetime) -> str:
        """Lifecycle state (see :class:`DeliveryStatus`); call after ``State.settle``."""
        if self.cancelled_at is not None:
            return "CANCELLED"
        if self.finalized_at is None:
            scheduled = self.message.scheduled_at
            return "RESERVED" if scheduled is not None and now < scheduled else "PENDING"
        return "DELIVERED" if self.outcome == "1000" else "FAILED"

    def status(self, now: datetime) -> DeliveryStatus:
        """The public view of this delivery."""
        state = self.state(now)
        code = self.outcome if state in ("DELIVERED", "FAILED") else None
        return DeliveryStatus(
            state=state, result_code=code, fallback_request_id=self.fallback_request_id
        )

    @property
    def changed_at(self) -> datetime | None:
        """When the result last changed (for result-update searches)."""
        return self.cancelled_at or self.finalized_at


class State:
    """Everything the emulator knows. Not thread-safe: the emulator holds a lock."""

    def __init__(
        self,
        *,
        clock: Callable[[], datetime] | None,
        seed: int,
        sms_app_key: str,
        kakao_app_key: str,
        sms_secret_key: str,
        kakao_secret_key: str,
        delivery_delay: float,
        strict_byte_limits: bool,
    ) -> None:
        self.clock = clock or _real_now
        self.seed = seed
        self.sms_app_key = sms_app_key
        self.kakao_app_key = kakao_app_key
        self.sms_secret_key = sms_secret_key
        self.kakao_secret_key = kakao_secret_key
        self.delivery_delay = timedelta(seconds=delivery_delay)
        self.listing_lag = timedelta()
        self.strict_byte_limits = strict_byte_limits
        self.offset = timedelta()
        self.sender_numbers: dict[str, SenderNumber] = {}
        self.profiles: dict[str, SenderProfile] = {}
        self.templates: dict[tuple[str, str], AlimTalkTemplate] = {}
        self.brand_templates: dict[tuple[str, str], BrandTemplate] = {}
        self.opt_out_numbers: dict[str, str] = {}  # 080 number -> enterprise name
        self.opted_out: set[str] = set()
        # 080 number -> {recipient number: when its opt-out was registered}.
        self.opt_out_requests: dict[str, dict[str, datetime]] = {}
        self.outcomes: dict[tuple[str, str], str] = {}
        self.reset_traffic()

    def reset_traffic(self) -> None:
        """Forget every message, key, upload and counter; keep the configuration."""
        self.ids = random.Random(f"request-ids:{self.seed}")
        self.deliveries: list[Delivery] = []
        self.by_request: dict[str, list[Delivery]] = {}
        self.idempotency: dict[str, datetime] = {}
        self.files: dict[int, JSONDict] = {}
        self.images: dict[str, JSONDict] = {}
        self.videos: dict[int, JSONDict] = {}
        self.next_file_id = 1000
        self.next_image_seq = 5000
        self.next_video_seq = 700

    # -- time and ids ---------------------------------------------------------------------

    def now(self) -> datetime:
        """Current Korea wall-clock time on the emulator's clock (naive)."""
        return to_kst(self.clock()) + self.offset

    def new_request_id(self) -> str:
        """A requestId shaped like the provider's: 14-digit timestamp + 11 characters."""
        suffix = "".join(self.ids.choice(_ID_ALPHABET) for _ in range(11))
        return f"{self.now():%Y%m%d%H%M%S}{suffix}"

    def check_schedule(
        self, value: object, *, fmt: str, format_code: int, past_code: int, far_code: int
    ) -> datetime | None:
        """Validate a ``requestDate``; ``None`` means "send now"."""
        if value is None or value == "":
            return None
        moment = parse_date(value, fmt)
        if moment is None:
            raise ApiFailure(format_code)
        now = self.now()
        # The wire has minute precision: the current minute is still "now".
        if moment < now.replace(second=0, microsecond=0):
            raise ApiFailure(past_code)
        if moment > now + SCHEDULE_WINDOW:
            raise ApiFailure(far_code)
        return moment

    # -- configuration lookups ------------------------------------------------------------

    def listed(self, delivery: Delivery) -> bool:
        """Whether ``delivery`` shows in listings yet (the provider's listings lag)."""
        return not self.listing_lag or delivery.message.created_at + self.listing_lag <= self.now()

    def outcome_for(self, service: str, number: str) -> str:
        """The delivery code a message to ``number`` ends with."""
        return self.outcomes.get((service, number), "1000")

    def default_send_no(self) -> str | None:
        """The first registered, unblocked sender number."""
        for number in self.sender_numbers.values():
            if not number.blocked:
                return number.send_no
        return None

    def sms_sender_ok(self, send_no: str) -> bool:
        """Whether ``send_no`` is registered and not blocked."""
        number = self.sender_numbers.get(send_no)
        return number is not None and not number.blocked

    # -- idempotency ----------------------------------------------------------------------

    def key_in_use(self, key: str) -> bool:
        """Whether ``key`` was used by an accepted send within the last 10 minutes."""
        used = self.idempotency.get(key)
        return used is not None and self.now() - used < IDEMPOTENCY_WINDOW

    def remember_key(self, key: str) -> None:
        """Start (or restart, once expired) the 10-minute window of ``key``."""
        if not self.key_in_use(key):
            self.idempotency[key] = self.now()

    # -- messages -------------------------------------------------------------------------

    def accept(
        self,
        message: AcceptedMessage,
        *,
        wire: JSONDict,
        resend: JSONDict | None = None,
    ) -> Delivery:
        """Store an accepted recipient and schedule its delivery."""
        start = max(message.created_at, message.scheduled_at or message.created_at)
        delivery = Delivery(
            message=message,
            due=start + self.delivery_delay,
            outcome=self.outcome_for(message.service, message.number),
            wire=wire,
            resend=resend,
        )
        self.deliveries.append(delivery)
        self.by_request.setdefault(message.request_id, []).append(delivery)
        return delivery

    def settle(self) -> None:
        """Finalize every delivery that is due, sending SMS fallbacks for failed KakaoTalk."""
        now = self.now()
        index = 0
        # Fallbacks append to the list while we walk it; they may settle in the same pass.
        while index < len(self.deliveries):
            delivery = self.deliveries[index]
            index += 1
            if delivery.finalized_at is not None or delivery.cancelled_at is not None:
                continue
            if delivery.due > now:
                continue
            delivery.finalized_at = delivery.due
            if (
                delivery.message.service in KAKAO_SERVICES
                and delivery.outcome != "1000"
                and delivery.resend is not None
            ):
                self._send_fallback(delivery)

    def _send_fallback(self, delivery: Delivery) -> None:
        original = delivery.message
        resend = delivery.resend or {}
        profile = self.profiles.get(original.sender or "")
        send_no = (
            resend.get("resendSendNo")
            or (profile.resend_send_no if profile else None)
            or self.default_send_no()
            or ""
        )
        content = resend.get("resendContent") or original.content or ""
        if original.is_ad and not resend.get("resendContent"):
            opt_out = (
                resend.get("resendUnsubscribeNo")
                or (profile.unsubscribe_no if profile else None)
                or next(iter(self.opt_out_numbers), "")
            )
            content = f"(광고){content}\n무료수신거부 {opt_out}"
        kind = resend.get("resendType") or ("LMS" if encoded_size(content) > 90 else "SMS")
        title = None
        if kind == "LMS":
            title = resend.get("resendTitle") or (profile.plus_friend_id if profile else None)
        request_id = self.new_request_id()
        message = AcceptedMessage(
            service="sms",
            endpoint="fallback",
            request_id=request_id,
            recipient_seq=1,
            number=original.number,
            content=content,
            title=title,
            sender=str(send_no),
            message_type="LMS" if kind == "LMS" else "SMS",
            created_at=delivery.due,
            is_ad=original.is_ad,
            fallback_for=(original.request_id, original.recipient_seq),
        )
        self.accept(
            message,
            wire={
                "sendType": "1" if kind == "LMS" else "0",
                "countryCode": "82",
                "templateId": None,
                "userId": None,
                "attachFileList": [],
            },
        )
        delivery.fallback_request_id = request_id

    def find(self, service: Iterable[str], request_id: str, seq: int) -> Delivery | None:
        """The delivery of one recipient, or ``None``."""
        services = tuple(service)
        for delivery in self.by_request.get(request_id, ()):
            if delivery.message.recipient_seq == seq and delivery.message.service in services:
                return delivery
        return None

    def resend_fields(self, delivery: Delivery) -> dict[str, Any]:
        """KakaoTalk fallback outcome fields (``resendStatus`` family).

        ``RSC02`` until KakaoTalk fails, ``RSC03`` while the fallback SMS is on its
        way (the emulator's delivery delay), ``RSC04`` once it went through.
        """
        fallback = (
            self.find(("sms",), delivery.fallback_request_id, 1)
            if delivery.fallback_request_id is not None
            else None
        )
        if fallback is not None and fallback.finalized_at is None:
            # The SMS copy is accepted but not through yet: the fallback step between
            # "target" and "succeeded".
            status, name, code = "RSC03", "Fallback in progress", None
        elif delivery.fallback_request_id is not None:
            status, name, code = "RSC04", "Fallback succeeded", "0"
        elif delivery.resend is not None:
            status, name, code = "RSC02", "Fallback target", None
        else:
            status, name, code = "RSC01", "No fallback target", None
        return {
            "resendStatus": status,
            "resendStatusName": name,
            "resendResultCode": code,
            "resendRequestId": delivery.fallback_request_id,
        }


Handler = Callable[[State, WireRequest, tuple[str, ...]], WireReply]


class Route:
    """One endpoint: HTTP method, path pattern below the app key, handler.

    Args:
        method: the HTTP method.
        pattern: a regular expression that must match the whole sub-path.
        handler: called with the state, the request and the pattern's groups.
        body: ``"json"`` (Content-Type must be JSON), ``"multipart"`` or ``"none"``.
    """

    def __init__(self, method: str, pattern: str, handler: Handler, body: str = "auto") -> None:
        self.method = method
        self.pattern = re.compile(pattern)
        self.handler = handler
        self.body = ("json" if method in ("POST", "PUT") else "none") if body == "auto" else body

    def match(self, method: str, subpath: str) -> tuple[str, ...] | None:
        """The pattern's groups when ``method`` and ``subpath`` hit this route."""
        if method != self.method:
            return None
        found = self.pattern.fullmatch(subpath)
        return None if found is None else found.groups()
