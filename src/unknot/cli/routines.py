"""`unknot list` and `unknot show`: the library as a table, a JSON array, or one routine as text."""

from __future__ import annotations

import argparse
import json

from ..core.library.opening import open_library
from ..core.library.search import browse_order
from ..core.routines.describe import describe_routine, equipment_text, total_text
from ..core.routines.text import shown_path
from ..core.settings import SettingsStore
from . import UsageError
from .problems import summarise_problems


def command_list(args: argparse.Namespace) -> int:
    """Print every routine: a table, a JSON array with --json, or only the ids with --ids."""
    library = open_library(args.routines)
    if args.ids:  # for a shell's completion: one id a line, sorted, and nothing on stderr
        print("\n".join(sorted(library.routines)))
        return 0
    entries = browse_order(library.routines.values(), SettingsStore().load().recent)
    if args.json:
        rows = [
            {
                "id": entry.id,
                "title": entry.routine.title,
                "summary": entry.routine.summary,
                "total_seconds": entry.total_seconds,
                "open_ended": entry.open_ended,
                "steps": len(entry.routine.steps),
                "equipment": list(entry.routine.equipment),
                "areas": list(entry.routine.areas),
                "tags": list(entry.routine.tags),
                "intensity": entry.routine.intensity,
                "path": shown_path(entry.path),
            }
            for entry in entries
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        width = max((len(entry.id) for entry in entries), default=2)
        for entry in entries:
            time = total_text(entry.total_seconds, entry.open_ended)
            print(f"{entry.id:<{width}}  {time:>7}  {entry.card.title}  [{equipment_text(entry.card.equipment)}]")
    summarise_problems(library)
    return 0


def command_show(args: argparse.Namespace) -> int:
    """Print one routine as plain text."""
    library = open_library(args.routines)
    entry = library.routines.get(args.id)
    if entry is None:
        raise UsageError(f"no routine with the id {args.id!r}; `unknot list` shows the ids")
    print(describe_routine(entry.routine, entry.total_seconds, entry.open_ended), end="")
    return 0
