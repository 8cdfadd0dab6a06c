"""ASCII diagrams: tidying art, measuring it in terminal cells, and mirroring it."""

from __future__ import annotations

from .text import cell_width

MAX_COLUMNS = 36
MAX_ROWS = 12
TAB_SIZE = 4

_MIRROR_PAIRS = {"/": "\\", "\\": "/", "(": ")", ")": "(", "<": ">", ">": "<", "[": "]", "]": "[", "{": "}", "}": "{"}
_MIRROR_TABLE = str.maketrans(_MIRROR_PAIRS)


def tidy_art(art: str) -> str:
    """Return `art` with tabs expanded, trailing spaces and trailing blank lines removed."""
    lines = [line.expandtabs(TAB_SIZE).rstrip() for line in art.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def art_size(art: str) -> tuple[int, int]:
    """Return (columns, rows) of `art` in terminal cells."""
    lines = art.split("\n") if art else []
    return (max((cell_width(line) for line in lines), default=0), len(lines))


def size_problem(art: str) -> str | None:
    """Return why `art` is too big for the step pane, or None when it fits."""
    columns, rows = art_size(art)
    if columns > MAX_COLUMNS or rows > MAX_ROWS:
        return (
            f"the diagram is {columns} columns by {rows} rows; it must fit in {MAX_COLUMNS} columns by {MAX_ROWS} rows"
        )
    return None


def mirror_art(art: str) -> str:
    """Return `art` flipped left to right, swapping the characters that have a direction.

    The margin common to every line stays where it is; lines are padded to the widest
    before flipping and right-trimmed after, so mirroring tidy art twice gives it back.
    """
    lines = art.split("\n")
    margin = min((len(line) - len(line.lstrip(" ")) for line in lines if line.strip()), default=0)
    lines = [line[margin:] for line in lines]
    width = max((cell_width(line) for line in lines), default=0)
    flipped = []
    for line in lines:
        padded = line + " " * (width - cell_width(line))
        mirrored = padded[::-1].translate(_MIRROR_TABLE).rstrip()
        flipped.append(" " * margin + mirrored if mirrored else "")
    return "\n".join(flipped)
