"""Pilot test helpers: the app on a fake clock whose ticker only wakes when a test says so."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.pilot import Pilot

from unknot.core.clock import FakeClock
from unknot.core.loader import Library, load_library
from unknot.core.paths import shipped_routines_dir
from unknot.core.settings import SettingsStore
from unknot.ui.app import UnknotApp, make_app
from unknot.ui.screens.player import PlayerScreen

FIXTURE_ROUTINES = Path(__file__).resolve().parent.parent / "fixtures" / "routines"


async def sleep_until_poked(delay: float) -> None:
    """A ticker sleep that never ends by itself: tests move time with `advance`."""
    await asyncio.Event().wait()


def build_app(tmp_path: Path, library: Library | None = None, **options: object) -> tuple[UnknotApp, FakeClock]:
    """Make the app as the command line does, with a fake clock and settings in `tmp_path`."""
    clock = FakeClock()
    if library is None:
        library = load_library([shipped_routines_dir(), FIXTURE_ROUTINES])
    app = make_app(
        library=library,
        settings_store=SettingsStore(tmp_path / "settings.json"),
        clock=clock,
        sleep=sleep_until_poked,
        **options,
    )  # type: ignore[arg-type]
    return app, clock


async def advance(pilot: Pilot[None], clock: FakeClock, seconds: float) -> None:
    """Move the fake clock and let the player's ticker catch up, one second at a time."""
    app = pilot.app
    remaining = seconds
    while remaining > 0:
        step = min(1.0, remaining)
        clock.advance(step)
        remaining -= step
        if isinstance(app.screen, PlayerScreen):
            app.screen.ticker.poke()
        await pilot.pause()
        await pilot.pause()


@pytest.fixture
def app_and_clock(tmp_path: Path) -> tuple[UnknotApp, FakeClock]:
    """The app with shipped and fixture routines."""
    return build_app(tmp_path)
