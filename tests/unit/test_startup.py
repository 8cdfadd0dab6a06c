"""The start-up pause of the garbage collector: only after a pause does resuming do anything."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
from collections.abc import Iterator

import pytest

from unknot import startup


@pytest.fixture(autouse=True)
def collector_back_on() -> Iterator[None]:
    yield
    startup.resume_collection()  # a pause a test left behind ends here (nothing otherwise)
    gc.enable()
    gc.unfreeze()


def test_pause_turns_collection_off_and_resume_collects_freezes_and_turns_it_on() -> None:
    startup.pause_collection()
    assert not gc.isenabled()
    garbage: list[object] = []
    garbage.append(garbage)  # a cycle only the collector can free
    del garbage
    frozen_before = gc.get_freeze_count()
    startup.resume_collection()
    assert gc.isenabled()
    assert gc.get_freeze_count() > frozen_before
    assert gc.get_count()[0] < 100


def test_resume_without_a_pause_changes_nothing() -> None:
    # An app run earlier in this process (a command test runs `unknot` in-process) may have frozen
    # objects at its own start-up: what matters is that this resume freezes none.
    frozen_before = gc.get_freeze_count()
    startup.resume_collection()
    assert gc.isenabled() and gc.get_freeze_count() == frozen_before


def test_pausing_when_collection_is_already_off_leaves_it_to_whoever_turned_it_off() -> None:
    gc.disable()
    startup.pause_collection()
    startup.resume_collection()
    assert not gc.isenabled() and gc.get_freeze_count() == 0


def test_importing_and_building_the_app_pulls_in_no_sqlite_json_or_history() -> None:
    """The first frame needs none of these: history opens after it, controllers load on first use.

    Importing the app loads no history module at all; building it loads only the history thread
    (`core.history.service`), which opens the store later.
    """
    code = textwrap.dedent(
        """
        import sys
        unwanted = ("sqlite3", "json", "unknot.core.history", "unknot.ui.controllers.sessions", "unknot.ui.screens.player")
        def loaded():
            return ",".join(sorted(name for name in sys.modules if name.startswith(unwanted)))
        from unknot.core.library.library import Library
        from unknot.ui.app import make_app
        from unknot.ui.options import AppOptions
        print(loaded())
        make_app(AppOptions(library=Library(), open_history=lambda: None))
        print(loaded())
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    imported, built = done.stdout.splitlines()
    assert imported == ""
    assert built == "unknot.core.history,unknot.core.history.service"
