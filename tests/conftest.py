"""Shared test set-up: an isolated environment so no test reads the developer's own files."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from unknot.core.glyphs import use_glyphs

# Dates in history are local; one time zone everywhere keeps snapshots and reports identical.
os.environ["TZ"] = "UTC"
time.tzset()

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point XDG folders at an empty temporary home and clear Unknot's variables."""
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    for name in ("UNKNOT_ROUTINES", "UNKNOT_DATA_DIR", "UNKNOT_GLYPHS", "TEXTUAL_THEME", "NO_COLOR", "COLORTERM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")  # the same symbols whatever terminal runs the tests
    use_glyphs(None)
    return home


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the real-terminal and long tests one after another in one worker (`--dist loadgroup`).

    They time what a person would see; beside the CPU-bound two-hour soak on a two-core machine,
    keys and repaints were late enough to fail them. The quick tests share the other worker.
    """
    for item in items:
        if item.get_closest_marker("e2e") or item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.xdist_group("terminal"))
