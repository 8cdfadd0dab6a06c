"""The settings screen: each preference on a line; Enter or → goes to the next value, ← back."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core.setting_choices import SettingRow, choose, setting_rows
from ...core.settings import Settings
from ..messages import SettingChosen
from .kit import KitScreen


def row_content(row: SettingRow, settings: Settings, label_width: int) -> Content:
    """Return one line: the label, then the value chosen (and a note when there is one)."""
    choice = row.shown(settings)
    parts: list[str | tuple[str, str]] = [(row.label.ljust(label_width + 2), "bold"), (choice.words, "$text-accent")]
    if row.note:
        parts.append((f"  ({row.note})", "dim"))
    return Content.assemble(*parts)


class SettingsScreen(ModalScreen[None]):
    """Change preferences; each change applies at once and is saved (the app does both, then this redraws).

    The values shown are those in force, command-line overrides included (`unknot --floor` shows
    the floor view on); choosing one saves it and outranks that flag.
    """

    HELP_TITLE = "Settings"

    BINDINGS = [
        # Enter reaches the list first (it selects a line): see on_option_list_option_selected.
        Binding("right,space", "change(1)", "Next value", id="settings.next_value", key_display="→"),
        Binding("left", "change(-1)", "Previous value", id="settings.previous_value", key_display="←"),
        Binding("escape,q", "close", "Close", id="settings.close"),
    ]

    def __init__(self, rows: list[SettingRow], settings: Settings) -> None:
        super().__init__()
        self.rows = rows
        self.settings = settings

    @classmethod
    def for_settings(
        cls, settings: Settings, themes: Sequence[str], voice_note: str = "", kit: Iterable[str] = ()
    ) -> SettingsScreen:
        """The screen with a row for every setting, showing `settings`; `themes` are the themes the app has.

        `voice_note` says which engine speaks, or why nothing here can reach the person's speakers;
        `kit` is the kit the routines name, offered beside the kit Unknot knows.
        """
        return cls(setting_rows(themes, settings, voice_note, kit), settings)

    def compose(self) -> ComposeResult:
        """Lay out the list of settings and the keys."""
        with Vertical(id="settings-dialog", classes="dialog"):
            yield Static("Settings", classes="dialog-title")
            yield OptionList(*self._options(), id="settings-list")
            yield Static("Enter / → next value · ← back · Esc to close", classes="dialog-hint")

    def _options(self) -> list[Option]:
        width = max(len(row.label) for row in self.rows)
        return [Option(row_content(row, self.settings, width), id=row.field) for row in self.rows]

    def on_mount(self) -> None:
        """Start on the first setting, and show each change the app applies."""
        self.query_one(OptionList).highlighted = 0
        self.watch(self.app, "settings", self.show_settings, init=False)

    def show_settings(self, settings: Settings) -> None:
        """Redraw the values for `settings` (the app's, after a change from here, a key or the palette)."""
        self.settings = settings
        options = self.query_one(OptionList)
        width = max(len(row.label) for row in self.rows)
        for index, row in enumerate(self.rows):
            options.replace_option_prompt_at_index(index, row_content(row, settings, width))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a line (or a click) goes to its next value."""
        event.stop()
        self.action_change(1)

    def action_change(self, step: int) -> None:
        """Move the highlighted setting to its next (or previous) value."""
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        row = self.rows[options.highlighted]
        if row.picks:
            self.app.push_screen(KitScreen(row.picks, getattr(self.settings, row.field)), self._kit_chosen)
            return
        # Shown at once (a second key press goes on from here); the app's answer redraws every row.
        self.settings = choose(self.settings, row, step)
        width = max(len(item.label) for item in self.rows)
        options.replace_option_prompt_at_index(options.highlighted, row_content(row, self.settings, width))
        self.post_message(SettingChosen(row.field, getattr(self.settings, row.field)))

    def _kit_chosen(self, owned: tuple[str, ...] | None) -> None:
        """Save the kit ticked (None: the checklist was left with Esc)."""
        if owned is not None:
            self.post_message(SettingChosen("equipment", owned))

    def action_close(self) -> None:
        """Close the screen."""
        self.dismiss(None)
