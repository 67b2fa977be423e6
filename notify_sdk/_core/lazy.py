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

    On that first lookup the real attribute (made by ``sync_method`` and its
    kin in the service package) replaces this stand-in on the class, so
    every later call costs what it would without the laziness.
    """

    __slots__ = ("mixin", "module", "name")

    def __init__(self, module: str, mixin: str, name: str) -> None:
        self.module = module
        self.mixin = mixin
        self.name = name

    def load(self) -> Any:
        """The real attribute, as the real mixin (or one of its bases) defines it."""
        real = getattr(importlib.import_module(self.module), self.mixin)
        for base in real.__mro__:
            if self.name in vars(base):
                return vars(base)[self.name]
        raise AttributeError(f"{self.module}.{self.mixin} has no {self.name!r}")

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        real = self.load()
        cls = owner if owner is not None else type(instance)
        for base in cls.__mro__:
            if vars(base).get(self.name) is self:
                setattr(base, self.name, real)
        getter = getattr(real, "__get__", None)
        return real if getter is None else getter(instance, cls)


def lazy_mixin(module: str, mixin: str, names: tuple[str, ...]) -> type:
    """A stand-in for the client mixin ``module.mixin`` whose methods load on first use.

    ``names`` are the mixin's public attributes (a test checks them against
    the real mixin), so that an application that only sends SMS never
    imports the KakaoTalk, Brand Message or management modules.
    """
    methods = {name: _LazyMethod(module, mixin, name) for name in names}
    return type(mixin, (), {"__module__": module, "__qualname__": mixin, **methods})
