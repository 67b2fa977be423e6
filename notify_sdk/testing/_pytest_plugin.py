"""pytest plugin of notify_sdk: the ``notify_emulator`` fixture.

Registered through the ``pytest11`` entry point, so installing notify-sdk is
enough; nothing here is imported by ``import notify_sdk.testing``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from notify_sdk.testing import Emulator


@pytest.fixture
def notify_emulator() -> Iterator[Emulator]:
    """A fresh :class:`~notify_sdk.testing.Emulator` with its defaults, one per test.

    Use it with the SDK (``notify_emulator.client()``), with httpx
    (``notify_emulator.transport()``) or over HTTP (``notify_emulator.serve()``).
    """
    emulator = Emulator()
    yield emulator
    emulator.reset()
