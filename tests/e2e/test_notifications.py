"""End to end: with `--notify osc777`, a step change while the terminal is in the background
writes exactly one well-formed notification; in the foreground, none."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, unknot_command

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "routines"
NOTIFICATION = re.compile(rb"\x1b\]777;notify;([^\x07\x1b]*);([^\x07\x1b]*)\x07")

pytestmark = pytest.mark.e2e


def test_a_notification_only_while_the_terminal_is_in_the_background(tmp_path: Path) -> None:
    config = tmp_path / "config" / "unknot"
    config.mkdir(parents=True)
    (config / "settings.json").write_text(json.dumps({"ask_pain": False, "bell": "off"}))
    terminal = Terminal(
        [unknot_command(), "--routines", str(FIXTURES), "play", "quick-test", "--notify", "osc777"],
        env={"XDG_CONFIG_HOME": str(tmp_path / "config"), "UNKNOT_DATA_DIR": str(tmp_path / "data"), "TMUX": None},
    )
    try:
        terminal.wait_for("GET READY")
        terminal.send("\x1b[O")  # the terminal reports: focus lost
        terminal.wait_for(lambda screen: "HOLD" in screen and "Short hold" in screen)
        terminal.wait_for(lambda screen: "REST" in screen)  # time for anything else to arrive
        background = NOTIFICATION.findall(bytes(terminal.raw))
        assert background == [(b"Next step", b"Short hold")]
        terminal.send("\x1b[I")  # focus back
        terminal.wait_for(lambda screen: "Right side" in screen)  # the next step starts in the foreground
        terminal.wait_for(lambda screen: "SWITCH SIDES" in screen)
        assert NOTIFICATION.findall(bytes(terminal.raw)) == background
        terminal.send("q")
        terminal.wait_for("Leave this session?")
        terminal.send("y")
        terminal.wait_for("Session ended early")
        terminal.send("\r")
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()
    assert bytes(terminal.raw).count(b"\x1b]777;") == 1
