"""AlimTalk message parts: the raw send's item list, highlight and main link, and the
per-recipient buttons, quick replies, title and header (AlimTalkRecipient).

The API takes every one of them per recipient (``recipientList[].…``); the SDK
takes them per call as the default and per recipient as the override.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import respx

from notify_sdk import (
    AlimTalkRecipient,
    ButtonParams,
    KakaoButton,
    KakaoQuickReply,
    Recipient,
    TemplateItem,
    TemplateItemHighlight,
    TemplateLink,
)
from notify_sdk.errors import ValidationError
from notify_sdk.testing import Emulator
from tests.helpers import Runner
from tests.helpers.kakao import ALIMTALK_RAW, ALIMTALK_SEND, body, ok_send

ROWS = [TemplateItem("Item", "Americano x2"), TemplateItem("Total", "9,000원")]
SUMMARY = TemplateItem("Paid", "9,000원")
HIGHLIGHT = TemplateItemHighlight("Order 58213", "Ready for pickup")
LINK = TemplateLink(link_mobile="https://m.shop.example/o/58213")


async def _raw(run: Runner, to: Any = "01055550123", **kwargs: Any) -> dict[str, Any]:
    with respx.mock() as mock:
        route = mock.post(ALIMTALK_RAW).mock(return_value=ok_send())
        await run("send_alimtalk_raw", to, "Your order is ready", template_code="T1", **kwargs)
    sent: dict[str, Any] = body(route)
    return sent


async def test_raw_send_carries_item_list_highlight_and_main_link(run: Runner) -> None:
    sent = await _raw(
        run, items=ROWS, item_summary=SUMMARY, item_highlight=HIGHLIGHT, represent_link=LINK
    )
    entry = sent["recipientList"][0]
    assert entry["templateItem"] == {
        "list": [
            {"title": "Item", "description": "Americano x2"},
            {"title": "Total", "description": "9,000원"},
        ],
        "summary": {"title": "Paid", "description": "9,000원"},
    }
    assert entry["templateItemHighlight"] == {
        "title": "Order 58213",
        "description": "Ready for pickup",
    }
    assert entry["templateRepresentLink"] == {"linkMo": "https://m.shop.example/o/58213"}


async def test_highlight_with_thumbnail_sends_image_url(run: Runner) -> None:
    highlight = TemplateItemHighlight("Order 58213", "Ready", image_url="https://img.example/t.png")
    entry = (await _raw(run, item_highlight=highlight))["recipientList"][0]
    assert entry["templateItemHighlight"]["imageUrl"] == "https://img.example/t.png"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"items": ROWS[:1]}, "items"),
        ({"items": ROWS * 6}, "items"),
        ({"items": [TemplateItem("Seven!!", "x"), ROWS[1]]}, "items[0].title"),
        ({"items": [ROWS[0], TemplateItem("Total", "d" * 24)]}, "items[1].description"),
        ({"items": [("Item", "x"), ROWS[1]]}, "items"),
        ({"items": [TemplateItem("#{a}", "x"), ROWS[1]]}, "items[0].title"),
        ({"items": ROWS, "item_summary": TemplateItem("#{s}", "1")}, "item_summary.title"),
        ({"item_summary": SUMMARY}, "item_summary"),
        ({"items": ROWS, "item_summary": TemplateItem("Paid", "nine thousand")},
         "item_summary.description"),
        ({"items": ROWS, "item_summary": TemplateItem("Paid", "1" * 15)},
         "item_summary.description"),
        ({"item_highlight": TemplateItemHighlight("t" * 31, "d")}, "item_highlight.title"),
        ({"item_highlight": TemplateItemHighlight("t" * 22, "d", image_url="https://i.example")},
         "item_highlight.title"),
        ({"item_highlight": TemplateItemHighlight("t", "d" * 20)}, "item_highlight.description"),
        ({"item_highlight": TemplateItemHighlight("t", "d" * 14, image_url="https://i.example")},
         "item_highlight.description"),
        ({"item_highlight": "Order"}, "item_highlight"),
        ({"represent_link": TemplateLink()}, "represent_link"),
        ({"represent_link": TemplateLink(link_pc="https://" + "x" * 500)},
         "represent_link.link_pc"),
        ({"represent_link": {"linkMo": "https://m.example"}}, "represent_link"),
    ],
)  # fmt: skip
async def test_raw_send_parts_are_checked_against_the_documented_limits(
    run: Runner, kwargs: dict[str, Any], field: str
) -> None:
    with respx.mock(assert_all_called=False) as mock:
        route = mock.post(ALIMTALK_RAW).mock(return_value=ok_send())
        with pytest.raises(ValidationError) as info:
            await run("send_alimtalk_raw", "01055550123", "hi", template_code="T1", **kwargs)
    assert info.value.field == field
    assert not route.called


async def test_limits_at_the_edge_are_accepted(run: Runner) -> None:
    items = [TemplateItem("t" * 6, "d" * 23)] * 10
    sent = await _raw(
        run,
        items=items,
        item_summary=TemplateItem("Sum", "$1,234.50 USD"),
        item_highlight=TemplateItemHighlight("t" * 21, "d" * 13, image_url="https://i.example"),
    )
    assert len(sent["recipientList"][0]["templateItem"]["list"]) == 10


# --- per-recipient parts ---------------------------------------------------------------


async def test_raw_send_recipient_parts_replace_the_calls(run: Runner) -> None:
    call_button = KakaoButton("WL", "Open", link_mobile="https://m.example/a")
    own_button = KakaoButton("WL", "Track", link_mobile="https://m.example/b")
    sent = await _raw(
        run,
        [
            AlimTalkRecipient(
                "01055550001",
                title="Kim's order",
                header="For Kim",
                buttons=[own_button],
                quick_replies=[KakaoQuickReply("BK", "Help")],
                items=[TemplateItem("A", "1"), TemplateItem("B", "2")],
                item_highlight=TemplateItemHighlight("Kim", "ready"),
                represent_link=TemplateLink(link_mobile="https://m.example/kim"),
            ),
            AlimTalkRecipient("01055550002", buttons=()),
            Recipient("01055550003"),
        ],
        title="Your order",
        header="Orders",
        buttons=[call_button],
        items=ROWS,
        item_summary=SUMMARY,
        item_highlight=HIGHLIGHT,
        represent_link=LINK,
    )
    own, no_buttons, plain = sent["recipientList"]
    assert own["templateTitle"] == "Kim's order" and own["templateHeader"] == "For Kim"
    assert [b["name"] for b in own["buttons"]] == ["Track"]
    assert [q["name"] for q in own["quickReplies"]] == ["Help"]
    # items without a summary: the recipient's templateItem replaces the call's whole.
    assert own["templateItem"] == {
        "list": [{"title": "A", "description": "1"}, {"title": "B", "description": "2"}]
    }
    assert own["templateItemHighlight"]["title"] == "Kim"
    assert own["templateRepresentLink"] == {"linkMo": "https://m.example/kim"}
    # buttons=() sends none to that recipient; the rest comes from the call.
    assert "buttons" not in no_buttons
    assert no_buttons["templateTitle"] == "Your order"
    assert no_buttons["templateItem"]["summary"] == {"title": "Paid", "description": "9,000원"}
    assert plain["templateHeader"] == "Orders"
    assert [b["name"] for b in plain["buttons"]] == ["Open"]
    assert plain["templateRepresentLink"] == {"linkMo": "https://m.shop.example/o/58213"}


async def test_template_send_takes_per_recipient_button_params(run: Runner) -> None:
    with respx.mock() as mock:
        route = mock.post(ALIMTALK_SEND).mock(return_value=ok_send())
        await run(
            "send_alimtalk",
            [
                AlimTalkRecipient(
                    "01055550001",
                    buttons=[ButtonParams(1, chat_extra="order=1")],
                    quick_replies=[ButtonParams(1, chat_event="help")],
                ),
                "01055550002",
            ],
            "T1",
            buttons=[ButtonParams(1, chat_extra="order=all")],
        )
    own, plain = body(route)["recipientList"]
    assert own["buttons"] == [{"ordering": 1, "chatExtra": "order=1"}]
    assert own["quickReplies"] == [{"ordering": 1, "chatEvent": "help"}]
    assert plain["buttons"] == [{"ordering": 1, "chatExtra": "order=all"}]
    assert "quickReplies" not in plain


@pytest.mark.parametrize(
    ("method", "recipient", "field"),
    [
        ("send_alimtalk", AlimTalkRecipient("01055550001", title="T"), "to[1].title"),
        ("send_alimtalk", AlimTalkRecipient("01055550001", header="H"), "to[1].header"),
        ("send_alimtalk", AlimTalkRecipient("01055550001", represent_link=LINK),
         "to[1].represent_link"),
        ("send_alimtalk", AlimTalkRecipient("01055550001", buttons=[KakaoButton("DS", "Track")]),
         "to[1].buttons"),
        ("send_alimtalk_raw", AlimTalkRecipient("01055550001", buttons=[ButtonParams(1)]),
         "to[1].buttons"),
        ("send_alimtalk_raw", AlimTalkRecipient("01055550001", header="h" * 17), "to[1].header"),
        ("send_alimtalk_raw", AlimTalkRecipient("01055550001", items=ROWS[:1]), "to[1].items"),
        ("send_alimtalk_raw",
         AlimTalkRecipient("01055550001", quick_replies=[KakaoQuickReply("DS", "x")]),
         "to[1].quick_replies"),
    ],
)  # fmt: skip
async def test_recipient_parts_are_checked_and_named(
    run: Runner, method: str, recipient: AlimTalkRecipient, field: str
) -> None:
    args: tuple[Any, ...] = ("T1",) if method == "send_alimtalk" else ("hi",)
    extra = {} if method == "send_alimtalk" else {"template_code": "T1"}
    with respx.mock(assert_all_called=False) as mock:
        route = mock.post(ALIMTALK_SEND).mock(return_value=ok_send())
        raw = mock.post(ALIMTALK_RAW).mock(return_value=ok_send())
        with pytest.raises(ValidationError) as info:
            await run(method, ["01055550000", recipient], *args, **extra)
    assert info.value.field == field
    assert not route.called and not raw.called


# --- the emulator ----------------------------------------------------------------------


def _emulator_raw(emulator: Emulator, **kwargs: Any) -> Any:
    with emulator.client() as client:
        return client.send_alimtalk_raw(
            "01055550123", "Hello Kim, welcome aboard.", template_code="WELCOME", **kwargs
        )


def test_emulator_accepts_and_records_the_raw_send_parts(notify_emulator: Emulator) -> None:
    result = _emulator_raw(
        notify_emulator,
        items=ROWS,
        item_summary=SUMMARY,
        item_highlight=HIGHLIGHT,
        represent_link=LINK,
    )
    assert result.ok
    [message] = notify_emulator.accepted
    assert message.request_id == result.request_id
    # get_alimtalk_message answers the rendered parts as they were sent.
    raw = notify_emulator.handler(
        httpx.Request(
            "GET",
            f"http://emulator/alimtalk/v2.3/appkeys/{notify_emulator.kakao_app_key}"
            f"/messages/{result.request_id}/1",
            headers={"X-Secret-Key": notify_emulator.kakao_secret_key},
        )
    ).json()["message"]
    assert raw["templateItem"]["summary"] == {"title": "Paid", "description": "9,000원"}
    assert raw["templateItemHighlight"]["title"] == "Order 58213"
    assert raw["templateRepresentLink"] == {"linkMo": "https://m.shop.example/o/58213"}


@pytest.mark.parametrize(
    ("part", "value", "code"),
    [
        ("templateItem", {"list": [{"title": "A", "description": "1"}]}, -3043),
        ("templateItem", {"list": [{"title": "Seven!!", "description": "1"}] * 2}, -3043),
        ("templateItem", {"list": [{"title": "#{a}", "description": "1"}] * 2}, -3037),
        ("templateItemHighlight", {"title": "t" * 31, "description": "d"}, -3043),
        ("templateItemHighlight", {"title": "t" * 22, "description": "d", "imageUrl": "u"}, -3040),
        ("templateTitle", "t" * 51, -2032),
        ("templateRepresentLink", {"linkMo": "x" * 501}, -3046),
        ("templateHeader", "h" * 17, -3042),
    ],
)
def test_emulator_refuses_parts_outside_the_documented_limits(
    notify_emulator: Emulator, part: str, value: object, code: int
) -> None:
    entry = {"recipientNo": "01055550123", "content": "Hello Kim, welcome aboard.", part: value}
    data = {"senderKey": notify_emulator.sender_key, "templateCode": "WELCOME",
            "recipientList": [entry]}  # fmt: skip
    with httpx.Client(transport=notify_emulator.transport()) as http:
        answer = http.post(
            f"http://emulator/alimtalk/v2.3/appkeys/{notify_emulator.kakao_app_key}/raw-messages",
            headers={"X-Secret-Key": notify_emulator.kakao_secret_key},
            json=data,
        ).json()
    assert answer["message"]["sendResults"][0]["resultCode"] == code


def test_sends_without_per_recipient_parts_refuse_them(notify_emulator: Emulator) -> None:
    from notify_sdk.brand import TextMessage

    recipient = AlimTalkRecipient("01055550001", buttons=[ButtonParams(1)])
    with notify_emulator.client() as client:
        with pytest.raises(ValidationError) as info, pytest.warns(DeprecationWarning):
            client.send_friendtalk(["01055550000", recipient], "hello")
        assert info.value.field == "to[1].buttons"
        with pytest.raises(ValidationError) as info:
            client.send_brand_message(recipient, TextMessage("hello"))
        assert info.value.field == "to[0].buttons"
    assert notify_emulator.accepted == ()
