"""The symbols Unknot draws with, chosen by the terminal in this one place.

Most terminals have fonts with the whole of Unicode's box, block and geometric shapes. The Linux
console does not: its font holds the IBM PC (CP437) repertoire — ASCII, box drawing (single and
double lines), the four block shades, half blocks, arrows, `■`, `·`, `√`, `►`. Anything else shows
as a box there. `UNKNOT_GLYPHS=console` (or `unicode`) overrides the choice from `TERM`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Glyphs:
    """One set of symbols, for one kind of terminal font."""

    name: str
    """`unicode` or `console`."""
    done: str
    """Marks a finished step in the step list."""
    current: str
    """Marks the step under way."""
    warning: str
    """Starts a line about a problem."""
    enter: str
    """How the Enter key is written in the footer and help."""
    meter_full: str
    """A filled cell of a progress meter."""
    meter_half: str
    """A half-filled last cell."""
    meter_empty: str
    """An empty cell (colour tells it apart where there is colour; the shape does on the console)."""
    pace_full: str
    """A breath second that has passed, in the breathing pacer."""
    pace_empty: str
    """A breath second still to come."""
    times: str
    """"3 × 30s"."""
    search: str
    """The icon in front of the command palette's input."""
    ellipsis: str
    """Marks text cut short."""
    spark: str
    """The bars of a history sparkline, lowest first (the first is a blank: no session that day)."""
    pain_before: str
    """A pain rating before a session, in the pain chart (a filled shape)."""
    pain_after: str
    """A rating after a session (a hollow shape: shape, not colour, tells the two apart)."""
    pain_both: str
    """Before and after at the same height."""


UNICODE = Glyphs(
    name="unicode",
    done="✓",
    current="▶",
    warning="⚠",
    enter="⏎",
    meter_full="━",
    meter_half="╸",
    meter_empty="━",
    pace_full="▰",
    pace_empty="▱",
    times="×",
    search="🔎",
    ellipsis="…",
    spark=" ▁▂▃▄▅▆▇█",
    pain_before="●",
    pain_after="○",
    pain_both="◉",
)

CONSOLE = Glyphs(
    name="console",
    done="√",
    current="►",
    warning="!",
    enter="Enter",
    meter_full="█",
    meter_half="▌",
    meter_empty="░",
    pace_full="■",
    pace_empty="·",
    times="x",
    search=">",
    ellipsis="...",
    spark=" __▄▄▄▄██",
    pain_before="#",
    pain_after="o",
    pain_both="@",
)

_SETS = {glyphs.name: glyphs for glyphs in (UNICODE, CONSOLE)}
_active: Glyphs | None = None


def glyphs_for(environ: Mapping[str, str]) -> Glyphs:
    """Choose the set for a terminal: `UNKNOT_GLYPHS` when set to a known name, else by `TERM`."""
    asked = environ.get("UNKNOT_GLYPHS", "").strip().lower()
    if asked in _SETS:
        return _SETS[asked]
    term = environ.get("TERM", "")
    return CONSOLE if term == "linux" or term.startswith("linux-") else UNICODE


def glyphs() -> Glyphs:
    """The set in use: chosen from this process's environment on first use, or by `use_glyphs`."""
    global _active
    if _active is None:
        _active = glyphs_for(os.environ)
    return _active


def use_glyphs(chosen: Glyphs | None) -> None:
    """Draw with `chosen` from now on (None: choose again from the environment at next use)."""
    global _active
    _active = chosen
