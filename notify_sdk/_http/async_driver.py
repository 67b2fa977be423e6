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
    import tenacity

    from .._core import Context, Operation
    from ..hooks import HookSet
    from .config import Config

__all__ = ["AsyncDriver"]

T = TypeVar("T")


def _keep_going(step: Next) -> bool:
    """Whether the machine's step is another send or lookup (tenacity retries then)."""
    return step.step is Step.SEND or step.step is Step.LOOKUP


def _step_delay(state: tenacity.RetryCallState) -> float:
    """How long tenacity sleeps: the delay the machine gave its next step."""
    assert state.outcome is not None
    step: Next = state.outcome.result()
    return step.delay or 0.0


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
        """The rest of a call whose first attempt failed: tenacity loops, the machine decides.

        Each tenacity attempt runs the step the machine asked for (send again or
        look the send up) and hands back the machine's next step; tenacity
        retries while that step is another send or lookup, sleeping the delay
        the machine gave. Stop conditions, the deadline and the budget are the
        machine's, so tenacity never stops on its own (``stop_never``), and an
        exception that is not the machine's answer propagates as it is.
        """
        # Imported on the failure path only: a call whose first attempt
        # succeeds never builds a controller, and importing the SDK stays cheap.
        import tenacity

        current = step
        started = False

        async def advance() -> Next:
            # The first "attempt" is the send that already failed: its step is
            # the machine's answer to it. Later ones do what the step asks.
            nonlocal current, started
            if started:
                if current.step is Step.LOOKUP:
                    current = call.looked_up(await self._find(call))
                else:
                    try:
                        current = Next(Step.RETURN, result=await self._send(call))
                    except NotifyError as error:
                        current = call.attempt_failed(error)
            started = True
            return current

        def before_step(state: tenacity.RetryCallState) -> None:
            if current.retry:
                call.announce(current.delay)

        async def pause(seconds: float) -> None:
            # The machine's delay, not tenacity's float: a step without one
            # does not sleep at all, and a zero delay (``Retry-After: 0``) does.
            if current.delay is not None:
                await self._sleep(current.delay)

        # One controller per call: tenacity's controllers keep per-call state
        # and are not safe to share between concurrent calls.
        controller = tenacity.AsyncRetrying(
            sleep=pause,
            stop=tenacity.stop_never,
            wait=_step_delay,
            retry=tenacity.retry_if_result(_keep_going),
            before_sleep=before_step,
            reraise=True,
        )
        final_step: Next = await controller(advance)
        if final_step.step is Step.RAISE:
            assert final_step.error is not None
            final = call.give_up(final_step.error)
            raise final from final.__cause__
        if final_step.step is Step.REPLAY:
            assert call.op.replayed is not None
            return call.op.replayed()
        return final_step.result

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
