"""The client's service methods and the package's service models load on first use.

``import notify_sdk`` must not import the service packages (their builders,
models and enums are most of what importing the SDK would cost); these tests
pin that, and that the lazy stand-ins name exactly what the real mixins have.
"""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys

import pytest

import notify_sdk
from notify_sdk._http import client as client_module


@pytest.mark.parametrize("module", sorted(client_module.SERVICE_MIXINS))
def test_the_lazy_mixins_name_every_attribute_of_the_real_ones(module: str) -> None:
    sync, async_, names = client_module.SERVICE_MIXINS[module]
    package = importlib.import_module(module)
    for mixin in (sync, async_):
        real = getattr(package, mixin)
        defined = {n for base in real.__mro__[:-1] for n in vars(base) if not n.startswith("__")}
        assert set(names) == defined, (
            f"{mixin}: run `python tools/gen_methods.py` (it writes SERVICE_MIXINS)"
        )


def test_import_loads_no_service_package() -> None:
    code = (
        "import sys, notify_sdk\n"
        "print(sorted(m for m in sys.modules if m.startswith('notify_sdk.services')"
        " or m in ('notify_sdk.delivery', 'notify_sdk.brand')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"


#: What an application that only sends SMS must never load (memory and import time).
_NOT_FOR_SMS = (
    "notify_sdk.services.kakao",
    "notify_sdk.services.brand",
    "notify_sdk.services.sms.templates",
    "notify_sdk.brand",
    "notify_sdk.delivery",
)


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_an_sms_send_loads_no_kakao_brand_or_template_module(kind: str) -> None:
    answer = (
        '{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"SUCCESS"},'
        '"body":{"data":{"requestId":"R1","statusCode":"2","sendResultList":'
        '[{"recipientSeq":1,"recipientNo":"01012345678","resultCode":0}]}}}'
    )
    code = f"""
import asyncio, sys, httpx, notify_sdk
def answer(request):
    return httpx.Response(200, content={answer!r}.encode())
kwargs = dict(sms_app_key="a", sms_secret_key="b", sms_sender="0212345678")
if {kind!r} == "sync":
    with notify_sdk.NotifyClient(
        http_client=httpx.Client(transport=httpx.MockTransport(answer)), **kwargs
    ) as client:
        assert client.send_sms("01012345678", "hi").ok
else:
    async def main():
        http = httpx.AsyncClient(transport=httpx.MockTransport(answer))
        async with notify_sdk.AsyncNotifyClient(http_client=http, **kwargs) as client:
            assert (await client.send_sms("01012345678", "hi")).ok
    asyncio.run(main())
print(sorted(m for m in sys.modules if m.startswith({_NOT_FOR_SMS!r})))
"""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"


def test_a_lazy_method_is_the_real_one_once_looked_up() -> None:
    method = notify_sdk.NotifyClient.send_sms
    from notify_sdk.services.checked_sends import TemplateCheckMethods

    # The first mixin of the client that defines it wins, as without the laziness.
    assert method is vars(TemplateCheckMethods)["send_sms"]
    assert TemplateCheckMethods in notify_sdk.NotifyClient.__mro__  # the real mixin, now
    assert "to" in inspect.signature(method).parameters
    assert notify_sdk.AsyncNotifyClient.send_sms is not method  # the async twin


@pytest.mark.parametrize("name", notify_sdk.__all__)
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(notify_sdk, name) is not None
    assert name in dir(notify_sdk)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        notify_sdk.NoSuchThing  # noqa: B018
