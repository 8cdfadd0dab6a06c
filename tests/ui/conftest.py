"""Pilot test helpers: the app on a fake clock whose ticker only wakes when a test says so.

`advance` and `sleep_until_poked` come from tests/scenes.py, shared with the snapshot scenes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.scenes import sleep_until_poked
from unknot.core.history.store import HistoryStore
from unknot.core.library.library import Library
from unknot.core.library.loader import load_library
from unknot.core.paths import shipped_routines_dir
from unknot.core.session.clock import FakeClock
from unknot.core.settings import SettingsStore
from unknot.ui.app import AppOptions, UnknotApp, make_app

FIXTURE_ROUTINES = Path(__file__).resolve().parent.parent / "fixtures" / "routines"


def build_app(
    tmp_path: Path, library: Library | None = None, history: HistoryStore | None = None, **options: Any
) -> tuple[UnknotApp, FakeClock]:
    """Make the app as the command line does, with a fake clock and settings in `tmp_path`.

    `history`, when given, is the store the app opens on first use.
    """
    clock = FakeClock()
    if library is None:
        library = load_library([shipped_routines_dir(), FIXTURE_ROUTINES])
    if history is not None:
        options["open_history"] = lambda: history
    app = make_app(
        AppOptions(
            library=library,
            settings_store=SettingsStore(tmp_path / "settings.json"),
            clock=clock,
            sleep=sleep_until_poked,
            **options,
        )
    )
    return app, clock


@pytest.fixture
def app_and_clock(tmp_path: Path) -> tuple[UnknotApp, FakeClock]:
    """The app with shipped and fixture routines."""
    return build_app(tmp_path)
