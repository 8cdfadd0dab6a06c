"""One app process per browser tab, and the limit on how many run at once.

textual-serve's `AppService` speaks the app's side of the wire (packets over the child's stdin
and stdout); this subclass starts only the command the server was given (no shell, nothing from
the client), keeps the browser's size within bounds, and passes the app's messages for the page on.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from asyncio.subprocess import Process
from collections.abc import Awaitable, Callable, Sequence

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from ..core.page_messages import message_for_meta, notice_message

log = logging.getLogger("unknot.serve")

#: The largest terminal a browser may ask for; a phone or a 4K screen at a small font stays well inside.
MAX_COLUMNS = 400
MAX_ROWS = 200
#: How long an app process has to save its place and exit before it is ended.
STOP_SECONDS = 10.0
#: What describes the server's own terminal, which the browser is not.
TERMINAL_VARIABLES = ("TMUX", "STY", "KITTY_WINDOW_ID", "VTE_VERSION", "WT_SESSION", "KONSOLE_VERSION", "LC_TERMINAL")


def clamp_size(width: object, height: object) -> tuple[int, int]:
    """Return a terminal size the app may be given: whole numbers within 1..MAX, 80×24 for nonsense."""

    def bounded(value: object, default: int, largest: int) -> int:
        try:
            number = int(str(value))
        except ValueError:
            return default
        return max(1, min(number, largest))

    return bounded(width, 80, MAX_COLUMNS), bounded(height, 24, MAX_ROWS)


class AppSession(AppService):
    """One browser tab's app process, started from a fixed argument list."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        write_bytes: Callable[[bytes], Awaitable[None]],
        write_str: Callable[[str], Awaitable[None]],
        close: Callable[[], Awaitable[None]],
    ) -> None:
        downloads = DownloadManager()  # unused: the app delivers no files
        self._page_bytes = write_bytes
        self._page_str = write_str
        self._page_ended = False
        """Whether the page has been told why its session ends; nothing the app sends reaches it after that."""
        super().__init__(
            " ".join(argv),
            write_bytes=self._to_page_bytes,
            write_str=self._to_page_str,
            close=close,
            download_manager=downloads,
        )
        self.argv = tuple(argv)
        self._stopping = False

    # Everything the app sends goes through these two, so that once the page has its notice it hears
    # nothing more: the app goes on drawing and naming the tab while it saves its place.
    async def _to_page_bytes(self, data: bytes) -> None:
        if not self._page_ended:
            await self._page_bytes(data)

    async def _to_page_str(self, text: str) -> None:
        if not self._page_ended:
            await self._page_str(text)

    async def end_page(self, notice: str) -> None:
        """Tell the page why its session ends, as the last thing it hears from this session."""
        if self._page_ended:
            return
        self._page_ended = True
        with contextlib.suppress(ConnectionError, RuntimeError):
            await self._page_str(notice_message(notice))

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        """The server's environment, told that the terminal is the browser's (xterm.js), not the one
        the server was started in: no Linux-console glyphs, no tmux passthrough, full colour."""
        environment = super()._build_environment(width=width, height=height)
        for name in TERMINAL_VARIABLES:
            environment.pop(name, None)
        environment["TERM"] = "xterm-256color"
        environment["COLORTERM"] = "truecolor"
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        """Start the app with the fixed arguments and environment; no shell reads them."""
        environment = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def set_terminal_size(self, width: object, height: object) -> None:
        """Tell the app the browser's new size, within bounds."""
        await super().set_terminal_size(*clamp_size(width, height))

    async def on_meta(self, data: bytes) -> None:
        """Pass the app's messages for the page on (core/page_messages.py); leave downloads and links out
        (the app offers none)."""
        try:
            meta = json.loads(data)
        except ValueError:
            return
        if not isinstance(meta, dict):
            return
        if (message := message_for_meta(meta)) is not None:
            await self.remote_write_str(message)
        elif meta.get("type") == "exit":
            await self.remote_close()

    async def run(self) -> None:
        """Relay the app's output until it exits; when it exited by itself, close the browser's websocket."""
        await super().run()
        if not self._stopping:  # else the websocket is closed already, or is being closed by the server
            with contextlib.suppress(ConnectionError, RuntimeError):
                await self.remote_close()

    async def stop(self) -> None:
        """Ask the app to quit (it saves its place first), wait for it, and end it if it does not exit."""
        process = self._process
        self._stopping = True
        with contextlib.suppress(TimeoutError, ConnectionError, RuntimeError):
            await asyncio.wait_for(super().stop(), STOP_SECONDS)
        if process is None or process.returncode is not None:
            return
        try:
            await asyncio.wait_for(process.wait(), STOP_SECONDS)
        except TimeoutError:
            log.warning("an app process did not exit in %d seconds; ending it", STOP_SECONDS)
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()


class SessionPool:
    """The app processes running now, never more than `limit`."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.sessions: set[AppSession] = set()
        self._reserved = 0

    @property
    def count(self) -> int:
        """Sessions running or being started."""
        return len(self.sessions) + self._reserved

    @property
    def full(self) -> bool:
        """Whether one more session would pass the limit."""
        return self.count >= self.limit

    def reserve(self) -> bool:
        """Claim a place for a session about to start; False when there is none."""
        if self.full:
            return False
        self._reserved += 1
        return True

    def started(self, session: AppSession) -> None:
        """The reserved place is taken by `session`."""
        self._reserved -= 1
        self.sessions.add(session)

    def release(self, session: AppSession | None) -> None:
        """Give a place back: the session ended, or (None) it never started."""
        if session is None:
            self._reserved -= 1
        else:
            self.sessions.discard(session)

    async def stop_all(self) -> None:
        """Stop every session at once; each saves its place first."""
        await asyncio.gather(*(session.stop() for session in list(self.sessions)), return_exceptions=True)
