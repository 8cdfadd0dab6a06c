"""End to end on the Linux console (TERM=linux): every symbol on screen is one its font has."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, unknot_command

pytestmark = pytest.mark.e2e

# The IBM PC character set the console font holds: its graphic forms of 0x01-0x1F and 0x7F,
# printable ASCII and the upper half.
CP437 = set(
    "☺☻♥♦♣♠•◘○◙♂♀♪♫☼►◄↕‼¶§▬↨↑↓→←∟↔▲▼⌂"
    + bytes(range(0x20, 0x7F)).decode("ascii")
    + bytes(range(0x80, 0x100)).decode("cp437")
)


def foreign_symbols(screen: str) -> set[str]:
    """Return the characters on screen that the console font lacks."""
    return {char for char in screen if char not in CP437 and char != "\n"}


def test_every_screen_draws_only_what_the_console_font_has(tmp_path: Path) -> None:
    config = tmp_path / "config" / "unknot"
    config.mkdir(parents=True)
    (config / "settings.json").write_text(json.dumps({"bell": "off"}))
    terminal = Terminal(
        [unknot_command()],
        env={"TERM": "linux", "XDG_CONFIG_HOME": str(tmp_path / "config"), "UNKNOT_DATA_DIR": str(tmp_path / "data")},
    )
    seen: dict[str, str] = {}
    try:
        seen["browser"] = terminal.wait_for(lambda screen: "You need" in screen and "Enter Start" in screen)
        terminal.send("?")
        seen["help"] = terminal.wait_for("Unknot · keys")
        terminal.send("\x1b")
        terminal.wait_for(lambda screen: "Unknot · keys" not in screen)
        terminal.send("\x10")  # ctrl+p
        seen["palette"] = terminal.wait_for("Play: ")
        terminal.send("\x1b")
        terminal.wait_for(lambda screen: "Play: " not in screen)
        terminal.send("\r")
        seen["pain question"] = terminal.wait_for("How is your back right now?")
        terminal.send("5\r")
        seen["player"] = terminal.wait_for(lambda screen: "GET READY" in screen and "Leave" in screen)
        terminal.send("n")
        seen["a step"] = terminal.wait_for(lambda screen: "Step 1 of" in screen and "GET READY" not in screen)
        terminal.send("q")
        seen["leave dialog"] = terminal.wait_for("Leave this session?")
        terminal.send("y")
        terminal.wait_for("How is your back now?")
        terminal.send("3\r")
        seen["summary"] = terminal.wait_for(lambda screen: "5 → 3" in screen and "Saved in history" in screen)
        terminal.send("\r")
        terminal.wait_for(lambda screen: "You need" in screen and "Saved in history" not in screen)
        terminal.send("h")
        seen["history"] = terminal.wait_for("last 12 weeks")  # the pain chart, in the console's symbols
        terminal.send("\x1b")
        terminal.wait_for("You need")
        terminal.send("q")
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()
    lacking = {name: foreign_symbols(screen) for name, screen in seen.items()}
    assert all(not symbols for symbols in lacking.values()), lacking
    assert "►" in seen["a step"]
