"""`unknot due --short` with a plan followed, quickly: the plans' rules in a small file beside the library copy.

A prompt cannot afford to parse plan files (PyYAML, msgspec, the library): whenever plans are loaded
for a command or the app, each valid plan's rules (its days, phases, advances and holds; no titles
but the phases', no durations) are written to `plans.json` in the user cache folder with a
fingerprint of the plan folders (and the core's source). `--short` reads them back while the
fingerprint matches, walks the plan's days with the same `progress.standing` the full way uses,
and counts the day's sessions in with `standings.with_plan`: the same line as the full way.

Anything odd (a missing, stale, tampered or unreadable file) sends `--short` the full way; what it
prints are routine ids from the frequencies file, which are checked there (`a-z0-9-`), so nothing
in this file can reach the terminal.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

from ..library.fingerprint import Fingerprint, library_fingerprint
from ..library.frequencies import fingerprint_json
from ..safe_files import read_regular_file, write_private_file
from .progress import session_from_row, sessions_to_do, standing

if TYPE_CHECKING:
    from .loading import PlanBook
    from .model import Plan

PLANS_FILE = "plans.json"
MAX_PLANS_BYTES = 4 * 1024 * 1024


def plan_rules(plan: Plan) -> dict[str, Any]:
    """Return what `progress.standing` reads of a plan, as plain data (every field, defaults included)."""
    hold = plan.rules.hold_when_worse
    return {
        "days": plan.days,
        "rules": {
            "hold_when_worse": None if hold is None else {"worse": hold.worse, "of_last": hold.of_last},
            "step_back_on_too_much": plan.rules.step_back_on_too_much,
        },
        "phases": [
            {
                "title": phase.title,
                "advance": None
                if phase.advance is None
                else {"after_sessions": phase.advance.after_sessions, "after_days": phase.advance.after_days},
                "days": [{"routines": list(day.routines), "rest": day.rest, "note": day.note} for day in phase.days],
            }
            for phase in plan.phases
        ],
    }


def write_plan_rules(folder: Path, fingerprint: Fingerprint, book: PlanBook) -> None:
    """Write every valid plan's rules with the fingerprint of the folders they came from; a failure
    only costs `--short` its quick way."""
    data = {
        "fingerprint": fingerprint_json(fingerprint),
        "plans": [[plan_id, plan_rules(entry.plan)] for plan_id, entry in sorted(book.plans.items())],
    }
    with contextlib.suppress(OSError):
        write_private_file(folder / PLANS_FILE, json.dumps(data).encode())


def read_plan_rules(folder: Path, fingerprint: Fingerprint) -> dict[str, Plan] | None:
    """Return {plan id: its rules} when the file is current, else None.

    The rules read as attributes (`plan.phases[0].days[0].routines`), as `progress.standing` reads a
    Plan; a tampered file that breaks them makes `prompt_line` fail, and the full way answer.
    """
    try:
        raw = read_regular_file(folder / PLANS_FILE, MAX_PLANS_BYTES)
        data = json.loads(raw)
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("fingerprint") != fingerprint_json(fingerprint):
        return None
    plans = json.loads(raw, object_hook=lambda fields: SimpleNamespace(**fields)).plans
    return {str(plan_id): cast("Plan", rules) for plan_id, rules in plans}


def load_and_keep_plans(extra: Sequence[Path] = ()) -> PlanBook:
    """Load the plans on the plan path (with `extra` routine folders), keeping their rules for `--short`."""
    from ..paths import plan_folders, user_cache_dir
    from .loading import load_plans

    folders = plan_folders(extra)
    fingerprint = library_fingerprint(folders)  # before loading: a file changed meanwhile makes the copy stale
    book = load_plans(folders)
    write_plan_rules(user_cache_dir(), fingerprint, book)
    return book


def prompt_line(today: dt.date | None = None) -> str | None:
    """Return `unknot due --short`'s line the quick way: no routine or plan files, nothing written.

    It reads the routines' ids, frequencies and kit, and the plans' rules, from the files kept beside
    the library copy, the kit the person has from the settings, and the sessions (and the plan
    followed) from a read-only history. None when a kept file is missing or not current (the caller
    then loads the library and the plans); an empty line when history cannot be read.
    """
    from ..history.due import owned_kit_quickly, read_for_due
    from ..library.frequencies import read_frequencies, read_ids, read_kit
    from ..paths import DATABASE_NAME, data_dir, plan_folders, routine_folders, user_cache_dir, user_config_dir
    from ..standings import DueStatus, PlainLimits, due_rows, missing_kit, short_line, week_start, with_plan

    cache, day = user_cache_dir(), today or dt.date.today()
    fingerprint = library_fingerprint(routine_folders())
    limits, ids, kit = read_frequencies(cache, fingerprint), read_ids(cache, fingerprint), read_kit(cache, fingerprint)
    if limits is None or ids is None or kit is None:
        return None
    reading = read_for_due(data_dir() / DATABASE_NAME, week_start(day), plan_rows=True)
    if reading is None:
        return ""
    owned = owned_kit_quickly(user_config_dir() / "settings.json")
    missing = {routine_id: lacking for routine_id, needed in kit.items() if (lacking := missing_kit(needed, owned))}
    # Every routine has a row (a plan can make one without a frequency due), as in the full way.
    routines = [(routine_id, routine_id, PlainLimits(**limits.get(routine_id, {}))) for routine_id in ids]
    rows = due_rows(routines, reading.starts, day, missing)
    if reading.plan is None:
        return short_line(rows)
    plans = read_plan_rules(cache, library_fingerprint(plan_folders()))
    if plans is None:
        return None
    plan_id, start = reading.plan
    plan = plans.get(plan_id)
    if plan is None:  # the followed plan is gone: the frequencies alone, as the full way says
        return short_line(rows)
    at_limit = [row.id for row in rows if row.status is DueStatus.AT_LIMIT]
    where = standing(plan, start, day, [session_from_row(row) for row in reading.plan_rows], at_limit)
    return short_line(with_plan(rows, sessions_to_do(where.items, ids)))
