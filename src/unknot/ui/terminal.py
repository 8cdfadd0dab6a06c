"""The one owner of the terminal behind the app: raw escape sequences, the page's messages, suspending, signals.

Textual keeps its driver private (`App._driver`); this is the only module that touches it, so a
Textual upgrade that changes it is mended here alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Callable
from typing import Any

from textual.app import App

#: The signals that end a session from outside: a dropped SSH connection, a polite kill.
TERMINATING_SIGNALS = (signal.SIGHUP, signal.SIGTERM)


class Terminal:
    """What the app sends to its terminal (or browser page) besides the screen, and the signals it takes."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app

    def write(self, data: str) -> None:
        """Send an escape sequence straight to the terminal (as the bell does; nothing when headless)."""
        driver = self._app._driver
        if not self._app.is_headless and driver is not None:
            driver.write(data)

    def send_to_page(self, message: dict[str, object]) -> bool:
        """Send a message to the browser page around the app (`unknot serve`); False in a terminal."""
        write_meta = getattr(self._app._driver, "write_meta", None) if self._app.is_web else None
        if write_meta is None:
            return False
        write_meta(message)
        return True

    @property
    def can_suspend(self) -> bool:
        """Whether the app can hand the terminal to another program (an editor) and take it back."""
        return bool(getattr(self._app._driver, "can_suspend", False))

    def catch_terminating_signals(self, handler: Callable[[int], None]) -> None:
        """Call `handler(number)` on SIGHUP and SIGTERM instead of dying at once with no clean-up."""
        with contextlib.suppress(NotImplementedError, RuntimeError, AttributeError):  # not on this platform
            loop = asyncio.get_running_loop()
            for number in TERMINATING_SIGNALS:
                loop.add_signal_handler(number, handler, number)

    def watch_for_a_lost_server(self, on_lost: Callable[[int], None], every: float = 1.0) -> None:
        """In a browser session: call `on_lost(SIGHUP)` once when the server behind it is gone.

        The server feeds the app's stdin; when it dies (even by SIGKILL) the pipe closes, Textual's
        input thread ends and the app would play on for nobody, with parent pid 1, and save a session
        nobody finished. The thread ending, or this process being handed to another parent, is the
        sign. Nothing happens in a terminal.
        """
        if not self._app.is_web:
            return
        thread = getattr(self._app._driver, "_key_thread", None)
        parent = os.getppid()
        lost = False

        def check() -> None:
            nonlocal lost
            gone = (thread is not None and thread.ident is not None and not thread.is_alive()) or os.getppid() != parent
            if gone and not lost:
                lost = True
                on_lost(signal.SIGHUP)

        self._app.set_interval(every, check, name="unknot-server-watch")

    def release_signals(self) -> None:
        """Give SIGHUP and SIGTERM back to their default handling."""
        with contextlib.suppress(NotImplementedError, RuntimeError, AttributeError):
            loop = asyncio.get_running_loop()
            for number in TERMINATING_SIGNALS:
                loop.remove_signal_handler(number)
