"""Clocks the session engine reads time from: the real one, and a fake one for tests."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """A source of monotonic seconds (for timing) and wall-clock seconds (for records)."""

    def monotonic(self) -> float:
        """Return seconds from an arbitrary start that never go backwards."""
        ...

    def wall(self) -> float:
        """Return seconds since the Unix epoch."""
        ...


class SystemClock:
    """The machine's clocks."""

    def monotonic(self) -> float:
        """Return `time.monotonic()`."""
        return time.monotonic()

    def wall(self) -> float:
        """Return `time.time()`."""
        return time.time()


class FakeClock:
    """A clock that moves only when told to, so timed behaviour is tested in microseconds."""

    def __init__(self, start: float = 1000.0, wall_start: float = 1_767_225_600.0) -> None:
        self._now = start
        self._wall_offset = wall_start - start

    def monotonic(self) -> float:
        """Return the fake monotonic time."""
        return self._now

    def wall(self) -> float:
        """Return the fake wall time, which moves with the monotonic time."""
        return self._now + self._wall_offset

    def advance(self, seconds: float) -> None:
        """Move time forward by `seconds` (never backward)."""
        if seconds < 0:
            raise ValueError("a clock never goes backward")
        self._now += seconds
