"""Reading and writing durations."""

import pytest

from unknot.core.routines.durations import DurationError, format_clock, format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        (30, 30),
        ("30", 30),
        ("30s", 30),
        ("1m30s", 90),
        ("2m", 120),
        ("1m 5s", 65),
        (" 45s ", 45),
        ("1h", 3600),
        ("0", 0),
        ("90", 90),
    ],
)
def test_parse_duration_reads_natural_forms(text: object, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["forever", "", "s", "1.5s", "-3", "3 minutes", "m30", True, None, 2.5, [1]])
def test_parse_duration_rejects_anything_else(text: object) -> None:
    with pytest.raises(DurationError, match="expected a duration like 30s or 1m30s"):
        parse_duration(text)


def test_parse_duration_bounds() -> None:
    with pytest.raises(DurationError, match="at least 1s"):
        parse_duration("0s", minimum=1)
    with pytest.raises(DurationError, match="at most 1h"):
        parse_duration("24h")
    assert parse_duration("1h") == 3600


@pytest.mark.parametrize(("seconds", "text"), [(0, "0s"), (45, "45s"), (60, "1m"), (90, "1m30s"), (3900, "1h5m")])
def test_format_duration(seconds: int, text: str) -> None:
    assert format_duration(seconds) == text
    if seconds <= 3600:
        assert parse_duration(text) == seconds


def test_format_clock() -> None:
    assert [format_clock(s) for s in (0, 9, 61, 600, 3661)] == ["0:00", "0:09", "1:01", "10:00", "1:01:01"]
