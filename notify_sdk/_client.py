"""``NotifyClient`` and ``AsyncNotifyClient``: the two thin drivers.

Both only move bytes and sleep. Everything they execute is an
:class:`~notify_sdk._core.Operation` built by a service module, and every
retry decision comes from :func:`notify_sdk._retry.decide`; the per-call
bookkeeping both drivers share lives in :class:`_Call`.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Any, TypeVar, cast

import attrs
import httpx
import tenacity

from ._brand import AsyncBrandMethods, BrandMethods
from ._config import Config
from ._core import Context, Operation, Safety, decode_envelope
from ._kakao import AsyncKakaoMethods, KakaoMethods
from ._retry import (
    MIN_ATTEMPT_TIME,
    Action,
    Decision,
    FailureKind,
    RetryBudget,
    RetryEvent,
    RetryPolicy,
    RetryStats,
    classify,
    decide,
    map_transport_error,
)
from ._sms import AsyncSmsMethods, SmsMethods
from ._tracking_methods import AsyncTrackingMethods, TrackingMethods
from ._validation import mask_number
from .errors import ClientClosedError, NotifyError, ProtocolError, TransportError
from .results import SendResult
from .services.management import AsyncManagementMethods, ManagementMethods

__all__ = ["AsyncNotifyClient", "NotifyClient"]

T = TypeVar("T")

logger = logging.getLogger("notify_sdk")

_JSON_CONTENT_TYPE = "application/json;charset=UTF-8"
_RETRYING_ACTIONS = (Action.RETRY, Action.RECONCILE)
_KEY_WINDOW = 540.0
# Exceptions a parser can hit on an answer of an unexpected shape; they become
# ProtocolError so that no KeyError or TypeError ever reaches the caller.
_SHAPE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError)


class _HttpxLogRedactor(logging.Filter):
    """Keeps app keys and recipient numbers out of httpx's own INFO log lines.

    httpx logs every request as ``HTTP Request: POST <full URL> ...``; our
    URLs carry the app key in the path (``/appKeys/<key>/`` for SMS,
    ``/appkeys/<key>/`` for KakaoTalk) and, for some queries, a phone number in
    the query string. The SDK's own log lines never contain either; this
    filter, attached once to the ``httpx`` logger, gives httpx's the same care.
    It holds no state, so it is safe whatever threads log through it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args:
            try:
                record.args = tuple(_redact_url(arg) for arg in record.args)
            except Exception:  # a log filter must never break the request it logs
                record.args = ("<redacted>",) * len(record.args)
        return True


_APP_KEY_PATH = re.compile(r"(/app[Kk]eys/)[^/?#\s]+")
_RECIPIENT_QUERY = re.compile(r"(recipientNo=)([^&\s\"]*)")
_REDACTOR = _HttpxLogRedactor()


def _redact_url(value: object) -> object:
    if not isinstance(value, (str, httpx.URL)):
        return value
    text = _APP_KEY_PATH.sub(r"\1{appkey}", str(value))
    if "recipientNo=" in text:
        text = _RECIPIENT_QUERY.sub(lambda m: m.group(1) + mask_number(m.group(2)), text)
    return text


def _redact_in_httpx_logs() -> None:
    httpx_logger = logging.getLogger("httpx")
    if _REDACTOR not in httpx_logger.filters:
        httpx_logger.addFilter(_REDACTOR)


def _complete(response: httpx.Response) -> bool:
    """Whether the whole body (per Content-Length) has arrived."""
    length = response.headers.get("content-length")
    return length is not None and length.isdigit() and response.num_bytes_downloaded >= int(length)


class _Call:
    """Bookkeeping for one logical call: attempts, deadline, the last decision."""

    __slots__ = (
        "budget",
        "deadline",
        "decision",
        "earlier_ambiguous",
        "is_lookup",
        "kind",
        "last_error",
        "lookups",
        "op",
        "policy",
        "reconcile_next",
        "recovered",
        "sends",
        "started",
    )

    def __init__(
        self,
        op: Operation[Any],
        policy: RetryPolicy,
        budget: RetryBudget,
        *,
        is_lookup: bool = False,
    ) -> None:
        self.op = op
        #: A lookup that finds an ambiguous send again: its HTTP requests are
        #: counted on the send (``lookups``), not as a call of their own.
        self.is_lookup = is_lookup
        self.policy = policy
        self.budget = budget
        self.started = time.monotonic()
        self.deadline = policy.deadline
        if op.idempotency_key is not None:
            # The provider remembers an idempotency key for 10 minutes only; a
            # retry after that would be a new message, so retrying stops well
            # inside the window whatever the policy says.
            self.deadline = min(self.deadline or _KEY_WINDOW, _KEY_WINDOW)
        self.sends = 0
        # HTTP requests of the lookups that looked this send up again.
        self.lookups = 0
        self.decision: Decision | None = None
        self.kind: FailureKind | None = None
        self.last_error: NotifyError | None = None
        self.earlier_ambiguous = False
        self.reconcile_next = False
        self.recovered = False

    # -- time ---------------------------------------------------------------

    def time_left(self) -> float | None:
        if self.deadline is None:
            return None
        return self.deadline - (time.monotonic() - self.started)

    def past_deadline(self) -> bool:
        return self.deadline is not None and time.monotonic() - self.started > self.deadline

    def timeout(self, base: httpx.Timeout) -> httpx.Timeout:
        """The configured timeout, shrunk so that no attempt outlives the deadline."""
        left = self.time_left()
        if left is None:
            return base
        left = max(left, 0.001)

        def cap(value: float | None) -> float:
            return left if value is None else min(value, left)

        if all(v is not None and v <= left for v in (base.connect, base.read, base.write)):
            return base
        return httpx.Timeout(
            connect=cap(base.connect),
            read=cap(base.read),
            write=cap(base.write),
            pool=cap(base.pool),
        )

    # -- the request --------------------------------------------------------

    def request_args(self, config: Config) -> tuple[str, str, dict[str, Any]]:
        """Method, URL and httpx keyword arguments for the next attempt."""
        op = self.op
        creds = config.credentials(op.namespace)
        app_key, secret = creds.require(op.namespace)
        headers = {"X-Secret-Key": secret}
        if op.files is None:
            headers["Content-Type"] = _JSON_CONTENT_TYPE
        if op.headers:
            headers.update(op.headers)
        kwargs: dict[str, Any] = {"headers": headers, "timeout": self.timeout(config.timeout)}
        if op.params:
            kwargs["params"] = op.params
        if op.json is not None:
            kwargs["json"] = op.json
        if op.files is not None:
            kwargs["files"] = op.files
        if op.data is not None:
            kwargs["data"] = op.data
        self.sends += 1
        self.budget.count_attempt()
        return op.method, creds.base_url + op.path.replace("{appkey}", app_key), kwargs

    def read(self, response: httpx.Response, content: bytes, started: float) -> Any:
        """Decode and parse an answer, or raise its typed error."""
        op = self.op
        try:
            data = decode_envelope(
                op.namespace,
                response.status_code,
                content,
                response.headers.get("retry-after"),
                op.tolerate,
            )
            try:
                result = op.parse(data)
            except _SHAPE_ERRORS as exc:
                raise ProtocolError(
                    f"{op.label}: the {op.namespace} API answer does not have the documented "
                    f"shape ({type(exc).__name__}: {exc})",
                    service=op.namespace,
                    http_status=response.status_code,
                ) from None
        except NotifyError as error:
            self.log(response.status_code, getattr(error, "code", None), started, error)
            raise
        self.log(response.status_code, 0, started, None)
        return result

    def too_slow(self, started: float) -> NotifyError:
        """The deadline passed while the answer was still arriving."""
        error = TransportError(
            f"{self.op.label}: the deadline passed while the {self.op.namespace} API was still "
            "answering; the request may or may not have been processed",
            ambiguous=True,
            service=self.op.namespace,
        )
        self.log(None, None, started, error)
        return error

    def transport_failure(self, exc: Exception, started: float) -> NotifyError:
        error = map_transport_error(exc, self.op.namespace, self.op.label or self.op.path)
        self.log(None, None, started, error)
        return error

    def log(
        self, status: int | None, code: int | None, started: float, error: NotifyError | None
    ) -> None:
        if not logger.isEnabledFor(logging.DEBUG):
            return
        elapsed = (time.perf_counter() - started) * 1000
        outcome = f"{status}" if status is not None else type(error).__name__
        # op.path still holds the "{appkey}" placeholder: the key is never logged.
        logger.debug(
            "%s %s -> %s code=%s %.1fms attempt=%d%s",
            self.op.method,
            self.op.path,
            outcome,
            code,
            elapsed,
            self.sends,
            f" error={type(error).__name__}" if error is not None else "",
        )

    # -- decisions ----------------------------------------------------------

    def begin(self) -> None:
        self.decision = None

    def on_failure(self, error: NotifyError) -> Decision:
        """Classify a failed attempt, decide, and pay for a retry from the budget."""
        kind = classify(error, earlier_ambiguous=self.earlier_ambiguous)
        cost = self.budget.cost_of(kind)
        decision = decide(
            self.op.safety,
            kind,
            attempt=self.sends,
            policy=self.policy,
            time_left=self.time_left(),
            retry_after=getattr(error, "retry_after", None),
            budget_ok=self.budget.can_spend(cost),
        )
        if decision.action in _RETRYING_ACTIONS and not self.budget.spend(cost):
            decision = Decision(Action.STOP, reason="the client's retry budget is exhausted")
        if kind is FailureKind.AMBIGUOUS:
            self.earlier_ambiguous = True
        self.kind = kind
        self.last_error = error
        self.reconcile_next = decision.action is Action.RECONCILE
        self.decision = decision
        return decision

    def wants_final_lookup(self) -> bool:
        """Whether to look a send up once more before raising an ambiguous failure.

        When retries are exhausted (or disabled) after a failure whose effect
        is unknown, one read turns "maybe sent" into a definite answer: found
        means the message was accepted and its result is returned.
        """
        decision = self.decision
        left = self.time_left()
        if self.op.safety is Safety.RECONCILE and self.policy.on_ambiguous == "raise":
            return False
        return (
            (left is None or left > 0)
            and decision is not None
            and decision.action is Action.STOP
            and (self.kind is FailureKind.AMBIGUOUS or self.earlier_ambiguous)
            and self.op.lookup is not None
        )

    def lookup_policy(self) -> RetryPolicy:
        """The policy of a reconciliation lookup: the call's, inside its deadline's rest."""
        # A read is safe to repeat: it may retry as the call's policy allows,
        # within what is left of the call's deadline.
        left = self.time_left()
        return self.policy.evolve(
            deadline=None if left is None else max(left, 0.001),
            on_retry=None,
        )

    def settle_wait(self) -> float:
        left = self.time_left()
        wait = self.policy.reconcile_wait
        # Leave room for the second lookup and for the resend that follows.
        return wait if left is None else max(min(wait, left - 3 * MIN_ATTEMPT_TIME), 0.0)

    def resend_or_give_up(self) -> None:
        """After a lookup found nothing: resend only if the attempt has time to finish.

        A resend started with a few milliseconds left would time out and turn
        "not sent" into "maybe sent"; better to stop with the earlier error.
        """
        left = self.time_left()
        if left is not None and left < MIN_ATTEMPT_TIME:
            error = TransportError(
                f"{self.op.label}: an earlier attempt failed ambiguously; looking it up found "
                "nothing, but too little of the deadline is left to resend safely — check "
                "before sending again",
                ambiguous=True,
                service=self.op.namespace,
            )
            error.__cause__ = self.last_error
            raise error

    def lookup_failed(self, exc: NotifyError) -> TransportError:
        error = TransportError(
            f"{self.op.label}: an earlier attempt failed ambiguously and looking the send up "
            f"failed too ({type(exc).__name__}); it may or may not have been accepted — check "
            "before sending again",
            ambiguous=True,
            service=self.op.namespace,
        )
        error.__cause__ = exc
        return error

    def replayed_or_raise(self, error: NotifyError) -> Any:
        if self.op.replayed is None:
            raise error
        self.recovered = True
        return self.op.replayed()

    def found(self, result: Any) -> Any:
        self.recovered = True
        return result

    # -- tenacity hooks -----------------------------------------------------

    def will_retry(self) -> bool:
        """Whether the failure just decided on is to be retried."""
        return self.decision is not None and self.decision.action in _RETRYING_ACTIONS

    @staticmethod
    def replay_then(first: NotifyError, attempt: Callable[[_Call], Any]) -> Callable[[_Call], Any]:
        """An attempt function whose first call re-raises ``first`` (already sent).

        The driver makes the first attempt outside tenacity; when it fails
        and is to be retried, tenacity starts from that outcome instead of
        sending again.
        """
        pending = [first]

        def run(call: _Call) -> Any:
            if pending:
                raise pending.pop()
            return attempt(call)

        return run

    @staticmethod
    def areplay_then(
        first: NotifyError, attempt: Callable[[_Call], Awaitable[Any]]
    ) -> Callable[[_Call], Awaitable[Any]]:
        """The async twin of :meth:`replay_then`."""
        pending = [first]

        async def run(call: _Call) -> Any:
            if pending:
                raise pending.pop()
            return await attempt(call)

        return run

    def should_retry(self, state: tenacity.RetryCallState) -> bool:
        outcome = state.outcome
        if outcome is None or not outcome.failed or self.decision is None:
            return False
        return self.decision.action in _RETRYING_ACTIONS

    def wait(self, state: tenacity.RetryCallState) -> float:
        return self.decision.delay if self.decision is not None else 0.0

    def before_sleep(self, state: tenacity.RetryCallState) -> None:
        callback = self.policy.on_retry
        if callback is None or self.decision is None or self.last_error is None:
            return
        callback(
            RetryEvent(
                attempt=self.sends,
                error=self.last_error,
                delay=self.decision.delay,
                operation=self.op.label,
                reconcile=self.decision.action is Action.RECONCILE,
            )
        )

    # -- the end ------------------------------------------------------------

    def finish(self, result: T) -> T:
        """Stamp attempts on a send result and refill the budget."""
        if not self.is_lookup:
            # A lookup's success belongs to its send: in a storm whose reads
            # still work, it must not pay for the failing sends' retries.
            self.budget.refund(self.budget.success_refund)
        if isinstance(result, SendResult) and (self.sends > 1 or self.recovered or self.lookups):
            changes: dict[str, Any] = {"attempts": max(self.sends, 1), "lookups": self.lookups}
            if self.recovered:
                changes["recovered"] = True
            return attrs.evolve(result, **changes)
        return result

    def failed(self, error: NotifyError) -> NotifyError:
        """The error to raise when the call gives up, with ``attempts`` set.

        A last attempt that provably did not reach the server (refused
        connection, 429, 503, an empty budget) says nothing about an earlier
        attempt that may have: raising it as is would tell the caller "not
        sent" about a message that may have gone out. Such a call ends with
        an ambiguous TransportError instead, the last error as its cause.
        """
        if self.earlier_ambiguous and self.kind is FailureKind.SAFE and error is self.last_error:
            wrapped = TransportError(
                f"{self.op.label}: an earlier attempt may have been accepted (its answer was "
                f"lost) and the last one failed with {type(error).__name__}; check before "
                "sending again",
                ambiguous=True,
                service=self.op.namespace,
            )
            wrapped.__cause__ = error
            error = wrapped
        if error.attempts is None and self.sends > 0:
            error.attempts = self.sends
        if self.lookups:
            error.lookups = self.lookups
        self.name_keys(error)
        return error

    def name_keys(self, error: NotifyError) -> None:
        """Put a send's keys on its error: the caller's handle on what may have gone out."""
        op = self.op
        grouping = op.json.get("senderGroupingKey") if isinstance(op.json, dict) else None
        if isinstance(grouping, str) and op.lookup is not None:
            error.sender_grouping_key = grouping
        if op.idempotency_key is not None:
            error.idempotency_key = op.idempotency_key

    def closed(self, *, in_flight: bool) -> ClientClosedError:
        """The error of an attempt that met a closed client."""
        maybe_sent = in_flight or self.earlier_ambiguous
        if maybe_sent:
            text = (
                f"{self.op.label}: the client was closed while this call was in flight; "
                "an earlier attempt may have been processed — check before sending again"
            )
        else:
            text = f"{self.op.label}: the client is closed; make a new client to send again"
        return ClientClosedError(text, ambiguous=maybe_sent, service=self.op.namespace)


_STOP = tenacity.stop_never


class _Base:
    """Configuration shared by both clients."""

    _config: Config
    _policy: RetryPolicy
    _budget: RetryBudget
    _closed: bool

    def _setup(
        self,
        *,
        sms_app_key: str | None,
        sms_secret_key: str | None,
        kakao_app_key: str | None,
        kakao_secret_key: str | None,
        sms_sender: str | None,
        kakao_sender_key: str | None,
        retry: RetryPolicy | None,
        timeout: float | httpx.Timeout,
        sms_base_url: str | None,
        kakao_base_url: str | None,
    ) -> None:
        self._config = Config.build(
            sms_app_key=sms_app_key,
            sms_secret_key=sms_secret_key,
            kakao_app_key=kakao_app_key,
            kakao_secret_key=kakao_secret_key,
            sms_sender=sms_sender,
            kakao_sender_key=kakao_sender_key,
            timeout=timeout,
            sms_base_url=sms_base_url,
            kakao_base_url=kakao_base_url,
        )
        if retry is not None and not isinstance(retry, RetryPolicy):
            raise TypeError(f"retry must be a RetryPolicy, not {type(retry).__name__}")
        self._policy = retry if retry is not None else RetryPolicy()
        self._budget = RetryBudget()
        self._closed = False
        self._ctx = Context(self._config)
        _redact_in_httpx_logs()

    @property
    def _context(self) -> Context:
        return self._ctx

    @property
    def retry_policy(self) -> RetryPolicy:
        """The client's default retry policy (a call's ``retry=`` overrides it)."""
        return self._policy

    @property
    def retry_stats(self) -> RetryStats:
        """Attempts, retries and the retry budget left, counted since the client was made."""
        return self._budget.stats()

    def __repr__(self) -> str:
        # The config repr omits secret keys by construction.
        return f"{type(self).__name__}(sms={self._config.sms!r}, kakao={self._config.kakao!r})"


class NotifyClient(
    _Base, SmsMethods, KakaoMethods, BrandMethods, ManagementMethods, TrackingMethods
):
    """A blocking client for NHN Cloud SMS and KakaoTalk Bizmessage.

    One client is safe to share between threads; make it once and reuse it
    (building an HTTP connection pool costs ~20 ms). Use it as a context
    manager or call :meth:`close`.

    Args:
        sms_app_key: SMS app key; default ``$NHN_SMS_APP_KEY``.
        sms_secret_key: SMS secret key; default ``$NHN_SMS_SECRET_KEY``.
        kakao_app_key: KakaoTalk Bizmessage app key; default ``$NHN_KAKAO_APP_KEY``.
        kakao_secret_key: KakaoTalk Bizmessage secret key; default
            ``$NHN_KAKAO_SECRET_KEY``.
        sms_sender: default SMS sender number (``sendNo``); default
            ``$NHN_SMS_SENDER``.
        kakao_sender_key: default KakaoTalk sender profile key; default
            ``$NHN_KAKAO_SENDER_KEY``.
        retry: the default :class:`RetryPolicy`; ``None`` means ``RetryPolicy()``.
        timeout: seconds (or an ``httpx.Timeout``) for each HTTP attempt.
        sms_base_url: default ``$NHN_SMS_BASE_URL`` or the public endpoint.
        kakao_base_url: default ``$NHN_KAKAO_BASE_URL`` or the public endpoint.
        http_client: an ``httpx.Client`` to send through (proxies, custom TLS,
            a mock transport); the SDK never closes a client it was given.

    Missing credentials raise :class:`~notify_sdk.errors.ConfigurationError`
    when a service is first used, naming the parameter and the variable.
    """

    def __init__(
        self,
        *,
        sms_app_key: str | None = None,
        sms_secret_key: str | None = None,
        kakao_app_key: str | None = None,
        kakao_secret_key: str | None = None,
        sms_sender: str | None = None,
        kakao_sender_key: str | None = None,
        retry: RetryPolicy | None = None,
        timeout: float | httpx.Timeout = 10.0,
        sms_base_url: str | None = None,
        kakao_base_url: str | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        self._setup(
            sms_app_key=sms_app_key,
            sms_secret_key=sms_secret_key,
            kakao_app_key=kakao_app_key,
            kakao_secret_key=kakao_secret_key,
            sms_sender=sms_sender,
            kakao_sender_key=kakao_sender_key,
            retry=retry,
            timeout=timeout,
            sms_base_url=sms_base_url,
            kakao_base_url=kakao_base_url,
        )
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise TypeError(
                "http_client must be an httpx.Client (AsyncNotifyClient takes AsyncClient)"
            )
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.Client()
        self._sleep: Callable[[float], None] = time.sleep

    def close(self) -> None:
        """Close the client and its connection pool (not one passed in as ``http_client``).

        Calls made afterwards raise :class:`~notify_sdk.errors.ClientClosedError`
        without sending. A call still in flight ends with one too, ``ambiguous``
        when an attempt of it may have reached the server.
        """
        self._closed = True
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> NotifyClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _execute(self, op: Operation[T], lookup_for: _Call | None = None) -> T:
        call = _Call(op, op.retry or self._policy, self._budget, is_lookup=lookup_for is not None)
        try:
            return cast(T, self._run(call))
        finally:
            if lookup_for is not None:
                lookup_for.lookups += call.sends

    def _run(self, call: _Call) -> Any:
        try:
            # The first attempt runs bare: most calls succeed at once and a
            # tenacity controller (a Future and a Condition per attempt) would
            # be the largest cost of the SDK on the hot path.
            result: Any = self._attempt(call)
        except NotifyError as first:
            if not call.will_retry():
                final = call.failed(first)
                raise final from final.__cause__
            retrying = tenacity.Retrying(
                retry=call.should_retry,
                wait=call.wait,
                stop=_STOP,
                sleep=self._sleep,
                before_sleep=call.before_sleep,
                reraise=True,
            )
            try:
                result = retrying(call.replay_then(first, self._attempt), call)
            except NotifyError as error:
                final = call.failed(error)
                raise final from final.__cause__
        return call.finish(result)

    def _attempt(self, call: _Call) -> Any:
        call.begin()
        if call.reconcile_next:
            found = self._reconcile(call)
            if found is not None:
                return call.found(found)
            call.resend_or_give_up()
        try:
            return self._send_once(call)
        except NotifyError as error:
            action = call.on_failure(error).action
            if action is Action.RECOVER:
                # The earlier attempt was accepted: whatever the lookup says
                # (or if it fails), the answer is a result, never an error.
                found = self._quiet_find(call, settle=True)
                return call.found(found) if found is not None else call.replayed_or_raise(error)
            if call.wants_final_lookup():
                found = self._quiet_find(call, settle=False)
                if found is not None:
                    return call.found(found)
            raise

    def _send_once(self, call: _Call) -> Any:
        if self._closed:
            raise call.closed(in_flight=False)
        method, url, kwargs = call.request_args(self._config)
        started = time.perf_counter()
        try:
            request = self._http.build_request(method, url, **kwargs)
            # Streamed so that the deadline also bounds a server that trickles
            # its answer: httpx's read timeout is per read, not per response.
            response = self._http.send(request, stream=True)
            try:
                chunks = []
                for chunk in response.iter_bytes():
                    chunks.append(chunk)
                    if call.past_deadline() and not _complete(response):
                        raise call.too_slow(started)
            finally:
                response.close()
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            if self._closed:
                raise call.closed(in_flight=True) from exc
            raise call.transport_failure(exc, started) from exc
        except RuntimeError as exc:
            # httpx's "the client has been closed": close() ran meanwhile, and
            # this attempt was refused before anything was sent.
            if not self._closed:
                raise
            raise call.closed(in_flight=False) from exc
        return call.read(response, b"".join(chunks), started)

    def _reconcile(self, call: _Call) -> Any:
        try:
            return self._find(call, settle=True)
        except NotifyError as exc:
            raise call.lookup_failed(exc) from exc

    def _quiet_find(self, call: _Call, *, settle: bool) -> Any:
        try:
            return self._find(call, settle=settle)
        except NotifyError:
            return None

    def _find(self, call: _Call, *, settle: bool) -> Any:
        lookup = call.op.lookup
        if lookup is None:
            return None
        found = self._execute(attrs.evolve(lookup(), retry=call.lookup_policy()), call)
        if found is None and settle:
            wait = call.settle_wait()
            if wait > 0:
                self._sleep(wait)
            found = self._execute(attrs.evolve(lookup(), retry=call.lookup_policy()), call)
        return found


class AsyncNotifyClient(
    _Base,
    AsyncSmsMethods,
    AsyncKakaoMethods,
    AsyncBrandMethods,
    AsyncManagementMethods,
    AsyncTrackingMethods,
):
    """The ``asyncio`` twin of :class:`NotifyClient`: the same methods, awaited.

    One client is safe to share between tasks of one event loop. Use it as an
    async context manager or call :meth:`aclose`. Arguments are those of
    :class:`NotifyClient`, except that ``http_client`` is an
    ``httpx.AsyncClient``.
    """

    def __init__(
        self,
        *,
        sms_app_key: str | None = None,
        sms_secret_key: str | None = None,
        kakao_app_key: str | None = None,
        kakao_secret_key: str | None = None,
        sms_sender: str | None = None,
        kakao_sender_key: str | None = None,
        retry: RetryPolicy | None = None,
        timeout: float | httpx.Timeout = 10.0,
        sms_base_url: str | None = None,
        kakao_base_url: str | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        self._setup(
            sms_app_key=sms_app_key,
            sms_secret_key=sms_secret_key,
            kakao_app_key=kakao_app_key,
            kakao_secret_key=kakao_secret_key,
            sms_sender=sms_sender,
            kakao_sender_key=kakao_sender_key,
            retry=retry,
            timeout=timeout,
            sms_base_url=sms_base_url,
            kakao_base_url=kakao_base_url,
        )
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise TypeError("http_client must be an httpx.AsyncClient (NotifyClient takes Client)")
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.AsyncClient()
        # Imported here: asyncio costs ~40 ms at import and SMS-only sync
        # applications never need it.
        import asyncio

        self._sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep

    async def aclose(self) -> None:
        """Close the client and its connection pool (not one passed in as ``http_client``).

        Calls made afterwards raise :class:`~notify_sdk.errors.ClientClosedError`
        without sending. A call still in flight ends with one too, ``ambiguous``
        when an attempt of it may have reached the server.
        """
        self._closed = True
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> AsyncNotifyClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def _execute(self, op: Operation[T], lookup_for: _Call | None = None) -> T:
        call = _Call(op, op.retry or self._policy, self._budget, is_lookup=lookup_for is not None)
        try:
            return cast(T, await self._run(call))
        finally:
            if lookup_for is not None:
                lookup_for.lookups += call.sends

    async def _run(self, call: _Call) -> Any:
        try:
            result: Any = await self._attempt(call)
        except NotifyError as first:
            if not call.will_retry():
                final = call.failed(first)
                raise final from final.__cause__
            # A fresh controller per call: AsyncRetrying keeps per-run state
            # and a shared one is not safe between tasks.
            retrying = tenacity.AsyncRetrying(
                retry=call.should_retry,
                wait=call.wait,
                stop=_STOP,
                sleep=self._sleep,
                before_sleep=call.before_sleep,
                reraise=True,
            )
            try:
                result = await retrying(call.areplay_then(first, self._attempt), call)
            except NotifyError as error:
                final = call.failed(error)
                raise final from final.__cause__
        return call.finish(result)

    async def _attempt(self, call: _Call) -> Any:
        call.begin()
        if call.reconcile_next:
            found = await self._reconcile(call)
            if found is not None:
                return call.found(found)
            call.resend_or_give_up()
        try:
            return await self._send_once(call)
        except NotifyError as error:
            action = call.on_failure(error).action
            if action is Action.RECOVER:
                # The earlier attempt was accepted: whatever the lookup says
                # (or if it fails), the answer is a result, never an error.
                found = await self._quiet_find(call, settle=True)
                return call.found(found) if found is not None else call.replayed_or_raise(error)
            if call.wants_final_lookup():
                found = await self._quiet_find(call, settle=False)
                if found is not None:
                    return call.found(found)
            raise

    async def _send_once(self, call: _Call) -> Any:
        if self._closed:
            raise call.closed(in_flight=False)
        method, url, kwargs = call.request_args(self._config)
        started = time.perf_counter()
        try:
            request = self._http.build_request(method, url, **kwargs)
            response = await self._http.send(request, stream=True)
            try:
                chunks = []
                async for chunk in response.aiter_bytes():
                    chunks.append(chunk)
                    if call.past_deadline() and not _complete(response):
                        raise call.too_slow(started)
            finally:
                await response.aclose()
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            if self._closed:
                raise call.closed(in_flight=True) from exc
            raise call.transport_failure(exc, started) from exc
        except RuntimeError as exc:
            # httpx's "the client has been closed": close() ran meanwhile, and
            # this attempt was refused before anything was sent.
            if not self._closed:
                raise
            raise call.closed(in_flight=False) from exc
        return call.read(response, b"".join(chunks), started)

    async def _reconcile(self, call: _Call) -> Any:
        try:
            return await self._find(call, settle=True)
        except NotifyError as exc:
            raise call.lookup_failed(exc) from exc

    async def _quiet_find(self, call: _Call, *, settle: bool) -> Any:
        try:
            return await self._find(call, settle=settle)
        except NotifyError:
            return None

    async def _find(self, call: _Call, *, settle: bool) -> Any:
        lookup = call.op.lookup
        if lookup is None:
            return None
        found = await self._execute(attrs.evolve(lookup(), retry=call.lookup_policy()), call)
        if found is None and settle:
            wait = call.settle_wait()
            if wait > 0:
                await self._sleep(wait)
            found = await self._execute(attrs.evolve(lookup(), retry=call.lookup_policy()), call)
        return found
