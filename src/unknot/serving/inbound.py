"""What a browser sends, checked before anything reads it: JSON depth, terminal sequences, and
aiohttp's own complaints about malformed requests, which must not quote the request (its token).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable

from ..core.notify import safe_text

#: The page's messages are `["stdin", "…"]`, `["resize", {…}]`, `["ping", "…"]`: two levels deep.
MAX_JSON_DEPTH = 4
#: A number in a terminal sequence that no key, mouse or size report needs; Textual's parser fails
#: on some larger ones (`CSI ;;9999999999 u`) and then ignores every key that follows.
MAX_PARAMETER_DIGITS = 6
_CSI = re.compile(r"\x1b\[([\x30-\x3f]*)([\x20-\x2f]*)([\x40-\x7e]?)")
_TOO_LONG_NUMBER = re.compile(rf"\d{{{MAX_PARAMETER_DIGITS + 1},}}")


def json_depth_within(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether the brackets of `text` (outside strings) nest no deeper than `limit`: checked without
    recursion, before `json.loads` (which recurses, and gives up with a RecursionError)."""
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return False
        elif char in "]}":
            depth -= 1
    return True


def thin_motion(data: str) -> str:
    """Return `data` with every mouse motion report but the last left out (the pointer's end matters)."""
    motions = [match for match in _MOTION.finditer(data) if int(match.group(1)) & 32]
    if len(motions) < 2:
        return data
    drop = {match.start() for match in motions[:-1]}
    return _MOTION.sub(lambda match: "" if match.start() in drop else match.group(0), data)


def safe_keys(data: str) -> tuple[str, bool]:
    """Return the keys a page sent with every terminal sequence the app could choke on left out,
    and whether anything was left out: a CSI sequence with an oversized number, or one cut off."""
    dropped = False

    def keep(match: re.Match[str]) -> str:
        nonlocal dropped
        parameters, _intermediates, final = match.groups()
        if not final or _TOO_LONG_NUMBER.search(parameters):
            dropped = True
            return ""
        return match.group(0)

    if "\x1b[" not in data:
        return data, False
    return _CSI.sub(keep, data), dropped


class CleanParserErrors(logging.Filter):
    """Turn aiohttp's traceback for a malformed request into one line with no request text.

    aiohttp logs a request it cannot parse with the exception, whose text quotes the raw request
    line and headers: the token with them. Anyone could also fill the terminal with them, so at most
    `per_minute` such lines are written a minute.
    """

    def __init__(self, per_minute: int = 5) -> None:
        super().__init__()
        self.per_minute = per_minute
        self._window = 0.0
        self._count = 0

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite a parser error's record (or drop it past the limit); let anything else through."""
        from aiohttp.http_exceptions import HttpProcessingError

        error = record.exc_info[1] if record.exc_info else None
        if not isinstance(error, HttpProcessingError):
            return True
        now = time.monotonic()
        if now - self._window > 60:
            self._window, self._count = now, 0
        self._count += 1
        if self._count > self.per_minute:
            return False
        peer = record.args[0] if isinstance(record.args, tuple) and record.args else "an unknown peer"
        record.msg = "refused a malformed request from %s (%s)"
        record.args = (safe_text(str(peer), limit=60), type(error).__name__)
        record.exc_info = None
        record.exc_text = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def install_parser_error_filter() -> None:
    """Put CleanParserErrors on aiohttp's server logger, once."""
    logger = logging.getLogger("aiohttp.server")
    if not any(isinstance(existing, CleanParserErrors) for existing in logger.filters):
        logger.addFilter(CleanParserErrors())


#: Keys (and mouse reports) a session passes on: a burst, then a steady rate. Typing is about 100
#: bytes a second and a moving finger a few hundred; a flood beyond this is dropped at the server,
#: because every key becomes an event queued in the app (5 MB of keys grew one app to 1.8 GB).
KEY_BURST_BYTES = 4 * 1024
KEY_BYTES_PER_SECOND = 1024
#: A mouse motion report (SGR: button code with 32 set); only the last of a message is kept, so a
#: moving pointer never eats the keys' budget.
_MOTION = re.compile(r"\x1b\[<(\d+);\d+;\d+M")


class KeyBudget:
    """A token bucket for one session's keys: what fits is passed on, the rest dropped."""

    def __init__(
        self,
        now: Callable[[], float] = time.monotonic,
        burst: int = KEY_BURST_BYTES,
        per_second: float = KEY_BYTES_PER_SECOND,
    ) -> None:
        self._now = now
        self.burst = burst
        self.per_second = per_second
        self._left = float(burst)
        self._at = now()

    def take(self, size: int) -> bool:
        """Whether `size` bytes of keys may pass now (and they are counted if so)."""
        moment = self._now()
        self._left = min(self.burst, self._left + (moment - self._at) * self.per_second)
        self._at = moment
        if size > self._left:
            return False
        self._left -= size
        return True
