"""Durations as authors write them (`30`, `30s`, `1m30s`, `2m`) and as people read them."""

from __future__ import annotations

import re

_DURATION = re.compile(r"^\s*(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*m)?\s*(?:(?P<s>\d+)\s*s?)?\s*$")

#: The JSON Schema pattern a duration string must match (kept in step with `_DURATION`).
DURATION_PATTERN = r"^\s*(?=\d)(\d+\s*h)?\s*(\d+\s*m)?\s*(\d+\s*s?)?\s*$"

#: No single duration may be longer than this; longer holds are almost surely a typo.
MAX_DURATION_SECONDS = 60 * 60


class DurationError(ValueError):
    """A duration that cannot be read or is out of range."""


def parse_duration(value: object, *, minimum: int = 0, maximum: int = MAX_DURATION_SECONDS) -> int:
    """Return whole seconds for a duration written as an integer or a string like `1m30s`.

    Raises DurationError with a message for an author when the value cannot be read
    or lies outside `minimum` .. `maximum` (one hour unless said otherwise).
    """
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise DurationError(f"expected a duration like 30s or 1m30s, got {value!r}")
    if isinstance(value, int):
        seconds = value
    else:
        match = _DURATION.match(value)
        if match is None or not any(match.groupdict().values()):
            raise DurationError(f"expected a duration like 30s or 1m30s, got {value!r}")
        parts = {name: int(text) if text else 0 for name, text in match.groupdict().items()}
        seconds = parts["h"] * 3600 + parts["m"] * 60 + parts["s"]
    if seconds < minimum:
        raise DurationError(f"must be at least {format_duration(minimum)}, got {format_duration(seconds)}")
    if seconds > maximum:
        raise DurationError(f"must be at most {format_duration(maximum)}, got {format_duration(seconds)}")
    return seconds


def format_duration(seconds: int) -> str:
    """Return a compact reading of a duration: `45s`, `2m`, `1m30s`, `1h5m`."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes}m" if minutes else f"{hours}h"
    if minutes:
        return f"{minutes}m{secs}s" if secs else f"{minutes}m"
    return f"{secs}s"


def format_clock(seconds: int) -> str:
    """Return a countdown reading `m:ss` (or `h:mm:ss` past an hour)."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
