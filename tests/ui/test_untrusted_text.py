"""Routine text and file paths are shown as text on every screen, in the palette and in notices.

A valid routine whose title, summary, steps and cautions are full of Textual markup used to crash
the app when the palette was opened or searched, and in the "could not resume" notice; a data
folder with `[/]` in its name crashed start-up. This walks every screen with such a routine.
"""

from __future__ import annotations

from pathlib import Path

from tests.app_builder import build_app
from tests.scenes import advance, orphan_checkpoints, palette_offers, settle
from unknot.core.history.store import HistoryStore
from unknot.core.library.loader import load_library
from unknot.core.paths import shipped_routines_dir
from unknot.ui.screens.browser import BrowserScreen
from unknot.ui.screens.history import HistoryScreen
from unknot.ui.screens.player import PlayerScreen
from unknot.ui.screens.resume import ResumeScreen
from unknot.ui.screens.summary import SummaryScreen

EVIL = "Evil [b]bold[/b] [/] end"
ROUTINE = f"""title: "{EVIL}"
id: evil
summary: "[@click=app.quit]quit[/] [red on blue]x[/] $accent"
description: "[link=https://evil.invalid]link[/link] [/]"
get_ready: 1
rest: 1
cautions:
  - "[/] caution [b]"
steps:
  - title: "[/] step [i]one"
    instructions: "[@click=app.bell]ring[/] [/]"
    duration: 3
    cues: [{{at: 1, text: "[/] cue"}}]
  - title: "Two [/]"
    until_done: true
"""


async def test_every_screen_and_the_palette_show_markup_as_text(tmp_path: Path) -> None:
    routines = tmp_path / "routines"
    routines.mkdir()
    (routines / "evil.yaml").write_text(ROUTINE)
    library = load_library([shipped_routines_dir(), routines])
    assert "evil" in library.routines, [str(problem) for problem in library.problems]
    data = tmp_path / "[/]data[b]"
    store = HistoryStore(data)
    store.save_checkpoint("cut", "evil", EVIL, 1_767_225_000.0, {"version": 99})  # cannot resume: a notice
    orphan_checkpoints(store)
    app, clock = build_app(tmp_path, library=library, history=store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        await pilot.press("slash", *"evil", "escape")
        await settle(pilot)
        assert app.screen.highlighted_entry is not None and app.screen.highlighted_entry.id == "evil"
        await pilot.press("ctrl+p")
        await settle(pilot)
        for char in "evil":
            await pilot.press(char)
        await palette_offers(pilot, "Evil")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        await pilot.press("escape")
        app.action_play("evil")
        await settle(pilot)
        await pilot.press("4", "enter")  # the pain question
        await advance(pilot, clock, 2.5)  # into the step, past its cue
        assert isinstance(app.screen, PlayerScreen) and app.screen.cue_text == "[/] cue"
        await advance(pilot, clock, 5)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")  # no rating after: the question goes
        await settle(pilot)
        await pilot.press("enter")  # back to the routines
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
    assert [session.title for session in store.recent_sessions()][:1] == [EVIL]


async def test_the_resume_offer_shows_a_markup_title_as_text(tmp_path: Path) -> None:
    routines = tmp_path / "routines"
    routines.mkdir()
    (routines / "evil.yaml").write_text(ROUTINE)
    library = load_library([shipped_routines_dir(), routines])
    store = HistoryStore(tmp_path / "[/]")
    app, clock = build_app(tmp_path, library=library, history=store, saved={"ask_pain": False})
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_play("evil")
        await settle(pilot)
        await advance(pilot, clock, 2)
    orphan_checkpoints(store)
    again, _ = build_app(tmp_path, library=library, history=store)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, ResumeScreen)
        await pilot.press("n", "y")  # discard, and yes, discard
        await settle(pilot)
        assert isinstance(again.screen, BrowserScreen)


def test_the_list_and_the_overview_say_a_look_alike_is_not_shipped(tmp_path: Path) -> None:
    from unknot.core.library.loader import load_library
    from unknot.core.paths import shipped_routines_dir
    from unknot.ui.widgets.overview import overview_content
    from unknot.ui.widgets.routine_list import routine_prompt

    (tmp_path / "floor-stretches.yaml").write_text("title: Floor stretches\nsteps:\n  - {title: a, duration: 10s}\n")
    entry = load_library([shipped_routines_dir(), tmp_path]).routines["floor-stretches"]
    assert "not shipped" in routine_prompt(entry).plain.split("\n")[1]
    assert f"Not the routine shipped with Unknot of this name: {tmp_path}" in overview_content(entry).plain
