"""`unknot new` and `unknot edit`: a valid starter, copies under a new id, the editor at the first problem."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from unknot.cli import main
from unknot.core.authoring import MODELINE, AuthoringError, editor_command
from unknot.core.library.loader import load_library
from unknot.core.paths import shipped_routines_dir, user_routines_dir


def test_new_writes_a_valid_commented_starter_and_never_overwrites(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "my-evening"]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path == user_routines_dir() / "my-evening.yaml"
    text = path.read_text()
    assert text.splitlines()[0] == MODELINE == "# yaml-language-server: $schema=../routine.schema.json"
    assert (path.parent.parent / "routine.schema.json").read_text().startswith("{")
    for feature in ("sides:", "reps:", "phases:", "cues:", "diagram: knees-to-chest", "use: "):
        assert feature in text
    library = load_library([shipped_routines_dir(), path.parent])
    assert library.errors == [] and "my-evening" in library.routines
    assert main(["new", "my-evening"]) == 1
    assert "already has the id 'my-evening'" in capsys.readouterr().err  # nothing overwritten or hidden
    assert path.read_text() == text
    assert main(["new", "Not_An_Id"]) == 1
    assert "lower-case letters, digits and dashes" in capsys.readouterr().err


def test_new_from_copies_under_the_new_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "my-floor", "--from", "floor-stretches"]) == 0
    path = Path(capsys.readouterr().out.strip())
    text = path.read_text()
    assert text.startswith(MODELINE + "\n") and text.count("yaml-language-server") == 1
    library = load_library([shipped_routines_dir(), path.parent])
    assert library.errors == []
    assert library.routines["my-floor"].routine.steps == library.routines["floor-stretches"].routine.steps
    assert main(["new", "x", "--from", "nope"]) == 2


@pytest.mark.parametrize("editor", ["vim", "nano", "emacs", "code --wait", "hx"])
@pytest.mark.parametrize("name", ["+!touch PWNED.yaml", "-c!touch PWNED.yaml", "--cmd=x.yaml"])
def test_a_file_name_is_never_an_option_or_a_command_to_the_editor(
    editor: str, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    command = editor_command({"EDITOR": editor}, Path(name), 4)
    opened = command[-1].rsplit(":4", 1)[0] if editor == "hx" else command[-1]
    assert opened == str(tmp_path / name)  # absolute: it starts with '/', never '+' or '-'
    assert all(not part.startswith(("+!", "-c!", "--cmd")) for part in command)
    if editor in ("vim", "nano"):
        assert command[-2] == "--"


def test_editor_opens_at_a_line_where_it_can() -> None:
    path = Path("/r/a.yaml")
    assert editor_command({"EDITOR": "nano"}, path, 7) == ["nano", "+7", "--", "/r/a.yaml"]
    assert editor_command({"VISUAL": "nvim -u NONE", "EDITOR": "nano"}, path, 3) == [
        "nvim",
        "-u",
        "NONE",
        "+3",
        "--",
        "/r/a.yaml",
    ]
    assert editor_command({"EDITOR": "/usr/bin/hx"}, path, 2) == ["/usr/bin/hx", "/r/a.yaml:2"]
    assert editor_command({"EDITOR": "code --wait"}, path, 2) == ["code", "--wait", "/r/a.yaml"]
    assert editor_command({"EDITOR": "vim"}, path) == ["vim", "--", "/r/a.yaml"]
    with pytest.raises(AuthoringError, match="set VISUAL or EDITOR"):
        editor_command({}, path)


def test_edit_copies_a_shipped_routine_then_reports_problems(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text("import sys\nopen(sys.argv[-1], 'a').write('\\nsteps_extra: 1\\n')\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    with open(os.devnull) as no_terminal:  # not a terminal: no offer to reopen
        monkeypatch.setattr(sys, "stdin", no_terminal)
        assert main(["edit", "desk-break"]) == 1
    err = capsys.readouterr().err
    copy = user_routines_dir() / "desk-break.yaml"
    assert "copied to" in err and "replaces the installed one" in err
    assert f"{copy}:" in err and "unknown key 'steps_extra'" in err
    assert (shipped_routines_dir() / "desk-break.yaml").read_text() != copy.read_text()

    monkeypatch.setenv("EDITOR", "true")
    copy.write_text(copy.read_text().replace("\nsteps_extra: 1\n", ""))
    assert main(["edit", "desk-break"]) == 0
    assert capsys.readouterr().out.strip().endswith("desk-break.yaml: valid")
    assert main(["edit", "no-such-routine"]) == 2


def test_editing_a_shipped_routine_keeps_no_copy_when_nothing_changed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "true")  # opens and closes without a change
    assert main(["edit", "floor-stretches"]) == 0
    err = capsys.readouterr().err
    assert "copied to" in err and "no change was saved, so the copy was removed" in err
    assert not (user_routines_dir() / "floor-stretches.yaml").exists()
    assert main(["list", "--ids"]) == 0 and "floor-stretches" in capsys.readouterr().out


@pytest.mark.skipif(shutil.which("vim") is None, reason="needs vim (Debian's vim package) to run the editor for real")
def test_vim_opens_a_hostile_file_name_without_running_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The attack itself: a shared file named `+!touch PWNED.yaml` in a relative routines folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "+!touch PWNED.yaml").write_text("title: x\n")
    command = editor_command({"EDITOR": "vim -es -u NONE -N"}, Path("+!touch PWNED.yaml"), 1)
    subprocess.run(command, input="q!\n", text=True, timeout=30, check=False, capture_output=True)
    assert not (tmp_path / "PWNED.yaml").exists()


def test_new_refuses_an_id_with_a_newline(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "abc\n"]) == 1
    assert "is not a routine id" in capsys.readouterr().err
    assert not user_routines_dir().exists() or list(user_routines_dir().iterdir()) == []


def test_new_with_the_id_of_an_existing_routine_refuses_and_says_what_to_do(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A starter named floor-stretches would hide the shipped routine (and its own `use:` would loop)."""
    assert main(["new", "floor-stretches"]) == 1
    err = capsys.readouterr().err
    assert "already has the id 'floor-stretches'" in err and "unknot edit floor-stretches" in err
    assert "--from floor-stretches" in err
    assert not (user_routines_dir() / "floor-stretches.yaml").exists()


def test_a_copy_says_it_is_a_copy_and_the_starter_ends_with_a_newline(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "my-floor", "--from", "floor-stretches"]) == 0
    copy = Path(capsys.readouterr().out.strip())
    library = load_library([shipped_routines_dir(), copy.parent])
    assert library.routines["my-floor"].card.title == library.routines["floor-stretches"].card.title + " (copy)"
    assert main(["new", "mine"]) == 0
    assert Path(capsys.readouterr().out.strip()).read_text().endswith("\n")
