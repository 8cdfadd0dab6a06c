"""What one key in the routine browser costs on the wire and in time, in an 80×24 pseudo-terminal.

Run: python bench/browser_keys.py   (prints JSON)

For each key: the bytes written from the key until the screen is quiet again, and the time from the
key to the last write of its repaint ("settled on screen"). Keys are sent one at a time, each after
the previous repaint settled. Measured for ↓ in the list and for each typed filter character with
the shipped routines and with 10,000 generated routines beside them; the peer is one ↓ in a bare
Textual OptionList (bench/bare_app.py). Also the first frame and peak memory with 10,000 routines.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import library_scale  # noqa: E402
from pty_harness import PtyRecorder  # noqa: E402

DOWN = "\x1b[B"
QUIET = 0.3
"""Seconds without output after which a key's repaint counts as finished (the filter's cursor blinks
every 0.5 s, and its blink timer restarts at each key, so a blink is never counted)."""


def _wait_for(recorder: PtyRecorder, text: str, timeout: float = 30.0) -> float:
    """Wait until the screen shows `text`; return the monotonic time it was first seen."""
    deadline = time.monotonic() + timeout
    while text not in recorder.text():
        if time.monotonic() > deadline:
            raise RuntimeError(f"never showed {text!r}:\n{recorder.text()}")
        time.sleep(0.002)
    return time.monotonic()


def _settle(recorder: PtyRecorder, since: float, answer: bool = True, timeout: float = 10.0) -> float:
    """Wait for a write after `since` (when an `answer` is due), then until nothing has been written for
    QUIET seconds; return the time of the last write."""
    deadline = since + timeout
    while time.monotonic() < deadline:
        with recorder._lock:
            last = recorder.chunks[-1][0] if recorder.chunks else 0.0
        if (last >= since or not answer) and time.monotonic() - max(last, since) >= QUIET:
            return max(last, since)
        time.sleep(0.005)
    raise RuntimeError("the screen never settled")


def key_costs(recorder: PtyRecorder, keys: list[str]) -> list[dict[str, float]]:
    """Send each key after the screen settled; return its bytes and milliseconds to the last write."""
    _settle(recorder, time.monotonic(), answer=False)
    costs = []
    for key in keys:
        sent = time.monotonic()
        recorder.send(key)
        last = _settle(recorder, sent)
        costs.append(
            {"bytes": recorder.bytes_between(sent, last + 0.001), "ms": round(max(0.0, last - sent) * 1000, 1)}
        )
    return costs


def _medians(costs: list[dict[str, float]]) -> dict[str, float]:
    return {
        "bytes": int(statistics.median(cost["bytes"] for cost in costs)),
        "bytes_worst": int(max(cost["bytes"] for cost in costs)),
        "ms": round(statistics.median(cost["ms"] for cost in costs), 1),
        "ms_worst": round(max(cost["ms"] for cost in costs), 1),
        "keys": len(costs),
    }


def browser(unknot: str, extra: list[str], ready: str) -> dict[str, object]:
    """↓ seven times, then `/` and a query typed a character at a time, in one 80×24 app."""
    recorder = PtyRecorder([unknot, *extra])
    try:
        _wait_for(recorder, ready)
        downs = key_costs(recorder, [DOWN] * 7)
        key_costs(recorder, ["/"])
        typed = key_costs(recorder, list("generated 9"))
        status = Path(f"/proc/{recorder.process.pid}/status").read_text()
        peak_kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
    finally:
        recorder.stop()
    return {"down": _medians(downs), "filter": _medians(typed), "peak_rss_mb": round(peak_kb / 1024, 1)}


def bare_down(python: str) -> dict[str, float]:
    """↓ seven times in the bare app's OptionList."""
    recorder = PtyRecorder([python, str(HERE / "bare_app.py")])
    try:
        _wait_for(recorder, "Bare item 7")
        return _medians(key_costs(recorder, [DOWN] * 7))
    finally:
        recorder.stop()


def first_frame(unknot: str, extra: list[str], ready: str, runs: int) -> float:
    """Median seconds from launch to `ready` on screen (the library copy made by an uncounted launch)."""
    times = []
    for _ in range(runs + 1):
        started = time.monotonic()
        recorder = PtyRecorder([unknot, *extra])
        try:
            times.append(_wait_for(recorder, ready, 60) - started)
        finally:
            recorder.stop()
    return round(statistics.median(times[1:]), 3)


def measure(unknot: str, python: str, runs: int = 5) -> dict[str, object]:
    """Every figure of this module."""
    results: dict[str, object] = {"bare_down": bare_down(python)}
    results["shipped"] = browser(unknot, [], "Two massage balls")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        library_scale.generate(folder, 10000)
        extra = ["--routines", str(folder)]
        # The list's first screen is complete once the routine count shows it is all there.
        results["large_first_frame_s"] = first_frame(unknot, extra, "Generated routine 0", runs)
        results["first_frame_runs"] = runs
        results["large"] = browser(unknot, extra, "Generated routine 0")
    return results


if __name__ == "__main__":
    import shutil

    unknot_path = shutil.which("unknot") or str(Path(sys.executable).parent / "unknot")
    print(json.dumps(measure(unknot_path, sys.executable, 3), indent=2))
