"""The footer, fitted to narrow terminals: whole keys only, the most important first."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer

#: Below this width the footer leaves out the command palette's key (ctrl+p still works; help lists it).
PALETTE_KEY_MIN_WIDTH = 60
#: How many refreshes to wait for the keys to be laid out before fitting with what is known.
MAX_LAYOUT_WAITS = 50


class KeyFooter(Footer):
    """Textual's footer showing only the keys that fit whole.

    On a narrow terminal it keeps the keys that matter most and leaves out the rest, rather than
    cutting one in half (`h Histor`). A screen may name its most important actions in
    `FOOTER_PRIORITY`; the others follow in the order the screen lists them. Shown keys keep
    their places.
    """

    def __init__(self) -> None:
        super().__init__()
        self._widths: WeakKeyDictionary[Widget, int] = WeakKeyDictionary()
        """Each key's width, measured while it was shown (keys are new widgets after each recompose)."""
        self._tries = 0
        self.fitted = False
        """Whether the keys on show now have been fitted to the width (tests wait for it)."""

    def compose(self) -> ComposeResult:
        """The keys the screen offers now; fitted once they are laid out."""
        yield from super().compose()
        self.fitted = False
        self._tries = 0  # new keys: a new budget of refreshes to wait for their layout
        self.call_after_refresh(self.fit_keys)

    def on_resize(self) -> None:
        """Fit again for the new width."""
        self.fit_keys()

    def fit_keys(self) -> None:
        """Show the keys that fit, in order, and the palette key where there is room for it."""
        if not self.is_attached:  # fitted after a refresh, the screen may be gone by then
            return
        keys = list(self.query("FooterKey"))
        for key in keys:
            if key.display and key.outer_size.width:
                self._widths[key] = key.outer_size.width
        if any(key not in self._widths for key in keys) and self._tries < MAX_LAYOUT_WAITS:
            # Not laid out yet (a screen under a dialog may be laid out late): measure after the next refresh.
            self._tries += 1
            self.call_after_refresh(self.fit_keys)
            return
        self._tries = 0
        for key in keys:
            if key not in self._widths:
                # Still not laid out (a busy machine): the width layout gives a key, from its text and spacing.
                self._widths[key] = (
                    key.get_content_width(self.size, self.app.size) + key.styles.gutter.width + key.styles.margin.width
                )
        room = self.size.width
        for key in keys:
            if key.has_class("-command-palette"):
                key.display = room >= PALETTE_KEY_MIN_WIDTH
                room -= self._widths.get(key, 0) if key.display else 0
        priority: tuple[str, ...] = getattr(self.screen, "FOOTER_PRIORITY", ())
        ordinary = [key for key in keys if not key.has_class("-command-palette")]

        def importance(key: Widget) -> int:
            action = str(getattr(key, "action", ""))
            return priority.index(action) if action in priority else len(priority)

        used = 0
        for key in sorted(ordinary, key=importance):  # a stable sort: the screen's order breaks ties
            used += self._widths.get(key, 0)
            key.display = used <= room
        self.fitted = True
