"""Client configuration: credentials, defaults, base URLs and timeouts.

Keyword arguments win over environment variables. Credentials are checked
lazily, per service, so an SMS-only application never needs KakaoTalk keys.
"""

from __future__ import annotations

import os

import attrs
import httpx

from .._core.operation import Namespace
from ..errors import ConfigurationError
from ..errors._base import quote

__all__ = ["DEFAULT_KAKAO_BASE_URL", "DEFAULT_SMS_BASE_URL", "Config", "Credentials"]


DEFAULT_SMS_BASE_URL = "https://sms.api.nhncloudservice.com"
DEFAULT_KAKAO_BASE_URL = "https://kakaotalk-bizmessage.api.nhncloudservice.com"

_ENV = {
    "sms": ("NHN_SMS_APP_KEY", "NHN_SMS_SECRET_KEY", "NHN_SMS_BASE_URL"),
    "kakao": ("NHN_KAKAO_APP_KEY", "NHN_KAKAO_SECRET_KEY", "NHN_KAKAO_BASE_URL"),
}


def mask_key(key: str | None) -> str:
    """An app key as ``repr`` shows it: its first 4 characters, then ``***``."""
    if key is None:
        return "None"
    return repr(f"{key[:4]}***") if len(key) > 8 else "'***'"


@attrs.frozen(slots=True)
class Credentials:
    """The app key / secret key pair and base URL of one service.

    The secret key is excluded from ``repr`` and the app key masked, so that
    neither can leak through logs, tracebacks or debuggers printing the client.
    """

    app_key: str | None = attrs.field(repr=lambda key: mask_key(key))
    secret_key: str | None = attrs.field(repr=False)
    base_url: str

    def require(self, namespace: Namespace) -> tuple[str, str]:
        """Return ``(app_key, secret_key)`` or raise :class:`ConfigurationError`."""
        app_env, secret_env, _ = _ENV[namespace]
        missing = []
        if not self.app_key:
            missing.append(f"{namespace}_app_key= (or ${app_env})")
        if not self.secret_key:
            missing.append(f"{namespace}_secret_key= (or ${secret_env})")
        if missing:
            service = "SMS" if namespace == "sms" else "KakaoTalk Bizmessage"
            raise ConfigurationError(
                f"{service} credentials are missing: pass {' and '.join(missing)} to the client"
            )
        assert self.app_key is not None and self.secret_key is not None
        return self.app_key, self.secret_key


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


@attrs.frozen(slots=True)
class Config:
    """Everything a client needs besides its HTTP connection pool."""

    sms: Credentials
    kakao: Credentials
    sms_sender: str | None
    kakao_sender_key: str | None
    timeout: httpx.Timeout
    #: ``"Asia/Seoul"``: naive datetimes are Korea time on purpose (no warning).
    naive_datetimes: str | None = None

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
        sms_env, kakao_env = _ENV["sms"], _ENV["kakao"]
        return cls(
            sms=Credentials(
                _key(sms_app_key, sms_env[0], "sms_app_key"),
                _key(sms_secret_key, sms_env[1], "sms_secret_key"),
                _base_url(sms_base_url, sms_env[2], DEFAULT_SMS_BASE_URL),
            ),
            kakao=Credentials(
                _key(kakao_app_key, kakao_env[0], "kakao_app_key"),
                _key(kakao_secret_key, kakao_env[1], "kakao_secret_key"),
                _base_url(kakao_base_url, kakao_env[2], DEFAULT_KAKAO_BASE_URL),
            ),
            sms_sender=_pick(sms_sender, "NHN_SMS_SENDER"),
            kakao_sender_key=_pick(kakao_sender_key, "NHN_KAKAO_SENDER_KEY"),
            timeout=http_timeout,
            naive_datetimes=naive_datetimes,
        )

    def credentials(self, namespace: Namespace) -> Credentials:
        """The credentials of ``namespace``."""
        return self.sms if namespace == "sms" else self.kakao
