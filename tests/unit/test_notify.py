"""Notifications through the terminal: each protocol, tmux, hostile text, when they are sent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from unknot.core.library.loader import load_library
from unknot.core.notify import MAX_TEXT, Notifier, NotifyMode, encode, resolve_mode, safe_text, tmux_passthrough
from unknot.core.session.clock import FakeClock
from unknot.core.session.events import Finished, Outcome, SegmentStarted
from unknot.core.session.player import Player

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "routines"
CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_each_protocol() -> None:
    assert encode(NotifyMode.OSC9, "Next step", "Cobra") == "\x1b]9;Next step: Cobra\x07"
    assert encode(NotifyMode.OSC777, "Next step", "Cobra") == "\x1b]777;notify;Next step;Cobra\x07"
    assert encode(NotifyMode.OSC99, "Next step", "Cobra") == (
        "\x1b]99;i=unknot:d=0:p=title;Next step\x1b\\\x1b]99;i=unknot:d=1:p=body;Cobra\x1b\\"
    )
    assert encode(NotifyMode.OFF, "a", "b") == "" and encode(NotifyMode.AUTO, "a", "b") == ""


def test_tmux_passthrough_doubles_every_escape() -> None:
    wrapped = encode(NotifyMode.OSC99, "T", "B", tmux=True)
    assert wrapped.startswith("\x1bPtmux;\x1b\x1b]99;") and wrapped.endswith("\x1b\x1b\\\x1b\\")
    inner = wrapped[len("\x1bPtmux;") : -2]
    assert inner.replace("\x1b\x1b", "").count("\x1b") == 0
    assert tmux_passthrough("\x1b]9;x\x07") == "\x1bPtmux;\x1b\x1b]9;x\x07\x1b\\"


@pytest.mark.parametrize(
    "hostile",
    [
        "\x1b]0;PWN\x07 title",
        "ends early \x07 then \x1b\\ more",
        "C1 \x9b31m and \x9d0;x\x9c",
        "bidi \u202eevil\u202c \u2066x\u2069",
        "line\nbreak\r\ttab\x7f",
        "A" * 10_000,
    ],
)
def test_hostile_text_cannot_end_or_start_a_sequence(hostile: str) -> None:
    for mode in (NotifyMode.OSC9, NotifyMode.OSC777, NotifyMode.OSC99):
        sequence = encode(mode, hostile, hostile)
        # Only the protocol's own framing holds control characters.
        framing = {NotifyMode.OSC9: 2, NotifyMode.OSC777: 2, NotifyMode.OSC99: 4}[mode]
        assert len(CONTROLS.findall(sequence)) == framing
    assert len(safe_text(hostile)) <= MAX_TEXT


def test_a_leading_number_and_semicolon_is_not_a_progress_command() -> None:
    assert encode(NotifyMode.OSC9, "4;3;50", "") == "\x1b]9; 4;3;50\x07"
    assert not encode(NotifyMode.OSC9, "4 steps", "x").startswith("\x1b]9; ")


def test_the_osc777_title_holds_no_field_separator() -> None:
    assert encode(NotifyMode.OSC777, "a;b", "c;d") == "\x1b]777;notify;a,b;c;d\x07"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"TERM_PROGRAM": "iTerm.app"}, NotifyMode.OSC9),
        ({"TERM_PROGRAM": "ghostty"}, NotifyMode.OSC9),
        ({"LC_TERMINAL": "iTerm2", "TERM": "xterm-256color"}, NotifyMode.OSC9),  # over SSH
        ({"TERM": "xterm-kitty"}, NotifyMode.OSC99),
        ({"TERM_PROGRAM": "WezTerm"}, NotifyMode.OSC777),
        ({"TERM": "foot"}, NotifyMode.OSC777),
        ({"KONSOLE_VERSION": "230804"}, NotifyMode.OSC777),
        ({"VTE_VERSION": "7600"}, NotifyMode.OSC777),
        ({"WT_SESSION": "x"}, NotifyMode.OSC777),
        ({"TERM": "xterm-256color"}, NotifyMode.OFF),
        ({"TERM": "linux"}, NotifyMode.OFF),
    ],
)
def test_auto_follows_the_terminal(environ: dict[str, str], expected: NotifyMode) -> None:
    assert resolve_mode(NotifyMode.AUTO, environ) is expected
    assert resolve_mode(NotifyMode.OSC99, environ) is NotifyMode.OSC99  # a chosen mode stays


def test_notifications_only_in_the_background_and_at_most_one_a_second() -> None:
    library = load_library([FIXTURES])
    entry = library.routines["quick-test"]
    routine = entry.routine
    clock = FakeClock()
    player = Player(entry.timeline, clock)
    events = player.start()
    notifier = Notifier(NotifyMode.OSC777, clock)
    sent: list[str] = []
    for _ in range(60):
        clock.advance(0.5)
        events += player.update()
        for event in events:
            sequence = notifier.sequence_for(event, routine, focused=False)
            if sequence:
                sent.append(sequence)
        events = []
    bodies = [sequence.split(";", 3)[3].rstrip("\x07") for sequence in sent]
    assert bodies[0] == "Short hold"  # after get-ready, the first step too
    assert "Each side" in bodies and "Each side: now the left side" in bodies
    assert "Find the spot: press d when done" in bodies
    focused = Notifier(NotifyMode.OSC777, clock)
    step = SegmentStarted(entry.timeline.segments[3])
    assert focused.sequence_for(step, routine, focused=True) == ""


def test_the_end_is_announced_but_not_leaving() -> None:
    library = load_library([FIXTURES])
    entry = library.routines["quick-test"]
    routine = entry.routine
    clock = FakeClock()
    player = Player(entry.timeline, clock)
    player.start()
    finished = [event for event in player.leave() if isinstance(event, Finished)]
    assert finished and finished[0].record.outcome is Outcome.LEFT
    assert Notifier(NotifyMode.OSC9, clock).sequence_for(finished[0], routine, focused=False) == ""


def test_rate_limit() -> None:
    library = load_library([FIXTURES])
    entry = library.routines["quick-test"]
    routine = entry.routine
    clock = FakeClock()
    notifier = Notifier(NotifyMode.OSC9, clock)
    switch = next(segment for segment in entry.timeline.segments if segment.kind.name == "SWITCH_SIDES")
    assert notifier.sequence_for(SegmentStarted(switch), routine, focused=False)
    clock.advance(0.5)
    assert notifier.sequence_for(SegmentStarted(switch), routine, focused=False) == ""
    clock.advance(0.6)
    assert notifier.sequence_for(SegmentStarted(switch), routine, focused=False)
