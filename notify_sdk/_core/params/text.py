"""Text fields: non-empty strings within their character and EUC-KR byte limits.

Text is measured with the ``cp949`` codec. The provider documents "EUC-KR";
cp949 (MS949) is the superset Korean carriers and the provider's Java stack
actually use: every Hangul syllable is 2 bytes in it, whereas Python's strict
``euc_kr`` codec would either reject or inflate (8-byte make-up sequences) the
syllables outside the 2,350 of KS X 1001 that appear in real names. Emoji and
other characters outside cp949 are rejected, as the API does with -2023.

Characters cp949 lacks but that have a look-alike in it (``₩`` and ``￦``, an
em dash and ``―``, a no-break space and a space...) are named with their
replacement in the error, and :func:`replace_unencodable` swaps them when the
caller opts in (the client's ``replace_unencodable=True``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import TypeVar, cast

from ...errors import ValidationError
from .dates import BUILDING

__all__ = [
    "encoded_length",
    "opted_replacement",
    "replace_unencodable",
    "replacement_for",
    "require_text",
    "swap_unencodable",
    "unencodable_field",
]

_CODEC = "cp949"

#: Look-alikes for characters cp949 cannot encode (every value encodes).
_REPLACEMENTS: dict[str, str] = {
    "\u20a9": "\uffe6",  # WON SIGN -> FULLWIDTH WON SIGN (the one KS X 1001 has)
    "\u2014": "\u2015",  # EM DASH -> HORIZONTAL BAR
    "\u2013": "-",  # EN DASH
    "\u2012": "-",  # FIGURE DASH
    "\u2011": "-",  # NON-BREAKING HYPHEN
    "\u2010": "-",  # HYPHEN
    "\u2212": "-",  # MINUS SIGN
    "\u2043": "-",  # HYPHEN BULLET
    "\u00a0": " ",  # NO-BREAK SPACE
    "\u2002": " ",  # EN SPACE
    "\u2003": " ",  # EM SPACE
    "\u2007": " ",  # FIGURE SPACE
    "\u2009": " ",  # THIN SPACE
    "\u200a": " ",  # HAIR SPACE
    "\u202f": " ",  # NARROW NO-BREAK SPACE
    "\u205f": " ",  # MEDIUM MATHEMATICAL SPACE
    "\u200b": "",  # ZERO WIDTH SPACE
    "\u200c": "",  # ZERO WIDTH NON-JOINER
    "\u200d": "",  # ZERO WIDTH JOINER
    "\u2060": "",  # WORD JOINER
    "\ufeff": "",  # ZERO WIDTH NO-BREAK SPACE (byte order mark)
    "\u2028": "\n",  # LINE SEPARATOR
    "\u2029": "\n",  # PARAGRAPH SEPARATOR
    "\u2022": "\u00b7",  # BULLET -> MIDDLE DOT
    "\u2027": "\u00b7",  # HYPHENATION POINT -> MIDDLE DOT
    "\u2024": ".",  # ONE DOT LEADER
    "\u201a": "\u2018",  # SINGLE LOW-9 QUOTATION MARK
    "\u201e": "\u201c",  # DOUBLE LOW-9 QUOTATION MARK
    "\u2039": "\u3008",  # SINGLE LEFT-POINTING ANGLE QUOTATION MARK
    "\u203a": "\u3009",  # SINGLE RIGHT-POINTING ANGLE QUOTATION MARK
    "\u00ab": "\u300a",  # LEFT-POINTING DOUBLE ANGLE QUOTATION MARK
    "\u00bb": "\u300b",  # RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK
    "\u00a9": "(C)",  # COPYRIGHT SIGN
    "\u301c": "\uff5e",  # WAVE DASH -> FULLWIDTH TILDE
    "\u02bc": "'",  # MODIFIER LETTER APOSTROPHE
}


def _encodes(text: str) -> bool:
    if text.isascii():
        return True  # as in encoded_length: no codec tables for ASCII
    try:
        text.encode(_CODEC)
    except UnicodeEncodeError:
        return False
    return True


def replacement_for(char: str) -> str | None:
    """What to write instead of ``char`` when EUC-KR (cp949) cannot encode it.

    The table's look-alike first (``₩`` -> ``￦``, ``—`` -> ``―``, a
    no-break space -> a space, zero-width characters -> nothing), then the
    compatibility form (``ﬁ`` -> ``fi``), then the letter without its accent
    (``é`` -> ``e``). ``None`` when there is none (emoji): leave it out.
    """
    found = _REPLACEMENTS.get(char)
    if found is not None:
        return found
    compatible = unicodedata.normalize("NFKC", char)
    if compatible != char and _encodes(compatible):
        return compatible
    bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if bare and bare != char and _encodes(bare):
        return bare
    return None


def replace_unencodable(text: str) -> str:
    """``text`` with every character EUC-KR cannot encode swapped for its look-alike.

    Characters without one (emoji) stay, so that the check that follows still
    names them. Text that encodes is returned as is, at the cost of one encode.
    """
    if _encodes(text):
        return text
    out: list[str] = []
    for char in text:
        if _encodes(char):
            out.append(char)
        else:
            swap = replacement_for(char)
            out.append(char if swap is None else swap)
    return "".join(out)


_T = TypeVar("_T")


def swap_unencodable(value: _T) -> _T:
    """:func:`replace_unencodable` applied to a ``str``, or to the ``str`` values of a
    mapping (template parameters); anything else is returned as is, for the checks
    to refuse.
    """
    if isinstance(value, str):
        return cast(_T, replace_unencodable(value))
    if isinstance(value, Mapping):
        return cast(
            _T, {k: replace_unencodable(v) if isinstance(v, str) else v for k, v in value.items()}
        )
    return value


def opted_replacement(value: _T) -> _T:
    """:func:`swap_unencodable` when the client building the request was made with
    ``replace_unencodable=True``; ``value`` as given otherwise.
    """
    building = BUILDING.get()
    if building is None or not building.config.replace_unencodable:
        return value
    return swap_unencodable(value)


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
        swap = replacement_for(bad)
        if swap is None:
            advice = "leave it out (emoji have no EUC-KR form)"
        else:
            shown = " ".join(f"U+{ord(c):04X}" for c in swap) or "nothing"
            advice = (
                f"write {swap!r} ({shown}) instead (a client built with "
                "replace_unencodable=True does so for SMS text)"
            )
        raise ValidationError(
            f"{field} contains {bad!r} (U+{ord(bad):04X}) at position {exc.start}, which "
            f"EUC-KR cannot encode, and the API refuses such text: {advice}",
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
