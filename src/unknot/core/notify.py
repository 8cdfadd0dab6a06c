"""Desktop notifications through the terminal: OSC 9, OSC 777 and OSC 99, wrapped for tmux.

They are just bytes to the terminal, so they work over SSH too. The text comes from routine
files, which are untrusted: it is cut to plain printable characters (nothing that could end the
sequence early or start another), capped in length, and never starts like a ConEmu progress
command (`4;…`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING

from .session.clock import Clock

if TYPE_CHECKING:
    from .routines.model import Routine
    from .session.events import SessionEvent

# The session's events and timeline are imported when a notice is wanted (during a session), not
# at launch: `unknot --help` and the first frame need only the modes.

#: Longest title or body sent, in characters.
MAX_TEXT = 120


class NotifyMode(StrEnum):
    """The `notify` setting and the `--notify` flag."""

    OFF = "off"
    OSC9 = "osc9"
    """iTerm2, WezTerm, Ghostty, kitty."""
    OSC777 = "osc777"
    """foot, WezTerm, Konsole, kitty, VTE-based terminals, Windows Terminal."""
    OSC99 = "osc99"
    """kitty's own protocol."""
    AUTO = "auto"
    """Chosen from TERM_PROGRAM, TERM and similar variables; off when nothing says."""


NOTIFY_MODE_WORDS = {
    NotifyMode.OFF: "off",
    NotifyMode.OSC9: "OSC 9 (iTerm2, WezTerm, Ghostty)",
    NotifyMode.OSC777: "OSC 777 (foot, Konsole, GNOME Terminal, Windows Terminal)",
    NotifyMode.OSC99: "OSC 99 (kitty)",
    NotifyMode.AUTO: "auto: chosen from the terminal",
}

# Every C0 and C1 control, DEL, and the bidirectional controls: none may reach the terminal.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def resolve_mode(mode: NotifyMode, environ: Mapping[str, str]) -> NotifyMode:
    """Return the protocol to use: `mode` itself, or for `auto` the one the terminal is known to show."""
    return chosen_mode(mode, environ)[0]


def chosen_mode(mode: NotifyMode, environ: Mapping[str, str]) -> tuple[NotifyMode, str]:
    """Return the protocol to use and why, in words (`unknot doctor` says it)."""
    if mode is not NotifyMode.AUTO:
        return mode, "your setting"
    program = environ.get("TERM_PROGRAM", "")
    term = environ.get("TERM", "")
    if term == "xterm-kitty" or "KITTY_WINDOW_ID" in environ:
        return NotifyMode.OSC99, "auto: kitty (TERM or KITTY_WINDOW_ID)"
    if program in ("iTerm.app", "ghostty") or environ.get("LC_TERMINAL") == "iTerm2":
        return NotifyMode.OSC9, "auto: iTerm2 or Ghostty (TERM_PROGRAM or LC_TERMINAL)"
    if program == "WezTerm" or term.startswith("foot") or "KONSOLE_VERSION" in environ:
        return NotifyMode.OSC777, "auto: WezTerm, foot or Konsole (TERM_PROGRAM, TERM or KONSOLE_VERSION)"
    if "VTE_VERSION" in environ or "WT_SESSION" in environ:
        return NotifyMode.OSC777, "auto: a VTE terminal or Windows Terminal (VTE_VERSION or WT_SESSION)"
    return NotifyMode.OFF, "auto found no terminal it knows in TERM_PROGRAM, TERM and the like"


def safe_text(text: str, limit: int = MAX_TEXT) -> str:
    """Return `text` with no control characters, one line, at most `limit` characters.

    A leading digit followed by `;` is set apart with a space: ConEmu and Windows Terminal read
    `OSC 9;4;…` as a progress command.
    """
    cleaned = " ".join(_UNSAFE.sub(" ", text).split())
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1].rstrip() + "…"
    if re.match(r"\d+;", cleaned):
        cleaned = " " + cleaned
    return cleaned


def encode(mode: NotifyMode, title: str, body: str, *, tmux: bool = False) -> str:
    """Return the escape sequence that shows a notification (empty when `mode` is off or auto)."""
    title = safe_text(title)
    body = safe_text(body)
    if mode is NotifyMode.OSC9:
        sequence = f"\x1b]9;{title}: {body}\x07" if body else f"\x1b]9;{title}\x07"
    elif mode is NotifyMode.OSC777:
        # `;` separates the fields: the title may hold none.
        sequence = f"\x1b]777;notify;{title.replace(';', ',')};{body}\x07"
    elif mode is NotifyMode.OSC99:
        # kitty: the title, then the body, joined by the id; `d=0` means more is coming.
        sequence = f"\x1b]99;i=unknot:d=0:p=title;{title}\x1b\\\x1b]99;i=unknot:d=1:p=body;{body}\x1b\\"
    else:
        return ""
    return tmux_passthrough(sequence) if tmux else sequence


def tmux_passthrough(sequence: str) -> str:
    """Wrap `sequence` so tmux hands it to the outer terminal (needs `set -g allow-passthrough on`)."""
    return "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"


def notice_for(event: SessionEvent, routine: Routine) -> tuple[str, str] | None:
    """Return the (title, body) a session event is worth a notification for, or None.

    The next step starting, switching sides, a step that waits for `d`, and the session's end.
    """
    from .routines.timeline import SegmentKind
    from .session.events import REACHED_THE_END, Finished, SegmentStarted

    if isinstance(event, SegmentStarted):
        segment = event.segment
        title = routine.steps[segment.step_index].title
        if segment.kind is SegmentKind.SWITCH_SIDES:
            return "Switch sides", f"{title}: now the {segment.side} side"
        if segment.kind is SegmentKind.WORK and segment.starts_step:
            if segment.until_done:
                return "Your turn", f"{title}: press d when done"
            return "Next step", title
        return None
    if isinstance(event, Finished) and event.record.outcome in REACHED_THE_END:
        return "Session finished", routine.title
    return None


class Notifier:
    """Turns session events into notification sequences: only while the terminal is in the
    background, and never more than one a second."""

    def __init__(self, mode: NotifyMode, clock: Clock, *, tmux: bool = False) -> None:
        self.mode = mode
        self.clock = clock
        self.tmux = tmux
        self._last: float | None = None

    def sequence_for(self, event: SessionEvent, routine: Routine, *, focused: bool) -> str:
        """Return what to write to the terminal for `event` (empty: nothing)."""
        if focused or self.mode in (NotifyMode.OFF, NotifyMode.AUTO):
            return ""
        notice = notice_for(event, routine)
        if notice is None:
            return ""
        return self.sequence_for_notice(*notice, focused=focused)

    def sequence_for_notice(self, title: str, body: str, *, focused: bool) -> str:
        """Return what to write to the terminal to show `title` and `body` (empty: nothing)."""
        if focused or self.mode in (NotifyMode.OFF, NotifyMode.AUTO):
            return ""
        now = self.clock.monotonic()
        if self._last is not None and now - self._last < 1.0:
            return ""
        self._last = now
        return encode(self.mode, title, body, tmux=self.tmux)
