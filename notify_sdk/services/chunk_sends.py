"""The one entry point campaigns use into the services: build a send, widen its lookup.

A campaign chunk is sent with the very operation a public send method
builds (same validation, wire body and retry rules), and found again with
the lookup that operation carries. Code outside ``services`` (the campaign
runner) asks for both here instead of importing the service modules:

* :func:`send_operation` ``(ctx, "send_sms", to, body, ...)`` is the
  operation behind the client method of that name, taking the method's own
  arguments (see the API reference of ``NotifyClient``); nothing is sent.
* :func:`lookup_since` is that operation's lookup, searching from a given
  time instead of from when the operation was built.

The client side is the :class:`~notify_sdk._core.methods.SyncRunner` /
``AsyncRunner`` protocol every client implements: ``_context`` to build
with, ``_execute`` to run what was built.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import attrs

from .._core import Context, Operation
from .._core.params import KST
from ..results import SendResult
from .brand import sends as _brand
from .kakao import alimtalk as _kakao
from .kakao.common import MINUTE_FORMAT
from .sms import sends as _sms

__all__ = ["SEND_METHODS", "lookup_since", "send_operation"]

_BUILDERS: dict[str, Callable[..., Operation[SendResult]]] = {
    "send_sms": _sms.send_sms,
    "send_mms": _sms.send_mms,
    "send_ad_sms": _sms.send_ad_sms,
    "send_ad_mms": _sms.send_ad_mms,
    "send_alimtalk": _kakao.send_alimtalk,
    "send_brand_message": _brand.send_brand_message,
    "send_brand_template": _brand.send_brand_template,
}
#: The client send methods :func:`send_operation` builds.
SEND_METHODS = frozenset(_BUILDERS)

#: Listings are searched from a little before ``since`` (clock skew between
#: this machine and the provider).
SKEW = timedelta(minutes=2)
# Where each service's listing takes its range, in its format: SMS by when
# the request was created, KakaoTalk by its request date (the schedule, if any).
_STARTS = (("startCreateDate", "%Y-%m-%d %H:%M:%S"), ("startRequestDate", MINUTE_FORMAT))
_ENDS = (("endCreateDate", "%Y-%m-%d %H:%M:%S"), ("endRequestDate", MINUTE_FORMAT))
_BY_REQUEST_DATE = ("startRequestDate", "endRequestDate")


def send_operation(ctx: Context, method: str, *args: Any, **kwargs: Any) -> Operation[SendResult]:
    """The operation the client's send method ``method`` would run (validates; no I/O).

    Args:
        ctx: the client's builder context (``client._context``).
        method: one of :data:`SEND_METHODS`, e.g. ``"send_sms"``.
        *args, **kwargs: that method's arguments.

    Raises:
        ValidationError: the request the API would refuse for sure.
        KeyError: ``method`` is not one of :data:`SEND_METHODS`.
    """
    return _BUILDERS[method](ctx, *args, **kwargs)


def lookup_since(
    op: Operation[SendResult], since: datetime, *, until: datetime | None = None
) -> Operation[SendResult | None]:
    """The lookup of ``op``'s send, searching the listing from ``since`` on.

    ``op`` must come from :func:`send_operation`. Its own lookup searches from
    when it was built up to then; a send made by an earlier process (before
    a crash, by a task run that was lost) may be older, so the range starts
    at ``since`` instead, and ends at ``until`` when given (both aware; use
    it when ``op`` was built with a clock other than now). A KakaoTalk send
    with a schedule is listed under its scheduled time, which its own lookup
    already searches: that range is kept as it is.

    Raises:
        TypeError: ``op`` carries no lookup.
    """
    if op.lookup is None:
        raise TypeError(f"{op.label} cannot be looked up")
    found = op.lookup()
    params = dict(found.params or {})
    scheduled = isinstance(op.json, dict) and "requestDate" in op.json
    for moment, keys in ((since - SKEW, _STARTS), (until and until + SKEW, _ENDS)):
        if moment is None:
            continue
        text = moment.astimezone(KST).replace(tzinfo=None)
        for key, fmt in keys:
            if key in params and not (scheduled and key in _BY_REQUEST_DATE):
                params[key] = text.strftime(fmt)
    return attrs.evolve(found, params=params)
