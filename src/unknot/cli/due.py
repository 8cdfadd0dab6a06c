"""`unknot due`: what is due today and this week, as a table, a JSON array, or one line for a prompt.

`unknot due --short` usually answers before this module is imported (`_answer_quickly` in
`__init__.py`, from small files the library copy leaves); this is the way when those are missing,
or when a plan is followed (its day needs the plan files).
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from typing import TYPE_CHECKING

from ..core.history.due import DueReading, read_for_due
from ..core.library.opening import open_library
from ..core.library.search import browse_order
from ..core.paths import DATABASE_NAME, data_dir, plan_folders
from ..core.plans.due import due_with_plan
from ..core.routines.describe import equipment_text
from ..core.settings import SettingsStore
from ..core.standings import short_line, week_start
from . import UsageError

if TYPE_CHECKING:
    from ..core.plans.loading import PlanBook


def command_due(args: argparse.Namespace) -> int:
    """Print what is due today and this week (the followed plan's sessions counted in): a table, a JSON
    array, or one line for a prompt.

    `--short` is for a shell prompt or tmux's status line: it never writes, and prints nothing
    (exit 0) when history cannot be read or anything else goes wrong.
    """
    if args.short and args.json:
        raise UsageError("--short is one line of text for a prompt; --json is the whole table: choose one")
    today = datetime.date.today()
    database = data_dir(args.data_dir) / DATABASE_NAME
    owned = SettingsStore().examine()[0].equipment  # read only: a prompt never moves a file
    if args.short:
        try:
            reading = read_for_due(database, week_start(today), plan_rows=True)
            if reading is None:
                return 0
            library = open_library(args.routines, write=False)
            book = _plans(args, reading, keep=False)
            due = due_with_plan(library.routines.values(), library.routines, reading, book, today, owned)
            line = short_line(due.rows)
            if line:
                print(line)
        except Exception:  # a prompt must never show a traceback
            pass
        return 0
    reading = read_for_due(database, week_start(today), plan_rows=True)
    if reading is None:
        raise UsageError("history cannot be read; `unknot history` says why")
    library = open_library(args.routines)
    rows, _, problem = due_with_plan(
        browse_order(library.routines.values()), library.routines, reading, _plans(args, reading), today, owned
    )
    if problem is not None:
        print(f"unknot: {problem}", file=sys.stderr)
    if args.json:
        print(json.dumps([row.as_json() for row in rows], indent=2, ensure_ascii=False))
        return 0
    width = max((len(row.id) for row in rows), default=2)
    for row in rows:
        counts = f"{row.count_today} today, {row.count_week} this week"
        plan = {0: "", 1: "today's plan"}.get(row.plan_sessions, f"{row.plan_sessions} in today's plan")
        notes = "; ".join(text for text in (row.limit_text(), plan) if text)
        lacking = f"  (needs {equipment_text(row.missing_kit)})" if row.missing_kit else ""
        print(f"{row.id:<{width}}  {row.status.value:<8}  {counts}" + (f"  ({notes})" if notes else "") + lacking)
    return 0


def _plans(args: argparse.Namespace, reading: DueReading, *, keep: bool = True) -> PlanBook:
    """The plans on the plan path, read only when one is followed (the plan format loads only then);
    their rules kept for `--short`'s quick way unless `keep` is False (`--short` never writes)."""
    from ..core.plans.loading import PlanBook, load_plans
    from ..core.plans.quick import load_and_keep_plans

    if reading.plan is None:
        return PlanBook()
    return load_and_keep_plans(args.routines) if keep else load_plans(plan_folders(args.routines))
