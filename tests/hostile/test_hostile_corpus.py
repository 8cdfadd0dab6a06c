"""Every hostile or broken routine: the loader's verdict, and for those that load, a real terminal.

For each routine that loads, the real app runs in a pseudo-terminal with the routine highlighted
in the browser and then playing. The raw bytes must hold no escape sequence from the content
(each payload puts the marker PWN right after its sequence), no C1 control and no bidi override;
the screen (pyte) must keep its layout.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest
import yaml

from tests.e2e.terminal import Terminal, unknot_command
from tests.hostile.generate import build_corpus
from unknot.core.library.loader import load_library, load_routine_file
from unknot.core.paths import shipped_routines_dir

LOADS = {
    "osc-title",
    "osc52-clipboard",
    "osc8-hyperlink",
    "clear-screen",
    "cursor-moves",
    "dec-private-modes",
    "c1-csi",
    "bidi-overrides",
    "markup-text",
    "bell-and-backspace",
    "emoji-and-cjk",
    "tabs-in-diagram",
    "zero-pauses",
    "thousand-steps",
    "good",
}
REFUSED = {
    "zero-duration": "must be at least 1s",
    "day-long-duration": "must be at most 1h",
    "wide-diagram": "must fit in 36 columns by 12 rows",
    "ten-thousand-lines": "of length <= 400",
    "thousand-and-one-steps": "of length <= 1000",
    "alias-bomb": "expands to more than",
    "binary": "binary data",
    "comment-only": "the file is empty",
    "dangling": "symbolic link",
    "deep-map": "nested deeper",
    "deep": "nested deeper",
    "empty": "the file is empty",
    "folder": "a folder",
    "huge": "larger than 1024 KiB",
    "latin1": "not UTF-8",
    "python-tag": "is not allowed",
    "tab-indent": "a tab cannot indent",
    "top-list": "got a list",
    "top-scalar": "got text",
    "two-docs": "holds one document",
}
# An OSC or a two-byte ESC command immediately followed by the payload marker: Textual itself never
# writes these before text. (It does write CSI sequences before text, cursor moves and colours, and a
# repaint may start on a visible "PWN"; CSI payloads are checked byte for byte, see `payloads`.)
INJECTED = re.compile(rb"\x1b(\][^\x07\x1b]*(\x07|\x1b\\)?|[78cDEHM\\])PWN")
PAYLOAD = re.compile(r"\x1b[^\n]*?PWN[A-Z0-9-]*")


def payloads(folder: Path) -> set[bytes]:
    """Return every escape-sequence payload in the routine files, as the terminal would get it raw."""
    found: set[bytes] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.update(match.group(0).encode() for match in PAYLOAD.finditer(value))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in folder.glob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


C1_AND_BIDI = [bytes([0xC2, code]) for code in range(0x80, 0xA0)] + [
    char.encode() for char in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("corpus"))


def test_every_file_has_a_verdict(corpus: Path) -> None:
    assert {path.stem for path in corpus.iterdir()} == LOADS | set(REFUSED)


@pytest.mark.parametrize("name", sorted(LOADS | set(REFUSED)))
def test_loader_verdict(corpus: Path, name: str) -> None:
    diagrams = load_library([shipped_routines_dir()]).diagrams
    routine, problems = load_routine_file(corpus / f"{name}.yaml", diagrams)
    if name in LOADS:
        assert routine is not None, [str(p) for p in problems]
    else:
        assert routine is None and len(problems) >= 1
        assert REFUSED[name] in str(problems[0])
        assert re.match(rf"{re.escape(str(corpus / name))}\.yaml:\d+:\d+: ", str(problems[0]))


@pytest.mark.e2e
def test_loaded_hostile_routines_never_reach_the_terminal_as_control_sequences(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "loadable"
    folder.mkdir()
    for name in LOADS:
        shutil.copy(corpus / f"{name}.yaml", folder / f"{name}.yaml")
    config = tmp_path / "config" / "unknot"
    config.mkdir(parents=True)
    (config / "settings.json").write_text(json.dumps({"ask_pain": False, "bell": "off"}))
    terminal = Terminal(
        [unknot_command(), "--routines", str(folder)],
        columns=100,
        rows=30,
        env={"XDG_CONFIG_HOME": str(tmp_path / "config"), "UNKNOT_DATA_DIR": str(tmp_path / "data")},
    )
    try:
        terminal.wait_for("Before you start")  # a routine is highlighted and its overview drawn
        for name in sorted(LOADS):
            terminal.send("/")
            # The footer as typing in the filter shows it: the filter has the keys now.
            terminal.wait_for(lambda screen: "Back to list" in screen.split("\n")[-1])
            if "/ filter:" not in terminal.text().split("\n")[0]:
                # ctrl+u clears the last id. It is a binding, run after its key bubbles up to the app, so
                # letters sent before the placeholder is back could be typed first and then cleared.
                terminal.send("\x15")
                terminal.wait_for(lambda screen: "/ filter:" in screen.split("\n")[0])
            terminal.send(name)  # in its own write: see docs/benchmarks.md's notes

            def filtered(screen: str, name: str = name) -> bool:
                return name in screen.split("\n")[0] and "Time " in screen

            terminal.wait_for(filtered)
            terminal.send("\r")
            shown = terminal.wait_for(lambda screen: "Leave" in screen.split("\n")[-1])  # the player is up
            if "GET READY" in shown:
                terminal.send("n")  # past the get-ready countdown (just begun), into the first step
            terminal.wait_for(
                lambda screen: (
                    re.search(r"Step \d+ of", screen.split("\n")[0]) is not None and "Leave" in screen.split("\n")[-1]
                )
            )
            time.sleep(1.1)  # at least one tick of the countdown is drawn
            terminal.send("q")
            terminal.wait_for("Leave this session?")
            terminal.send("y")
            terminal.wait_for("Session ended early")  # the summary (no pain question: they are turned off)
            terminal.send("\r")
            terminal.wait_for(lambda screen: "Session ended early" not in screen and "Filter" in screen.split("\n")[-1])
        terminal.send("\x1b")
        time.sleep(0.3)
        terminal.send("q")
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()
    raw = bytes(terminal.raw)
    assert b"PWN" in raw  # the payloads were shown, as text
    injected = INJECTED.search(raw)
    assert injected is None, raw[max(0, injected.start() - 40) : injected.end() + 20]
    sent = payloads(folder)
    assert len(sent) >= 20  # the check below looks for something
    assert not [payload for payload in sent if payload in raw]
    for sequence in C1_AND_BIDI:
        assert sequence not in raw, sequence
    assert b"[@click=app.quit]x[/]" in raw
