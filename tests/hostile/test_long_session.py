"""A two-hour routine through the real app on an accelerated clock: memory and tasks stay flat."""

from __future__ import annotations

import asyncio
import gc
import os
from pathlib import Path

import pytest

from tests.app_builder import build_app
from tests.scenes import advance
from unknot.core.library.loader import load_library
from unknot.ui.screens.player import PlayerScreen

pytestmark = pytest.mark.slow

STEPS = 240  # 240 × (25 s + 5 s rest) = 2 hours


def resident_bytes() -> int:
    """This process's resident memory now (Linux)."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def write_routine(folder: Path) -> None:
    steps = "".join(
        f"  - {{title: 'Hold {number}', duration: 25s, instructions: 'Stay here and breathe.',"
        f" cues: [{{at: 10s, text: 'Halfway there'}}], breathing: {{inhale: 4s, exhale: 6s}}}}\n"
        for number in range(STEPS)
    )
    (folder / "two-hours.yaml").write_text(f"title: Two hours\nget_ready: 0\nrest: 5s\nsteps:\n{steps}")


async def test_two_hours_on_an_accelerated_clock(tmp_path: Path) -> None:
    write_routine(tmp_path)
    app, clock = build_app(tmp_path, library=load_library([tmp_path]))
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_play("two-hours")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayerScreen)
        assert screen.entry.total_seconds == 7200 - 5

        async def run_for(seconds: int, step: float = 8.0) -> None:
            # Jumps of 8 s still draw every step, rest and cue of the routine at least once.
            elapsed = 0.0
            while elapsed < seconds:
                await advance(pilot, clock, step)
                elapsed += step

        # Warm up for half an hour: Textual's bounded caches fill first, and are not growth.
        await run_for(1800)
        gc.collect()
        baseline = resident_bytes()
        tasks_before = len(asyncio.all_tasks())
        await run_for(7200 - 1800 - 10)
        gc.collect()
        grown = resident_bytes() - baseline
        assert screen.player.segment.step_index == STEPS - 1, screen.player.segment
        assert grown < 5 * 1024 * 1024, f"grew {grown / 1e6:.1f} MB"
        assert len(asyncio.all_tasks()) <= tasks_before  # Textual's timers are tasks too
