"""Today: the followed plan's sessions for the day at the top of the browser, the next one highlighted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:  # the plan modules load once a plan is shown, never before the first frame
    from ...core.plans.today import Today


class TodayList(OptionList):
    """The day's sessions in order; Enter (or a tap) on one posts `ItemChosen`."""

    BINDINGS = [Binding("enter", "select", "Start", id="today.start")]
    """OptionList's own Enter, shown in the footer: what it does here is play the highlighted session."""

    @dataclass
    class ItemChosen(Message):
        """The person chose a session of the plan's day."""

        routine_id: str

    def show(self, today: Today | None) -> None:
        """Show the day (or nothing, without a plan), with the next session highlighted."""
        from ...core.plans.today import item_line

        self.clear_options()
        self.set_class(today is None, "-empty")
        if today is None:
            return
        phase = today.plan.phases[today.standing.phase].title
        lines = [f"Today · {today.heading} · {phase}"]
        where = today.standing
        if where.held and where.reason:
            lines.append(f"Held: {where.reason}")
        if where.missed:
            lines.append(f"{where.missed} day{'s' if where.missed != 1 else ''} missed; the plan simply goes on")
        if where.started and not where.finished and where.rest:
            lines.append("A rest day." + (f" {where.note}" if where.note else ""))
        options = [Option(Content(line), disabled=True) for line in lines]
        next_item = today.next_item
        highlight = None
        for index, item in enumerate(today.items):
            playable = not item.done and not item.missing and not item.at_limit
            if item is next_item:
                highlight = len(options)
            options.append(Option(Content(item_line(item)), id=f"{index}:{item.routine_id}", disabled=not playable))
        self.add_options(options)
        self.highlighted = highlight

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.ItemChosen(event.option.id.split(":", 1)[1]))
