"""What an httpx exception means for the SDK: its typed error, and whether it is ambiguous."""

from __future__ import annotations

import httpx

from ..errors import ConfigurationError, NotifyError, ProtocolError, TransportError

__all__ = ["map_transport_error"]


_CONNECT_PHASE: tuple[type[Exception], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.ProxyError,
)


#: aiohttp's own connect failures: the only ones of that package that prove the
#: request was not written (names, so that aiohttp is never imported here).
_AIOHTTP_NOT_SENT = frozenset({"ClientConnectorError", "ConnectionTimeoutError"})


def _not_sent(exc: Exception) -> bool:
    """Whether ``exc`` proves that no byte of the request reached the server."""
    if not isinstance(exc, _CONNECT_PHASE):
        return False
    cause = exc.__cause__
    if cause is None or not type(cause).__module__.startswith("aiohttp"):
        return True
    # httpx-aiohttp reports every aiohttp connection error as ConnectTimeout,
    # a connection dropped after the request was written included: its phase
    # is unknown unless aiohttp itself says the connection was never made.
    return any(c.__name__ in _AIOHTTP_NOT_SENT for c in type(cause).__mro__)


def map_transport_error(exc: Exception, namespace: str, label: str) -> NotifyError:
    """Turn an httpx exception into the SDK's typed error.

    Connect-phase failures never sent a byte of the request, so they are not
    ambiguous; anything after the connection was made (read/write timeouts,
    dropped connections) may have been processed, and so may anything whose
    phase the transport cannot tell (see ``_not_sent``).
    """
    name = type(exc).__name__
    if _not_sent(exc):
        return TransportError(
            f"{label}: could not reach the {namespace} API ({name}); the request was not sent",
            ambiguous=False,
            service=namespace,
        )
    if isinstance(exc, httpx.UnsupportedProtocol):
        return ConfigurationError(f"{label}: unsupported URL scheme in the base URL ({exc})")
    if isinstance(exc, (httpx.DecodingError, httpx.TooManyRedirects, httpx.LocalProtocolError)):
        return ProtocolError(f"{label}: {name} talking to the {namespace} API", service=namespace)
    if isinstance(exc, httpx.InvalidURL):
        return ConfigurationError(f"{label}: invalid URL ({exc})")
    return TransportError(
        f"{label}: {name} after the request was sent to the {namespace} API; it may or may "
        "not have been processed",
        ambiguous=True,
        service=namespace,
    )
