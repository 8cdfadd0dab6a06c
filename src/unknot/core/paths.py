"""Where routines are found: the shipped library, the user's folder, and extra folders."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

APP_NAME = "unknot"
ROUTINES_ENV = "UNKNOT_ROUTINES"
ROUTINE_SUFFIXES = (".yaml", ".yml")
DIAGRAM_FOLDER = "diagrams"
#: The folder of plans: shipped beside `routines/`, in the config folder, and inside a named routines folder.
PLAN_FOLDER = "plans"
DATA_DIR_ENV = "UNKNOT_DATA_DIR"
#: History's database file, in the data folder.
DATABASE_NAME = "history.sqlite3"


def shipped_routines_dir() -> Path:
    """Return the folder of routines that ship with Unknot.

    In an installed wheel they sit inside the package; in a source checkout (an editable
    install) they are the top-level `routines/` folder.
    """
    packaged = Path(__file__).resolve().parent.parent / "routines"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "routines"


def shipped_plans_dir() -> Path:
    """Return the folder of plans that ship with Unknot (inside the package, or `plans/` in a checkout)."""
    packaged = Path(__file__).resolve().parent.parent / PLAN_FOLDER
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / PLAN_FOLDER


#: (XDG variable, default under the home folder) of each kind of user folder, on Linux and the BSDs.
XDG_FOLDERS = {
    "config": ("XDG_CONFIG_HOME", ".config"),
    "cache": ("XDG_CACHE_HOME", ".cache"),
    "data": ("XDG_DATA_HOME", ".local/share"),
}


def _user_dir(kind: str) -> Path:
    """Return Unknot's user folder of a kind, as platformdirs names it.

    On Linux and the BSDs this follows the XDG rules directly, as platformdirs does there: importing
    platformdirs costs a prompt's `unknot due --short` (and every launch) about 10 ms.
    """
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        variable, default = XDG_FOLDERS[kind]
        base = os.environ.get(variable, "").strip() or os.path.expanduser(f"~/{default}")
        return Path(base) / APP_NAME
    import platformdirs

    finder = {
        "config": platformdirs.user_config_dir,
        "cache": platformdirs.user_cache_dir,
        "data": platformdirs.user_data_dir,
    }[kind]
    return Path(finder(APP_NAME, appauthor=False))


def user_config_dir() -> Path:
    """Return the user's Unknot config folder (`~/.config/unknot` on Linux, honouring XDG)."""
    return _user_dir("config")


def user_cache_dir() -> Path:
    """Return the user's Unknot cache folder (`~/.cache/unknot` on Linux, honouring XDG)."""
    return _user_dir("cache")


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


def plan_folders(extra: Sequence[Path] = (), environ: Mapping[str, str] | None = None) -> list[Path]:
    """Return where plans are found, in order: shipped, the user's, then `plans/` in each named routines folder.

    A plan found later replaces one with the same id found earlier, as routines do.
    """
    named = [folder / PLAN_FOLDER for folder in named_routine_folders(extra, environ)]
    return [shipped_plans_dir(), user_config_dir() / PLAN_FOLDER, *named]


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
    """Return the routine (or diagram) files directly in `folder`, sorted; none when it cannot be read.

    Hidden files are skipped: an editor's lock file (Emacs' `.#mine.yaml`) is not a routine.
    """
    return [Path(path) for path in yaml_file_paths(str(folder))]


def yaml_file_paths(folder: str) -> list[str]:
    """`yaml_files` as strings, sorted by name: what the library fingerprint reads for 10,000 files at launch."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    prefix = os.path.join(folder, "")
    return [prefix + name for name in names if name.endswith(ROUTINE_SUFFIXES) and not name.startswith(".")]


def data_dir(override: Path | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """Return the folder for history: `--data-dir`, else `UNKNOT_DATA_DIR`, else the platform's user data folder."""
    environ = os.environ if environ is None else environ
    if override is not None:
        return override.expanduser()
    if environ.get(DATA_DIR_ENV):
        return Path(environ[DATA_DIR_ENV]).expanduser()
    return _user_dir("data")
