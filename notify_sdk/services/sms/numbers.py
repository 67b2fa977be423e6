"""SMS v3.0 sender numbers: the numbers registered to send from (``GET /sendNos``).

A send from an unregistered number fails with -2312 and from a blocked one
with -2313; listing the numbers lets an application check its ``sms_sender``
before a campaign.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from ..._core import Context, JSONDict, Pager
from ..._core.endpoints import SMS
from ..._core.params import normalize_number
from ..._core.wire import opt_int, opt_str, parse_date
from .._manage import paged, sms_page, yes_no

if TYPE_CHECKING:
    from ..._retry import RetryPolicy

__all__ = ["SenderNumber"]


@attrs.frozen(slots=True)
class SenderNumber:
    """A sender number registered with the SMS app key.

    Attributes:
        number: the number (``sendNo``).
        in_use: whether it is switched on (``useYn``).
        blocked: whether sends from it are refused (``blockYn``; -2313).
        block_reason: why it is blocked, as the console says.
        service_id: the provider's service id.
        created_at, updated_at: Korea wall-clock times (naive).
    """

    number: str
    in_use: bool
    blocked: bool
    block_reason: str | None = None
    service_id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def usable(self) -> bool:
        """Whether a send from this number can be accepted (in use and not blocked)."""
        return self.in_use and not self.blocked


def _number(item: JSONDict) -> SenderNumber:
    return SenderNumber(
        number=opt_str(item.get("sendNo")) or "",
        in_use=item.get("useYn") == "Y",
        blocked=item.get("blockYn") == "Y",
        block_reason=opt_str(item.get("blockReason")),
        service_id=opt_int(item.get("serviceId")),
        created_at=parse_date(opt_str(item.get("createDate"))),
        updated_at=parse_date(opt_str(item.get("updateDate"))),
    )


#: ``GET /sendNos``: the sender numbers, paged; ``number``, ``in_use`` and
#: ``blocked`` filter it.
SENDER_NUMBERS = SMS.endpoint(
    "list_sender_numbers",
    "GET",
    "sendNos",
    group="SMS",
    pager=True,
    query={"number": "sendNo", "in_use": "useYn", "blocked": "blockYn"},
    parser=sms_page(_number),
)


@SENDER_NUMBERS.builds
def list_sender_numbers(
    ctx: Context,
    *,
    number: str | None = None,
    in_use: bool | None = None,
    blocked: bool | None = None,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[SenderNumber]:
    """List the SMS sender numbers registered with the app key.

    Args:
        number: only this number.
        in_use: only numbers switched on (``True``) or off (``False``).
        blocked: only blocked (``True``) or unblocked (``False``) numbers.
        page_size: items per request, 1..1,000.
        limit: stop after this many items.
        retry: a retry policy for these calls.

    Returns:
        An iterator (``async for`` on the async client) of :class:`SenderNumber`.

    Example::

        usable = {n.number for n in client.list_sender_numbers() if n.usable}

    Raises:
        ValidationError: bad arguments.
    """
    params: dict[str, object] = {}
    if number is not None:
        params["sendNo"] = normalize_number(number, "number")
    if in_use is not None:
        params["useYn"] = yes_no(in_use, "in_use")
    if blocked is not None:
        params["blockYn"] = yes_no(blocked, "blocked")
    return paged(SENDER_NUMBERS, params, page_size=page_size, limit=limit, retry=retry)
