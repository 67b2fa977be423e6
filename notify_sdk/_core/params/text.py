"""Text fields: non-empty strings within their character and EUC-KR byte limits.

Text is measured with the ``cp949`` codec. The provider documents "EUC-KR";
cp949 (MS949) is the superset Korean carriers and the provider's Java stack
actually use: every Hangul syllable is 2 bytes in it, whereas Python's strict
``euc_kr`` codec would either reject or inflate (8-byte make-up sequences) the
syllables outside the 2,350 of KS X 1001 that appear in real names. Emoji and
other characters outside cp949 are rejected, as the API does with -2023.
"""

from __future__ import annotations

from collections.abc import Mapping

from ...errors import ValidationError

__all__ = ["encoded_length", "require_text", "unencodable_field"]

_CODEC = "cp949"


def encoded_length(text: str, field: str) -> int:
    """Return the length of ``text`` in EUC-KR (cp949) bytes.

    Raises:
        ValidationError: ``text`` holds a character the encoding cannot carry
            (emoji, most symbols); the message names the character and position.
    """
    if text.isascii():
        # cp949 encodes ASCII byte for byte; a process whose texts are all
        # ASCII never loads the Korean codec tables (~170 KiB of memory).
        return len(text)
    try:
        return len(text.encode(_CODEC))
    except UnicodeEncodeError as exc:
        bad = text[exc.start]
        raise ValidationError(
            f"{field} contains {bad!r} (U+{ord(bad):04X}) at position {exc.start}, which "
            "EUC-KR cannot encode; the API refuses such text (emoji are the usual cause)",
            field=field,
        ) from None


def require_text(
    text: object,
    field: str,
    *,
    max_chars: int | None = None,
    max_bytes: int | None = None,
    hint: str = "",
) -> str:
    """Check a text field: a non-empty ``str`` within its character/byte limits.

    Returns the text unchanged.

    Raises:
        ValidationError: the text is missing, not a string, too long or not
            encodable; ``hint`` is appended to the length message.
    """
    if not isinstance(text, str):
        raise ValidationError(f"{field} must be a str, not {type(text).__name__}", field=field)
    if not text.strip():
        raise ValidationError(f"{field} must not be empty", field=field)
    if max_chars is not None and len(text) > max_chars:
        raise ValidationError(
            f"{field} is {len(text)} characters; the limit is {max_chars}{hint}", field=field
        )
    size = encoded_length(text, field)
    if max_bytes is not None and size > max_bytes:
        raise ValidationError(
            f"{field} is {size} bytes in EUC-KR (Hangul counts 2); the limit is {max_bytes}{hint}",
            field=field,
        )
    return text


def unencodable_field(*parts: tuple[str, object]) -> str | None:
    """The path of the first string in ``parts`` that UTF-8 cannot encode, if any.

    ``parts`` are ``(name, value)`` pairs of what a request carries (JSON body,
    query, headers); the path names the wire field, e.g.
    ``recipientList[0].templateParameter.name``.
    """
    stack: list[tuple[str, object]] = list(reversed(parts))
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return path
        elif isinstance(value, Mapping):
            for key, item in reversed(list(value.items())):
                stack.append((f"{path}.{key}" if path else str(key), item))
                if isinstance(key, str):
                    stack.append((path or "(key)", key))
        elif isinstance(value, (list, tuple)):
            for index in reversed(range(len(value))):
                stack.append((f"{path}[{index}]", value[index]))
    return None
