"""Client methods made from operation builders, so both clients share one definition.

Each public method is generated from its builder by :func:`sync_method` /
:func:`async_method` (or the pager twins), which keep its signature and
docstring for type checkers and IDEs.

The client mixins (``notify_sdk/_http/mixins.py``) are generated from the
endpoint declarations by ``tools/gen_methods.py``: for type checkers each
method is ``sync_method(builder)``; at run time it is a :class:`LazyMethod`
that makes exactly that on first lookup, so that the service modules load
only when one of their methods is first used.

Builders do no I/O: one that takes a file (bytes or a path) is marked with
:func:`reads_file`, and its client method reads a path before calling it, so
the builder only ever sees bytes.
"""

from __future__ import annotations

import importlib
import inspect
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

from ..errors import ValidationError
from .operation import Context, FilePath, Operation, Page, Pager
from .params import BUILDING

__all__ = [
    "AsyncRunner",
    "LazyMethod",
    "SyncRunner",
    "async_method",
    "async_pager",
    "lazy_helper",
    "lazy_method",
    "read_file",
    "reads_file",
    "sync_method",
    "sync_pager",
    "unreadable",
]

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


_FILE_SPEC = "__notify_reads_file__"


def reads_file(
    parameter: str = "file", *, limit: int | None, name: str | None = "file_name"
) -> Callable[[Callable[P, Operation[T]]], Callable[P, Operation[T]]]:
    """Mark a builder whose ``parameter`` may be a path: its client method reads the file.

    Args:
        parameter: the argument that holds bytes or a path.
        limit: the builder's size limit in bytes; at most ``limit + 1`` bytes
            are read, so that a huge file is refused without being read whole.
            ``None``: the file is too large to read into memory; the builder
            gets a :class:`~.operation.FilePath` (path and size), and the
            driver streams the file from disk at each attempt.
        name: the argument that defaults to the path's file name, if any.
    """

    def mark(builder: Callable[P, Operation[T]]) -> Callable[P, Operation[T]]:
        setattr(builder, _FILE_SPEC, (parameter, limit, name))
        return builder

    return mark


def unreadable(field: str, path: str, exc: OSError) -> ValidationError:
    """The error of a file argument that cannot be read."""
    return ValidationError(f"{field}: cannot read {path!r} ({exc.strerror})", field=field)


def _file_path(path: str, field: str) -> FilePath:
    try:
        return FilePath(path, os.path.getsize(path))
    except OSError as exc:
        raise unreadable(field, path, exc) from None


def read_file(value: object, limit: int, field: str = "file") -> bytes:
    """``value`` as bytes: bytes as they are, a path read (at most ``limit + 1`` bytes).

    Raises:
        ValidationError: the path cannot be read.
    """
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    path = os.fspath(value)  # type: ignore[call-overload]
    try:
        with open(path, "rb") as handle:
            return handle.read(limit + 1)
    except OSError as exc:
        raise unreadable(field, path, exc) from None


def _with_file(
    builder: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """The builder's arguments with its file read, when it is a path."""
    parameter, limit, name = getattr(builder, _FILE_SPEC)
    bound = inspect.signature(builder).bind(None, *args, **kwargs)
    value = bound.arguments.get(parameter)
    if isinstance(value, (str, os.PathLike)):
        path = os.fspath(value)
        if limit is None:
            bound.arguments[parameter] = _file_path(path, parameter)
        else:
            bound.arguments[parameter] = read_file(path, limit, parameter)
        if name is not None and not bound.arguments.get(name):
            bound.arguments[name] = os.path.basename(path)
    return bound.args[1:], bound.kwargs


def sync_method(
    builder: Callable[Concatenate[Context, P], Operation[T]],
) -> Callable[Concatenate[SyncRunner, P], T]:
    """Make a blocking client method from an operation builder."""
    if hasattr(builder, _FILE_SPEC):

        def method(self: SyncRunner, /, *args: P.args, **kwargs: P.kwargs) -> T:
            given, named = _with_file(builder, args, kwargs)
            return self._execute(builder(self._context, *given, **named))

    else:

        def method(self: SyncRunner, /, *args: P.args, **kwargs: P.kwargs) -> T:
            # The builder runs with the client's context in params.BUILDING, so
            # that the date helpers can warn about a naive datetime once per
            # client. Inline, not a helper: a helper frame would shift every
            # builder's warnings.warn(stacklevel=...) off the caller's line.
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
    if hasattr(builder, _FILE_SPEC):

        async def method(self: AsyncRunner, /, *args: P.args, **kwargs: P.kwargs) -> T:
            # A small file (the builders' limits are a few MB) is read inline.
            given, named = _with_file(builder, args, kwargs)
            return await self._execute(builder(self._context, *given, **named))

    else:

        async def method(self: AsyncRunner, /, *args: P.args, **kwargs: P.kwargs) -> T:
            token = BUILDING.set(self._context)  # see sync_method
            try:
                op = builder(self._context, *args, **kwargs)
            finally:
                BUILDING.reset(token)
            return await self._execute(op)

    _copy_metadata(method, builder)
    return method


R = TypeVar("R", SyncRunner, AsyncRunner)
It = TypeVar("It")


def _pager_method(
    builder: Callable[Concatenate[Context, P], Pager[T]],
    iterate: Callable[[R, Pager[T]], It],
) -> Callable[Concatenate[R, P], It]:
    def method(self: R, /, *args: P.args, **kwargs: P.kwargs) -> It:
        token = BUILDING.set(self._context)  # see sync_method
        try:
            pager = builder(self._context, *args, **kwargs)
        finally:
            BUILDING.reset(token)
        return iterate(self, pager)

    _copy_metadata(method, builder)
    return method


def sync_pager(
    builder: Callable[Concatenate[Context, P], Pager[T]],
) -> Callable[Concatenate[SyncRunner, P], Iterator[T]]:
    """Make a blocking listing method that pages automatically as it is iterated.

    The arguments are validated when the method is called, not on first
    iteration, so bad input fails where it is written.
    """
    return _pager_method(builder, _iterate)


def async_pager(
    builder: Callable[Concatenate[Context, P], Pager[T]],
) -> Callable[Concatenate[AsyncRunner, P], AsyncIterator[T]]:
    """Make an async listing method (``async for``) that pages automatically."""
    return _pager_method(builder, _aiterate)


def _take(pager: Pager[T], num: int, page: Page[T], seen: int) -> tuple[tuple[T, ...], bool]:
    """The items of page ``num`` the caller gets (up to the limit), and whether it is the last."""
    items = page.items if pager.limit is None else page.items[: max(pager.limit - seen, 0)]
    return items, pager.is_last(num, page, seen + len(items))


def _iterate(runner: SyncRunner, pager: Pager[T]) -> Iterator[T]:
    seen = 0
    for num, op in pager.pages():
        items, last = _take(pager, num, runner._execute(op), seen)
        seen += len(items)
        yield from items
        if last:
            return


async def _aiterate(runner: AsyncRunner, pager: Pager[T]) -> AsyncIterator[T]:
    seen = 0
    for num, op in pager.pages():
        items, last = _take(pager, num, await runner._execute(op), seen)
        seen += len(items)
        for item in items:
            yield item
        if last:
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


class LazyMethod:
    """A client method made when it is first looked up, from a module imported then.

    Making a method imports its builder's module and reads the builder's
    signature: done for every method at import, that would load every service
    for an application that only sends SMS. On the first lookup the made
    method replaces this stand-in in the class that holds it, so later lookups
    cost what any method lookup costs.
    """

    __slots__ = ("holder", "make", "module", "name", "owner")

    def __init__(
        self,
        module: str,
        make: Callable[[Callable[..., Any]], Callable[..., Any]] | None,
        holder: str | None = None,
    ) -> None:
        self.module = module
        self.make = make
        self.holder = holder
        self.name = ""
        self.owner: type | None = None

    def __set_name__(self, owner: type, name: str) -> None:
        self.owner = owner
        self.name = name

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        source = importlib.import_module(self.module)
        if self.holder is not None:
            method = vars(getattr(source, self.holder))[self.name]
        else:
            assert self.make is not None
            method = self.make(getattr(source, self.name))
        setattr(self.owner, self.name, method)
        return method if instance is None else method.__get__(instance, owner)


def lazy_method(make: Callable[[Callable[..., Any]], Callable[..., Any]], module: str) -> Any:
    """The method ``make(builder)`` for the builder of the attribute's name in ``module``.

    Made on first lookup (``make``: :func:`sync_method`, :func:`async_pager`...).
    """
    return LazyMethod(module, make)


def lazy_helper(module: str, holder: str) -> Any:
    """The hand-written method of the attribute's name in class ``holder`` of ``module``.

    Looked up on first use, like :func:`lazy_method`.
    """
    return LazyMethod(module, None, holder)
