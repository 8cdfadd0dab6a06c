"""Every screen state that matters, pinned as an SVG (review with `pytest --snapshot-report`).

One test, parametrized over the scene list in tests/scenes.py: each scene runs on a fake clock,
so the digits never change between runs, and adding a scene adds its snapshot. Plain `def`:
snap_compare runs its own event loop.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.scenes import SCENES, SCREENSHOTS, Scene


@pytest.mark.parametrize("scene", SCENES, ids=[scene.name for scene in SCENES])
def test_scene(scene: Scene, snap_compare: Any, tmp_path: Path) -> None:
    app, clock = scene.build(tmp_path)

    async def before(pilot: Pilot[None]) -> None:
        await scene.setup(pilot, clock)

    assert snap_compare(app, terminal_size=scene.size, run_before=before)


def test_scene_names_are_unique() -> None:
    names = [scene.name for scene in SCENES]
    assert len(names) == len(set(names))


def test_screenshots_folder_matches_the_scene_list() -> None:
    wanted = {f"{scene.name}.svg" for scene in SCENES if scene.screenshot}
    present = {path.name for path in SCREENSHOTS.glob("*")}
    assert present == wanted, "run: python -m tests.scenes"
