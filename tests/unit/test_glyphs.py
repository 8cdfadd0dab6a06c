"""Glyphs chosen by the terminal: the console set holds only what the Linux console font has."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields

import pytest

from tests.e2e.test_linux_console import CP437
from unknot.core.glyphs import CONSOLE, UNICODE, glyphs, glyphs_for, use_glyphs
from unknot.core.history.layout import bar_chart
from unknot.core.routines.model import Breathing, StepSeconds
from unknot.core.session.wording import breath_text


@pytest.fixture
def console() -> Iterator[None]:
    use_glyphs(CONSOLE)
    yield
    use_glyphs(None)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"TERM": "linux"}, CONSOLE),
        ({"TERM": "linux-16color"}, CONSOLE),
        ({"TERM": "xterm-256color"}, UNICODE),
        ({}, UNICODE),
        ({"TERM": "linux", "UNKNOT_GLYPHS": "unicode"}, UNICODE),
        ({"TERM": "xterm", "UNKNOT_GLYPHS": "Console"}, CONSOLE),
        ({"TERM": "linux", "UNKNOT_GLYPHS": "nonsense"}, CONSOLE),
    ],
)
def test_the_set_follows_the_terminal(environ: dict[str, str], expected: object) -> None:
    assert glyphs_for(environ) is expected


def test_the_console_set_is_all_in_the_console_font() -> None:
    for field in fields(CONSOLE):
        if field.name != "name":
            assert set(getattr(CONSOLE, field.name)) <= CP437, field.name


def test_the_unicode_set_is_not_the_console_set() -> None:
    assert any(not set(getattr(UNICODE, field.name)) <= CP437 for field in fields(UNICODE))


def test_the_spark_has_a_bar_for_each_eighth() -> None:
    assert len(CONSOLE.spark) == len(UNICODE.spark) == 9


def test_wording_and_charts_draw_with_the_set_in_use(console: None) -> None:
    assert glyphs() is CONSOLE
    assert breath_text(Breathing(inhale=StepSeconds(4), exhale=StepSeconds(4)), 1.5) == "Breathe in  ■■··  3"
    assert set("".join(bar_chart([1, 4, 0, 8]))) <= CP437
