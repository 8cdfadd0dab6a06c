"""The start-up pause of the garbage collector ends after the first frame, however the app starts."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app_builder import build_app
from unknot import startup


@pytest.fixture(autouse=True)
def collector_back_on() -> Iterator[None]:
    yield
    startup.resume_collection()  # a pause a test left behind ends here (nothing otherwise)
    gc.enable()
    gc.unfreeze()


@pytest.mark.parametrize("start_routine_id", [None, "quick-test"], ids=["browser", "play"])
async def test_collection_is_back_on_after_the_first_frame(tmp_path: Path, start_routine_id: str | None) -> None:
    app, _ = build_app(tmp_path, start_routine_id=start_routine_id)
    startup.pause_collection()  # as the command line does before building the app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.isenabled()
