"""The spoken guide's timing: from each segment boundary to the start of the speech command, and the
countdown's lateness with the voice on beside the same with the voice off (the peer), in one run.

The real console script plays a 40-second routine in a pty with `"voice": "command"` and a small
recording program as the engine (it notes the moment it starts). Every segment is short of ten
seconds and has no cue, so every utterance belongs to a segment boundary of the routine's timeline.
Time zero is the first frame showing GET READY, so a delay is measured against what the screen
shows (below zero: the voice began before that frame reached the terminal). The countdown's
lateness is, for each second of the session, how long after that second the terminal received its
next frame.

Run: python bench/voice_delay.py   (prints JSON)
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pty_harness import BENCH_HOME
from tests.e2e.terminal import Terminal

from unknot.core.library.loader import load_library
from unknot.core.routines.timeline import build_timeline

ROUTINE = """\
title: Voice timing
get_ready: 3s
rest: 2s
steps:
  - {title: First hold, duration: 6s}
  - title: Rocking
    reps: 3
    phases:
      - {label: Forward, duration: 2s}
      - {label: Back, duration: 2s}
  - {title: Each side, duration: 4s, sides: [right, left]}
  - {title: Last hold, duration: 5s}
"""
RECORDER = """#!/bin/sh
printf '%s\\n' "$(date +%s.%N)" >> "$VOICE_LOG"
"""


def play(voice: bool, unknot: str) -> dict[str, list[float]]:
    """Play the routine once; return the utterance delays and the countdown's lateness, in seconds."""
    folder = Path(tempfile.mkdtemp(prefix="unknot-bench-voice-"))
    (folder / "voice-timing.yaml").write_text(ROUTINE)
    recorder = folder / "record.sh"
    recorder.write_text(RECORDER)
    log = folder / "voice.log"
    log.touch()
    config = folder / "config" / "unknot"
    config.mkdir(parents=True)
    settings = {"ask_pain": False, "bell": "off", "voice": "command" if voice else "off"}
    settings["voice_command"] = ["/bin/sh", str(recorder)]
    (config / "settings.json").write_text(json.dumps(settings))
    timeline = build_timeline(load_library([folder]).routines["voice-timing"].routine)
    total = sum(segment.seconds or 0 for segment in timeline.segments)
    terminal = Terminal(
        [unknot, "--routines", str(folder), "play", "voice-timing"],
        env={
            "XDG_CONFIG_HOME": str(folder / "config"),
            "XDG_CACHE_HOME": f"{BENCH_HOME}/cache",
            "UNKNOT_DATA_DIR": str(folder / "data"),
            "VOICE_LOG": str(log),
        },
    )
    try:
        terminal.wait_for("GET READY")
        time.sleep(total + 2)
        with terminal._lock:  # the chunks and their arrival times
            chunks = list(terminal.chunks)
    finally:
        terminal.close()
    monotonic_zero = next(at for at, data in chunks if b"GET" in data)
    wall_zero = time.time() - (time.monotonic() - monotonic_zero)
    boundaries = sorted({*timeline.starts, float(total)})  # the end is said too
    delays = []
    for line in log.read_text().split():
        offset = float(line) - wall_zero
        boundary = max((start for start in boundaries if start <= offset + 0.05), default=0.0)
        delays.append(offset - boundary)  # below zero: spoken before the frame showing it arrived
    arrivals = [at - monotonic_zero for at, _ in chunks if at >= monotonic_zero]
    lateness = []
    for second in range(1, int(total)):
        later = [at for at in arrivals if at >= second - 0.05]
        if later:
            lateness.append(max(0.0, later[0] - second))
    return {"delays": delays, "lateness": lateness}


def summary(values: list[float]) -> dict[str, float]:
    """Median and worst, in milliseconds."""
    if not values:
        return {"median_ms": 0.0, "worst_ms": 0.0, "count": 0}
    return {
        "median_ms": round(statistics.median(values) * 1000, 1),
        "worst_ms": round(max(values) * 1000, 1),
        "count": len(values),
    }


def measure(unknot: str) -> dict[str, object]:
    """The voice's delay, and the countdown's lateness with the voice on and off."""
    on = play(True, unknot)
    off = play(False, unknot)
    return {
        "utterance_delay": summary(on["delays"]),
        "countdown_lateness_voice_on": summary(on["lateness"]),
        "countdown_lateness_voice_off": summary(off["lateness"]),
    }


def main() -> None:
    """Print the figures as JSON."""
    unknot = shutil.which("unknot") or str(Path(sys.executable).parent / "unknot")
    os.environ.setdefault("TERM", "xterm-256color")
    print(json.dumps(measure(unknot)))


if __name__ == "__main__":
    main()
