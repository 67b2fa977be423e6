"""The webhook signature: the console's shared secret in a header, compared in constant time.

The provider sends the literal "signature" string typed into the console: no
HMAC, no timestamp. Several secrets may be accepted at once while rotating.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..errors import ConfigurationError, WebhookSignatureError

__all__ = ["SIGNATURE_HEADER", "verify_signature"]

#: The header that carries the console's signature string.
SIGNATURE_HEADER = "X-Toast-Webhook-Signature"


def _secrets(secret: str | Sequence[str] | None, insecure: bool) -> tuple[bytes, ...]:
    if secret is None:
        if insecure:
            return ()
        raise ConfigurationError(
            "a webhook secret is required: pass the signature string configured in the "
            "console (secret=...), or insecure=True to accept unsigned POSTs"
        )
    values = [secret] if isinstance(secret, str) else list(secret)
    if not values or not all(isinstance(v, str) and v for v in values):
        raise ConfigurationError(
            "secret must be a non-empty string or a sequence of non-empty strings"
        )
    return tuple(v.encode("utf-8") for v in values)


def _header(headers: Mapping[str, Any] | Iterable[tuple[str, Any]], name: str) -> str | None:
    wanted = name.lower()
    items = headers.items() if isinstance(headers, Mapping) else headers
    for key, value in items:
        if isinstance(key, bytes):
            key = key.decode("latin-1")
        if isinstance(key, str) and key.lower() == wanted:
            if isinstance(value, bytes):
                value = value.decode("latin-1")
            return str(value)
    return None


def _check(
    headers: Mapping[str, Any] | Iterable[tuple[str, Any]], accepted: tuple[bytes, ...]
) -> None:
    if not accepted:
        return
    given = _header(headers, SIGNATURE_HEADER)
    if not given:
        raise WebhookSignatureError(f"the {SIGNATURE_HEADER} header is missing", missing=True)
    presented = given.strip().encode("utf-8")
    # Compare against every accepted secret, without stopping at the first match, so
    # the time taken tells nothing about which secret (or how much of it) matched.
    ok = False
    for candidate in accepted:
        ok |= hmac.compare_digest(presented, candidate)
    if not ok:
        raise WebhookSignatureError(f"the {SIGNATURE_HEADER} header matches no accepted secret")


def verify_signature(
    headers: Mapping[str, Any] | Iterable[tuple[str, Any]],
    *,
    secret: str | Sequence[str],
) -> None:
    """Check the ``X-Toast-Webhook-Signature`` header against the accepted secret(s).

    Args:
        headers: the request headers: any mapping (looked up case-insensitively) or
            ``(name, value)`` pairs (ASGI style, bytes allowed).
        secret: the console's signature string, or several accepted strings while
            rotating (the new one and the old one).

    Raises:
        WebhookSignatureError: the header is missing or matches none (the text never
            contains the header's value nor a secret).
        ConfigurationError: ``secret`` is empty.
    """
    _check(headers, _secrets(secret, insecure=False))
