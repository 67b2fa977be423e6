"""A module proxy that imports its module on first attribute access.

Used for the model modules that only a few applications need (Brand
Message), so that ``import notify_sdk`` stays close to the cost of httpx.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

__all__ = ["lazy_mixin", "lazy_module"]


class _LazyModule:
    __slots__ = ("_module", "_name")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        module = self._module
        if module is None:
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attribute)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


def lazy_module(name: str) -> Any:
    """A stand-in for the module ``name`` that imports it when first used."""
    return _LazyModule(name)


class _LazyMethod:
    """A client method whose service package is imported when it is first looked up.

    On that first lookup the stand-in mixin holding it takes the real mixin
    as its base and drops its stand-ins, so the client's MRO becomes what it
    would be without the laziness (the real mixins and their bases, in the
    same order) and every later lookup costs what it always did.
    """

    __slots__ = ("mixin", "module", "name")

    def __init__(self, module: str, mixin: str, name: str) -> None:
        self.module = module
        self.mixin = mixin
        self.name = name

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        cls = owner if owner is not None else type(instance)
        stand_in = next(base for base in cls.__mro__ if vars(base).get(self.name) is self)
        real = getattr(importlib.import_module(self.module), self.mixin)
        for name, value in list(vars(stand_in).items()):
            if isinstance(value, _LazyMethod):
                delattr(stand_in, name)
        stand_in.__bases__ = (real,)
        return getattr(cls if instance is None else instance, self.name)


class _NotLoaded:
    """The base of a stand-in mixin until its real mixin replaces it.

    (CPython lets ``__bases__`` change from a heap class to another, not
    from ``object``.)
    """


def lazy_mixin(module: str, mixin: str, names: tuple[str, ...]) -> type:
    """A stand-in for the client mixin ``module.mixin`` whose methods load on first use.

    ``names`` are the mixin's attributes (a test checks them against the
    real mixin), so that an application that only sends SMS never imports
    the KakaoTalk, Brand Message or management modules.
    """
    methods = {name: _LazyMethod(module, mixin, name) for name in names}
    namespace = {"__module__": module, "__qualname__": mixin, "__lazy_names__": names}
    return type(mixin, (_NotLoaded,), {**namespace, **methods})
