"""Browsing, filtering and starting routines with the keyboard."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input, Static

from tests.app_builder import build_app
from tests.scenes import settle, wait_until
from unknot.core.library.loader import load_library
from unknot.core.paths import shipped_routines_dir
from unknot.ui.screens.browser import BrowserScreen
from unknot.ui.screens.player import PlayerScreen
from unknot.ui.screens.problems import ProblemsScreen
from unknot.ui.widgets.overview import Overview
from unknot.ui.widgets.routine_list import RoutineList


def plain(widget: Static) -> str:
    return str(widget.render())


async def test_browser_lists_every_routine_and_describes_the_highlighted_one(tmp_path: Path) -> None:
    app, _ = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        routines = screen.query_one(RoutineList)
        assert len(routines.ids) == len(app.library.routines)
        assert routines.has_focus
        first = screen.highlighted_entry
        await pilot.press("j")
        assert screen.highlighted_entry is not first
        overview = screen.query_one(Overview).text
        assert screen.highlighted_entry is not None and screen.highlighted_entry.routine.title in overview
        assert "not medical advice" in overview
        await pilot.press("k")
        assert screen.highlighted_entry is first


async def test_filter_narrows_as_you_type_and_escape_returns_to_the_list(tmp_path: Path) -> None:
    app, _ = build_app(tmp_path)
    messages: list[object] = []
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        await pilot.press("slash")
        assert app.screen.query_one("#filter", Input).has_focus
        await pilot.press(*"foam roller")
        await pilot.pause()
        routines = app.screen.query_one(RoutineList)
        ids = list(routines.ids)
        assert set(ids) == {"foam-roller-back", "self-massage-home"}
        highlighted = [m for m in messages if isinstance(m, RoutineList.RoutineHighlighted)]
        assert highlighted[-1].routine_id in ids
        await pilot.press("escape")
        assert routines.has_focus
        await pilot.press("slash", *" zzz")
        await pilot.pause()
        assert routines.ids == []
        assert "No routine matches" in app.screen.query_one(Overview).text


async def test_a_slash_in_the_filter_is_text_and_the_footer_stops_offering_it(tmp_path: Path) -> None:
    app, _ = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.check_action("focus_filter", ()) is True
        await pilot.press("slash", "a", "slash", "b")
        assert app.screen.query_one("#filter", Input).value == "a/b"
        assert app.screen.check_action("focus_filter", ()) is False


async def test_filter_matches_areas_tags_and_equipment(tmp_path: Path) -> None:
    app, _ = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"acupressure mat")
        await pilot.pause()
        routines = app.screen.query_one(RoutineList)
        assert set(routines.ids) == {
            "acupressure-mat",
            "muscle-spasm-relief",
        }


async def test_enter_starts_the_highlighted_routine(tmp_path: Path) -> None:
    app, _ = build_app(tmp_path)
    messages: list[object] = []
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        await pilot.press("slash", *"quick test", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.entry.id == "quick-test"
        await pilot.press("escape")  # would ask; then say no
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)


async def test_problems_are_counted_and_listed(tmp_path: Path) -> None:
    bad = tmp_path / "routines"
    bad.mkdir()
    (bad / "broken.yaml").write_text("title: Broken\nsteps:\n  - {title: a}\n  - {title: b}\n")
    library = load_library([shipped_routines_dir(), bad])
    assert len(library.errors) == 2  # two problems, one file
    app, _ = build_app(tmp_path, library=library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = plain(app.screen.query_one("#problem-line", Static))
        assert "1 routine file with problems" in line
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        text = plain(app.screen.query_one("#problems-text", Static))
        assert "broken.yaml:3:5: steps[0]: a step needs a duration" in text
        title = plain(app.screen.query_one("#problems-dialog .dialog-title", Static))
        assert title == "2 problems in 1 routine file"
        assert "restart" not in plain(app.screen.query_one("#problems-dialog .dialog-hint", Static))
        await pilot.press("escape")
        assert isinstance(app.screen, BrowserScreen)


async def test_markup_in_routine_text_is_shown_as_typed(tmp_path: Path) -> None:
    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / "markup.yaml").write_text(
        "title: '[bold]Loud[/] $var'\nsummary: '[@click=app.quit]x[/]'\n"
        "steps:\n  - {title: '[red]a[/red]', duration: 3}\n"
    )
    app, _ = build_app(tmp_path, library=load_library([folder]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        overview = app.screen.query_one(Overview).text
        assert "[bold]Loud[/] $var" in overview
        assert "[@click=app.quit]x[/]" in overview
        assert "[red]a[/red]" in overview


async def test_tiny_terminals_and_resizes_do_not_crash(tmp_path: Path) -> None:
    app, _ = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for size in [(1, 1), (40, 12), (20, 5), (300, 100), (60, 20), (2, 30), (80, 24)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
        await pilot.press("enter")
        for size in [(1, 1), (40, 12), (60, 20), (120, 40), (80, 24)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)


def listed(screen: object) -> list[str]:
    routines = screen.query_one(RoutineList)  # type: ignore[attr-defined]
    return list(routines.ids)


async def test_the_filter_searches_descriptions_and_steps_and_ranks_titles_first(tmp_path: Path) -> None:
    app, _ = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"tennis")
        await pilot.pause()
        assert listed(app.screen) == ["massage-balls-spine"]  # only its description says tennis
        prompt = str(app.screen.query_one(RoutineList).prompt_at(0))
        assert "in description" in prompt
        await pilot.press("ctrl+u", *"twist")
        await pilot.pause()
        ids = listed(app.screen)
        assert "floor-stretches" in ids and "desk-break" in ids  # step titles
        await pilot.press("ctrl+u", *"mat")
        await pilot.pause()
        ids = listed(app.screen)
        assert ids[0] == "acupressure-mat"  # the title match first
        assert "floor-stretches" in ids[1:]  # a yoga mat in its equipment


async def test_escape_from_the_filter_keeps_the_highlighted_routine(tmp_path: Path) -> None:
    app, _ = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"back")
        await pilot.pause()
        await pilot.press("down", "down")
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        chosen = screen.highlighted_entry
        assert chosen is not None and chosen.id != listed(screen)[0]
        await pilot.press("slash", "escape")
        await pilot.pause()
        assert screen.highlighted_entry is chosen


async def test_the_last_played_routine_comes_first_and_is_highlighted_next_time(tmp_path: Path) -> None:
    app, _ = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_play("desk-break")
        await pilot.pause()
    saved = json.loads((tmp_path / "settings.json").read_text())
    assert saved["recent"][0] == "desk-break"
    again, _ = build_app(tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, BrowserScreen)
        assert listed(screen)[0] == "desk-break"
        assert screen.highlighted_entry is not None and screen.highlighted_entry.id == "desk-break"
        prompt = str(screen.query_one(RoutineList).prompt_at(0))
        assert prompt.startswith("Five-minute desk break") and "recent" in prompt


async def test_the_overview_is_a_set_up_list_and_the_plus_is_explained(tmp_path: Path) -> None:
    app, _ = build_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"two massage balls", "escape")
        await pilot.pause()
        overview = app.screen.query_one(Overview).text
        assert "[ ] Two massage balls" in overview and "[ ] Yoga mat" in overview
        assert "First Set up on the balls" in overview and "(@@)" in overview  # its drawing
        assert "+ steps you finish yourself" in overview
        assert "+ also steps you finish yourself" in plain(app.screen.query_one("#list-legend", Static))


async def test_wide_screens_give_the_list_a_fair_share(tmp_path: Path) -> None:
    app, _ = build_app(tmp_path)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#list-pane").size.width >= 60
    narrow, _ = build_app(tmp_path)
    async with narrow.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert narrow.screen.query_one("#list-pane").size.width == 38


async def test_standings_show_beside_routines_and_a_routine_at_its_limit_asks_first(tmp_path: Path) -> None:
    import datetime as dt

    from unknot.core.history.store import HistoryStore
    from unknot.core.session.events import Outcome, SessionRecord
    from unknot.ui.screens.confirm import ConfirmStartScreen

    store = HistoryStore(tmp_path / "data")
    day = dt.date(2026, 1, 9)
    noon = dt.datetime.combine(day, dt.time(12)).timestamp()  # five sessions on the day the app counts by
    for minutes in range(5):
        started = noon - 60 * minutes - 10
        store.add_session(
            SessionRecord("pressure-points-hands", "Pressure points", started, started + 5, 5, 4, 0, Outcome.COMPLETED)
        )
    app, _ = build_app(tmp_path, history=store, today=day)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        await wait_until(pilot, lambda: bool(screen.due), "the standings on screen")
        routines = screen.query_one(RoutineList)
        prompts = {routine_id: str(routines.prompt_at(i)) for i, routine_id in enumerate(routines.ids)}
        assert "at limit" in prompts["pressure-points-hands"]
        assert "\ndue · " in prompts["self-massage-home"]
        usual = listed(screen)
        await pilot.press("o")  # due routines first, those at their limit last
        await settle(pilot)
        order = listed(screen)
        statuses = [app.due[routine_id].status.value for routine_id in order if routine_id in app.due]
        assert statuses == sorted(statuses, key=lambda status: {"due": 0, "at-limit": 2}.get(status, 1))
        assert statuses[0] == "due" and order[-1] == "pressure-points-hands" and sorted(order) == sorted(usual)
        assert app.settings.due_first
        await pilot.press("o")
        await settle(pilot)
        assert listed(screen) == usual and not app.settings.due_first
        app.action_play("pressure-points-hands")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmStartScreen)
        assert "5 of 5 today" in app.screen.question and "up to 5 times a day" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen
        app.action_play("pressure-points-hands")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert any(isinstance(shown, PlayerScreen) for shown in app.screen_stack)  # under the pain question


async def test_the_list_moves_by_row_page_and_end_and_a_click_starts_the_routine(tmp_path: Path) -> None:
    app, _ = build_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        routines = screen.query_one(RoutineList)
        count = len(routines.ids)
        assert routines.cursor == 0
        await pilot.press("end")
        assert routines.cursor == count - 1 and screen.highlighted_entry is not None
        assert screen.highlighted_entry.id == routines.ids[-1]
        await pilot.press("home", "j", "j", "k")
        assert routines.cursor == 1
        await pilot.press("pagedown")
        page = routines.scrollable_content_region.height // RoutineList.ROW_LINES
        assert routines.cursor == min(count - 1, 1 + page)
        await pilot.press("pageup", "up")
        assert routines.cursor == 0
        # A long title ends in an ellipsis in the list (rows 4-5: the third routine); the overview has it whole.
        assert routines.ids[2] == "foam-roller-back"
        assert routines.render_line(4).text.rstrip() == "Foam roller for the upper and mid…"
        await pilot.press("j", "j")
        assert "Foam roller for the upper and mid back" in screen.query_one(Overview).text.replace("\n", " ")
        await pilot.press("home")
        await pilot.click(RoutineList, offset=(3, 2))  # the second routine's title line
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen) and app.screen.entry.id == routines.ids[1]


async def test_routines_needing_kit_one_lacks_are_marked_and_never_due(tmp_path: Path) -> None:
    from unknot.core.history.store import HistoryStore
    from unknot.core.standings import DueStatus

    store = HistoryStore(tmp_path / "data")
    app, _ = build_app(tmp_path, history=store, saved={"equipment": ["yoga-mat"]})
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: bool(app.due), "the standings read")
        assert app.due["acupressure-mat"].status is DueStatus.NO_KIT
        screen = app.screen
        position = listed(screen).index("acupressure-mat")
        assert str(screen.query_one(RoutineList).prompt_at(position)).startswith("Acupressure mat\nno kit · ")
        assert "not in your kit" in screen.query_one(Overview).text  # the first routine is highlighted
        floor = listed(screen).index("floor-stretches")
        assert "no kit" not in str(screen.query_one(RoutineList).prompt_at(floor))
