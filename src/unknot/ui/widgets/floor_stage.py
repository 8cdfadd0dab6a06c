"""The floor view's middle: the big clock, and the step's drawing beside or under it where it fits.

The clock comes first: the drawing shows only where the clock keeps two thirds of the scale it
would have alone and two fifths of the screen's height (or all it would have alone, when that is
less), and then as large as that allows (up to three times its size). Beside is chosen over under
when both give the same sizes: most screens are wider than they are tall.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Container
from textual.reactive import var

from ..big_font import cell_height, fitting_scale
from .big_text import BigText
from .scaled_art import ScaledArt

#: Columns between the clock and a drawing beside it; rows above a drawing under it.
GAP_BESIDE = 2
GAP_UNDER = 1
#: The share of the screen's rows the clock keeps when a drawing shows (where it could have them alone).
CLOCK_SHARE = 0.4
#: The drawing is drawn at most this many times its size.
LARGEST_ART = 3


@dataclass(frozen=True)
class Arrangement:
    """Where the drawing goes (`beside`, `under` or `none`), its scale and the clock's."""

    place: str
    art_scale: int
    clock_scale: int


def arrange(columns: int, rows: int, clock_template: str, art_box: tuple[int, int], clock_rows: int = 0) -> Arrangement:
    """Return where the drawing of `art_box` (columns, rows) goes in `columns` x `rows` beside a clock
    as wide as `clock_template` that must keep `clock_rows` rows, and at which scales."""
    alone = fitting_scale(clock_template, columns, rows)
    art_columns, art_rows = art_box
    if alone == 0 or art_columns == 0 or art_rows == 0:
        return Arrangement("none", 0, alone)
    tall_enough = next((scale for scale in range(1, alone + 1) if cell_height(scale) >= clock_rows), alone)
    least = min(alone, max(1, math.ceil(2 * alone / 3), tall_enough))
    best = Arrangement("none", 0, alone)
    for scale in range(1, LARGEST_ART + 1):
        width, height = art_columns * scale, art_rows * scale
        candidates = []
        if height <= rows:
            candidates.append(("beside", fitting_scale(clock_template, columns - width - GAP_BESIDE, rows)))
        if width <= columns:
            candidates.append(("under", fitting_scale(clock_template, columns, rows - height - GAP_UNDER)))
        for place, clock_scale in candidates:
            if clock_scale >= least and (scale, clock_scale) > (best.art_scale, best.clock_scale):
                best = Arrangement(place, scale, clock_scale)
    return best


class FloorStage(Container):
    """Lays out the clock and the drawing as `arrange` says, again whenever its size or content changes."""

    template: var[str] = var("0:00")
    """The widest clock text of the segment (the clock's `template`)."""
    art_box: var[tuple[int, int]] = var((0, 0))
    """The size of the step's drawing, every frame included."""

    def compose(self) -> ComposeResult:
        """The clock, then the drawing."""
        yield BigText(id="floor-clock")
        yield ScaledArt(id="floor-art")

    def on_resize(self) -> None:
        """A new size may move the drawing."""
        self._arrange()

    def watch_template(self) -> None:
        """A longer clock may move the drawing."""
        self._arrange()

    def watch_art_box(self) -> None:
        """Another drawing may go elsewhere."""
        self._arrange()

    def _arrange(self) -> None:
        if not self.is_attached:
            return
        width, height = self.content_size
        clock_rows = math.ceil(CLOCK_SHARE * self.screen.size.height)
        arrangement = arrange(width, height, self.template, self.art_box, clock_rows)
        self.set_class(arrangement.place == "beside", "-beside")
        self.set_class(arrangement.place == "under", "-under")
        art = self.query_one(ScaledArt)
        art.box = self.art_box
        art.largest = max(1, arrangement.art_scale)
