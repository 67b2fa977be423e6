"""SMS send answers: the per-recipient results and the reconciliation lookup."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..._core import (
    Context,
    JSONDict,
    Operation,
    Safety,
    expect_dict,
    expect_list,
)
from ..._core.wire import opt_int, opt_str
from ...errors import ProtocolError
from ...errors._base import quote
from ...results import SendResult, lazy_recipients

if TYPE_CHECKING:
    from ..._retry.reconcile import AnsweredRow
from .models import _LOOKUP_SKEW, _PREFIX, _QUERY_FORMAT, _data_of, _delivery


def _result_code(value: object) -> int | None:
    """A per-recipient send code (an int, or a digit string); ``None`` when there is none."""
    if value is None or value == "":
        # Not a success: the answer does not say what happened to this recipient.
        return None
    code = opt_int(value)
    if code is None:
        raise ProtocolError(
            f"sms API answer: sendResultList[].resultCode {quote(value)} is not a result code",
            service="sms",
        )
    return code


def _parse_send(
    data: JSONDict, numbers: list[str], keys: list[str | None], key: str, kind: str = "sms"
) -> SendResult:
    """The result of a send from its answer; ``numbers`` and ``keys`` as sent, in order."""
    inner = _data_of(data)
    request_id = opt_str(inner.get("requestId"))
    if not request_id:
        raise ProtocolError(
            "sms API accepted the send but its answer has no body.data.requestId; look the "
            f"send up by senderGroupingKey {key!r} before sending again",
            service="sms",
        )
    raw_rows = inner.get("sendResultList")
    grouping_key = opt_str(inner.get("senderGroupingKey")) or key
    lazy = lazy_recipients(raw_rows, numbers, keys, "sms")
    if lazy is not None:
        return SendResult(
            service="sms",
            request_id=request_id,
            recipients=lazy,  # type: ignore[arg-type]
            sender_grouping_key=grouping_key,
            kind=kind,
        )
    # Loaded here and in the lookup: an answer of the documented shape is
    # read by lazy_recipients above, and most processes never look one up.
    from ..._retry.reconcile import answered_recipients

    rows: list[AnsweredRow] = []
    # The tolerant mapping, for answers off the documented shape: the exact
    # types the API documents are taken as they are, the tolerant readers
    # only run for the odd forms (string codes, "mtPr", missing fields).
    for row in expect_list(raw_rows, "sendResultList", "sms"):
        if not isinstance(row, dict):
            continue
        seq = row.get("recipientSeq")
        if type(seq) is not int:
            seq = opt_int(seq if seq is not None else row.get("mtPr"))
        number = row.get("recipientNo")
        if type(number) is not str or not number:
            number = opt_str(number)
        code = row.get("resultCode")
        if type(code) is not int:
            code = _result_code(code)
        message = row.get("resultMessage")
        if type(message) is not str:
            message = opt_str(message) or ""
        grouping = row.get("recipientGroupingKey") or row.get("RecipientGroupingKey")
        if grouping is not None and type(grouping) is not str:
            grouping = opt_str(grouping)
        rows.append((seq, number, code, message, grouping))
    return SendResult(
        service="sms",
        request_id=request_id,
        recipients=answered_recipients(rows, numbers, keys, "sms"),
        sender_grouping_key=grouping_key,
        kind=kind,
    )


def _lookup_send(
    ctx: Context,
    list_path: str,
    key: str,
    built_at: datetime,
    numbers: list[str],
    keys: list[str | None],
    texts: list[str | None],
) -> Operation[SendResult | None]:
    """The query that finds a send again by its senderGroupingKey."""
    params = {
        "senderGroupingKey": key,
        "startCreateDate": (built_at - _LOOKUP_SKEW).strftime(_QUERY_FORMAT),
        "endCreateDate": (ctx.now_kst() + _LOOKUP_SKEW).strftime(_QUERY_FORMAT),
        "pageNum": 1,
        "pageSize": 1000,
    }

    def parse(data: JSONDict) -> SendResult | None:
        from ..._retry.reconcile import ListedRow, recovered_result

        body = expect_dict(data.get("body"), "body", "sms")
        items = [
            i for i in expect_list(body.get("data"), "body.data", "sms") if isinstance(i, dict)
        ]
        rows = []
        for item in items:
            if item.get("senderGroupingKey") not in (None, key):
                continue
            delivery = _delivery(item)
            rows.append(
                ListedRow(
                    delivery.request_id,
                    delivery.seq,
                    delivery.recipient,
                    delivery.recipient_grouping_key,
                    delivery.body,
                )
            )
        return recovered_result(
            rows,
            numbers,
            service="sms",
            namespace="sms",
            grouping_key=key,
            sent_grouping_keys=keys,
            markers=texts,
        )

    return Operation(
        namespace="sms",
        method="GET",
        path=f"{_PREFIX}/{list_path}",
        parse=parse,
        safety=Safety.READ,
        params=params,
        label="reconcile_sms",
    )
