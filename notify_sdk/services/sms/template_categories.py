"""SMS template categories: the tree templates live in (create, read, change, delete).

:mod:`.templates` holds the templates themselves and both clients' methods.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from ..._core import Context, JSONDict, Operation, Pager, Safety
from ..._core.endpoints import SMS
from ..._core.params import require_text
from ..._core.wire import opt_int, opt_str, parse_date
from ...errors import ValidationError
from .._manage import header_only, paged, read_yes_no, sms_object, sms_page, yes_no

if TYPE_CHECKING:
    from ..._retry import RetryPolicy

__all__ = [
    "SmsTemplateCategory",
    "create_sms_template_category",
    "delete_sms_template_category",
    "get_sms_template_category",
    "list_sms_template_categories",
    "modify_sms_template_category",
]

NAME_MAX = 50
DESC_MAX = 100


@attrs.frozen(slots=True, kw_only=True)
class SmsTemplateCategory:
    """A template category.

    Attributes:
        category_id: what ``category_id=`` takes.
        parent_id: the parent (0 or ``None`` at the top).
        name / description: ``categoryName`` / ``categoryDesc``.
        depth / sort: its place in the tree.
        enabled: ``useYn``.
    """

    category_id: int
    parent_id: int | None = None
    name: str | None = None
    description: str | None = None
    depth: int | None = None
    sort: int | None = None
    enabled: bool | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


def _category(item: JSONDict) -> SmsTemplateCategory:
    category_id = opt_int(item.get("categoryId"))
    if category_id is None:
        raise ValueError("a category without categoryId")
    return SmsTemplateCategory(
        category_id=category_id,
        parent_id=opt_int(item.get("categoryParentId")),
        name=opt_str(item.get("categoryName")),
        description=opt_str(item.get("categoryDesc")),
        depth=opt_int(item.get("depth")),
        sort=opt_int(item.get("sort")),
        enabled=read_yes_no(item.get("useYn")),
        created_at=parse_date(opt_str(item.get("createDate"))),
        updated_at=parse_date(opt_str(item.get("updateDate"))),
    )


def _category_id(value: object, field: str = "category_id") -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValidationError(f"{field} must be a non-negative int", field=field)
    return value


def _one_category(data: JSONDict) -> SmsTemplateCategory:
    return _category(sms_object(data, "category"))


def _category_body(name: object, enabled: object, description: object) -> JSONDict:
    wire: JSONDict = {
        "categoryName": require_text(name, "name", max_chars=NAME_MAX),
        "useYn": yes_no(enabled, "enabled"),
    }
    if description is not None:
        wire["categoryDesc"] = require_text(description, "description", max_chars=DESC_MAX)
    return wire


_GROUP = "SMS templates and categories"
_SEGMENTS = {"category_id": "categoryId"}

LIST_CATEGORIES = SMS.endpoint(
    "list_sms_template_categories",
    "GET",
    "categories",
    group=_GROUP,
    pager=True,
    parser=sms_page(_category),
)
GET_CATEGORY = SMS.endpoint(
    "get_sms_template_category",
    "GET",
    "categories/{categoryId}",
    group=_GROUP,
    segments=_SEGMENTS,
    parser=_one_category,
)
#: A repeat would create a second category of the same name.
CREATE_CATEGORY = SMS.endpoint(
    "create_sms_template_category", "POST", "categories", group=_GROUP, parser=_one_category
)
MODIFY_CATEGORY = SMS.endpoint(
    "modify_sms_template_category",
    "PUT",
    "categories/{categoryId}",
    group=_GROUP,
    safety=Safety.IDEMPOTENT,
    segments=_SEGMENTS,
    parser=header_only,
)
DELETE_CATEGORY = SMS.endpoint(
    "delete_sms_template_category",
    "DELETE",
    "categories/{categoryId}",
    group=_GROUP,
    segments=_SEGMENTS,
    parser=header_only,
)


def _segments(category_id: object) -> dict[str, str]:
    return {"categoryId": str(_category_id(category_id))}


@LIST_CATEGORIES.builds
def list_sms_template_categories(
    ctx: Context,
    *,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[SmsTemplateCategory]:
    """List the template categories, fetching further pages as you iterate."""
    return paged(LIST_CATEGORIES, {}, page_size=page_size, limit=limit, retry=retry)


@GET_CATEGORY.builds
def get_sms_template_category(
    ctx: Context, category_id: int, *, retry: RetryPolicy | None = None
) -> Operation[SmsTemplateCategory]:
    """Get one template category (the docs answer with a one-item list; both are read)."""
    return GET_CATEGORY.operation(segments=_segments(category_id), retry=retry)


@CREATE_CATEGORY.builds
def create_sms_template_category(
    ctx: Context,
    name: str,
    *,
    parent_id: int | None = None,
    description: str | None = None,
    enabled: bool = True,
    create_user: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[SmsTemplateCategory]:
    """Create a template category (below ``parent_id``, default the top category).

    Returns:
        The new :class:`SmsTemplateCategory`, with its ``category_id``.
    """
    wire = _category_body(name, enabled, description)
    if parent_id is not None:
        wire["categoryParentId"] = _category_id(parent_id, "parent_id")
    if create_user is not None:
        wire["createUser"] = require_text(create_user, "create_user", max_chars=100)
    return CREATE_CATEGORY.operation(json=wire, retry=retry)


@MODIFY_CATEGORY.builds
def modify_sms_template_category(
    ctx: Context,
    category_id: int,
    name: str,
    *,
    description: str | None = None,
    enabled: bool = True,
    update_user: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[None]:
    """Rename, describe or switch off a template category."""
    wire = _category_body(name, enabled, description)
    if update_user is not None:
        wire["updateUser"] = require_text(update_user, "update_user", max_chars=100)
    return MODIFY_CATEGORY.operation(segments=_segments(category_id), json=wire, retry=retry)


@DELETE_CATEGORY.builds
def delete_sms_template_category(
    ctx: Context, category_id: int, *, retry: RetryPolicy | None = None
) -> Operation[None]:
    """Delete a template category (the top category cannot be deleted, -2205)."""
    return DELETE_CATEGORY.operation(segments=_segments(category_id), retry=retry)
