"""Named scenes of the app: each a terminal size, an environment and what to do before the picture.

The snapshot suite pins every scene; `python -m tests.scenes` writes the ones marked for the
README into screenshots/. Both run the app on a fake clock, so the digits are always the same.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import os
import re
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.color import Color, ColorSystem
from rich.terminal_theme import SVG_EXPORT_THEME
from textual.pilot import Pilot
from textual.widgets import Footer, Input, OptionList

from tests.app_builder import build_app
from unknot.core.glyphs import glyphs_for, use_glyphs
from unknot.core.history.store import HistoryStore
from unknot.core.library.library import Library
from unknot.core.library.loader import load_library
from unknot.core.paths import shipped_routines_dir
from unknot.core.preferences import RunOverrides
from unknot.core.session.clock import FakeClock
from unknot.core.session.events import Outcome, SessionRecord
from unknot.core.session.player import Player
from unknot.ui.app import UnknotApp
from unknot.ui.screens.pain import PainScreen
from unknot.ui.screens.player import PlayerScreen
from unknot.ui.widgets.key_footer import KeyFooter

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
SCREENSHOTS = REPO / "screenshots"

Setup = Callable[[Pilot[None], FakeClock], Awaitable[None]]


async def advance(pilot: Pilot[None], clock: FakeClock, seconds: float) -> None:
    """Jump the fake clock by `seconds`, and let the player catch up across every segment it passed.

    The screen gets the catch-up's events at once (as the ticker would hand them over), so what
    happens does not depend on how busy the machine is.
    """
    clock.advance(seconds)
    screen = pilot.app.screen
    if isinstance(screen, PlayerScreen):
        screen.handle_events(screen.player.update())
    await settle(pilot)


def footers_filled(app: UnknotApp) -> bool:
    """Whether every footer on the screen stack shows its keys, fitted to its width."""
    return all(
        len(footer.children) > 0 and (not isinstance(footer, KeyFooter) or footer.fitted)
        for screen in app.screen_stack
        for footer in screen.query(Footer)
    )


async def settle(pilot: Pilot[None]) -> None:
    """Let the history thread finish what it was asked, and the workers waiting for it act on the answers."""
    app = pilot.app
    assert isinstance(app, UnknotApp)
    service = app.services.history
    quiet_rounds = 0
    for _ in range(100):
        if service is not None:
            await asyncio.to_thread(service.drain)
        await pilot.pause()
        # Quiet: nothing was asked of history while the app handled the last answers, and every footer
        # on the stack has its keys (a footer fills itself in after the bindings settle, later under load).
        history_quiet = service is None or service.drain(0)
        quiet_rounds = quiet_rounds + 1 if history_quiet and footers_filled(app) else 0
        if quiet_rounds >= 2:
            return
    raise AssertionError("history jobs never settled")


async def wait_until(pilot: Pilot[None], ready: Callable[[], bool], what: str) -> None:
    """Let the app run until `ready()` holds (failing, with `what`, if it never does)."""
    for _ in range(400):
        if ready():
            return
        await pilot.pause(0.005)
    raise AssertionError(f"the app never got to: {what}")


async def palette_offers(pilot: Pilot[None], text: str) -> None:
    """Wait until the command palette's first hit contains `text` (it searches in the background)."""

    def offered() -> bool:
        lists = pilot.app.screen.query(OptionList)
        if not lists or lists.first().option_count == 0:
            return False
        hits = lists.first()
        return text in str(hits.get_option_at_index(0).prompt) and hits.highlighted == 0

    await wait_until(pilot, offered, f"the palette offering {text!r}")


def still(pilot: Pilot[None]) -> None:
    """Stop the cursor blinking so every picture is the same."""
    for text_input in pilot.app.query(Input):
        text_input.cursor_blink = False


#: The window chrome of Rich's SVG export (title bar, lights, frame): kept as it is.
SVG_CHROME_COLOURS = {"#ff5f57", "#febc2e", "#28c840", "#292929", "#c5c8c6"}


def sixteen_colour_svg(svg: str) -> str:
    """Return an exported SVG with every colour of the screen downgraded to the 16-colour ANSI palette."""

    def downgrade(match: re.Match[str]) -> str:
        colour = match.group(0)
        if colour.lower() in SVG_CHROME_COLOURS:
            return colour
        ansi = Color.parse(colour).downgrade(ColorSystem.STANDARD)
        return ansi.get_truecolor(SVG_EXPORT_THEME).hex

    return re.sub(r"#[0-9a-fA-F]{6}\b", downgrade, svg)


class SixteenColourApp(UnknotApp):
    """The app as a 16-colour terminal shows it: every colour downgraded to the ANSI palette."""

    CSS_PATH = str(Path(sys.modules[UnknotApp.__module__].__file__ or "").parent / "app.tcss")

    def export_screenshot(self, *, title: str | None = None, simplify: bool = False) -> str:
        """Export the screen as SVG, in the 16 colours such a terminal has."""
        return sixteen_colour_svg(super().export_screenshot(title=title, simplify=simplify))


#: A process id that no process has (above the kernel's largest), for sessions whose player is gone.
GONE_PID = 2_147_483_646


def orphan_checkpoints(store: HistoryStore) -> None:
    """Make every open session look as if the process playing it had gone (a dropped connection)."""
    for checkpoint in store.checkpoints():
        store.save_checkpoint(
            checkpoint.token,
            checkpoint.routine_id,
            checkpoint.title,
            checkpoint.started_at,
            checkpoint.state,
            checkpoint.pain_before,
            pid=GONE_PID,
        )


def seed_history(kind: str, folder: Path) -> HistoryStore:
    """Return a history store in `folder` holding what the scene needs."""
    store = HistoryStore(folder)
    day = 86400.0
    today = FakeClock().wall()
    titles = {
        "floor-stretches": "Gentle floor stretches",
        "desk-break": "Five-minute desk break",
        "self-massage-home": "Self-massage at home",
        "acupressure-mat": "Acupressure mat",
    }
    if kind == "sessions":
        plan = [
            (27, "floor-stretches", 280, 6, 4),
            (20, "desk-break", 297, 4, 3),
            (9, "self-massage-home", 570, 7, 4),
            (3, "floor-stretches", 280, 5, 3),
            (2, "acupressure-mat", 400, 6, 5),
            (1, "floor-stretches", 240, 5, 2),
            (0, "desk-break", 297, None, None),
        ]
        for days_ago, routine_id, seconds, before, after in plan:
            started = today - days_ago * day - 3600 * 10
            outcome = Outcome.COMPLETED if days_ago != 2 else Outcome.LEFT
            record = SessionRecord(
                routine_id, titles[routine_id], started, started + seconds + 30, seconds, 5, 0, outcome
            )
            session_id = store.add_session(dataclasses.replace(record, pain_before=before))
            if after is not None and session_id is not None:
                store.set_pain_after(session_id, after)
    if kind == "months":
        # Twelve weeks of rated sessions, pain easing slowly, a few notes: what the pain chart is for.
        routines = ["floor-stretches", "desk-break", "floor-stretches", "self-massage-home"]
        notes = {5: "left side tighter today", 16: "slept badly", 31: "much easier after the walk"}
        for number, days_ago in enumerate(range(82, -1, -2)):
            if days_ago % 14 in (6, 8) and number % 3:
                continue  # some weeks are quieter than others
            routine_id = routines[number % len(routines)]
            before = min(10, 8 - days_ago // -20 - 4 + (number * 7) % 3)
            after = max(0, before - 1 - (number * 5) % 4)
            started = today - days_ago * day - 3600 * (8 + number % 5)
            seconds = 240 + (number * 97) % 500
            store.add_session(
                SessionRecord(
                    routine_id,
                    titles[routine_id],
                    started,
                    started + seconds + 30,
                    seconds,
                    5,
                    0,
                    Outcome.COMPLETED,
                    before,
                    after,
                    notes.get(number),
                )
            )
    if kind == "plan":
        follow_back_care(store)
    if kind in ("interrupted", "interrupted-several"):
        library = load_library([shipped_routines_dir()])
        # Oldest first; the last (newest) is the one offered on its own.
        cut_off = ["acupressure-mat", "desk-break", "floor-stretches"] if kind == "interrupted-several" else []
        cut_off = cut_off or ["floor-stretches"]
        for number, routine_id in enumerate(cut_off):
            clock = FakeClock()
            player = Player(library.routines[routine_id].timeline, clock)
            player.start()
            clock.advance(5 + 30 + 10 + 12.4 + 40 * number)
            player.update()
            store.save_checkpoint(
                f"scene-{number}",
                routine_id,
                titles[routine_id],
                clock.wall() - 60 - 86_400 * (len(cut_off) - 1 - number),
                player.snapshot(),
                pid=GONE_PID,
            )
    return store


#: The day the plan scenes show: fixed, so Today reads the same in any time zone and on any date.
PLAN_DAY = dt.date(2026, 1, 9)


def follow_back_care(store: HistoryStore) -> None:
    """Follow the shipped four-week plan from eight days before PLAN_DAY, its sessions done but one day's,
    and the first of today's: Day 9 of 28 in its second phase, one day missed, the next session up."""
    from unknot.core.paths import shipped_plans_dir
    from unknot.core.plans.loading import load_plans
    from unknot.core.plans.progress import PlanSession, standing

    plan = load_plans([shipped_plans_dir()]).plans["back-care"].plan
    start = PLAN_DAY - dt.timedelta(days=8)
    store.start_plan("back-care", start)
    done: list[PlanSession] = []
    for number in range(1, 10):
        day = start + dt.timedelta(days=number - 1)
        if number == 3:
            continue  # a missed day: the plan simply goes on
        items = standing(plan, start, day, done).items
        for index, item in enumerate(items[:1] if day == PLAN_DAY else items):
            began = dt.datetime.combine(day, dt.time(8 + 3 * index)).timestamp()  # local: the same day anywhere
            record = SessionRecord(
                item.routine_id, item.routine_id, began, began + 300, 300, 5, 0, Outcome.COMPLETED, 5, 4
            )
            session_id = store.add_session(record)
            if session_id is not None:
                store.set_rating(session_id, "about-right")
            done.append(PlanSession(item.routine_id, day, True, 5, 4, "about-right"))


@dataclass(frozen=True)
class Scene:
    """One picture of the app."""

    name: str
    size: tuple[int, int]
    setup: Setup
    environ: dict[str, str] = field(default_factory=dict)
    sixteen_colours: bool = False
    start_routine_id: str | None = None
    broken_file: bool = False
    history: str | None = None  # None (history off), "empty", "sessions", "months", "interrupted(-several)", "plan"
    today: dt.date | None = None  # the day the app counts by (None: the fake clock's day)
    screenshot: bool = False
    overrides: RunOverrides = field(
        default_factory=RunOverrides
    )  # the command line's flags for this run (`--floor`, `--remind`)
    touch: bool = False  # as in a browser (`unknot serve`): buttons for a finger

    def library(self, folder: Path) -> Library:
        """The shipped routines, the test fixtures and, for the problems scene, a broken file."""
        folders = [shipped_routines_dir(), FIXTURES / "routines"]
        if self.broken_file:
            broken = folder / "broken"
            broken.mkdir(exist_ok=True)
            (broken / "stretches.yaml").write_text("title: Broken\nsteps:\n  - {title: a, duration: forever}\n")
            (broken / "typo.yaml").write_text("title: Typo\nstep:\n  - {title: a, duration: 3}\n")
            folders.append(broken)
        library = load_library(folders)
        # Paths differ between machines; show them relative to where they were found.
        library.problems = [
            type(problem)(**{**problem.__dict__, "path": Path(problem.path.parent.name) / problem.path.name})
            for problem in library.problems
        ]
        return library

    def build(self, folder: Path) -> tuple[UnknotApp, FakeClock]:
        """Make the app for this scene, with its clock, in a private settings folder."""
        saved = {name: os.environ.get(name) for name in self.environ}
        for name, value in self.environ.items():
            os.environ[name] = value
        use_glyphs(glyphs_for(os.environ))  # this scene's terminal decides, whatever the last one chose
        history = seed_history(self.history, folder / "data") if self.history else None
        app, clock = build_app(
            folder,
            self.library(folder),
            history,
            app_class=SixteenColourApp if self.sixteen_colours else UnknotApp,
            start_routine_id=self.start_routine_id,
            overrides=self.overrides,
            touch=self.touch,
            today=self.today,
        )
        for name, before in saved.items():
            if before is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = before
        app.animation_level = "none"
        return app, clock


def keys(*presses: str, seconds: float = 0) -> Setup:
    """A setup that presses keys, then lets `seconds` pass on the fake clock."""

    async def run(pilot: Pilot[None], clock: FakeClock) -> None:
        still(pilot)
        await settle(pilot)
        for press in presses:
            await pilot.press(press)
            await settle(pilot)
        if seconds:
            await advance(pilot, clock, seconds)
        still(pilot)
        await pilot.pause()

    return run


def palette(query: str, routines: int) -> Setup:
    """A setup that opens the command palette and types `query`, waiting until `routines` hits show."""

    async def run(pilot: Pilot[None], clock: FakeClock) -> None:
        await pilot.press("ctrl+p")
        await pilot.pause()
        for char in query:
            await pilot.press(char)
        # The palette searches in the background: wait for every hit, the first one highlighted.
        await wait_until(
            pilot,
            lambda: (
                bool(pilot.app.screen.query(OptionList))
                and pilot.app.screen.query_one(OptionList).option_count >= routines
            ),
            f"{routines} hits in the palette",
        )
        await palette_offers(pilot, "Play: ")
        still(pilot)
        await pilot.pause()

    return run


def player_is_up(app: UnknotApp) -> bool:
    """Whether the player is on screen and started, or asking the pain question before it starts."""
    screen = app.screen
    return isinstance(screen, PainScreen) or (isinstance(screen, PlayerScreen) and screen.position is not None)


def break_due() -> Setup:
    """A setup that lets the break reminder's interval pass, so its prompt shows."""

    async def run(pilot: Pilot[None], clock: FakeClock) -> None:
        app = pilot.app
        assert isinstance(app, UnknotApp)
        reminder = app.controllers.reminders.reminder
        assert reminder is not None
        still(pilot)
        await settle(pilot)
        clock.advance(reminder.every)
        app.controllers.reminders.check()
        await settle(pilot)
        still(pilot)
        await pilot.pause()

    return run


def play(routine_id: str, seconds: float, *after: str) -> Setup:
    """A setup that plays a routine for `seconds` of fake time, then presses `after`."""

    async def run(pilot: Pilot[None], clock: FakeClock) -> None:
        app = pilot.app
        assert isinstance(app, UnknotApp)
        app.action_play(routine_id)
        await wait_until(pilot, lambda: player_is_up(app), f"the player on {routine_id}")
        if seconds:
            await advance(pilot, clock, seconds)
        for press in after:
            await pilot.press(press)
            await settle(pilot)
        await settle(pilot)

    return run


#: `--floor`: the player opens in the floor view.
FLOOR = RunOverrides(floor=True)

SCENES = [
    Scene("browser", (80, 24), keys("j", "j", "j"), screenshot=True),
    Scene("browser-large", (120, 40), keys("j", "j", "j")),
    Scene("browser-small", (40, 12), keys("j")),
    Scene("filter", (80, 24), keys("slash", *"foam")),
    Scene("problems", (80, 24), keys("e"), broken_file=True),
    Scene("get-ready", (80, 24), play("floor-stretches", 2)),
    Scene("hold", (80, 24), play("floor-stretches", 5 + 12.5), screenshot=True),
    Scene("hold-large", (120, 40), play("floor-stretches", 5 + 12.5), screenshot=True),
    Scene("paused", (80, 24), play("floor-stretches", 5 + 12.5, "space")),
    Scene("rest", (80, 24), play("floor-stretches", 5 + 30 + 3)),
    Scene("switch-sides", (80, 24), play("floor-stretches", 5 + 30 + 10 + 30 + 2)),
    Scene("second-side", (80, 24), play("floor-stretches", 5 + 30 + 10 + 30 + 5 + 4)),
    Scene("rep-phase", (80, 24), play("floor-stretches", 5 + 30 + 10 + 65 + 10 + 7.5), screenshot=True),
    Scene("until-done", (80, 24), play("foam-roller-back", 5 + 3)),
    Scene("final-seconds", (80, 24), play("quick-test", 2 + 1.5)),
    Scene("summary", (80, 24), play("quick-test", 40, "d")),
    Scene("help", (80, 24), play("floor-stretches", 1, "question_mark")),
    Scene("leave-confirm", (80, 24), play("floor-stretches", 8, "q")),
    Scene("command-palette", (80, 24), palette("play", routines=9)),
    Scene("pain-question", (80, 24), play("floor-stretches", 0), history="empty"),
    Scene("resume", (80, 24), keys(), history="interrupted"),
    Scene("resume-several", (80, 24), keys(), history="interrupted-several"),
    Scene("history", (80, 24), keys("h"), history="sessions", screenshot=True),
    Scene("history-empty", (80, 24), keys("h"), history="empty"),
    Scene("history-chart", (80, 24), keys("h"), history="months", screenshot=True),
    Scene("history-chart-large", (120, 40), keys("h"), history="months", screenshot=True),
    Scene("history-scrolled", (80, 24), keys("h", "pagedown"), history="months"),
    Scene("history-narrow", (40, 12), keys("h"), history="months"),
    Scene("history-chart-4-weeks-16-colours", (80, 24), keys("h", "w", "w"), history="months", sixteen_colours=True),
    Scene("history-chart-one-routine", (80, 24), keys("h", "a"), history="months"),
    Scene("history-chart-no-color", (80, 24), keys("h"), history="months", environ={"NO_COLOR": "1"}),
    Scene("history-chart-linux-console", (80, 24), keys("h", "w"), history="months", environ={"TERM": "linux"}),
    Scene("note", (80, 24), play("quick-test", 40, "d", "n", *"left side tighter today")),
    Scene("player-small", (40, 12), play("floor-stretches", 5 + 12.5)),
    Scene("player-medium", (60, 20), play("floor-stretches", 5 + 12.5)),
    Scene("player-16-colours", (80, 24), play("floor-stretches", 5 + 12.5), sixteen_colours=True),
    Scene("player-no-color", (80, 24), play("floor-stretches", 5 + 12.5), environ={"NO_COLOR": "1"}),
    Scene("player-linux-console", (80, 24), play("floor-stretches", 5 + 12.5), environ={"TERM": "linux"}),
    Scene("settings", (80, 24), keys("s", "down", "enter")),
    Scene("kit", (80, 24), keys("s", *["down"] * 5, "enter", "space", "down", "down", "space")),
    Scene(
        "break-reminder",
        (80, 24),
        break_due(),
        overrides=RunOverrides(remind_every="50m"),
        history="sessions",
        screenshot=True,
    ),
    Scene("floor", (80, 24), play("floor-stretches", 5 + 12.5), overrides=FLOOR, screenshot=True),
    Scene("floor-rep-phase", (120, 40), play("floor-stretches", 5 + 30 + 10 + 65 + 10 + 7.5), overrides=FLOOR),
    Scene(
        "floor-switch-sides", (200, 60), play("floor-stretches", 5 + 30 + 10 + 30 + 2), overrides=FLOOR, screenshot=True
    ),
    Scene("floor-final-seconds", (80, 24), play("quick-test", 2 + 1.5), overrides=FLOOR),
    # What to do, from the floor: the step's drawing by the clock, and in a rest the coming step.
    Scene("floor-drawing", (120, 40), play("floor-stretches", 5 + 12.5), overrides=FLOOR, screenshot=True),
    Scene("floor-rest", (120, 40), play("floor-stretches", 5 + 30 + 3), overrides=FLOOR),
    Scene("hold-huge", (200, 60), play("floor-stretches", 5 + 12.5)),
    # A phone in portrait beside the mat, served by `unknot serve`.
    Scene("served-phone", (40, 30), play("foam-roller-back", 5 + 3), overrides=FLOOR, touch=True, screenshot=True),
    Scene("served-pain-question", (40, 30), play("floor-stretches", 0), history="empty", touch=True),
    Scene("served-leave-confirm", (40, 30), play("floor-stretches", 8, "q"), overrides=FLOOR, touch=True),
    Scene("served-resume", (40, 30), keys(), history="interrupted-several", touch=True),
    # A plan followed: the browser opens on Today, the day's next session highlighted.
    Scene("today", (80, 24), keys(), history="plan", today=PLAN_DAY, screenshot=True),
    Scene("served-today", (40, 30), keys(), history="plan", today=PLAN_DAY, touch=True, screenshot=True),
]


def scene_named(name: str) -> Scene:
    """Return the scene called `name`."""
    return next(scene for scene in SCENES if scene.name == name)


async def render_scene(scene: Scene, folder: Path) -> str:
    """Run a scene headless and return its SVG."""
    app, clock = scene.build(folder)
    async with app.run_test(size=scene.size) as pilot:
        await pilot.pause()
        await scene.setup(pilot, clock)
        await pilot.pause()
        return app.export_screenshot(title=f"Unknot — {scene.name}")


def write_screenshots() -> list[Path]:
    """Write every scene marked `screenshot` to screenshots/NAME.svg, removing stale files."""
    SCREENSHOTS.mkdir(exist_ok=True)
    wanted = {scene.name for scene in SCENES if scene.screenshot}
    for stale in SCREENSHOTS.glob("*.svg"):
        if stale.stem not in wanted:
            stale.unlink()
    written = []
    for scene in SCENES:
        if scene.screenshot:
            with tempfile.TemporaryDirectory() as folder:
                svg = asyncio.run(render_scene(scene, Path(folder)))
            path = SCREENSHOTS / f"{scene.name}.svg"
            path.write_text(svg, encoding="utf-8")
            written.append(path)
    return written


if __name__ == "__main__":
    for path in write_screenshots():
        print(path.relative_to(REPO), file=sys.stdout)
