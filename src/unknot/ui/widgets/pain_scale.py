"""How the back feels, on the 0–10 scale people know from clinics: digits or arrows, then Enter.

For a finger (a phone or tablet, served) the numbers are buttons in two rows, 0–5 and 6–10, each
three rows tall and a sixth of the width, a cell apart: on a phone 390 px wide at the page's 16 px
font (41 columns of 9.5 x 21 px), about 48 x 63 px each, 57 px apart, where the numbers of the
one-line scale were 28 px apart (tests/browser measures it).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.content import Content
from textual.events import Click, Key
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Button, Static

#: What the ends and the middle of the scale mean, shown under it.
SCALE_WORDS = ("0 no pain", "5 moderate", "10 worst pain you can imagine")
#: The scale spaced out (" 0  1 … 10 ") needs this many columns; below it, one space apart.
WIDE_SCALE = 34


def scale_content(value: int | None, width: int = WIDE_SCALE + 40) -> Content:
    """Return the numbers 0 to 10 with the chosen one stood out, and the words under them.

    Narrower than the spaced-out scale, the numbers close up and the words take a line each.
    """
    parts: list[str | tuple[str, str]] = []
    wide = width >= WIDE_SCALE
    for number in range(11):
        if wide:
            parts.append((f"[{number}]", "bold reverse") if number == value else f" {number} ")
        else:
            parts.append(" " if number else "")
            parts.append((str(number), "bold reverse") if number == value else str(number))
    for line in scale_words(width):
        parts += ["\n", (line, "dim")]
    return Content.assemble(*parts)


def scale_words(width: int) -> list[str]:
    """Return the words under the scale: on one line where it fits, else a line each."""
    words = " · ".join(SCALE_WORDS)
    return [words] if len(words) <= width else list(SCALE_WORDS)


def number_at(x: int, width: int) -> int | None:
    """Return the number drawn at column `x` of the scale's first line, or None between numbers."""
    for number in range(11):
        if width >= WIDE_SCALE:
            start, end = 3 * number, 3 * number + (4 if number == 10 else 3)
        else:
            start = 2 * number
            end = start + len(str(number))
        if start <= x < end:
            return number
    return None


class PainScale(Widget, can_focus=True):
    """Choose 0–10: a digit picks it (1 then 0 makes 10), ←/→ move, Enter answers, Esc skips."""

    DEFAULT_CSS = """
    PainScale {
        height: auto;
        width: 100%;
    }
    PainScale > #pain-numbers {
        grid-size: 6 2;
        grid-columns: 1fr;
        grid-rows: 3;
        grid-gutter: 1 1;
        height: auto;
        margin-bottom: 1;
    }
    PainScale > #pain-numbers > Button {
        width: 1fr;
        min-width: 4;
        height: 3;
        background: $panel;
        text-style: bold;
    }
    PainScale > #pain-words {
        color: $text-muted;
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

    def __init__(self, *, touch: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.touch = touch
        """Whether the numbers are tapped with a finger (buttons in two rows)."""
        self._last_digit = ""

    def compose(self) -> ComposeResult:
        """For a finger, a button for each number (0–5, then 6–10) and the words under them."""
        if not self.touch:
            return
        with Grid(id="pain-numbers"):
            for number in range(11):
                button = Button(str(number), id=f"pain-{number}")
                # The scale keeps the focus, so digits, arrows and Enter work as in a terminal.
                button.can_focus = False
                yield button
        yield Static("\n".join(SCALE_WORDS), id="pain-words", markup=False)

    def render(self) -> Content:
        """Draw the scale for the width there is (for a finger, the buttons draw it)."""
        if self.touch:
            return Content("")
        return scale_content(self.value, self.size.width or WIDE_SCALE + 40)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many lines as the scale takes at this width."""
        if self.touch:
            return super().get_content_height(container, viewport, width)
        return len(scale_content(self.value, width).plain.split("\n"))

    def watch_value(self, value: int | None) -> None:
        """For a finger, the chosen number's button stands out."""
        for button in self.query("#pain-numbers Button").results(Button):
            button.variant = "primary" if button.id == f"pain-{value}" else "default"

    @on(Button.Pressed)
    def _tapped(self, event: Button.Pressed) -> None:
        """A tap on a number answers with it."""
        event.stop()
        number = int((event.button.id or "").removeprefix("pain-"))
        self.value = number
        self.post_message(self.Answered(number))

    def on_key(self, event: Key) -> None:
        """A digit chooses; `0` right after `1` means 10."""
        if event.character is None or not event.character.isdigit() or len(event.character) != 1:
            return
        event.stop()
        digit = event.character
        self.value = 10 if digit == "0" and self._last_digit == "1" else int(digit)
        self._last_digit = "" if self.value == 10 else digit

    def on_click(self, event: Click) -> None:
        """A click on a number answers with it (for a finger, the buttons answer)."""
        if self.touch:
            return
        number = number_at(event.x, self.size.width or WIDE_SCALE + 40) if event.y == 0 else None
        if number is not None:
            event.stop()
            self.value = number
            self.post_message(self.Answered(number))

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
