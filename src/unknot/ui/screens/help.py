"""Every key, read from the screens' own bindings, and the safety note."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ...core.routines.describe import SAFETY_NOTE

KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "space": "space",
    "right": "→",
    "left": "←",
    "plus": "+",
    "equals_sign": "=",
    "up": "↑",
    "down": "↓",
    "minus": "-",
    "escape": "Esc",
    "enter": "Enter",
    "ctrl+p": "ctrl+p",
}


def key_names(binding: Binding) -> str:
    """Return every key of a binding as people write them: `n / →`."""
    return " / ".join(KEY_NAMES.get(key.strip(), key.strip()) for key in binding.key.split(","))


def keys_content(sections: Iterable[tuple[str, Iterable[BindingType]]]) -> Content:
    """Return a keys table: a heading per section and one line per binding."""
    parts: list[str | tuple[str, str]] = []
    for title, bindings in sections:
        parts += [(title, "bold $text-accent"), "\n"]
        for binding in bindings:
            if isinstance(binding, Binding):
                parts += [(f"  {key_names(binding):<14}", "bold"), binding.description, "\n"]
        parts.append("\n")
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    """The keys of every screen and the safety note; Esc, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help.close")]

    def __init__(self, sections: list[tuple[str, Iterable[BindingType]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        """Lay out the keys and the note."""
        with Vertical(id="help-dialog", classes="dialog"):
            yield Static("Unknot · keys", classes="dialog-title")
            with VerticalScroll():
                yield Static(keys_content(self.sections), id="help-keys")
                yield Static(Content.assemble(("Safety", "bold $text-warning"), "\n", SAFETY_NOTE), id="help-safety")
            yield Static("Esc to close · ctrl+p for commands", classes="dialog-hint")
