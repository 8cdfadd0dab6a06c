"""Words for the ear: durations read out, untrusted text made safe to speak, and whether a phrase fits a moment.

Whatever is spoken may come from a routine file, so it is made plain here, once: no control
characters, no markup or SSML (no `<`, `>` or `&` survive), one line, capped, and never starting
with `-` (an engine given it as an argument would read it as an option).
"""

from __future__ import annotations

import re

from ..routines.text import clean_line

#: The longest utterance, in characters: a step's instructions are at most 400, spoken only when asked for.
MAX_SPOKEN = 480
#: The speaking rate assumed when none is set: a calm voice, slower than conversation.
DEFAULT_WORDS_PER_MINUTE = 170

# clean_line shows control characters as pictures (␛, ␤) and broken bytes as U+FFFD: fine to see,
# nonsense to hear. Markup characters go too, so no engine or browser can read text as SSML.
_UNSPOKEN = re.compile("[\u2400-\u243f\ufffd<>&\\\\{}\\[\\]`|^~]")
_LEADING = re.compile(r"^[\s\-\u2010-\u2015+/]+")


def speakable(text: str, limit: int = MAX_SPOKEN) -> str:
    """Return `text` as plain words to speak: one line, nothing an engine could read as markup or an option."""
    plain = " ".join(_UNSPOKEN.sub(" ", clean_line(text)).split())
    if len(plain) > limit:
        cut = plain[:limit]
        plain = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return _LEADING.sub("", plain)


def _unit(count: int, name: str) -> str:
    return f"{count} {name}" if count == 1 else f"{count} {name}s"


def spoken_duration(seconds: int) -> str:
    """Return a duration as it is said: `45 seconds`, `1 minute 30 seconds`, `1 hour 5 minutes`."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return _unit(hours, "hour") + (f" {_unit(minutes, 'minute')}" if minutes else "")
    if minutes:
        return _unit(minutes, "minute") + (f" {_unit(secs, 'second')}" if secs else "")
    return _unit(secs, "second")


def rounded_duration(seconds: int) -> str:
    """Return a session's length as said: exact under two minutes, else to the nearest minute."""
    if seconds < 120:
        return spoken_duration(seconds)
    return spoken_duration(round(seconds / 60) * 60)


def speaking_seconds(text: str, words_per_minute: int = DEFAULT_WORDS_PER_MINUTE) -> float:
    """Return about how long saying `text` takes, with a breath before it."""
    return 0.4 + len(text.split()) * 60 / max(60, words_per_minute)


def fits(text: str, seconds: int | None, words_per_minute: int = DEFAULT_WORDS_PER_MINUTE) -> bool:
    """Whether `text` can be said within `seconds` (an until-done moment has all the time it needs)."""
    return seconds is None or speaking_seconds(text, words_per_minute) <= seconds
