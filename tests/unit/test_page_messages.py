"""The messages for the browser page: named once, plain text only, and each one handled by the page's script."""

import json
import re
from pathlib import Path

import unknot
from unknot.core.page_messages import (
    MAX_TEXT,
    PageMessage,
    message_for_meta,
    notice_message,
    page_message,
    title_meta,
)

SCRIPT = Path(unknot.__file__).parent / "serving" / "static" / "unknot.js"
HOSTILE = "Cat\x1b]0;evil\x07 cow\u202e · Unknot"


def test_the_title_meta_carries_plain_text() -> None:
    assert title_meta(HOSTILE) == {"type": "unknot_title", "title": "Cat ]0;evil cow · Unknot"}


def test_a_message_for_the_page_is_a_kind_and_plain_text() -> None:
    assert json.loads(page_message(PageMessage.TITLE, HOSTILE)) == ["unknot_title", "Cat ]0;evil cow · Unknot"]
    assert json.loads(notice_message("Stopped.\nSaved.")) == ["unknot_notice", "Stopped. Saved."]
    assert len(json.loads(notice_message("word " * 200))[1]) == MAX_TEXT


def test_the_app_s_title_passes_on_as_plain_text_and_nothing_else_does() -> None:
    assert message_for_meta({"type": "unknot_title", "title": HOSTILE}) == page_message(PageMessage.TITLE, HOSTILE)
    # Notices are the server's own; links, files, exits and malformed packets are not for the page.
    for meta in (
        {"type": "unknot_notice", "title": "x"},
        {"type": "unknot_title", "title": 3},
        {"type": "unknot_title"},
        {"type": "open_url", "url": "https://example.org"},
        {"type": "exit"},
        ["unknot_title", "x"],
        "unknot_title",
    ):
        assert message_for_meta(meta) is None, meta


def script_handlers(script: str) -> set[str]:
    """The kinds the page's script has a handler for: the keys of its `handlers` table."""
    table = re.search(r"var handlers = \{(.*?)\n  \};", script, re.DOTALL)
    assert table is not None, "unknot.js has no `var handlers = {...};` table"
    return set(re.findall(r'^\s*"(\w+)": function \(', table.group(1), re.MULTILINE))


def test_the_page_s_script_handles_every_kind_and_no_other() -> None:
    script = SCRIPT.read_text(encoding="utf-8")
    assert script_handlers(script) == {kind.value for kind in PageMessage}
    # Nor does it name a kind anywhere else, outside the table.
    assert set(re.findall(r"\bunknot_\w+", script)) == {kind.value for kind in PageMessage}


def test_speech_for_the_page_is_plain_words_with_a_priority() -> None:
    from unknot.core.page_messages import speak_meta

    meta = speak_meta(HOSTILE, 4)
    assert meta == {"type": "unknot_speak", "text": "Cat ]0;evil cow · Unknot", "priority": 4}
    assert json.loads(message_for_meta(meta) or "") == ["unknot_speak", "Cat ]0;evil cow · Unknot", 4]
    for bad in ({**meta, "priority": "4"}, {**meta, "priority": 99}, {**meta, "text": None}):
        assert message_for_meta(bad) is None, bad
