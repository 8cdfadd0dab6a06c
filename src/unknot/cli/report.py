"""`unknot report`: the report for a physiotherapist, as one HTML file and, with a browser at hand, a PDF."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

from . import UsageError

#: The period a report covers when --from is not given.
DEFAULT_WEEKS = 12


def report_period(start: dt.date | None, end: dt.date | None, today: dt.date) -> tuple[dt.date, dt.date]:
    """Return the first and last day of the report: --to (today), and --from (12 weeks before it)."""
    from ..core.physio_report import MAX_WEEKS

    last = end or today
    first = start or last - dt.timedelta(weeks=DEFAULT_WEEKS) + dt.timedelta(days=1)
    if first > last:
        raise UsageError(f"--from {first} is after --to {last}")
    if (last - first).days > MAX_WEEKS * 7:
        raise UsageError(f"a report covers at most {MAX_WEEKS} weeks; choose a later --from or an earlier --to")
    return first, last


def command_report(args: argparse.Namespace) -> int:
    """Write the report of the chosen period and routines to --html FILE and/or --pdf FILE."""
    from ..core.history.store import HistoryStore
    from ..core.paths import data_dir
    from ..core.pdf_printing import PdfUnavailable, print_pdf
    from ..core.physio_report import build_physio_report, physio_html
    from ..core.routines.text import shown_path
    from ..core.safe_files import write_private_file

    if args.html is None and args.pdf is None:
        raise UsageError("say where to write the report: --html FILE, --pdf FILE, or both")
    first, last = report_period(args.from_date, args.to_date, dt.date.today())
    store = HistoryStore(data_dir(args.data_dir))
    if not store.available:
        raise UsageError(str(store.problem))
    sessions = store.recent_sessions(limit=None)
    problem = store.problem
    store.close()
    if problem:
        raise UsageError(problem)
    report = build_physio_report(sessions, first, last, args.routine or ())
    page = physio_html(report)
    written = []
    try:
        if args.html is not None:
            write_private_file(args.html, page.encode("utf-8"))
            written.append(shown_path(args.html))
    except OSError as error:
        raise UsageError(f"cannot write {shown_path(args.html)} ({error.strerror or error})") from None
    if args.pdf is not None:
        with tempfile.TemporaryDirectory(prefix="unknot-report-") as folder:
            source = args.html if args.html is not None else Path(folder) / "report.html"
            if args.html is None:
                source.write_text(page, encoding="utf-8")
            try:
                print_pdf(source, args.pdf)
            except PdfUnavailable as why:
                for name in written:
                    print(f"{name} written", file=sys.stderr)
                raise UsageError(f"no PDF was made: {why}") from None
        written.append(shown_path(args.pdf))
    print(
        f"{report.sessions} session{'s' if report.sessions != 1 else ''} from {first} to {last}: " + ", ".join(written)
    )
    return 0
