"""The Django app of notify-sdk: add ``"notify_sdk.contrib.django"`` to INSTALLED_APPS."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.core.signals import setting_changed


def _on_setting_changed(*, setting: str, **kwargs: Any) -> None:
    if setting == "NOTIFY_SDK":
        from ._clients import settings_changed

        settings_changed()


class NotifySdkConfig(AppConfig):
    """Registers the system checks and follows ``override_settings(NOTIFY_SDK=...)``."""

    name = "notify_sdk.contrib.django"
    label = "notify_sdk"
    verbose_name = "notify-sdk"

    def ready(self) -> None:
        """Register the checks and the settings listener (Django calls this once)."""
        from . import checks  # noqa: F401  (registers the checks)

        setting_changed.connect(_on_setting_changed, dispatch_uid="notify_sdk.settings")
