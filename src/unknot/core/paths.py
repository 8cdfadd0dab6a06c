"""Where routines are found: the shipped library, the user's folder, and extra folders."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import platformdirs

APP_NAME = "unknot"
ROUTINES_ENV = "UNKNOT_ROUTINES"
ROUTINE_SUFFIXES = (".yaml", ".yml")
DIAGRAM_FOLDER = "diagrams"


def shipped_routines_dir() -> Path:
    """Return the folder of routines that ship with Unknot.

    In an installed wheel they sit inside the package; in a source checkout (an editable
    install) they are the top-level `routines/` folder.
    """
    packaged = Path(__file__).resolve().parent.parent / "routines"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "routines"


def user_config_dir() -> Path:
    """Return the user's Unknot config folder (`~/.config/unknot` on Linux, honouring XDG)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def user_cache_dir() -> Path:
    """Return the user's Unknot cache folder (`~/.cache/unknot` on Linux, honouring XDG)."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def user_routines_dir() -> Path:
    """Return the user's own routine folder, which need not exist."""
    return user_config_dir() / "routines"


def named_routine_folders(extra: Sequence[Path] = (), environ: Mapping[str, str] | None = None) -> list[Path]:
    """Return the folders the person named: `UNKNOT_ROUTINES`, then `extra` (`--routines`)."""
    environ = os.environ if environ is None else environ
    folders = [Path(part).expanduser() for part in environ.get(ROUTINES_ENV, "").split(os.pathsep) if part]
    return folders + [Path(folder).expanduser() for folder in extra]


def routine_folders(extra: Sequence[Path] = (), environ: Mapping[str, str] | None = None) -> list[Path]:
    """Return the routine search path in order: shipped, user, `UNKNOT_ROUTINES`, then `extra`.

    A routine found later replaces one with the same id found earlier.
    """
    return [shipped_routines_dir(), user_routines_dir(), *named_routine_folders(extra, environ)]


def folder_problem(folder: Path) -> str | None:
    """Return why a folder someone named cannot be read for routines, or None when it can."""
    try:
        if not folder.exists():
            return "no such folder"
        if not folder.is_dir():
            return "not a folder; name the folder that holds routine files"
        os.listdir(folder)
    except OSError as error:
        return f"cannot read the folder: {error.strerror or error}"
    return None


def yaml_files(folder: Path) -> list[Path]:
    """Return the routine (or diagram) files directly in `folder`, sorted; none when it cannot be read."""
    try:
        return sorted(child for child in folder.iterdir() if child.suffix in ROUTINE_SUFFIXES)
    except OSError:
        return []
