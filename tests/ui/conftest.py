"""Pilot test helpers: the app on a fake clock whose ticker only wakes when a test says so.

The app is built by tests/app_builder.py, as the scenes build theirs; `advance` and `settle`
come from tests/scenes.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app_builder import FIXTURE_ROUTINES, build_app
from unknot.core.session.clock import FakeClock
from unknot.ui.app import UnknotApp

__all__ = ["FIXTURE_ROUTINES", "build_app"]


@pytest.fixture
def app_and_clock(tmp_path: Path) -> tuple[UnknotApp, FakeClock]:
    """The app with shipped and fixture routines."""
    return build_app(tmp_path)
