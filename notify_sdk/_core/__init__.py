"""The sans-I/O core: operations, the response envelope, parameter rules, wire readers.

Nothing in this package imports httpx, and builders perform no I/O: they
validate the caller's arguments with :mod:`.params` and return an
:class:`Operation`; the drivers in ``notify_sdk._http`` execute it. The one
read this package does is a client method's reading of a path it was given
for a builder marked :func:`~.methods.reads_file`, before the builder runs.
The names below are re-exported so that service modules import them from
one place.
"""

from .envelope import (
    body_of,
    decode_envelope,
    expect_dict,
    expect_list,
    json_bytes,
    parse_retry_after,
)
from .methods import (
    AsyncRunner,
    SyncRunner,
    async_method,
    async_pager,
    reads_file,
    sync_method,
    sync_pager,
)
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
    "reads_file",
    "sync_method",
    "sync_pager",
]
