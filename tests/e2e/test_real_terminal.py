"""End to end: the real `unknot` console script in a pseudo-terminal at 80x24."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, unknot_command

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "routines"

pytestmark = pytest.mark.e2e


def clock_digits(screen: str) -> str:
    """Return the three rows of big digits under the phase name, to see them change."""
    lines = screen.split("\n")
    for index, line in enumerate(lines):
        if re.search(r"\b(HOLD|GET READY)\b", line):
            return "\n".join(lines[index + 1 : index + 4])
    return ""


def test_filter_play_pause_leave_and_quit(tmp_path: Path) -> None:
    terminal = Terminal(
        [unknot_command(), "--routines", str(FIXTURES)],
        env={"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")},
    )
    try:
        terminal.wait_for("Gentle floor stretches")
        time.sleep(0.5)  # Textual finishes setting up its input a moment after the first frame
        terminal.send("/quick test")  # in one write, as a fast typist or a paste delivers it
        terminal.wait_for(lambda screen: "Quick test routine" in screen and "Acupressure mat" not in screen)
        terminal.send("\r")
        terminal.wait_for("How is your back right now?")
        terminal.send("5\r")  # a rating, then Enter
        first = terminal.wait_for(lambda screen: "GET READY" in screen and "Test caution shown" in screen)
        before = clock_digits(first)
        changed = terminal.wait_for(lambda screen: clock_digits(screen) not in ("", before), timeout=5)
        assert "Quick test routine" in changed
        terminal.wait_for("HOLD", timeout=5)
        terminal.send(" ")
        paused = terminal.wait_for("Paused · space to resume")
        time.sleep(1.5)
        assert clock_digits(terminal.text()) == clock_digits(paused)
        terminal.send("q")
        terminal.wait_for("Leave this session?")
        terminal.send("y")
        terminal.wait_for("How is your back now?")  # left early: the summary asks too
        terminal.send("3\r")
        terminal.wait_for(lambda screen: "5 → 3" in screen and "Saved in history" in screen)
        terminal.send("\r")
        terminal.wait_for(lambda screen: "Filter" in screen and "Session ended early" not in screen)
        terminal.send("\x1b")  # Esc: from the filter back to the list (and harmless there)
        time.sleep(0.3)
        terminal.send("q")
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()
    raw = bytes(terminal.raw)
    assert b"\x1b[?1049h" in raw  # entered the alternate screen
    tail = raw[raw.rindex(b"\x1b[?1049h") :]
    assert b"\x1b[?1049l" in tail  # and left it
    assert tail.rfind(b"\x1b[?25h") > tail.rfind(b"\x1b[?25l")  # cursor shown again at the end
