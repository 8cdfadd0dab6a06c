"""Showing routine text as plain text, repainting only when and where it changed."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


def _same_shape(old: Content, new: Content) -> bool:
    # Same length and line count: the widget keeps its size, so no layout pass is needed
    # and only its own region repaints (a layout repaints the whole screen, costly over SSH).
    return old.cell_length == new.cell_length and old.plain.count("\n") == new.plain.count("\n")


def set_content(widget: Static, content: Content) -> None:
    """Show `content` in `widget`, skipping the repaint when unchanged and the layout when the size holds."""
    current = widget.content
    if isinstance(current, Content):
        if current == content:
            return
        widget.update(content, layout=not _same_shape(current, content))
    else:
        widget.update(content)


def set_plain(widget: Static, text: str) -> None:
    """Show `text` verbatim (never as markup) in `widget`, repainting as little as possible."""
    current = widget.content
    if isinstance(current, Content) and current.plain == text:
        return
    set_content(widget, Content(text))
