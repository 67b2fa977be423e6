"""Views of the test project: they send the way an application's views would."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse

from notify_sdk.contrib.django import get_async_client, get_client

#: What the configured WEBHOOK_HANDLER received, for the tests to read.
HANDLED: list[Any] = []


def signup(request: HttpRequest) -> JsonResponse:
    phone = request.POST["phone"]
    result = get_client().send_sms(phone, "Your code is 482913")
    return JsonResponse({"request_id": result.request_id, "ok": result.ok})


async def signup_async(request: HttpRequest) -> JsonResponse:
    phone = request.POST["phone"]
    result = await get_async_client().send_sms(phone, "Your code is 482913")
    return JsonResponse({"request_id": result.request_id, "ok": result.ok})


def record_event(event: Any) -> None:
    HANDLED.append(event)
