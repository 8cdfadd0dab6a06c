"""The start-up pause of the garbage collector: only after a pause does resuming do anything."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from unknot import startup


@pytest.fixture(autouse=True)
def collector_back_on() -> Iterator[None]:
    yield
    gc.enable()
    gc.unfreeze()
    startup._paused = False


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
    startup.resume_collection()
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_pausing_when_collection_is_already_off_leaves_it_to_whoever_turned_it_off() -> None:
    gc.disable()
    startup.pause_collection()
    startup.resume_collection()
    assert not gc.isenabled() and gc.get_freeze_count() == 0
