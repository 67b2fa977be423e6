"""The delivery-tracking methods of both clients (``wait_for_delivery``, ``iter_delivery_updates``).

A mixin of its own so that the client module only lists it; the work is done in
:mod:`notify_sdk.tracking`, imported when a method is first called (the send path
never loads it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ._core.endpoints import SMS

if TYPE_CHECKING:
    from .results import SendResult
    from .tracking import DeliveryStatus
    from .tracking._drive import AsyncDeliveryUpdates, DeliveryUpdates
    from .tracking._poller import UpdateCursor

__all__ = ["AsyncTrackingMethods", "TrackingMethods"]

_LOOKBACK = timedelta(hours=24)


def _configured(client: Any) -> tuple[str, ...]:
    # Follow only the services whose credentials the client has: an SMS-only
    # application must not fail for lack of KakaoTalk keys.
    services: list[str] = []
    config = getattr(client, "_config", None)
    for namespace, names in (("sms", ("sms",)), ("kakao", ("alimtalk", "friendtalk", "brand"))):
        try:
            creds = config.credentials(namespace)  # type: ignore[union-attr]
            ready = bool(creds.app_key and creds.secret_key)
        except AttributeError:
            ready = True
        if ready:
            services.extend(names)
    return tuple(services)


class TrackingMethods:
    """Delivery tracking on :class:`~notify_sdk.NotifyClient`."""

    def wait_for_delivery(
        self,
        results: SendResult | Iterable[SendResult | tuple[str, str]],
        *,
        timeout: float,
        ladder: Sequence[float] | None = None,
        sleep: Callable[[float], object] | None = None,
    ) -> tuple[DeliveryStatus, ...]:
        """Poll until every recipient of the given sends is final, or ``timeout`` passes.

        One query per request id per round (never one per recipient), on a backoff
        ladder: seconds at first, minutes later. Recipients the API refused at send
        time are final at once; an SMS is looked up under the short-SMS, LMS/MMS and
        authentication listings until found.

        Args:
            results: one :class:`~notify_sdk.SendResult` or several (any services),
                or ``(service, request_id)`` pairs for sends known only by their id
                (their recipients are the ones the listing reports).
            timeout: seconds to keep polling at most (0: one round, no wait).
            ladder: seconds between rounds, the last one repeating (default
                ``1, 2, 3, 5, 10, 15, 30, 60, 120, 300``).
            sleep: the function that waits (default ``time.sleep``); tests pass one
                that moves a fake clock, and the time it "slept" counts toward
                ``timeout``.

        Returns:
            One :class:`~notify_sdk.tracking.DeliveryStatus` per recipient, in the
            order of the sends; those not final when time ran out have
            ``final == False``.

        Raises:
            NotifyError: a query failed for a reason that will not pass by itself
                (credentials, permissions). Server and network failures only skip
                a round.
        """
        from .tracking._drive import wait_for_delivery
        from .tracking._poller import DEFAULT_LADDER

        return wait_for_delivery(
            self,  # type: ignore[arg-type]
            results,
            timeout=timeout,
            ladder=DEFAULT_LADDER if ladder is None else ladder,
            sleep=sleep,
        )

    def iter_delivery_updates(
        self,
        *,
        since: datetime | timedelta | UpdateCursor,
        until: datetime | None = None,
        services: Iterable[str] | None = None,
        brand_lookback: timedelta = _LOOKBACK,
    ) -> DeliveryUpdates:
        """Iterate over every delivery result that changed in a time range.

        SMS, AlimTalk and FriendTalk are read through their result-update searches
        (SMS windows are cut at one day, KakaoTalk ones at 30 days); Brand Message,
        which has none, through its listing by request time over ``brand_lookback``
        before ``since``. Each change is yielded once.

        Run it every minute and store ``updates.cursor.to_json()``; pass
        ``UpdateCursor.from_json(stored)`` as ``since`` next time to resume exactly
        where it stopped::

            updates = client.iter_delivery_updates(since=cursor or timedelta(minutes=10))
            for status in updates:
                save(status)
            store(updates.cursor.to_json())

        Args:
            since: a datetime (naive = Korea time), a :class:`~datetime.timedelta`
                before now, or an :class:`~notify_sdk.tracking.UpdateCursor`.
            until: the end of the range (default now).
            services: which of ``"sms"``, ``"alimtalk"``, ``"friendtalk"``, ``"brand"``
                to follow (default those the client has credentials for).
            brand_lookback: how far before ``since`` Brand Message sends are listed.

        Returns:
            An iterator of :class:`~notify_sdk.tracking.DeliveryStatus` with a
            ``cursor`` property.
        """
        from .tracking._drive import DeliveryUpdates

        return DeliveryUpdates(
            self,
            since=since,
            until=until,
            services=_configured(self) if services is None else services,
            brand_lookback=brand_lookback,
        )


class AsyncTrackingMethods:
    """Delivery tracking on :class:`~notify_sdk.AsyncNotifyClient`."""

    async def wait_for_delivery(
        self,
        results: SendResult | Iterable[SendResult | tuple[str, str]],
        *,
        timeout: float,
        ladder: Sequence[float] | None = None,
        sleep: Callable[[float], object] | None = None,
    ) -> tuple[DeliveryStatus, ...]:
        """Poll until every recipient is final or ``timeout`` passes (awaitable).

        As :meth:`NotifyClient.wait_for_delivery <notify_sdk.NotifyClient.wait_for_delivery>`;
        the queries of one round run concurrently, and ``sleep`` may be a coroutine
        function (default ``asyncio.sleep``).
        """
        from .tracking._drive import async_wait_for_delivery
        from .tracking._poller import DEFAULT_LADDER

        return await async_wait_for_delivery(
            self,  # type: ignore[arg-type]
            results,
            timeout=timeout,
            ladder=DEFAULT_LADDER if ladder is None else ladder,
            sleep=sleep,
        )

    def iter_delivery_updates(
        self,
        *,
        since: datetime | timedelta | UpdateCursor,
        until: datetime | None = None,
        services: Iterable[str] | None = None,
        brand_lookback: timedelta = _LOOKBACK,
    ) -> AsyncDeliveryUpdates:
        """Iterate (``async for``) over every delivery result that changed in a range.

        As :meth:`NotifyClient.iter_delivery_updates
        <notify_sdk.NotifyClient.iter_delivery_updates>`.
        """
        from .tracking._drive import AsyncDeliveryUpdates

        return AsyncDeliveryUpdates(
            self,
            since=since,
            until=until,
            services=_configured(self) if services is None else services,
            brand_lookback=brand_lookback,
        )


# --- helper declarations (see notify_sdk._core.endpoints) -----------------------------

SMS.helper(
    "wait_for_delivery",
    uses=(
        "get_sms_delivery",
        "get_alimtalk_message",
        "get_friendtalk_message",
        "get_brand_message",
    ),
    reason="polls the single queries of each send until every recipient is final",
)
SMS.helper(
    "iter_delivery_updates",
    uses=("search_sms_results", "search_alimtalk_results", "search_friendtalk_results"),
    reason="cuts a long range into the result-update searches' windows and merges them",
)
