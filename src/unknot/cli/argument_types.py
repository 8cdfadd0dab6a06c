"""Reading the values of arguments that are more than a string or a path; a bad one is argparse's error."""

from __future__ import annotations

import argparse


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


def port(value: str) -> int:
    """Read `--port`: 1..65535."""
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port (1 to 65535)")
    return int(value)


def positive(value: str) -> int:
    """Read a whole number of at least 1."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return int(value)


def public_url(value: str) -> str:
    """Read `--public-url`: an http or https address with a host, without a trailing slash."""
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise argparse.ArgumentTypeError(f"{value!r} is not an http:// or https:// address (no ? or #)")
    return value.rstrip("/")
