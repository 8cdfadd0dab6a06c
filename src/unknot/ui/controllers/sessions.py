"""Playing routines: the question before one at its limit, the player, the summary after, and resume offers.

The app hands in what this needs (its screens, history, the clock, the page) and the state it
reads; this posts `SessionStarted` and `SessionClosed` so the app can keep the rest in step.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.app import App

from ..messages import AppState, SessionClosed, SessionStarted
from .services import Services

if TYPE_CHECKING:
    from ...core.history.recorder import SessionRecorder
    from ...core.history.resume import ResumeOffer
    from ...core.history.store import Checkpoint, HistoryStore
    from ...core.library.library import LibraryEntry
    from ...core.session.ticker import Sleep
    from ..screens.player import PlayerScreen

#: What runs after a session's summary (a plan's question): given the recorder and what to do next.
AfterSession = Callable[["SessionRecorder", Callable[[], None]], None]

#: The browser tab's name when no session plays.
PAGE_TITLE = "Unknot"


@dataclass(frozen=True)
class SessionPlan:
    """How this run plays sessions, as the command line asked."""

    start_routine_id: str | None = None
    """Play this routine at once (`unknot play`); leaving it leaves the app."""
    exit_after_session: bool = False
    """Leave the app when the session ends (`unknot play`, `unknot resume`)."""
    touch: bool = False
    """Screens show buttons for a finger (in a browser)."""
    sleep: Sleep | None = None
    """How the session ticker waits (tests pass one that never wakes by itself)."""


class SessionFlow:
    """Starts sessions, offers interrupted ones, and decides what follows a session."""

    def __init__(
        self,
        app: App[Any],
        state: AppState,
        services: Services,
        plan: SessionPlan,
        refresh_due: Callable[[], Awaitable[None]],
    ) -> None:
        self._app = app
        self._state = state
        self._history = services.history
        self._clock = services.clock
        self._terminal = services.terminal
        self._say = services.say
        self.plan = plan
        self._refresh_due = refresh_due
        self._after: AfterSession | None = None

    def open_soon(self, *, at_once: bool) -> None:
        """Open history on its own thread just after the first frame, or `at_once` when a session waits."""
        if at_once:
            self._app.run_worker(self.open(), group="history")
        else:
            self._app.call_after_refresh(lambda: self._app.run_worker(self.open(), group="history"))

    async def open(self) -> None:
        """At start: say what history reported, read the standings, then offer an interrupted session
        or start the routine asked for."""
        if self._history is not None:
            said = await self._history.ask(lambda store: (store.notice, store.problem))
            for problem in said:
                if problem:
                    self._say(f"{problem[:1].upper()}{problem[1:]}.", "warning", 10)
        await self._refresh_due()
        # `unknot play ID` plays ID: a session waiting to be resumed stays in history, offered next time.
        if self._history is None or self.plan.start_routine_id is not None or not await self.offer_resumes():
            self._after_resume_declined()

    def _after_resume_declined(self) -> None:
        """Nothing (more) to resume: start the routine asked for, leave (`unknot resume`), or stay."""
        if self.plan.start_routine_id is not None:
            self.request(self.plan.start_routine_id)
        elif self.plan.exit_after_session:
            self._app.exit()

    async def offer_resumes(self) -> bool:
        """Offer the interrupted sessions together, newest first, until one is resumed or none is left;
        return whether one was.

        Resuming opens the player where the session stopped. "Not now" leaves them all to be offered
        next time. Discarding one asks first, keeps it in history as interrupted and offers the rest.
        """
        from ...core.history.resume import find_resumable
        from ..screens.confirm import ConfirmDiscardScreen
        from ..screens.resume import LATER, RESUME, ResumeScreen

        if self._history is None:
            return False
        routines, clock = self._state.library.routines, self._clock
        while True:
            search = await self._history.ask(lambda store: find_resumable(store, routines, clock))
            for notice in search.notices:
                self._say(notice, "warning", 10)
            if not search.offers:
                return False
            choice, index = await self._app.push_screen_wait(ResumeScreen(search.offers, touch=self.plan.touch))
            offer = search.offers[index]
            if choice == RESUME:
                self.play(offer.entry, resumed=offer)
                return True
            if choice == LATER or not await self._app.push_screen_wait(
                ConfirmDiscardScreen(offer.checkpoint.title, touch=self.plan.touch)
            ):
                if len(search.offers) == 1:
                    self._say(f"{offer.checkpoint.title} is kept: `unknot resume` or the next start offers it again.")
                else:
                    count = len(search.offers)
                    self._say(
                        f"{count} cut-off sessions are kept: `unknot resume` or the next start offers them again."
                    )
                return False

            def discard(store: HistoryStore, checkpoint: Checkpoint = offer.checkpoint) -> None:
                store.discard_checkpoint(checkpoint)

            await self._history.ask(discard)
            self._say(f"Discarded; {offer.checkpoint.title} is in history as interrupted.")

    def request(self, routine_id: str) -> None:
        """Open the player on a routine; one at its limit for the day or week asks first."""
        entry = self._state.library.routines.get(routine_id)
        if entry is None:
            self._say(f"No routine with the id {routine_id!r}", "error")
            return
        self.request_entry(entry)

    def request_entry(self, entry: LibraryEntry, then: AfterSession | None = None) -> None:
        """Open the player on `entry` (asking first at its limit); `then` runs between the summary and what follows."""
        from ...core.standings import limit_question
        from ..screens.confirm import ConfirmStartScreen

        row = self._state.due.get(entry.id)
        question = limit_question(row) if row is not None else None
        if question is None:
            self.play(entry, then=then)
            return

        def answered(start: bool | None) -> None:
            if start:
                self.play(entry, then=then)
            elif self.plan.exit_after_session:
                self._app.exit()

        self._app.push_screen(ConfirmStartScreen(question, touch=self.plan.touch), answered)

    def play(self, entry: LibraryEntry, resumed: ResumeOffer | None = None, then: AfterSession | None = None) -> None:
        """Open the player on `entry`, new or carrying on an interrupted session; `then` follows its summary."""
        from ...core.history.recorder import SessionRecorder
        from ...core.session.player import Player
        from ..screens.player import PlayerScreen

        self._after = then
        if resumed is not None:
            player = resumed.player
            recorder = SessionRecorder.resuming(self._history, player, self._clock, resumed.checkpoint)
        else:
            player = Player(entry.timeline, self._clock)
            recorder = SessionRecorder(self._history, player, self._clock)
        self._app.post_message(SessionStarted(entry.id))
        settings = self._state.settings
        ask_pain = settings.ask_pain and resumed is None and recorder.keeps_history
        screen = PlayerScreen(
            entry, player, recorder, self.plan.sleep, ask_pain=ask_pain, floor=settings.floor, touch=self.plan.touch
        )
        self._app.push_screen(screen)
        self._send_title(f"{entry.routine.title} · {PAGE_TITLE}")

    def ended(self, message: PlayerScreen.SessionEnded) -> None:
        """After a session, finished or left: the summary (with the pain question); then back, again or out."""
        from ..screens.summary import SummaryScreen

        self._app.pop_screen()
        self._send_title(PAGE_TITLE)
        self._app.post_message(SessionClosed())

        after, self._after = self._after, None

        def go_on(choice: str | None) -> None:
            if choice == "repeat":
                self.request(message.entry.id)
            elif choice == "quit" or self.plan.exit_after_session:
                self._app.exit()

        def chosen(choice: str | None) -> None:
            from ...core.session.events import REACHED_THE_END

            if after is not None and message.record.outcome in REACHED_THE_END:
                after(message.recorder, lambda: go_on(choice))
            else:
                go_on(choice)

        ask_pain = self._state.settings.ask_pain
        self._app.push_screen(
            SummaryScreen(message.record, message.recorder, ask_pain=ask_pain, touch=self.plan.touch), chosen
        )

    def save_places(self) -> None:
        """Checkpoint every session under way at once (the app is being told to stop)."""
        from ..screens.player import PlayerScreen

        for screen in self._app.screen_stack:
            if isinstance(screen, PlayerScreen):
                screen.recorder.checkpoint(force=True)

    def _send_title(self, title: str) -> None:
        from ...core.page_messages import title_meta

        self._terminal.send_to_page(title_meta(title))
