"""Brand Message bubbles to JSON-ready dicts and back (what JSON task queues carry)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from notify_sdk.brand import (
    Button,
    CarouselTail,
    TextMessage,
    message_from_dict,
    message_to_dict,
)
from tests.helpers.brand import SAMPLES


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_every_bubble_survives_json(kind: str) -> None:
    message, wire = SAMPLES[kind]
    data = message_to_dict(message)
    back = message_from_dict(json.loads(json.dumps(data)))
    assert back == message and type(back) is type(message)
    # The same request goes out: the model rendered from the dict is the model sent.
    assert back.to_wire() == wire


def test_the_dict_names_the_models_and_leaves_defaults_out() -> None:
    message = TextMessage("(광고) Hi", buttons=[Button.web("Go", "https://a.example")])
    assert message_to_dict(message) == {
        "model": "TextMessage",
        "content": "(광고) Hi",
        "buttons": [
            {"model": "Button", "name": "Go", "type": "WL", "link_mo": "https://a.example"}
        ],
    }


@pytest.mark.parametrize(
    "data",
    [
        {"model": "Button", "name": "x", "type": "WL"},  # a part, not a bubble
        {"model": "TextMessage", "content": "x", "coupon": {"model": "os.system"}},
        {"content": "x"},
    ],
)
def test_only_the_brand_models_are_made(data: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="not a Brand Message"):
        message_from_dict(data)


def test_what_is_not_a_bubble_has_no_dict() -> None:
    with pytest.raises(TypeError):
        message_to_dict(CarouselTail("https://a.example"))  # type: ignore[arg-type]
