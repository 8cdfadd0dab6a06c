"""Noticing routine changes while the app runs: a watchfiles watch against polling the fingerprint.

Run: python bench/watching.py   (prints JSON)
For the shipped library and for 10,000 generated routines: the CPU an idle watch costs over
`seconds` (process CPU time of a fresh process doing nothing else), and the time from a file being
written to the change being reported (median of several). The poll is the cheapest version that
would work: the library's fingerprint (one `stat` per file and folder) compared once a second.
Also the time importing watchfiles adds once Textual is imported, as it is when the app starts
its watch after the first frame.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import library_scale  # noqa: E402

PROBE = """
import json, statistics, sys, threading, time
from pathlib import Path
from unknot.core.library.fingerprint import library_fingerprint
from unknot.core.library.watching import RoutineChanges, routine_changes
from unknot.core.paths import shipped_routines_dir

how, folder, seconds = sys.argv[1], Path(sys.argv[2]), float(sys.argv[3])
folders = [shipped_routines_dir(), folder]
stop = threading.Event()
seen = threading.Event()

def watch():
    for _batch in routine_changes(RoutineChanges(folders), stop):
        seen.set()

def poll():
    last = library_fingerprint(folders)
    while not stop.wait(1.0):
        now = library_fingerprint(folders)
        if now != last:
            last = now
            seen.set()

thread = threading.Thread(target=watch if how == "watch" else poll, daemon=True)
started_cpu = time.process_time()
thread.start()
time.sleep(1.0)  # the watch is set up (or the first fingerprint taken)
idle_cpu = time.process_time()
time.sleep(seconds)
idle_percent = (time.process_time() - idle_cpu) / seconds * 100
setup_ms = (idle_cpu - started_cpu) * 1000
delays = []
for number in range(5):
    seen.clear()
    started = time.perf_counter()
    (folder / f"bench-change-{number}.yaml").write_text("title: x\\n")
    if not seen.wait(10):
        delays.append(10.0)
        continue
    delays.append(time.perf_counter() - started)
    time.sleep(0.3 + (number % 3) * 0.31)  # spread the writes across the poll's second
stop.set()
print(json.dumps({"idle_cpu_percent": idle_percent, "setup_cpu_ms": setup_ms,
                  "delay_ms": statistics.median(delays) * 1000}))
"""

IMPORT_PROBE = """
import time, textual.app, unknot.ui.app
started = time.perf_counter()
import watchfiles
print((time.perf_counter() - started) * 1000)
"""


def _probe(how: str, folder: Path, seconds: float) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, "-c", PROBE, how, str(folder), str(seconds)], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output)  # type: ignore[no-any-return]


def import_ms(runs: int = 7) -> float:
    """Median milliseconds that importing watchfiles adds in a process that has imported the app."""
    times = [
        float(subprocess.run([sys.executable, "-c", IMPORT_PROBE], capture_output=True, text=True, check=True).stdout)
        for _ in range(runs)
    ]
    return round(statistics.median(times), 1)


def measure(seconds: float = 20.0) -> dict[str, object]:
    """Idle CPU and change delay of both ways, for a small and a 10,000-routine library."""
    rows = []
    for count in (0, 10000):
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            library_scale.generate(folder, count)
            row: dict[str, object] = {"routines": count}
            for how in ("watch", "poll"):
                result = _probe(how, folder, seconds)
                row[how] = {key: round(value, 2) for key, value in result.items()}
            rows.append(row)
    return {"import_ms": import_ms(), "seconds": seconds, "libraries": rows}


if __name__ == "__main__":
    print(json.dumps(measure(float(sys.argv[1]) if len(sys.argv) > 1 else 20.0), indent=2))
