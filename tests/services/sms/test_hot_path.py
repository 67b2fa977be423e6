"""What the single-send hot path shortcuts must keep: unique keys, checked senders, the clock.

The shortcuts (a counter instead of ``os.urandom`` per key, the configured
sender checked once, the build time read as a float) are measured in
``benchmarks/``; these tests pin that none of them changes what is sent.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta, timezone

import pytest
import respx

from notify_sdk._core import Context
from notify_sdk._core.params import new_token
from notify_sdk.errors import ValidationError
from notify_sdk.services.sms.recipients import _CHECKED_SENDERS
from tests.helpers import Api, body_json
from tests.helpers.sms import mock, ok_row, send_answer

__all__ = ["mock"]  # fixtures imported for pytest

TOKEN = re.compile(r"[0-9a-f]{32}")


def test_tokens_are_unique_hex_of_the_old_length() -> None:
    tokens = [new_token() for _ in range(10_000)]
    assert len(set(tokens)) == len(tokens)
    assert all(TOKEN.fullmatch(t) for t in tokens)


def test_a_forked_child_mints_other_tokens_than_its_parent() -> None:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report two tokens and leave at once
        os.write(write, (new_token() + new_token()).encode())
        os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    child = os.read(read, 128).decode()
    os.close(read)
    parent = {new_token() for _ in range(1000)}
    assert len(child) == 64
    assert child[:24] != next(iter(parent))[:24]  # another random prefix
    assert not {child[:32], child[32:]} & parent


async def test_the_configured_sender_is_checked_once_and_sent_as_digits(
    api: Api, mock: respx.MockRouter
) -> None:
    route = mock.post("/sender/sms").respond(json=send_answer([ok_row()]))
    await api.call("send_sms", "01055550123", "hi", sender="02-1234-5678")
    await api.call("send_sms", "01055550123", "hi", sender="02-1234-5678")
    assert body_json(route.calls.last.request)["sendNo"] == "0212345678"
    assert _CHECKED_SENDERS["02-1234-5678"] == "0212345678"


@pytest.mark.parametrize("bad", ["12", "02-1234-abcd", "0" * 14])
async def test_a_bad_sender_is_refused_on_every_send(
    api: Api, mock: respx.MockRouter, bad: str
) -> None:
    for _ in range(2):
        with pytest.raises(ValidationError) as caught:
            await api.call("send_sms", "01055550123", "hi", sender=bad)
        assert caught.value.field == "sender"
    assert bad not in _CHECKED_SENDERS
    assert not mock.calls


def test_a_stamp_is_the_same_moment_as_now_kst() -> None:
    ctx = Context(None)  # type: ignore[arg-type]  # the default clock; no configuration needed
    stamp = ctx.stamp()
    assert isinstance(stamp, float)
    assert abs(ctx.kst_at(stamp) - ctx.now_kst()) < timedelta(seconds=1)


def test_a_stamp_of_an_injected_clock_is_what_that_clock_says() -> None:
    moment = datetime(2026, 11, 24, 3, 0, tzinfo=timezone.utc)
    ctx = Context(None, clock=lambda: moment)  # type: ignore[arg-type]
    assert ctx.kst_at(ctx.stamp()) == datetime(2026, 11, 24, 12, 0)
    assert ctx.kst_at(datetime(2026, 11, 24, 12, 0)) == datetime(2026, 11, 24, 12, 0)


def test_a_brand_bubble_is_checked_and_rendered_once() -> None:
    from notify_sdk import brand

    message = brand.TextMessage("hello", buttons=[brand.Button.web("Shop", "https://x.test")])
    wire = message._checked_wire("message")
    assert wire == message.to_wire()
    assert message._checked_wire("message") is wire  # cached on the frozen model
    assert message == brand.TextMessage(
        "hello", buttons=[brand.Button.web("Shop", "https://x.test")]
    )
    with pytest.raises(ValidationError) as caught:
        brand.TextMessage("")._checked_wire("message")
    assert caught.value.field == "message.content"
