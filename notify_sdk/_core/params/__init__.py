"""The shared parameter rules of every service, one module per idea.

One rule, one place: no service keeps its own copy of any of these.

* :mod:`.text`: text fields and their EUC-KR byte counts;
* :mod:`.recipients`: phone numbers and recipient lists;
* :mod:`.dates`: Korea time, schedules and query date ranges;
* :mod:`.night`: the night rule for advertising;
* :mod:`.segments`: caller values in URL paths, request references;
* :mod:`.paging`: page sizes, limits, id and seq lists;
* :mod:`.keys`: the tokens the SDK mints and the keys a caller gives;
* :mod:`.calls`: the ``retry=`` option and the caller's frame for warnings.

Everything here is pure and raises :class:`~notify_sdk.errors.ValidationError`
naming the offending parameter, so that a request the API would refuse for
sure is never sent. Import the rules from this package
(``from notify_sdk._core.params import require_text``); the modules are the
rules' homes, this package is their one address.
"""

from __future__ import annotations

from .calls import _outside_stacklevel, check_policy
from .dates import BUILDING, KST, date_range, format_schedule, query_date, to_kst, utcnow
from .keys import header_key, new_token, optional_key
from .night import NIGHT_ENDS, NIGHT_STARTS, check_night, in_night_window
from .paging import id_list, paging, positive_seq, seq_list
from .recipients import (
    MAX_RECIPIENTS,
    CheckedNumbers,
    Recipients,
    checked_numbers,
    mask_number,
    normalize_number,
    normalize_recipients,
    plain_numbers,
)
from .segments import (
    IDENTIFIER_CHARS,
    REQUEST_ID_CHARS,
    SENDER_KEY_CHARS,
    path_segment,
    request_id_segment,
    request_reference,
    sender_key_segment,
)
from .text import encoded_length, require_text, unencodable_field

__all__ = [
    "BUILDING",
    "IDENTIFIER_CHARS",
    "KST",
    "MAX_RECIPIENTS",
    "NIGHT_ENDS",
    "NIGHT_STARTS",
    "REQUEST_ID_CHARS",
    "SENDER_KEY_CHARS",
    "CheckedNumbers",
    "Recipients",
    "_outside_stacklevel",
    "check_night",
    "check_policy",
    "checked_numbers",
    "date_range",
    "encoded_length",
    "format_schedule",
    "header_key",
    "id_list",
    "in_night_window",
    "mask_number",
    "new_token",
    "normalize_number",
    "normalize_recipients",
    "optional_key",
    "paging",
    "path_segment",
    "plain_numbers",
    "positive_seq",
    "query_date",
    "request_id_segment",
    "request_reference",
    "require_text",
    "sender_key_segment",
    "seq_list",
    "to_kst",
    "unencodable_field",
    "utcnow",
]
