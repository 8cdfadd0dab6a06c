"""The history report laid out as words for a width: 80 columns first, narrower and wider alike.

`overview_lines` gives the streak, the four-week chart and the "is it helping?" table as lines of
spans (text and a role); `session_table` fits the sessions into the columns there are: titles and
notes are cut with an ellipsis, shorter words and dates come next, and the least needed columns go
last of all, so no row ever wraps. `unknot history` prints them for its terminal's width
(`report_text`), the history screen styles them for its own.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from ..glyphs import glyphs
from ..routines.durations import format_duration
from ..routines.text import cell_width
from ..session.events import SessionRecord
from .notes import clean_note
from .report import NO_SESSIONS, PAIN_WEEKS, STATUS_WORDS, HistoryReport, HistoryRow, PainSummary, RowStatus

#: A run of text and its role: "" (plain), "label", "value", "chart", "axis", "heading", "muted".
Span = tuple[str, str]

#: The width history is laid out for when nothing says otherwise (a terminal's default; piped output).
REPORT_WIDTH = 80
#: Spaces between two columns of a table.
GAP = 2


def cut(text: str, width: int) -> str:
    """Return `text` in at most `width` cells, ending in an ellipsis when it had to be cut."""
    if cell_width(text) <= width:
        return text
    ellipsis = glyphs().ellipsis
    room = width - cell_width(ellipsis)
    if room <= 0:
        return ellipsis[: max(width, 0)]
    kept = ""
    for char in text:
        if cell_width(kept + char) > room:
            break
        kept += char
    return kept.rstrip() + ellipsis


def pad(text: str, width: int) -> str:
    """Return `text` followed by spaces up to `width` cells."""
    return text + " " * max(0, width - cell_width(text))


def pack_phrases(phrases: Sequence[str], width: int) -> list[str]:
    """Return the phrases joined by spaces into lines of at most `width` cells, breaking only between phrases."""
    lines: list[str] = []
    for phrase in phrases:
        if lines and cell_width(lines[-1]) + 1 + cell_width(phrase) <= width:
            lines[-1] += " " + phrase
        else:
            lines.append(phrase)
    return lines


# ----- the overview ----------------------------------------------------------------------------------


def bar_chart(values: Sequence[float], rows: int = 4, column_width: int = 2) -> list[str]:
    """Return a vertical bar chart of `values` as `rows` lines of block characters, tallest on top.

    With `column_width` 2 each bar is followed by a space; with 1 the bars touch.
    """
    peak = max(values, default=0) or 1
    eighths_glyphs = glyphs().spark
    lines = []
    for row in range(rows - 1, -1, -1):
        cells = []
        for value in values:
            eighths = round(value / peak * rows * 8)
            fill = max(0, min(8, eighths - row * 8))
            if value > 0 and row == 0 and fill == 0:
                fill = 1  # any practice at all shows
            cells.append(eighths_glyphs[fill] * max(1, column_width - 1) + " " * (column_width > 1))
        lines.append("".join(cells).rstrip())
    return lines


def overview_lines(report: HistoryReport, width: int = REPORT_WIDTH) -> list[list[Span]]:
    """Return the streak, the four-week chart and the pain table, as lines of spans within `width` cells."""
    if not report.rows:
        return [[(NO_SESSIONS, "")]]
    days = report.minutes_by_day
    streak = report.streak_days
    streak_spans: list[Span] = [("Streak: ", "label"), (f"{streak} day{'s' if streak != 1 else ''}", "value")]
    weeks_spans: list[Span] = [("Last 4 weeks: ", "label"), (format_duration(round(report.total_minutes * 60)), "")]
    together = [*streak_spans, ("    ", ""), *weeks_spans]
    fits = sum(cell_width(text) for text, _ in together) <= width
    lines: list[list[Span]] = [together, []] if fits else [streak_spans, weeks_spans, []]
    # A bar and a space a day (56 columns); bars that touch where that does not fit.
    column_width = 2 if len(days) * 2 <= width else 1
    lines += [[(line, "chart")] for line in bar_chart([minutes for _, minutes in days], column_width=column_width)]
    lines.append([(f"{days[0][0]:%d %b}".ljust(len(days) * column_width - 5) + "today", "axis")])
    if report.pain:
        lines += [[], *pain_lines(report.pain, width)]
    return lines


def drop_sparkline(drops: Sequence[float | None]) -> str:
    """Return one mark per week: taller for a bigger drop in pain (4 points or more is full), `·` for no rating."""
    bars = glyphs().spark
    marks = []
    for drop in drops:
        if drop is None:
            marks.append("·")
        else:
            marks.append(bars[1 + round(min(max(drop, 0.0), 4.0) / 4.0 * (len(bars) - 2))])
    return "".join(marks)


#: A routine's title in the pain table keeps at least this many cells before its verdict moves to a line of its own.
PAIN_TITLE_MIN = 16
PAIN_HEADING = ("Pain before → after", "how you rated it; not medical advice")
#: The footnote in phrases: a narrow screen breaks it between them.
PAIN_FOOTNOTE = ("Each mark is a week:", "taller is a bigger drop", "after the session;", "· no rating.")


def pain_lines(pain: Sequence[PainSummary], width: int = REPORT_WIDTH) -> list[list[Span]]:
    """Return the "is it helping?" table within `width` cells: per routine, a week-by-week sparkline and the
    average change; a title is cut with an ellipsis, and where even then the verdict does not fit beside it,
    each verdict has a line of its own under its routine. Nothing wraps mid-phrase."""
    verdicts = [summary.verdict() for summary in pain]
    spark = PAIN_WEEKS + GAP
    longest_title = max(cell_width(summary.title) for summary in pain)
    longest_verdict = max(cell_width(verdict) for verdict in verdicts)
    beside = width - spark - longest_verdict - GAP
    one_line = beside >= min(longest_title, PAIN_TITLE_MIN)
    title_width = min(longest_title, beside if one_line else width - spark)
    heading, aside = PAIN_HEADING
    lines: list[list[Span]] = (
        [[(heading, "heading"), ("  " + aside, "muted")]]
        if cell_width(heading) + GAP + cell_width(aside) <= width
        else [[(heading, "heading")], [(aside, "muted")]]
    )
    weeks = f"{PAIN_WEEKS} weeks"
    if one_line:
        axis = " " * (title_width + GAP) + weeks.ljust(spark) + "average of the sessions rated"
    else:
        axis = " " * (title_width + GAP) + weeks
    lines.append([(axis, "axis")])
    for summary, verdict in zip(pain, verdicts, strict=True):
        title = pad(cut(summary.title, title_width), title_width + GAP)
        marks = (drop_sparkline(summary.weekly_drops), "chart")
        said = (verdict, "" if summary.enough else "muted")
        if one_line:
            lines.append([(title, ""), marks, (" " * GAP, ""), said])
        else:
            indent = " " * max(0, min(GAP, width - cell_width(verdict)))
            lines += [[(title, ""), marks], [(indent, ""), said]]
    lines += [[(line, "muted")] for line in pack_phrases(PAIN_FOOTNOTE, width)]
    return lines


# ----- the sessions ----------------------------------------------------------------------------------

SESSION_COLUMNS = ("When", "Routine", "Time", "Outcome", "Pain", "Note")
#: How much of a note the table shows (the exports and the report for a physiotherapist hold all of it).
NOTE_CELL_LENGTH = 60
#: The shorter words for where a session stands, used when the full ones leave too little room.
SHORT_STATUS_WORDS = {**STATUS_WORDS, RowStatus.RESUMABLE: "can resume"}


def when_text(seconds: float) -> str:
    """Return a session's local start as `Mon 12 Jan 18:30`."""
    return time.strftime("%a %d %b %H:%M", time.localtime(seconds))


def short_when_text(seconds: float) -> str:
    """Return a session's local start as `12 Jan 18:30`, for narrow tables."""
    return time.strftime("%d %b %H:%M", time.localtime(seconds))


def pain_text(record: SessionRecord) -> str:
    """Return `6 → 3`, `6 → ?` or an empty string."""
    if record.pain_before is None and record.pain_after is None:
        return ""
    before = "?" if record.pain_before is None else str(record.pain_before)
    after = "?" if record.pain_after is None else str(record.pain_after)
    return f"{before} → {after}"


def note_cell(note: str | None) -> str:
    """Return a note as the table shows it: one clean line, cut at NOTE_CELL_LENGTH with an ellipsis."""
    return cut(clean_note(note) or "", NOTE_CELL_LENGTH)


def session_cells(row: HistoryRow, short: bool = False) -> tuple[str, str, str, str, str, str]:
    """Return one row of the sessions table, in the order of SESSION_COLUMNS (`short`: the narrow words)."""
    record = row.record
    return (
        (short_when_text if short else when_text)(record.started_at),
        record.title,
        format_duration(round(record.active_seconds)),
        (SHORT_STATUS_WORDS if short else STATUS_WORDS)[row.status],
        pain_text(record),
        note_cell(record.note),
    )


@dataclass(frozen=True)
class Squeeze:
    """One way of making the sessions table narrower: the columns kept, the short words, and what may be cut."""

    columns: tuple[str, ...]
    short_status: bool = False
    short_when: bool = False
    cuts: tuple[tuple[str, int], ...] = ()
    """The columns cut with an ellipsis, each down to the fewest cells it keeps, in turn (the first is cut first)."""


_NO_NOTE = ("When", "Routine", "Time", "Outcome", "Pain")
_NOTE, _TITLE = ("Note", 10), ("Routine", 14)
#: The ways tried in turn until the table fits: whole words; the note cut; short words with titles cut too;
#: then the least needed columns go one by one (the note, how it ended, how long, the pain).
SQUEEZES = (
    Squeeze(SESSION_COLUMNS),
    Squeeze(SESSION_COLUMNS, cuts=(_NOTE,)),
    Squeeze(SESSION_COLUMNS, short_status=True, cuts=(_NOTE, _TITLE)),
    Squeeze(_NO_NOTE, short_status=True, cuts=(_TITLE,)),
    Squeeze(_NO_NOTE, short_status=True, short_when=True, cuts=(_TITLE,)),
    Squeeze(("When", "Routine", "Time", "Pain"), short_when=True, cuts=(_TITLE,)),
    Squeeze(("When", "Routine", "Pain"), short_when=True, cuts=(_TITLE,)),
    Squeeze(("When", "Routine"), short_when=True, cuts=(("Routine", 1),)),
)


@dataclass(frozen=True)
class SessionTable:
    """The sessions table fitted to a width: its columns, their widths, and each row's cells cut to them."""

    headings: tuple[str, ...]
    widths: tuple[int, ...]
    rows: tuple[tuple[str, ...], ...]

    def lines(self) -> list[str]:
        """Return the heading and the rows as lines, columns GAP apart (trailing spaces dropped)."""
        return [
            (" " * GAP).join(pad(cell, width) for cell, width in zip(cells, self.widths, strict=True)).rstrip()
            for cells in (self.headings, *self.rows)
        ]


def fit_widths(natural: Sequence[int], cuts: Sequence[tuple[int, int]], width: int) -> list[int] | None:
    """Return column widths within `width` cells (counting GAP between columns), cutting the columns of `cuts`
    (index, fewest cells) in turn, each as far as it must; None when even that does not fit."""
    widths = list(natural)
    over = sum(widths) + GAP * (len(widths) - 1) - width
    for column, fewest in cuts:
        given = max(0, min(over, widths[column] - fewest))
        widths[column] -= given
        over -= given
    return widths if over <= 0 else None


def session_table(rows: Sequence[HistoryRow], width: int = REPORT_WIDTH) -> SessionTable:
    """Return the sessions fitted to `width` cells, by the first of SQUEEZES that fits (past the last, which
    keeps only the date and the title, a row will wrap)."""
    full = [session_cells(row) for row in rows]
    short = [session_cells(row, short=True) for row in rows]
    for number, squeeze in enumerate(SQUEEZES):
        picked = [SESSION_COLUMNS.index(name) for name in squeeze.columns]
        cells = []
        for long_cells, short_cells in zip(full, short, strict=True):
            chosen = list(long_cells)
            if squeeze.short_when:
                chosen[0] = short_cells[0]
            if squeeze.short_status:
                chosen[3] = short_cells[3]
            cells.append(tuple(chosen[index] for index in picked))
        natural = [max(cell_width(line[column]) for line in (squeeze.columns, *cells)) for column in range(len(picked))]
        cuts = [(squeeze.columns.index(name), fewest) for name, fewest in squeeze.cuts]
        widths = fit_widths(natural, cuts, width)
        if widths is None and number == len(SQUEEZES) - 1:
            widths = [dict(cuts).get(column, natural[column]) for column in range(len(natural))]
        if widths is not None:
            return SessionTable(
                tuple(cut(heading, w) for heading, w in zip(squeeze.columns, widths, strict=True)),
                tuple(widths),
                tuple(tuple(cut(cell, w) for cell, w in zip(line, widths, strict=True)) for line in cells),
            )
    raise AssertionError("the last squeeze always gives widths")  # pragma: no cover


def report_text(report: HistoryReport, width: int = REPORT_WIDTH) -> str:
    """Return the report as plain text within `width` cells: the overview, then the table of recent sessions."""
    lines = ["".join(text for text, _ in line).rstrip() for line in overview_lines(report, width)]
    if report.rows:
        lines.append("")
        lines += session_table(report.recent, width).lines()
    return "\n".join(lines) + "\n"
