"""Repaint cost during a hold: bytes written to the pty per second and CPU, Unknot against termdown.

Run: python bench/repaint_bytes.py [COLUMNSxROWS] [SECONDS]   (prints JSON)
termdown is measured when it is installed (pip install termdown); otherwise its figure is null.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pty_harness import PtyRecorder

HOLD_ROUTINE = """title: Bench hold
get_ready: 0
steps:
  - title: A long hold
    instructions: Stay here while the benchmark counts bytes.
    duration: 30m
    diagram: childs-pose
"""


def cpu_seconds(pid: int) -> float:
    """Return the user + system CPU seconds a process has used (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(argv: list[str], columns: int, rows: int, seconds: float, settle: float = 3.0) -> dict[str, float]:
    """Run `argv` in a pty, wait for it to settle, then count bytes and CPU for `seconds`."""
    recorder = PtyRecorder(argv, columns, rows)
    try:
        time.sleep(settle)
        cpu_before = cpu_seconds(recorder.process.pid)
        start = time.monotonic()
        time.sleep(seconds)
        end = time.monotonic()
        cpu_used = cpu_seconds(recorder.process.pid) - cpu_before
        written = recorder.bytes_between(start, end)
    finally:
        recorder.stop()
    return {
        "bytes_per_second": round(written / (end - start), 1),
        "cpu_percent_of_core": round(100 * cpu_used / (end - start), 2),
    }


def main() -> None:
    """Measure both programs at the size given and print the figures as JSON."""
    size = sys.argv[1] if len(sys.argv) > 1 else "80x24"
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 20.0
    columns, rows = (int(part) for part in size.split("x"))
    folder = Path(tempfile.mkdtemp())
    (folder / "bench-hold.yaml").write_text(HOLD_ROUTINE)
    unknot = shutil.which("unknot") or "unknot"
    result: dict[str, object] = {"size": size, "seconds": seconds}
    result["unknot"] = measure([unknot, "--routines", str(folder), "play", "bench-hold"], columns, rows, seconds)
    termdown = shutil.which("termdown")
    result["termdown"] = measure([termdown, "30m"], columns, rows, seconds) if termdown else None
    print(json.dumps(result))


if __name__ == "__main__":
    main()
