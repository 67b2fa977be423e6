"""The sends that can run the local template check, and the switch that turns it on.

The clients inherit :class:`TemplateCheckMethods` ahead of the service
mixins: its ``send_alimtalk`` (and the other template sends) build the same
request as before and, when the check is wanted, compare it with the
template's variables first (see :mod:`._template_check`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._core import Context, JSONDict, Operation
from .._core.endpoints import KAKAO
from ._template_check import DEFAULT_TTL, Spec, TemplateCache, checked_async, checked_sync, lazily

# The builders and the template readers are imported when a method is first
# looked up or a template first read (see ``lazily``): an application that only
# sends SMS never loads the KakaoTalk, Brand Message or template modules.
_SMS = "notify_sdk.services.sms.sends"
_KAKAO = "notify_sdk.services.kakao.alimtalk"
_BRAND = "notify_sdk.services.brand.sends"

__all__ = ["AsyncTemplateCheckMethods", "TemplateCheckMethods"]


def _alimtalk_key(payload: JSONDict) -> tuple[str, ...] | None:
    code, sender = payload.get("templateCode"), payload.get("senderKey")
    if not isinstance(code, str) or not isinstance(sender, str):
        return None
    return ("alimtalk", sender, code)


def _alimtalk_read(ctx: Context, key: tuple[str, ...]) -> Operation[tuple[str, ...]]:
    from .kakao.templates import alimtalk_template_variables

    return alimtalk_template_variables(ctx, key[2], key[1])


_ALIMTALK_SPEC = Spec(_alimtalk_key, _alimtalk_read)


def _brand_key(payload: JSONDict) -> tuple[str, ...] | None:
    key = _alimtalk_key(payload)
    return None if key is None else ("brand", *key[1:])


def _brand_read(ctx: Context, key: tuple[str, ...]) -> Operation[tuple[str, ...]]:
    from .brand.templates import brand_template_variables

    return brand_template_variables(ctx, key[2], key[1])


def _is_path_key(name: str) -> bool:
    from .brand.templates import is_path_key

    return is_path_key(name)


# Carousel cards are filled through path keys (name@$.carousel.list[i]),
# which the template's top-level variables do not list.
_BRAND_SPEC = Spec(_brand_key, _brand_read, ignore=_is_path_key)


def _sms_key(payload: JSONDict) -> tuple[str, ...] | None:
    template_id = payload.get("templateId")
    # A send with its own body does not use the template's text: the body's
    # ##keys## are checked by the send itself.
    if not isinstance(template_id, str) or payload.get("body"):
        return None
    return ("sms", template_id)


def _sms_read(ctx: Context, key: tuple[str, ...]) -> Operation[tuple[str, ...]]:
    from .sms.templates import sms_template_variables

    return sms_template_variables(ctx, key[1])


_SMS_SPEC = Spec(_sms_key, _sms_read, style="sms")


class _Switch:
    """``enable_template_check`` / ``disable_template_check``, shared by both clients."""

    _template_check: bool = False
    _template_cache: TemplateCache | None = None

    def enable_template_check(self, ttl: float = DEFAULT_TTL) -> None:
        """Check template sends against their template before sending, from now on.

        ``send_alimtalk``, ``send_brand_template`` and the SMS sends with
        ``template_id=`` (and no body) then read the template once per ``ttl`` seconds
        (a cache shared by the client's threads or tasks) and raises
        :class:`~notify_sdk.errors.ValidationError` (``field="params"``,
        the variable named in the message) when a recipient's parameters miss
        one of its ``#{variables}`` (SMS: ``##variables##``) or give one it
        does not have. A single
        send can opt in or out with ``check_template=True`` / ``False``.

        Args:
            ttl: seconds a template's variables are trusted; after modifying a
                template, call :meth:`clear_template_cache`.
        """
        self._template_cache = TemplateCache(ttl)
        self._template_check = True

    def disable_template_check(self) -> None:
        """Stop checking template sends (a send's ``check_template=True`` still checks)."""
        self._template_check = False

    def clear_template_cache(self) -> None:
        """Forget the cached template variables (read them again on the next checked send)."""
        if self._template_cache is not None:
            self._template_cache.clear()


class TemplateCheckMethods(_Switch):
    """The checked template sends of :class:`~notify_sdk.NotifyClient`."""

    send_alimtalk: Callable[..., Any] = lazily(checked_sync, _KAKAO, _ALIMTALK_SPEC)
    send_brand_template: Callable[..., Any] = lazily(checked_sync, _BRAND, _BRAND_SPEC)
    send_sms: Callable[..., Any] = lazily(checked_sync, _SMS, _SMS_SPEC)
    send_mms: Callable[..., Any] = lazily(checked_sync, _SMS, _SMS_SPEC)
    send_auth_sms: Callable[..., Any] = lazily(checked_sync, _SMS, _SMS_SPEC)
    send_ad_sms: Callable[..., Any] = lazily(checked_sync, _SMS, _SMS_SPEC)
    send_ad_mms: Callable[..., Any] = lazily(checked_sync, _SMS, _SMS_SPEC)


class AsyncTemplateCheckMethods(_Switch):
    """The checked template sends of :class:`~notify_sdk.AsyncNotifyClient` (awaitable)."""

    send_alimtalk: Callable[..., Any] = lazily(checked_async, _KAKAO, _ALIMTALK_SPEC)
    send_brand_template: Callable[..., Any] = lazily(checked_async, _BRAND, _BRAND_SPEC)
    send_sms: Callable[..., Any] = lazily(checked_async, _SMS, _SMS_SPEC)
    send_mms: Callable[..., Any] = lazily(checked_async, _SMS, _SMS_SPEC)
    send_auth_sms: Callable[..., Any] = lazily(checked_async, _SMS, _SMS_SPEC)
    send_ad_sms: Callable[..., Any] = lazily(checked_async, _SMS, _SMS_SPEC)
    send_ad_mms: Callable[..., Any] = lazily(checked_async, _SMS, _SMS_SPEC)


# --- helper declarations (see notify_sdk._core.endpoints) -----------------------------

for _name in ("enable_template_check", "disable_template_check", "clear_template_cache"):
    KAKAO.helper(
        _name,
        uses=("get_alimtalk_template", "get_sms_template", "get_brand_template"),
        reason="switches the client-side template check, which reads templates through these",
        group="Template check",
        entry=f"notify_sdk.services.checked_sends._Switch.{_name}",
    )
