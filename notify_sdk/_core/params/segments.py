"""URL path segments: every caller value that goes into a URL path, and request references.

Every value a caller gives that ends up in a URL path goes through
:func:`path_segment`: it must match the identifier's documented character
set, and it is percent-encoded as exactly one segment, so that no value can
leave the endpoint it was meant for (``../``, ``?``, ``#``, ``%2e``, NUL...).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from ...errors import ValidationError
from .paging import seq_list

__all__ = [
    "IDENTIFIER_CHARS",
    "REQUEST_ID_CHARS",
    "SENDER_KEY_CHARS",
    "path_segment",
    "request_id_segment",
    "request_reference",
    "sender_key_segment",
]

#: A request id: letters, digits, ``_`` and ``-`` (the APIs mint 25 such characters).
REQUEST_ID_CHARS = re.compile(r"[A-Za-z0-9_\-]+")
#: A sender key (40 hex characters in practice; letters, digits, ``_`` and ``-``).
SENDER_KEY_CHARS = re.compile(r"[A-Za-z0-9_\-]+")
#: Identifiers of management resources (template codes and ids, 080 numbers,
#: group keys): letters, digits, ``_``, ``-`` and ``.``; ``.``/``..`` refused.
IDENTIFIER_CHARS = re.compile(r"[A-Za-z0-9_\-.]+")
_DOT_SEGMENTS = (".", "..")


def path_segment(
    value: object,
    field: str,
    *,
    chars: re.Pattern[str] = IDENTIFIER_CHARS,
    max_chars: int = 100,
    what: str = "an identifier",
    allow_int: bool = True,
) -> str:
    """Check a caller value that goes into a URL path; return it encoded as one segment.

    Args:
        value: the caller's value (a ``str``, or a non-negative ``int`` when
            ``allow_int``).
        field: the parameter name the error names.
        chars: the documented character set, matched against the whole value.
        max_chars: the longest value the API documents.
        what: how the error message calls the value.

    Raises:
        ValidationError: not a non-empty str of at most ``max_chars``
            characters from ``chars``, or a dot segment (``.``/``..``), which a
            server would resolve to another path.
    """
    if allow_int and isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        value = str(value)
    if (
        not isinstance(value, str)
        or not 0 < len(value) <= max_chars
        or chars.fullmatch(value) is None
        or value in _DOT_SEGMENTS
    ):
        raise ValidationError(
            f"{field} must be {what}: 1 to {max_chars} characters matching "
            f"{chars.pattern!r}, not {value!r}",
            field=field,
        )
    # The character sets above need no escaping; quote() keeps that true if a
    # wider set is ever declared.
    return quote(value, safe="")


def request_id_segment(value: object, field: str = "request_id", *, max_chars: int = 25) -> str:
    """A request id checked and encoded for a URL path (see :func:`path_segment`)."""
    return path_segment(
        value,
        field,
        chars=REQUEST_ID_CHARS,
        max_chars=max_chars,
        what="the API's requestId",
        allow_int=False,
    )


def sender_key_segment(value: object, field: str = "sender_key") -> str:
    """A KakaoTalk sender key checked and encoded for a URL path."""
    return path_segment(
        value, field, chars=SENDER_KEY_CHARS, max_chars=40, what="a sender key", allow_int=False
    )


def request_reference(
    request: object,
    seqs: object,
    *,
    max_chars: int = 25,
    require_seqs: bool = False,
    field: str = "request",
) -> tuple[str, list[int] | None]:
    """Read "which send, which recipients": a ``SendResult`` or a request id, and seqs.

    Args:
        request: a :class:`~notify_sdk.SendResult` or its ``request_id``.
        seqs: recipient seqs, or ``None``: every accepted recipient of a
            ``SendResult`` (``None`` is returned for an id, unless
            ``require_seqs``).
        max_chars: the longest request id the API documents.

    Returns:
        The request id, encoded for a URL path, and the seqs (or ``None``).

    Raises:
        ValidationError: a ``SendResult`` without a request id, a bad id, bad
            seqs, or no seqs for an id when ``require_seqs``.
    """
    from ...results import SendResult  # results imports errors only; kept lazy for cycles

    if isinstance(request, SendResult):
        if request.request_id is None:
            raise ValidationError("this SendResult has no request_id", field=field)
        request_id = request_id_segment(request.request_id, field, max_chars=max(max_chars, 100))
        if seqs is None and require_seqs:
            seqs = [r.seq for r in request.recipients if r.ok and r.seq is not None]
    else:
        request_id = request_id_segment(request, field, max_chars=max_chars)
        if seqs is None and require_seqs:
            raise ValidationError(
                "recipient_seqs is required when request is a request id", field="recipient_seqs"
            )
    return request_id, None if seqs is None else seq_list(seqs)
