"""The settings screen's rows: every choice is a valid setting, and choosing goes round."""

from __future__ import annotations

import msgspec
import pytest

from unknot.core.session.bell import BellMode
from unknot.core.setting_choices import choose, setting_rows
from unknot.core.settings import Settings

THEMES = ["nord", "textual-dark", "textual-light"]


def test_every_choice_is_a_valid_value_of_its_field() -> None:
    for row in setting_rows(THEMES):
        for choice in row.choices:
            converted = msgspec.convert({row.field: choice.value}, Settings)
            assert getattr(converted, row.field) == choice.value


def test_the_bell_goes_round_its_three_modes() -> None:
    bell = next(row for row in setting_rows(THEMES) if row.field == "bell")
    settings = Settings()
    assert settings.bell is BellMode.STEPS
    seen = []
    for _ in range(3):
        settings = choose(settings, bell, 1)
        seen.append(settings.bell)
    assert seen == [BellMode.COUNTDOWN, BellMode.OFF, BellMode.STEPS]
    assert choose(settings, bell, -1).bell is BellMode.OFF


@pytest.mark.parametrize("field", ["ask_pain", "mouse"])
def test_switches_flip(field: str) -> None:
    row = next(row for row in setting_rows(THEMES) if row.field == field)
    flipped = choose(Settings(), row, 1)
    assert getattr(flipped, field) is not getattr(Settings(), field)
    assert getattr(choose(flipped, row, 1), field) is getattr(Settings(), field)


def test_an_unknown_theme_shows_as_the_first_and_choosing_moves_on() -> None:
    theme = next(row for row in setting_rows(THEMES) if row.field == "theme")
    settings = Settings(theme="gone")
    assert theme.shown(settings).value == "nord"
    assert choose(settings, theme, 1).theme == "textual-dark"
