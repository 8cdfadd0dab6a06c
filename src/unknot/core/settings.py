"""The user's remembered preferences (bell, theme, mouse), kept in a small JSON file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import msgspec

from .paths import user_config_dir

SETTINGS_FILE = "settings.json"


class Settings(msgspec.Struct, kw_only=True):
    """Preferences that survive between runs."""

    bell: bool = True
    theme: str = "textual-dark"
    mouse: bool = True
    ask_pain: bool = True


def settings_path() -> Path:
    """Return where the settings live (`~/.config/unknot/settings.json` on Linux)."""
    return user_config_dir() / SETTINGS_FILE


class SettingsStore:
    """Reads and writes Settings; a missing or unreadable file gives the defaults."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self.problem: str | None = None

    def load(self) -> Settings:
        """Return the saved settings, or the defaults (noting why in `problem`)."""
        try:
            return msgspec.json.decode(self.path.read_bytes(), type=Settings)
        except FileNotFoundError:
            return Settings()
        except (OSError, msgspec.DecodeError, msgspec.ValidationError) as error:
            self.problem = f"{self.path}: ignored unreadable settings ({error})"
            return Settings()

    def save(self, settings: Settings) -> bool:
        """Write the settings atomically; return False (noting why) when that is impossible."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-")
            with os.fdopen(handle, "wb") as stream:
                stream.write(msgspec.json.format(msgspec.json.encode(settings), indent=2))
            os.replace(temporary, self.path)
        except OSError as error:
            self.problem = f"cannot save settings to {self.path}: {error.strerror or error}"
            return False
        return True
