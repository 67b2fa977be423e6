"""Client configuration: credentials, defaults, base URLs and timeouts.

Keyword arguments win over environment variables. Credentials are checked
lazily, per service, so an SMS-only application never needs KakaoTalk keys.
Each service authenticates through its own :class:`Auth` strategy
(:class:`SecretKeyAuth` for SMS and KakaoTalk Bizmessage today); a service
with another scheme adds its :class:`Credentials` to ``Config.services``.
"""

from __future__ import annotations

import math
import os
from typing import Protocol

import attrs
import httpx

from .._core.record import Record
from ..errors import ConfigurationError
from ..errors._base import quote

__all__ = [
    "DEFAULT_KAKAO_BASE_URL",
    "DEFAULT_SMS_BASE_URL",
    "AppKeyBearerAuth",
    "Auth",
    "Config",
    "Credentials",
    "SecretKeyAuth",
]


DEFAULT_SMS_BASE_URL = "https://sms.api.nhncloudservice.com"
DEFAULT_KAKAO_BASE_URL = "https://kakaotalk-bizmessage.api.nhncloudservice.com"

_ENV = {
    "sms": ("NHN_SMS_APP_KEY", "NHN_SMS_SECRET_KEY", "NHN_SMS_BASE_URL"),
    "kakao": ("NHN_KAKAO_APP_KEY", "NHN_KAKAO_SECRET_KEY", "NHN_KAKAO_BASE_URL"),
}
_TITLES = {"sms": "SMS", "kakao": "KakaoTalk Bizmessage"}
_JSON_CONTENT_TYPE = "application/json;charset=UTF-8"


def mask_key(key: str | None) -> str:
    """An app key as ``repr`` shows it: its first 4 characters, then ``***``."""
    if key is None:
        return "None"
    return repr(f"{key[:4]}***") if len(key) > 8 else "'***'"


class Auth(Protocol):
    """How a service authenticates a request: the headers every request carries.

    A strategy holds its secrets and keeps them out of ``repr``; a service
    with another scheme (the Notification Hub's app key and Bearer token)
    is one more strategy, chosen by the service's :class:`Credentials`.
    """

    def missing(self) -> list[str]:
        """The settings still needed, as an error names them (``"x= (or $X)"``)."""
        ...

    def headers(self) -> dict[str, str]:
        """The authentication headers (called once per client, not per request)."""
        ...


@attrs.frozen(slots=True)
class SecretKeyAuth:
    """``X-Secret-Key: <secret key>``: SMS and KakaoTalk Bizmessage.

    Args:
        secret_key: the service's secret key (never shown in ``repr``).
        setting: how an error names the setting, e.g. ``"sms_secret_key= (or $X)"``.
    """

    secret_key: str | None = attrs.field(repr=False)
    setting: str = attrs.field(repr=False, default="secret_key")

    def missing(self) -> list[str]:
        """``[setting]`` when the secret key is missing."""
        return [] if self.secret_key else [self.setting]

    def headers(self) -> dict[str, str]:
        """The ``X-Secret-Key`` header."""
        return {"X-Secret-Key": self.secret_key or ""}


class AppKeyBearerAuth(Record):
    """``X-NC-APP-KEY: <app key>`` and ``Authorization: Bearer <token>``.

    The scheme of NHN's Notification Hub API: the app key travels in a
    header instead of the path. Neither value is shown in ``repr``.

    Args:
        app_key: the app key.
        token: the Bearer token.
        settings: how an error names the two settings.
    """

    __slots__ = ("app_key", "settings", "token")
    _hidden = __slots__

    def __init__(
        self,
        app_key: str | None,
        token: str | None,
        settings: tuple[str, str] = ("app_key", "token"),
    ) -> None:
        self.app_key = app_key
        self.token = token
        self.settings = settings

    def missing(self) -> list[str]:
        """The settings of the missing values."""
        values = (self.app_key, self.token)
        return [name for name, value in zip(self.settings, values, strict=True) if not value]

    def headers(self) -> dict[str, str]:
        """The app key and Bearer token headers."""
        return {"X-NC-APP-KEY": self.app_key or "", "Authorization": f"Bearer {self.token or ''}"}


class Credentials(Record):
    """The app key, authentication and base URL of one service.

    The secrets live in ``auth`` and are excluded from ``repr``; the app key
    is masked, so that neither can leak through logs, tracebacks or
    debuggers printing the client.

    Attributes:
        app_key: what replaces ``{appkey}`` in request paths (``None``: the
            service does not put one there, or it is missing).
        auth: the :class:`Auth` strategy.
        base_url: scheme and host (and a path prefix, if any), no trailing slash.
        title: the service's name in error messages.
        app_key_setting: how an error names the app key setting (``None``: the
            service needs none in its paths).
    """

    __slots__ = (
        "app_key",
        "app_key_setting",
        "auth",
        "base_url",
        "form_headers",  # the headers of a multipart request, made once
        "json_headers",  # and of a JSON one
        "title",
    )

    def __init__(
        self,
        app_key: str | None,
        auth: Auth,
        base_url: str,
        title: str = "",
        app_key_setting: str | None = "app_key",
    ) -> None:
        self.app_key = app_key
        self.auth = auth
        self.base_url = base_url
        self.title = title
        self.app_key_setting = app_key_setting
        form = auth.headers()
        self.form_headers = form
        self.json_headers = {**form, "Content-Type": _JSON_CONTENT_TYPE}

    def __repr__(self) -> str:
        return f"Credentials(app_key={mask_key(self.app_key)}, base_url={self.base_url!r})"

    @property
    def secret_key(self) -> str | None:
        """The secret key of a secret-key service (``None`` for other schemes)."""
        return self.auth.secret_key if isinstance(self.auth, SecretKeyAuth) else None

    def check(self) -> None:
        """Raise :class:`ConfigurationError` naming every missing setting."""
        missing = [] if self.app_key or self.app_key_setting is None else [self.app_key_setting]
        missing += self.auth.missing()
        if missing:
            raise ConfigurationError(
                f"{self.title} credentials are missing: pass {' and '.join(missing)} to the client"
            )

    def url(self, path: str) -> str:
        """The URL of ``path``, its ``{appkey}`` filled in (call :meth:`check` first)."""
        return self.base_url + path.replace("{appkey}", self.app_key or "")


def _pick(value: str | None, env: str) -> str | None:
    if value is not None:
        return value
    found = os.environ.get(env)
    return found if found else None


def _key(value: str | None, env: str, name: str) -> str | None:
    """A credential: keyword or environment, printable ASCII (it travels in headers/paths)."""
    key = _pick(value, env)
    if key is not None and (not isinstance(key, str) or not key.isascii() or not key.isprintable()):
        # The value itself is never echoed: it may be a secret.
        raise ConfigurationError(f"{name} (or ${env}) must be printable ASCII text")
    return key


def _without_userinfo(url: str) -> str:
    """``url`` as an error may quote it: any ``user:password@`` part removed."""
    scheme, sep, rest = url.partition("//") if "//" in url else ("", "", url)
    authority, slash, path = rest.partition("/")
    if "@" in authority:
        authority = "***@" + authority.rsplit("@", 1)[1]
    return quote(f"{scheme}{sep}{authority}{slash}{path}", 120)


def _base_url(value: str | None, env: str, default: str) -> str:
    url = _pick(value, env) or default
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        shown = _without_userinfo(url) if isinstance(url, str) else type(url).__name__
        raise ConfigurationError(f"base URL {shown} ({env}) must start with http:// or https://")
    if "@" in url.split("//", 1)[1].split("/", 1)[0]:
        # The API authenticates by app key and secret header; credentials in
        # the URL would travel (and be logged) with every request.
        raise ConfigurationError(
            f"base URL {_without_userinfo(url)} ({env}) must not carry user:password@"
        )
    return url.rstrip("/")


class Config(Record):
    """Everything a client needs besides its HTTP connection pool.

    Attributes:
        naive_datetimes: ``"Asia/Seoul"``: naive datetimes are Korea time on
            purpose (no warning).
        services: every service's credentials by namespace.
        longest_timeout: the longest of the timeout's connect, read and
            write parts (``inf``: unbounded).
    """

    __slots__ = (
        "kakao",
        "kakao_sender_key",
        "longest_timeout",
        "naive_datetimes",
        "services",
        "sms",
        "sms_sender",
        "timeout",
    )
    _hidden = ("services", "longest_timeout")

    def __init__(
        self,
        sms: Credentials,
        kakao: Credentials,
        sms_sender: str | None,
        kakao_sender_key: str | None,
        timeout: httpx.Timeout,
        naive_datetimes: str | None = None,
    ) -> None:
        self.sms = sms
        self.kakao = kakao
        self.sms_sender = sms_sender
        self.kakao_sender_key = kakao_sender_key
        self.timeout = timeout
        self.naive_datetimes = naive_datetimes
        self.services: dict[str, Credentials] = {"sms": sms, "kakao": kakao}
        ceiling = (timeout.connect, timeout.read, timeout.write)
        self.longest_timeout = (
            math.inf if None in ceiling else max(v for v in ceiling if v is not None)
        )

    @classmethod
    def build(
        cls,
        *,
        sms_app_key: str | None,
        sms_secret_key: str | None,
        kakao_app_key: str | None,
        kakao_secret_key: str | None,
        sms_sender: str | None,
        kakao_sender_key: str | None,
        timeout: float | httpx.Timeout,
        sms_base_url: str | None,
        kakao_base_url: str | None,
        naive_datetimes: str | None = None,
    ) -> Config:
        """Merge keyword arguments with the environment (keywords win)."""
        if naive_datetimes not in (None, "Asia/Seoul"):
            raise ConfigurationError(
                f'naive_datetimes must be None or "Asia/Seoul", not {naive_datetimes!r}'
            )
        if isinstance(timeout, httpx.Timeout):
            http_timeout = timeout
        elif isinstance(timeout, (int, float)) and not isinstance(timeout, bool) and timeout > 0:
            http_timeout = httpx.Timeout(float(timeout))
        else:
            raise ConfigurationError(
                f"timeout must be a positive number of seconds or an httpx.Timeout, not {timeout!r}"
            )
        return cls(
            sms=_secret_key_service("sms", sms_app_key, sms_secret_key, sms_base_url),
            kakao=_secret_key_service("kakao", kakao_app_key, kakao_secret_key, kakao_base_url),
            sms_sender=_pick(sms_sender, "NHN_SMS_SENDER"),
            kakao_sender_key=_pick(kakao_sender_key, "NHN_KAKAO_SENDER_KEY"),
            timeout=http_timeout,
            naive_datetimes=naive_datetimes,
        )

    def credentials(self, namespace: str) -> Credentials:
        """The credentials of the service ``namespace``."""
        return self.services[namespace]


_DEFAULT_BASE_URLS = {"sms": DEFAULT_SMS_BASE_URL, "kakao": DEFAULT_KAKAO_BASE_URL}


def _secret_key_service(
    name: str, app_key: str | None, secret_key: str | None, base_url: str | None
) -> Credentials:
    """The credentials of a service that authenticates with ``X-Secret-Key``."""
    app_env, secret_env, url_env = _ENV[name]
    return Credentials(
        _key(app_key, app_env, f"{name}_app_key"),
        SecretKeyAuth(
            _key(secret_key, secret_env, f"{name}_secret_key"),
            f"{name}_secret_key= (or ${secret_env})",
        ),
        _base_url(base_url, url_env, _DEFAULT_BASE_URLS[name]),
        title=_TITLES[name],
        app_key_setting=f"{name}_app_key= (or ${app_env})",
    )
