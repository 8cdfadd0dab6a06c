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


def without_margin(art: str) -> str:
    """Return `art` without the blank lines above it and the margin of spaces common to every line."""
    lines = art.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    margin = min((len(line) - len(line.lstrip(" ")) for line in lines if line.strip()), default=0)
    return "\n".join(line[margin:] for line in lines)


#: Characters drawn on one row of their block when scaled (a line stays a line): which row, from the top.
_ONE_ROW = {
    "_": "bottom",
    ".": "bottom",
    ",": "bottom",
    "-": "middle",
    "~": "middle",
    "'": "top",
    "`": "top",
    "^": "top",
}


def _block(char: str, scale: int) -> list[str]:
    """Return the `scale` x `scale` cells that draw `char` large."""
    if char == "/":  # a diagonal stays a diagonal, from the bottom left to the top right
        return [" " * (scale - 1 - row) + "/" + " " * row for row in range(scale)]
    if char == "\\":
        return [" " * row + "\\" + " " * (scale - 1 - row) for row in range(scale)]
    if char == "|":  # an upright stays thin, in the block's middle column
        column = (scale - 1) // 2
        return [" " * column + "|" + " " * (scale - 1 - column)] * scale
    where = _ONE_ROW.get(char)
    if where is None:
        return [char * scale] * scale
    line = {"top": 0, "middle": (scale - 1) // 2, "bottom": scale - 1}[where]
    return [char * scale if row == line else " " * scale for row in range(scale)]


def scale_art(art: str, scale: int) -> str:
    """Return `art` drawn `scale` times larger by whole cells (as the big digits are): each character
    becomes a block `scale` cells across and down, repeated, except that lines stay thin (`_` on the
    block's bottom row, `-` on its middle one, `|` in its middle column) and `/` and `\\` become longer diagonals."""
    if scale <= 1:
        return art
    rows = []
    for line in art.split("\n"):
        blocks = [_block(char, scale) if cell_width(char) == 1 else [char * scale] * scale for char in line]
        rows += ["".join(block[row] for block in blocks).rstrip() for row in range(scale)]
    return "\n".join(rows)
