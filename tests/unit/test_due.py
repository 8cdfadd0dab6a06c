"""What is due: statuses, periods (a day, an ISO week), limits, and `unknot due`."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import msgspec
import pytest

from unknot.cli import main
from unknot.core.history.due import counted_starts
from unknot.core.history.store import HistoryStore
from unknot.core.library.library import routine_limits
from unknot.core.library.loader import load_library
from unknot.core.paths import DATABASE_NAME, shipped_routines_dir
from unknot.core.routines.model import Frequency
from unknot.core.session.events import Outcome, SessionRecord
from unknot.core.standings import DueStatus, due_rows, short_line, status_of, week_start

SHIPPED = load_library([shipped_routines_dir()])


def often(**limits: int) -> Frequency:
    return msgspec.convert(limits, Frequency)


def at(when: str) -> float:
    return dt.datetime.fromisoformat(when).timestamp()  # tests run with TZ=UTC


def test_statuses_follow_the_counts() -> None:
    up_to_five = often(max_per_day=5)
    assert status_of(up_to_five, 0, 0) is DueStatus.ANYTIME
    assert status_of(up_to_five, 2, 2) is DueStatus.DONE
    assert status_of(up_to_five, 5, 5) is DueStatus.AT_LIMIT
    weekly = often(min_per_week=1, max_per_week=2)
    assert status_of(weekly, 0, 0) is DueStatus.DUE
    assert status_of(weekly, 0, 1) is DueStatus.DONE  # done earlier this week
    assert status_of(weekly, 1, 2) is DueStatus.AT_LIMIT
    assert status_of(None, 0, 3) is DueStatus.ANYTIME  # no frequency: the day is the period
    assert status_of(None, 1, 1) is DueStatus.DONE
    assert status_of(often(max_per_week=3), 0, 1) is DueStatus.DONE  # a weekly-only routine: the week


def test_a_week_is_monday_to_sunday_and_a_session_counts_on_the_day_it_started() -> None:
    sunday = dt.date(2026, 11, 22)
    assert week_start(sunday) == dt.date(2026, 11, 16)
    assert week_start(dt.date(2026, 11, 16)) == dt.date(2026, 11, 16)
    entries = [SHIPPED.routines["pressure-points-hands"], SHIPPED.routines["self-massage-home"]]
    starts = [
        ("pressure-points-hands", at("2026-11-21T23:59:30")),  # Saturday night, ran past midnight
        ("pressure-points-hands", at("2026-11-22T08:00:00")),
        ("self-massage-home", at("2026-11-15T20:00:00")),  # last week's Sunday
    ]
    rows = {row.id: row for row in due_rows(routine_limits(entries), starts, sunday)}
    points = rows["pressure-points-hands"]
    assert (points.count_today, points.count_week, points.status) == (1, 2, DueStatus.DONE)
    massage = rows["self-massage-home"]
    assert (massage.count_today, massage.count_week, massage.status) == (0, 0, DueStatus.DUE)
    monday = due_rows(routine_limits(entries), starts, dt.date(2026, 11, 23))
    assert [row.count_week for row in monday] == [0, 0]


def test_the_sixth_pressure_point_session_is_at_the_limit() -> None:
    today = dt.date(2026, 11, 22)
    starts = [("pressure-points-hands", at(f"2026-11-22T{hour:02}:00:00")) for hour in range(8, 13)]
    (row,) = due_rows(routine_limits([SHIPPED.routines["pressure-points-hands"]]), starts, today)
    assert row.status is DueStatus.AT_LIMIT and row.limit_text() == "done today; next tomorrow"
    assert short_line([row]) == ""  # nothing due: the prompt goes quiet
    (one,) = due_rows(routine_limits([SHIPPED.routines["pressure-points-hands"]]), starts[:1], today)
    assert one.limit_text() == "1 today, up to 5 a day"  # a limit, never read as five to do
    assert row.as_json()["status"] == "at-limit"


def record(routine_id: str, started: float, outcome: Outcome = Outcome.COMPLETED) -> SessionRecord:
    return SessionRecord(routine_id, routine_id, started, started + 60, 60, 3, 0, outcome)


def test_counting_reads_only_finished_sessions_and_never_writes(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / DATABASE_NAME
    assert counted_starts(missing, dt.date(2026, 11, 16)) == []
    assert not missing.parent.exists()
    store = HistoryStore(tmp_path)
    now = at("2026-11-22T09:00:00")
    store.add_session(record("desk-break", now))
    store.add_session(record("desk-break", now + 100, Outcome.LEFT))
    store.add_session(record("desk-break", now + 200, Outcome.PARTIAL))
    store.close()
    before = sorted(os.listdir(tmp_path))
    assert counted_starts(tmp_path / DATABASE_NAME, dt.date(2026, 11, 16)) == [
        ("desk-break", now),
        ("desk-break", now + 200),
    ]
    assert sorted(os.listdir(tmp_path)) == before
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / DATABASE_NAME).write_bytes(b"not a database at all" * 100)
    assert counted_starts(broken / DATABASE_NAME, dt.date(2026, 11, 16)) is None


def test_unknot_due_json_and_short(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert main(["due", "--json", "--data-dir", str(data)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"id", "title", "status", "count_today", "count_week"} <= set(rows[0])
    by_id = {row["id"]: row for row in rows}
    assert by_id["self-massage-home"]["status"] == "due"
    assert by_id["pressure-points-hands"]["status"] == "anytime"
    assert main(["due", "--short", "--data-dir", str(data)]) == 0
    line = capsys.readouterr().out
    assert "self-massage-home due" in line and line.count("\n") == 1
    assert not data.exists()  # nothing written


def test_unknot_due_short_says_nothing_when_history_is_unreadable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / DATABASE_NAME).write_bytes(b"garbage" * 1000)
    assert main(["due", "--short", "--data-dir", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err == ""
    assert main(["due", "--data-dir", str(tmp_path)]) == 2


@pytest.mark.parametrize(
    "environment",
    [
        {},
        {"XDG_CACHE_HOME": "/x/cache", "XDG_CONFIG_HOME": "/x/config", "XDG_DATA_HOME": "/x/data"},
        {"XDG_DATA_HOME": " "},
    ],
)
def test_user_folders_are_where_platformdirs_puts_them(
    environment: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import platformdirs

    from unknot.core.paths import data_dir, user_cache_dir, user_config_dir

    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert str(user_cache_dir()) == platformdirs.user_cache_dir("unknot", appauthor=False)
    assert str(user_config_dir()) == platformdirs.user_config_dir("unknot", appauthor=False)
    assert str(data_dir(environ={})) == platformdirs.user_data_dir("unknot", appauthor=False)


def test_the_quick_prompt_line_matches_the_full_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from unknot.core.plans.quick import prompt_line

    data = tmp_path / "data"
    store = HistoryStore(data)
    store.add_session(record("pressure-points-hands", dt.datetime.now().timestamp() - 5))
    store.close()
    os.environ["UNKNOT_DATA_DIR"] = str(data)
    try:
        assert prompt_line() is None  # no frequencies file yet: the caller loads the library
        assert main(["due", "--short"]) == 0  # the slow way, writing nothing
        slow = capsys.readouterr().out
        assert main(["list"]) == 0  # any ordinary command keeps the frequencies file
        capsys.readouterr()
        quick = prompt_line()
        assert quick is not None and quick + "\n" == slow
        assert "pressure-points-hands" not in quick  # a count against a maximum is nothing to do
    finally:
        del os.environ["UNKNOT_DATA_DIR"]


def test_a_tampered_frequencies_file_is_not_trusted(tmp_path: Path) -> None:
    from unknot.core.library.fingerprint import library_fingerprint
    from unknot.core.library.frequencies import FREQUENCIES_FILE, read_frequencies, write_frequencies

    fingerprint = library_fingerprint([shipped_routines_dir()])
    write_frequencies(tmp_path, fingerprint, SHIPPED.routines.values())
    assert read_frequencies(tmp_path, fingerprint) == {
        "acupressure-mat": {"min_per_day": 1},
        "foam-roller-back": {"max_per_day": 1},
        "massage-balls-spine": {"max_per_day": 1},
        "pressure-points-hands": {"max_per_day": 5},
        "self-massage-home": {"min_per_week": 1, "max_per_week": 2},
    }
    path = tmp_path / FREQUENCIES_FILE
    data = json.loads(path.read_text())
    data["routines"]["\x1b]0;pwned\x07"] = {"max_per_day": 1}
    path.write_text(json.dumps(data))
    assert read_frequencies(tmp_path, fingerprint) is None
    assert read_frequencies(tmp_path, fingerprint[:-1]) is None  # another library


def test_the_fast_paths_copies_match_what_they_copy() -> None:
    """`due --short` keeps its own copies of a few definitions (importing them would slow a prompt down)."""
    from unknot.core.history.rows import COUNTED_OUTCOMES
    from unknot.core.library.frequencies import ROUTINE_ID
    from unknot.core.routines.model import ID_CHARACTERS
    from unknot.core.session.events import REACHED_THE_END
    from unknot.core.standings import LIMIT_NAMES, is_kit_name

    assert tuple(outcome.value for outcome in REACHED_THE_END) == COUNTED_OUTCOMES
    assert is_kit_name("tennis-ball") and not is_kit_name("Tennis Ball") and not is_kit_name("a" * 65)
    assert ROUTINE_ID.pattern == ID_CHARACTERS
    assert Frequency.__struct_fields__ == LIMIT_NAMES


def test_a_routine_needing_kit_one_lacks_is_never_due() -> None:
    from unknot.core.standings import missing_kit

    assert missing_kit(["yoga-mat", "acupressure-mat"], None) == ()  # not said: nothing is left out
    assert missing_kit(["yoga-mat", "acupressure-mat"], ("yoga-mat",)) == ("acupressure-mat",)
    rows = due_rows(
        [("mat", "Mat", often(min_per_day=1)), ("walk", "Walk", often(min_per_day=1))],
        [],
        dt.date(2026, 11, 18),
        {"mat": ("acupressure-mat",)},
    )
    assert [(row.id, row.status) for row in rows] == [("mat", DueStatus.NO_KIT), ("walk", DueStatus.DUE)]
    assert rows[0].as_json()["missing_kit"] == ["acupressure-mat"]
    assert short_line(rows) == "walk due 0/1 today"


def write_settings(home: Path, **settings: object) -> None:
    folder = home / "xdg_config_home" / "unknot"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.json").write_text(json.dumps(settings))


def test_unknot_due_leaves_out_routines_needing_kit_one_lacks_quick_or_slow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], isolated_user_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from unknot.core.plans.quick import prompt_line

    monkeypatch.setenv("UNKNOT_DATA_DIR", str(tmp_path / "data"))
    write_settings(isolated_user_dirs, equipment=["yoga-mat"])
    assert main(["due", "--json"]) == 0
    by_id = {row["id"]: row for row in json.loads(capsys.readouterr().out)}
    assert by_id["acupressure-mat"]["status"] == "no-kit"
    assert by_id["acupressure-mat"]["missing_kit"] == ["acupressure-mat"]
    assert by_id["self-massage-home"]["status"] == "no-kit"
    assert by_id["floor-stretches"]["missing_kit"] == []
    assert main(["due"]) == 0
    assert "(needs acupressure mat)" in capsys.readouterr().out
    assert main(["due", "--short"]) == 0
    assert capsys.readouterr().out == ""  # the slow way: nothing one can do is due
    assert prompt_line() == ""  # the quick way agrees (the frequencies file was written above)
    write_settings(isolated_user_dirs, equipment=["yoga-mat", "acupressure-mat"])
    assert prompt_line() == "acupressure-mat due 0/1 today"


@pytest.mark.parametrize(
    "content",
    [
        '{"equipment": ["yoga-mat", "tennis-ball"]}',
        '{"equipment": []}',
        '{"equipment": null}',
        '{"equipment": ["Yoga Mat"]}',
        '{"equipment": "yoga-mat"}',
        "not json",
        '["a list"]',
        "{}",
    ],
)
def test_the_prompts_kit_reader_agrees_with_the_settings(tmp_path: Path, content: str) -> None:
    from unknot.core.history.due import owned_kit_quickly
    from unknot.core.settings import SettingsStore

    path = tmp_path / "settings.json"
    path.write_text(content)
    assert owned_kit_quickly(path) == SettingsStore(path).examine()[0].equipment
