"""End to end: the real console script with `"voice": "command"` and a recording program that sleeps while it
"speaks": each utterance starts on time, the countdown never stalls, and a failing command is reported."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, unknot_command

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "routines"
RECORDER = Path(__file__).resolve().parent.parent / "fixtures" / "speech" / "record.sh"

pytestmark = pytest.mark.e2e


def start(tmp_path: Path, **env: str) -> tuple[Terminal, Path]:
    config = tmp_path / "config" / "unknot"
    config.mkdir(parents=True)
    settings = {"ask_pain": False, "bell": "off", "voice": "command", "voice_command": ["/bin/sh", str(RECORDER)]}
    (config / "settings.json").write_text(json.dumps(settings))
    log = tmp_path / "voice.log"
    log.touch()
    terminal = Terminal(
        [unknot_command(), "--routines", str(FIXTURES), "play", "quick-test"],
        env={
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "UNKNOT_DATA_DIR": str(tmp_path / "data"),
            "VOICE_LOG": str(log),
            **env,
        },
    )
    return terminal, log


def starts(log: Path) -> list[tuple[float, str]]:
    """(time, words) of each utterance the recording program began."""
    found = []
    for line in log.read_text().splitlines():
        kind, when, text = line.split(" ", 2)
        if kind == "start":
            found.append((float(when), text))
    return found


def test_utterances_start_on_time_and_the_countdown_never_waits_for_them(tmp_path: Path) -> None:
    terminal, log = start(tmp_path, VOICE_SLEEP="1.5")  # "speaks" for 1.5 s, longer than some segments
    try:
        terminal.wait_for("GET READY")
        terminal.wait_for(lambda screen: "HOLD" in screen and "Short hold" in screen)
        terminal.wait_for(lambda screen: "REST" in screen)
        terminal.wait_for(lambda screen: "Right side" in screen, timeout=10)
        terminal.wait_for(lambda screen: "SWITCH SIDES" in screen, timeout=10)
        deadline = time.monotonic() + 5
        while len(starts(log)) < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        said = starts(log)
        assert [text for _, text in said[:4]] == [
            "Quick test routine, at least 21 seconds. Get ready: Short hold, 3 seconds.",
            "Short hold, 3 seconds.",  # still "speaking" at the cue, which matters less: no cue
            "Rest, 1 second. Next: Each side.",
            "Each side, 2 seconds each side. Right side first.",
        ]
        began = said[0][0]
        # Get ready lasts 2 s, the hold 3 s, the rest 1 s.
        for (when, _), offset in zip(said[1:4], (2.0, 5.0, 6.0), strict=True):
            assert abs(when - began - offset) < 0.3, (when - began, offset)
        terminal.send("q")
        terminal.wait_for("Leave this session?")
        terminal.send("y")
    finally:
        terminal.close()


def test_a_failing_command_is_reported_and_the_session_goes_on(tmp_path: Path) -> None:
    terminal, log = start(tmp_path, VOICE_EXIT="1")
    try:
        terminal.wait_for(lambda screen: "failed (exit" in screen)
        terminal.wait_for(lambda screen: "HOLD" in screen and "Short hold" in screen)
        terminal.wait_for(lambda screen: "REST" in screen)
        assert len(starts(log)) == 1  # silent after the failure
        terminal.send("q")
        terminal.wait_for("Leave this session?")
        terminal.send("y")
    finally:
        terminal.close()
