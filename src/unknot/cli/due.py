"""`unknot due`: what is due today and this week, as a table, a JSON array, or one line for a prompt.

`unknot due --short` usually answers before this module is imported (`_quick_due_short` in
`__init__.py`, from small files the library copy leaves); this is the way when those are missing.
"""

from __future__ import annotations

import argparse
import datetime
import json

from ..core.history.due import counted_starts, prompt_text
from ..core.library.library import routine_limits, routines_missing_kit
from ..core.library.opening import open_library
from ..core.library.search import browse_order
from ..core.paths import DATABASE_NAME, data_dir
from ..core.routines.describe import equipment_text
from ..core.settings import SettingsStore
from ..core.standings import due_rows, week_start
from . import UsageError


def command_due(args: argparse.Namespace) -> int:
    """Print what is due today and this week: a table, a JSON array, or one line for a prompt.

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
            shown = list(open_library(args.routines, write=False).routines.values())
            line = prompt_text(routine_limits(shown), database, today, routines_missing_kit(shown, owned))
            if line:
                print(line)
        except Exception:  # a prompt must never show a traceback
            pass
        return 0
    starts = counted_starts(database, week_start(today))
    if starts is None:
        raise UsageError("history cannot be read; `unknot history` says why")
    library = open_library(args.routines)
    entries = browse_order(library.routines.values())
    rows = due_rows(routine_limits(entries), starts, today, routines_missing_kit(entries, owned))
    if args.json:
        print(json.dumps([row.as_json() for row in rows], indent=2, ensure_ascii=False))
        return 0
    width = max((len(row.id) for row in rows), default=2)
    for row in rows:
        counts = f"{row.count_today} today, {row.count_week} this week"
        limit = row.limit_text()
        lacking = f"  (needs {equipment_text(row.missing_kit)})" if row.missing_kit else ""
        print(f"{row.id:<{width}}  {row.status.value:<8}  {counts}" + (f"  ({limit})" if limit else "") + lacking)
    return 0
