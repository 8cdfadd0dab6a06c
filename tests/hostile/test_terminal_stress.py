"""Terminal stress while a routine plays: random resizes and random keys; the app must survive."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, unknot_command

pytestmark = pytest.mark.e2e

# Every key a person might press, except the ones that end the app on purpose (q in the browser,
# ctrl+q, ctrl+c) and the palette, where Enter could run "Quit".
KEYS = [
    "\x1b[A",
    "\x1b[B",
    "\x1b[C",
    "\x1b[D",
    " ",
    "\r",
    "\x1b",
    "n",
    "p",
    "r",
    "+",
    "-",
    "d",
    "b",
    "?",
    "/",
    "h",
    "e",
    "j",
    "k",
    "y",
    "x",
    "5",
    "0",
    "\t",
    "a",
    "z",
    "\x7f",
]


def test_resizes_and_random_keys_while_playing(tmp_path: Path) -> None:
    config = tmp_path / "config" / "unknot"
    config.mkdir(parents=True)
    (config / "settings.json").write_text(json.dumps({"ask_pain": False, "bell": False}))
    terminal = Terminal(
        [unknot_command(), "play", "floor-stretches"],
        env={"XDG_CONFIG_HOME": str(tmp_path / "config"), "UNKNOT_DATA_DIR": str(tmp_path / "data")},
    )
    rng = random.Random(20261122)
    try:
        terminal.wait_for("Gentle floor stretches")
        for _ in range(200):
            terminal.resize(rng.randint(1, 300), rng.randint(1, 100))
            time.sleep(rng.uniform(0.0, 0.03))
        terminal.resize(80, 24)
        terminal.wait_for(lambda screen: "Gentle floor stretches" in screen, timeout=10)
        assert terminal.process.isalive()
        stop = time.monotonic() + 30
        while time.monotonic() < stop:
            terminal.send(rng.choice(KEYS))
            time.sleep(rng.uniform(0.0, 0.05))
            if not terminal.process.isalive():
                break
        # Whatever state the keys left, the app must still answer: Esc out of anything, then ctrl+q.
        if terminal.process.isalive():
            for _ in range(4):
                terminal.send("\x1b")
                time.sleep(0.2)
            before = terminal.text()
            terminal.send("?")
            terminal.wait_for(lambda screen: screen != before, timeout=10)
            terminal.send("\x11")  # ctrl+q
        try:
            code = terminal.wait_exit()
        except AssertionError as error:
            raise AssertionError(f"{error}; the screen showed:\n{terminal.text()}") from None
    finally:
        terminal.close()
    assert code == 0
    raw = bytes(terminal.raw)
    assert raw.rfind(b"\x1b[?1049l") > raw.rfind(b"\x1b[?1049h")
