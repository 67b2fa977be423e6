"""``NotifyClient`` and ``AsyncNotifyClient``: the two thin drivers.

Both only move bytes and sleep. Everything they execute is an
:class:`~notify_sdk._core.Operation` built by a service module, and every
retry decision comes from :func:`notify_sdk._retry.decide`; the per-call
bookkeeping both drivers share lives in :class:`~notify_sdk._http.call.Call`.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs
import httpx
import tenacity

from .._core import Context, Operation
from .._core.params import check_policy
from .._retry import Action, RetryBudget, RetryPolicy, RetryStats
from .._tracking_methods import AsyncTrackingMethods, TrackingMethods
from ..errors import NotifyError
from .call import Call, complete
from .config import Config
from .redact import redact_in_httpx_logs

# The service packages (their builders, models and enums) are most of what
# importing the SDK would cost: the client's methods load them on first use.
# Type checkers and readers see the real mixins.
if TYPE_CHECKING:
    # notify_sdk.hooks is imported only by clients given hooks (see Call).
    from ..hooks import Hooks, HookSet
    from ..services.brand import AsyncBrandMethods, BrandMethods
    from ..services.checked_sends import AsyncTemplateCheckMethods, TemplateCheckMethods
    from ..services.kakao import AsyncKakaoMethods, KakaoMethods
    from ..services.management import AsyncManagementMethods, ManagementMethods
    from ..services.sms import AsyncSmsMethods, SmsMethods
else:
    from .._core.lazy import lazy_mixin

    #: Per service package: its sync and async mixins and their attribute
    #: names, private ones included (tests/_http/test_lazy_methods.py checks
    #: these against the real mixins).
    SERVICE_MIXINS: dict[str, tuple[str, str, tuple[str, ...]]] = {
        "notify_sdk.services.sms": ("SmsMethods", "AsyncSmsMethods", (
            "cancel_scheduled_sms", "get_sms_delivery", "list_sender_numbers",
            "list_sms_deliveries", "send_ad_mms",
            "send_ad_sms", "send_auth_sms", "send_mms", "send_sms", "upload_attachment",
        )),
        "notify_sdk.services.kakao": ("KakaoMethods", "AsyncKakaoMethods", (
            "cancel_alimtalk", "cancel_friendtalk", "get_alimtalk_message",
            "get_friendtalk_message", "get_sender_profile", "list_alimtalk_messages",
            "list_friendtalk_messages", "list_sender_profiles", "search_alimtalk_results",
            "search_friendtalk_results", "send_alimtalk", "send_alimtalk_raw", "send_friendtalk",
        )),
        "notify_sdk.services.brand": ("BrandMethods", "AsyncBrandMethods", (
            "cancel_brand_message", "get_brand_message", "list_brand_messages",
            "register_brand_video", "send_brand_message", "send_brand_template",
            "upload_brand_image", "upload_brand_video",
        )),
        "notify_sdk.services.management": ("ManagementMethods", "AsyncManagementMethods", (
            "add_opted_out_recipients",
            "cancel_sms_reservations_matching",
            "comment_alimtalk_template",
            "comment_alimtalk_template_with_files",
            "create_sms_template",
            "create_sms_template_category",
            "delete_alimtalk_template",
            "delete_brand_image",
            "delete_brand_template",
            "delete_brand_videos",
            "delete_sms_template",
            "delete_sms_template_category",
            "filter_opted_out",
            "get_alimtalk_auth_message",
            "get_alimtalk_template",
            "get_alimtalk_template_status",
            "get_brand_sender_profile",
            "get_brand_template",
            "get_kakao_delivery_statistics",
            "get_kakao_stats",
            "get_kakao_stats_total",
            "get_kakao_template_statistics",
            "get_optout_number",
            "get_sender_group",
            "get_sms_international_stats",
            "get_sms_reservation",
            "get_sms_stats",
            "get_sms_template",
            "get_sms_template_category",
            "list_alimtalk_auth_messages",
            "list_alimtalk_template_categories",
            "list_alimtalk_template_modifications",
            "list_alimtalk_templates",
            "list_brand_images",
            "list_brand_templates",
            "list_brand_videos",
            "list_opted_out_recipients",
            "list_optout_numbers",
            "list_sender_categories",
            "list_sms_reservation_cancels",
            "list_sms_reservations",
            "list_sms_template_categories",
            "list_sms_templates",
            "modify_alimtalk_template",
            "modify_brand_template",
            "modify_sms_template",
            "modify_sms_template_category",
            "register_alimtalk_template",
            "register_brand_template",
            "remove_opted_out_recipients",
            "send_alimtalk_auth",
            "send_alimtalk_auth_raw",
            "set_brand_unsubscribe_content",
            "upload_alimtalk_item_highlight_image",
            "upload_alimtalk_template_image",
        )),
        "notify_sdk.services.checked_sends": ("TemplateCheckMethods", "AsyncTemplateCheckMethods", (
            "_template_cache", "_template_check", "clear_template_cache",
            "disable_template_check", "enable_template_check", "send_ad_mms", "send_ad_sms",
            "send_alimtalk", "send_auth_sms", "send_brand_template", "send_mms", "send_sms",
        )),
    }  # fmt: skip
    _LAZY = {
        name: lazy_mixin(module, name, names)
        for module, (sync, async_, names) in SERVICE_MIXINS.items()
        for name in (sync, async_)
    }
    SmsMethods, AsyncSmsMethods = _LAZY["SmsMethods"], _LAZY["AsyncSmsMethods"]
    KakaoMethods, AsyncKakaoMethods = _LAZY["KakaoMethods"], _LAZY["AsyncKakaoMethods"]
    BrandMethods, AsyncBrandMethods = _LAZY["BrandMethods"], _LAZY["AsyncBrandMethods"]
    ManagementMethods = _LAZY["ManagementMethods"]
    AsyncManagementMethods = _LAZY["AsyncManagementMethods"]
    TemplateCheckMethods = _LAZY["TemplateCheckMethods"]
    AsyncTemplateCheckMethods = _LAZY["AsyncTemplateCheckMethods"]

__all__ = ["AsyncNotifyClient", "NotifyClient"]

T = TypeVar("T")

_STOP = tenacity.stop_never


class _Base:
    """Configuration shared by both clients."""

    _config: Config
    _policy: RetryPolicy
    _budget: RetryBudget
    _closed: bool
    _hooks: HookSet | None

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
        hooks: Hooks | Sequence[Hooks] | None,
        naive_datetimes: str | None = None,
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
            naive_datetimes=naive_datetimes,
        )
        check_policy(retry)
        self._policy = retry if retry is not None else RetryPolicy()
        self._budget = RetryBudget()
        self._closed = False
        self._hooks = None
        if hooks is not None:
            from ..hooks import Hooks

            self._set_hooks([hooks] if isinstance(hooks, Hooks) else list(hooks))
        self._ctx = Context(self._config)
        redact_in_httpx_logs()

    @property
    def _context(self) -> Context:
        return self._ctx

    @property
    def retry_policy(self) -> RetryPolicy:
        """The client's default retry policy (a call's ``retry=`` overrides it)."""
        return self._policy

    def _set_hooks(self, hooks: list[Hooks]) -> None:
        from ..hooks import HookSet

        # One reference swap: calls already running keep the set they started with.
        self._hooks = HookSet(hooks) if hooks else None

    @property
    def hooks(self) -> tuple[Hooks, ...]:
        """The :class:`~notify_sdk.hooks.Hooks` this client calls, in order."""
        return self._hooks.hooks if self._hooks is not None else ()

    def add_hooks(self, hooks: Hooks) -> None:
        """Call ``hooks`` too, from the next call on (see :mod:`notify_sdk.hooks`)."""
        self._set_hooks([*self.hooks, hooks])

    def remove_hooks(self, hooks: Hooks) -> None:
        """Stop calling ``hooks`` (added with :meth:`add_hooks` or ``hooks=``).

        Raises:
            ValueError: ``hooks`` is not one of this client's.
        """
        current = list(self.hooks)
        current.remove(hooks)
        self._set_hooks(current)

    @property
    def retry_stats(self) -> RetryStats:
        """Attempts, retries and the retry budget left, counted since the client was made."""
        return self._budget.stats()

    def __repr__(self) -> str:
        # The config repr omits secret keys by construction.
        return f"{type(self).__name__}(sms={self._config.sms!r}, kakao={self._config.kakao!r})"


class NotifyClient(
    _Base,
    TemplateCheckMethods,
    SmsMethods,
    KakaoMethods,
    BrandMethods,
    ManagementMethods,
    TrackingMethods,
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
        hooks: :class:`~notify_sdk.hooks.Hooks` (or a list of them) called
            with a small redacted event at each step of every call: metrics,
            tracing, audit logs. More can be added with :meth:`add_hooks`.
        naive_datetimes: how to read a ``datetime`` without a timezone in
            ``scheduled_at`` and the date filters. It is always taken as Korea
            wall-clock time; with the default ``None`` the client warns once
            (a ``UserWarning``) the first time it meets one, because a naive
            time made on a UTC host is then 9 hours off. Pass
            ``"Asia/Seoul"`` to say Korea time is meant and silence it.

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
        hooks: Hooks | Sequence[Hooks] | None = None,
        naive_datetimes: str | None = None,
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
            hooks=hooks,
            naive_datetimes=naive_datetimes,
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

    def _execute(self, op: Operation[T], lookup_for: Call | None = None) -> T:
        check_policy(op.retry)
        call = Call(
            op,
            self._policy if op.retry is None else op.retry,
            self._budget,
            is_lookup=lookup_for is not None,
            hooks=self._hooks,
            parent=lookup_for,
        )
        try:
            return cast(T, self._run(call))
        finally:
            if lookup_for is not None:
                lookup_for.lookups += call.sends

    def _run(self, call: Call) -> Any:
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

    def _attempt(self, call: Call) -> Any:
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

    def _send_once(self, call: Call) -> Any:
        if self._closed:
            raise call.closed(in_flight=False)
        method, url, kwargs = call.request_args(self._config)
        started = time.perf_counter()
        try:
            try:
                request = self._http.build_request(method, url, **kwargs)
            except UnicodeEncodeError:
                call.sends -= 1  # built, never sent: not an attempt
                raise call.unencodable() from None
            # Streamed so that the deadline also bounds a server that trickles
            # its answer: httpx's read timeout is per read, not per response.
            response = self._http.send(request, stream=True)
            try:
                chunks = []
                for chunk in response.iter_bytes():
                    chunks.append(chunk)
                    if call.past_deadline() and not complete(response):
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

    def _reconcile(self, call: Call) -> Any:
        try:
            return self._find(call, settle=True)
        except NotifyError as exc:
            raise call.lookup_failed(exc) from exc

    def _quiet_find(self, call: Call, *, settle: bool) -> Any:
        try:
            return self._find(call, settle=settle)
        except NotifyError:
            return None

    def _find(self, call: Call, *, settle: bool) -> Any:
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
    AsyncTemplateCheckMethods,
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
        hooks: Hooks | Sequence[Hooks] | None = None,
        naive_datetimes: str | None = None,
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
            hooks=hooks,
            naive_datetimes=naive_datetimes,
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

    async def _execute(self, op: Operation[T], lookup_for: Call | None = None) -> T:
        check_policy(op.retry)
        call = Call(
            op,
            self._policy if op.retry is None else op.retry,
            self._budget,
            is_lookup=lookup_for is not None,
            hooks=self._hooks,
            parent=lookup_for,
        )
        try:
            return cast(T, await self._run(call))
        finally:
            if lookup_for is not None:
                lookup_for.lookups += call.sends

    async def _run(self, call: Call) -> Any:
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

    async def _attempt(self, call: Call) -> Any:
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

    async def _send_once(self, call: Call) -> Any:
        if self._closed:
            raise call.closed(in_flight=False)
        method, url, kwargs = call.request_args(self._config)
        started = time.perf_counter()
        try:
            try:
                request = self._http.build_request(method, url, **kwargs)
            except UnicodeEncodeError:
                call.sends -= 1  # built, never sent: not an attempt
                raise call.unencodable() from None
            response = await self._http.send(request, stream=True)
            try:
                chunks = []
                async for chunk in response.aiter_bytes():
                    chunks.append(chunk)
                    if call.past_deadline() and not complete(response):
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

    async def _reconcile(self, call: Call) -> Any:
        try:
            return await self._find(call, settle=True)
        except NotifyError as exc:
            raise call.lookup_failed(exc) from exc

    async def _quiet_find(self, call: Call, *, settle: bool) -> Any:
        try:
            return await self._find(call, settle=settle)
        except NotifyError:
            return None

    async def _find(self, call: Call, *, settle: bool) -> Any:
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
