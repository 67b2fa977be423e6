"""What every call shares: its ``retry=`` option, and the caller's frame for warnings."""

from __future__ import annotations

import sys

__all__ = ["_outside_stacklevel", "check_policy"]

_PACKAGE = __name__.split(".", 1)[0]


def check_policy(retry: object) -> None:
    """Refuse a ``retry=`` that is not a RetryPolicy (``None`` means the client's).

    Raises:
        TypeError: like the client constructor, for anything else, falsy
            values included (``retry=0`` never silently means "the default").
    """
    from ..._retry import RetryPolicy

    if retry is not None and not isinstance(retry, RetryPolicy):
        raise TypeError(
            f"retry must be a RetryPolicy (or None for the client's), not {type(retry).__name__}"
        )


def _outside_stacklevel() -> int:
    """The ``stacklevel`` that makes a warning of the caller name the first frame outside
    the SDK (the application's call), however deep the client's wrappers are."""
    frame = sys._getframe(2)
    level = 2
    while frame is not None and (frame.f_globals.get("__name__") or "").startswith(_PACKAGE):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return level
