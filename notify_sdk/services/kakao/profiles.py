"""KakaoTalk sender profiles: listing and reading the channels that send (also :mod:`.senders`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from ..._core import (
    Context,
    JSONDict,
    Operation,
    Page,
    Pager,
    body_of,
    expect_dict,
    expect_list,
)
from ..._core.endpoints import KAKAO
from ..._core.params import require_text
from ..._core.wire import opt_int
from ...errors import ValidationError
from .._manage import paged, sender_segments
from .common import SENDER_KEY_MAX
from .models import SenderProfile, _profile

if TYPE_CHECKING:
    from ..._retry import RetryPolicy


def _profiles_page(data: JSONDict) -> Page[SenderProfile]:
    items = expect_list(body_of(data, "senders", "kakao"), "senders", "kakao")
    return Page(
        tuple(_profile(i) for i in items if isinstance(i, dict)), opt_int(data.get("totalCount"))
    )


def _one_profile(data: JSONDict) -> SenderProfile:
    return _profile(expect_dict(body_of(data, "sender", "kakao"), "sender", "kakao"))


PROFILES = KAKAO.endpoint(
    "list_sender_profiles",
    "GET",
    "senders",
    group="AlimTalk and FriendTalk",
    pager=True,
    query={"plus_friend_id": "plusFriendId", "sender_key": "senderKey"},
    parser=_profiles_page,
)
PROFILE = KAKAO.endpoint(
    "get_sender_profile",
    "GET",
    "senders/{senderKey}",
    group="AlimTalk and FriendTalk",
    segments={"sender_key": "senderKey"},
    parser=_one_profile,
)

# --- sender profiles -------------------------------------------------------------


@PROFILES.builds
def list_sender_profiles(
    ctx: Context,
    *,
    plus_friend_id: str | None = None,
    sender_key: str | None = None,
    status: Literal["YSC02", "YSC03"] | None = None,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[SenderProfile]:
    """List the KakaoTalk sender profiles registered with the app key.

    Args:
        plus_friend_id: only this channel id (e.g. ``"@shop"``).
        sender_key: only this sender key.
        status: ``"YSC02"`` (waiting for token) or ``"YSC03"`` (registered).
        page_size: items per request, 1..1,000.
        limit: stop after this many items.
        retry: a retry policy for these calls.

    Returns:
        An iterator (``async for`` on the async client) of :class:`SenderProfile`.
    """
    params: dict[str, Any] = {}
    if plus_friend_id is not None:
        params["plusFriendId"] = require_text(plus_friend_id, "plus_friend_id", max_chars=30)
    if sender_key is not None:
        params["senderKey"] = require_text(sender_key, "sender_key", max_chars=SENDER_KEY_MAX)
    if status is not None:
        if status not in ("YSC02", "YSC03"):
            raise ValidationError("status must be 'YSC02' or 'YSC03'", field="status")
        params["status"] = status
    return paged(PROFILES, params, page_size=page_size, limit=limit, retry=retry)


@PROFILE.builds
def get_sender_profile(
    ctx: Context, sender_key: str | None = None, *, retry: RetryPolicy | None = None
) -> Operation[SenderProfile]:
    """Get one sender profile, e.g. to check ``.active`` before a campaign.

    Args:
        sender_key: the profile; default the client's ``kakao_sender_key``.
        retry: a retry policy for this call only.

    Raises:
        ValidationError: no sender key given or configured.
        SenderProfileError: the profile does not exist.
    """
    return PROFILE.operation(segments=sender_segments(ctx, sender_key), retry=retry)
