"""Words in large letters over a few lines, broken at whole words: the floor view's step title.

Unlike `BigText` (a clock that repaints a digit at a time), these words change only with the step,
so one widget draws every line. Words that do not fit in large letters show as plain bold text,
wrapped at whole words as the cue's fallback is.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from ..big_font import big_lines, draw


class BigWords(Widget):
    """Draws `text` in large letters on at most `most_lines` lines, else as plain bold text."""

    DEFAULT_CSS = """
    BigWords {
        width: 1fr;
        height: auto;
        text-align: center;
    }
    BigWords.-plain {
        text-style: bold;
    }
    """

    text: reactive[str] = reactive("", layout=True)
    """What is shown."""
    most_lines: reactive[int] = reactive(1, layout=True)
    """How many lines of large letters it may take (0: always plain text)."""
    largest: reactive[int] = reactive(1, layout=True)
    """The largest scale to use, however much room there is."""

    def _rows(self, width: int) -> list[str] | None:
        """The rows of large letters at `width`, or None when the words show as plain text."""
        scale, lines = big_lines(self.text, width, self.most_lines, self.largest)
        if scale == 0:
            return None
        return [row for line in lines for row in draw(line, scale)]

    def render(self) -> Content:
        """The large rows, or the plain words (never markup: a routine's titles are untrusted text)."""
        rows = self._rows(self.size.width)
        self.set_class(rows is None, "-plain")
        return Content(self.text if rows is None else "\n".join(rows))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many rows as the large letters take at this width, or the plain words wrapped."""
        rows = self._rows(width)
        if rows is not None:
            return len(rows)
        return len(Content(self.text).wrap(width)) if self.text and width > 0 else 1
