"""The report for a physiotherapist: one self-contained HTML page (`unknot report --html FILE`).

Built from stored sessions only: the period, sessions and minutes a week, each routine done with
its count and its pain before/after as an inline SVG chart, the notes, and the caution that Unknot
is not medical advice. Every text in it (routine titles, notes) is untrusted and escaped; the page
has no script and loads nothing (a strict Content-Security-Policy says so too); the print CSS
lays it out on A4. It stays bounded: at most MAX_ROUTINES routines, MAX_POINTS sessions drawn per
routine and MAX_NOTES notes, whatever history holds.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .history.chart import Week, build_chart
from .history.notes import clean_note
from .routines.text import clean_line
from .session.events import SessionRecord
from .standings import week_start

#: The longest period a report covers; a longer --from is refused (the weekly table would be pages long).
MAX_WEEKS = 104
MAX_ROUTINES = 30
#: The sessions drawn in one routine's chart: the latest ones of the period.
MAX_POINTS = 400
#: The notes listed: the latest ones of the period.
MAX_NOTES = 200
MAX_TITLE_LENGTH = 120
CAUTION = (
    "Unknot is not medical advice. These are the person's own ratings of their pain (0 no pain, 10 the worst) "
    "before and after each session, as they entered them."
)
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


@dataclass(frozen=True)
class RoutineTrend:
    """One routine in the period: how often it was done and its rated sessions, oldest first."""

    routine_id: str
    title: str
    sessions: int
    minutes: float
    rated: tuple[tuple[float, int, int], ...]
    """(start time, pain before, pain after) of the latest rated sessions (at most MAX_POINTS)."""

    @property
    def average_before(self) -> float | None:
        """The average pain before, over the rated sessions."""
        return round(sum(b for _, b, _ in self.rated) / len(self.rated), 1) if self.rated else None

    @property
    def average_after(self) -> float | None:
        """The average pain after, over the rated sessions."""
        return round(sum(a for _, _, a in self.rated) / len(self.rated), 1) if self.rated else None


@dataclass(frozen=True)
class PhysioReport:
    """What the report holds, computed once from stored sessions."""

    first_day: dt.date
    last_day: dt.date
    made_on: dt.date
    weeks: tuple[Week, ...]
    routines: tuple[RoutineTrend, ...]
    notes: tuple[tuple[float, str, str], ...]
    """(start time, routine title, note), newest first."""
    sessions: int
    minutes: float
    routines_left_out: int = 0
    notes_left_out: int = 0


def _day(seconds: float) -> dt.date:
    return dt.datetime.fromtimestamp(seconds).date()


def _title(text: str) -> str:
    line = clean_line(text).strip()
    return line if len(line) <= MAX_TITLE_LENGTH else line[: MAX_TITLE_LENGTH - 1] + "…"


def build_physio_report(
    sessions: Sequence[SessionRecord],
    first_day: dt.date,
    last_day: dt.date,
    routine_ids: Sequence[str] = (),
    made_on: dt.date | None = None,
) -> PhysioReport:
    """Return the report of the sessions from `first_day` to `last_day` (inclusive), of `routine_ids` if given."""
    chosen = set(routine_ids)
    inside = [
        session
        for session in sessions
        if first_day <= _day(session.started_at) <= last_day and (not chosen or session.routine_id in chosen)
    ]
    inside.sort(key=lambda session: session.started_at)
    weeks = ((week_start(last_day) - week_start(first_day)).days // 7) + 1
    chart = build_chart(inside, last_day, weeks)
    groups: dict[str, list[SessionRecord]] = defaultdict(list)
    for session in inside:
        groups[session.routine_id].append(session)
    trends = sorted(
        (
            RoutineTrend(
                routine_id=routine_id,
                title=_title(group[-1].title),
                sessions=len(group),
                minutes=round(sum(s.active_seconds for s in group) / 60, 1),
                rated=tuple(
                    (s.started_at, s.pain_before, s.pain_after)
                    for s in group
                    if s.pain_before is not None and s.pain_after is not None
                )[-MAX_POINTS:],
            )
            for routine_id, group in groups.items()
        ),
        key=lambda trend: (-trend.sessions, trend.title),
    )
    notes = [
        (s.started_at, _title(s.title), note) for s in reversed(inside) if (note := clean_note(s.note)) is not None
    ]
    return PhysioReport(
        first_day=first_day,
        last_day=last_day,
        made_on=made_on or dt.date.today(),
        weeks=tuple(week for week in chart.week_rows if week.start + dt.timedelta(days=6) >= first_day),
        routines=tuple(trends[:MAX_ROUTINES]),
        notes=tuple(notes[:MAX_NOTES]),
        sessions=len(inside),
        minutes=round(sum(s.active_seconds for s in inside) / 60, 1),
        routines_left_out=max(0, len(trends) - MAX_ROUTINES),
        notes_left_out=max(0, len(notes) - MAX_NOTES),
    )


# ----- HTML ------------------------------------------------------------------------------------------


def _e(text: object) -> str:
    """Escape any text for HTML, attributes included."""
    return html.escape(str(text), quote=True)


_STYLE = """
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --line: #ccc; --before: #b3541e; --after: #1f6f4a; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  background: #fff; margin: 0 auto; padding: 16px; max-width: 860px; }
h1 { font-size: 1.5em; margin: 0 0 4px; }
h2 { font-size: 1.15em; margin: 24px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 2px; }
h3 { font-size: 1em; margin: 16px 0 4px; }
p, li { margin: 4px 0; }
.muted { color: var(--muted); }
.caution { border: 2px solid var(--ink); padding: 8px 12px; margin: 12px 0; font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 3px 8px 3px 0; border-bottom: 1px solid var(--line); vertical-align: top; }
td.n, th.n { text-align: right; }
svg { width: 100%; height: auto; display: block; }
.key { font-size: 0.9em; color: var(--muted); }
.routine { break-inside: avoid; }
.note { overflow-wrap: anywhere; }
@media (max-width: 600px) { body { font-size: 14px; padding: 10px; } th, td { padding-right: 4px; } }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  tr, .routine, .caution { break-inside: avoid; }
}
"""


def _week_bars(weeks: Sequence[Week]) -> str:
    """Return an inline SVG of sessions (bars) and minutes (a second row of bars) a week."""
    if not weeks:
        return ""
    width, height, gap = 720, 120, 2
    column = width / len(weeks)
    top_sessions = max((week.sessions for week in weeks), default=0) or 1
    top_minutes = max((week.minutes for week in weeks), default=0) or 1
    parts = [
        f'<svg viewBox="0 0 {width} {height + 36}" role="img" aria-label="Sessions and minutes a week">',
        f'<text x="0" y="10" font-size="10" fill="#555">sessions a week (most {top_sessions})</text>',
        f'<text x="0" y="{height // 2 + 22}" font-size="10" fill="#555">minutes a week (most {top_minutes:g})</text>',
    ]
    half = height // 2 - 16
    for index, week in enumerate(weeks):
        x = index * column + gap / 2
        w = max(1.0, column - gap)
        h1 = week.sessions / top_sessions * half
        h2 = week.minutes / top_minutes * half
        parts.append(f'<rect x="{x:.1f}" y="{14 + half - h1:.1f}" width="{w:.1f}" height="{h1:.1f}" fill="#4a5a8a"/>')
        y2 = height // 2 + 26 + half - h2
        parts.append(f'<rect x="{x:.1f}" y="{y2:.1f}" width="{w:.1f}" height="{h2:.1f}" fill="#8a6a2a"/>')
    first, last = weeks[0].start, weeks[-1].start
    parts.append(f'<text x="0" y="{height + 34}" font-size="10" fill="#555">{_e(f"{first:%d %b %Y}")}</text>')
    parts.append(
        f'<text x="{width}" y="{height + 34}" font-size="10" fill="#555" text-anchor="end">'
        f"{_e(f'week of {last:%d %b %Y}')}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


def _trend_svg(trend: RoutineTrend, first_day: dt.date, last_day: dt.date) -> str:
    """Return an inline SVG of pain before (filled circles) and after (hollow) for each rated session."""
    width, height, left, bottom = 720, 170, 26, 18
    plot_w, plot_h = width - left - 6, height - bottom - 8
    start = dt.datetime.combine(first_day, dt.time()).timestamp()
    end = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time()).timestamp()
    span = max(end - start, 1.0)
    title = f"Pain before and after each session of {trend.title}"
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{_e(title)}">']
    for value in range(0, 11, 2):
        y = 8 + plot_h - value / 10 * plot_h
        parts.append(f'<line x1="{left}" x2="{width - 6}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd" stroke-width="1"/>')
        parts.append(
            f'<text x="{left - 6}" y="{y + 3:.1f}" font-size="10" fill="#555" text-anchor="end">{value}</text>'
        )
    for started, before, after in trend.rated:
        x = left + (started - start) / span * plot_w
        y_before = 8 + plot_h - before / 10 * plot_h
        y_after = 8 + plot_h - after / 10 * plot_h
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y_before:.1f}" y2="{y_after:.1f}" stroke="#999" stroke-width="1"/>'
        )
        parts.append(f'<circle cx="{x:.1f}" cy="{y_before:.1f}" r="3.5" fill="#b3541e"/>')
        parts.append(f'<circle cx="{x:.1f}" cy="{y_after:.1f}" r="3.5" fill="none" stroke="#1f6f4a" stroke-width="2"/>')
    parts.append(f'<text x="{left}" y="{height - 3}" font-size="10" fill="#555">{_e(f"{first_day:%d %b %Y}")}</text>')
    parts.append(
        f'<text x="{width - 6}" y="{height - 3}" font-size="10" fill="#555" text-anchor="end">'
        f"{_e(f'{last_day:%d %b %Y}')}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def physio_html(report: PhysioReport) -> str:
    """Return the report as one self-contained HTML page (no script, nothing loaded, every text escaped)."""
    period = f"{report.first_day:%d %B %Y} to {report.last_day:%d %B %Y}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_e('Back-pain sessions, ' + period)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>Back-pain relief sessions</h1>",
        f'<p class="muted">{_e(period)} · made with Unknot on {_e(f"{report.made_on:%d %B %Y}")}</p>',
        f'<p class="caution">{_e(CAUTION)}</p>',
        "<h2>Summary</h2>",
        f"<p>{report.sessions} session{'s' if report.sessions != 1 else ''}, "
        f"{_e(f'{report.minutes:g}')} minutes in all, "
        f"{len(report.routines)} routine{'s' if len(report.routines) != 1 else ''}.</p>",
    ]
    out += ["<h2>Sessions and minutes a week</h2>", _week_bars(report.weeks)]
    out.append('<table><thead><tr><th>Week of</th><th class="n">Sessions</th><th class="n">Minutes</th>')
    out.append('<th class="n">Pain before (avg)</th><th class="n">Pain after (avg)</th></tr></thead><tbody>')
    for week in report.weeks:
        if not week.sessions:
            continue
        out.append(
            f"<tr><td>{_e(f'{week.start:%a %d %b %Y}')}</td><td class='n'>{week.sessions}</td>"
            f"<td class='n'>{_e(f'{week.minutes:g}')}</td><td class='n'>{_e(_number(week.average_before))}</td>"
            f"<td class='n'>{_e(_number(week.average_after))}</td></tr>"
        )
    out.append("</tbody></table>")
    out.append("<h2>Routines</h2>")
    if not report.routines:
        out.append("<p>No sessions in this period.</p>")
    out.append(
        '<p class="key">In each chart: <span style="color:#b3541e">● filled</span> is pain before a session, '
        '<span style="color:#1f6f4a">○ hollow</span> is pain after it, joined by a line; 0 no pain, 10 the worst.</p>'
    )
    for trend in report.routines:
        rated = len(trend.rated)
        averages = (
            f"average {_e(_number(trend.average_before))} before → {_e(_number(trend.average_after))} after "
            f"({rated} rated)"
            if rated
            else "no session rated before and after"
        )
        out += [
            '<section class="routine">',
            f"<h3>{_e(trend.title)}</h3>",
            f"<p>{trend.sessions} session{'s' if trend.sessions != 1 else ''}, {_e(f'{trend.minutes:g}')} minutes; "
            f"{averages}.</p>",
            _trend_svg(trend, report.first_day, report.last_day) if rated else "",
            "</section>",
        ]
    if report.routines_left_out:
        out.append(f'<p class="muted">{report.routines_left_out} more routines, done less often, are left out.</p>')
    out.append("<h2>Notes</h2>")
    if report.notes:
        out.append("<table><thead><tr><th>When</th><th>Routine</th><th>Note</th></tr></thead><tbody>")
        for started, title, note in report.notes:
            when = dt.datetime.fromtimestamp(started).strftime("%a %d %b %Y %H:%M")
            out.append(f"<tr><td>{_e(when)}</td><td>{_e(title)}</td><td class='note'>{_e(note)}</td></tr>")
        out.append("</tbody></table>")
        if report.notes_left_out:
            out.append(f'<p class="muted">{report.notes_left_out} older notes are left out.</p>')
    else:
        out.append("<p>No notes in this period.</p>")
    out.append(f'<p class="caution">{_e(CAUTION)}</p>')
    out.append("</body></html>\n")
    return "\n".join(out)
