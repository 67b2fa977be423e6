"""Emulated Brand Message profile settings: M/N application and SMS fallback.

The marketing-consent evidence is kept per profile; an application without
it fails with -3343 (the real API explains why in the message). The fallback
defaults need a linked SMS app key (-2502 otherwise), and their sender
number must be registered with the emulator's SMS side.
"""

from __future__ import annotations

import attrs

from ._brand import _multipart
from ._common import WireReply, WireRequest, fail_if, kakao_reply, normalize_number
from ._management_state import extras
from ._records import SenderProfile
from ._state import Route, State


def _profile(state: State, sender_key: str) -> SenderProfile:
    profile = state.profiles.get(sender_key)
    fail_if(profile is None, -2017)
    assert profile is not None
    return profile


def _upload_evidence(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """POST senders/{senderKey}/upload-marketing-agreement (multipart ``file``)."""
    _profile(state, groups[0])
    parts = _multipart(req)
    fail_if("file" not in parts or not parts["file"][1], -3342)
    extras(state).marketing_evidence.add(groups[0])
    return kakao_reply()


def _apply(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """POST senders/{senderKey}/marketing-agreement: M/N approved once evidence exists."""
    profile = _profile(state, groups[0])
    fail_if(groups[0] not in extras(state).marketing_evidence, -3343)
    state.profiles[groups[0]] = attrs.evolve(profile, marketing_agreement=True)
    return kakao_reply()


def _link_app_key(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """POST failback/appkey: link the SMS app key fallbacks go through."""
    data = req.json("kakao")
    key = data.get("resendAppKey")
    fail_if(not isinstance(key, str) or not key, -2001)
    extras(state).resend_app_key = str(key)
    return kakao_reply()


def _fallback_defaults(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """POST failback: a profile's fallback defaults (needs the linked app key)."""
    data = req.json("kakao")
    profile = _profile(state, str(data.get("senderKey") or ""))
    fail_if(not isinstance(data.get("isResend"), bool), -2001)
    fail_if(extras(state).resend_app_key is None, -2502)
    send_no = data.get("resendSendNo")
    if send_no is not None:
        fail_if(not state.sms_sender_ok(normalize_number(send_no)), -1003)
    unsubscribe = data.get("resendUnsubscribeNo")
    if unsubscribe is not None:
        fail_if(normalize_number(unsubscribe) not in state.opt_out_numbers, -1019)
    state.profiles[profile.sender_key] = attrs.evolve(
        profile,
        is_resend=bool(data["isResend"]),
        resend_send_no=normalize_number(send_no) if send_no is not None else profile.resend_send_no,
    )
    return kakao_reply()


ROUTES: tuple[Route, ...] = (
    Route(
        "POST", r"senders/([^/]+)/upload-marketing-agreement", _upload_evidence, body="multipart"
    ),
    Route("POST", r"senders/([^/]+)/marketing-agreement", _apply),
    Route("POST", r"failback/appkey", _link_app_key),
    Route("POST", r"failback", _fallback_defaults),
)
