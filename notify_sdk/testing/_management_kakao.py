"""Emulated KakaoTalk management endpoints: sender categories and groups, Brand 080 data.

What the management endpoints keep beyond the send path's configuration
(sender groups, template review state, ...) lives in :class:`Extras`, one per
emulator state, so the send-path modules stay as they are.
"""

from __future__ import annotations

import threading
import weakref

import attrs

from ._common import JSONDict, WireReply, WireRequest, kakao_reply
from ._kakao import fail_if
from ._state import Route, State

#: A small, realistic slice of the category tree (codes are the provider's shape).
CATEGORIES: tuple[JSONDict, ...] = (
    {
        "parentCode": None,
        "depth": 1,
        "code": "001",
        "name": "건강",
        "subCategories": [
            {
                "parentCode": "001",
                "depth": 2,
                "code": "0010001",
                "name": "병원",
                "subCategories": [
                    {"parentCode": "0010001", "depth": 3, "code": "00100010001", "name": "종합병원"}
                ],
            }
        ],
    },
)


@attrs.define
class Extras:
    """Management state of one emulator (internal)."""

    #: group sender key -> (group name, member sender keys)
    sender_groups: dict[str, tuple[str, list[str]]] = attrs.field(factory=dict)


_EXTRAS: weakref.WeakKeyDictionary[State, Extras] = weakref.WeakKeyDictionary()


def extras(state: State) -> Extras:
    """The management state that goes with ``state``."""
    found = _EXTRAS.get(state)
    if found is None:
        found = _EXTRAS[state] = Extras()
    return found


def _categories(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    return kakao_reply({"categories": list(CATEGORIES)})


def _sender_group(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    found = extras(state).sender_groups.get(groups[0])
    fail_if(found is None, -2017)
    assert found is not None
    name, members = found
    return kakao_reply(
        {
            "senderGroup": {
                "groupName": name,
                "senderKey": groups[0],
                "status": "YSC03",
                "senders": [
                    {
                        "plusFriendId": state.profiles[k].plus_friend_id
                        if k in state.profiles
                        else None,
                        "senderKey": k,
                        "createDate": "2026-01-01 09:00:00",
                    }
                    for k in members
                ],
                "createDate": "2026-01-01 09:00:00",
                "updateDate": "2026-01-01 09:00:00",
            }
        }
    )


def _unsubscribe_content(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """PUT senders/{senderKey}/unsubscribe-content (Brand Message)."""
    data = req.json("kakao")
    profile = state.profiles.get(groups[0])
    fail_if(profile is None, -2017)
    assert profile is not None
    number = str(data.get("unsubscribeNo") or "").replace("-", "")
    # An 080 number cannot be cleared once set (-3345).
    fail_if(not number.startswith("080") or not number.isdigit(), -3345)
    auth = data.get("unsubscribeAuthNo")
    state.profiles[groups[0]] = attrs.evolve(
        profile,
        unsubscribe_no=number,
        unsubscribe_auth_no=str(auth) if auth is not None else profile.unsubscribe_auth_no,
    )
    return kakao_reply()


ALIMTALK_ROUTES: tuple[Route, ...] = (
    Route("GET", r"sender/categories", _categories),
    Route("GET", r"sender-groups/([^/]+)", _sender_group),
)

BRAND_ROUTES: tuple[Route, ...] = (
    Route("PUT", r"senders/([^/]+)/unsubscribe-content", _unsubscribe_content),
)


class ManagementEmulatorMixin:
    """The :class:`~notify_sdk.testing.Emulator` methods that set up management state."""

    _state: State
    _lock: threading.RLock

    def add_sender_group(self, group_sender_key: str, name: str, sender_keys: list[str]) -> None:
        """Register a KakaoTalk sender group (``GET sender-groups/{key}`` shows it).

        Args:
            group_sender_key: the group's sender key.
            name: ``groupName``.
            sender_keys: the member profiles' sender keys.
        """
        with self._lock:
            extras(self._state).sender_groups[group_sender_key] = (name, list(sender_keys))
