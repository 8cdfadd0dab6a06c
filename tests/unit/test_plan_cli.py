"""`unknot plan list|show|start|stop|status` and `unknot today`, on the shipped plans and a real history."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest

from unknot.cli import main
from unknot.core.history.store import HistoryStore
from unknot.core.session.events import Outcome, SessionRecord


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("UNKNOT_DATA_DIR", str(folder))
    return folder


def played(folder: Path, routine_id: str, *, rating: str | None = None, outcome: Outcome = Outcome.COMPLETED) -> None:
    """Record a session of `routine_id` that began a minute ago."""
    store = HistoryStore(folder)
    now = time.time()
    session_id = store.add_session(SessionRecord(routine_id, routine_id, now - 60, now, 60.0, 3, 0, outcome))
    if rating is not None and session_id is not None:
        store.set_rating(session_id, rating)
    store.close()


def test_plan_list_prints_id_days_and_title_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", "list")
    assert code == 0 and out.splitlines()[0].split()[:3] == ["back-care", "28", "days"]
    code, out, _ = run(capsys, "plan", "list", "--json")
    rows = json.loads(out)
    assert [(row["id"], row["days"]) for row in rows] == [("back-care", 28), ("desk-back", 7)]
    assert all(row["title"] for row in rows)


def test_plan_show_prints_phases_days_durations_and_rules(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", "show", "back-care")
    assert code == 0
    for words in ("Phase 1: Getting used to it", "lie-on-the-mat 2m", "Steps back one phase", "Cautions:", "rest"):
        assert words in out


def test_an_unknown_plan_is_a_clean_error(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    for argv in (("plan", "show", "nope"), ("plan", "start", "nope")):
        code, _, err = run(capsys, *argv)
        assert code == 2 and "no plan with the id 'nope'" in err


def test_a_bad_from_date_is_said_in_words(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    with pytest.raises(SystemExit):
        main(["plan", "start", "back-care", "--from", "next week"])
    assert "write it as YYYY-MM-DD" in capsys.readouterr().err


def test_start_today_stop_and_status(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    code, out, _ = run(capsys, "plan", "status")
    assert code == 0 and out.startswith("No plan is followed")
    assert run(capsys, "today", "--json")[1] == "null\n"
    code, out, _ = run(capsys, "plan", "start", "desk-back")
    assert code == 0 and "from today" in out
    played(data, "desk-break")
    code, out, _ = run(capsys, "today", "--json")
    today = json.loads(out)
    assert {key: today[key] for key in ("plan", "day", "days", "phase", "held", "reason")} == {
        "plan": "desk-back",
        "day": 1,
        "days": 7,
        "phase": "Two short breaks a day",
        "held": False,
        "reason": None,
    }
    assert [(item["routine_id"], item["done"]) for item in today["items"]] == [
        ("desk-break", True),
        ("desk-break", False),
    ]
    assert all(set(item) == {"routine_id", "title", "seconds", "done"} for item in today["items"])
    assert today["items"][0]["seconds"] < 357  # the first phase's breaks are shorter than written
    code, out, _ = run(capsys, "today")
    assert "Day 1 of 7 · week 1" in out and "✓ Five-minute desk break" in out
    code, out, _ = run(capsys, "plan", "stop")
    assert code == 0 and "Stopped following desk-back" in out
    assert run(capsys, "plan")[1].startswith("No plan is followed")


def test_start_from_another_day_and_missed_days(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    start = dt.date.today() - dt.timedelta(days=3)
    run(capsys, "plan", "start", "back-care", "--from", start.isoformat())
    today = json.loads(run(capsys, "today", "--json")[1])
    assert today["day"] == 4 and today["missed"] == 3 and today["week"] == 1


def test_too_much_steps_back_and_the_plan_says_so(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    run(capsys, "plan", "start", "desk-back", "--from", (dt.date.today() - dt.timedelta(days=3)).isoformat())
    assert json.loads(run(capsys, "today", "--json")[1])["phase"] == "Three breaks a day"
    played(data, "desk-break", rating="too-much")
    assert json.loads(run(capsys, "today", "--json")[1])["phase"] == "Two short breaks a day"
    assert 'Stepped back a phase after "too much"' in run(capsys, "today")[1]


def test_a_plan_edited_while_followed_never_crashes(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "mine"
    (folder / "plans").mkdir(parents=True)
    plan = folder / "plans" / "mine.yaml"
    plan.write_text("title: Mine\ndays: 5\nphases:\n  - title: Only\n    days:\n      - routines: [desk-break, gone]\n")
    assert run(capsys, "--routines", str(folder), "plan", "start", "mine")[0] == 0
    code, out, _ = run(capsys, "--routines", str(folder), "today")
    assert code == 0 and "gone: not in the library any more" in out
    items = json.loads(run(capsys, "--routines", str(folder), "today", "--json")[1])["items"]
    assert items[1] == {"routine_id": "gone", "title": "gone", "seconds": None, "done": False}
    plan.unlink()
    code, _, err = run(capsys, "--routines", str(folder), "today")
    assert code == 2 and "the plan 'mine' you follow is not in any plans folder" in err


def test_a_routine_at_its_limit_is_marked(capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    (folder / "plans").mkdir(parents=True)
    (folder / "plans" / "twice.yaml").write_text(
        "title: Twice\ndays: 5\nphases:\n  - title: Only\n    days:\n      - routines: [self-massage-home]\n"
    )
    run(capsys, "--routines", str(folder), "plan", "start", "twice")
    monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
    store = HistoryStore(data)
    for day in range(2):  # this week's two self-massages, before today
        began = dt.datetime.combine(monday, dt.time(6)).timestamp() + day * 60
        store.add_session(SessionRecord("self-massage-home", "x", began, began + 30, 30.0, 6, 0, Outcome.COMPLETED))
    store.close()
    out = run(capsys, "--routines", str(folder), "today")[1]
    assert "(at its limit today)" in out or "✓" in out  # on a Monday the two sessions were today: done
