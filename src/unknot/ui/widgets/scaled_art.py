"""A step's ASCII drawing, drawn as large as the room allows by whole cells (like the big digits).

Each character is repeated 2 or 3 times across and each line 2 or 3 times down, so the drawing
keeps its shape at any scale. The scale is planned for `box` (the step's largest frame), so it
holds steady while the frames of a movement take turns.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from ...core.routines.diagrams import art_size, scale_art, without_margin


class ScaledArt(Widget):
    """Draws `art` at the largest whole scale (up to `largest`) at which `box` fits the widget."""

    DEFAULT_CSS = """
    ScaledArt {
        width: 1fr;
        height: auto;
    }
    """

    art: reactive[str] = reactive("")
    """The drawing (already cleaned: routine text never carries control characters)."""
    box: reactive[tuple[int, int]] = reactive((0, 0), layout=True)
    """The columns and rows to plan the scale for (0, 0: the art's own size)."""
    largest: reactive[int] = reactive(3, layout=True)
    """The largest scale to use, however much room there is."""

    def __init__(self, *, share: float = 1.0, id: str | None = None) -> None:
        super().__init__(id=id)
        self.share = share
        """The most of its container's height the drawing grows to when its height is auto."""
        self._drawn: tuple[tuple[str, int, bool], list[str]] = (("", 0, False), [])

    def watch_art(self, art: str) -> None:
        """A drawing larger than the box it was planned for needs a new layout (frames within it do not)."""
        columns, rows = art_size(without_margin(art))
        if columns > self.box[0] or rows > self.box[1]:
            self._keep_whole()
            self.refresh(layout=True)

    def watch_box(self) -> None:
        """A new box: the drawing's least height changes with it."""
        self._keep_whole()

    def _keep_whole(self) -> None:
        # Given the rest of a pane (height: 1fr), the drawing still keeps its own rows when the words
        # above it leave fewer (the pane scrolls), as a height of auto would.
        self.styles.min_height = self._box()[1]

    @property
    def centred(self) -> bool:
        """Whether the drawing sits in the middle of the widget's width (`text-align: center` in the
        stylesheet), else at its left."""
        return self.styles.text_align == "center"

    def _lines(self, scale: int) -> list[str]:
        """The drawing's rows at `scale`, made once per drawing and scale (each row asks for them)."""
        key = (self.art, scale, self.centred)
        if self._drawn[0] != key:
            # At its own size, at the left, the drawing keeps its left margin, as written.
            art = self.art.lstrip("\n") if scale == 1 and not self.centred else without_margin(self.art)
            self._drawn = (key, scale_art(art, scale).split("\n") if art else [])
        return self._drawn[1]

    def _box(self) -> tuple[int, int]:
        columns, rows = art_size(without_margin(self.art))
        return (max(columns, self.box[0]), max(rows, self.box[1]))

    @property
    def scale(self) -> int:
        """The scale in use: the largest whole one at which the box fits (at least 1)."""
        columns, rows = self._box()
        width, height = self.size
        fits = [k for k in range(self.largest, 1, -1) if k * columns <= width and k * rows <= height]
        return fits[0] if fits else 1

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """As wide as the box at the largest scale (used when the width is auto)."""
        return self._box()[0] * self.largest

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As tall as the box at the largest scale that fits `width` and its share of the container's
        height (used when the height is auto)."""
        columns, rows = self._box()
        room = self.share * container.height
        fits = [k for k in range(self.largest, 1, -1) if k * columns <= width and k * rows <= room]
        return rows * (fits[0] if fits else 1)

    def render_line(self, y: int) -> Strip:
        """One row of the drawing at its scale, in the middle of its rows (and of its width when centred)."""
        style = self.rich_style
        width, height = self.size
        scale = self.scale
        lines = self._lines(scale)
        box_columns, box_rows = (side * scale for side in self._box())
        # In the middle of the rows it is given (as many as it takes when its height is auto).
        left = max(0, (width - box_columns) // 2) if self.centred else 0
        top = max(0, (height - box_rows) // 2)
        # A shorter frame sits at the bottom of the box: the floor line of every frame stays put.
        top += max(0, box_rows - len(lines))
        row = y - top
        if not 0 <= row < len(lines):
            return Strip.blank(width, style)
        return Strip([Segment(" " * left + lines[row], style)]).adjust_cell_length(width, style)
