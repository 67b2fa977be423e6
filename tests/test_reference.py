"""The API reference page lists every public client method.

The client-method sections are generated from the endpoint registry at docs
build time (``docs/hooks.py``); the rest of the page is written by hand.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from notify_sdk import AsyncNotifyClient, NotifyClient

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "reference" / "api.md"


def _expanded() -> str:
    spec = importlib.util.spec_from_file_location("_notify_docs_hooks", ROOT / "docs" / "hooks.py")
    assert spec is not None and spec.loader is not None
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    text: str = hooks.expand_api_page(PAGE.read_text(encoding="utf-8"))
    return text


EXPANDED = _expanded()
ENTRIES = set(re.findall(r"^::: ([\w.]+)", EXPANDED, flags=re.M))


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
    # A hand-written helper the generated mixins look up in its own class.
    if f"{method.__module__}.{method.__qualname__}" in ENTRIES:
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


def test_every_declared_endpoint_is_listed_under_its_group() -> None:
    from notify_sdk._core.endpoints import all_endpoints

    sections = re.split(r"^### ", EXPANDED, flags=re.M)
    for endpoint in all_endpoints():
        for name, builder in endpoint.builders.items():
            entry = f"::: {builder.__module__}.{name}\n"
            assert any(s.startswith(endpoint.group + "\n") and entry in s for s in sections), (
                f"{name} is not listed under {endpoint.group!r}"
            )
