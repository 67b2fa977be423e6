"""The night rule for advertising: no delivery inside a Korea-time window.

KakaoTalk (AlimTalk/FriendTalk advertising, Brand Message) keeps 20:50-08:00
KST; advertising SMS/MMS apply 21:00-08:00 with their own wording. A
schedule inside the window is refused, an immediate send warns.
"""

from __future__ import annotations

import warnings
from datetime import datetime

from ...errors import ValidationError

__all__ = ["NIGHT_ENDS", "NIGHT_STARTS", "check_night", "in_night_window"]

#: No advertising delivery from 20:50 until 08:00 (KST).
NIGHT_STARTS = (20, 50)
NIGHT_ENDS = (8, 0)


def in_night_window(
    moment: datetime,
    starts: tuple[int, int] = NIGHT_STARTS,
    ends: tuple[int, int] = NIGHT_ENDS,
) -> bool:
    """Whether a Korea wall-clock time falls in the night window (KakaoTalk: 20:50-08:00)."""
    hm = (moment.hour, moment.minute)
    return hm >= starts or hm < ends


#: What the KakaoTalk night window does to a message inside it.
_KAKAO_FATE = "are not delivered (delivery code 3022)"


def check_night(
    scheduled: datetime | None,
    now: datetime,
    *,
    what: str,
    escape: str,
    stacklevel: int,
    starts: tuple[int, int] = NIGHT_STARTS,
    ends: tuple[int, int] = NIGHT_ENDS,
    fate: str = _KAKAO_FATE,
) -> None:
    """Apply a night-time rule for advertising to a send (both times naive Korea time).

    A schedule inside the window is refused: it would certainly meet the
    rule (KakaoTalk: delivery failure 3022). An immediate send inside it only
    warns, because the provider, not the SDK, owns the delivery decision and
    the caller may not control when it runs.

    Args:
        scheduled: the send's schedule, ``None`` for an immediate send.
        now: the current time.
        what: the messages, for the texts (``"FriendTalk messages"``).
        escape: appended to both texts: what else the caller can do
            (``", or ..."``).
        stacklevel: as for :func:`warnings.warn` called where this is called.
        starts, ends: the window, as ``(hour, minute)`` Korea time.
        fate: what happens to ``what`` inside the window, for the texts.

    Raises:
        ValidationError: ``scheduled`` is inside the window.
    """
    start, end = f"{starts[0]:02d}:{starts[1]:02d}", f"{ends[0]:02d}:{ends[1]:02d}"
    if scheduled is not None:
        if in_night_window(scheduled, starts, ends):
            raise ValidationError(
                f"scheduled_at {scheduled:%H:%M} KST is inside the night window ({start}-{end} "
                f"KST), when {what} {fate}; schedule it between {end} and {start}{escape}",
                field="scheduled_at",
            )
    elif in_night_window(now, starts, ends):
        warnings.warn(
            f"it is {now:%H:%M} KST, inside the night window: {what} {fate} between {start} "
            f"and {end} KST (schedule it for {end} instead{escape})",
            UserWarning,
            stacklevel=stacklevel + 1,
        )
