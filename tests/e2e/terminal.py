"""A real terminal for end-to-end tests: the console script in a pty, pyte holding the screen."""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import ptyprocess
import pyte
from wcwidth import wcwidth


def screen_lines(screen: pyte.Screen) -> list[str]:
    """Return the screen's lines; like `pyte.Screen.display`, which fails on an empty cell (zero-width text)."""
    lines = []
    for row_number in range(screen.lines):
        row = screen.buffer[row_number]
        cells: list[str] = []
        skip_stub = False
        for column in range(screen.columns):
            if skip_stub:
                skip_stub = False
                continue
            data = row[column].data
            cells.append(data)
            skip_stub = bool(data) and wcwidth(data[0]) == 2
        lines.append("".join(cells))
    return lines


def unknot_command() -> str:
    """Return the installed `unknot` console script next to this Python."""
    candidate = Path(sys.executable).parent / "unknot"
    return str(candidate) if candidate.exists() else (shutil.which("unknot") or "unknot")


class Terminal:
    """Runs a program in a pseudo-terminal, keeping the raw bytes (and when each arrived) and a pyte screen.

    `env` adds to this process's environment; a None value removes a variable. The benchmarks
    build on this class too (bench/pty_harness.py).
    """

    def __init__(
        self, argv: Sequence[str], columns: int = 80, rows: int = 24, env: Mapping[str, str | None] | None = None
    ):
        # LINES and COLUMNS (pytest-xdist's workers set them) would override the pty's real size.
        merged = {**os.environ, "TERM": "xterm-256color", "LINES": None, "COLUMNS": None, **(env or {})}
        environment = {name: value for name, value in merged.items() if value is not None}
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self.chunks: list[tuple[float, bytes]] = []
        """(monotonic time, bytes) of every read from the program."""
        self._lock = threading.Lock()
        self.process = ptyprocess.PtyProcess.spawn(list(argv), dimensions=(rows, columns), env=environment)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = self.process.read(65536)
            except EOFError:
                return
            with self._lock:
                self.chunks.append((time.monotonic(), data))
                self.raw.extend(data)
                self.stream.feed(data)

    def text(self) -> str:
        """Return the screen as lines of text."""
        with self._lock:
            return "\n".join(line.rstrip() for line in screen_lines(self.screen))

    def wait_for(self, predicate: Callable[[str], bool] | str, timeout: float = 15.0) -> str:
        """Wait until the screen shows `predicate` (text, or a test on the screen text)."""
        check = (lambda screen: predicate in screen) if isinstance(predicate, str) else predicate
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.text()
            if check(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {predicate!r}; the screen shows:\n{self.text()}")

    def send(self, keys: str) -> None:
        """Type into the program."""
        self.process.write(keys.encode())

    def press_until(self, key: str, predicate: Callable[[str], bool], every: float = 1.0, timeout: float = 15.0) -> str:
        """Press `key` until the screen shows `predicate`, again each `every` seconds it does not.

        For a key pressed just after the first frame: Textual reads keys a moment after it first
        draws, and a key sent before then can be lost. Only for keys that do nothing on the screen
        they lead to (a second press must be harmless).
        """
        deadline = time.monotonic() + timeout
        while True:
            self.send(key)
            try:
                return self.wait_for(predicate, timeout=min(every, max(0.0, deadline - time.monotonic())))
            except AssertionError:
                if time.monotonic() >= deadline:
                    raise

    def press_until_exit(self, key: str, every: float = 1.0, timeout: float = 15.0) -> int:
        """Press `key` until the program ends (see `press_until`); return its exit status."""
        deadline = time.monotonic() + timeout
        while self.process.isalive() and time.monotonic() < deadline:
            self.send(key)
            waited = time.monotonic() + every
            while self.process.isalive() and time.monotonic() < waited:
                time.sleep(0.05)
        return self.wait_exit(timeout=1.0)

    def resize(self, columns: int, rows: int) -> None:
        """Change the terminal size, as a window resize would."""
        with self._lock:
            self.screen.resize(rows, columns)
        self.process.setwinsize(rows, columns)

    def wait_exit(self, timeout: float = 15.0) -> int:
        """Wait for the program to end and return its exit status."""
        deadline = time.monotonic() + timeout
        while self.process.isalive() and time.monotonic() < deadline:
            time.sleep(0.05)
        if self.process.isalive():
            self.process.terminate(force=True)
            raise AssertionError("the program did not exit")
        self._reader.join(timeout=2)
        return int(self.process.exitstatus if self.process.exitstatus is not None else -1)

    def close(self) -> None:
        """Make sure the program is gone."""
        if self.process.isalive():
            self.process.terminate(force=True)
