"""Moving history between machines: `history --csv`, and `history import FILE` of either export."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from unknot.cli import main
from unknot.core.history.exchange import CSV_FIELDS, read_import, session_from_row
from unknot.core.history.store import HistoryStore
from unknot.core.paths import DATABASE_NAME
from unknot.core.session.events import Outcome, SessionRecord

T0 = 1_767_225_600.25  # 2026-01-01T00:00:00.250Z: stored times have fractions, exported to the millisecond


def record(started: float, routine_id: str = "desk-break", **changes: object) -> SessionRecord:
    fields: dict[str, object] = {
        "routine_id": routine_id,
        "title": "Five-minute desk break",
        "started_at": started,
        "ended_at": started + 300,
        "active_seconds": 290.5,
        "steps_done": 5,
        "steps_skipped": 0,
        "outcome": Outcome.COMPLETED,
        "pain_before": 6,
        "pain_after": 3,
    }
    fields.update(changes)
    return SessionRecord(**fields)  # type: ignore[arg-type]


@pytest.fixture
def laptop(tmp_path: Path) -> Path:
    folder = tmp_path / "laptop"
    store = HistoryStore(folder)
    store.add_session(record(T0))
    store.add_session(record(T0 + 3600, "floor-stretches", title='Floor, "gentle"', pain_before=None))
    store.add_session(record(T0 + 7200, outcome=Outcome.PARTIAL, steps_skipped=2, pain_after=None))
    store.close()
    return folder


def export(capsys: pytest.CaptureFixture[str], folder: Path, form: str, into: Path) -> Path:
    assert main(["history", form, "--data-dir", str(folder)]) == 0
    into.write_text(capsys.readouterr().out)
    return into


def stored(folder: Path) -> list[SessionRecord]:
    store = HistoryStore(folder)
    try:
        return store.recent_sessions(limit=None)
    finally:
        store.close()


def test_csv_has_a_header_and_the_fields_of_json(
    capsys: pytest.CaptureFixture[str], laptop: Path, tmp_path: Path
) -> None:
    as_csv = export(capsys, laptop, "--csv", tmp_path / "h.csv").read_text()
    as_json = json.loads(export(capsys, laptop, "--json", tmp_path / "h.json").read_text())
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert tuple(rows[0]) == CSV_FIELDS == tuple(as_json[0])
    assert len(rows) == len(as_json) == 3
    floor = next(row for row in rows if row["routine_id"] == "floor-stretches")
    assert floor["title"] == 'Floor, "gentle"' and floor["pain_before"] == "" and floor["resumable"] == "false"
    assert rows[0]["started_at"] == as_json[0]["started_at"]


@pytest.mark.parametrize("form", ["--json", "--csv"])
def test_import_adds_what_is_new_and_twice_adds_nothing(
    capsys: pytest.CaptureFixture[str], laptop: Path, tmp_path: Path, form: str
) -> None:
    exported = export(capsys, laptop, form, tmp_path / "export")
    remote = tmp_path / "remote"
    assert main(["history", "import", str(exported), "--data-dir", str(remote)]) == 0
    assert capsys.readouterr().out == "3 sessions added\n"
    moved = stored(remote)
    original = stored(laptop)
    assert [(s.routine_id, int(s.started_at), s.outcome, s.pain_before, s.pain_after) for s in moved] == [
        (s.routine_id, int(s.started_at), s.outcome, s.pain_before, s.pain_after) for s in original
    ]
    assert main(["history", "import", str(exported), "--data-dir", str(remote)]) == 0
    assert capsys.readouterr().out == "0 sessions added, 3 already in history\n"
    # Back into the machine it came from: the stored times have fractions of a second, the export none.
    assert main(["history", "import", str(exported), "--data-dir", str(laptop)]) == 0
    assert capsys.readouterr().out == "0 sessions added, 3 already in history\n"
    assert len(stored(laptop)) == 3


def test_bad_rows_are_reported_by_index_and_the_good_ones_go_in(
    capsys: pytest.CaptureFixture[str], laptop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = json.loads(export(capsys, laptop, "--json", tmp_path / "h.json").read_text())
    rows[0]["pain_after"] = 11
    rows[2]["started_at"] = "yesterday"
    rows.append(["not", "a", "session"])
    rows.append({**rows[1], "outcome": "in-progress"})
    (tmp_path / "bad.json").write_text(json.dumps(rows))
    monkeypatch.chdir(tmp_path)
    code = main(["history", "import", "bad.json", "--data-dir", str(tmp_path / "remote")])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == "1 session added, 3 bad rows left out\n"
    assert err.splitlines() == [
        "unknot: bad.json: row 0: pain_after must be empty or a whole number from 0 to 10",
        "unknot: bad.json: row 2: started_at must be a time like 2026-03-01T18:30:00Z, not 'yesterday'",
        "unknot: bad.json: row 3: expected an object with the fields of `unknot history --json`, not a list",
        "unknot: bad.json: row 4: still being played when it was exported; import again once it has ended (left out)",
    ]
    assert "Traceback" not in err
    assert [s.routine_id for s in stored(tmp_path / "remote")] == ["floor-stretches"]


def test_csv_rows_are_reported_by_line(
    capsys: pytest.CaptureFixture[str], laptop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = export(capsys, laptop, "--csv", tmp_path / "h.csv").read_text().splitlines()
    assert ",5,2," in lines[1]  # newest first: the partial session
    lines[1] = lines[1].replace(",5,2,", ",five,2,")
    lines.append("only,three,cells")
    (tmp_path / "edited.csv").write_text("\n".join(lines) + "\n")
    monkeypatch.chdir(tmp_path)
    assert main(["history", "import", "edited.csv", "--data-dir", str(tmp_path / "remote")]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        "unknot: edited.csv: line 2: steps_done must be a whole number from 0 to 10000",
        "unknot: edited.csv: line 5: 3 cells where the header has 14",
    ]
    assert out == "2 sessions added, 2 bad rows left out\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{}", "expected a JSON array of sessions"),
        ("[1, 2", "not valid JSON"),
        ("", "empty, or not a CSV export"),
        ("name,age\nx,1\n", "the header lacks routine_id"),
    ],
)
def test_a_file_that_is_no_export_is_one_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "x"
    path.write_text(content)
    assert main(["history", "import", str(path), "--data-dir", str(tmp_path / "remote")]) == 2
    out, err = capsys.readouterr()
    assert out == "" and message in err and err.count("\n") == 1


def test_one_transaction_nothing_added_when_the_write_fails(
    capsys: pytest.CaptureFixture[str], laptop: Path, tmp_path: Path
) -> None:
    exported = export(capsys, laptop, "--json", tmp_path / "h.json")
    remote = tmp_path / "remote"
    HistoryStore(remote).close()
    # The disk fills up at the third session: SQLite itself refuses that write, mid-transaction.
    database = sqlite3.connect(remote / DATABASE_NAME, isolation_level=None)
    database.execute(
        "CREATE TRIGGER disk_full BEFORE INSERT ON sessions WHEN (SELECT count(*) FROM sessions) >= 2"
        " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
    )
    assert main(["history", "import", str(exported), "--data-dir", str(remote)]) == 2
    assert "nothing was imported: could not import the sessions: database or disk is full" in capsys.readouterr().err
    database.execute("DROP TRIGGER disk_full")
    database.close()
    assert stored(remote) == []


def test_titles_lose_control_characters_and_need_a_time_zone() -> None:
    row = {
        "routine_id": "desk-break",
        "title": "Desk\x1b[31m break",
        "started_at": "2026-01-01T10:00:00+01:00",
        "ended_at": "2026-01-01T10:05:00+01:00",
        "active_seconds": 300,
        "steps_done": 1,
        "steps_skipped": 0,
        "outcome": "interrupted",
        "resumable": True,
    }
    session = session_from_row(row)
    assert "\x1b" not in session.title and session.started_at == 1_767_258_000
    assert session.pain_before is None and session.outcome is Outcome.INTERRUPTED
    with pytest.raises(ValueError, match="time zone"):
        session_from_row({**row, "started_at": "2026-01-01T10:00:00"})
    with pytest.raises(ValueError, match="routine_id"):
        session_from_row({**row, "routine_id": "../etc"})
    with pytest.raises(ValueError, match="ended_at is before started_at"):
        session_from_row({**row, "ended_at": "2026-01-01T08:00:00Z"})
    assert read_import(json.dumps([row, row])).sessions == [session, session]


FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "'quoted already", "Plain title"]


def test_csv_cells_never_start_a_formula_and_read_back_the_same(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    laptop = tmp_path / "laptop"
    store = HistoryStore(laptop)
    for number, title in enumerate(FORMULAS):
        store.add_session(record(T0 + number * 600, title=title))
    store.close()
    as_csv = export(capsys, laptop, "--csv", tmp_path / "h.csv")
    titles = [row["title"] for row in csv.DictReader(io.StringIO(as_csv.read_text()))]
    assert all(not title.startswith(("=", "+", "-", "@", "\t", "\r")) for title in titles), titles
    assert '\'=HYPERLINK("http://x","y")' in titles and "Plain title" in titles
    remote = tmp_path / "remote"
    assert main(["history", "import", str(as_csv), "--data-dir", str(remote)]) == 0
    assert sorted(session.title for session in stored(remote)) == sorted(FORMULAS)


def test_two_sessions_begun_in_the_same_second_stay_two(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    laptop = tmp_path / "laptop"
    store = HistoryStore(laptop)
    store.add_session(record(T0 + 0.2))
    store.add_session(record(T0 + 0.7))
    store.close()
    for form in ("--json", "--csv"):
        exported = export(capsys, laptop, form, tmp_path / f"h{form}")
        remote = tmp_path / f"remote{form}"
        assert main(["history", "import", str(exported), "--data-dir", str(remote)]) == 0
        assert len(stored(remote)) == 2, form
        assert main(["history", "import", str(exported), "--data-dir", str(remote)]) == 0
        assert len(stored(remote)) == 2, form  # and again adds nothing
        capsys.readouterr()


def test_an_export_in_whole_seconds_still_finds_what_is_stored(
    capsys: pytest.CaptureFixture[str], laptop: Path, tmp_path: Path
) -> None:
    """Exports written before milliseconds were kept match a stored session by its second."""
    exported = json.loads(export(capsys, laptop, "--json", tmp_path / "h.json").read_text())
    for row in exported:
        row["started_at"] = row["started_at"].split(".")[0].rstrip("Z") + "Z"
    old = tmp_path / "old.json"
    old.write_text(json.dumps(exported))
    assert main(["history", "import", str(old), "--data-dir", str(laptop)]) == 0
    assert len(stored(laptop)) == 3


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"routine_id": "quick\n"}, "routine_id must be"),
        ({"started_at": "1999-12-31T23:00:00Z", "ended_at": "1999-12-31T23:05:00Z"}, "before 2000"),
        ({"started_at": "2026-01-03T00:00:00Z", "ended_at": "2026-01-03T00:05:00Z"}, "in the future"),
        ({"ended_at": "2026-01-02T00:00:01Z"}, "longer than a day"),
    ],
)
def test_implausible_rows_are_refused(changes: dict[str, str], message: str) -> None:
    row = {
        "routine_id": "desk-break",
        "title": "Desk break",
        "started_at": "2026-01-01T00:00:00Z",
        "ended_at": "2026-01-01T00:05:00Z",
        "active_seconds": 300,
        "steps_done": 1,
        "steps_skipped": 0,
        "outcome": "completed",
    }
    with pytest.raises(ValueError, match=message):
        session_from_row({**row, **changes}, now=T0)


@pytest.mark.parametrize("sessions", [0, 1, 40])
def test_the_streamed_export_is_what_the_whole_list_was(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sessions: int
) -> None:
    """`history --json` and `--csv` write one row at a time, the same text as before, checkpoints in place."""
    import datetime as dt

    from unknot.core.history.exchange import sessions_csv
    from unknot.core.history.report import report_from_store, session_json

    folder = tmp_path / "data"
    store = HistoryStore(folder)
    for number in range(sessions):
        store.add_session(record(T0 + number * 600, title=f"Desk break {number} — «ü»"))
    store.save_checkpoint("open", "floor-stretches", "Floor", T0 + 301, {}, pid=1_999_999)
    rows = report_from_store(store, dt.date(2026, 1, 2)).rows
    store.close()
    assert main(["history", "--json", "--data-dir", str(folder)]) == 0
    streamed = capsys.readouterr().out
    assert streamed == json.dumps([session_json(row) for row in rows], indent=2, ensure_ascii=False) + "\n"
    assert main(["history", "--csv", "--data-dir", str(folder)]) == 0
    assert capsys.readouterr().out == sessions_csv(rows)


def test_a_plan_sessions_rating_is_exported_and_imported(tmp_path: Path) -> None:
    from unknot.core.history.report import history_rows, session_json

    here = HistoryStore(tmp_path / "here")
    session_id = here.add_session(
        SessionRecord("desk-break", "Desk break", 1_750_000_000.0, 1_750_000_300.0, 300.0, 5, 0, Outcome.COMPLETED)
    )
    assert session_id is not None and here.set_rating(session_id, "too-much")
    exported = [session_json(row) for row in history_rows(here.recent_sessions(), [])]
    assert exported[0]["rating"] == "too-much"
    there = HistoryStore(tmp_path / "there")
    assert there.import_sessions([session_from_row(row, now=1_750_000_400.0) for row in exported]) == 1
    assert there.recent_sessions()[0].rating == "too-much"
    with pytest.raises(ValueError, match="rating must be one of"):
        session_from_row({**exported[0], "rating": "meh"}, now=1_750_000_400.0)
    older = {key: value for key, value in exported[0].items() if key != "rating"}
    assert session_from_row(older, now=1_750_000_400.0).rating is None
