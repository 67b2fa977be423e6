"""``NotifyClient`` and ``AsyncNotifyClient``: configuration, lifecycle and the methods.

Both execute :class:`~notify_sdk._core.Operation` objects built by the
service modules. The driving itself (send, look up, sleep, as the per-call
machine of :mod:`notify_sdk._retry.machine` says) is written once, in
:mod:`.async_driver`; :mod:`.sync_driver` is generated from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

import httpx

from .._core import Context
from .._core.params import check_policy
from .._retry import RetryBudget, RetryPolicy, RetryStats
from .._tracking_methods import AsyncTrackingMethods, TrackingMethods
from .async_driver import AsyncDriver
from .config import Config

# The client methods are generated from the endpoint declarations
# (tools/gen_methods.py writes .mixins and its typed twin .mixins.pyi). Each is
# made on first lookup, so that the service packages (their builders, models
# and enums, most of what importing the SDK would cost) load on first use. The
# template-checked sends are a hand-written mixin, loaded through a stand-in
# named in SERVICE_MIXINS.
from .mixins import (
    SERVICE_MIXINS,
    AsyncBrandMethods,
    AsyncKakaoMethods,
    AsyncManagementMethods,
    AsyncSmsMethods,
    BrandMethods,
    KakaoMethods,
    ManagementMethods,
    SmsMethods,
)
from .redact import redact_in_httpx_logs
from .sync_driver import SyncDriver

if TYPE_CHECKING:
    # notify_sdk.hooks is imported only by clients given hooks (see Call).
    from ..hooks import Hooks, HookSet
    from ..services.checked_sends import AsyncTemplateCheckMethods, TemplateCheckMethods
else:
    from .._core.lazy import lazy_mixin

    _LAZY = {
        name: lazy_mixin(module, name, names)
        for module, (sync, async_, names) in SERVICE_MIXINS.items()
        for name in (sync, async_)
    }
    TemplateCheckMethods = _LAZY["TemplateCheckMethods"]
    AsyncTemplateCheckMethods = _LAZY["AsyncTemplateCheckMethods"]

__all__ = ["AsyncNotifyClient", "NotifyClient"]

#: The client arguments that make its :class:`Config`.
_CONFIG_ARGS = (
    "sms_app_key",
    "sms_secret_key",
    "kakao_app_key",
    "kakao_secret_key",
    "sms_sender",
    "kakao_sender_key",
    "timeout",
    "sms_base_url",
    "kakao_base_url",
    "naive_datetimes",
)


class _Base:
    """Configuration shared by both clients."""

    _config: Config
    _policy: RetryPolicy
    _budget: RetryBudget
    _closed: bool
    _hooks: HookSet | None

    def _setup(self, given: dict[str, Any]) -> None:
        """Configure from the constructor's arguments (its ``locals()``)."""
        self._config = Config.build(**{name: given[name] for name in _CONFIG_ARGS})
        retry = given["retry"]
        check_policy(retry)
        self._policy = retry if retry is not None else RetryPolicy()
        self._budget = RetryBudget()
        self._closed = False
        self._hooks = None
        hooks = given["hooks"]
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
    SyncDriver,
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
        self._setup(locals())
        self._open(http_client)

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


class AsyncNotifyClient(
    _Base,
    AsyncDriver,
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
        self._setup(locals())
        self._open(http_client)

    async def aclose(self) -> None:
        """Close the client and its pool, as :meth:`NotifyClient.close` does (awaitable)."""
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
