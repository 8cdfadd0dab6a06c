"""Every key, read from the screens' own bindings, and the safety note."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ...core.routines.describe import SAFETY_NOTE
from ...core.settings import Settings

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


def own_bindings(owner: type[object]) -> list[Binding]:
    """Return the bindings a class declares itself (not those it inherits), as Binding objects."""
    declared = vars(owner).get("BINDINGS", [])
    return [binding for binding in declared if isinstance(binding, Binding)]


def help_bindings(screen: type[object]) -> list[Binding]:
    """Return the keys of a screen: those of the widgets it names in HELP_WIDGETS, then its own.

    A key offered twice with the same words (Enter to start, in the list and in the filter) shows once.
    """
    found: list[Binding] = []
    seen: set[tuple[str, str]] = set()
    for owner in (*getattr(screen, "HELP_WIDGETS", ()), screen):
        for binding in own_bindings(owner):
            if binding.description and (binding.key, binding.description) not in seen:
                seen.add((binding.key, binding.description))
                found.append(binding)
    return found


def help_sections_for(current: type[object], app: type[object]) -> list[tuple[str, list[Binding]]]:
    """Return the help's sections: the keys of the screen in front first, the others in their usual order, then
    the keys that work everywhere (`app`'s)."""
    from .browser import BrowserScreen
    from .history import HistoryScreen
    from .player import PlayerScreen
    from .settings import SettingsScreen

    screens: list[type[object]] = [BrowserScreen, PlayerScreen, HistoryScreen, SettingsScreen]
    if current in screens:
        screens.remove(current)
        screens.insert(0, current)
    return help_sections([*screens, app])


def help_sections(screens: Iterable[type[object]]) -> list[tuple[str, list[Binding]]]:
    """Return a titled section of keys for each screen (its HELP_TITLE), read from the bindings."""
    return [(getattr(screen, "HELP_TITLE", screen.__name__), help_bindings(screen)) for screen in screens]


def keys_content(sections: Iterable[tuple[str, Iterable[Binding]]]) -> Content:
    """Return a keys table: a heading per section and one line per binding."""
    parts: list[str | tuple[str, str]] = []
    for title, bindings in sections:
        parts += [(title, "bold $text-accent"), "\n"]
        for binding in bindings:
            parts += [(f"  {key_names(binding):<14}", "bold"), binding.tooltip or binding.description, "\n"]
        parts.append("\n")
    return Content.assemble(*parts)


def settings_now(settings: Settings, notifications_in_use: str) -> str:
    """How things are set now, for the top of the help: bell, floor view, notifications (set and in use)."""
    floor = "on" if settings.floor else "off"
    return (
        f"  Bell {settings.bell.value} · floor view {floor} (f) · notifications "
        f"{notifications_in_use} (set {settings.notify.value})\n"
        "  Change them in Settings: s in the routine list, or ctrl+p"
    )


TROUBLE_NOTE = (
    "No notification, no sound, history off? Run `unknot doctor` in a shell: it says what is wrong and what "
    "to do (docs/troubleshooting.md)."
)
"""Where to turn when something does not work."""


class HelpScreen(ModalScreen[None]):
    """The keys of every screen and the safety note; Esc, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help.close")]

    def __init__(self, sections: list[tuple[str, list[Binding]]], now: str = "") -> None:
        super().__init__()
        self.sections = sections
        self.now = now
        """How things are set now (bell, floor view, notifications), shown above the keys."""

    @classmethod
    def for_screen(cls, current: type[object], app: type[object], settings: Settings, in_use: str) -> HelpScreen:
        """The help for the screen in front (its keys first), with `settings` and the notifications `in_use`."""
        return cls(help_sections_for(current, app), settings_now(settings, in_use))

    def compose(self) -> ComposeResult:
        """Lay out the keys and the note."""
        with Vertical(id="help-dialog", classes="dialog"):
            yield Static("Unknot · keys", classes="dialog-title")
            with VerticalScroll():
                if self.now:
                    yield Static(Content.assemble(("Now", "bold $text-accent"), "\n", self.now), id="help-now")
                yield Static(keys_content(self.sections), id="help-keys")
                trouble = Content.assemble(("Not working?", "bold $text-accent"), "\n", TROUBLE_NOTE)
                yield Static(trouble, id="help-trouble")
                yield Static(Content.assemble(("Safety", "bold $text-warning"), "\n", SAFETY_NOTE), id="help-safety")
            yield Static("Esc to close · ctrl+p for commands", classes="dialog-hint")
