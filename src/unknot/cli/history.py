"""`unknot history` and `unknot history import`: past sessions as text, JSON or CSV, and adding exported ones."""

from __future__ import annotations

import argparse
import datetime
import sys

from ..core.history.exchange import (
    MAX_IMPORT_BYTES,
    UnreadableFile,
    read_import,
    write_sessions_csv,
    write_sessions_json,
)
from ..core.history.layout import report_text
from ..core.history.report import each_history_row, report_from_store
from ..core.history.store import HistoryStore
from ..core.paths import data_dir
from ..core.routines.text import shown_path
from ..core.safe_files import read_regular_file
from . import UsageError


def _history(args: argparse.Namespace) -> HistoryStore:
    """Open history in `--data-dir` (or where UNKNOT_DATA_DIR or the default says)."""
    return HistoryStore(data_dir(args.data_dir))


def command_history(args: argparse.Namespace) -> int:
    """Print history: JSON, CSV, the pain chart, or the streak, pain averages and recent sessions."""
    store = _history(args)
    if not store.available:
        raise UsageError(str(store.problem))
    if store.notice:
        print(f"unknot: {store.notice}", file=sys.stderr)
    if args.json or args.csv:
        # Streamed: an export of hundreds of thousands of sessions never holds them all.
        rows = each_history_row(store.each_session(), store.checkpoints())
        (write_sessions_json if args.json else write_sessions_csv)(rows, sys.stdout)
        if store.problem:
            raise UsageError(f"the export stopped early: {store.problem}")
        return 0
    report = report_from_store(store, datetime.date.today())
    if args.chart:
        from ..core.history.chart import build_chart, chart_text

        stored = [row.record for row in report.rows if row.record.id is not None]
        width = output_width()
        print(chart_text(build_chart(stored, report.today, args.weeks, width=width), width), end="")
    else:
        print(report_text(report, output_width()), end="")
    return 0


def output_width() -> int:
    """Return the columns to lay history out for: COLUMNS when set, else the terminal's width, else (piped) 80."""
    import shutil

    from ..core.history.layout import REPORT_WIDTH

    return max(20, shutil.get_terminal_size((REPORT_WIDTH, 24)).columns)


def command_history_import(args: argparse.Namespace) -> int:
    """Add the sessions of an exported file; each bad row is reported by its place, and makes the exit 1."""
    name = "standard input" if str(args.file) == "-" else shown_path(args.file)
    try:
        if str(args.file) == "-":
            data = sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1)
            if len(data) > MAX_IMPORT_BYTES:
                raise UsageError(f"{name} is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB")
        else:
            data = read_regular_file(args.file, MAX_IMPORT_BYTES)
        found = read_import(data.decode("utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{name}: no such file") from None
    except UnicodeDecodeError:
        raise UsageError(f"{name}: not UTF-8 text") from None
    except UnreadableFile as error:
        raise UsageError(f"{name}: {error}") from None
    except OSError as error:
        raise UsageError(f"{name}: cannot read it ({error.strerror or 'not a regular file, or too large'})") from None
    for problem in found.bad:
        print(f"unknot: {name}: {problem}", file=sys.stderr)
    for skipped in found.skipped:
        print(f"unknot: {name}: {skipped} (left out)", file=sys.stderr)
    store = _history(args)
    added = store.import_sessions(found.sessions) if store.available else None
    store.close()
    if added is None:
        raise UsageError(f"nothing was imported: {store.problem}")
    already = len(found.sessions) - added
    words = [f"{added} session{'s' if added != 1 else ''} added"]
    if already:
        words.append(f"{already} already in history")
    if found.bad:
        words.append(f"{len(found.bad)} bad row{'s' if len(found.bad) != 1 else ''} left out")
    print(", ".join(words))
    return 1 if found.bad else 0
