"""Client methods made from operation builders, so both clients share one definition.

Each public method is generated from its builder by :func:`sync_method` /
:func:`async_method` (or the pager twins), which keep its signature and
docstring for type checkers and IDEs.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

from .operation import Context, Operation, Pager
from .params import BUILDING

__all__ = ["AsyncRunner", "SyncRunner", "async_method", "async_pager", "sync_method", "sync_pager"]

T = TypeVar("T")
P = ParamSpec("P")


class SyncRunner(Protocol):
    """What :func:`sync_method` needs from a client."""

    @property
    def _context(self) -> Context: ...

    def _execute(self, op: Operation[T]) -> T: ...


class AsyncRunner(Protocol):
    """What :func:`async_method` needs from a client."""

    @property
    def _context(self) -> Context: ...

    async def _execute(self, op: Operation[T]) -> T: ...


def sync_method(
    builder: Callable[Concatenate[Context, P], Operation[T]],
) -> Callable[Concatenate[SyncRunner, P], T]:
    """Make a blocking client method from an operation builder.

    The builder runs with the client's context in ``params.BUILDING``, so that
    the date helpers can warn about a naive datetime once per client.
    """

    def method(self: SyncRunner, /, *args: P.args, **kwargs: P.kwargs) -> T:
        # Inline, not a helper: a helper frame would shift every builder's
        # warnings.warn(stacklevel=...) off the caller's line.
        token = BUILDING.set(self._context)
        try:
            op = builder(self._context, *args, **kwargs)
        finally:
            BUILDING.reset(token)
        return self._execute(op)

    _copy_metadata(method, builder)
    return method


def async_method(
    builder: Callable[Concatenate[Context, P], Operation[T]],
) -> Callable[Concatenate[AsyncRunner, P], Awaitable[T]]:
    """Make an ``async`` client method from an operation builder."""

    async def method(self: AsyncRunner, /, *args: P.args, **kwargs: P.kwargs) -> T:
        token = BUILDING.set(self._context)
        try:
            op = builder(self._context, *args, **kwargs)
        finally:
            BUILDING.reset(token)
        return await self._execute(op)

    _copy_metadata(method, builder)
    return method


def sync_pager(
    builder: Callable[Concatenate[Context, P], Pager[T]],
) -> Callable[Concatenate[SyncRunner, P], Iterator[T]]:
    """Make a blocking listing method that pages automatically as it is iterated.

    The arguments are validated when the method is called, not on first
    iteration, so bad input fails where it is written.
    """

    def method(self: SyncRunner, /, *args: P.args, **kwargs: P.kwargs) -> Iterator[T]:
        token = BUILDING.set(self._context)
        try:
            pager = builder(self._context, *args, **kwargs)
        finally:
            BUILDING.reset(token)
        return _iterate(self, pager)

    _copy_metadata(method, builder)
    return method


def _iterate(runner: SyncRunner, pager: Pager[T]) -> Iterator[T]:
    seen = 0
    for num, op in pager.pages():
        page = runner._execute(op)
        for item in page.items:
            if pager.limit is not None and seen >= pager.limit:
                return
            seen += 1
            yield item
        if pager.is_last(num, page, seen):
            return


def async_pager(
    builder: Callable[Concatenate[Context, P], Pager[T]],
) -> Callable[Concatenate[AsyncRunner, P], AsyncIterator[T]]:
    """Make an async listing method (``async for``) that pages automatically."""

    def method(self: AsyncRunner, /, *args: P.args, **kwargs: P.kwargs) -> AsyncIterator[T]:
        token = BUILDING.set(self._context)
        try:
            pager = builder(self._context, *args, **kwargs)
        finally:
            BUILDING.reset(token)
        return _aiterate(self, pager)

    _copy_metadata(method, builder)
    return method


async def _aiterate(runner: AsyncRunner, pager: Pager[T]) -> AsyncIterator[T]:
    seen = 0
    for num, op in pager.pages():
        page = await runner._execute(op)
        for item in page.items:
            if pager.limit is not None and seen >= pager.limit:
                return
            seen += 1
            yield item
        if pager.is_last(num, page, seen):
            return


_SELF = inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY)


def _copy_metadata(method: Callable[..., Any], builder: Callable[..., Any]) -> None:
    method.__name__ = builder.__name__
    method.__qualname__ = builder.__name__
    method.__doc__ = builder.__doc__
    method.__module__ = builder.__module__
    # help() and IDEs without type inference show the builder's parameters
    # (minus the client-supplied ctx) instead of (*args, **kwargs). The return
    # annotation is the builder's Operation, not what the method returns, so
    # it is left out.
    signature = inspect.signature(builder)
    parameters = list(signature.parameters.values())[1:]
    method.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[_SELF, *parameters], return_annotation=inspect.Signature.empty
    )
