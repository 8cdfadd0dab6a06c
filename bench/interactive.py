"""Start-up time and peak memory, measured in a pseudo-terminal with pyte."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pty_harness import PtyRecorder

HERE = Path(__file__).resolve().parent


def _screen_text(recorder: PtyRecorder) -> str:
    return recorder.text()


def _time_to_text(argv: list[str], text: str, timeout: float = 20.0, env: dict[str, str] | None = None) -> float:
    """Seconds from spawning `argv` until the screen shows `text`."""
    started = time.monotonic()
    recorder = PtyRecorder(argv, env=env)
    try:
        while time.monotonic() - started < timeout:
            if text in _screen_text(recorder):
                return time.monotonic() - started
            time.sleep(0.005)
        raise RuntimeError(f"{argv[0]} never showed {text!r}")
    finally:
        recorder.stop()


def startup(runs: int, unknot: str, env_python: str) -> dict[str, float]:
    """Median launch-to-first-complete-frame for Unknot and the bare app, measured alternately.

    Unknot is measured as launched day to day (its library copy current) and, as a third series,
    on the first launch after a routine file changed (no current copy: every file parsed).
    """
    # "Two massage balls" is the last routine in the list: its presence means the list is complete.
    last_routine = "Two massage balls"
    bare = [env_python, str(HERE / "bare_app.py")]
    _time_to_text([unknot], last_routine)  # makes the library copy; not counted
    _time_to_text(bare, "Bare item 7")
    ours, peer, cold = [], [], []
    for _ in range(runs):
        ours.append(_time_to_text([unknot], last_routine))
        peer.append(_time_to_text(bare, "Bare item 7"))
        cold.append(_time_to_text([unknot], last_routine, env={"XDG_CACHE_HOME": tempfile.mkdtemp()}))
    return {
        "unknot_ms": round(statistics.median(ours) * 1000, 1),
        "bare_ms": round(statistics.median(peer) * 1000, 1),
        "ratio": round(statistics.median(ours) / statistics.median(peer), 2),
        "cold_ms": round(statistics.median(cold) * 1000, 1),
        "cold_ratio": round(statistics.median(cold) / statistics.median(peer), 2),
        "runs": runs,
    }


def peak_memory(unknot: str) -> dict[str, float]:
    """Peak RSS (VmHWM) of Unknot after browsing and playing a routine for a few seconds."""
    recorder = PtyRecorder([unknot, "play", "floor-stretches"])
    try:
        time.sleep(2.0)
        recorder.send("5")  # answer the pain question if it is asked
        time.sleep(4.0)
        status = Path(f"/proc/{recorder.process.pid}/status").read_text()
        peak_kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
    finally:
        recorder.stop()
    return {"peak_rss_mb": round(peak_kb / 1024, 1)}
