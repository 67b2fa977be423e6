"""Template variables: which ``#{name}`` / ``##name##`` a template needs.

AlimTalk and Brand Message templates write variables as ``#{name}``, SMS
templates as ``##name##``. The local template check compares them with the
parameters of a send; this module only finds them.
"""

from __future__ import annotations

import re

__all__ = ["kakao_variables", "sms_variables"]

_KAKAO = re.compile(r"#\{([^{}]+)\}")
_SMS = re.compile(r"##([^#\s]+)##")


def _ordered(names: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def kakao_variables(text: str) -> tuple[str, ...]:
    """The ``#{name}`` variables of an AlimTalk or Brand Message template, in order, once each."""
    return _ordered(_KAKAO.findall(text))


def sms_variables(text: str) -> tuple[str, ...]:
    """The ``##name##`` variables of an SMS template, in order, once each."""
    return _ordered(_SMS.findall(text))
