"""The response envelope: decode an answer, or raise the typed error it means.

Every NHN Cloud notification API wraps its answer in ``{"header": {...}}``;
these readers turn that envelope into a dict for a parser, or into the
exception the code tables give, and read ``Retry-After``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from ..errors import ProtocolError, RateLimitError, ServerError, from_code
from .operation import JSONDict, Namespace
from .params import utcnow

__all__ = [
    "body_of",
    "decode_envelope",
    "expect_dict",
    "expect_list",
    "json_bytes",
    "parse_retry_after",
]


def _as_code(value: object) -> int | None:
    """Read a ``resultCode``; the docs show ints, digit strings and ``""``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return 0
        try:
            return int(text)
        except ValueError:
            return None
    return None


def parse_retry_after(value: str | None, now: Callable[[], datetime] = utcnow) -> float | None:
    """Read a ``Retry-After`` header: delta seconds or an HTTP date; ``None`` if absent/bad."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        # "inf" and "nan" parse as floats; a server cannot mean either.
        return max(seconds, 0.0) if math.isfinite(seconds) else None
    # Imported here: email.utils pulls in a lot and is rarely needed.
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max((when - now()).total_seconds(), 0.0)


def decode_envelope(
    namespace: Namespace,
    status: int,
    content: bytes,
    retry_after: str | None = None,
    tolerate: frozenset[int] = frozenset(),
) -> JSONDict:
    """Decode a response into its JSON dict, or raise the typed error it means.

    * An envelope (``header.isSuccessful``) decides by itself, whatever the
      HTTP status: success returns the dict, failure raises the class the
      code table gives for ``header.resultCode`` (unless it is in ``tolerate``).
    * No envelope: 429 raises RateLimitError, 5xx ServerError, anything else
      (a 2xx included) ProtocolError.
    """
    data: object
    try:
        data = json.loads(content) if content else None
    except (ValueError, UnicodeDecodeError, RecursionError):
        data = None
    header = data.get("header") if isinstance(data, dict) else None
    if isinstance(header, dict) and "isSuccessful" in header:
        assert isinstance(data, dict)
        successful = header.get("isSuccessful")
        code = _as_code(header.get("resultCode"))
        message = header.get("resultMessage")
        text = message if isinstance(message, str) else ""
        if (successful is True or successful == "true") and code in (0, None):
            return data
        if code is None:
            raise ProtocolError(
                f"{namespace} API answered isSuccessful={successful!r} with resultCode "
                f"{header.get('resultCode')!r}, which is not a result code",
                service=namespace,
                http_status=status,
            )
        if code == 0:
            raise ProtocolError(
                f"{namespace} API answered resultCode 0 with isSuccessful={successful!r}",
                service=namespace,
                http_status=status,
            )
        if code in tolerate:
            return data
        raise from_code(namespace, code, text, http_status=status)
    if status == 429:
        raise RateLimitError(
            "HTTP 429 Too Many Requests",
            service=namespace,
            http_status=status,
            retry_after=parse_retry_after(retry_after),
        )
    if status >= 500:
        error = ServerError(f"HTTP {status} without a result envelope", service=namespace)
        error.http_status = status
        if status == 503:
            error.retry_after = parse_retry_after(retry_after)  # type: ignore[attr-defined]
        raise error
    raise ProtocolError(
        f"{namespace} API answered HTTP {status} with a body that is not its JSON envelope",
        service=namespace,
        http_status=status,
    )


_encode_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


def json_bytes(payload: object) -> bytes:
    """A request body as compact UTF-8 JSON, as httpx's ``json=`` would write it.

    An :class:`EncodedBody` was written when it was built: its bytes are
    returned as they are.
    """
    if type(payload) is EncodedBody:
        return payload.encoded
    return _encode_json(payload).encode()


class EncodedBody(dict):  # type: ignore[type-arg]
    """A request body that is a plain dict to everyone who reads it (hooks, logs,
    checks) and whose JSON was written once when it was built.

    Made by :func:`with_recipient_list` for bulk sends, where encoding a
    1,000-entry recipient list dict by dict cost more than the rest of the
    send's own work. Never changed after it is built.
    """

    __slots__ = ("encoded",)

    encoded: bytes


def recipient_list_json(numbers: list[str], shared: JSONDict | None = None) -> str:
    """The JSON of ``[{"recipientNo": n, **shared} for n in numbers]``, written by joining.

    ``numbers`` must be clean (ASCII digits only, as
    :func:`~notify_sdk._core.params.plain_numbers` gives them): nothing in them
    needs escaping. The result is byte for byte what encoding the dicts would
    give.
    """
    tail = '"}' if not shared else '",' + _encode_json(shared)[1:]
    return '[{"recipientNo":"' + (tail + ',{"recipientNo":"').join(numbers) + tail + "]"


def with_recipient_list(payload: JSONDict, list_json: str) -> EncodedBody:
    """``payload`` as an :class:`EncodedBody`, its ``recipientList`` written as ``list_json``.

    ``payload["recipientList"]`` is the list of dicts that ``list_json``
    encodes (kept for whoever reads the body as a dict); the bytes are the
    rest of the payload encoded as usual, with ``list_json`` in its place.
    """
    body = EncodedBody(payload)
    marked = dict(payload)
    # null can only stand here: a string value's quotes are escaped, and no
    # other top-level key is called recipientList.
    marked["recipientList"] = None
    head, found, rest = _encode_json(marked).partition(_LIST_MARK)
    if not found:  # pragma: no cover - the key was set just above
        raise ValueError("payload has no recipientList")
    body.encoded = f'{head}"recipientList":{list_json}{rest}'.encode()
    return body


_LIST_MARK = '"recipientList":null'


def body_of(data: JSONDict, key: str, namespace: Namespace) -> Any:
    """Return ``data[key]`` or raise ProtocolError naming the missing part."""
    try:
        return data[key]
    except (KeyError, TypeError):
        raise ProtocolError(
            f"{namespace} API answer has no {key!r} part", service=namespace
        ) from None


def expect_dict(value: object, what: str, namespace: Namespace) -> JSONDict:
    """Return ``value`` if it is a JSON object, else raise ProtocolError."""
    if isinstance(value, dict):
        return value
    raise ProtocolError(
        f"{namespace} API answer: {what} is {type(value).__name__}, expected an object",
        service=namespace,
    )


def expect_list(value: object, what: str, namespace: Namespace) -> list[Any]:
    """Return ``value`` if it is a JSON array (``None`` counts as empty)."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    raise ProtocolError(
        f"{namespace} API answer: {what} is {type(value).__name__}, expected an array",
        service=namespace,
    )
