"""The retry-safety suite of the async client over each HTTP transport it supports.

``AsyncNotifyClient(http_client=...)`` takes any ``httpx.AsyncClient``: httpx's
own connection pool, or the ``httpx-aiohttp`` transport of the
``notify-sdk[aiohttp]`` extra. The ``transport`` fixture runs the same tests
over both, against the emulator served on loopback (real sockets: respx and
the in-process emulator transport never reach aiohttp), with the faults that
matter for retry safety: a connection dropped after the server stored the
message, one dropped before, and throttling. Whatever the transport, no
recipient gets a message twice and no send reported accepted is missing.

httpx-aiohttp reports every dropped connection as ``httpx.ConnectTimeout``,
even one dropped after the request was written: the SDK reads the aiohttp
error behind it, and treats as "not sent" only what aiohttp itself calls a
connect failure.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from notify_sdk import AsyncNotifyClient, NotifyError, SendResult
from notify_sdk._http.transport import map_transport_error
from notify_sdk.testing import Emulator, faults
from tests.testing.test_sdk_emulator import (
    FAST,
    SCENARIOS,
    check_invariants,
    inject_storm,
    numbers,
)

_MISSING = (
    "httpx-aiohttp is not installed: these tests need the aiohttp extra "
    "(pip install -e '.[test,docs,celery,cli,aiohttp]', as .ci/run does)"
)


def _aiohttp() -> Any:
    """The aiohttp package; a missing one fails the test (it never skips)."""
    try:
        import aiohttp
        import httpx_aiohttp  # noqa: F401
    except ImportError:
        pytest.fail(_MISSING)
    return aiohttp


def _aiohttp_client() -> httpx.AsyncClient:
    _aiohttp()
    from httpx_aiohttp import HttpxAiohttpClient

    return HttpxAiohttpClient()


#: The transports, by name: a factory of the ``http_client`` given to the SDK.
TRANSPORTS: dict[str, Callable[[], httpx.AsyncClient]] = {
    "httpx": httpx.AsyncClient,
    "aiohttp": _aiohttp_client,
}


@pytest.fixture(params=sorted(TRANSPORTS))
def transport(request: pytest.FixtureRequest) -> Callable[[], httpx.AsyncClient]:
    """A factory of the ``httpx.AsyncClient`` the SDK runs over (each transport in turn)."""
    return TRANSPORTS[request.param]


Outcomes = list[tuple[str, SendResult | BaseException]]


def _send_all(
    emulator: Emulator,
    transport: Callable[[], httpx.AsyncClient],
    method: str,
    targets: list[str],
    *args: Any,
    **kwargs: Any,
) -> tuple[Outcomes, Any]:
    """Send to each of ``targets`` at once over ``transport`` to the emulator on loopback."""

    async def run() -> tuple[Outcomes, Any]:
        http = transport()
        try:
            with emulator.serve() as base_url:
                options = {**emulator.client_kwargs(base_url), "http_client": http}
                policy = FAST.evolve(deadline=10.0)
                async with AsyncNotifyClient(retry=policy, **options) as client:

                    async def one(number: str) -> tuple[str, SendResult | BaseException]:
                        try:
                            return number, await getattr(client, method)(number, *args, **kwargs)
                        except NotifyError as error:
                            return number, error

                    outcomes = list(await asyncio.gather(*(one(n) for n in targets)))
                    return outcomes, client.retry_stats
        finally:
            await http.aclose()  # the SDK never closes a client it was given

    return asyncio.run(run())


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_fault_storm_over_the_transport(
    notify_emulator: Emulator, transport: Callable[[], httpx.AsyncClient], scenario: str
) -> None:
    method, args, kwargs, service = SCENARIOS[scenario]
    inject_storm(notify_emulator, service)
    targets = numbers(24)
    outcomes, stats = _send_all(notify_emulator, transport, method, targets, *args, **kwargs)
    check_invariants(notify_emulator, outcomes, service)
    accepted = sum(isinstance(o, SendResult) for _, o in outcomes)
    assert stats.retries > 0, "the faults never fired"
    assert any(isinstance(o, SendResult) and o.recovered for _, o in outcomes)
    assert accepted >= 18, f"only {accepted} of {len(targets)} sends came through"


@pytest.mark.parametrize("service", ["sms", "alimtalk"])
def test_a_connection_dropped_after_the_server_stored_the_send_is_not_resent(
    notify_emulator: Emulator, transport: Callable[[], httpx.AsyncClient], service: str
) -> None:
    method, args, kwargs, _ = SCENARIOS[service]
    notify_emulator.inject(faults.timeout_after_accept(), times=1, match=service)
    ((_, outcome),), _ = _send_all(
        notify_emulator, transport, method, ["01055550001"], *args, **kwargs
    )
    assert isinstance(outcome, SendResult) and outcome.ok, outcome
    # SMS finds the send again by its grouping key; KakaoTalk resends the same
    # idempotency key, which the server answers as already accepted.
    assert outcome.recovered
    notify_emulator.assert_each_recipient_got_exactly_one(["01055550001"])


# --- the phase of an aiohttp failure --------------------------------------------------


def _mapped(cause: BaseException, as_httpx: type[Exception] = httpx.ConnectTimeout) -> Any:
    """What the SDK makes of ``cause`` as httpx-aiohttp raises it (an httpx error from it)."""
    error = as_httpx(str(cause))
    error.__cause__ = cause
    return map_transport_error(error, "sms", "send_sms")


#: aiohttp failures (made from the package by name) after the connection was made.
AFTER_CONNECTING = {
    "server disconnected": lambda a: a.ServerDisconnectedError(),  # request may be written
    "connection reset": lambda a: a.ClientOSError(104, "Connection reset by peer"),
    "body cut short": lambda a: a.ClientPayloadError("body cut short"),
    "connection error": lambda a: a.ClientConnectionError("closed"),
}
CONNECTING = {
    "connect timeout": lambda a: a.ConnectionTimeoutError("connect timed out"),
    "connect refused": lambda a: a.ClientConnectorError(
        a.client_reqrep.ConnectionKey("h", 1, False, True, None, None, None),
        ConnectionRefusedError(111, "refused"),
    ),
}


@pytest.mark.parametrize("cause", sorted(AFTER_CONNECTING))
def test_an_aiohttp_failure_after_connecting_is_ambiguous(cause: str) -> None:
    error = _mapped(AFTER_CONNECTING[cause](_aiohttp()))
    assert error.ambiguous is True
    assert "may or may not" in str(error)


@pytest.mark.parametrize("cause", sorted(CONNECTING))
def test_an_aiohttp_connect_failure_was_not_sent(cause: str) -> None:
    error = _mapped(CONNECTING[cause](_aiohttp()))
    assert error.ambiguous is False
    assert "was not sent" in str(error)


def test_httpx_connect_errors_keep_their_meaning() -> None:
    assert map_transport_error(httpx.ConnectError("refused"), "sms", "x").ambiguous is False
    assert map_transport_error(httpx.ReadTimeout("slow"), "sms", "x").ambiguous is True
