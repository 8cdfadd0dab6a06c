"""Pilot test helpers: the app on a fake clock whose ticker only wakes when a test says so.

`advance` and `sleep_until_poked` come from tests/scenes.py, shared with the snapshot scenes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scenes import sleep_until_poked
from unknot.core.library.library import Library
from unknot.core.library.loader import load_library
from unknot.core.paths import shipped_routines_dir
from unknot.core.session.clock import FakeClock
from unknot.core.settings import SettingsStore
from unknot.ui.app import UnknotApp, make_app

FIXTURE_ROUTINES = Path(__file__).resolve().parent.parent / "fixtures" / "routines"


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


@pytest.fixture
def app_and_clock(tmp_path: Path) -> tuple[UnknotApp, FakeClock]:
    """The app with shipped and fixture routines."""
    return build_app(tmp_path)
