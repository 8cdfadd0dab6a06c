"""Running a program in a pseudo-terminal and counting what it writes, for the benchmarks.

The pty and the pyte screen are the end-to-end tests' Terminal; this adds the benchmark's
environment and byte counting.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.e2e.terminal import Terminal

# One home for the whole bench run, as a person has day after day (and the user's own is untouched):
# the library copy made by the first launch is current for the rest, since the folders it was made
# from keep their paths. Settings are rewritten before every launch; history is fresh for each.
BENCH_HOME = tempfile.mkdtemp(prefix="unknot-bench-")


class PtyRecorder(Terminal):
    """Spawns `argv` in a pty of the given size and records (time, bytes) of everything it writes."""

    def __init__(
        self, argv: Sequence[str], columns: int = 80, rows: int = 24, env: Mapping[str, str | None] | None = None
    ):
        # Default settings and a fresh data folder for every run: no saved theme, and no checkpoint left
        # by an earlier (killed) run that would make the app offer to resume instead of showing the list.
        self.write_bench_settings()
        bench_environment: dict[str, str | None] = {
            "COLORTERM": "truecolor",
            "XDG_CONFIG_HOME": f"{BENCH_HOME}/config",
            "XDG_CACHE_HOME": f"{BENCH_HOME}/cache",
            "UNKNOT_DATA_DIR": tempfile.mkdtemp(prefix="unknot-bench-data-"),
        }
        super().__init__(argv, columns, rows, env={**bench_environment, **(env or {})})

    @staticmethod
    def write_bench_settings() -> None:
        """Write the settings every launch starts from: nothing may wait for a key."""
        os.makedirs(f"{BENCH_HOME}/config/unknot", exist_ok=True)
        with open(f"{BENCH_HOME}/config/unknot/settings.json", "w") as settings:
            settings.write('{"ask_pain": false, "bell": false}')

    def bytes_between(self, start: float, end: float) -> int:
        """Return how many bytes were written between two monotonic times."""
        with self._lock:
            return sum(len(data) for at, data in self.chunks if start <= at < end)

    def output(self) -> bytes:
        """Return everything written so far."""
        with self._lock:
            return bytes(self.raw)

    def stop(self) -> None:
        """End the program."""
        self.close()
