"""What the emulated management endpoints keep beyond the send path's configuration.

One :class:`Extras` per emulator state (sender groups, template reviews, SMS
templates and categories, ...), so the send-path modules stay as they are.
"""

from __future__ import annotations

import weakref

import attrs

from ._common import JSONDict
from ._state import State

__all__ = ["Extras", "Review", "extras"]


@attrs.define
class Extras:
    """Management state of one emulator (internal)."""

    #: group sender key -> (group name, member sender keys)
    sender_groups: dict[str, tuple[str, list[str]]] = attrs.field(factory=dict)
    #: (sender key, template code) -> review state of an AlimTalk template
    reviews: dict[tuple[str, str], Review] = attrs.field(factory=dict)
    next_comment_id: int = 1
    #: SMS templates by templateId (their wire fields)
    sms_templates: dict[str, JSONDict] = attrs.field(factory=dict)
    #: SMS template categories by categoryId (their wire fields)
    sms_categories: dict[int, JSONDict] = attrs.field(
        factory=lambda: {
            1: {
                "categoryId": 1,
                "categoryParentId": 0,
                "depth": 0,
                "sort": 0,
                "categoryName": "Category",
                "categoryDesc": "Highest category",
                "useYn": "Y",
            }
        }
    )
    next_category_id: int = 2
    #: (sender key, template code) -> the registered Brand template's wire fields
    brand_wire: dict[tuple[str, str], JSONDict] = attrs.field(factory=dict)
    next_brand_code: int = 1
    #: SMS search-and-cancel jobs, in request order (their wire fields)
    reservation_cancels: list[JSONDict] = attrs.field(factory=list)
    #: sender keys whose marketing-consent evidence was uploaded (Brand M/N)
    marketing_evidence: set[str] = attrs.field(factory=set)
    #: the SMS app key Brand Message fallbacks go through, once linked
    resend_app_key: str | None = None


@attrs.define
class Review:
    """The registered body, review status, thread and versions of one template."""

    wire: JSONDict
    status: str = "TSC01"
    comments: list[JSONDict] = attrs.field(factory=list)
    history: list[JSONDict] = attrs.field(factory=list)


_EXTRAS: weakref.WeakKeyDictionary[State, Extras] = weakref.WeakKeyDictionary()


def extras(state: State) -> Extras:
    """The management state that goes with ``state``."""
    found = _EXTRAS.get(state)
    if found is None:
        found = _EXTRAS[state] = Extras()
    return found
