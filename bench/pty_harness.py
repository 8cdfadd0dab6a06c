"""Running a program in a pseudo-terminal and counting what it writes, for the benchmarks."""

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections.abc import Sequence

import ptyprocess
import pyte

# One home for the whole bench run, as a person has day after day (and the user's own is untouched):
# the library copy made by the first launch is current for the rest, since the folders it was made
# from keep their paths. Settings are rewritten before every launch; history is fresh for each.
BENCH_HOME = tempfile.mkdtemp(prefix="unknot-bench-")


class PtyRecorder:
    """Spawns `argv` in a pty of the given size and records (time, bytes) of everything it writes."""

    def __init__(
        self, argv: Sequence[str], columns: int = 80, rows: int = 24, env: dict[str, str | None] | None = None
    ):
        # Default settings and a fresh data folder for every run: no saved theme, and no checkpoint left
        # by an earlier (killed) run that would make the app offer to resume instead of showing the list.
        os.makedirs(f"{BENCH_HOME}/config/unknot", exist_ok=True)
        with open(f"{BENCH_HOME}/config/unknot/settings.json", "w") as settings:
            settings.write('{"ask_pain": false, "bell": false}')  # nothing may wait for a key
        environment = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLORTERM": "truecolor",
            "XDG_CONFIG_HOME": f"{BENCH_HOME}/config",
            "XDG_CACHE_HOME": f"{BENCH_HOME}/cache",
            "UNKNOT_DATA_DIR": tempfile.mkdtemp(prefix="unknot-bench-data-"),
            **(env or {}),
        }
        environment = {key: value for key, value in environment.items() if value is not None}
        self.process = ptyprocess.PtyProcess.spawn(list(argv), dimensions=(rows, columns), env=environment)
        self.chunks: list[tuple[float, bytes]] = []
        self.screen = pyte.Screen(columns, rows)
        self._stream = pyte.ByteStream(self.screen)
        self._lock = threading.Lock()
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
                self._stream.feed(data)

    def text(self) -> str:
        """Return what the terminal shows now, as lines of text."""
        with self._lock:
            return "\n".join(self.screen.display)

    def bytes_between(self, start: float, end: float) -> int:
        """Return how many bytes were written between two monotonic times."""
        return sum(len(data) for at, data in self.chunks if start <= at < end)

    def output(self) -> bytes:
        """Return everything written so far."""
        return b"".join(data for _, data in self.chunks)

    def send(self, text: str) -> None:
        """Type `text` into the program."""
        self.process.write(text.encode())

    def stop(self) -> None:
        """End the program."""
        if self.process.isalive():
            self.process.terminate(force=True)
