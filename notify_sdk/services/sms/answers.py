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
from ..._core.models import Recipient
from ..._core.wire import opt_int, opt_str
from ..._retry.reconcile import AnsweredRow, ListedRow, answered_recipients, recovered_result
from ...errors import ProtocolError
from ...errors._base import quote
from ...results import SendResult

if TYPE_CHECKING:
    pass
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


def _parse_send(data: JSONDict, sent: tuple[Recipient, ...], key: str) -> SendResult:
    inner = _data_of(data)
    request_id = opt_str(inner.get("requestId"))
    if not request_id:
        raise ProtocolError(
            "sms API accepted the send but its answer has no body.data.requestId; look the "
            f"send up by senderGroupingKey {key!r} before sending again",
            service="sms",
        )
    raw_rows = inner.get("sendResultList")
    rows: list[AnsweredRow] = []
    # A 1,000-recipient answer goes through this loop 1,000 times: the exact
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
    recipients = answered_recipients(
        rows, [r.number for r in sent], [r.grouping_key for r in sent], "sms"
    )
    return SendResult(
        service="sms",
        request_id=request_id,
        recipients=recipients,
        sender_grouping_key=opt_str(inner.get("senderGroupingKey")) or key,
    )


def _lookup_send(
    ctx: Context,
    list_path: str,
    key: str,
    built_at: datetime,
    sent: tuple[Recipient, ...],
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
            [r.number for r in sent],
            service="sms",
            namespace="sms",
            grouping_key=key,
            sent_grouping_keys=[r.grouping_key for r in sent],
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
