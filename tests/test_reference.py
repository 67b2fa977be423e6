"""The API reference page lists every public client method: a new endpoint needs its entry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from notify_sdk import AsyncNotifyClient, NotifyClient

PAGE = Path(__file__).resolve().parents[1] / "docs" / "reference" / "api.md"
ENTRIES = set(re.findall(r"^::: ([\w.]+)", PAGE.read_text(encoding="utf-8"), flags=re.M))


def _public_methods(cls: type) -> list[str]:
    return sorted(
        name
        for name in dir(cls)
        if not name.startswith("_") and callable(getattr(cls, name)) and name != "mro"
    )


def _documented(cls: type, name: str) -> bool:
    """An entry of the builder's module, of the defining class, or of the method on it."""
    method = getattr(cls, name)
    if f"{method.__module__}.{name}" in ENTRIES:
        return True
    for owner in cls.__mro__:
        if owner is cls and name in vars(owner):
            # The client's own lifecycle methods are on the package's page.
            return "notify_sdk" in ENTRIES
        if name in vars(owner):
            where = f"{owner.__module__}.{owner.__qualname__}"
            return where in ENTRIES or f"{where}.{name}" in ENTRIES
    return False


@pytest.mark.parametrize("name", _public_methods(NotifyClient))
def test_every_public_client_method_has_a_reference_entry(name: str) -> None:
    assert _documented(NotifyClient, name), f"docs/reference/api.md has no entry for {name}"


def test_both_clients_have_the_same_methods() -> None:
    sync = set(_public_methods(NotifyClient)) - {"close"}
    asynchronous = set(_public_methods(AsyncNotifyClient)) - {"aclose"}
    assert sync == asynchronous
