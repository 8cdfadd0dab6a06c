"""`unknot doctor`: each check's finding from surroundings the test hands in, and that it changes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from unknot.cli import main
from unknot.core.doctor import Finding, Mark, Surroundings, examine, exit_status
from unknot.core.history.store import HistoryStore
from unknot.core.session.events import Outcome, SessionRecord

GOOD_TERMINAL = {"TERM": "xterm-256color", "COLORTERM": "truecolor"}


def around(tmp_path: Path, *, environ: dict[str, str] | None = None, **given: object) -> Surroundings:
    """Surroundings with nothing from the machine: a good terminal, no programs, tmux silent."""
    settings: dict[str, object] = {
        "environ": {**GOOD_TERMINAL, **(environ or {})},
        "terminal_size": lambda: (80, 24),
        "which": lambda name: None,
        "tmux": lambda arguments: None,
        "data_dir": tmp_path / "data",
        **given,
    }
    return Surroundings(**settings)  # type: ignore[arg-type]


def finding(findings: Sequence[Finding], area: str) -> Finding:
    """The finding about `area`."""
    return next(one for one in findings if one.area == area)


def tree(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under `folder` with its size and modification time: what 'changes nothing' compares."""
    return {
        str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_a_fresh_machine_has_no_problem(tmp_path: Path) -> None:
    findings = examine(around(tmp_path, which=lambda name: f"/usr/bin/{name}" if name == "espeak-ng" else None))
    assert exit_status(findings) == 0
    assert finding(findings, "terminal").text == "TERM=xterm-256color, 24-bit colour"
    assert finding(findings, "size").text == "80×24"
    assert finding(findings, "history").text == "no sessions yet"
    assert finding(findings, "voice") == Finding("voice", Mark.OK, "auto: speaking with espeak-ng (/usr/bin/espeak-ng)")
    assert finding(findings, "plans").text == "2 plans from 1 folder"
    assert finding(findings, "routines").text == "8 routines from 2 folders"
    assert finding(findings, "versions").text.startswith("Unknot ")


def test_tmux_without_passthrough_is_a_problem_for_a_chosen_notification(tmp_path: Path) -> None:
    asked: list[Sequence[str]] = []

    def tmux(arguments: Sequence[str]) -> str:
        asked.append(arguments)
        return "off"

    findings = examine(around(tmp_path, environ={"TMUX": "/tmp/tmux-0/default,1,0"}, tmux=tmux, notify_flag="osc9"))
    assert asked == [["show-options", "-gv", "allow-passthrough"]]
    assert finding(findings, "tmux").mark is Mark.WARNING
    notifications = finding(findings, "notifications")
    assert notifications.mark is Mark.PROBLEM and "allow-passthrough on" in notifications.hint
    assert notifications.link == "docs/troubleshooting.md#no-notification-appears"
    assert exit_status(findings) == 1
    on = examine(around(tmp_path, environ={"TMUX": "x"}, tmux=lambda arguments: "on", notify_flag="osc9"))
    assert finding(on, "notifications").text == "osc9 (--notify), while the terminal is in the background"
    assert finding(on, "tmux") == Finding("tmux", Mark.OK, "inside tmux, allow-passthrough on")


def test_auto_notifications_say_which_terminal_chose_them(tmp_path: Path) -> None:
    kitty = examine(around(tmp_path, environ={"KITTY_WINDOW_ID": "1"}))
    assert finding(kitty, "notifications").text.startswith("osc99 (auto: kitty")
    unknown = finding(examine(around(tmp_path)), "notifications")
    assert unknown.mark is Mark.WARNING and unknown.text.startswith("off: auto found no terminal")


def test_the_terminal_is_described(tmp_path: Path) -> None:
    console = examine(around(tmp_path, environ={"TERM": "linux", "COLORTERM": "", "SSH_CONNECTION": "a 1 b 2"}))
    assert finding(console, "terminal").text.startswith("the Linux console")
    assert finding(console, "connection").text.startswith("over SSH")
    dumb = examine(around(tmp_path, environ={"TERM": "dumb"}, terminal_size=lambda: (60, 20)))
    assert finding(dumb, "terminal").mark is Mark.PROBLEM
    assert finding(dumb, "size").mark is Mark.WARNING
    hostile = examine(around(tmp_path, environ={"TERM": "xterm\x1b]0;pwned\x07"}))
    assert "\x1b" not in finding(hostile, "terminal").text
    screen = examine(around(tmp_path, environ={"STY": "1.pts"}))
    assert finding(screen, "multiplexer").mark is Mark.WARNING


def test_no_speech_program_is_a_warning_naming_each(tmp_path: Path) -> None:
    voice = finding(examine(around(tmp_path)), "voice")
    assert voice.mark is Mark.WARNING
    assert "spd-say, espeak-ng, espeak, say" in voice.text and voice.link.endswith("#no-sound")


def test_the_voice_in_force_is_said_with_why(tmp_path: Path) -> None:
    def has_espeak(name: str) -> str | None:
        return f"/usr/bin/{name}" if name == "espeak-ng" else None

    over_ssh = finding(examine(around(tmp_path, environ={"SSH_CONNECTION": "a 1 b 2"}, which=has_espeak)), "voice")
    assert over_ssh.mark is Mark.WARNING and "forward speech-dispatcher" in over_ssh.text
    assert "found here: espeak-ng" in over_ssh.text
    off = finding(examine(around(tmp_path, voice_flag="off", which=has_espeak)), "voice")
    assert off.mark is Mark.OK and off.text.startswith("off")
    missing = finding(examine(around(tmp_path, voice_flag="spd-say", which=has_espeak)), "voice")
    assert missing.mark is Mark.WARNING and "spd-say is not installed" in missing.text


def test_healthy_history_is_counted_and_left_as_it_was(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = HistoryStore(data)
    started = time.time() - 600
    store.add_session(SessionRecord("desk-break", "Desk", started, started + 300, 300, 5, 0, Outcome.COMPLETED))
    store.close()
    before = tree(tmp_path)
    findings = examine(around(tmp_path))
    assert finding(findings, "history").text.startswith("healthy: 1 session(s), ")
    assert finding(findings, "data folder").text.endswith("writable")
    assert tree(tmp_path) == before


def test_damage_waiting_sessions_and_copies_aside_are_said_and_left_alone(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / "history.sqlite3").write_bytes(b"not a database at all" * 100)
    (data / "history.sqlite3.damaged-20260101-120000").write_bytes(b"old")
    record = SessionRecord("desk-break", "Desk", 1.0, 301.0, 300, 5, 0, Outcome.COMPLETED)
    from unknot.core.history.journal import record_line

    (data / "unsaved-sessions.jsonl").write_bytes(record_line(record) * 2)
    before = tree(tmp_path)
    findings = examine(around(tmp_path))
    assert finding(findings, "history").mark is Mark.PROBLEM
    assert "moves the file aside" in finding(findings, "history").hint
    assert finding(findings, "damaged copies").text.startswith("1 damaged history file(s) kept aside")
    assert finding(findings, "unsaved sessions").text.startswith("2 session(s)")
    assert exit_status(findings) == 1
    assert tree(tmp_path) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to any folder")
def test_a_folder_that_cannot_be_written_is_a_problem(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    findings = examine(around(tmp_path, data_dir=locked))
    assert finding(findings, "data folder").mark is Mark.PROBLEM


def test_a_broken_settings_file_is_said_not_moved(isolated_user_dirs: Path, tmp_path: Path) -> None:
    settings = isolated_user_dirs / "xdg_config_home" / "unknot" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text("{not json")
    findings = examine(around(tmp_path))
    assert finding(findings, "settings").mark is Mark.PROBLEM
    assert "moves it aside" in finding(findings, "settings").text
    assert settings.read_text() == "{not json" and [path.name for path in settings.parent.iterdir()] == [
        "settings.json"
    ]
    settings.write_text('{"bell": "loud", "notify": "osc777"}')
    findings = examine(around(tmp_path))
    assert "ignored bell" in finding(findings, "settings").text
    assert finding(findings, "notifications").text.startswith("osc777 (your setting)")


def test_routine_files_with_problems_are_counted(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "broken.yaml").write_text("title: [unclosed\n")
    findings = examine(around(tmp_path, extra_routine_folders=[folder]))
    routines = finding(findings, "routines")
    assert routines.mark is Mark.WARNING and "1 file(s) with problems" in routines.text
    assert "unknot validate" in routines.hint


def test_the_command_prints_lines_or_json_and_exits_1_on_a_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "history.sqlite3").write_bytes(b"garbage" * 100)
    assert main(["doctor", "--data-dir", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].startswith("1 problem(s), ")
    assert any(line.startswith("problem  history") for line in lines)
    assert main(["doctor", "--json", "--data-dir", str(tmp_path / "elsewhere")]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["status"] == 0 and {"area", "mark", "text", "hint", "link"} == set(report["findings"][0])


def test_the_doctor_never_imports_textual(tmp_path: Path) -> None:
    code = "import sys, unknot.cli as c; c.main(['doctor']); print('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=FIXTURES)
    assert done.stdout.splitlines()[-1] == "False"
