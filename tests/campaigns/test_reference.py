"""The campaigns reference page lists every public campaign and Celery-adapter name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from notify_sdk import campaigns
from notify_sdk.contrib import celery

PAGE = Path(__file__).resolve().parents[2] / "docs" / "reference" / "campaigns.md"
TEXT = PAGE.read_text(encoding="utf-8")


def _listed(module: str) -> set[str]:
    """The members listed under every ``::: module`` block of the page."""
    names: set[str] = set()
    for block in re.findall(rf"^::: {re.escape(module)}\n((?:    .*\n)+)", TEXT, flags=re.M):
        names.update(re.findall(r"^        - (\w+)$", block, flags=re.M))
    return names


@pytest.mark.parametrize("name", sorted(campaigns.__all__))
def test_every_campaign_name_has_a_reference_entry(name: str) -> None:
    assert name in _listed("notify_sdk.campaigns"), f"docs/reference/campaigns.md lacks {name}"


@pytest.mark.parametrize("name", sorted(celery.__all__))
def test_every_celery_adapter_name_has_a_reference_entry(name: str) -> None:
    assert name in _listed("notify_sdk.contrib.celery"), f"docs/reference/campaigns.md lacks {name}"


def test_the_page_lists_nothing_that_is_not_public() -> None:
    assert _listed("notify_sdk.campaigns") <= set(campaigns.__all__)
    assert _listed("notify_sdk.contrib.celery") <= set(celery.__all__)
