"""The fast paths against a bare Python start: `unknot due --short` (at every prompt) and `unknot list
--ids` (at a Tab, completing a routine id), and `unknot completion bash` (at a shell's start, from the rc line).

Run: python bench/due_short.py [RUNS]   (prints JSON)
All are launched in turn as subprocesses; each figure is the median wall time. History holds a
week of sessions, and the compiled library copy is current, as on a machine in daily use.
Then a plan is followed and `due --short` is timed again: the quick way with the plans' rules kept
beside the library copy (as any plan command or the app leaves them), and the full way without them
(plan files and library loaded: what the first prompt after a plan file changed pays).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHECK_IMPORTS = "import sys, unknot.cli as c; c.main(['due', '--short']); print('textual' in sys.modules)"


def _history_with_a_week(folder: Path) -> None:
    """Write a week of sessions into a history database in `folder`."""
    from unknot.core.history.store import HistoryStore
    from unknot.core.session.events import Outcome, SessionRecord

    store = HistoryStore(folder)
    now = time.time()
    for day in range(7):
        for routine in ("pressure-points-hands", "desk-break", "floor-stretches"):
            started = now - day * 86400 - 3600
            store.add_session(SessionRecord(routine, routine, started, started + 300, 300, 5, 0, Outcome.COMPLETED))
    store.close()


def _wall_time(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def measure(runs: int = 21) -> dict[str, float]:
    """Return the median milliseconds of `due --short` (without a plan and with one followed), `list --ids`,
    `completion bash` and `python -c pass`."""
    home = Path(tempfile.mkdtemp(prefix="unknot-due-bench-"))
    data = home / "data"
    _history_with_a_week(data)
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "UNKNOT_DATA_DIR": str(data),
    }
    unknot = shutil.which("unknot") or str(Path(sys.executable).parent / "unknot")
    ours_argv = [unknot, "due", "--short"]
    peer_argv = [sys.executable, "-c", "pass"]
    subprocess.run([unknot, "list"], env=env, stdout=subprocess.DEVNULL, check=True)  # the library copy
    ids_argv = [unknot, "list", "--ids"]
    script_argv = [unknot, "completion", "bash"]
    ours, peer, ids, script = [], [], [], []
    for _ in range(runs):
        ours.append(_wall_time(ours_argv, env))
        peer.append(_wall_time(peer_argv, env))
        ids.append(_wall_time(ids_argv, env))
        script.append(_wall_time(script_argv, env))
    ours_ms, peer_ms = statistics.median(ours) * 1000, statistics.median(peer) * 1000
    ids_ms, script_ms = statistics.median(ids) * 1000, statistics.median(script) * 1000
    subprocess.run([unknot, "plan", "start", "desk-back"], env=env, stdout=subprocess.DEVNULL, check=True)
    with_plan, peer_again = [], []
    for _ in range(runs):
        with_plan.append(_wall_time(ours_argv, env))
        peer_again.append(_wall_time(peer_argv, env))
    plan_ms, peer_again_ms = statistics.median(with_plan) * 1000, statistics.median(peer_again) * 1000
    full_way = []
    for _ in range(runs):
        for kept in (home / "cache").rglob("plans.json"):
            kept.unlink()  # `due --short` never writes it back
        full_way.append(_wall_time(ours_argv, env))
    textual_loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, unknot.cli as c; c.main(['due', '--short']); print('textual' in sys.modules)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[-1]
    return {
        "due_short_ms": round(ours_ms, 1),
        "python_ms": round(peer_ms, 1),
        "ratio": round(ours_ms / peer_ms, 2),
        "with_plan_ms": round(plan_ms, 1),
        "with_plan_ratio": round(plan_ms / peer_again_ms, 2),
        "with_plan_full_way_ms": round(statistics.median(full_way) * 1000, 1),
        "list_ids_ms": round(ids_ms, 1),
        "list_ids_ratio": round(ids_ms / peer_ms, 2),
        "completion_ms": round(script_ms, 1),
        "runs": runs,
        "imports_textual": textual_loaded == "True",
    }


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 21)))
