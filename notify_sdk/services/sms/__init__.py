"""SMS v3.0: sends, attachments, delivery queries and cancels.

One module per resource: :mod:`.sends`, :mod:`.uploads`, :mod:`.queries`,
:mod:`.results` (the result-update search, wired in by tracking), :mod:`.numbers`
(sender numbers);
:mod:`.models` holds the query models and :mod:`.answers` the send answers and
reconciliation lookups. :class:`SmsMethods` and :class:`AsyncSmsMethods` are
the client mixins made from the builders.
"""

from ..._core import async_method, async_pager, sync_method, sync_pager
from .models import Attachment, CancelResult, DlrInfo, SmsDelivery, SmsMessageStatus
from .numbers import AsyncSenderNumberMethods, SenderNumber, SenderNumberMethods
from .queries import cancel_scheduled_sms, get_sms_delivery, list_sms_deliveries
from .sends import send_ad_mms, send_ad_sms, send_auth_sms, send_mms, send_sms
from .uploads import upload_attachment

__all__ = [
    "AsyncSmsMethods",
    "Attachment",
    "CancelResult",
    "DlrInfo",
    "SenderNumber",
    "SmsDelivery",
    "SmsMessageStatus",
    "SmsMethods",
]


class SmsMethods(SenderNumberMethods):
    """The SMS methods of :class:`~notify_sdk.NotifyClient`."""

    send_sms = sync_method(send_sms)
    send_mms = sync_method(send_mms)
    send_auth_sms = sync_method(send_auth_sms)
    send_ad_sms = sync_method(send_ad_sms)
    send_ad_mms = sync_method(send_ad_mms)
    upload_attachment = sync_method(upload_attachment)
    get_sms_delivery = sync_method(get_sms_delivery)
    list_sms_deliveries = sync_pager(list_sms_deliveries)
    cancel_scheduled_sms = sync_method(cancel_scheduled_sms)


class AsyncSmsMethods(AsyncSenderNumberMethods):
    """The SMS methods of :class:`~notify_sdk.AsyncNotifyClient` (awaitable)."""

    send_sms = async_method(send_sms)
    send_mms = async_method(send_mms)
    send_auth_sms = async_method(send_auth_sms)
    send_ad_sms = async_method(send_ad_sms)
    send_ad_mms = async_method(send_ad_mms)
    upload_attachment = async_method(upload_attachment)
    get_sms_delivery = async_method(get_sms_delivery)
    list_sms_deliveries = async_pager(list_sms_deliveries)
    cancel_scheduled_sms = async_method(cancel_scheduled_sms)
