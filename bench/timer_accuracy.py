"""Timer accuracy on a real asyncio loop: many one-second segments, end error and lateness.

Run: python bench/timer_accuracy.py [SEGMENTS]   (default 120; prints JSON)
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Sequence

import msgspec

from unknot.core.routines.model import Routine, decode_hook
from unknot.core.routines.timeline import build_timeline
from unknot.core.session.clock import SystemClock
from unknot.core.session.events import SegmentStarted
from unknot.core.session.player import Player
from unknot.core.session.ticker import Ticker


async def measure(segments: int) -> dict[str, float | int | bool]:
    """Play `segments` one-second steps and report how the shown seconds kept time."""
    data = {
        "id": "bench",
        "title": "Bench",
        "get_ready": 0,
        "rest": 0,
        "steps": [{"title": f"s{i}", "duration": 1} for i in range(segments)],
    }
    routine = msgspec.convert(data, Routine, dec_hook=decode_hook)
    clock = SystemClock()
    player = Player(build_timeline(routine), clock)
    changes: list[tuple[float, int]] = []  # (time the shown value changed, segment index)
    ended: list[float] = []

    def on_events(events: Sequence[object]) -> None:
        # Called at every wake; a shown second changes only when a segment starts.
        now = time.monotonic()
        if player.finished:
            ended.append(now)
        for event in events:
            if isinstance(event, SegmentStarted):
                changes.append((now, event.segment.index))

    start = time.monotonic()
    player.start()
    changes.append((start, 0))  # the first segment starts with the command, not a wake
    await Ticker(player, on_events).run()
    planned = [start + index for index in range(segments)]
    seen = [index for _, index in changes]
    lateness = [at - planned[index] for at, index in changes]
    return {
        "segments": segments,
        "end_error_ms": round((ended[0] - (start + segments)) * 1000, 2),
        "worst_lateness_ms": round(max(lateness) * 1000, 2),
        "median_lateness_ms": round(sorted(lateness)[len(lateness) // 2] * 1000, 2),
        "skipped_or_repeated": seen != list(range(segments)),
    }


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 120
    print(json.dumps(asyncio.run(measure(count))))
