"""The local template check: refuse a send whose parameters do not fit its template.

AlimTalk and Brand Message templates write variables as ``#{name}``, SMS
templates as ``##name##``. Without the check, a missing AlimTalk parameter
comes back per recipient as -3049 and an SMS template body is sent with its
``##name##`` left in. With it (``client.enable_template_check()``, or
``check_template=True`` on one send), the send first reads the template —
once per TTL, from a cache shared by the client's threads or tasks — and
raises :class:`~notify_sdk.errors.ValidationError` naming the variable before
anything is sent.

The builders stay pure: the template read is an ordinary operation run by
the driver, and the comparison is a pure function of the built request and
the template's variables.
"""

from __future__ import annotations

import functools
import inspect
import re
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .._core.methods import LazyMethod
from .._core.params import BUILDING
from ..errors import ValidationError

if TYPE_CHECKING:
    from .._core import AsyncRunner, Context, JSONDict, Operation, SyncRunner

__all__ = [
    "TemplateCache",
    "check_params",
    "kakao_variables",
    "lazily",
    "sms_variables",
]

_KAKAO = re.compile(r"#\{([^{}]+)\}")
_SMS = re.compile(r"##([^#\s]+)##")
#: How long a template's variables are trusted by default (seconds).
DEFAULT_TTL = 300.0


def _ordered(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def kakao_variables(*texts: str | None) -> tuple[str, ...]:
    """The ``#{name}`` variables of AlimTalk / Brand Message template texts, in order, once each."""
    return _ordered(name for text in texts if text for name in _KAKAO.findall(text))


def sms_variables(*texts: str | None) -> tuple[str, ...]:
    """The ``##name##`` variables of SMS template texts, in order, once each."""
    return _ordered(name for text in texts if text for name in _SMS.findall(text))


def check_params(
    template: str,
    variables: Iterable[str],
    params: Mapping[str, object] | None,
    *,
    where: str = "",
    style: str = "kakao",
    ignore: Callable[[str], bool] | None = None,
) -> None:
    """Refuse parameters that miss a variable of the template or name one it does not have.

    Args:
        template: the template's code or id (for the message).
        variables: what the template needs.
        params: what the send gives (one recipient's merged parameters).
        where: which recipient, for the message.
        style: ``"kakao"`` (``#{name}``) or ``"sms"`` (``##name##``): how the
            message writes a variable.
        ignore: parameter names to leave out of the "extra" check.

    Raises:
        ValidationError: ``field="params"``; the message names the variable.
    """
    needed = tuple(variables)
    given = dict(params or {})
    for name in needed:
        if name not in given:
            shown = f"##{name}##" if style == "sms" else "#{" + name + "}"
            raise ValidationError(
                f"template {template!r} needs {shown}, which params does not give{where} — "
                "nothing was sent",
                field="params",
            )
    for name in given:
        if name not in needed and not (ignore is not None and ignore(name)):
            raise ValidationError(
                f"params gives {name!r}{where}, which template {template!r} does not have "
                f"(its variables: {', '.join(needed) or 'none'}) — nothing was sent",
                field="params",
            )


class TemplateCache:
    """Template variables by template, each kept for ``ttl`` seconds; safe across threads.

    Args:
        ttl: seconds a template's variables are trusted before they are read again.
        clock: monotonic seconds (tests pass a fake one).
    """

    def __init__(self, ttl: float = DEFAULT_TTL, clock: Callable[[], float] = time.monotonic):
        if not isinstance(ttl, (int, float)) or isinstance(ttl, bool) or ttl < 0:
            raise ValueError("ttl must be a non-negative number of seconds")
        self.ttl = float(ttl)
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, ...], tuple[float, tuple[str, ...]]] = {}

    def get(self, key: tuple[str, ...]) -> tuple[str, ...] | None:
        """The cached variables of ``key``, ``None`` when absent or expired."""
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            if self._clock() - found[0] >= self.ttl:
                del self._entries[key]
                return None
            return found[1]

    def put(self, key: tuple[str, ...], variables: tuple[str, ...]) -> None:
        """Remember ``variables`` for ``key`` from now on."""
        with self._lock:
            self._entries[key] = (self._clock(), variables)

    def clear(self) -> None:
        """Forget every template (e.g. right after modifying one)."""
        with self._lock:
            self._entries.clear()


# --- what each checked send needs --------------------------------------------------


class Spec:
    """How one kind of send is checked: the template it names and how to read it."""

    def __init__(
        self,
        key: Callable[[JSONDict], tuple[str, ...] | None],
        read: Callable[[Context, tuple[str, ...]], Operation[tuple[str, ...]]],
        *,
        style: str = "kakao",
        ignore: Callable[[str], bool] | None = None,
    ) -> None:
        self.key = key
        self.read = read
        self.style = style
        self.ignore = ignore

    def verify(self, payload: JSONDict, variables: tuple[str, ...], template: str) -> None:
        """Check every recipient of the built request against ``variables``."""
        entries = payload.get("recipientList") or []
        for index, entry in enumerate(entries):
            params = entry.get("templateParameter") if isinstance(entry, dict) else None
            where = f" (recipient {index + 1})" if len(entries) > 1 else ""
            check_params(
                template, variables, params, where=where, style=self.style, ignore=self.ignore
            )


def _cache(runner: object) -> TemplateCache:
    cache = getattr(runner, "_template_cache", None)
    if cache is None:
        cache = TemplateCache()
        runner._template_cache = cache  # type: ignore[attr-defined]
    return cache


def _wanted(runner: object, check_template: bool | None) -> bool:
    if check_template is not None:
        if not isinstance(check_template, bool):
            raise ValidationError(
                "check_template must be True, False or None", field="check_template"
            )
        return check_template
    return bool(getattr(runner, "_template_check", False))


def _with_check_parameter(method: Callable[..., Any], builder: Callable[..., Any]) -> None:
    method.__name__ = builder.__name__
    method.__qualname__ = builder.__name__
    method.__module__ = builder.__module__
    method.__doc__ = (builder.__doc__ or "") + (
        "\n\n    check_template: ``True`` reads the template (cached) and refuses missing or\n"
        "    extra variables before sending; ``False`` skips it; ``None`` follows\n"
        "    ``enable_template_check()``.\n"
    )
    signature = inspect.signature(builder)
    parameters = list(signature.parameters.values())[1:]
    extra = inspect.Parameter(
        "check_template", inspect.Parameter.KEYWORD_ONLY, default=None, annotation="bool | None"
    )
    method.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[
            inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY),
            *parameters,
            extra,
        ],
        return_annotation=inspect.Signature.empty,
    )


class _Read:
    """The template read a checked send still needs: the variables were not cached.

    Both drivers below run it the same way: execute :attr:`op` and hand its
    answer to :meth:`verify`, then execute the send.
    """

    __slots__ = ("_cache", "_key", "_payload", "_spec", "op")

    def __init__(
        self,
        spec: Spec,
        cache: TemplateCache,
        key: tuple[str, ...],
        payload: JSONDict,
        op: Operation[tuple[str, ...]],
    ) -> None:
        self._spec, self._cache, self._key, self._payload, self.op = spec, cache, key, payload, op

    def verify(self, variables: tuple[str, ...]) -> None:
        """Cache the variables the read answered and check the send against them."""
        self._cache.put(self._key, variables)
        self._spec.verify(self._payload, variables, self._key[-1])


def _check(
    runner: SyncRunner | AsyncRunner,
    spec: Spec,
    op: Operation[Any],
    check_template: bool | None,
) -> _Read | None:
    """Check a built send against its template's cached variables, if it is to be checked.

    Returns the read still to run when the variables are not cached, else
    ``None`` (not checked, or checked already).
    """
    payload = op.json
    if not (_wanted(runner, check_template) and isinstance(payload, dict)):
        return None
    key = spec.key(payload)
    if key is None:
        return None
    cache = _cache(runner)
    variables = cache.get(key)
    if variables is None:
        return _Read(spec, cache, key, payload, spec.read(runner._context, key))
    spec.verify(payload, variables, key[-1])
    return None


def checked_sync(builder: Callable[..., Operation[Any]], spec: Spec) -> Callable[..., Any]:
    """A blocking send method that runs the template check first when asked to."""

    def method(
        self: SyncRunner, /, *args: Any, check_template: bool | None = None, **kwargs: Any
    ) -> Any:
        token = BUILDING.set(self._context)  # see sync_method
        try:
            op = builder(self._context, *args, **kwargs)
        finally:
            BUILDING.reset(token)
        read = _check(self, spec, op, check_template)
        if read is not None:
            read.verify(self._execute(read.op))
        return self._execute(op)

    _with_check_parameter(method, builder)
    return method


def checked_async(
    builder: Callable[..., Operation[Any]], spec: Spec
) -> Callable[..., Awaitable[Any]]:
    """The ``async`` twin of :func:`checked_sync`."""

    async def method(
        self: AsyncRunner, /, *args: Any, check_template: bool | None = None, **kwargs: Any
    ) -> Any:
        token = BUILDING.set(self._context)  # see sync_method
        try:
            op = builder(self._context, *args, **kwargs)
        finally:
            BUILDING.reset(token)
        read = _check(self, spec, op, check_template)
        if read is not None:
            read.verify(await self._execute(read.op))
        return await self._execute(op)

    _with_check_parameter(method, builder)
    return method


def lazily(make: Callable[..., Callable[..., Any]], module: str, spec: Spec) -> Any:
    """The method ``make(builder, spec)`` for the builder of the attribute's name in
    ``module``, made on first lookup (``make``: :func:`checked_sync` or :func:`checked_async`).

    Making it imports its builder's module and reads the builder's signature:
    done for every send at import, that loaded every service for an
    application that only sends SMS.
    """
    return LazyMethod(module, functools.partial(make, spec=spec))
