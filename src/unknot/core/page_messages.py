"""What the browser page around a served session is told: every kind of message, named once.

The app sends its messages as textual-serve meta packets (`title_meta`); the server passes each on
to the page as the websocket text `[kind, text]` (`page_message`), and adds its own (the notice).
The page's script, `serving/static/unknot.js`, handles every kind here and no other (a test checks).
Every text is made plain (`safe_text`) where it is built: it may come from a routine file.
"""

from __future__ import annotations

import json
from enum import StrEnum

from .notify import safe_text

#: The longest text in a message, in characters: room for a notice of two sentences.
MAX_TEXT = 300


class PageMessage(StrEnum):
    """The kinds of message the page handles."""

    TITLE = "unknot_title"
    """The tab's name: the routine playing, or the app's own."""
    SPEAK = "unknot_speak"
    """Words for the page to say aloud (the Web Speech API), with their priority: `[kind, text, priority]`.
    Empty text: stop speaking."""
    NOTICE = "unknot_notice"
    """Why the session ended (the server stopped, every session is in use): the last thing the page is told."""


def title_meta(title: str) -> dict[str, object]:
    """Return the meta packet with which the app names the browser tab."""
    return {"type": PageMessage.TITLE.value, "title": safe_text(title, MAX_TEXT)}


def page_message(kind: PageMessage, text: str, *extra: int) -> str:
    """Return the websocket text that tells the page `text` as a `kind` message (numbers in `extra` follow it)."""
    return json.dumps([kind.value, safe_text(text, MAX_TEXT), *(int(number) for number in extra)])


def speak_meta(text: str, priority: int) -> dict[str, object]:
    """Return the meta packet with which the app asks the page to say `text` (a more important one cuts in)."""
    return {"type": PageMessage.SPEAK.value, "text": safe_text(text, MAX_TEXT), "priority": int(priority)}


def notice_message(text: str) -> str:
    """Return the websocket text that tells the page why its session ended."""
    return page_message(PageMessage.NOTICE, text)


def message_for_meta(meta: object) -> str | None:
    """Return the websocket text for a meta packet the app sent, or None when the page has nothing to show for it."""
    if isinstance(meta, dict) and meta.get("type") == PageMessage.TITLE and isinstance(meta.get("title"), str):
        return page_message(PageMessage.TITLE, meta["title"])
    if meta_is_speech(meta):
        assert isinstance(meta, dict)
        return page_message(PageMessage.SPEAK, meta["text"], meta["priority"])
    return None


def meta_is_speech(meta: object) -> bool:
    """Whether `meta` is a well-formed speech packet from the app."""
    return (
        isinstance(meta, dict)
        and meta.get("type") == PageMessage.SPEAK
        and isinstance(meta.get("text"), str)
        and type(meta.get("priority")) is int
        and 0 <= meta["priority"] <= 9
    )
