"""A note written after a session ("left side tighter today"): untrusted text, made one bounded line.

The summary screen, the store and `history import` all pass a note through `clean_note`, so what
history holds is always one line of at most MAX_NOTE_LENGTH characters with no control character:
safe in a terminal, a CSV cell and (escaped) an HTML page.
"""

from __future__ import annotations

from ..routines.text import clean_text

#: The longest note kept, in characters (the database refuses longer ones too).
MAX_NOTE_LENGTH = 500


def clean_note(text: str | None) -> str | None:
    """Return `text` as a note: one line, control characters made visible, trimmed; None when empty.

    Longer than MAX_NOTE_LENGTH is cut there (the summary's input stops at that length anyway).
    """
    if text is None:
        return None
    line = " ".join(clean_text(text).split())  # newlines and tabs (and runs of spaces) become one space
    return line[:MAX_NOTE_LENGTH].rstrip() or None
