"""A small bitmap font (3x5 pixels, a few letters wider) drawn large with half-block characters.

Each pixel becomes `scale` cells wide and `scale` half-rows tall, so glyphs keep their shape at
any size and read from across a room. Only `█`, `▀`, `▄` and spaces are used: the Linux console's
font has them, and under NO_COLOR the shape alone carries the text.
"""

from __future__ import annotations

#: Pixel rows of each glyph, `#` for ink. Glyphs are one pixel apart when drawn.
FONT: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    " ": ("..", "..", "..", "..", ".."),
    "-": ("...", "...", "###", "...", "..."),
    "–": ("...", "...", "###", "...", "..."),
    "—": ("....", "....", "####", "....", "...."),
    "/": ("..#", "..#", ".#.", "#..", "#.."),
    ".": (".", ".", ".", ".", "#"),
    "!": ("#", "#", "#", ".", "#"),
    "'": ("#", "#", ".", ".", "."),
    "·": (".", ".", "#", ".", "."),
    "A": (".#.", "#.#", "###", "#.#", "#.#"),
    "B": ("##.", "#.#", "##.", "#.#", "##."),
    "C": (".##", "#..", "#..", "#..", ".##"),
    "D": ("##.", "#.#", "#.#", "#.#", "##."),
    "E": ("###", "#..", "##.", "#..", "###"),
    "F": ("###", "#..", "##.", "#..", "#.."),
    "G": (".##", "#..", "#.#", "#.#", ".##"),
    "H": ("#.#", "#.#", "###", "#.#", "#.#"),
    "I": ("###", ".#.", ".#.", ".#.", "###"),
    "J": ("..#", "..#", "..#", "#.#", ".#."),
    "K": ("#.#", "#.#", "##.", "#.#", "#.#"),
    "L": ("#..", "#..", "#..", "#..", "###"),
    "M": ("#...#", "##.##", "#.#.#", "#...#", "#...#"),
    "N": ("#..#", "##.#", "#.##", "#..#", "#..#"),
    "O": (".#.", "#.#", "#.#", "#.#", ".#."),
    "P": ("##.", "#.#", "##.", "#..", "#.."),
    "Q": (".#.", "#.#", "#.#", "##.", ".##"),
    "R": ("##.", "#.#", "##.", "#.#", "#.#"),
    "S": (".##", "#..", ".#.", "..#", "##."),
    "T": ("###", ".#.", ".#.", ".#.", ".#."),
    "U": ("#.#", "#.#", "#.#", "#.#", "###"),
    "V": ("#.#", "#.#", "#.#", "#.#", ".#."),
    "W": ("#...#", "#...#", "#.#.#", "##.##", "#...#"),
    "X": ("#.#", "#.#", ".#.", "#.#", "#.#"),
    "Y": ("#.#", "#.#", ".#.", ".#.", ".#."),
    "Z": ("###", "..#", ".#.", "#..", "###"),
}
GLYPH_HEIGHT = 5
HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def can_draw(text: str) -> bool:
    """Whether every character of `text` (case aside) is in the font."""
    return all(char in FONT for char in text.upper())


def pixel_width(text: str) -> int:
    """Return the width of `text` in pixels, glyphs one pixel apart."""
    glyphs = [FONT[char] for char in text.upper() if char in FONT]
    return sum(len(glyph[0]) for glyph in glyphs) + max(0, len(glyphs) - 1)


def cell_height(scale: int) -> int:
    """Return how many rows of cells text takes at `scale`."""
    return -(-GLYPH_HEIGHT * scale // 2)


def glyph_spans(text: str, scale: int) -> list[tuple[int, int]]:
    """Return each character's (first column, width) in cells, gaps included after it."""
    spans = []
    column = 0
    for index, char in enumerate(text.upper()):
        width = (len(FONT[char][0]) + (1 if index < len(text) - 1 else 0)) * scale
        spans.append((column, width))
        column += width
    return spans


def draw(text: str, scale: int) -> list[str]:
    """Return `text` drawn at `scale` as rows of half-block characters (all rows equally wide)."""
    pixels = ["" for _ in range(GLYPH_HEIGHT)]
    for index, char in enumerate(text.upper()):
        glyph = FONT[char]
        gap = "." if index < len(text) - 1 else ""
        pixels = [row + glyph_row + gap for row, glyph_row in zip(pixels, glyph, strict=True)]
    width = len(pixels[0]) * scale
    rows = []
    for cell_row in range(cell_height(scale)):
        top, bottom = (2 * cell_row) // scale, (2 * cell_row + 1) // scale
        cells = []
        for column in range(width):
            x = column // scale
            ink_top = top < GLYPH_HEIGHT and pixels[top][x] == "#"
            ink_bottom = bottom < GLYPH_HEIGHT and pixels[bottom][x] == "#"
            cells.append(HALF_BLOCKS[(ink_top, ink_bottom)])
        rows.append("".join(cells))
    return rows


def fitting_scale(template: str, columns: int, rows: int, largest: int = 64) -> int:
    """Return the largest scale at which `template` fits in `columns` x `rows` (0: not even at 1)."""
    width = pixel_width(template)
    if width == 0:
        return 0
    by_width = columns // width
    by_height = (2 * rows) // GLYPH_HEIGHT
    return max(0, min(by_width, by_height, largest))


def wrap_words(text: str, columns: int, scale: int) -> list[str]:
    """Return `text` in lines at whole words, each as wide as fits `columns` at `scale` where it can.

    A `·` stays at the end of the words before it, so a line never starts with one.
    """
    words: list[str] = []
    for word in text.split():
        if word == "·" and words:
            words[-1] += " ·"
        else:
            words.append(word)
    lines: list[str] = []
    for word in words:
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and pixel_width(joined) * scale <= columns:
            lines[-1] = joined
        else:
            lines.append(word)
    return lines


def big_lines(text: str, columns: int, most_lines: int, largest: int = 64) -> tuple[int, list[str]]:
    """Return the largest scale (up to `largest`) at which `text` fits `columns` in at most `most_lines`
    lines broken at whole words, and those lines; (0, []) when it does not fit even at scale 1."""
    if not text.strip() or most_lines < 1 or not can_draw(text):
        return 0, []
    for scale in range(largest, 0, -1):
        lines = wrap_words(text, columns, scale)
        if len(lines) <= most_lines and all(pixel_width(line) * scale <= columns for line in lines):
            return scale, lines
    return 0, []
