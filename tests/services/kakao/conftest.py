"""Fixtures of the KakaoTalk tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.helpers import Runner
from tests.helpers.kakao import NOW


@pytest.fixture(params=["sync", "async"])
async def run(request: pytest.FixtureRequest) -> AsyncIterator[Runner]:
    """A fresh client of each kind, its clock pinned to ``NOW``."""
    runner = Runner(request.param, now=NOW)
    yield runner
    await runner.aclose()
