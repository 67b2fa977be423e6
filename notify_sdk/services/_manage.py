"""What the management endpoints share: path segments, listings and answer readers.

Templates, opt-out lists, statistics and reservations are ordinary REST
resources: a ``GET`` listing paged by ``pageNum``/``pageSize``, a ``GET`` of
one item, writes answered by a header-only envelope. Each resource module
declares its endpoints (:mod:`notify_sdk._core.endpoints`) and builds every
request from its declaration; what the resources share beyond that — the
pager of a declared listing, the sender/template path segments, the readers
of "one object", "a list of rows" and "a page", the ``Y``/``N`` flags — is
written once here, so that each module only says what differs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from .._core import (
    Context,
    JSONDict,
    Operation,
    Page,
    Pager,
    body_of,
    expect_dict,
    expect_list,
)
from .._core.endpoints import Endpoint
from .._core.params import date_range, paging
from .._core.params import path_segment as segment
from .._core.params import sender_key_segment as key_segment
from .._core.wire import opt_int
from ..errors import ProtocolError, ValidationError

if TYPE_CHECKING:
    from .._retry import RetryPolicy

__all__ = [
    "SMS_QUERY_FORMAT",
    "date_range",
    "header_only",
    "kakao_object",
    "kakao_page",
    "kakao_rows",
    "paged",
    "read_yes_no",
    "segment",
    "sender_key_segment",
    "sender_segments",
    "sms_data",
    "sms_object",
    "sms_page",
    "yes_no",
]

T = TypeVar("T")

#: Query dates: SMS speaks seconds, KakaoTalk minutes.
SMS_QUERY_FORMAT = "%Y-%m-%d %H:%M:%S"


def sender_key_segment(ctx: Context, value: str | None) -> str:
    """The sender profile key for a URL path: ``value`` or the client's default, one segment.

    Raises:
        ValidationError: none given or configured, or not a sender key.
    """
    # Imported here: the SMS management modules use this module too, and
    # importing the KakaoTalk package for them would load all of it.
    from .kakao.common import resolve_sender_key

    return key_segment(resolve_sender_key(ctx, value))


def sender_segments(
    ctx: Context,
    sender_key: str | None,
    template_code: object = None,
    *,
    code_max: int = 0,
) -> dict[str, str]:
    """The ``{senderKey}`` (and ``{templateCode}``) segments of a sender-scoped path.

    ``sender_key`` falls back to the client's default; ``template_code``
    (when given) must be at most ``code_max`` characters. The template code
    is checked first, as it is the argument a caller names.

    Raises:
        ValidationError: no sender key, or either value is not one plain segment.
    """
    segments = {}
    if template_code is not None:
        segments["templateCode"] = segment(template_code, "template_code", max_chars=code_max)
    return {"senderKey": sender_key_segment(ctx, sender_key), **segments}


def yes_no(value: object, field: str) -> str:
    """A ``Y``/``N`` wire flag from a bool."""
    if not isinstance(value, bool):
        raise ValidationError(f"{field} must be True or False", field=field)
    return "Y" if value else "N"


def read_yes_no(value: object) -> bool | None:
    """A ``Y``/``N`` wire flag as a bool; ``None`` when absent or anything else."""
    return {"Y": True, "N": False}.get(str(value)) if value is not None else None


def paged(
    endpoint: Endpoint,
    params: Mapping[str, object],
    *,
    page_size: object,
    limit: object,
    retry: RetryPolicy | None,
    segments: Mapping[str, str] | None = None,
    parse: Callable[[JSONDict], Page[T]] | None = None,
) -> Pager[T]:
    """The :class:`Pager` of a declared listing endpoint (its parser unless ``parse``).

    ``page_size`` and ``limit`` are checked now, not on the first iteration.

    Raises:
        ValidationError: ``page_size`` not 1..1,000 or ``limit`` not a
            positive int or ``None``.
    """
    size, most = paging(page_size, limit)
    fixed = dict(params)

    def fetch(page_num: int, size: int) -> Operation[Page[T]]:
        query = {**fixed, "pageNum": page_num, "pageSize": size}
        return endpoint.operation(parse, segments=segments, params=query, retry=retry)

    return Pager(fetch=fetch, page_size=size, limit=most)


def header_only(data: JSONDict) -> None:
    """The parser of a write answered by the envelope's header alone."""
    return None


def sms_data(data: JSONDict) -> Any:
    """The ``body.data`` of an SMS answer."""
    body = expect_dict(data.get("body"), "body", "sms")
    return body_of(body, "data", "sms")


def sms_object(data: JSONDict, what: str) -> JSONDict:
    """The one object of an SMS read's ``body.data`` (as some examples print it: a one-item list).

    Raises:
        ProtocolError: no object there (``what`` names it in the message).
    """
    found = sms_data(data)
    if isinstance(found, list):
        found = next((i for i in found if isinstance(i, dict)), None)
    if not isinstance(found, dict):
        raise ProtocolError(f"sms API answer: no {what} in body.data", service="sms")
    return found


def sms_page(item: Callable[[JSONDict], T]) -> Callable[[JSONDict], Page[T]]:
    """The parser of an SMS listing: ``body.data[]`` items and ``body.totalCount``."""

    def parse(data: JSONDict) -> Page[T]:
        body = expect_dict(data.get("body"), "body", "sms")
        items = expect_list(body.get("data"), "body.data", "sms")
        return Page(
            tuple(item(i) for i in items if isinstance(i, dict)), opt_int(body.get("totalCount"))
        )

    return parse


def kakao_object(data: JSONDict, key: str) -> JSONDict:
    """The one object a KakaoTalk read answers under ``key`` (a one-item list is accepted).

    Raises:
        ProtocolError: ``key`` missing, or neither an object nor a list holding one.
    """
    found = body_of(data, key, "kakao")
    if isinstance(found, list):
        found = next((i for i in found if isinstance(i, dict)), None)
    return expect_dict(found, key, "kakao")


def kakao_rows(data: JSONDict, key: str, item: Callable[[JSONDict], T]) -> tuple[T, ...]:
    """The objects of the list a KakaoTalk answer holds under ``key``, each read by ``item``.

    Entries that are not objects are skipped; a ``null`` list is empty.

    Raises:
        ProtocolError: ``key`` missing or not a list.
    """
    found = expect_list(body_of(data, key, "kakao"), key, "kakao")
    return tuple(item(i) for i in found if isinstance(i, dict))


def kakao_page(
    key: str, item: Callable[[JSONDict], T], *, items: str = "templates"
) -> Callable[[JSONDict], Page[T]]:
    """The parser of a KakaoTalk listing wrapped as ``{key: {items: [...], totalCount}}``."""

    def parse(data: JSONDict) -> Page[T]:
        wrapper = expect_dict(body_of(data, key, "kakao"), key, "kakao")
        found = expect_list(wrapper.get(items), f"{key}.{items}", "kakao")
        return Page(
            tuple(item(i) for i in found if isinstance(i, dict)), opt_int(wrapper.get("totalCount"))
        )

    return parse
