"""How the back feels, on the 0–10 scale people know from clinics: digits or arrows, then Enter."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.events import Key
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

#: What the ends and the middle of the scale mean, shown under it.
SCALE_WORDS = "0 no pain · 5 moderate · 10 worst pain you can imagine"


def scale_content(value: int | None) -> Content:
    """Return the numbers 0 to 10 with the chosen one stood out, and the words under them."""
    parts: list[str | tuple[str, str]] = []
    for number in range(11):
        text = f" {number} "
        parts.append((f"[{number}]", "bold reverse") if number == value else text)
    return Content.assemble(*parts, "\n", (SCALE_WORDS, "dim"))


class PainScale(Widget, can_focus=True):
    """Choose 0–10: a digit picks it (1 then 0 makes 10), ←/→ move, Enter answers, Esc skips."""

    DEFAULT_CSS = """
    PainScale {
        height: 2;
        width: auto;
    }
    """

    BINDINGS = [
        Binding("left", "move(-1)", "Less", id="pain.less"),
        Binding("right", "move(1)", "More", id="pain.more"),
        Binding("enter", "answer", "Answer", id="pain.answer"),
        Binding("escape", "skip", "Skip", id="pain.skip"),
    ]

    value: reactive[int | None] = reactive(None)
    """The rating chosen so far (None: nothing yet)."""

    @dataclass
    class Answered(Message):
        """The person answered (a rating) or skipped (None)."""

        value: int | None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._last_digit = ""

    def render(self) -> Content:
        """Draw the scale."""
        return scale_content(self.value)

    def on_key(self, event: Key) -> None:
        """A digit chooses; `0` right after `1` means 10."""
        if event.character is None or not event.character.isdigit() or len(event.character) != 1:
            return
        event.stop()
        digit = event.character
        self.value = 10 if digit == "0" and self._last_digit == "1" else int(digit)
        self._last_digit = "" if self.value == 10 else digit

    def action_move(self, step: int) -> None:
        """Move the choice along the scale."""
        self._last_digit = ""
        start = 5 if self.value is None else self.value
        self.value = max(0, min(10, start + (step if self.value is not None else 0)))

    def action_answer(self) -> None:
        """Answer with the choice (Enter with nothing chosen skips)."""
        self.post_message(self.Answered(self.value))

    def action_skip(self) -> None:
        """Skip the question."""
        self.post_message(self.Answered(None))
