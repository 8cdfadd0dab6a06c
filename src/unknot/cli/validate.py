"""`unknot validate`: check routine files once, or again after every save with `--watch`."""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.library.checking import load_for_checking
from ..core.library.library import Library
from ..core.library.loader import load_library
from ..core.paths import routine_folders
from ..core.plans.checking import check_plans, is_plan_path
from ..core.routines.text import shown_path
from . import UsageError
from .problems import print_problems

if TYPE_CHECKING:
    from ..core.library.watching import RoutineChanges

# The watcher (watchfiles, a thread) is imported only with --watch.


def command_validate(args: argparse.Namespace) -> int:
    """Check files or folders (or the whole library); one located line per problem.

    With `--watch`, check again after every change until Ctrl+C; the status is the last check's.
    """
    status = _check_and_print(args)
    return _validate_on_change(args, status) if args.watch else status


def _check_and_print(args: argparse.Namespace) -> int:
    """Validate once and print the result; 1 when there is a problem."""
    routine_paths = [path for path in args.paths if not is_plan_path(path)]
    named_plans = len(routine_paths) < len(args.paths)
    library = load_for_checking(routine_paths, args.routines) if routine_paths or not args.paths else Library()
    everything = library if not args.paths else load_library(routine_folders(args.routines))
    book = check_plans(args.paths, args.routines, {key: entry.routine for key, entry in everything.routines.items()})
    print_problems(library.problems + book.problems)
    errors = len(library.errors) + len(book.errors)
    count = _count(len(library.routines), "routine") if routine_paths or not args.paths else ""
    if book.plans or not args.paths or named_plans:
        count = ", ".join(filter(None, [count, _count(len(book.plans), "plan")]))
    if errors:
        print(f"{_count(errors, 'problem')}; {count} valid", file=sys.stderr)
        return 1
    print(f"{count} valid")
    return 0


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'s' if number != 1 else ''}"


def _validate_on_change(args: argparse.Namespace, status: int) -> int:
    """Check again after each batch of changes to the named paths or the search path, until Ctrl+C."""
    from ..core.library.watching import RoutineChanges, WatchFailed

    # The search path counts too: a `use:` or a diagram there can change what the named files mean.
    folders = [*routine_folders(args.routines), *(path for path in args.paths if path.is_dir())]
    changes = RoutineChanges(folders, files=[path for path in args.paths if not path.is_dir()])
    stop = threading.Event()
    print("Watching for changes; Ctrl+C stops.", file=sys.stderr, flush=True)
    try:
        for batch in change_batches(changes, stop):
            names = ", ".join(shown_path(Path(path)) for path in batch[:3]) + (" …" if len(batch) > 3 else "")
            print(f"\n{time.strftime('%H:%M:%S')} changed: {names}", flush=True)
            status = _check_and_print(args)
            sys.stdout.flush()
    except WatchFailed as error:
        raise UsageError(f"cannot watch for changes: {error}") from None
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
    return status


def change_batches(changes: RoutineChanges, stop: threading.Event) -> Iterator[list[str]]:
    """The batches of changed paths `validate --watch` checks after (tests put theirs in its place)."""
    from ..core.library.watching import routine_changes

    return routine_changes(changes, stop)
