"""The served app in a real headless browser: the token opens it, keys typed in the page reach the app.

The browser draws the terminal on a canvas, so the test reads the screen from a copy of the very
bytes the server sends that browser (fed to pyte), and the page's own state (title, classes) from
the page. Runs where Chromium is installed (`.ci/run` installs Debian's package); skipped elsewhere.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pyte
import pytest
from aiohttp import web
from aiohttp.test_utils import unused_port

from tests.browser.cdp import Page, find_browser, headless_page
from unknot.core.page_messages import PageMessage, page_message
from unknot.serving.access import new_token
from unknot.serving.server import STOPPED_NOTICE, ServeConfig, UnknotServer
from unknot.serving.sessions import AppSession

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

BROWSER = find_browser()


class MirroredSession(AppSession):
    """An app session that also keeps a copy of the screen it sends to the browser."""

    latest: MirroredSession | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        MirroredSession.latest = self

    async def start(self, width: int, height: int) -> None:
        self.screen.resize(height, width)
        await super().start(width, height)

    async def set_terminal_size(self, width: object, height: object) -> None:
        await super().set_terminal_size(width, height)
        self.screen.resize(int(str(height)), int(str(width)))

    async def on_data(self, payload: bytes) -> None:
        self.stream.feed(payload)
        await super().on_data(payload)

    def text(self) -> str:
        return "\n".join(self.screen.display)


async def wait_for(condition: Callable[[], object], what: str, timeout: float = 20.0) -> None:
    """Wait until `condition()` holds (polling the page or the mirrored screen), or fail naming `what`."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return
        if time.monotonic() > deadline:
            session = MirroredSession.latest
            raise AssertionError(f"timed out waiting for {what}; screen:\n{session.text() if session else '(none)'}")
        await asyncio.sleep(0.1)


def screen_text() -> str:
    session = MirroredSession.latest
    return session.text() if session else ""


def clock_rows() -> str:
    """Return the player's big clock: the three rows under the phase, right of the column rule."""
    lines = screen_text().splitlines()
    if not lines or "Step 1 of" not in lines[0]:
        return ""
    return "\n".join(line.partition("▏")[2] for line in lines[2:5])


async def tap(page: Page, column: int, row: int) -> None:
    """Tap the cell at (column, row), as a finger would (a touch becomes a click in the terminal)."""
    box = await page.evaluate(
        "(() => { const r = document.querySelector('.xterm-screen').getBoundingClientRect();"
        " return [r.left, r.top, r.width, r.height]; })()"
    )
    session = MirroredSession.latest
    assert session is not None
    x = box[0] + (column + 0.5) * box[2] / session.screen.columns
    y = box[1] + (row + 0.5) * box[3] / session.screen.lines
    for kind in ("mousePressed", "mouseReleased"):
        await page.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)


@pytest.mark.skipif(BROWSER is None, reason="no Chromium here (apt-get install -y chromium; .ci/run does)")
async def test_a_phone_browser_opens_the_routine_list_and_plays_a_routine(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("UNKNOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    port = unused_port()
    token = new_token()
    server = UnknotServer(
        ServeConfig(token=token, argv=[sys.executable, "-m", "unknot"], port=port, max_sessions=2),
        session_factory=MirroredSession,
    )
    runner = web.AppRunner(server.web_app(), **server.runner_options)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        assert BROWSER is not None
        async with headless_page(BROWSER) as page:
            await page.send("Page.navigate", url=f"http://127.0.0.1:{port}/?token={token}")
            await wait_for(lambda: "Self-massage" in screen_text() or "Cat" in screen_text(), "the routine list")
            assert await page.evaluate("document.body.classList.contains('-first-byte')")
            # The token has left the address bar; the cookie carries it now.
            assert "token" not in await page.evaluate("window.location.href")
            assert server.sessions_started == 1
            await play_first_routine(page)
            await wait_for(clock_rows, "the player's clock")
            first = clock_rows()
            await wait_for(lambda: clock_rows() != first, "the clock to change")
            title = await page.evaluate("document.title")
            assert title.endswith("· Unknot") and title != "Unknot"
            # A tap on the clock pauses, another resumes.
            clock_column = screen_text().splitlines()[2].index("▏") + 4
            await tap(page, clock_column, 3)
            await wait_for(lambda: "space Resume" in screen_text(), "the session to pause")
            await tap(page, clock_column, 3)
            await wait_for(lambda: "space Pause" in screen_text(), "the session to resume")
            await stop_the_server_and_check_the_page(server, page)
    finally:
        await server.stop_sessions("test over")
        await runner.cleanup()


async def play_first_routine(page: Page) -> None:
    """Focus the terminal, press Enter on the first routine, and skip the pain question when asked."""
    await page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
    await page.press("enter")
    await wait_for(lambda: "How is your back" in screen_text() or clock_rows(), "the player")
    if "How is your back" in screen_text():
        await page.press("escape")


def say_title(title: str) -> str:
    """Return a script that tells the page `title` as the server would, on a socket the page's script
    listens to (one to a path that opens no session)."""
    data = json.dumps(page_message(PageMessage.TITLE, title))
    return f"""(() => {{
        const address = new URL("nowhere", window.location.href);
        address.protocol = "ws:";
        const socket = new WebSocket(address.href);
        socket.dispatchEvent(new MessageEvent("message", {{data: {data}}}));
        socket.close();
    }})()"""


async def stop_the_server_and_check_the_page(server: UnknotServer, page: Page) -> None:
    """Stop the server: the page says why, and nothing said after that renames the tab."""
    await page.evaluate(say_title("Told before"))
    assert await page.evaluate("document.title") == "Told before"
    await server.stop_sessions(STOPPED_NOTICE)
    await wait_for(lambda: page.evaluate("document.body.classList.contains('-closed')"), "the page to close")
    assert await page.evaluate("document.getElementById('closed-message').textContent") == STOPPED_NOTICE
    await page.evaluate(say_title("Told after"))
    assert await page.evaluate("document.title") == "Told before"


RECORD_SPEECH = """(() => {
    window.spokenWords = [];
    window.speechSynthesis.speak = function (utterance) { window.spokenWords.push(utterance.text); };
    window.speechSynthesis.cancel = function () {};
})()"""


@pytest.mark.skipif(BROWSER is None, reason="no Chromium here (apt-get install -y chromium; .ci/run does)")
async def test_the_page_speaks_the_session_only_after_a_tap(tmp_path: Path, monkeypatch) -> None:
    """Browsers play sound only after a tap: before it the page shows the prompt and says nothing;
    after it, what the app says at each moment reaches speechSynthesis.speak."""
    monkeypatch.setenv("UNKNOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    port = unused_port()
    token = new_token()
    server = UnknotServer(
        ServeConfig(token=token, argv=[sys.executable, "-m", "unknot"], port=port, max_sessions=1),
        session_factory=MirroredSession,
    )
    runner = web.AppRunner(server.web_app(), **server.runner_options)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        assert BROWSER is not None
        async with headless_page(BROWSER) as page:
            await page.send("Page.navigate", url=f"http://127.0.0.1:{port}/?token={token}")
            await wait_for(lambda: "Self-massage" in screen_text() or "Cat" in screen_text(), "the routine list")
            await page.evaluate(RECORD_SPEECH)
            assert await page.evaluate("document.getElementById('voice-on').offsetParent !== null")
            await play_first_routine(page)
            await wait_for(clock_rows, "the player's clock")
            await asyncio.sleep(1.5)  # the session has started talking, to a page not yet tapped
            assert await page.evaluate("window.spokenWords.length") == 0
            box = await page.evaluate(
                "(() => { const r = document.getElementById('voice-on').getBoundingClientRect();"
                " return [r.left + r.width / 2, r.top + r.height / 2]; })()"
            )
            for kind in ("mousePressed", "mouseReleased"):
                await page.send("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)
            await wait_for(lambda: page.evaluate("window.spokenWords.length >= 1"), "the voice to come on")
            await page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
            await page.press("n")  # the next step: the app says what it is
            await wait_for(lambda: page.evaluate("window.spokenWords.length >= 2"), "words after the tap", 30)
            spoken = await page.evaluate("window.spokenWords")
            assert spoken[0] == "Voice on." and all(isinstance(words, str) and words for words in spoken[1:])
            assert await page.evaluate("document.getElementById('voice').classList.contains('-on')")
    finally:
        await server.stop_sessions("test over")
        await runner.cleanup()


def numbers_rows() -> tuple[int, str, int, str] | None:
    """Return the pain question's two rows of number buttons on screen (row, text, row, text), if shown."""
    lines = screen_text().splitlines()
    first = next((row for row, line in enumerate(lines) if _labels(line) == "012345"), None)
    second = next((row for row, line in enumerate(lines) if _labels(line) == "678910"), None)
    if first is None or second is None:
        return None
    return first, lines[first], second, lines[second]


def _labels(line: str) -> str:
    """The words inside the dialog's frame on a line, run together."""
    inside = line.split("│")[1] if line.count("│") >= 2 else ""
    return "".join(inside.split())


@pytest.mark.skipif(BROWSER is None, reason="no Chromium here (apt-get install -y chromium; .ci/run does)")
async def test_on_a_phone_the_pain_numbers_are_finger_sized(tmp_path: Path, monkeypatch) -> None:
    """At a phone's width and the page's default font, each number is a target at least 44 px a side."""
    monkeypatch.setenv("UNKNOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    port = unused_port()
    token = new_token()
    server = UnknotServer(
        ServeConfig(token=token, argv=[sys.executable, "-m", "unknot"], port=port, max_sessions=1),
        session_factory=MirroredSession,
    )
    runner = web.AppRunner(server.web_app(), **server.runner_options)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        assert BROWSER is not None
        async with headless_page(BROWSER) as page:
            # A phone in portrait: 390 x 800 CSS pixels, at the page's default font.
            await page.send(
                "Emulation.setDeviceMetricsOverride", width=390, height=800, deviceScaleFactor=2, mobile=True
            )
            await page.send("Page.navigate", url=f"http://127.0.0.1:{port}/?token={token}")
            await wait_for(lambda: "Self-massage" in screen_text() or "Cat" in screen_text(), "the routine list")
            await page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
            await page.press("enter")
            await wait_for(numbers_rows, "the pain question's buttons")
            box = await page.evaluate(
                "(() => { const r = document.querySelector('.xterm-screen').getBoundingClientRect();"
                " return [r.width, r.height]; })()"
            )
            session = MirroredSession.latest
            assert session is not None
            cell_width = box[0] / session.screen.columns
            cell_height = box[1] / session.screen.lines
            found = numbers_rows()
            assert found is not None
            first_row, first_line, second_row, _second_line = found
            # Each button is three rows (its label in the middle) and about a sixth of the dialog wide.
            columns = [first_line.index(str(number)) for number in range(6)]
            spacing = min(right - left for left, right in pairwise(columns))
            assert (spacing - 1) * cell_width >= 44, (spacing, cell_width)  # a cell between buttons
            assert 3 * cell_height >= 44 and second_row - first_row >= 4, cell_height
            await tap(page, first_line.index("4"), first_row)
            await wait_for(clock_rows, "the player, once the question is answered")
    finally:
        await server.stop_sessions("test over")
        await runner.cleanup()
