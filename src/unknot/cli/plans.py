"""`unknot plan list|show|start|stop|status|export` and `unknot today`: plans that build up over weeks."""

from __future__ import annotations

import argparse
import datetime
import json
import sys

from ..core.history.store import HistoryStore
from ..core.library.library import Library
from ..core.library.opening import open_library
from ..core.paths import data_dir
from ..core.plans.active import active_today, gone_plan_problem
from ..core.plans.checks import check_against_routines
from ..core.plans.describe import describe_plan
from ..core.plans.loading import PlanBook, PlanEntry
from ..core.plans.quick import load_and_keep_plans
from ..core.routines.problems import Severity
from . import UsageError
from .problems import print_problems


def _book(args: argparse.Namespace) -> PlanBook:
    """Every plan on the plan path; the files that did not load are said on stderr."""
    book = load_and_keep_plans(args.routines)
    print_problems([problem for problem in book.problems if problem.severity is Severity.NOTICE])
    if book.errors:
        count = len(book.errors)
        print(
            f"unknot: {count} plan file problem{'s' if count != 1 else ''}; run `unknot validate` for the details",
            file=sys.stderr,
        )
    return book


def _plan(book: PlanBook, plan_id: str) -> PlanEntry:
    entry = book.plans.get(plan_id)
    if entry is None:
        raise UsageError(f"no plan with the id {plan_id!r}; `unknot plan list` shows the ids")
    return entry


def _history(args: argparse.Namespace) -> HistoryStore:
    store = HistoryStore(data_dir(getattr(args, "data_dir", None)))
    if not store.available:
        raise UsageError(str(store.problem))
    return store


def command_plan_list(args: argparse.Namespace) -> int:
    """Print every plan: id, title and days (a JSON array with --json, only the ids with --ids)."""
    if args.ids:  # for a shell's completion: one id a line, sorted, and nothing on stderr
        print("\n".join(sorted(load_and_keep_plans(args.routines).plans)))
        return 0
    book = _book(args)
    entries = sorted(book.plans.values(), key=lambda entry: entry.id)
    if args.json:
        rows = [
            {"id": entry.id, "title": entry.plan.title, "days": entry.plan.days, "summary": entry.plan.summary}
            for entry in entries
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    width = max((len(entry.id) for entry in entries), default=2)
    for entry in entries:
        print(f"{entry.id:<{width}}  {entry.plan.days:>3} days  {entry.plan.title}")
    return 0


def command_plan_show(args: argparse.Namespace) -> int:
    """Print the whole plan as text: phases, days, durations and rules."""
    entry = _plan(_book(args), args.id)
    print(describe_plan(entry.plan, entry.id), end="")
    return 0


def command_plan_start(args: argparse.Namespace) -> int:
    """Follow a plan from today (or `--from DATE`), in place of any plan followed before."""
    entry = _plan(_book(args), args.id)
    library = open_library(args.routines)
    findings = check_against_routines(entry.plan, {key: item.routine for key, item in library.routines.items()})
    if findings:
        print(
            f"unknot: the plan {entry.id!r} does not fit the routines you have "
            "(`unknot validate` says where); items it cannot play will say so",
            file=sys.stderr,
        )
    start = args.start or datetime.date.today()
    store = _history(args)
    if not store.start_plan(entry.id, start):
        raise UsageError(f"the plan was not saved: {store.problem}")
    when = "today" if start == datetime.date.today() else start.isoformat()
    print(f"Following {entry.plan.title} ({entry.id}) from {when}: {entry.plan.days} days.")
    print("`unknot today` shows the day's sessions; the app opens on them.")
    return 0


def command_plan_stop(args: argparse.Namespace) -> int:
    """Stop following the plan (its sessions stay in history)."""
    store = _history(args)
    active = store.active_plan()
    if active is None:
        print("No plan is followed.")
        return 0
    if not store.stop_plan():
        raise UsageError(f"the plan was not stopped: {store.problem}")
    print(f"Stopped following {active[0]}; its sessions stay in history.")
    return 0


def command_plan_status(args: argparse.Namespace) -> int:
    """Print the followed plan's day, or that none is followed."""
    return _print_today(args, json_output=False)


def command_today(args: argparse.Namespace) -> int:
    """Print the followed plan's day: its sessions, their length today, done or not, and why progress is held."""
    return _print_today(args, json_output=args.json)


def _print_today(args: argparse.Namespace, *, json_output: bool) -> int:
    store = _history(args)
    library: Library = open_library(args.routines)
    today, problem = active_today(store, _book(args), library.routines, datetime.date.today())
    if problem is not None:
        raise UsageError(problem)
    if today is None:
        if json_output:
            print("null")
        else:
            print("No plan is followed. `unknot plan list` shows the plans; `unknot plan start ID` begins one.")
        return 0
    if json_output:
        print(json.dumps(today.as_json(), indent=2, ensure_ascii=False))
    else:
        print("\n".join(today.lines()))
    return 0


def command_plan_export(args: argparse.Namespace) -> int:
    """Write the followed (or named) plan's days to --ics FILE: one calendar event a day, with a reminder."""
    from ..core.history.due import read_for_due
    from ..core.paths import DATABASE_NAME
    from ..core.plans.calendar import ALARM_BEFORE, plan_calendar, planned_days
    from ..core.plans.progress import session_from_row
    from ..core.routines.text import shown_path
    from ..core.safe_files import write_private_file

    if args.ics is None:
        raise UsageError("say where to write the calendar: --ics FILE (or --ics - for standard output)")
    today = datetime.date.today()
    at = args.at or datetime.time(18, 0)
    reading = read_for_due(data_dir(args.data_dir) / DATABASE_NAME, today, plan_rows=True)
    followed = reading.plan if reading is not None else None
    book = _book(args)
    if args.id is None:
        if followed is None:
            raise UsageError(
                "no plan is followed: name the plan to export (`unknot plan export ID --ics FILE`), "
                "or follow one first with `unknot plan start ID`"
            )
        if args.start is not None:
            raise UsageError("--from is for a plan not followed; the plan followed began on its own day")
        entry = book.plans.get(followed[0])
        if entry is None:
            raise UsageError(gone_plan_problem(followed[0]))
    else:
        entry = _plan(book, args.id)
    if followed is not None and followed[0] == entry.id and args.start is None:
        rows = reading.plan_rows if reading is not None else []
        start, records = followed[1], [session_from_row(row) for row in rows]
    else:
        start, records = args.start or today, []
    library = open_library(args.routines)
    days = planned_days(entry, start, today, records, library.routines)
    if not days:
        raise UsageError(f"the plan {entry.id!r} has no days left to put in a calendar (it ended, or only rests)")
    data = plan_calendar(entry, days, at, datetime.datetime.now(datetime.UTC))
    if str(args.ics) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    try:
        write_private_file(args.ics, data)
    except OSError as error:
        raise UsageError(f"cannot write {shown_path(args.ics)} ({error.strerror or error})") from None
    minutes = int(ALARM_BEFORE.total_seconds() // 60)
    print(
        f"{len(days)} day{'s' if len(days) != 1 else ''} with sessions of {entry.plan.title} ({entry.id}), "
        f"{days[0].date} to {days[-1].date}, at {at:%H:%M} with a reminder {minutes} minutes before: "
        f"{shown_path(args.ics)}"
    )
    return 0
