"""Whether an attendance is long enough to count."""

from __future__ import annotations


def counts(
    minutes: float,
    session_minutes: float,
    *,
    min_minutes: int | None,
    min_percent: int | None,
) -> bool:
    """Return whether ``minutes`` of a ``session_minutes`` session count as attendance.

    Every threshold given must be met; with none, any time at all counts; no time never does.
    """
    if min_minutes is not None and min_minutes < 0:
        raise ValueError("min_minutes cannot be negative")
    if min_percent is not None and not 0 <= min_percent <= 100:
        raise ValueError("min_percent must be between 0 and 100")
    if minutes <= 0:
        return False
    if min_minutes is not None and minutes < min_minutes:
        return False
    if min_percent is not None:
        if session_minutes <= 0:
            raise ValueError("session_minutes must be positive to apply min_percent")
        # Compare in whole products so 45 of 60 minutes is exactly 75 %.
        if minutes * 100 < min_percent * session_minutes:
            return False
    return True
