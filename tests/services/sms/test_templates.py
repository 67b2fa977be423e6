"""SMS templates and categories, and the ##variable## check of template sends."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
import respx

from notify_sdk.errors import TemplateError, ValidationError
from notify_sdk.errors import sms as sms_errors
from notify_sdk.services.sms.templates import SmsTemplate, SmsTemplateCategory
from notify_sdk.testing import Emulator
from tests.helpers import SMS_PREFIX, Api, envelope
from tests.helpers.mgmt import emu, emu_api, emu_clock, sms_mock

__all__ = ["emu", "emu_api", "emu_clock", "sms_mock"]

HOSTILE = ["../x", "a/b", "a?k=v", "a#f", "%2e%2e", "a\x00", "a\nb", ".."]
DOC_TEMPLATE = {
    "templateId": "ee13efe5-58c2-4e61-a59f-1fa47cc21cd0",
    "serviceId": 71191,
    "categoryId": 415978,
    "categoryName": "categoryName",
    "sort": 0,
    "templateName": "Statement",
    "templateDesc": "Monthly statement",
    "useYn": "Y",
    "priority": "S",
    "sendNo": "0215449876",
    "sendType": "1",
    "sendTypeName": "MMS",
    "title": "##month## statement",
    "body": "Dear ##name##, you owe ##amount##.",
    "attachFileYn": "Y",
    "delYn": "N",
    "createDate": "2026-09-18 14:30:03.0",
    "createUser": None,
    "updateDate": "2026-09-18 14:30:03",
    "updateUser": None,
    "attachFileList": [{"fileId": 771204, "fileName": "a.jpg", "filePath": "0/x/771204"}],
}
BLANK_CODE = {"header": {"isSuccessful": True, "resultCode": "", "resultMessage": ""}}


async def test_template_is_read_from_the_documented_shape(
    api: Api, sms_mock: respx.MockRouter
) -> None:
    sms_mock.get(f"{SMS_PREFIX}/templates/{DOC_TEMPLATE['templateId']}").respond(
        json=envelope({"data": DOC_TEMPLATE})
    )
    template = await api("get_sms_template", DOC_TEMPLATE["templateId"])
    assert isinstance(template, SmsTemplate)
    assert (template.send_type, template.enabled, template.category_id) == ("mms", True, 415978)
    assert template.variables == ("month", "name", "amount")
    assert template.attachments[0].file_id == 771204
    assert template.created_at == datetime(2026, 9, 18, 14, 30, 3)
    assert template.updated_at == datetime(2026, 9, 18, 14, 30, 3)


async def test_list_templates_with_filters(api: Api, sms_mock: respx.MockRouter) -> None:
    route = sms_mock.get(f"{SMS_PREFIX}/templates").respond(
        json=envelope({"pageNum": 1, "pageSize": 100, "totalCount": 1, "data": [DOC_TEMPLATE]})
    )
    found = await api.collect("list_sms_templates", category_id=415978, enabled=True)
    params = route.calls[0].request.url.params
    assert (params["categoryId"], params["useYn"]) == ("415978", "Y")
    assert len(found) == 1


async def test_create_and_modify_send_the_documented_body_and_read_blank_codes(
    api: Api, sms_mock: respx.MockRouter
) -> None:
    create = sms_mock.post(f"{SMS_PREFIX}/templates").respond(json=BLANK_CODE)
    modify = sms_mock.put(f"{SMS_PREFIX}/templates/STATEMENT").respond(json=BLANK_CODE)
    await api(
        "create_sms_template",
        "STATEMENT",
        "Statement",
        "Dear ##name##, you owe ##amount##.",
        category_id=7,
        send_type="mms",
        title="Statement",
        attachment_ids=[771204],
    )
    assert json.loads(create.calls[0].request.content) == {
        "categoryId": 7,
        "templateId": "STATEMENT",
        "templateName": "Statement",
        "sendNo": "0212345678",
        "sendType": "1",
        "body": "Dear ##name##, you owe ##amount##.",
        "useYn": "Y",
        "title": "Statement",
        "attachFileIdList": [771204],
    }
    await api("modify_sms_template", "STATEMENT", "Statement", "Hi ##name##", enabled=False)
    body = json.loads(modify.calls[0].request.content)
    assert (body["sendType"], body["useYn"]) == ("0", "N") and "categoryId" not in body


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"send_type": "mms"}, "title"),
        ({"title": "x"}, "title"),
        ({"attachment_ids": [1]}, "attachment_ids"),
        ({"send_type": "fax"}, "send_type"),
        ({"category_id": -1}, "category_id"),
    ],
)
async def test_create_validates_locally(
    api: Api, sms_mock: respx.MockRouter, kwargs: dict[str, object], field: str
) -> None:
    options = {"category_id": 1, **kwargs}
    with pytest.raises(ValidationError) as info:
        await api("create_sms_template", "T1", "Name", "Body", **options)
    assert info.value.field == field
    assert not sms_mock.calls


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("method", ["get_sms_template", "delete_sms_template"])
async def test_template_ids_stay_one_segment(
    api: Api, sms_mock: respx.MockRouter, hostile: str, method: str
) -> None:
    with pytest.raises(ValidationError):
        await api(method, hostile)
    with pytest.raises(ValidationError):
        await api("get_sms_template_category", hostile)
    assert not sms_mock.calls


async def test_get_category_accepts_the_one_item_list(api: Api, sms_mock: respx.MockRouter) -> None:
    item = {"categoryId": 137612, "categoryParentId": 0, "depth": 0, "categoryName": "Category"}
    sms_mock.get(f"{SMS_PREFIX}/categories/137612").respond(json=envelope({"data": [item]}))
    category = await api("get_sms_template_category", 137612)
    assert category == SmsTemplateCategory(
        category_id=137612, parent_id=0, name="Category", depth=0
    )


async def test_template_errors_are_typed(api: Api, sms_mock: respx.MockRouter) -> None:
    sms_mock.post(f"{SMS_PREFIX}/templates").respond(
        json=envelope(None, code=-2101, message="Already used templateId.")
    )
    with pytest.raises(sms_errors.TemplateIdAlreadyUsedError):
        await api("create_sms_template", "T1", "Name", "Body", category_id=1)


# --- on the emulator, both clients ---------------------------------------------------


async def test_categories_and_templates_round_trip(emu_api: Api, emu: Emulator) -> None:
    category = await emu_api("create_sms_template_category", "Billing", description="Bills")
    assert category.parent_id == 1 and category.depth == 1
    await emu_api("modify_sms_template_category", category.category_id, "Billing 2")
    assert (await emu_api("get_sms_template_category", category.category_id)).name == "Billing 2"
    names = [c.name for c in await emu_api.collect("list_sms_template_categories")]
    assert names == ["Category", "Billing 2"]

    await emu_api(
        "create_sms_template",
        "STATEMENT",
        "Statement",
        "Dear ##name##, you owe ##amount##.",
        category_id=category.category_id,
    )
    with pytest.raises(TemplateError):
        await emu_api(
            "create_sms_template", "STATEMENT", "Again", "x", category_id=category.category_id
        )
    listed = await emu_api.collect("list_sms_templates", category_id=category.category_id)
    assert [t.template_id for t in listed] == ["STATEMENT"]

    sent = await emu_api(
        "send_sms",
        "01055550123",
        None,
        template_id="STATEMENT",
        params={"name": "Kim", "amount": "9"},
    )
    assert sent.ok
    assert emu.messages_to("01055550123")[0].content == "Dear Kim, you owe 9."

    await emu_api("delete_sms_template", "STATEMENT")
    with pytest.raises(TemplateError):
        await emu_api("get_sms_template", "STATEMENT")
    await emu_api("delete_sms_template_category", category.category_id)
    with pytest.raises(sms_errors.TopCategoryDeletionError):
        await emu_api("delete_sms_template_category", 1)


async def test_sms_template_check_refuses_a_missing_variable(emu_api: Api, emu: Emulator) -> None:
    await emu_api(
        "create_sms_template", "STATEMENT", "Statement", "Dear ##name##, ##amount##.", category_id=1
    )
    emu_api.client.enable_template_check()
    with pytest.raises(ValidationError) as info:
        await emu_api(
            "send_sms", "01055550123", None, template_id="STATEMENT", params={"name": "Kim"}
        )
    assert "##amount##" in str(info.value)
    assert emu.accepted == ()
    # A send with its own body does not use the template text: nothing to compare.
    sent = await emu_api("send_sms", "01055550123", "Plain body", template_id="STATEMENT")
    assert sent.ok
    sent = await emu_api(
        "send_sms",
        "01055550124",
        None,
        template_id="STATEMENT",
        params={"name": "Kim", "amount": "9"},
    )
    assert sent.ok
