"""File names, paths and cached text from outside: never sent raw, never a traceback, never trusted.

Each test reproduces a finding: escape bytes in a file name reaching the terminal, a name that is
not UTF-8 crashing every command, a hand-edited library copy, special files where settings are
expected, a folder named on the command line that is not one, and the app started with no terminal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.terminal import unknot_command
from unknot.cli import main
from unknot.core.library.cache import CACHE_FILE, MAGIC
from unknot.core.paths import user_cache_dir, user_routines_dir
from unknot.core.session.bell import BellMode
from unknot.core.settings import Settings, SettingsStore

GOOD = "title: Fine\nsteps:\n  - {title: Stand, duration: 5}\n"
EVIL_NAME = "\x1b]0;PWNED\x07\x1b[2J.yaml"


def user_folder() -> Path:
    folder = user_routines_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_escape_bytes_in_a_file_name_never_reach_the_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / EVIL_NAME).write_text("title: [broken\n")
    assert main(["validate", str(folder)]) == 1
    assert main(["validate", str(folder / EVIL_NAME)]) == 1
    (user_folder() / EVIL_NAME).write_text(GOOD.replace("Fine", "Twin"))
    (user_folder() / "twin.yaml").write_text(GOOD.replace("Fine", "Twin"))
    assert main(["list"]) == 0  # two files, one id: a notice names both files
    assert main(["--data-dir", str(tmp_path / f"data{EVIL_NAME}"), "history"]) in (0, 2)
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "␛]0;PWNED␇␛[2J" in err


def test_a_file_name_that_is_not_utf8_is_reported_and_skipped(capsys: pytest.CaptureFixture[str]) -> None:
    folder = user_folder()
    (folder / "fine.yaml").write_text(GOOD)
    with open(os.path.join(os.fsencode(folder), b"\xff.yaml"), "w") as stream:
        stream.write(GOOD)
    for argv in (["list"], ["list", "--json"], ["show", "fine"], ["validate"]):
        assert main(argv) in (0, 1), argv
    out, err = capsys.readouterr()
    assert "\ufffd.yaml" in err and "not UTF-8" in err
    assert "Fine" in out


def test_a_routines_folder_that_is_not_utf8_works(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = os.path.join(os.fsencode(tmp_path), b"r\xe9sum\xe9")
    os.mkdir(folder)
    with open(os.path.join(folder, b"fine.yaml"), "w") as stream:
        stream.write(GOOD)
    assert main(["--routines", os.fsdecode(folder), "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert any(row["id"] == "fine" and "\ufffd" in row["path"] for row in rows)


def test_a_hand_edited_library_copy_is_not_believed(capsys: pytest.CaptureFixture[str]) -> None:
    (user_folder() / "fine.yaml").write_text(GOOD)
    assert main(["list"]) == 0  # makes the copy
    copy = user_cache_dir() / CACHE_FILE
    assert copy.stat().st_mode & 0o777 == 0o600
    data = copy.read_bytes()
    assert data.startswith(MAGIC) and b"Fine" in data
    copy.write_bytes(data.replace(b"Fine", b"\x1b[2J"))  # same length: the fingerprint still matches
    capsys.readouterr()
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "Fine" in out


def test_the_routines_flag_reports_a_file_or_a_missing_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "one.yaml").write_text(GOOD)
    assert main(["--routines", str(tmp_path / "one.yaml"), "validate"]) == 1
    assert main(["validate", "--routines", str(tmp_path / "nowhere")]) == 1
    err = capsys.readouterr().err
    assert "one.yaml:1:1: not a folder" in err and "nowhere:1:1: no such folder" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_validate_on_an_unreadable_folder_is_a_problem_not_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0)
    try:
        assert main(["validate", str(folder)]) == 1
    finally:
        folder.chmod(0o700)
    assert "cannot read the folder" in capsys.readouterr().err


# ----- settings ------------------------------------------------------------------------------------


def test_settings_that_are_a_fifo_a_device_or_too_deep_count_as_none(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    device = tmp_path / "zero.json"
    device.symlink_to("/dev/zero")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 30_000 + "]" * 30_000)
    for path in (fifo, device, deep):
        began = time.monotonic()
        store = SettingsStore(path)
        assert store.load() == Settings()
        assert store.problem is not None, path
        assert time.monotonic() - began < 2
    assert not deep.exists() and list(tmp_path.glob("deep.json.unreadable-*"))  # moved aside, not overwritten


def test_one_bad_setting_keeps_the_others_and_unknown_keys_survive_a_save(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"bell": "loud", "theme": "nord", "mouse": False, "later": {"x": 1}}))
    store = SettingsStore(path)
    settings = store.load()
    assert (settings.bell, settings.theme, settings.mouse) == (BellMode.STEPS, "nord", False)
    assert store.problem is not None and "bell" in store.problem
    assert store.save(settings)
    assert json.loads(path.read_text())["later"] == {"x": 1}


def test_unparsable_settings_are_moved_aside_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"bell": tru')
    store = SettingsStore(path)
    assert store.load() == Settings()
    (aside,) = tmp_path.glob("settings.json.unreadable-*")
    assert aside.read_text() == '{"bell": tru' and store.problem is not None and str(aside) in store.problem
    store.save(Settings(bell=BellMode.OFF))
    assert aside.read_text() == '{"bell": tru'


def test_a_failed_settings_save_leaves_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.mkdir()  # the rename onto it fails after the temporary file was written
    store = SettingsStore(path)
    assert not store.save(Settings())
    assert store.problem is not None
    assert [child.name for child in tmp_path.iterdir()] == ["settings.json"]


# ----- no terminal --------------------------------------------------------------------------------


@pytest.mark.parametrize("stdin", ["devnull", "closed"])
def test_without_a_terminal_the_app_says_so_and_exits_at_once(tmp_path: Path, stdin: str) -> None:
    began = time.monotonic()
    result = subprocess.run(
        [unknot_command()],
        stdin=subprocess.DEVNULL if stdin == "devnull" else None,
        capture_output=True,
        text=True,
        timeout=30,
        close_fds=True,
        pass_fds=(),
        preexec_fn=(lambda: os.close(0)) if stdin == "closed" else None,
        env={**os.environ, "UNKNOT_DATA_DIR": str(tmp_path / "data")},
    )
    assert result.returncode == 2 and "needs a terminal" in result.stderr
    assert "\x1b" not in result.stdout
    assert time.monotonic() - began < 20


def test_plain_commands_work_without_a_terminal(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "unknot", "list"], stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "floor-stretches" in result.stdout


def test_a_routine_taking_a_shipped_title_or_id_is_marked_with_where_it_comes_from(tmp_path: Path) -> None:
    from unknot.core.library.loader import load_library
    from unknot.core.paths import shipped_routines_dir

    shipped = load_library([shipped_routines_dir()])
    title = shipped.routines["floor-stretches"].card.title
    (tmp_path / "lookalike.yaml").write_text(f"title: '{title.upper()} '\nsteps:\n  - {{title: a, duration: 10s}}\n")
    (tmp_path / "desk-break.yaml").write_text("title: Something else\nsteps:\n  - {title: a, duration: 10s}\n")
    (tmp_path / "mine.yaml").write_text("title: My own\nsteps:\n  - {title: a, duration: 10s}\n")
    library = load_library([shipped_routines_dir(), tmp_path])
    marked = sorted(entry.id for entry in library.routines.values() if entry.look_alike)
    assert marked == ["desk-break", "lookalike"]
