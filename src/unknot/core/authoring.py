"""Writing routines: the starter file of `unknot new`, copies under a new id, and opening an editor at a line.

Files go into the user routines folder (`~/.config/unknot/routines/`). The JSON Schema is kept
beside that folder (`~/.config/unknot/routine.schema.json`, rewritten when this version's differs),
and every file written starts with the yaml-language-server modeline that points at it, so an
editor completes and checks keys offline, for exactly the installed version.
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .library.library import Library
from .paths import shipped_routines_dir, user_routines_dir
from .routines.model import is_id
from .routines.text import shown_path
from .safe_files import write_private_file

SCHEMA_FILE = "routine.schema.json"
MODELINE = f"# yaml-language-server: $schema=../{SCHEMA_FILE}"
_MODELINE_LINE = re.compile(r"^#\s*yaml-language-server:.*\n?")
_ID_LINE = re.compile(r"^id:.*$", re.MULTILINE)
_TITLE_LINE = re.compile(r"^title:[ \t]*(.+?)[ \t]*$", re.MULTILINE)

#: Editors that open a file at a line with `+LINE FILE`; helix takes `FILE:LINE` instead.
PLUS_LINE_EDITORS = {"vi", "vim", "nvim", "view", "gvim", "emacs", "emacsclient", "nano", "micro", "kak", "kakoune"}
#: Editors that read `--` as "only file names after this".
DOUBLE_DASH_EDITORS = {"vi", "vim", "nvim", "view", "gvim", "nano"}
COLON_LINE_EDITORS = {"hx", "helix"}


class AuthoringError(Exception):
    """Something `new` or `edit` cannot do, said plainly."""


def check_new_id(routine_id: str) -> None:
    """Raise AuthoringError unless `routine_id` is a valid id (`a-z0-9-`, starting with a letter or digit)."""
    if not is_id(routine_id):
        raise AuthoringError(
            f"{routine_id!r} is not a routine id: use lower-case letters, digits and dashes (e.g. my-evening)"
        )


def starter_text(routine_id: str) -> str:
    """Return a short, valid, commented routine to start from."""
    title = routine_id.replace("-", " ").capitalize()
    return f"""{MODELINE}
# Your routine. Save it and Unknot checks it: `unknot validate {routine_id}.yaml`, or it shows
# under "problems" in the app. Every key is described in docs/routine-format.md; `unknot schema`
# prints the full list. Keep instructions short: they are read during a hold, from the floor.
title: {title}
summary: One line that says what this routine is for.
areas: [lower-back]
equipment: [yoga-mat]
cautions:
  - Move slowly, and stop if anything hurts sharply.
steps:
  # A timed hold, with a drawing from the diagram library and a cue half-way.
  - title: Knees to chest
    instructions: Lie on your back and hug both knees to your chest. Breathe slowly.
    duration: 30s
    diagram: knees-to-chest
    cues:
      - {{at: 15s, text: Let your shoulders soften}}
  # One step played on each side, with a pause to switch between them.
  - title: Lying twist
    instructions: Let both knees fall to one side; keep your shoulders on the floor.
    duration: 30s
    sides: [right, left]
    diagram: supine-twist
  # Repetitions made of phases: each rep breathes in, then out.
  - title: Cat and cow
    instructions: On hands and knees, arch as you breathe in and round as you breathe out.
    reps: 5
    phases:
      - {{label: Breathe in - cow, duration: 3s, frame: cow}}
      - {{label: Breathe out - cat, duration: 3s, frame: cat}}
    diagram: cat-cow
  # A step taken from another routine; any key beside `use:` overrides that field.
  - use: floor-stretches/childs-pose
    duration: 45s
"""


def copy_text(source: str, new_id: str) -> str:
    """Return the text of a routine file under `new_id`: the modeline first, the `id:` changed (or none),
    and a title that says it is a copy, so the list never shows two routines of one name."""
    body = _ID_LINE.sub(f"id: {new_id}", _MODELINE_LINE.sub("", source, count=1), count=1)
    return f"{MODELINE}\n{_TITLE_LINE.sub(_copy_title, body, count=1)}"


def _copy_title(match: re.Match[str]) -> str:
    value = match.group(1)
    if len(value) >= 2 and value[0] in "'\"" and value[-1] == value[0]:
        return f"title: {value[:-1]} (copy){value[-1]}"
    return f"title: {value} (copy)"


def check_id_is_free(routine_id: str, library: Library) -> None:
    """Raise AuthoringError when a routine already has `routine_id`: a new file would hide it."""
    entry = library.routines.get(routine_id)
    if entry is not None:
        raise AuthoringError(
            f"{entry.card.title!r} already has the id {routine_id!r} ({shown_path(entry.path)}); a new file would "
            f"hide it. To change it: unknot edit {routine_id}. To start from it: unknot new NEW-ID --from {routine_id}"
        )


def write_schema(folder: Path) -> Path:
    """Keep the JSON Schema beside the user routines folder, as the modeline expects; return its path."""
    from .routines.schema import routine_schema_text

    schema_text = routine_schema_text()
    path = folder.parent / SCHEMA_FILE
    try:
        current = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        current = None
    if current != schema_text:
        write_private_file(path, schema_text.encode("utf-8"))
    return path


def create_routine_file(routine_id: str, text: str, folder: Path | None = None) -> Path:
    """Write `text` as `ROUTINE_ID.yaml` in the user folder, the schema its modeline names beside it.

    Refuses to overwrite any file there.
    """
    folder = folder or user_routines_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / f"{routine_id}.yaml"
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except FileExistsError:
        raise AuthoringError(f"{shown_path(path)} exists already; `unknot edit {routine_id}` opens it") from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)
    write_schema(folder)
    return path


def editor_command(environ: Mapping[str, str], path: Path, line: int | None = None) -> list[str]:
    """Return the command that opens `path` (at `line` where the editor can) in $VISUAL or $EDITOR.

    The path is made absolute, and follows `--` where the editor knows it: a file named `+!cmd.yaml` or
    `-c…` in a relative routines folder is then a file name, never an option or a command to the editor.
    """
    chosen = environ.get("VISUAL") or environ.get("EDITOR")
    if not chosen:
        raise AuthoringError("set VISUAL or EDITOR to your editor (e.g. `export EDITOR=nano`)")
    try:
        command = shlex.split(chosen)
    except ValueError as error:
        raise AuthoringError(f"cannot read the editor command {chosen!r}: {error}") from None
    if not command:
        raise AuthoringError("set VISUAL or EDITOR to your editor (e.g. `export EDITOR=nano`)")
    name = Path(command[0]).name
    target = str(path.absolute())
    if line is not None and name in COLON_LINE_EDITORS:
        return [*command, f"{target}:{line}"]
    at_line = [f"+{line}"] if line is not None and name in PLUS_LINE_EDITORS else []
    end_of_options = ["--"] if name in DOUBLE_DASH_EDITORS else []
    return [*command, *at_line, *end_of_options, target]


def is_shipped(path: Path) -> bool:
    """Whether `path` is one of the routines installed with Unknot (not the person's to change)."""
    return path.resolve().is_relative_to(shipped_routines_dir().resolve())


@dataclass(frozen=True)
class EditTarget:
    """The file to open in the editor, and what to say about it."""

    path: Path
    notice: str | None = None
    """Said before the editor opens (a shipped routine was copied to edit)."""
    copied: str | None = None
    """The text of a copy made for this edit: if the file still holds exactly this afterwards, the
    person changed nothing and the copy is removed (`after_editing`)."""


def edit_target(library: Library, routine_id: str) -> EditTarget:
    """Return the file to edit for `routine_id`, and a notice when a shipped routine was copied first.

    A routine from the person's folders is edited where it is; a shipped one is copied into the
    user folder (where it replaces the shipped one, if a change is saved); a file that failed to
    load is found by its name.
    """
    entry = library.routines.get(routine_id)
    if entry is not None and not is_shipped(entry.path):
        return EditTarget(entry.path)
    own = user_routines_dir() / f"{routine_id}.yaml"
    if own.exists():
        return EditTarget(own)
    if entry is None:
        for problem in library.errors:
            if problem.path.stem == routine_id and problem.path.suffix in (".yaml", ".yml"):
                return EditTarget(problem.path)
        raise AuthoringError(f"no routine with the id {routine_id!r}; `unknot list` shows the ids")
    text = copy_text(entry.path.read_text(encoding="utf-8"), routine_id)
    copy = create_routine_file(routine_id, text)
    notice = (
        f"{routine_id} is installed with Unknot, so it is copied to {shown_path(copy)} to edit; "
        "if you save a change, your copy replaces the installed one (delete it to go back)"
    )
    return EditTarget(copy, notice, text)


def after_editing(target: EditTarget) -> str | None:
    """Remove a copy made for this edit that the person left unchanged; return what to say, if anything."""
    if target.copied is None:
        return None
    try:
        unchanged = target.path.read_text(encoding="utf-8") == target.copied
        if unchanged:
            target.path.unlink()
    except OSError:
        return None
    if unchanged:
        return "no change was saved, so the copy was removed: the installed routine stays as it is"
    return f"your copy {shown_path(target.path)} now replaces the installed routine (delete it to go back)"
