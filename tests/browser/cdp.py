"""A headless Chromium driven over the DevTools protocol, with aiohttp's websocket client.

Debian's `chromium` package is enough: nothing is downloaded at test time.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import AsyncIterator
from typing import Any

import aiohttp

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: Keys xterm.js needs a key code for (anything else is sent as text).
KEYS = {
    "enter": ("Enter", "Enter", 13, "\r"),
    "space": (" ", "Space", 32, " "),
    "down": ("ArrowDown", "ArrowDown", 40, ""),
    "escape": ("Escape", "Escape", 27, "\x1b"),
}


def find_browser() -> str | None:
    """Return the path of an installed Chromium, or None."""
    explicit = os.environ.get("UNKNOT_TEST_BROWSER")
    if explicit:
        return explicit
    for name in BROWSER_NAMES:
        if path := shutil.which(name):
            return path
    return None


class Page:
    """One tab, reached through a flattened DevTools session."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.session_id = ""
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.socket:
            data = json.loads(message.data)
            future = self._waiting.pop(data.get("id", -1), None)
            if future is not None and not future.done():
                future.set_result(data)

    async def send(self, method: str, session: bool = True, **params: Any) -> dict[str, Any]:
        """Send one command and return its result (raising on a protocol error)."""
        number = next(self._ids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[number] = future
        command: dict[str, Any] = {"id": number, "method": method, "params": params}
        if session and self.session_id:
            command["sessionId"] = self.session_id
        await self.socket.send_str(json.dumps(command))
        reply = await asyncio.wait_for(future, 30)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return dict(reply.get("result", {}))

    async def evaluate(self, expression: str) -> Any:
        """Return the value of a JavaScript expression in the page."""
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    async def press(self, key: str) -> None:
        """Press one key in the page, as a person at a keyboard would."""
        if key in KEYS:
            name, code, key_code, text = KEYS[key]
        else:
            name, code, key_code, text = key, f"Key{key.upper()}", ord(key.upper()), key
        down: dict[str, Any] = {"type": "keyDown", "key": name, "code": code, "windowsVirtualKeyCode": key_code}
        if text:
            down["text"] = text
        await self.send("Input.dispatchKeyEvent", **down)
        await self.send("Input.dispatchKeyEvent", type="keyUp", key=name, code=code, windowsVirtualKeyCode=key_code)

    async def close(self) -> None:
        """Stop reading replies."""
        self._reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader


@contextlib.asynccontextmanager
async def headless_page(browser: str, width: int = 1000, height: int = 700) -> AsyncIterator[Page]:
    """Start a headless browser with a fresh profile and yield one blank tab."""
    profile = tempfile.mkdtemp(prefix="unknot-chromium-")
    arguments = [
        browser,
        "--headless=new",
        "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
        "--disable-gpu",
        "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0",
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
        "about:blank",
    ]
    process = await asyncio.create_subprocess_exec(
        *arguments, stdout=subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
    )
    try:
        assert process.stderr is not None
        endpoint = None
        while endpoint is None:
            line = await asyncio.wait_for(process.stderr.readline(), 30)
            if not line:
                raise RuntimeError("the browser exited before it listened for DevTools")
            if match := re.search(rb"DevTools listening on (ws://\S+)", line):
                endpoint = match.group(1).decode()
        drain = asyncio.create_task(process.stderr.read())
        async with aiohttp.ClientSession() as client, client.ws_connect(endpoint, max_msg_size=0) as socket:
            page = Page(socket)
            target = await page.send("Target.createTarget", url="about:blank")
            attached = await page.send("Target.attachToTarget", targetId=target["targetId"], flatten=True)
            page.session_id = attached["sessionId"]
            await page.send("Page.enable")
            await page.send("Runtime.enable")
            try:
                yield page
            finally:
                await page.close()
        drain.cancel()
    finally:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()
        shutil.rmtree(profile, ignore_errors=True)
