"""The report for a physiotherapist: its numbers, every text escaped, no script, nothing loaded, bounded size."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from unknot.cli import main
from unknot.core.history.store import HistoryStore
from unknot.core.pdf_printing import PdfUnavailable, find_browser, print_pdf
from unknot.core.physio_report import MAX_NOTES, MAX_POINTS, build_physio_report, physio_html
from unknot.core.session.events import Outcome, SessionRecord

FIRST, LAST = dt.date(2026, 1, 5), dt.date(2026, 3, 29)
HOSTILE_TITLE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
HOSTILE_NOTE = "</td></tr></table><script>fetch('https://evil.invalid')</script><a href='https://evil.invalid'>x</a>"


def session(
    day: dt.date, routine_id: str = "desk-break", title: str = "Desk break", **changes: object
) -> SessionRecord:
    started = dt.datetime.combine(day, dt.time(18)).timestamp()
    fields: dict[str, object] = {"pain_before": 6, "pain_after": 3, "note": None}
    fields.update(changes)
    return SessionRecord(routine_id, title, started, started + 600, 540, 5, 0, Outcome.COMPLETED, **fields)  # type: ignore[arg-type]


def sessions() -> list[SessionRecord]:
    found = [session(FIRST + dt.timedelta(days=day)) for day in range(0, 84, 3)]
    found.append(session(dt.date(2026, 2, 2), "evil", HOSTILE_TITLE, note=HOSTILE_NOTE))
    found.append(session(dt.date(2025, 12, 1), note="before the period"))
    found.append(session(dt.date(2026, 4, 2), note="after the period"))
    return found


def test_the_numbers_cover_the_period_and_the_routines_chosen() -> None:
    report = build_physio_report(sessions(), FIRST, LAST, made_on=LAST)
    assert report.sessions == 29 and report.weeks[0].start == FIRST and report.weeks[-1].start == dt.date(2026, 3, 23)
    assert [trend.routine_id for trend in report.routines] == ["desk-break", "evil"]
    assert report.routines[0].average_before == 6 and report.routines[0].average_after == 3
    assert [note for _, _, note in report.notes] == [HOSTILE_NOTE]
    only = build_physio_report(sessions(), FIRST, LAST, ["evil"])
    assert only.sessions == 1 and [trend.routine_id for trend in only.routines] == ["evil"]


def parsed_tags(page: str) -> list[tuple[str, set[str]]]:
    """Every start tag of the page with its attribute names."""
    from html.parser import HTMLParser

    found: list[tuple[str, set[str]]] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, {name for name, _ in attrs}))

    Tags().feed(page)
    return found


def test_every_text_is_escaped_and_the_page_has_no_script_and_loads_nothing() -> None:
    page = physio_html(build_physio_report(sessions(), FIRST, LAST, made_on=LAST))
    assert "<script" not in page.lower() and "onerror=" not in page.replace("onerror=alert", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in page
    assert "<img" not in page and "<a " not in page and "<iframe" not in page
    tags = parsed_tags(page)
    assert {name for name, _ in tags} <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "h1",
        "h2",
        "h3",
        "p",
        "span",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "section",
        "svg",
        "text",
        "rect",
        "line",
        "circle",
    }
    attributes = {attribute for _, names in tags for attribute in names}
    assert not {"src", "href", "xlink:href", "action"} & attributes  # nothing to load, no link to follow
    assert not any(attribute.startswith("on") for attribute in attributes)
    assert re.search(r"""<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;""", page)
    assert "@page { size: A4" in page and "@media print" in page and 'name="viewport"' in page
    assert page.count("Unknot is not medical advice.") == 2


def test_ten_thousand_sessions_make_a_bounded_page_quickly() -> None:
    import time

    many = [
        session(FIRST + dt.timedelta(hours=2 * n), f"routine-{n % 50}", f"Routine {n % 50}", note="x" * 500)
        for n in range(10_000)
    ]
    began = time.perf_counter()
    report = build_physio_report(many, FIRST, dt.date(2027, 12, 31))
    page = physio_html(report)
    assert time.perf_counter() - began < 2.0
    assert len(report.notes) == MAX_NOTES and report.notes_left_out > 0 and report.routines_left_out == 20
    assert all(len(trend.rated) <= MAX_POINTS for trend in report.routines)
    assert len(page.encode()) < 2_000_000


def test_report_command_writes_html_and_says_when_pdf_is_not_available(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = HistoryStore(tmp_path / "data")
    for record in sessions():
        store.add_session(record)
    store.close()
    data = ["--data-dir", str(tmp_path / "data")]
    html_file = tmp_path / "report.html"
    assert main(["report", "--from", "2026-01-05", "--to", "2026-03-29", "--html", str(html_file), *data]) == 0
    assert "29 sessions from 2026-01-05 to 2026-03-29" in capsys.readouterr().out
    assert "&lt;script&gt;" in html_file.read_text()
    monkeypatch.setenv("UNKNOT_BROWSER", str(tmp_path / "no-such-browser"))
    assert main(["report", "--pdf", str(tmp_path / "r.pdf"), "--html", str(html_file), *data]) == 2
    err = capsys.readouterr().err
    assert "no PDF was made: no Chromium or Chrome was found" in err and "report.html written" in err
    assert not (tmp_path / "r.pdf").exists()
    assert main(["report", *data]) == 2
    assert "--html FILE, --pdf FILE" in capsys.readouterr().err
    assert main(["report", "--from", "2026-03-01", "--to", "2026-01-01", "--html", str(html_file), *data]) == 2
    assert main(["report", "--from", "2020-01-01", "--html", str(html_file), *data]) == 2
    assert "at most 104 weeks" in capsys.readouterr().err


def test_a_browser_that_fails_is_said() -> None:
    with pytest.raises(PdfUnavailable, match="did not print the PDF"):
        print_pdf(
            Path("/nonexistent.html"), Path("/nonexistent/out.pdf"), browser=shutil.which("false") or "/bin/false"
        )
    assert find_browser({"UNKNOT_BROWSER": "/no/such/browser"}) is None


BROWSER = find_browser()


@pytest.mark.browser
@pytest.mark.skipif(BROWSER is None, reason="no Chromium here (apt-get install -y chromium; .ci/run does)")
def test_the_report_in_real_chromium_prints_to_a_few_pages_and_renders_hostile_titles_as_text(tmp_path: Path) -> None:
    assert BROWSER is not None
    html_file = tmp_path / "report.html"
    html_file.write_text(physio_html(build_physio_report(sessions(), FIRST, LAST, made_on=LAST)), encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    print_pdf(html_file, pdf, BROWSER)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert 1 <= pages <= 3
    root = ["--no-sandbox"] if hasattr(__import__("os"), "geteuid") and __import__("os").geteuid() == 0 else []
    common = [BROWSER, *root, "--headless", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([*common, "--dump-dom", html_file.as_uri()], capture_output=True, timeout=60, check=True)
    text = dom.stdout.decode()
    assert "<img" not in text and "<script" not in text  # the hostile markup stayed text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    shot = tmp_path / "report.png"
    subprocess.run(
        [*common, "--hide-scrollbars", "--window-size=390,844", f"--screenshot={shot}", html_file.as_uri()],
        capture_output=True,
        timeout=60,
        check=True,
    )
    image = shot.read_bytes()
    assert image.startswith(b"\x89PNG") and len(image) > 10_000  # a phone-sized picture that is not blank
