"""Which kit the person has: a checklist of the kit Unknot knows and any other the routines name."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core.setting_choices import Choice


class KitScreen(ModalScreen[tuple[str, ...] | None]):
    """Tick the kit one has; Enter keeps the ticks (a tuple of kit names), Esc changes nothing (None).

    Nothing ticked and Enter means "no kit at all": every routine needing some is then left out of
    "due" and the break reminder's suggestions (still listed, marked).
    """

    HELP_TITLE = "Kit you have"

    BINDINGS = [
        Binding("space,x", "tick", "Tick", id="kit.tick", key_display="space"),
        # Enter would choose a line in the list: here it keeps the ticks.
        Binding("enter", "keep", "Keep", id="kit.keep", priority=True),
        Binding("escape,q", "cancel", "Cancel", id="kit.cancel"),
    ]

    def __init__(self, picks: Sequence[Choice], owned: Sequence[str] | None) -> None:
        super().__init__()
        self.picks = picks
        # Before the person has said, every piece starts ticked: "not said" counts every routine.
        self.ticked = {str(pick.value) for pick in picks} if owned is None else set(owned)

    def compose(self) -> ComposeResult:
        """Lay out the checklist and the keys."""
        with Vertical(id="kit-dialog", classes="dialog"):
            yield Static("Kit you have", classes="dialog-title")
            yield OptionList(
                *(Option(self._line(index), id=str(pick.value)) for index, pick in enumerate(self.picks)), id="kit-list"
            )
            yield Static("Space tick · Enter keep · Esc cancel", classes="dialog-hint")

    def _line(self, index: int) -> Content:
        """One piece of kit with its box, `[x]` when ticked: readable without colour too (plain text:
        kit names come from routine files)."""
        pick = self.picks[index]
        return Content(f"[{'x' if str(pick.value) in self.ticked else ' '}] {pick.words}")

    def on_mount(self) -> None:
        """Start on the first piece of kit."""
        checklist = self.query_one(OptionList)
        checklist.highlighted = 0
        checklist.focus()

    def action_tick(self) -> None:
        """Tick the highlighted piece of kit, or untick it."""
        checklist = self.query_one(OptionList)
        index = checklist.highlighted
        if index is None:
            return
        self.ticked ^= {str(self.picks[index].value)}
        checklist.replace_option_prompt_at_index(index, self._line(index))

    def action_keep(self) -> None:
        """Close with the kit ticked, in the list's order."""
        self.dismiss(tuple(str(pick.value) for pick in self.picks if str(pick.value) in self.ticked))

    def action_cancel(self) -> None:
        """Close changing nothing."""
        self.dismiss(None)
