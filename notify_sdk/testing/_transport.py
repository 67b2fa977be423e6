"""The httpx transport that routes requests into an emulator."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from ._emulator import Emulator


class EmulatorTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """An httpx transport, sync and async, answering from an :class:`Emulator`.

    Use it wherever httpx takes a transport::

        httpx.Client(transport=emulator.transport())
        httpx.AsyncClient(transport=emulator.transport())

    Any host name is accepted; only the path, query, headers and body matter.
    Injected network faults surface as ``httpx.ConnectError`` /
    ``httpx.ReadTimeout`` raised from the client call.

    Args:
        emulator: the emulator that answers.
    """

    def __init__(self, emulator: Emulator) -> None:
        self._emulator = emulator

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Answer one request of an ``httpx.Client``."""
        request.read()
        return self._emulator.handler(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Answer one request of an ``httpx.AsyncClient``."""
        await request.aread()
        return self._emulator.handler(request)
