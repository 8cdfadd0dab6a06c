"""The pain chart: pain before and after each session over 4, 12 or 52 weeks, with sessions and minutes a week.

`build_chart` turns sessions into a `PainChart` (the numbers); `chart_lines` draws it as lines of
spans with block characters and one shape for before and another for after (so it reads without
colour, in 16 colours and on the Linux console); `chart_table` is the same numbers as a table, for
screen readers and `NO_COLOR`. The history screen styles the spans; `unknot history --chart`
prints them. No plotting library: the report already has the numbers, the drawing is a page of
code, and nothing is added to the app's start-up (see docs/architecture.md).

Weeks are ISO weeks (Monday first) of local calendar days, counted by date arithmetic, so a DST
change or a year end never shifts a session into the wrong week.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..glyphs import glyphs
from ..session.events import SessionRecord
from ..standings import week_start

#: The spans of the chart: (text, role); roles: before, after, both, axis, label, bar, heading, muted, "".
Span = tuple[str, str]

#: The periods a key switches between, in weeks.
PERIODS = (4, 12, 52)
DEFAULT_WEEKS = 12
#: Columns of the drawing per week, by period: 52, 48 and 52 columns, all within 80 with the labels.
COLUMNS_PER_WEEK = {4: 13, 12: 4, 52: 1}
#: How much of a routine's title the heading shows (it stays within 80 columns).
HEADING_TITLE_LENGTH = 22
#: Pain is rated 0 to 10: one line of the drawing per point.
PAIN_MAX = 10
PAIN_WIDTH = 4  # "10 │": the labels left of the drawing
#: The width the chart is drawn for when nothing says otherwise (it fits 80 columns at every period).
CHART_WIDTH = 80


@dataclass(frozen=True)
class Week:
    """What was done in one week of the chart."""

    start: dt.date
    sessions: int
    minutes: float
    rated: int
    """How many sessions were rated both before and after."""
    average_before: float | None
    average_after: float | None


@dataclass(frozen=True)
class Point:
    """One column of the drawing: the average pain before and after of the rated sessions in it."""

    column: int
    before: int | None
    after: int | None


@dataclass(frozen=True)
class PainChart:
    """The numbers behind the pain chart for one period and one routine (or all)."""

    weeks: int
    first_day: dt.date
    today: dt.date
    title: str
    """What the chart covers: `all routines` or a routine's title (untrusted: shown as plain text)."""
    week_rows: tuple[Week, ...]
    points: tuple[Point, ...]
    columns_per_week: int
    """Columns of the drawing per week: COLUMNS_PER_WEEK's, or fewer where the width given is narrower."""

    @property
    def width(self) -> int:
        """Columns of the drawing."""
        return self.weeks * self.columns_per_week

    @property
    def sessions(self) -> int:
        """Sessions in the period."""
        return sum(week.sessions for week in self.week_rows)

    @property
    def rated(self) -> int:
        """Sessions in the period rated before and after."""
        return sum(week.rated for week in self.week_rows)


def _local(seconds: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds)


def _average(values: Sequence[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def build_chart(
    sessions: Iterable[SessionRecord],
    today: dt.date,
    weeks: int = DEFAULT_WEEKS,
    routine_id: str | None = None,
    title: str = "all routines",
    width: int | None = None,
) -> PainChart:
    """Return the chart of `sessions` (only `routine_id`'s when given) over the `weeks` ending this week,
    drawn narrower where `width` cells (the labels included) cannot hold its usual columns."""
    first = week_start(today) - dt.timedelta(weeks=weeks - 1)
    per_week = COLUMNS_PER_WEEK.get(weeks, max(1, 52 // weeks))
    if width is not None:
        per_week = max(1, min(per_week, (width - PAIN_WIDTH) // weeks))
    counts = [0] * weeks
    minutes = [0.0] * weeks
    befores: dict[int, list[int]] = defaultdict(list)
    afters: dict[int, list[int]] = defaultdict(list)
    column_before: dict[int, list[int]] = defaultdict(list)
    column_after: dict[int, list[int]] = defaultdict(list)
    for session in sessions:
        if routine_id is not None and session.routine_id != routine_id:
            continue
        moment = _local(session.started_at)
        days = (moment.date() - first).days
        week = days // 7
        if not 0 <= week < weeks or moment.date() > today:
            continue
        counts[week] += 1
        minutes[week] += session.active_seconds / 60
        if session.pain_before is None or session.pain_after is None:
            continue
        befores[week].append(session.pain_before)
        afters[week].append(session.pain_after)
        # Where in the week it falls, to the column (two a day over four weeks).
        fraction = (moment.hour * 3600 + moment.minute * 60 + moment.second) / 86400
        column = min(weeks * per_week - 1, int((days + fraction) * per_week / 7))
        column_before[column].append(session.pain_before)
        column_after[column].append(session.pain_after)
    week_rows = tuple(
        Week(
            start=first + dt.timedelta(weeks=index),
            sessions=counts[index],
            minutes=round(minutes[index], 1),
            rated=len(befores[index]),
            average_before=_average(befores[index]),
            average_after=_average(afters[index]),
        )
        for index in range(weeks)
    )
    points = tuple(
        Point(column, round(sum(column_before[column]) / n), round(sum(column_after[column]) / n))
        for column in sorted(column_before)
        if (n := len(column_before[column]))
    )
    return PainChart(weeks, first, today, title, week_rows, points, per_week)


def next_period(weeks: int) -> int:
    """Return the period after `weeks` in PERIODS (round again after the last)."""
    index = PERIODS.index(weeks) if weeks in PERIODS else -1
    return PERIODS[(index + 1) % len(PERIODS)]


# ----- drawing ---------------------------------------------------------------------------------------


def chart_heading(chart: PainChart, width: int = CHART_WIDTH) -> list[list[Span]]:
    """Return the chart's heading: what it shows and the shapes' meaning, then the period and the routine
    (on a second line where `width` cells do not hold both)."""
    marks = glyphs()
    shapes: list[Span] = [
        ("Pain ", "heading"),
        (marks.pain_before, "before"),
        (" before  ", "label"),
        (marks.pain_after, "after"),
        (" after  ", "label"),
        (marks.pain_both, "both"),
        (" same", "label"),
    ]
    period = f"last {chart.weeks} weeks · "
    title = _cut(chart.title, max(HEADING_TITLE_LENGTH // 2, min(HEADING_TITLE_LENGTH, width - len(period))))
    if sum(len(text) for text, _ in shapes) + 3 + len(period) + len(title) <= width:
        return [[*shapes, ("   " + period, "muted"), (title, "muted")]]
    return [shapes, [(period, "muted"), (title, "muted")]]


def _cut(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + glyphs().ellipsis


def chart_lines(chart: PainChart, width: int = CHART_WIDTH) -> list[list[Span]]:
    """Return the chart drawn as lines of spans: the pain drawing, its date axis, sessions and minutes a week
    (what a line of bars counts goes above it where `width` cells do not hold it beside)."""
    marks = glyphs()
    lines: list[list[Span]] = chart_heading(chart, width)
    if not chart.rated:
        lines.append([("No session in these weeks was rated before and after.", "muted")])
    else:
        grid: dict[tuple[int, int], str] = {}
        for point in chart.points:
            if point.before is not None:
                grid[(point.before, point.column)] = "before"
            if point.after is not None:
                key = (point.after, point.column)
                grid[key] = "both" if grid.get(key) == "before" else "after"
        shape = {"before": marks.pain_before, "after": marks.pain_after, "both": marks.pain_both}
        for value in range(PAIN_MAX, -1, -1):
            label = f"{value:>2} │" if value % 2 == 0 else "   │"
            line: list[Span] = [(label, "axis")]
            run = ""
            for column in range(chart.width):
                role = grid.get((value, column))
                if role is None:
                    run += " "
                    continue
                if run:
                    line.append((run, ""))
                    run = ""
                line.append((shape[role], role))
            if run.rstrip():
                line.append((run, ""))
            lines.append(line)
        lines.append([("   └" + "─" * chart.width, "axis")])
    lines.append([(" " * PAIN_WIDTH + date_axis(chart), "axis")])
    lines += _bar_line("sessions", [week.sessions for week in chart.week_rows], chart, width)
    lines += _bar_line("minutes", [week.minutes for week in chart.week_rows], chart, width)
    return lines


def date_axis(chart: PainChart) -> str:
    """Return the dates under the drawing: a week's Monday wherever one fits, `today` at the end."""
    width = chart.width
    cells = [" "] * width
    end_label = "today"
    last_end = -2
    for index, week in enumerate(chart.week_rows):
        column = index * chart.columns_per_week
        label = f"{week.start:%d %b}"
        if column >= last_end + 2 and column + len(label) <= width - len(end_label) - 1:
            cells[column : column + len(label)] = label
            last_end = column + len(label)
    cells[width - len(end_label) :] = end_label
    return "".join(cells).rstrip()


def _bar_line(name: str, values: Sequence[float], chart: PainChart, width: int) -> list[list[Span]]:
    """Return one line of bars, each week's under its columns of the drawing, then what they count and the
    most in a week (the table below the chart has every week's number); that goes on a line above the bars
    where `width` cells do not hold it beside them."""
    bars = glyphs().spark
    peak = max(values, default=0)
    per_week = chart.columns_per_week
    cells = []
    for value in values:
        level = 0 if value <= 0 else max(1, round(value / peak * (len(bars) - 1)))
        cells.append(bars[level] * (per_week - 1) + " " if per_week > 2 else bars[level] * per_week)
    label = f"{name} (max {round(peak)})" if peak else f"{name} (none)"
    line: list[Span] = [(" " * PAIN_WIDTH, ""), ("".join(cells)[: chart.width].ljust(chart.width), "bar")]
    if PAIN_WIDTH + chart.width + 2 + len(label) <= width:
        return [[*line, ("  " + label, "label")]]
    return [[(" " * PAIN_WIDTH + label, "label")], line]


# ----- the same numbers as text ---------------------------------------------------------------------

TABLE_COLUMNS = ("Week of", "Sessions", "Minutes", "Rated", "Pain before", "Pain after")


def chart_table(chart: PainChart) -> list[str]:
    """Return the chart's numbers as a plain table, a line a week (weeks with nothing are left out)."""
    rows = [TABLE_COLUMNS]
    for week in chart.week_rows:
        if not week.sessions:
            continue
        rows.append(
            (
                f"{week.start:%a %d %b %Y}",
                str(week.sessions),
                f"{week.minutes:g}",
                str(week.rated),
                "" if week.average_before is None else f"{week.average_before:g}",
                "" if week.average_after is None else f"{week.average_after:g}",
            )
        )
    if len(rows) == 1:
        return [f"No sessions in the last {chart.weeks} weeks ({chart.title})."]
    widths = [max(len(row[column]) for row in rows) for column in range(len(TABLE_COLUMNS))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]


def chart_text(chart: PainChart, width: int = CHART_WIDTH) -> str:
    """Return the chart as plain text, then its numbers week by week (for `unknot history --chart`)."""
    lines = ["".join(text for text, _ in line).rstrip() for line in chart_lines(chart, width)]
    lines += ["", *chart_table(chart)]
    return "\n".join(lines) + "\n"
