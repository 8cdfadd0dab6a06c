"""`unknot plan export --ics`: the plan's days as calendar events, parsed back with icalendar."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from icalendar import Calendar, Component

from unknot.cli import main
from unknot.core.plans.calendar import calendar_text

#: A Monday far enough ahead that no test's "today" reaches it.
MONDAY = dt.date(2030, 1, 7)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("UNKNOT_DATA_DIR", str(folder))
    return folder


def events(path: Path) -> list[Component]:
    calendar = Calendar.from_ical(path.read_bytes())
    assert calendar["VERSION"] == "2.0" and "Unknot" in str(calendar["PRODID"])
    return calendar.walk("VEVENT")


def test_a_named_plan_from_a_day_is_one_event_a_day_with_its_sessions_and_an_alarm(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path
) -> None:
    out_file = tmp_path / "desk.ics"
    code, out, err = run(
        capsys, "plan", "export", "desk-back", "--from", MONDAY.isoformat(), "--at", "7:30", "--ics", str(out_file)
    )
    assert code == 0, err
    assert "6 days with sessions" in out and "at 07:30" in out and str(out_file) in out
    found = events(out_file)
    # Seven days; the seventh is a rest day and has no event.
    assert [event.decoded("DTSTART") for event in found] == [
        dt.datetime.combine(MONDAY + dt.timedelta(days=day), dt.time(7, 30)) for day in range(6)
    ]
    first = found[0]
    assert str(first["SUMMARY"]) == "A week for a desk back: day 1 of 7"
    assert str(first["UID"]) == f"desk-back-{MONDAY.isoformat()}@unknot"
    description = str(first["DESCRIPTION"])
    assert description.count("Five-minute desk break (") == 2 and "Two short breaks a day" in description
    # The event lasts as long as the day's sessions (the phase's shorter desk breaks), to the minute.
    length = first.decoded("DTEND") - first.decoded("DTSTART")
    assert dt.timedelta(minutes=5) <= length <= dt.timedelta(minutes=12)
    (alarm,) = first.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY" and alarm.decoded("TRIGGER") == -dt.timedelta(minutes=10)
    # Day 4 is the second phase: the desk break as written, three times, and a stretch.
    fourth = str(found[3]["DESCRIPTION"])
    assert fourth.count("Five-minute desk break (") == 3 and "Gentle floor stretches" in fourth
    assert oct(out_file.stat().st_mode & 0o777) == "0o600"
    assert not data.exists()  # exporting writes no history


def test_the_followed_plan_is_the_default_from_today_and_at_six_in_the_evening(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path
) -> None:
    start = dt.date.today() - dt.timedelta(days=2)
    assert run(capsys, "plan", "start", "back-care", "--from", start.isoformat())[0] == 0
    out_file = tmp_path / "plan.ics"
    code, _, err = run(capsys, "plan", "export", "--ics", str(out_file))
    assert code == 0, err
    found = events(out_file)
    assert found[0].decoded("DTSTART") == dt.datetime.combine(dt.date.today(), dt.time(18, 0))
    assert str(found[0]["SUMMARY"]).endswith("day 3 of 28")
    last = start + dt.timedelta(days=27)
    assert max(event.decoded("DTSTART").date() for event in found) <= last
    assert len(found) == len({event.decoded("DTSTART").date() for event in found})  # one a day
    assert all(len(list(event.walk("VALARM"))) == 1 for event in found)


def test_to_standard_output(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    code = main(["plan", "export", "desk-back", "--from", MONDAY.isoformat(), "--ics", "-"])
    assert code == 0
    calendar = Calendar.from_ical(capsys.readouterr().out)
    assert len(list(calendar.walk("VEVENT"))) == 6


def test_without_a_plan_followed_or_named_it_says_what_to_do(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, "plan", "export", "--ics", str(tmp_path / "x.ics"))
    assert code == 2 and "no plan is followed" in err and "unknot plan start ID" in err
    assert not (tmp_path / "x.ics").exists()
    code, _, err = run(capsys, "plan", "export", "nope", "--ics", str(tmp_path / "x.ics"))
    assert code == 2 and "no plan with the id 'nope'" in err
    code, _, err = run(capsys, "plan", "export", "desk-back")
    assert code == 2 and "say where to write the calendar: --ics FILE" in err


@pytest.mark.parametrize("bad", ["25:00", "24:00", "18", "6pm", "18:60", ""])
def test_a_bad_time_is_said_in_words(capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path, bad: str) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["plan", "export", "desk-back", "--ics", str(tmp_path / "x.ics"), "--at", bad])
    assert stop.value.code == 2
    assert "is not a time of day; write it as HH:MM" in capsys.readouterr().err


def test_an_unwritable_file_is_a_clear_error(capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o500)
    try:
        for target in (locked / "plan.ics", tmp_path):  # a read-only folder; a folder in place of a file
            code, out, err = run(capsys, "plan", "export", "desk-back", "--ics", str(target))
            if os.geteuid() == 0 and target != tmp_path:
                continue  # root writes anywhere
            assert code == 2 and err.startswith(f"unknot: cannot write {target}") and out == ""
    finally:
        os.chmod(locked, 0o700)


def test_untrusted_titles_are_plain_text_in_the_calendar(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path
) -> None:
    assert calendar_text("Back\x1b]0;pwned\x07 care\u202e\r\nBEGIN:VALARM") == "Back]0;pwned careBEGIN:VALARM"
    folder = tmp_path / "mine"
    (folder / "plans").mkdir(parents=True)
    (folder / "plans" / "odd.yaml").write_text(
        'title: "Evil; plan, \\\\ with \\e[31mcolour\\u202e"\ndays: 2\nphases:\n'
        '  - title: "Only\\u0007"\n    days:\n      - routines: [desk-break]\n        note: "END:VEVENT"\n',
        encoding="utf-8",
    )
    out_file = tmp_path / "odd.ics"
    code, _, err = run(capsys, "--routines", str(folder), "plan", "export", "odd", "--ics", str(out_file))
    assert code == 0, err
    raw = out_file.read_bytes()
    assert b"\x1b" not in raw and b"\x07" not in raw and "\u202e".encode() not in raw
    assert raw.count(b"BEGIN:VEVENT") == 2 and raw.count(b"END:VEVENT") == 2  # the note stays text
    (first, _) = events(out_file)
    summary = str(first["SUMMARY"])
    assert summary.startswith("Evil; plan, \\ with ") and "colour" in summary
    assert "END:VEVENT" in str(first["DESCRIPTION"])
