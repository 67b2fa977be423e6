"""``Record``: the base of the SDK's internal value classes (plain slotted classes).

The public result and policy types are attrs classes (API.md promises
that). The internal ones that every send creates or imports (the machine's
steps, the retry decision, the configuration, file and page holders) are
plain classes on this base instead: an attrs class costs ~17 KiB of memory
to create (its generated methods, their source kept for debuggers), a plain
one ~2 KiB, and a hand-written ``__init__`` runs faster than a frozen attrs
one (see benchmarks/README.md, peak RSS). Subclasses list their fields in
``__slots__`` and write their own ``__init__``; ``repr`` and ``==`` come
from here.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Record"]


class Record:
    """A value class: ``repr`` and ``==`` by the fields of its ``__slots__``.

    A subclass names the fields ``repr`` leaves out (secrets) in
    ``_hidden``. Records are not hashable unless a subclass says how.
    """

    __slots__ = ()
    _hidden: tuple[str, ...] = ()

    @classmethod
    def _fields(cls) -> tuple[str, ...]:
        names: list[str] = []
        for klass in reversed(cls.__mro__):
            names.extend(vars(klass).get("__slots__", ()))
        return tuple(names)

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name, None) for name in self._fields())

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={getattr(self, name, None)!r}"
            for name in self._fields()
            if name not in self._hidden
        )
        return f"{type(self).__name__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]
