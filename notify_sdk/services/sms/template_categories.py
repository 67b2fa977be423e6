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
from ...errors import ProtocolError, ValidationError
from .._manage import SMS_PREFIX, header_only, listing, read, sms_data, sms_page, write, yes_no

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


def _yn(value: object) -> bool | None:
    return {"Y": True, "N": False}.get(str(value)) if value is not None else None


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
        enabled=_yn(item.get("useYn")),
        created_at=parse_date(opt_str(item.get("createDate"))),
        updated_at=parse_date(opt_str(item.get("updateDate"))),
    )


def _one(data: JSONDict, what: str) -> JSONDict:
    """``body.data``: an object, or (as some examples print it) a one-item list."""
    found = sms_data(data)
    if isinstance(found, list):
        found = next((i for i in found if isinstance(i, dict)), None)
    if not isinstance(found, dict):
        raise ProtocolError(f"sms API answer: no {what} in body.data", service="sms")
    return found


def _category_id(value: object, field: str = "category_id") -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValidationError(f"{field} must be a non-negative int", field=field)
    return value


def list_sms_template_categories(
    ctx: Context,
    *,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[SmsTemplateCategory]:
    """List the template categories, fetching further pages as you iterate."""
    return listing(
        "sms",
        f"{SMS_PREFIX}/categories",
        {},
        sms_page(_category),
        page_size=page_size,
        limit=limit,
        retry=retry,
        label="list_sms_template_categories",
    )


def get_sms_template_category(
    ctx: Context, category_id: int, *, retry: RetryPolicy | None = None
) -> Operation[SmsTemplateCategory]:
    """Get one template category (the docs answer with a one-item list; both are read)."""

    def parse(data: JSONDict) -> SmsTemplateCategory:
        return _category(_one(data, "category"))

    return read(
        "sms",
        f"{SMS_PREFIX}/categories/{_category_id(category_id)}",
        parse,
        retry=retry,
        label="get_sms_template_category",
    )


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
    wire: JSONDict = {
        "categoryName": require_text(name, "name", max_chars=NAME_MAX),
        "useYn": yes_no(enabled, "enabled"),
    }
    if parent_id is not None:
        wire["categoryParentId"] = _category_id(parent_id, "parent_id")
    if description is not None:
        wire["categoryDesc"] = require_text(description, "description", max_chars=DESC_MAX)
    if create_user is not None:
        wire["createUser"] = require_text(create_user, "create_user", max_chars=100)

    def parse(data: JSONDict) -> SmsTemplateCategory:
        return _category(_one(data, "category"))

    return write(
        "sms",
        "POST",
        f"{SMS_PREFIX}/categories",
        parse,
        # A repeat would create a second category of the same name.
        safety=Safety.UNSAFE,
        json=wire,
        retry=retry,
        label="create_sms_template_category",
    )


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
    wire: JSONDict = {
        "categoryName": require_text(name, "name", max_chars=NAME_MAX),
        "useYn": yes_no(enabled, "enabled"),
    }
    if description is not None:
        wire["categoryDesc"] = require_text(description, "description", max_chars=DESC_MAX)
    if update_user is not None:
        wire["updateUser"] = require_text(update_user, "update_user", max_chars=100)
    return write(
        "sms",
        "PUT",
        f"{SMS_PREFIX}/categories/{_category_id(category_id)}",
        header_only,
        safety=Safety.IDEMPOTENT,
        json=wire,
        retry=retry,
        label="modify_sms_template_category",
    )


def delete_sms_template_category(
    ctx: Context, category_id: int, *, retry: RetryPolicy | None = None
) -> Operation[None]:
    """Delete a template category (the top category cannot be deleted, -2205)."""
    return write(
        "sms",
        "DELETE",
        f"{SMS_PREFIX}/categories/{_category_id(category_id)}",
        header_only,
        safety=Safety.UNSAFE,
        retry=retry,
        label="delete_sms_template_category",
    )


# --- endpoint declarations (see notify_sdk._core.endpoints) ---------------------------

SMS.endpoint(
    "create_sms_template_category", "POST", "categories", group="SMS templates and categories"
).builds(create_sms_template_category)
SMS.endpoint(
    "delete_sms_template_category",
    "DELETE",
    "categories/{categoryId}",
    group="SMS templates and categories",
    segments={"category_id": "categoryId"},
).builds(delete_sms_template_category)
SMS.endpoint(
    "get_sms_template_category",
    "GET",
    "categories/{categoryId}",
    group="SMS templates and categories",
    segments={"category_id": "categoryId"},
).builds(get_sms_template_category)
SMS.endpoint(
    "list_sms_template_categories",
    "GET",
    "categories",
    group="SMS templates and categories",
    pager=True,
).builds(list_sms_template_categories)
SMS.endpoint(
    "modify_sms_template_category",
    "PUT",
    "categories/{categoryId}",
    group="SMS templates and categories",
    safety=Safety.IDEMPOTENT,
    segments={"category_id": "categoryId"},
).builds(modify_sms_template_category)
