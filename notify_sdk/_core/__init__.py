"""The sans-I/O core: operations, the response envelope, parameter rules, wire readers.

Nothing in this package performs I/O or imports httpx: builders validate the
caller's arguments with :mod:`.params` and return an :class:`Operation`; the
drivers in ``notify_sdk._http`` execute it. The names below are re-exported so
that service modules import them from one place.
"""

from .envelope import (
    body_of,
    decode_envelope,
    expect_dict,
    expect_list,
    json_bytes,
    parse_retry_after,
)
from .methods import AsyncRunner, SyncRunner, async_method, async_pager, sync_method, sync_pager
from .operation import Context, FilePath, JSONDict, Namespace, Operation, Page, Pager, Safety

__all__ = [
    "AsyncRunner",
    "Context",
    "FilePath",
    "JSONDict",
    "Namespace",
    "Operation",
    "Page",
    "Pager",
    "Safety",
    "SyncRunner",
    "async_method",
    "async_pager",
    "body_of",
    "decode_envelope",
    "expect_dict",
    "expect_list",
    "json_bytes",
    "parse_retry_after",
    "sync_method",
    "sync_pager",
]
