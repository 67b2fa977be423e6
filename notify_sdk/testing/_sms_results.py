"""SMS ``GET message-results``: the result-update search, on the emulator."""

from __future__ import annotations

from datetime import timedelta

from ._common import WireReply, WireRequest, fail_if, fmt_tenths, page_params, paginate, sms_reply
from ._sms import _range, item
from ._state import Route, State

_KINDS = ("SMS", "LMS", "MMS", "AUTH")


def search_results(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """GET message-results: SMS whose result changed between two update times."""
    query = req.query
    window = _range(query, "startUpdateDate", "endUpdateDate")
    fail_if(window is None, -2011)
    assert window is not None
    first, last = window
    # The window is at most one day (the API's rule).
    fail_if(last - first > timedelta(days=1), -4000)
    kind = query.get("messageType")
    fail_if(kind is not None and kind not in _KINDS, -1005)
    num, size = page_params(query, invalid_code=-1005)
    state.settle()
    matches = []
    for delivery in state.deliveries:
        message = delivery.message
        if message.service != "sms" or (kind and message.message_type != kind):
            continue
        changed = delivery.changed_at
        if changed is not None and first <= changed <= last:
            matches.append(delivery)
    rows = []
    for delivery in paginate(matches, num, size):
        full = item(state, delivery)
        row = {
            name: full.get(name)
            for name in (
                "messageType",
                "requestId",
                "recipientSeq",
                "resultCode",
                "resultCodeName",
                "requestDate",
                "resultDate",
                "telecomCodeName",
                "senderGroupingKey",
                "recipientGroupingKey",
            )
        }
        # Here the carrier code is a string, and each row says when it changed.
        row["telecomCode"] = str(full.get("telecomCode"))
        row["updateDate"] = fmt_tenths(delivery.changed_at)
        rows.append(row)
    return sms_reply({"pageNum": num, "pageSize": size, "totalCount": len(matches), "data": rows})


ROUTES: tuple[Route, ...] = (Route("GET", r"message-results", search_results),)
