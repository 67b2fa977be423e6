"""KakaoTalk sender profiles, the read side this SDK adds: categories and groups.

Profiles themselves are listed and read by ``list_sender_profiles`` /
``get_sender_profile``; registering one needs a token from the KakaoTalk app
and stays in the console.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from ..._core import (
    Context,
    JSONDict,
    Operation,
    body_of,
    expect_dict,
    expect_list,
)
from ..._core.endpoints import KAKAO
from ..._core.wire import opt_int, opt_str
from .._manage import kakao_rows, segment
from .common import SENDER_KEY_MAX

if TYPE_CHECKING:
    from ..._retry import RetryPolicy

__all__ = [
    "SenderCategory",
    "SenderGroup",
    "SenderGroupMember",
]


@attrs.frozen(slots=True)
class SenderCategory:
    """A business category a sender profile is registered under (a tree, 3 levels deep).

    Attributes:
        code: the category code (the 11-digit ``categoryCode`` of a profile
            is the leaf's code).
        name: its name (as the API gives it, often Korean).
        parent_code: the parent's code (``None`` at the top).
        depth: 1 at the top.
        subcategories: the children.
    """

    code: str
    name: str | None = None
    parent_code: str | None = None
    depth: int | None = None
    subcategories: tuple[SenderCategory, ...] = ()

    def walk(self) -> tuple[SenderCategory, ...]:
        """This category and every one below it, depth first."""
        out: list[SenderCategory] = [self]
        for child in self.subcategories:
            out.extend(child.walk())
        return tuple(out)


@attrs.frozen(slots=True)
class SenderGroupMember:
    """A sender profile in a sender group."""

    sender_key: str
    plus_friend_id: str | None = None
    create_date: str | None = None


@attrs.frozen(slots=True)
class SenderGroup:
    """A sender group: profiles that share templates under one group sender key.

    Attributes:
        sender_key: the group's sender key.
        name: ``groupName``.
        status: ``YSC02`` (waiting) or ``YSC03`` (registered).
        senders: the profiles in the group.
        create_date / update_date: the API's date strings.
    """

    sender_key: str
    name: str | None = None
    status: str | None = None
    senders: tuple[SenderGroupMember, ...] = ()
    create_date: str | None = None
    update_date: str | None = None


def _category(item: JSONDict) -> SenderCategory:
    children = expect_list(item.get("subCategories"), "subCategories", "kakao")
    return SenderCategory(
        code=str(item.get("code") or ""),
        name=opt_str(item.get("name")),
        parent_code=opt_str(item.get("parentCode")),
        depth=opt_int(item.get("depth")),
        subcategories=tuple(_category(c) for c in children if isinstance(c, dict)),
    )


def _categories(data: JSONDict) -> tuple[SenderCategory, ...]:
    return kakao_rows(data, "categories", _category)


def _member(item: JSONDict) -> SenderGroupMember:
    return SenderGroupMember(
        sender_key=str(item.get("senderKey") or ""),
        plus_friend_id=opt_str(item.get("plusFriendId")),
        create_date=opt_str(item.get("createDate")),
    )


def _group(data: JSONDict, key: str) -> SenderGroup:
    group = expect_dict(body_of(data, "senderGroup", "kakao"), "senderGroup", "kakao")
    members = expect_list(group.get("senders"), "senderGroup.senders", "kakao")
    return SenderGroup(
        sender_key=str(group.get("senderKey") or key),
        name=opt_str(group.get("groupName")),
        status=opt_str(group.get("status")),
        senders=tuple(_member(m) for m in members if isinstance(m, dict)),
        create_date=opt_str(group.get("createDate")),
        update_date=opt_str(group.get("updateDate")),
    )


CATEGORIES = KAKAO.endpoint(
    "list_sender_categories",
    "GET",
    "sender/categories",
    group="Sender profiles",
    parser=_categories,
)
#: The parser is made per call: a group answer without its key keeps the asked one.
GROUP = KAKAO.endpoint(
    "get_sender_group",
    "GET",
    "sender-groups/{groupSenderKey}",
    group="Sender profiles",
    segments={"group_sender_key": "groupSenderKey"},
)


@CATEGORIES.builds
def list_sender_categories(
    ctx: Context, *, retry: RetryPolicy | None = None
) -> Operation[tuple[SenderCategory, ...]]:
    """Get the tree of business categories a KakaoTalk sender profile can be registered under.

    Args:
        retry: a retry policy for this call only.

    Returns:
        The top-level :class:`SenderCategory` entries; ``walk()`` flattens one.
    """
    return CATEGORIES.operation(retry=retry)


@GROUP.builds
def get_sender_group(
    ctx: Context, group_sender_key: str, *, retry: RetryPolicy | None = None
) -> Operation[SenderGroup]:
    """Get a sender group and the profiles in it.

    Args:
        group_sender_key: the group's sender key.
        retry: a retry policy for this call only.

    Raises:
        ValidationError: not a sender key.
        SenderProfileError: the group does not exist.
    """
    key = segment(group_sender_key, "group_sender_key", max_chars=SENDER_KEY_MAX)
    return GROUP.operation(
        lambda data: _group(data, key), segments={"groupSenderKey": key}, retry=retry
    )
