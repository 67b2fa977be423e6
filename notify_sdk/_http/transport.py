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


def map_transport_error(exc: Exception, namespace: str, label: str) -> NotifyError:
    """Turn an httpx exception into the SDK's typed error.

    Connect-phase failures never sent a byte of the request, so they are not
    ambiguous; anything after the connection was made (read/write timeouts,
    dropped connections) may have been processed.
    """
    name = type(exc).__name__
    if isinstance(exc, _CONNECT_PHASE):
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
