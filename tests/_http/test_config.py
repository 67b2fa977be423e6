"""Client configuration: keywords over environment, lazy per-service credentials,
base URLs, injected HTTP clients, context managers and timeouts.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import respx

from notify_sdk import AsyncNotifyClient, NotifyClient
from notify_sdk._core import JSONDict, Operation, Safety
from notify_sdk._http.config import DEFAULT_KAKAO_BASE_URL, DEFAULT_SMS_BASE_URL
from notify_sdk.errors import ConfigurationError
from tests.helpers import SENDER, envelope
from tests.helpers.sms import ok_row, send_answer

ANSWER = send_answer([ok_row()])


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as m:
        m.route(method="POST", path__regex=r"/sms/v3\.0/appKeys/[^/]+/sender/sms$").respond(
            json=ANSWER
        )
        yield m


def _only_request(router: respx.MockRouter) -> httpx.Request:
    assert router.calls.call_count == 1
    return router.calls.last.request


def _set_env(monkeypatch: pytest.MonkeyPatch, **values: str) -> None:
    for name, value in values.items():
        monkeypatch.setenv(name, value)


def test_environment_is_used(monkeypatch: pytest.MonkeyPatch, router: respx.MockRouter) -> None:
    _set_env(
        monkeypatch,
        NHN_SMS_APP_KEY="env-app",
        NHN_SMS_SECRET_KEY="env-secret",
        NHN_SMS_SENDER="0311112222",
        NHN_SMS_BASE_URL="https://env-sms.example.test/",
    )
    with NotifyClient() as client:
        client.send_sms("01055550123", "hi")
    request = _only_request(router)
    assert str(request.url) == "https://env-sms.example.test/sms/v3.0/appKeys/env-app/sender/sms"
    assert request.headers["X-Secret-Key"] == "env-secret"
    assert b'"sendNo":"0311112222"' in request.content.replace(b" ", b"")


def test_keywords_win_over_environment(
    monkeypatch: pytest.MonkeyPatch, router: respx.MockRouter
) -> None:
    _set_env(
        monkeypatch,
        NHN_SMS_APP_KEY="env-app",
        NHN_SMS_SECRET_KEY="env-secret",
        NHN_SMS_SENDER="0311112222",
        NHN_SMS_BASE_URL="https://env-sms.example.test",
    )
    with NotifyClient(
        sms_app_key="kw-app",
        sms_secret_key="kw-secret",
        sms_sender=SENDER,
        sms_base_url="https://kw-sms.example.test",
    ) as client:
        client.send_sms("01055550123", "hi")
    request = _only_request(router)
    assert str(request.url) == "https://kw-sms.example.test/sms/v3.0/appKeys/kw-app/sender/sms"
    assert request.headers["X-Secret-Key"] == "kw-secret"
    assert f'"sendNo":"{SENDER}"'.encode() in request.content.replace(b" ", b"")


def test_mixed_sources(monkeypatch: pytest.MonkeyPatch, router: respx.MockRouter) -> None:
    _set_env(monkeypatch, NHN_SMS_SECRET_KEY="env-secret")
    with NotifyClient(sms_app_key="kw-app", sms_sender=SENDER) as client:
        client.send_sms("01055550123", "hi")
    request = _only_request(router)
    assert str(request.url) == f"{DEFAULT_SMS_BASE_URL}/sms/v3.0/appKeys/kw-app/sender/sms"
    assert request.headers["X-Secret-Key"] == "env-secret"


def test_default_base_urls() -> None:
    with NotifyClient() as client:
        config = client._config
    assert config.sms.base_url == "https://sms.api.nhncloudservice.com"
    assert config.kakao.base_url == DEFAULT_KAKAO_BASE_URL
    assert DEFAULT_KAKAO_BASE_URL == "https://kakaotalk-bizmessage.api.nhncloudservice.com"


def test_kakao_base_url_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    _set_env(monkeypatch, NHN_KAKAO_BASE_URL="http://localhost:8080/")
    with NotifyClient() as client:
        assert client._config.kakao.base_url == "http://localhost:8080"


@pytest.mark.parametrize("url", ["sms.example.test", "ftp://sms.example.test"])
def test_bad_base_url(url: str) -> None:
    with pytest.raises(ConfigurationError):
        NotifyClient(sms_base_url=url)


# --- lazy, per-service credentials ------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "names"),
    [
        ({}, ["sms_app_key", "NHN_SMS_APP_KEY", "sms_secret_key", "NHN_SMS_SECRET_KEY"]),
        ({"sms_app_key": "a"}, ["sms_secret_key", "NHN_SMS_SECRET_KEY"]),
        ({"sms_secret_key": "s"}, ["sms_app_key", "NHN_SMS_APP_KEY"]),
    ],
)
def test_missing_sms_credentials_raise_on_use(
    router: respx.MockRouter, kwargs: dict[str, str], names: list[str]
) -> None:
    client = NotifyClient(sms_sender=SENDER, **kwargs)  # building it is fine
    with client, pytest.raises(ConfigurationError) as info:
        client.send_sms("01055550123", "hi")
    for name in names:
        assert name in str(info.value)
    assert not router.calls.called


async def test_missing_sms_credentials_async(router: respx.MockRouter) -> None:
    async with AsyncNotifyClient(sms_sender=SENDER) as client:
        with pytest.raises(ConfigurationError, match="NHN_SMS_APP_KEY"):
            await client.send_sms("01055550123", "hi")
    assert not router.calls.called


def _kakao_operation() -> Operation[JSONDict]:
    return Operation(
        namespace="kakao",
        method="GET",
        path="/alimtalk/v2.3/appkeys/{appkey}/senders",
        parse=lambda data: data,
        safety=Safety.READ,
    )


def test_sms_only_client_needs_no_kakao_keys(router: respx.MockRouter) -> None:
    with NotifyClient(sms_app_key="a", sms_secret_key="s", sms_sender=SENDER) as client:
        result = client.send_sms("01055550123", "hi")
        assert result.ok
        with pytest.raises(ConfigurationError) as info:
            client._execute(_kakao_operation())
    message = str(info.value)
    for name in ("kakao_app_key", "NHN_KAKAO_APP_KEY", "kakao_secret_key", "NHN_KAKAO_SECRET_KEY"):
        assert name in message
    assert router.calls.call_count == 1  # the SMS send only


async def test_sms_only_async_client_kakao_use_fails(router: respx.MockRouter) -> None:
    async with AsyncNotifyClient(sms_app_key="a", sms_secret_key="s", sms_sender=SENDER) as client:
        assert (await client.send_sms("01055550123", "hi")).ok
        with pytest.raises(ConfigurationError, match="NHN_KAKAO_APP_KEY"):
            await client._execute(_kakao_operation())


def test_kakao_method_without_kakao_keys(router: respx.MockRouter) -> None:
    """Through the public method, when the KakaoTalk module provides it."""
    client = NotifyClient(sms_app_key="a", sms_secret_key="s")
    with client, pytest.raises(ConfigurationError) as info:
        client.send_alimtalk("01055550123", "TPL", sender_key="k" * 40)
    assert "NHN_KAKAO_APP_KEY" in str(info.value)
    assert not router.calls.called


def test_kakao_keys_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    _set_env(monkeypatch, NHN_KAKAO_APP_KEY="kapp", NHN_KAKAO_SECRET_KEY="ksec")
    _set_env(monkeypatch, NHN_KAKAO_SENDER_KEY="sender-key")
    with respx.mock(assert_all_mocked=True) as m:
        route = m.get(f"{DEFAULT_KAKAO_BASE_URL}/alimtalk/v2.3/appkeys/kapp/senders").respond(
            json=envelope()
        )
        with NotifyClient(kakao_app_key=None) as client:
            client._execute(_kakao_operation())
            assert client._config.kakao_sender_key == "sender-key"
    assert route.calls.last.request.headers["X-Secret-Key"] == "ksec"


# --- http_client injection and closing ---------------------------------------------


def test_injected_client_is_used_and_not_closed(router: respx.MockRouter) -> None:
    own = httpx.Client(headers={"User-Agent": "my-app/1.0"})
    with NotifyClient(
        sms_app_key="a", sms_secret_key="s", sms_sender=SENDER, http_client=own
    ) as client:
        client.send_sms("01055550123", "hi")
    assert not own.is_closed
    assert _only_request(router).headers["User-Agent"] == "my-app/1.0"
    own.close()


async def test_injected_async_client_is_used_and_not_closed(router: respx.MockRouter) -> None:
    own = httpx.AsyncClient(headers={"User-Agent": "my-app/1.0"})
    async with AsyncNotifyClient(
        sms_app_key="a", sms_secret_key="s", sms_sender=SENDER, http_client=own
    ) as client:
        await client.send_sms("01055550123", "hi")
    assert not own.is_closed
    assert _only_request(router).headers["User-Agent"] == "my-app/1.0"
    await own.aclose()


def test_own_client_closed_by_context_manager_and_close() -> None:
    with NotifyClient() as client:
        inner = client._http
        assert not inner.is_closed
    assert inner.is_closed
    other = NotifyClient()
    other.close()
    assert other._http.is_closed


async def test_own_async_client_closed() -> None:
    async with AsyncNotifyClient() as client:
        inner = client._http
    assert inner.is_closed
    other = AsyncNotifyClient()
    await other.aclose()
    assert other._http.is_closed


@pytest.mark.parametrize(
    ("cls", "wrong"),
    [(NotifyClient, httpx.AsyncClient), (AsyncNotifyClient, httpx.Client)],
)
async def test_wrong_kind_of_http_client(cls: type[Any], wrong: type[Any]) -> None:
    other = wrong()
    try:
        with pytest.raises((TypeError, ConfigurationError)):
            cls(http_client=other)
    finally:
        if isinstance(other, httpx.AsyncClient):
            await other.aclose()
        else:
            other.close()


# --- timeouts ----------------------------------------------------------------------


@pytest.mark.parametrize("timeout", [0, -1, 0.0, "10", True, None, float("nan")])
def test_bad_timeout(timeout: object) -> None:
    with pytest.raises(ConfigurationError):
        NotifyClient(timeout=timeout)  # type: ignore[arg-type]


def test_timeouts_accepted() -> None:
    with NotifyClient(timeout=2.5) as client:
        assert client._config.timeout == httpx.Timeout(2.5)
    custom = httpx.Timeout(5.0, connect=1.0)
    with NotifyClient(timeout=custom) as client:
        assert client._config.timeout is custom
    with NotifyClient(timeout=3) as client:
        assert client._config.timeout == httpx.Timeout(3.0)


@pytest.mark.parametrize("name", ["sms_secret_key", "kakao_app_key"])
def test_non_ascii_credentials_are_a_configuration_error(name: str) -> None:
    from notify_sdk import NotifyClient
    from notify_sdk.errors import ConfigurationError

    with pytest.raises(ConfigurationError) as info:
        NotifyClient(**{name: "비밀-key"})  # type: ignore[arg-type]
    assert name in str(info.value) and "비밀" not in str(info.value)
