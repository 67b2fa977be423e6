"""The async driver: runs an operation over ``httpx.AsyncClient`` as the call's machine says.

This is the one hand-written driver. ``sync_driver.py`` is generated from it
by ``tools/unasync.py`` (``async def`` becomes ``def``, ``await`` goes,
``httpx.AsyncClient`` becomes ``httpx.Client``...): edit this module, then
run ``python tools/unasync.py``; CI fails when the two differ.

The driver only moves bytes and sleeps. What follows a failed attempt or a
lookup — send again, look the send up, return, replay, raise — is decided by
:class:`~notify_sdk._retry.machine.Machine`, the base of
:class:`~notify_sdk._http.call.Call`. A call whose first attempt succeeds
goes ``_execute`` → ``_send`` → ``Call.read`` and asks the machine nothing.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import httpx

from .._core.params import check_policy
from .._retry import RetryBudget, RetryPolicy
from .._retry.machine import Next, Step
from ..errors import NotifyError
from .call import Call, complete

if TYPE_CHECKING:
    from .._core import Context, Operation
    from ..hooks import HookSet
    from .config import Config

__all__ = ["AsyncDriver"]

T = TypeVar("T")


class AsyncDriver:
    """The I/O of :class:`~notify_sdk.AsyncNotifyClient`: send, look up, sleep."""

    _config: Config
    _ctx: Context
    _policy: RetryPolicy
    _budget: RetryBudget
    _closed: bool
    _hooks: HookSet | None
    _owns_http: bool
    _http: httpx.AsyncClient
    _sleep: Callable[[float], Awaitable[Any]]

    def _open(self, http_client: httpx.AsyncClient | None) -> None:
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise TypeError(
                f"http_client must be an httpx.AsyncClient, not {type(http_client).__name__}"
            )
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.AsyncClient()
        # Imported here: asyncio costs ~40 ms at import and SMS-only sync
        # applications never need it.
        import asyncio

        self._sleep = asyncio.sleep

    async def _execute(self, op: Operation[T], lookup_for: Call | None = None) -> T:
        if op.retry is not None:
            check_policy(op.retry)
        call = Call(
            op,
            self._policy if op.retry is None else op.retry,
            self._budget,
            is_lookup=lookup_for is not None,
            hooks=self._hooks,
            parent=lookup_for,
        )
        try:
            try:
                result: T = await self._send(call)
            except NotifyError as error:
                result = await self._drive(call, call.attempt_failed(error))
            return call.finish(result)
        finally:
            self._budget.count_attempt(call.sends)
            if lookup_for is not None:
                lookup_for.lookups += call.sends

    async def _drive(self, call: Call, step: Next) -> Any:
        """The rest of a call whose first attempt failed: obey the machine."""
        while True:
            if step.step is Step.RAISE:
                assert step.error is not None
                final = call.give_up(step.error)
                raise final from final.__cause__
            if step.step is Step.RETURN:
                return step.result
            if step.step is Step.REPLAY:
                assert call.op.replayed is not None
                return call.op.replayed()
            if step.retry:
                call.announce(step.delay)
            if step.delay is not None:
                await self._sleep(step.delay)
            if step.step is Step.LOOKUP:
                step = call.looked_up(await self._find(call))
                continue
            try:
                return await self._send(call)
            except NotifyError as error:
                step = call.attempt_failed(error)

    async def _send(self, call: Call) -> Any:
        """One attempt: the request out, the whole answer in, read."""
        if self._closed:
            raise call.closed(in_flight=False)
        started = time.perf_counter()
        try:
            request = call.request(self._http, self._config)
            # Streamed so that the deadline also bounds a server that trickles
            # its answer: httpx's read timeout is per read, not per response.
            response = await self._http.send(request, stream=True)
            try:
                chunks = []
                async for chunk in response.aiter_bytes():
                    chunks.append(chunk)
                    if call.past_deadline() and not complete(response):
                        raise call.too_slow(started)
            finally:
                await response.aclose()
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            if self._closed:
                raise call.closed(in_flight=True) from exc
            raise call.transport_failure(exc, started) from exc
        except RuntimeError as exc:
            # httpx's "the client has been closed": close() ran meanwhile, and
            # this attempt was refused before anything was sent.
            if not self._closed:
                raise
            raise call.closed(in_flight=False) from exc
        finally:
            if call.handles is not None:
                call.close_files()
        return call.read(response, b"".join(chunks), started)

    async def _find(self, call: Call) -> Any:
        """Look the call's send up (its result, ``None``, or the lookup's error)."""
        lookup = call.op.lookup
        if lookup is None:
            return None
        try:
            return await self._execute(attrs.evolve(lookup(), retry=call.lookup_policy()), call)
        except NotifyError as exc:
            return exc
