"""Library scale: load time, peak memory and filter time per keystroke for generated libraries."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROUTINE = """title: Generated routine {number}
summary: A generated routine for the benchmark, number {number}.
tags: [bench, tag{tag}, quick]
areas: [lower-back, neck]
equipment: [yoga-mat]
steps:
  - title: Knees to chest
    instructions: Hug both knees to the chest and breathe slowly.
    duration: 30s
    diagram: knees-to-chest
  - title: Twist
    duration: 20s
    sides: [right, left]
    diagram: supine-twist
  - title: Cat and cow
    reps: 5
    phases:
      - {{label: Inhale, duration: 3s, frame: cow}}
      - {{label: Exhale, duration: 3s, frame: cat}}
    diagram: cat-cow
"""

PROBE = """
import json, resource, statistics, sys, time
from pathlib import Path
from unknot.core.library.loader import load_library
from unknot.core.paths import shipped_routines_dir
from unknot.core.library.search import RoutineIndex, browse_order
folder = Path(sys.argv[1])
started = time.perf_counter()
library = load_library([shipped_routines_dir(), folder])
load_seconds = time.perf_counter() - started
index_started = time.perf_counter()
index = RoutineIndex(browse_order(library.routines.values()))
index_seconds = time.perf_counter() - index_started
# As the app does once its first frame is drawn (unknot/startup.py): the long-lived library is frozen
# out of the collector, so a keystroke's allocations never trigger a full pass over it.
import gc
gc.collect()
gc.freeze()
timings = []
for query in ["g", "ge", "gen", "gene", "gener", "generated", "generated r", "generated routine 9", "tag3", "zzz"]:
    started = time.perf_counter()
    index.filter(query)
    timings.append(time.perf_counter() - started)
peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
# The launch path: the compiled copy made once, then read back as on every launch after the first.
from unknot.core.library.cache import load_library_cached
cache = Path(sys.argv[2]) / "library.msgpack"
folders = [shipped_routines_dir(), folder]
load_library_cached(folders, cache)
started = time.perf_counter()
copied = load_library_cached(folders, cache)
copy_seconds = time.perf_counter() - started
assert len(copied.routines) == len(library.routines)
print(json.dumps({"routines": len(library.routines), "problems": len(library.problems),
                  "load_s": load_seconds, "copy_load_s": copy_seconds, "index_s": index_seconds,
                  "filter_ms_median": statistics.median(timings) * 1000, "filter_ms_worst": max(timings) * 1000,
                  "peak_rss_mb": peak_rss_mb}))
"""


def generate(folder: Path, count: int) -> None:
    """Write `count` valid routine files into `folder`."""
    for number in range(count):
        (folder / f"generated-{number:05d}.yaml").write_text(ROUTINE.format(number=number, tag=number % 10))


def measure(count: int, repeats: int = 3) -> dict[str, float]:
    """Load a library of `count` generated routines in a fresh process, `repeats` times; medians."""
    with tempfile.TemporaryDirectory() as name, tempfile.TemporaryDirectory() as cache:
        folder = Path(name)
        generate(folder, count)
        results = [
            json.loads(
                subprocess.run(
                    [sys.executable, "-c", PROBE, str(folder), cache], capture_output=True, text=True, check=True
                ).stdout
            )
            for _ in range(repeats)
        ]
    return {
        "files": count,
        "loaded": results[0]["routines"],
        "load_s": round(statistics.median(r["load_s"] for r in results), 3),
        "copy_load_s": round(statistics.median(r["copy_load_s"] for r in results), 4),
        "filter_ms_median": round(statistics.median(r["filter_ms_median"] for r in results), 2),
        "filter_ms_worst": round(statistics.median(r["filter_ms_worst"] for r in results), 2),
        "peak_rss_mb": round(statistics.median(r["peak_rss_mb"] for r in results), 1),
    }


if __name__ == "__main__":
    print(json.dumps([measure(count) for count in (100, 1000, 10000)], indent=2))
