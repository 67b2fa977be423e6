"""The emulator's webhooks: result updates POSTed to a receiver, as NHN Cloud sends them.

:class:`WebhookDispatcher` watches an :class:`~notify_sdk.testing.Emulator`; every
delivery that reached its final result since the last call becomes a hook of a
``MESSAGE_RESULT_UPDATE`` envelope (one envelope per product: ``SMS`` and
``KakaoTalk Bizmessage``), signed with the ``X-Toast-Webhook-Signature`` header.
:meth:`~WebhookDispatcher.collect` builds the POSTs without sending them, so a test can
lose, repeat or reorder them before :meth:`~WebhookDispatcher.deliver`.
"""

from __future__ import annotations

import itertools
import json
import secrets
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import httpx

if TYPE_CHECKING:
    from ._emulator import Emulator
    from ._state import Delivery

__all__ = ["WebhookDispatcher", "WebhookPost"]

_KAKAO_TYPES = {
    "alimtalk": "ALIMTALK_NORMAL",
    "friendtalk": "FRIENDTALK_NORMAL",
    "brand": "BRAND_MESSAGE_NORMAL",
}
_KAKAO_PATHS = {
    "alimtalk": "alimtalk/v2.3",
    "friendtalk": "friendtalk/v2.4",
    "brand": "brand-message/v1.0",
}


@attrs.frozen(slots=True)
class WebhookPost:
    """One webhook POST: where it goes, its headers and its JSON body.

    Attributes:
        url: the receiver's URL.
        headers: ``Content-Type`` and, with a secret, ``X-Toast-Webhook-Signature``.
        body: the envelope as UTF-8 JSON bytes.
    """

    url: str
    headers: Mapping[str, str]
    body: bytes

    @property
    def envelope(self) -> dict[str, Any]:
        """The body, decoded."""
        data: dict[str, Any] = json.loads(self.body)
        return data


#: Sends one POST and returns the HTTP status: ``post(url, headers, body)``.
Poster = Callable[[str, Mapping[str, str], bytes], int]


class WebhookDispatcher:
    """POSTs the emulator's result updates to a webhook receiver.

    Args:
        emulator: the emulator whose deliveries are reported.
        url: the receiver's URL (``http://127.0.0.1:PORT/hooks``, or a path such as
            ``"/hooks"`` for an in-process test client).
        secret: the signature string sent in ``X-Toast-Webhook-Signature``; ``None``
            sends no header (an unsigned console configuration).
        http: the ``httpx.Client`` that POSTs (a Starlette/FastAPI ``TestClient`` is
            one); default a fresh client on loopback.
        post: instead of ``http``, any function ``post(url, headers, body) -> status``
            (e.g. a Flask test client adapter).
        webhook_config_id: the ``webhookConfigId`` of the envelopes.

    Example::

        dispatcher = WebhookDispatcher(emulator, "/hooks", secret="s3cret", http=test_client)
        client.send_sms("01055550123", "hi")
        emulator.advance(60)
        dispatcher.dispatch()        # one POST per product with new results
    """

    def __init__(
        self,
        emulator: Emulator,
        url: str,
        *,
        secret: str | None,
        http: httpx.Client | None = None,
        post: Poster | None = None,
        webhook_config_id: str = "wh-emulator",
    ) -> None:
        self._emulator = emulator
        self._url = url
        self._secret = secret
        self._http = http
        self._post = post
        self._config_id = webhook_config_id
        self._reported: set[tuple[str, str, int]] = set()
        self._ids = itertools.count(1)

    def __repr__(self) -> str:
        return f"WebhookDispatcher({self._url!r})"

    def _next_id(self, prefix: str) -> str:
        # Unique across dispatchers and emulators, as the provider's are.
        stamp = f"{self._emulator.now():%Y%m%d%H%M%S}"
        return f"{stamp}{prefix}{secrets.token_hex(4)}{next(self._ids):03d}"

    def _hook(self, delivery: Delivery) -> tuple[str, dict[str, Any]]:
        message = delivery.message
        moment = delivery.cancelled_at or delivery.finalized_at
        code = delivery.outcome
        common = {
            "hookId": self._next_id("hk"),
            "requestId": message.request_id,
            "recipientSeq": message.recipient_seq,
            "recipientNo": message.number,
            "senderGroupingKey": message.sender_grouping_key,
            "recipientGroupingKey": message.recipient_grouping_key,
        }
        requested = delivery.request_date
        if message.service == "sms":
            status = (
                "CANCEL"
                if delivery.cancelled_at is not None
                else ("COMPLETED" if code == "1000" else "FAILED")
            )
            common.update(
                senderType="NORMAL_SMS",
                requestDate=f"{requested:%Y-%m-%dT%H:%M:%S}",
                receiveDate=f"{moment:%Y-%m-%dT%H:%M:%S}" if moment else None,
                sendNo=message.sender,
                messageStatus=status,
                resultCode="" if status == "CANCEL" else code,
                messageCount=1,
                _links={
                    "self": {
                        "href": "https://sms.api.nhncloudservice.com/sms/v3.0/appKeys/"
                        f"{self._emulator.sms_app_key}/sender/sms/{message.request_id}"
                        f"?recipientSeq={message.recipient_seq}"
                    }
                },
            )
            return "sms", common
        path = _KAKAO_PATHS.get(message.service, "alimtalk/v2.3")
        common.update(
            kakaoMessageType=_KAKAO_TYPES.get(message.service, "ALIMTALK_NORMAL"),
            requestDate=f"{requested:%Y-%m-%d %H:%M:%S}",
            createDate=f"{message.created_at:%Y-%m-%d %H:%M:%S}",
            receiveDate=f"{moment:%Y-%m-%d %H:%M:%S}" if moment else None,
            resultCode=code,
            isAddedChannel=True if message.service == "brand" else None,
            _links={
                "self": {
                    "href": "https://kakaotalk-bizmessage.api.nhncloudservice.com/"
                    f"{path}/appkeys/{self._emulator.kakao_app_key}/messages/"
                    f"{message.request_id}/{message.recipient_seq}"
                }
            },
        )
        return "kakao", common

    def collect(self) -> list[WebhookPost]:
        """The POSTs for every result that became final since the last call (not sent).

        Each delivery is reported once; cancelled SMS are reported as ``CANCEL``.
        """
        emulator = self._emulator
        hooks: dict[str, list[dict[str, Any]]] = {"sms": [], "kakao": []}
        with emulator._lock:
            state = emulator._state
            state.settle()
            for delivery in state.deliveries:
                message = delivery.message
                key = (message.service, message.request_id, message.recipient_seq)
                if key in self._reported:
                    continue
                if delivery.finalized_at is None and delivery.cancelled_at is None:
                    continue
                if delivery.cancelled_at is not None and message.service != "sms":
                    continue
                self._reported.add(key)
                product, hook = self._hook(delivery)
                hooks[product].append(hook)
        posts = []
        for product, items in hooks.items():
            if not items:
                continue
            envelope = {
                "hooksId": self._next_id("HK"),
                "webhookConfigId": self._config_id,
                "productName": "SMS" if product == "sms" else "KakaoTalk Bizmessage",
                "appKey": emulator.sms_app_key if product == "sms" else emulator.kakao_app_key,
                "event": "MESSAGE_RESULT_UPDATE",
                "hooks": items,
            }
            headers = {"Content-Type": "application/json;charset=UTF-8"}
            if self._secret is not None:
                headers["X-Toast-Webhook-Signature"] = self._secret
            posts.append(
                WebhookPost(self._url, headers, json.dumps(envelope, ensure_ascii=False).encode())
            )
        return posts

    def deliver(self, posts: Iterable[WebhookPost]) -> list[int]:
        """POST each of ``posts`` in the order given; returns the HTTP statuses."""
        statuses = []
        for item in posts:
            if self._post is not None:
                statuses.append(self._post(item.url, item.headers, item.body))
                continue
            if self._http is None:
                self._http = httpx.Client(timeout=5.0)
            response = self._http.post(item.url, content=item.body, headers=dict(item.headers))
            statuses.append(response.status_code)
        return statuses

    def dispatch(self) -> list[int]:
        """:meth:`collect` and :meth:`deliver` in one go; returns the HTTP statuses."""
        return self.deliver(self.collect())
