"""Reading argument values: paths, durations, ports, counts and addresses.

Each imports what it needs when a value is read, so building the parser (`--version`, `--help`) does not.
Every bad value raises `ArgumentTypeError` with words for it: anything else would reach the person as
argparse's `invalid <function name> value`.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime
    from pathlib import Path


def path(value: str) -> Path:
    """Read a file or folder name."""
    from pathlib import Path

    return Path(value)


def remind_interval(value: str) -> int:
    """Read `--remind`: seconds, or 0 for `off`."""
    from ..core.reminder import parse_remind_every
    from ..core.routines.durations import DurationError

    if value.strip().lower() in ("off", "0"):
        return 0
    try:
        return parse_remind_every(value)
    except DurationError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _digits(value: str) -> int | None:
    """The number `value` writes in digits alone (no sign, space or `_`), or None."""
    if not value.isdecimal():  # not isdigit: `²` is a digit that int() does not read
        return None
    try:
        return int(value)
    except ValueError:  # more digits than int() converts
        return None


def port(value: str) -> int:
    """Read `--port`: 1..65535."""
    number = _digits(value)
    if number is None or not 0 < number < 65536:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port (1 to 65535)")
    return number


def positive(value: str) -> int:
    """Read a whole number of at least 1."""
    number = _digits(value)
    if number is None or number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return number


def public_url(value: str) -> str:
    """Read `--public-url`: an http or https address with a host, without a trailing slash."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(value)
        usable = parts.scheme in ("http", "https") and bool(parts.netloc) and not parts.query and not parts.fragment
    except ValueError:  # an unclosed `[` of an IPv6 address
        usable = False
    if not usable:
        raise argparse.ArgumentTypeError(f"{value!r} is not an http:// or https:// address (no ? or #)")
    return value.rstrip("/")


def iso_date(value: str) -> datetime.date:
    """Read a day as YYYY-MM-DD (or `today`, `tomorrow`, `yesterday`)."""
    import datetime as dt

    words = {"today": 0, "tomorrow": 1, "yesterday": -1}
    text = value.strip().lower()
    if text in words:
        return dt.date.today() + dt.timedelta(days=words[text])
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a day; write it as YYYY-MM-DD, e.g. 2025-03-03") from None


def time_of_day(value: str) -> datetime.time:
    """Read a time of day as HH:MM on the 24-hour clock (`18:00`, `7:30`)."""
    import datetime as dt
    import re

    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", value.strip())
    if match is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not a time of day; write it as HH:MM, e.g. 18:00 or 07:30")
    return dt.time(int(match.group(1)), int(match.group(2)))
