"""SMS v3.0: sends, attachments, delivery queries and cancels.

One module per resource: :mod:`.sends`, :mod:`.uploads`, :mod:`.queries`,
:mod:`.results` (the result-update search, wired in by tracking), :mod:`.numbers`
(sender numbers);
:mod:`.models` holds the query models and :mod:`.answers` the send answers and
reconciliation lookups. The client methods are generated from the declarations
(``tools/gen_methods.py`` writes ``notify_sdk/_http/mixins.py``).
"""

from .models import Attachment, CancelResult, DlrInfo, SmsDelivery, SmsMessageStatus
from .numbers import SenderNumber

__all__ = [
    "Attachment",
    "CancelResult",
    "DlrInfo",
    "SenderNumber",
    "SmsDelivery",
    "SmsMessageStatus",
]
