"""Listings and id lists: page sizes and limits, integer ids, recipient seqs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ...errors import ValidationError

__all__ = ["id_list", "paging", "positive_seq", "seq_list"]


def paging(
    page_size: object, limit: object, *, max_page_size: int = 1000
) -> tuple[int, int | None]:
    """Check a listing's ``page_size`` and ``limit``; return the page size to ask for and the limit.

    ``limit=0`` is refused everywhere (it would ask for nothing); a ``limit``
    below the page size also caps the page size.

    Raises:
        ValidationError: ``page_size`` not 1..``max_page_size`` or ``limit``
            not a positive int or ``None``.
    """
    if (
        not isinstance(page_size, int)
        or isinstance(page_size, bool)
        or not 1 <= page_size <= max_page_size
    ):
        raise ValidationError(
            f"page_size must be an int from 1 to {max_page_size:,}", field="page_size"
        )
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
        raise ValidationError("limit must be a positive int or None", field="limit")
    return (page_size if limit is None else min(page_size, limit)), limit


def id_list(values: object, field: str, *, minimum: int = 1, what: str = "ids") -> list[int]:
    """Check a collection of integer ids (file ids, recipient seqs).

    Raises:
        ValidationError: a str, bytes, mapping or single int instead of a
            collection, or an element that is not an int >= ``minimum``.
    """
    if isinstance(values, (str, bytes, bytearray, Mapping, int)) or not isinstance(
        values, Iterable
    ):
        raise ValidationError(
            f"{field} must be a list of {what}, not {type(values).__name__}", field=field
        )
    ids = list(values)
    if not all(type(i) is int and i >= minimum for i in ids):
        raise ValidationError(f"{field} must hold ints >= {minimum} ({what})", field=field)
    return ids


def positive_seq(value: object, field: str = "seq") -> int:
    """A recipient seq (``RecipientResult.seq``): a positive int.

    Raises:
        ValidationError: not a positive ``int`` (``bool`` is refused).
    """
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValidationError(f"{field} must be a positive int (RecipientResult.seq)", field=field)
    return value


def seq_list(values: object, field: str = "recipient_seqs") -> list[int]:
    """A non-empty list of recipient seqs from an iterable of positive ints.

    Raises:
        ValidationError: not an iterable (an int alone is refused), empty, or
            holding anything but positive ints.
    """
    seqs = id_list(values, field, what="RecipientResult.seq values")
    if not seqs:
        raise ValidationError(f"{field} must name at least one seq", field=field)
    return seqs
