"""Showing routine text as plain text, and only repainting when it changed."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


def set_plain(widget: Static, text: str) -> None:
    """Show `text` verbatim (never as markup) in `widget`, skipping the repaint when unchanged."""
    current = widget.content
    if isinstance(current, Content) and current.plain == text:
        return
    widget.update(Content(text))


def set_content(widget: Static, content: Content) -> None:
    """Show styled `content` in `widget`, skipping the repaint when it is unchanged."""
    if widget.content == content:
        return
    widget.update(content)
