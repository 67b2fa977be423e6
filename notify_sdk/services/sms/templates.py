"""SMS templates and template categories: create, read, change, delete.

An SMS template holds a reusable body with ``##key##`` placeholders; a send
with ``template_id=`` and no body uses it, filled from ``params``. Templates
live in categories (a tree under the project's top category).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ..._core import (
    Context,
    JSONDict,
    Operation,
    Pager,
    Safety,
)
from ..._core.endpoints import SMS
from ..._core.params import normalize_number, require_text
from ..._core.wire import opt_int, opt_str, parse_date
from ...errors import ValidationError
from .._manage import header_only, paged, read_yes_no, segment, sms_object, sms_page, yes_no
from .._template_check import sms_variables
from .models import Attachment
from .template_categories import (
    DESC_MAX,
    NAME_MAX,
    SmsTemplateCategory,
    _category_id,
)

if TYPE_CHECKING:
    from ..._retry import RetryPolicy

__all__ = [
    "SmsTemplate",
    "SmsTemplateCategory",
]

TEMPLATE_ID_MAX = 50
TITLE_MAX = 120
SMS_BODY_MAX = 255
MMS_BODY_MAX = 4000
#: The API keeps at most 1,000 templates (-2112).
MAX_TEMPLATES = 1000

SendType = Literal["sms", "mms"]


@attrs.frozen(slots=True, kw_only=True)
class SmsTemplate:
    """An SMS template.

    Attributes:
        template_id: what ``template_id=`` of a send takes.
        category_id / category_name: where it lives.
        name / description: ``templateName`` / ``templateDesc``.
        send_type: ``"sms"`` (``sendType`` 0) or ``"mms"`` (1: LMS/MMS);
            sending it with the other kind fails (-2006).
        sender: the template's ``sendNo``.
        title / body: the text, with ``##key##`` placeholders.
        enabled: ``useYn``.
        attachments: the MMS images it carries.
        created_at / updated_at: Korea time, naive.
    """

    template_id: str
    category_id: int | None = None
    category_name: str | None = None
    name: str | None = None
    description: str | None = None
    send_type: str | None = None
    sender: str | None = None
    title: str | None = None
    body: str | None = None
    enabled: bool | None = None
    attachments: tuple[Attachment, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def variables(self) -> tuple[str, ...]:
        """The ``##key##`` variables a send must fill (title and body), in order."""
        return sms_variables(self.title, self.body)


def _send_type(value: object) -> str | None:
    return {"0": "sms", "1": "mms"}.get(str(value)) if value is not None else None


def _attachment(item: JSONDict) -> Attachment | None:
    file_id = opt_int(item.get("fileId"))
    if file_id is None:
        return None
    return Attachment(file_id, str(item.get("fileName") or ""), opt_str(item.get("filePath")))


def _template(item: JSONDict) -> SmsTemplate:
    template_id = opt_str(item.get("templateId"))
    if not template_id:
        raise ValueError("a template without templateId")
    files = item.get("attachFileList")
    return SmsTemplate(
        template_id=template_id,
        category_id=opt_int(item.get("categoryId")),
        category_name=opt_str(item.get("categoryName")),
        name=opt_str(item.get("templateName")),
        description=opt_str(item.get("templateDesc")),
        send_type=_send_type(item.get("sendType")),
        sender=opt_str(item.get("sendNo")),
        title=opt_str(item.get("title")),
        body=opt_str(item.get("body")),
        enabled=read_yes_no(item.get("useYn")),
        attachments=tuple(
            a
            for a in (_attachment(f) for f in (files or []) if isinstance(f, dict))
            if a is not None
        ),
        created_at=parse_date(opt_str(item.get("createDate"))),
        updated_at=parse_date(opt_str(item.get("updateDate"))),
    )


def _one_template(data: JSONDict) -> SmsTemplate:
    return _template(sms_object(data, "template"))


def _segments(template_id: object) -> dict[str, str]:
    return {"templateId": segment(template_id, "template_id", max_chars=TEMPLATE_ID_MAX)}


def _template_body(ctx: Context, args: Mapping[str, Any]) -> JSONDict:
    """The JSON body of a template write, from the builder's arguments by name.

    The builders pass their ``locals()``: the field list is written once, in
    their signatures.
    """
    send_type, sender, title = args["send_type"], args["sender"], args["title"]
    if send_type not in ("sms", "mms"):
        raise ValidationError("send_type must be 'sms' or 'mms'", field="send_type")
    long_form = send_type == "mms"
    number = sender if sender is not None else ctx.config.sms_sender
    if number is None:
        raise ValidationError(
            "a template needs a sender number: pass sender= or configure sms_sender=",
            field="sender",
        )
    wire: JSONDict = {
        "templateName": require_text(args["name"], "name", max_chars=NAME_MAX),
        "sendNo": normalize_number(number, "sender"),
        "sendType": "1" if long_form else "0",
        "body": require_text(
            args["body"], "body", max_chars=MMS_BODY_MAX if long_form else SMS_BODY_MAX
        ),
        "useYn": yes_no(args["enabled"], "enabled"),
    }
    description = args["description"]
    if description is not None:
        wire["templateDesc"] = require_text(description, "description", max_chars=DESC_MAX)
    if long_form:
        wire["title"] = require_text(title, "title", max_chars=TITLE_MAX)
    elif title is not None:
        raise ValidationError("an SMS template has no title (send_type='mms' has)", field="title")
    ids = list(args["attachment_ids"])
    if ids:
        if not long_form:
            raise ValidationError("attachments need send_type='mms'", field="attachment_ids")
        if not all(isinstance(i, int) and not isinstance(i, bool) and i > 0 for i in ids):
            raise ValidationError("attachment_ids must be positive ints", field="attachment_ids")
        wire["attachFileIdList"] = ids
    return wire


_GROUP = "SMS templates and categories"
_SEGMENTS = {"template_id": "templateId"}

LIST_TEMPLATES = SMS.endpoint(
    "list_sms_templates",
    "GET",
    "templates",
    group=_GROUP,
    pager=True,
    query={"category_id": "categoryId", "enabled": "useYn"},
    parser=sms_page(_template),
)
GET_TEMPLATE = SMS.endpoint(
    "get_sms_template",
    "GET",
    "templates/{templateId}",
    group=_GROUP,
    segments=_SEGMENTS,
    parser=_one_template,
)
#: A repeat after success fails with -2101 (id taken).
CREATE_TEMPLATE = SMS.endpoint(
    "create_sms_template", "POST", "templates", group=_GROUP, parser=header_only
)
#: Writing the same contents twice leaves the same template.
MODIFY_TEMPLATE = SMS.endpoint(
    "modify_sms_template",
    "PUT",
    "templates/{templateId}",
    group=_GROUP,
    safety=Safety.IDEMPOTENT,
    segments=_SEGMENTS,
    parser=header_only,
)
#: A repeat after a lost answer would report "no such template".
DELETE_TEMPLATE = SMS.endpoint(
    "delete_sms_template",
    "DELETE",
    "templates/{templateId}",
    group=_GROUP,
    segments=_SEGMENTS,
    parser=header_only,
)


# --- templates -------------------------------------------------------------------------


@LIST_TEMPLATES.builds
def list_sms_templates(
    ctx: Context,
    *,
    category_id: int | None = None,
    enabled: bool | None = None,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[SmsTemplate]:
    """List the SMS templates, fetching further pages as you iterate.

    Args:
        category_id: only this category's templates.
        enabled: only templates in use (``True``) or not (``False``).
        page_size: items per request, 1..1,000.
        limit: stop after this many items.
        retry: a retry policy for these calls.

    Returns:
        An iterator (``async for`` on the async client) of :class:`SmsTemplate`.
    """
    params: dict[str, Any] = {}
    if category_id is not None:
        params["categoryId"] = _category_id(category_id)
    if enabled is not None:
        params["useYn"] = yes_no(enabled, "enabled")
    return paged(LIST_TEMPLATES, params, page_size=page_size, limit=limit, retry=retry)


@GET_TEMPLATE.builds
def get_sms_template(
    ctx: Context, template_id: str, *, retry: RetryPolicy | None = None
) -> Operation[SmsTemplate]:
    """Get one SMS template.

    Raises:
        TemplateError: no such template (-2110).
    """
    return GET_TEMPLATE.operation(segments=_segments(template_id), retry=retry)


def _variables(data: JSONDict) -> tuple[str, ...]:
    return _one_template(data).variables


def sms_template_variables(ctx: Context, template_id: str) -> Operation[tuple[str, ...]]:
    """Read an SMS template's ``##key##`` variables (the template check's lookup)."""
    return GET_TEMPLATE.operation(
        _variables, segments=_segments(template_id), label="sms_template_variables"
    )


@CREATE_TEMPLATE.builds
def create_sms_template(
    ctx: Context,
    template_id: str,
    name: str,
    body: str,
    *,
    category_id: int,
    send_type: SendType = "sms",
    sender: str | None = None,
    title: str | None = None,
    description: str | None = None,
    enabled: bool = True,
    attachment_ids: Sequence[int] = (),
    retry: RetryPolicy | None = None,
) -> Operation[None]:
    """Create an SMS template.

    Args:
        template_id: your id for it (≤ 50 letters, digits, ``_``, ``-``, ``.``).
        name: ``templateName`` (≤ 50).
        body: the text with ``##key##`` placeholders (≤ 255 for ``sms``,
            4,000 for ``mms``).
        category_id: the category (see :meth:`list_sms_template_categories`).
        send_type: ``"sms"`` or ``"mms"`` (LMS/MMS; needs ``title``).
        sender: the sender number; default the client's ``sms_sender``.
        title: the LMS/MMS title (≤ 120).
        description: ``templateDesc`` (≤ 100).
        enabled: ``useYn``.
        attachment_ids: uploaded MMS images (``upload_attachment``); an image
            may belong to one template only (-2043).
        retry: a retry policy for this call only.

    Raises:
        ValidationError: bad input, before anything is sent.
        TemplateError: the id is taken (-2101), 1,000 templates exist (-2112), ...
    """
    wire = {
        "categoryId": _category_id(category_id),
        "templateId": _segments(template_id)["templateId"],
        **_template_body(ctx, locals()),
    }
    return CREATE_TEMPLATE.operation(json=wire, retry=retry)


@MODIFY_TEMPLATE.builds
def modify_sms_template(
    ctx: Context,
    template_id: str,
    name: str,
    body: str,
    *,
    send_type: SendType = "sms",
    sender: str | None = None,
    title: str | None = None,
    description: str | None = None,
    enabled: bool = True,
    attachment_ids: Sequence[int] = (),
    retry: RetryPolicy | None = None,
) -> Operation[None]:
    """Replace an SMS template's contents (its id and category stay).

    The arguments are those of :meth:`create_sms_template`.
    """
    wire = _template_body(ctx, locals())
    return MODIFY_TEMPLATE.operation(segments=_segments(template_id), json=wire, retry=retry)


@DELETE_TEMPLATE.builds
def delete_sms_template(
    ctx: Context, template_id: str, *, retry: RetryPolicy | None = None
) -> Operation[None]:
    """Delete an SMS template.

    Raises:
        TemplateError: no such template (-2107).
    """
    return DELETE_TEMPLATE.operation(segments=_segments(template_id), retry=retry)
