"""`unknot list` and `unknot show`: the library as a table, a JSON array, or one routine as text."""

from __future__ import annotations

import argparse
import json

from ..core.library.opening import open_library
from ..core.library.search import browse_order
from ..core.routines.describe import describe_routine, kit_words, total_text
from ..core.routines.text import clean_line, shown_path
from ..core.settings import SettingsStore
from ..core.standings import missing_kit
from . import UsageError
from .problems import summarise_problems

#: The width `unknot list` lays its rows out for: a terminal's default.
LIST_COLUMNS = 80


def command_list(args: argparse.Namespace) -> int:
    """Print every routine: a table, a JSON array with --json, or only the ids with --ids."""
    library = open_library(args.routines)
    if args.ids:  # for a shell's completion: one id a line, sorted, and nothing on stderr
        print("\n".join(sorted(library.routines)))
        return 0
    settings = SettingsStore().load()
    entries = browse_order(library.routines.values(), settings.recent)
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
                "missing_kit": list(missing_kit(entry.card.equipment, settings.equipment)),
                "areas": list(entry.routine.areas),
                "tags": list(entry.routine.tags),
                "intensity": entry.routine.intensity,
                "path": shown_path(entry.path),
            }
            for entry in entries
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        # Laid out for 80 columns: the id and the time in full, the title cut with an ellipsis, the kit
        # (the longest part) on a second line only when it does not fit beside the title.
        width = max((len(entry.id) for entry in entries), default=2)
        for entry in entries:
            time = total_text(entry.total_seconds, entry.open_ended)
            head = f"{entry.id:<{width}}  {time:>7}  "
            title = entry.card.title
            room = max(10, LIST_COLUMNS - len(head))
            if len(title) > room:
                title = title[: room - 1] + "…"
            lacking = missing_kit(entry.card.equipment, settings.equipment)
            kit = "[" + ", ".join(
                kit_words(item) + (" (missing)" if item in lacking else "") for item in entry.card.equipment
            )
            kit = kit + "]" if entry.card.equipment else "[none]"
            if len(head) + len(title) + 2 + len(kit) <= LIST_COLUMNS:
                print(f"{head}{title}  {kit}")
            else:
                room = LIST_COLUMNS - len(head)
                print(f"{head}{title}\n{' ' * len(head)}{kit if len(kit) <= room else kit[: room - 2] + '…]'}")
    summarise_problems(library)
    return 0


def command_show(args: argparse.Namespace) -> int:
    """Print one routine as plain text."""
    library = open_library(args.routines)
    entry = library.routines.get(args.id)
    if entry is None:
        import difflib

        guess = difflib.get_close_matches(args.id, list(library.routines), n=1)
        hint = f"; did you mean {guess[0]!r}?" if guess else "; `unknot list` shows the ids"
        raise UsageError(f"no routine with the id {clean_line(args.id)!r}{hint}")
    print(describe_routine(entry.routine, entry.total_seconds, entry.open_ended), end="")
    return 0
