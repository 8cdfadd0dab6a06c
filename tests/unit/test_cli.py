"""The command line: list, show, validate, schema, version, and errors without tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from unknot import __version__
from unknot.cli import main
from unknot.core.history.store import HistoryStore
from unknot.core.session.events import Outcome, SessionRecord


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_has_the_promised_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list", "--json")
    assert code == 0 and err == ""
    rows = json.loads(out)
    assert {"id", "title", "summary", "total_seconds", "equipment", "tags"} <= set(rows[0])
    floor = next(row for row in rows if row["id"] == "floor-stretches")
    assert floor["total_seconds"] == 280 and floor["equipment"] == ["yoga-mat"]


def test_list_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert any(line.startswith("floor-stretches") and "4m40s" in line for line in out.splitlines())


def test_show_prints_steps_and_diagrams(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "floor-stretches")
    assert code == 0
    assert "3. Cat / cow  (10 × (3s + 3s))" in out
    assert "not medical advice" in out
    assert "\\__O___" in out  # child's pose, arms long in front
    # Only the frames a step uses, each labelled by when it shows: cat/cow's table frame is not.
    assert "    Inhale – cow:\n" in out and "    Exhale – cat:\n" in out
    assert out.count("|__O") == 0


def test_show_labels_breathing_frames(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "desk-break")
    assert code == 0
    assert "    Breathing in:\n" in out and "    Breathing out:\n" in out


def test_show_unknown_id_is_a_clean_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "nope")
    assert code == 2 and out == ""
    assert err == "unknot: no routine with the id 'nope'; `unknot list` shows the ids\n"


def test_validate_whole_library_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate")
    assert code == 0 and out == "8 routines, 2 plans valid\n"


def test_validate_reports_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\nsteps:\n  - {title: a, duration: forever}\n")
    code, _, err = run(capsys, "validate", str(bad))
    assert code == 1
    assert f"{bad}:3:26: steps[0].duration: expected a duration like 30s or 1m30s, got 'forever'" in err


def test_routines_option_and_environment_add_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (one / "mine.yaml").write_text("title: Mine\nsteps:\n  - {title: a, duration: 3}\n")
    (two / "theirs.yaml").write_text("title: Theirs\nsteps:\n  - {title: a, duration: 3}\n")
    monkeypatch.setenv("UNKNOT_ROUTINES", str(one))
    _, out, _ = run(capsys, "list", "--json", "--routines", str(two))
    ids = {row["id"] for row in json.loads(out)}
    assert {"mine", "theirs", "floor-stretches"} <= ids


def test_user_folder_is_searched(isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = isolated_user_dirs / "xdg_config_home" / "unknot" / "routines"
    folder.mkdir(parents=True)
    (folder / "floor-stretches.yaml").write_text("title: My own floor\nsteps:\n  - {title: a, duration: 3}\n")
    _, out, err = run(capsys, "list", "--json")
    row = next(row for row in json.loads(out) if row["id"] == "floor-stretches")
    assert row["title"] == "My own floor"
    assert "replaces the routine 'floor-stretches'" in err


def test_schema_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0 and json.loads(out)["title"] == "Unknot routine"
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"unknot {__version__}"


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_floor_is_accepted_before_or_after_the_command() -> None:
    from unknot.cli import build_parser

    parser = build_parser()
    assert parser.parse_args(["play", "desk-break", "--floor"]).floor is True
    assert parser.parse_args(["--floor", "play", "desk-break"]).floor is True
    assert parser.parse_args(["--floor"]).floor is True
    assert parser.parse_args(["play", "desk-break"]).floor is False


def test_every_command_and_argument_has_help() -> None:
    import argparse

    from unknot.cli import build_parser

    parser = build_parser()
    commands = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    assert set(commands.choices) >= {"list", "show", "validate", "schema", "play", "history", "resume"}
    for name, sub in commands.choices.items():
        assert sub.description and sub.description.endswith("."), name  # a sentence, wrapped for 80 columns
        for action in sub._actions:
            assert action.help, f"unknot {name}: {action.dest} has no help"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["serve", "--port", "0"], "argument --port: '0' is not a port (1 to 65535)"),
        (["serve", "--port", "²"], "argument --port: '²' is not a port (1 to 65535)"),
        (["serve", "--port", "9" * 5000], "is not a port (1 to 65535)"),
        (["serve", "--max-sessions", "+2"], "argument --max-sessions: '+2' is not a whole number of at least 1"),
        (["serve", "--public-url", "http://[::1"], "'http://[::1' is not an http:// or https:// address (no ? or #)"),
        (["--remind", "5s"], "argument --remind: remind every: must be at least 1m, got 5s"),
    ],
)
def test_a_bad_value_is_told_in_words(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "invalid" not in err


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_an_output_that_cannot_take_every_character_gets_no_traceback(encoding: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = HistoryStore(data)
    store.add_session(
        SessionRecord(
            "desk-break", "Café — “desk” break ✓", 1_767_225_600.0, 1_767_225_900.0, 300, 5, 0, Outcome.COMPLETED, 6, 3
        )
    )
    store.close()
    env = {**os.environ, "PYTHONIOENCODING": encoding, "UNKNOT_DATA_DIR": str(data)}
    commands = [
        ["show", "floor-stretches"],
        ["history"],
        ["history", "--csv"],
        ["history", "--json"],
        ["list", "--json"],
        ["list"],
        ["due"],
        ["due", "--short"],
    ]
    for command in commands:
        done = subprocess.run(
            [sys.executable, "-m", "unknot", *command], env=env, capture_output=True, timeout=60, check=False
        )
        assert b"Traceback" not in done.stderr, (command, done.stderr.decode(errors="replace"))
        assert done.returncode == 0, (command, done.stderr.decode(errors="replace"))


def test_cli_rows_fit_80_columns_and_mistakes_get_a_hint(capsys: pytest.CaptureFixture[str]) -> None:
    """`list` rows stay within 80 columns; `show` of a misspelled id suggests one; --short and --json clash."""
    assert main(["list"]) == 0
    assert max(len(line) for line in capsys.readouterr().out.splitlines()) <= 80
    assert main(["show", "floor-strech"]) == 2
    assert "did you mean 'floor-stretches'?" in capsys.readouterr().err
    assert main(["due", "--short", "--json"]) == 2
    assert "choose one" in capsys.readouterr().err
