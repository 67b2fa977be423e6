"""Brand Message buttons: the nine button types and their rules."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from .enums import (
    ADD_CHANNEL_BUTTON_NAME,
    BIZ_FORM_BUTTON_NAMES,
    BrandButtonType,
)
from .fields import (
    _fail,
    _link,
    _links_wire,
    _put,
    _text,
)

# --- parts ---------------------------------------------------------------------------


@attrs.frozen(slots=True)
class Button:
    """One button of a Brand Message; the list order is the display order.

    Prefer the constructors (:meth:`web`, :meth:`app`, :meth:`add_channel`,
    :meth:`biz_form`, ...), which ask for exactly what each type needs.

    Attributes:
        name: the label; at most 14 characters on TEXT/IMAGE bubbles, 8
            elsewhere, no line breaks.
        type: the :class:`BrandButtonType` (or its code, e.g. ``"WL"``).
        link_mo: mobile URL (``http(s)://``, at most 1,000 characters).
        link_pc: PC URL (``http(s)://``, at most 1,000 characters).
        scheme_android: Android app scheme (``AL``).
        scheme_ios: iOS app scheme (``AL``).
        chat_extra: data passed to the chatbot (``BT`` only).
        chat_event: the chatbot event to trigger (``BT`` only).
        biz_form_key: the business-form key (``BF`` only, required there).
    """

    name: str
    type: BrandButtonType = attrs.field(converter=BrandButtonType)
    link_mo: str | None = attrs.field(default=None, kw_only=True)
    link_pc: str | None = attrs.field(default=None, kw_only=True)
    scheme_android: str | None = attrs.field(default=None, kw_only=True)
    scheme_ios: str | None = attrs.field(default=None, kw_only=True)
    chat_extra: str | None = attrs.field(default=None, kw_only=True)
    chat_event: str | None = attrs.field(default=None, kw_only=True)
    biz_form_key: str | None = attrs.field(default=None, kw_only=True)

    @classmethod
    def web(cls, name: str, link_mo: str, link_pc: str | None = None) -> Button:
        """A web-link (``WL``) button opening ``link_mo`` (``link_pc`` on PCs)."""
        return cls(name, BrandButtonType.WEB_LINK, link_mo=link_mo, link_pc=link_pc)

    @classmethod
    def app(
        cls,
        name: str,
        *,
        scheme_android: str | None = None,
        scheme_ios: str | None = None,
        link_mo: str | None = None,
        link_pc: str | None = None,
    ) -> Button:
        """An app-link (``AL``) button; give at least two of the Android scheme,
        the iOS scheme and ``link_mo`` (API rule -3309)."""
        return cls(
            name,
            BrandButtonType.APP_LINK,
            scheme_android=scheme_android,
            scheme_ios=scheme_ios,
            link_mo=link_mo,
            link_pc=link_pc,
        )

    @classmethod
    def bot_keyword(cls, name: str) -> Button:
        """A bot-keyword (``BK``) button: tapping sends ``name`` to the chatbot."""
        return cls(name, BrandButtonType.BOT_KEYWORD)

    @classmethod
    def message_forward(cls, name: str) -> Button:
        """A message-forwarding (``MD``) button: forwards the message to the chatbot."""
        return cls(name, BrandButtonType.MESSAGE_FORWARD)

    @classmethod
    def add_channel(cls) -> Button:
        """The add-channel (``AC``) button, named :data:`ADD_CHANNEL_BUTTON_NAME`.

        It must be the first button of a TEXT/IMAGE bubble and the last one
        elsewhere, and appear at most once in a carousel.
        """
        return cls(ADD_CHANNEL_BUTTON_NAME, BrandButtonType.ADD_CHANNEL)

    @classmethod
    def bot_transfer(
        cls, name: str, *, chat_extra: str | None = None, chat_event: str | None = None
    ) -> Button:
        """A bot-transfer (``BT``) button (Kakao i Open Builder channels only)."""
        return cls(name, BrandButtonType.BOT_TRANSFER, chat_extra=chat_extra, chat_event=chat_event)

    @classmethod
    def biz_form(cls, name: str, biz_form_key: str) -> Button:
        """A business-form (``BF``) button; ``name`` is one of :data:`BIZ_FORM_BUTTON_NAMES`."""
        return cls(name, BrandButtonType.BIZ_FORM, biz_form_key=biz_form_key)

    def validate(self, field: str, *, max_name: int = 14) -> None:
        """Check this button on its own (placement is checked by the message).

        Raises:
            ValidationError: ``field`` plus the attribute at fault, e.g.
                ``"message.buttons[0].link_mo"``.
        """
        _text(self.name, f"{field}.name", max_chars=max_name)
        kind = self.type
        for attr in ("link_mo", "link_pc"):
            _link(getattr(self, attr), f"{field}.{attr}")
        for attr in ("scheme_android", "scheme_ios"):
            _link(getattr(self, attr), f"{field}.{attr}", http=False)
        if kind is BrandButtonType.WEB_LINK and self.link_mo is None:
            raise _fail(f"{field}.link_mo", "a web-link (WL) button needs link_mo (API rule -3307)")
        if kind is BrandButtonType.APP_LINK:
            given = sum(v is not None for v in (self.scheme_android, self.scheme_ios, self.link_mo))
            if given < 2:
                raise _fail(
                    f"{field}.scheme_android",
                    "an app-link (AL) button needs at least two of scheme_android, scheme_ios "
                    "and link_mo (API rule -3309)",
                )
        if kind is BrandButtonType.ADD_CHANNEL and self.name != ADD_CHANNEL_BUTTON_NAME:
            raise _fail(
                f"{field}.name",
                f"an add-channel (AC) button must be named {ADD_CHANNEL_BUTTON_NAME!r} "
                "(API rule -3348); use Button.add_channel()",
            )
        if kind is BrandButtonType.BIZ_FORM:
            if self.name not in BIZ_FORM_BUTTON_NAMES:
                raise _fail(
                    f"{field}.name",
                    f"a business-form (BF) button must be named one of {BIZ_FORM_BUTTON_NAMES} "
                    "(API rule -3331)",
                )
            if not self.biz_form_key:
                raise _fail(f"{field}.biz_form_key", "a business-form (BF) button needs it")
        elif self.biz_form_key is not None:
            raise _fail(f"{field}.biz_form_key", "only business-form (BF) buttons take it")
        if kind is not BrandButtonType.BOT_TRANSFER:
            for attr in ("chat_extra", "chat_event"):
                if getattr(self, attr) is not None:
                    raise _fail(f"{field}.{attr}", "only bot-transfer (BT) buttons take it")

    def to_wire(self) -> dict[str, Any]:
        """The button's JSON."""
        out: dict[str, Any] = {"name": self.name, "type": self.type.value}
        _links_wire(out, self.link_mo, self.link_pc, self.scheme_android, self.scheme_ios)
        _put(out, "chatExtra", self.chat_extra)
        _put(out, "chatEvent", self.chat_event)
        _put(out, "bizFormKey", self.biz_form_key)
        return out


def _buttons(value: Iterable[Button]) -> tuple[Button, ...]:
    return tuple(value)


def _check_buttons(
    buttons: tuple[Button, ...],
    field: str,
    *,
    low: int,
    high: int,
    max_name: int,
    vertical: bool,
) -> None:
    """Count, validate and place a button list (AC and BF placement rules)."""
    if not low <= len(buttons) <= high:
        need = f"exactly {low}" if low == high else f"{low} to {high}"
        raise _fail(field, f"has {len(buttons)} buttons; this layout takes {need}")
    ac_at: list[int] = []
    bf_at: list[int] = []
    for index, button in enumerate(buttons):
        where = f"{field}[{index}]"
        if not isinstance(button, Button):
            raise _fail(where, f"must be a Button, not {type(button).__name__}")
        button.validate(where, max_name=max_name)
        if button.type is BrandButtonType.ADD_CHANNEL:
            ac_at.append(index)
        elif button.type is BrandButtonType.BIZ_FORM:
            bf_at.append(index)
    if len(ac_at) > 1:
        raise _fail(f"{field}[{ac_at[1]}]", "at most one add-channel (AC) button")
    last = len(buttons) - 1
    if ac_at:
        want, rule = (0, "first (API rule -3311)") if vertical else (last, "last (API rule -3312)")
        if ac_at[0] != want:
            raise _fail(f"{field}[{ac_at[0]}]", f"the add-channel (AC) button must be {rule}")
    for index in bf_at:
        # The error table's placement codes: vertical layouts put BF first
        # (second after AC); horizontal ones put it right, or left of AC.
        if vertical:
            want, rule = (1, "-3336") if ac_at else (0, "-3330")
        else:
            want, rule = (0, "-3338") if ac_at else (last, "-3337")
        if index != want:
            raise _fail(
                f"{field}[{index}]",
                f"a business-form (BF) button must be button {want + 1} of this layout "
                f"(API rule {rule})",
            )
