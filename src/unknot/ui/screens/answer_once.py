"""A question screen that takes its first answer only.

A key and a tap can arrive together (in a browser, or a fuzzing client): a second `dismiss` would
set the waiting result twice (`InvalidStateError`) and pop the screen under the question too.
"""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete


async def _nothing() -> None:
    """Nothing left to wait for."""


class AnswerOnce:
    """Mix in before a Textual screen: every `dismiss` after the first is ignored."""

    _answered = False

    def dismiss(self, result: Any = None) -> AwaitComplete:
        """Dismiss with the first answer; ignore any later one."""
        if self._answered:
            return AwaitComplete(_nothing())
        self._answered = True
        return super().dismiss(result)  # type: ignore[misc, no-any-return]
