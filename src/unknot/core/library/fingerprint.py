"""What the library is loaded from, described cheaply: one `stat` per file and folder.

The compiled library copy and the frequencies file are current while this is unchanged.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..paths import DIAGRAM_FOLDER, yaml_file_paths
from ..routines.text import shown_path

Fingerprint = list[tuple[str, int, int, int]]
"""(path, size, modification time in ns, inode) of every input, in search order."""


def _stat_row(path: str) -> tuple[str, int, int, int]:
    shown = shown_path(path)  # a name that is not UTF-8 cannot be stored as text; the stat still tells it apart
    try:
        stat = os.stat(path)
    except OSError:
        return (shown, -1, -1, -1)
    return (shown, stat.st_size, stat.st_mtime_ns, stat.st_ino)


def library_fingerprint(folders: Iterable[Path]) -> Fingerprint:
    """Describe every input of `load_library(folders)`, cheaply: one `stat` per file and folder."""
    # The whole core, subfolders too: a change to the schema, the YAML reader or validation
    # changes what loading gives, so it must invalidate the copy.
    core = Path(__file__).resolve().parent.parent
    rows: Fingerprint = [_stat_row(str(path)) for path in sorted(core.rglob("*.py"))]
    for folder in folders:
        for where in (str(folder), os.path.join(folder, DIAGRAM_FOLDER)):
            rows.append(_stat_row(where))  # a file added or removed changes the folder's time
            rows += [_stat_row(path) for path in yaml_file_paths(where)]  # exactly the files the loader reads
    return rows
