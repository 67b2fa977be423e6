"""The :class:`Emulator`: configuration, front doors, faults and assertions."""

from __future__ import annotations

import random
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import httpx

from . import (
    _management_kakao,
)
from ._common import (
    Drop,
    WireReply,
    WireRequest,
    normalize_number,
)
from ._faults import Fault, HttpStatus, Injection, ResultCode, drop_for
from ._records import (
    AcceptedMessage,
    DeliveryStatus,
)
from ._routing import answer, classify
from ._server import serve as _serve
from ._setup import SetupMixin, services_named
from ._state import State
from ._transport import EmulatorTransport

if TYPE_CHECKING:
    from notify_sdk import AsyncNotifyClient, NotifyClient

#: The sender profile key of the default profile.
DEFAULT_SENDER_KEY = "ec7e519fff9d207eab901507ac406d480fc0ff52"
#: The default registered SMS sender number.
DEFAULT_SENDER_NUMBER = "0212345678"
#: The default 080 opt-out number (SMS ads, Brand Message).
DEFAULT_OPT_OUT_NUMBER = "0801234567"
#: The default approved AlimTalk template code.
DEFAULT_TEMPLATE_CODE = "WELCOME"
#: The default Brand Message template code.
DEFAULT_BRAND_TEMPLATE_CODE = "BRAND_WELCOME"


class Emulator(SetupMixin, _management_kakao.ManagementEmulatorMixin):
    """An in-process, stateful fake of the NHN Cloud SMS and KakaoTalk Bizmessage APIs.

    It speaks the documented wire format (paths, headers, envelopes, field
    names), validates requests the way the API does and answers with the
    result codes of the provider's tables, stores every accepted message, and
    can inject network and server faults deterministically.

    Out of the box it has one registered sender number (``"0212345678"``),
    one active sender profile (:data:`DEFAULT_SENDER_KEY`), an approved
    AlimTalk template ``"WELCOME"`` (``"Hello #{name}, welcome aboard."``), a
    Brand Message TEXT template ``"BRAND_WELCOME"`` and an 080 opt-out number
    (``"0801234567"``). Every accepted message is delivered (SMS ``"1000"``,
    KakaoTalk ``"1000"``) unless :meth:`set_outcome` says otherwise.

    Three ways to use it::

        emulator = Emulator()
        client = emulator.client()                      # a NotifyClient wired to it
        httpx.Client(transport=emulator.transport())    # any httpx client
        respx.route(host="sms.api.nhncloudservice.com").mock(side_effect=emulator.handler)
        with emulator.serve() as base_url:              # a real HTTP server
            ...

    Args:
        clock: returns "now"; an aware datetime is converted to Korea time, a
            naive one is taken as Korea wall-clock time. Defaults to the real
            clock. :meth:`advance` moves the emulator's time on top of it.
        seed: makes request ids and ``ratio`` faults reproducible.
        sms_app_key: the SMS app key requests must carry in the path.
        kakao_app_key: the KakaoTalk Bizmessage app key (AlimTalk, FriendTalk, Brand).
        secret_key: the ``X-Secret-Key`` both services expect.
        sms_secret_key: a different secret for SMS only (defaults to ``secret_key``).
        kakao_secret_key: a different secret for KakaoTalk only (defaults to ``secret_key``).
        delivery_delay: seconds (on the emulator clock) between a message
            becoming due and its final result; 0 makes results final at once.
            During the delay queries show it in flight (SMS ``msgStatus`` 2,
            KakaoTalk ``SENDING``).
        listing_lag: seconds (on the emulator clock) before an accepted
            message shows in the listings (``GET .../messages``,
            ``.../sender/sms``), as the provider's listings trail its sends;
            lookups by request id are not delayed. Settable later as
            :attr:`listing_lag`.
        strict_byte_limits: also refuse (-2015) SMS text above the display
            standard (SMS 90 bytes, LMS title 40 bytes, LMS body 2,000 bytes in
            EUC-KR) instead of only above the hard maximum (255 / 120 / 4,000
            characters).
        defaults: set up the default number, profile, templates and 080 number.
    """

    def __init__(
        self,
        *,
        clock: Callable[[], datetime] | None = None,
        seed: int = 0,
        sms_app_key: str = "test-sms-app",
        kakao_app_key: str = "test-kakao-app",
        secret_key: str = "test-secret",
        sms_secret_key: str | None = None,
        kakao_secret_key: str | None = None,
        delivery_delay: float = 0.0,
        listing_lag: float = 0.0,
        strict_byte_limits: bool = False,
        defaults: bool = True,
    ) -> None:
        self._lock = threading.RLock()
        self._seed = seed
        self._state = State(
            clock=clock,
            seed=seed,
            sms_app_key=sms_app_key,
            kakao_app_key=kakao_app_key,
            sms_secret_key=sms_secret_key if sms_secret_key is not None else secret_key,
            kakao_secret_key=kakao_secret_key if kakao_secret_key is not None else secret_key,
            delivery_delay=delivery_delay,
            strict_byte_limits=strict_byte_limits,
        )
        self.listing_lag = listing_lag
        self._injections: list[Injection] = []
        self._fault_rng = random.Random(seed)
        if defaults:
            self.add_sender_number(DEFAULT_SENDER_NUMBER)
            self.add_opt_out_080(DEFAULT_OPT_OUT_NUMBER)
            self.add_sender_profile(
                DEFAULT_SENDER_KEY,
                unsubscribe_no=DEFAULT_OPT_OUT_NUMBER,
                resend_send_no=DEFAULT_SENDER_NUMBER,
            )
            self.add_template(
                DEFAULT_SENDER_KEY,
                DEFAULT_TEMPLATE_CODE,
                "Hello #{name}, welcome aboard.",
                name="Welcome",
            )
            self.add_brand_template(
                DEFAULT_SENDER_KEY,
                DEFAULT_BRAND_TEMPLATE_CODE,
                "(광고) #{name}, this week's picks are in.",
                name="Weekly picks",
            )

    # -- identity -----------------------------------------------------------------------------

    @property
    def listing_lag(self) -> float:
        """Seconds before an accepted message appears in the listings (see the class doc)."""
        return self._state.listing_lag.total_seconds()

    @listing_lag.setter
    def listing_lag(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("listing_lag must be >= 0")
        with self._lock:
            self._state.listing_lag = timedelta(seconds=seconds)

    @property
    def sms_app_key(self) -> str:
        """The SMS app key the emulator expects in ``/sms/v3.0/appKeys/{appKey}``."""
        return self._state.sms_app_key

    @property
    def kakao_app_key(self) -> str:
        """The KakaoTalk app key expected in ``/{product}/{version}/appkeys/{appkey}``."""
        return self._state.kakao_app_key

    @property
    def sms_secret_key(self) -> str:
        """The ``X-Secret-Key`` SMS requests must carry."""
        return self._state.sms_secret_key

    @property
    def kakao_secret_key(self) -> str:
        """The ``X-Secret-Key`` KakaoTalk requests must carry."""
        return self._state.kakao_secret_key

    @property
    def sender_number(self) -> str | None:
        """The first registered, unblocked SMS sender number (the clients' default)."""
        with self._lock:
            return self._state.default_send_no()

    @property
    def sender_key(self) -> str | None:
        """The first sendable sender profile key (the clients' default)."""
        with self._lock:
            for profile in self._state.profiles.values():
                if not profile.blocked and not profile.dormant:
                    return profile.sender_key
            return None

    # -- time -----------------------------------------------------------------------------------

    def now(self) -> datetime:
        """The emulator's current time: naive Korea wall-clock time."""
        with self._lock:
            return self._state.now()

    def advance(self, seconds: float) -> None:
        """Move the emulator's clock forward.

        Scheduled messages become due, delays elapse and idempotency keys
        expire as if the time had passed.

        Args:
            seconds: how far to move; must not be negative.
        """
        if seconds < 0:
            raise ValueError("the emulator's clock only moves forward")
        with self._lock:
            self._state.offset += timedelta(seconds=seconds)
            self._state.settle()

    # -- faults -------------------------------------------------------------------------------

    def inject(
        self,
        fault: Fault,
        *,
        times: int | None = None,
        ratio: float | None = None,
        match: str | None = None,
    ) -> Injection:
        """Schedule a fault (see :mod:`notify_sdk.testing.faults`).

        Args:
            fault: what happens, e.g. ``faults.connect_error()``.
            times: how many matching requests it hits; default 1, or unlimited
                when ``ratio`` is given.
            ratio: the probability (0..1) that a matching request is hit,
                drawn from ``random.Random(seed)``, so a run is reproducible.
            match: restrict it to a service (``"sms"``, ``"alimtalk"``,
                ``"friendtalk"``, ``"brand"``, ``"kakao"``) or to requests whose
                path contains this text (e.g. ``"sender/mms"``).

        Returns:
            The :class:`Injection`, whose ``fired`` counts hits. Injections are
            consulted in the order they were added; the first that fires wins.
        """
        if not isinstance(fault, Fault):
            raise TypeError("fault must come from notify_sdk.testing.faults")
        if ratio is not None and not 0.0 <= ratio <= 1.0:
            raise ValueError("ratio must be between 0 and 1")
        if times is not None and times < 1:
            raise ValueError("times must be at least 1")
        remaining = times if times is not None else (None if ratio is not None else 1)
        injection = Injection(fault=fault, remaining=remaining, ratio=ratio, match=match)
        with self._lock:
            self._injections.append(injection)
        return injection

    def clear_faults(self) -> None:
        """Remove every scheduled fault."""
        with self._lock:
            self._injections.clear()

    # -- front doors -----------------------------------------------------------------------------

    def handler(self, request: httpx.Request) -> httpx.Response:
        """Answer an ``httpx.Request``: the core of every front door.

        Usable as a respx side effect::

            respx.route(host="sms.api.nhncloudservice.com").mock(side_effect=emulator.handler)

        Raises:
            httpx.ConnectError: an injected connect error.
            httpx.ReadTimeout: an injected timeout.
        """
        try:
            body = request.content
        except httpx.RequestNotRead:
            body = request.read()
        wire = WireRequest(
            method=request.method.upper(),
            path=request.url.path,
            query=dict(request.url.params.items()),
            headers={name.lower(): value for name, value in request.headers.items()},
            body=body,
        )
        outcome = self._process(wire)
        if isinstance(outcome, Drop):
            if outcome.kind == "connect":
                raise httpx.ConnectError("emulated connection failure", request=request)
            raise httpx.ReadTimeout("emulated read timeout", request=request)
        return httpx.Response(
            outcome.status, headers=list(outcome.headers), content=outcome.body, request=request
        )

    def transport(self) -> EmulatorTransport:
        """An httpx transport (sync and async) answering from this emulator."""
        return EmulatorTransport(self)

    def client_kwargs(self, base_url: str | None = None) -> dict[str, Any]:
        """Keyword arguments for ``NotifyClient`` / ``AsyncNotifyClient`` matching this emulator.

        Args:
            base_url: when given (e.g. from :meth:`serve`), also set
                ``sms_base_url`` and ``kakao_base_url`` to it.
        """
        kwargs: dict[str, Any] = {
            "sms_app_key": self.sms_app_key,
            "sms_secret_key": self.sms_secret_key,
            "kakao_app_key": self.kakao_app_key,
            "kakao_secret_key": self.kakao_secret_key,
            "sms_sender": self.sender_number,
            "kakao_sender_key": self.sender_key,
        }
        if base_url is not None:
            kwargs["sms_base_url"] = base_url
            kwargs["kakao_base_url"] = base_url
        return kwargs

    def client(self, **kwargs: Any) -> NotifyClient:
        """A ``notify_sdk.NotifyClient`` wired to this emulator.

        Credentials, default sender number and sender key come from the
        emulator; ``kwargs`` override them or add options (``retry=...``).
        The underlying ``httpx.Client`` uses :meth:`transport`.
        """
        from notify_sdk import NotifyClient

        options = self.client_kwargs()
        options["http_client"] = httpx.Client(transport=self.transport())
        options.update(kwargs)
        return NotifyClient(**options)

    def async_client(self, **kwargs: Any) -> AsyncNotifyClient:
        """A ``notify_sdk.AsyncNotifyClient`` wired to this emulator (see :meth:`client`)."""
        from notify_sdk import AsyncNotifyClient

        options = self.client_kwargs()
        options["http_client"] = httpx.AsyncClient(transport=self.transport())
        options.update(kwargs)
        return AsyncNotifyClient(**options)

    @contextmanager
    def serve(self, *, port: int = 0, host: str = "127.0.0.1") -> Iterator[str]:
        """Serve the emulator over real HTTP (loopback by default) in a background thread.

        ::

            with emulator.serve() as base_url:   # "http://127.0.0.1:PORT"
                client = NotifyClient(**emulator.client_kwargs(base_url))

        Injected connect errors and timeouts close the connection without an
        answer. The server stops when the block exits.

        Args:
            port: the port to bind; 0 picks a free one.
            host: the address to bind; keep the loopback default unless another
                machine (a container) must reach it.
        """
        with _serve(self._process, host=host, port=port) as base_url:
            yield base_url

    def _process(self, request: WireRequest) -> WireReply | Drop:
        # Every front door (transport, respx, HTTP server) ends up here.
        with self._lock:
            service, namespace = classify(request.path)
            fault = self._pick_fault(service, request.path)
            if fault is None:
                return answer(self._state, request)
            if fault.accepts:
                answer(self._state, request)
            drop = drop_for(fault)
            if drop is not None:
                return drop
            if isinstance(fault, HttpStatus):
                return fault.reply()
            assert isinstance(fault, ResultCode)
            return fault.reply(namespace)

    # -- inspection ---------------------------------------------------------------------------

    @property
    def accepted(self) -> tuple[AcceptedMessage, ...]:
        """Every accepted message, one per recipient, in acceptance order.

        Includes SMS fallbacks the emulator sent for failed KakaoTalk messages
        (``endpoint == "fallback"``) and messages later cancelled.
        """
        with self._lock:
            self._state.settle()
            return tuple(d.message for d in self._state.deliveries)

    def messages_to(self, number: str, *, service: str | None = None) -> list[AcceptedMessage]:
        """The accepted messages to ``number`` (separators ignored), optionally for one service."""
        wanted = normalize_number(number)
        services = services_named(service)
        return [m for m in self.accepted if m.number == wanted and m.service in services]

    def status_of(self, message: AcceptedMessage) -> DeliveryStatus:
        """Where an accepted message stands now (as the query endpoints would say)."""
        with self._lock:
            self._state.settle()
            found = self._state.find((message.service,), message.request_id, message.recipient_seq)
            if found is None:
                raise KeyError(f"{message.request_id}/{message.recipient_seq} is not stored")
            return found.status(self._state.now())

    def _reaching(self, services: tuple[str, ...]) -> list[AcceptedMessage]:
        with self._lock:
            self._state.settle()
            return [
                d.message
                for d in self._state.deliveries
                if d.cancelled_at is None and d.message.service in services
            ]

    def assert_no_duplicates(self, *, service: str | None = None) -> None:
        """Fail when one logical message reached a recipient more than once.

        Two accepted, uncancelled messages are "the same" when service,
        recipient, text, title and template match — so a test that really
        sends the same text twice should not call this.

        Raises:
            AssertionError: naming the number, the content and the requestIds.
        """
        groups: dict[tuple[Any, ...], list[AcceptedMessage]] = {}
        for message in self._reaching(services_named(service)):
            key = (
                message.service,
                message.number,
                message.content,
                message.title,
                message.template_code,
            )
            groups.setdefault(key, []).append(message)
        problems = [
            f"{key[1]} received the same {key[0]} message {len(found)} times: {key[2]!r} "
            f"(requestIds {', '.join(m.request_id for m in found)})"
            for key, found in groups.items()
            if len(found) > 1
        ]
        if problems:
            raise AssertionError("duplicate deliveries:\n" + "\n".join(problems))

    def assert_each_recipient_got_exactly_one(
        self, numbers: Iterable[str], service: str | None = None
    ) -> None:
        """Fail unless every number in ``numbers`` got exactly one (uncancelled) message.

        Messages are counted as they reach the handset: a KakaoTalk message
        that failed and was replaced by its SMS fallback is **one** message
        (the fallback SMS), since the recipient never saw the KakaoTalk one.

        Args:
            numbers: the recipients to check; separators are ignored.
            service: count only this service (``"sms"``, ``"kakao"``, ...).
                With ``"kakao"`` (or one KakaoTalk service) the failed
                KakaoTalk message is what is counted, with ``"sms"`` its
                fallback SMS.

        Raises:
            AssertionError: listing each number with its count.
        """
        reaching = self._reaching(services_named(service))
        # The KakaoTalk messages replaced by a fallback SMS counted here.
        replaced = {m.fallback_for for m in reaching if m.fallback_for is not None}
        counts = Counter(
            m.number for m in reaching if (m.request_id, m.recipient_seq) not in replaced
        )
        wanted = [normalize_number(n) for n in numbers]
        wrong = [f"{n}: {counts[n]} messages" for n in wanted if counts[n] != 1]
        if wrong:
            raise AssertionError("expected exactly one message per recipient:\n" + "\n".join(wrong))

    def reset(self) -> None:
        """Forget traffic: accepted messages, idempotency keys, uploads and faults.

        Configuration (numbers, profiles, templates, outcomes) and the clock
        stay; request ids and ``ratio`` draws start over from the seed.
        """
        with self._lock:
            self._state.reset_traffic()
            self._injections.clear()
            self._fault_rng = random.Random(self._seed)

    # -- internals ------------------------------------------------------------------------------

    def _pick_fault(self, service: str, path: str) -> Fault | None:
        for injection in self._injections:
            if injection.matches(service, path) and injection.draw(self._fault_rng):
                if injection.exhausted:
                    self._injections.remove(injection)
                return injection.fault
        return None
