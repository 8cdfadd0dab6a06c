"""Which kit the person has: a checklist of the kit Unknot knows and any other the routines name."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static

from ...core.setting_choices import Choice


class KitScreen(ModalScreen[tuple[str, ...] | None]):
    """Tick the kit one has; Enter keeps the ticks (a tuple of kit names), Esc changes nothing (None).

    Nothing ticked and Enter means "no kit at all": every routine needing some is then left out of
    "due" and the break reminder's suggestions (still listed, marked).
    """

    HELP_TITLE = "Kit you have"

    BINDINGS = [
        # Enter would tick in the list: here it keeps the ticks (Space ticks).
        Binding("enter", "keep", "Keep", id="kit.keep", priority=True),
        Binding("escape,q", "cancel", "Cancel", id="kit.cancel"),
    ]

    def __init__(self, picks: Sequence[Choice], owned: Sequence[str] | None) -> None:
        super().__init__()
        self.picks = picks
        # Before the person has said, every piece starts ticked: "not said" counts every routine.
        self.owned = [str(pick.value) for pick in picks] if owned is None else list(owned)

    def compose(self) -> ComposeResult:
        """Lay out the checklist and the keys."""
        with Vertical(id="kit-dialog", classes="dialog"):
            yield Static("Kit you have", classes="dialog-title")
            yield SelectionList[str](
                *((pick.words, str(pick.value), str(pick.value) in self.owned) for pick in self.picks), id="kit-list"
            )
            yield Static("Space tick · Enter keep · Esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        """Start on the first piece of kit."""
        checklist = self.query_one(SelectionList)
        checklist.highlighted = 0
        checklist.focus()

    def action_keep(self) -> None:
        """Close with the kit ticked, in the list's order."""
        ticked = set(self.query_one(SelectionList).selected)
        self.dismiss(tuple(str(pick.value) for pick in self.picks if str(pick.value) in ticked))

    def action_cancel(self) -> None:
        """Close changing nothing."""
        self.dismiss(None)
