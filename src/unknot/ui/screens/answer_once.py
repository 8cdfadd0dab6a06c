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
    """Mix in before a Textual screen: a `dismiss` once the screen is no longer on top is ignored.

    Only a screen on top may answer: a second answer arriving after the first has popped it would
    otherwise pop the screen beneath. (A flag set on the first answer is not enough: if that answer
    never took the screen off the stack, every later key would be ignored and the question stuck.)
    """

    def dismiss(self, result: Any = None) -> AwaitComplete:
        """Dismiss with the answer, unless the screen was already answered and taken off the top."""
        app = self.app  # type: ignore[attr-defined]
        if not app.screen_stack or app.screen_stack[-1] is not self:
            return AwaitComplete(_nothing())
        return super().dismiss(result)  # type: ignore[misc, no-any-return]
