"""Brand Message bubbles as plain, JSON-ready dicts, and back.

A task queue that carries JSON (Celery's default serializer, RQ with a JSON
serializer, arq) cannot carry the bubble models themselves; these two
functions give each model a dict of strings, numbers, booleans, lists and
dicts that turns back into an equal model::

    from notify_sdk.brand import TextMessage, message_from_dict, message_to_dict

    data = message_to_dict(TextMessage("(광고) Winter sale"))
    # {"model": "TextMessage", "content": "(광고) Winter sale"}
    assert message_from_dict(json.loads(json.dumps(data))) == TextMessage("(광고) Winter sale")

Every model object is written as ``{"model": "<class name>", <field>: <value>, ...}``
with the constructor's argument names (fields left at their default are
left out); buttons, coupons, images, cards and the other parts nest the same
way. This is the SDK's own form, not the API's wire JSON (``to_wire``).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import attrs

from . import parts
from .bubbles import MESSAGE_TYPES, BrandMessage
from .buttons import Button

__all__ = ["message_from_dict", "message_to_dict"]

# Every model a bubble can hold: the button and the attrs classes of ``parts``.
_PARTS: tuple[type, ...] = (
    Button,
    *(
        cls
        for cls in vars(parts).values()
        if isinstance(cls, type) and attrs.has(cls) and cls.__module__ == parts.__name__
    ),
)
# Only these classes are ever made from a dict: a "model" key names one of them.
_TYPES: dict[str, type] = {cls.__name__: cls for cls in (*MESSAGE_TYPES, *_PARTS)}


def _encode(value: object) -> object:
    if isinstance(value, enum.Enum):
        return value.value
    cls: Any = type(value)
    if cls in _TYPES.values():
        out: dict[str, object] = {"model": cls.__name__}
        for field in attrs.fields(cls):
            if not field.init:
                continue
            item = getattr(value, field.name)
            default = field.default
            if not isinstance(default, attrs.Factory) and item == default:  # type: ignore[arg-type]
                continue
            out[field.alias] = _encode(item)
        return out
    if isinstance(value, (list, tuple)):
        return [_encode(item) for item in value]
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"a {type(value).__name__} in a Brand Message has no dict form")


def _decode(value: object) -> object:
    if isinstance(value, Mapping):
        fields = dict(value)
        name = fields.pop("model", None)
        cls = _TYPES.get(name) if isinstance(name, str) else None
        if cls is None:
            raise ValueError(f"not a Brand Message part: model {name!r}")
        return cls(**{key: _decode(item) for key, item in fields.items()})
    if isinstance(value, list):
        # The models hold tuples; a converter-less tuple field must compare equal.
        return tuple(_decode(item) for item in value)
    return value


def message_to_dict(message: BrandMessage) -> dict[str, Any]:
    """A JSON-ready dict of ``message`` (any of the eight bubble models).

    Raises:
        TypeError: ``message`` is not a bubble model, or holds a value that
            is not one of the models' own types.
    """
    if type(message) not in MESSAGE_TYPES:
        raise TypeError(f"not a Brand Message bubble: {type(message).__name__}")
    data = _encode(message)
    assert isinstance(data, dict)
    return data


def message_from_dict(data: Mapping[str, Any]) -> BrandMessage:
    """The bubble model :func:`message_to_dict` wrote (not validated: the send does that).

    Raises:
        ValueError: ``data`` names no bubble model, or a part it does not know.
        TypeError: a field the model does not take.
    """
    if data.get("model") not in {cls.__name__ for cls in MESSAGE_TYPES}:
        raise ValueError(f"not a Brand Message bubble: model {data.get('model')!r}")
    message: BrandMessage = _decode(data)  # type: ignore[assignment]
    return message
