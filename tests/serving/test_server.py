"""`unknot serve` over HTTP and websockets, with aiohttp's test client and a stand-in app process."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import WSMsgType, web
from aiohttp.test_utils import TestClient, TestServer

from unknot.core.page_messages import PageMessage
from unknot.serving.access import cookie_name, new_token
from unknot.serving.server import ServeConfig, UnknotServer

FAKE_APP = str(Path(__file__).with_name("fake_app.py"))
PORT = 8765
COOKIE = cookie_name(PORT)


class Served:
    """A server on a free port with its test client, its token and where its apps save."""

    def __init__(self, server: UnknotServer, client: TestClient[web.Request, web.Application], saved: Path) -> None:
        self.server = server
        self.client = client
        self.token = server.config.token
        self.saved = saved

    @property
    def origin(self) -> str:
        return f"http://{self.client.server.host}:{self.client.server.port}"

    async def open_session(self, **headers: str) -> aiohttp.ClientWebSocketResponse:
        """Open the page's websocket with the cookie and our own Origin (unless `headers` say otherwise)."""
        headers = {"Origin": self.origin, "Cookie": f"{COOKIE}={self.token}", **headers}
        return await self.client.ws_connect("/ws?width=100&height=30", headers=headers)


@pytest.fixture
async def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Served]:
    saved = tmp_path / "saved"
    monkeypatch.setenv("FAKE_APP_SAVED", str(saved))
    server = UnknotServer(ServeConfig(token=new_token(), argv=[sys.executable, FAKE_APP], port=PORT, max_sessions=2))
    # A jar that forgets: each request carries exactly the cookie the test gives it.
    test_server = TestServer(server.web_app())
    await test_server.start_server(**server.runner_options)
    client = TestClient(test_server, cookie_jar=aiohttp.DummyCookieJar())
    try:
        yield Served(server, client, saved)
    finally:
        await server.stop_sessions("test over")
        await client.close()


async def wait_until(condition, timeout: float = 10.0) -> None:
    """Poll `condition` (server state changes as processes exit) until it holds."""
    for _ in range(int(timeout / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("timed out")


async def receive_text(socket: aiohttp.ClientWebSocketResponse, wanted: bytes) -> bytes:
    """Read binary frames until one holds `wanted`."""
    while True:
        message = await asyncio.wait_for(socket.receive(), 10)
        if message.type == WSMsgType.BINARY and wanted in message.data:
            return bytes(message.data)
        assert message.type in (WSMsgType.BINARY, WSMsgType.TEXT), message


async def test_no_token_is_401_with_one_log_line_and_no_process(served: Served, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="unknot.serve"):
        response = await served.client.get("/")
    assert response.status == 401
    assert "token" in (await response.text()).lower()
    assert [record.getMessage() for record in caplog.records] == ["refused GET / from 127.0.0.1: no token"]
    assert served.server.sessions_started == 0


@pytest.mark.parametrize("where", ["address", "cookie"])
async def test_a_wrong_or_forged_token_is_403(served: Served, where: str) -> None:
    forged = served.token[:-1] + ("A" if served.token[-1] != "A" else "B")
    if where == "address":
        response = await served.client.get("/", params={"token": forged})
    else:
        response = await served.client.get("/", headers={"Cookie": f"{COOKIE}={forged}"})
    assert response.status == 403
    assert "Set-Cookie" not in response.headers
    assert served.server.sessions_started == 0


async def test_the_right_token_gives_the_page_and_a_strict_http_only_cookie(served: Served) -> None:
    response = await served.client.get("/", params={"token": served.token})
    assert response.status == 200
    page = await response.text()
    assert 'class="textual-terminal"' in page and "static/unknot.js" in page
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE}={served.token};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    # Later requests need only the cookie; loading the page starts nothing.
    script = await served.client.get("/static/js/textual.js", headers={"Cookie": f"{COOKIE}={served.token}"})
    assert script.status == 200
    assert (await served.client.get("/static/js/textual.js")).status == 401
    assert served.server.sessions_started == 0


async def test_no_listing_of_the_static_folder_and_no_downloads(served: Served) -> None:
    cookie = {"Cookie": f"{COOKIE}={served.token}"}
    assert (await served.client.get("/static/", headers=cookie)).status in (403, 404)
    assert (await served.client.get("/download/anything", headers=cookie)).status == 404


async def test_a_refusal_keeps_the_page_to_itself_and_the_log_free_of_terminal_codes(served: Served, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="unknot.serve"):
        response = await served.client.get("/%1b]0;owned%07/x")
    assert response.status == 401
    assert response.headers["X-Frame-Options"] == "DENY" and response.headers["Cache-Control"] == "no-store"
    assert "\x1b" not in caplog.text and "\x07" not in caplog.text
    assert "refused GET /%1B%5D0;owned%07/x from 127.0.0.1: no token" in caplog.text


async def test_the_terminal_script_is_kept_by_the_browser_and_the_page_is_not(served: Served) -> None:
    cookie = {"Cookie": f"{COOKIE}={served.token}"}
    script = await served.client.get("/static/js/textual.js", headers=cookie)
    assert script.headers["Cache-Control"].startswith("private, max-age=")
    page = await served.client.get("/", headers=cookie)
    assert page.headers["Cache-Control"] == "no-store"


async def test_a_websocket_without_the_cookie_starts_nothing(served: Served) -> None:
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await served.client.ws_connect("/ws", headers={"Origin": served.origin})
    assert refused.value.status == 401
    assert served.server.sessions_started == 0


@pytest.mark.parametrize("origin", ["http://evil.example", "http://127.0.0.1:1", "null", ""])
async def test_a_websocket_from_another_site_starts_nothing(served: Served, origin: str, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="unknot.serve"), pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await served.open_session(Origin=origin)
    assert refused.value.status == 403
    assert served.server.sessions_started == 0
    assert "another site" in caplog.text


async def test_the_right_cookie_and_origin_start_the_app_with_a_bounded_size(
    served: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Started from the Linux console inside tmux, the app is still told its terminal is the browser's.
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    monkeypatch.setenv("UNKNOT_DATA_DIR", "/somewhere")
    socket = await served.open_session()
    first = await receive_text(socket, b"size")
    assert b"size 100x30 TERM=xterm-256color TMUX=None data=/somewhere" in first  # the terminal's own history
    assert served.server.sessions_started == 1
    await socket.send_str(json.dumps(["resize", {"width": 10**9, "height": -5}]))
    assert b"size 400x1" in await receive_text(socket, b"size 400")
    await socket.send_str(json.dumps(["stdin", "j"]))
    assert b"echo j" in await receive_text(socket, b"echo")
    await socket.send_str("not json")  # ignored, the session goes on
    await socket.send_str(json.dumps(["stdin", "k"]))
    assert b"echo k" in await receive_text(socket, b"echo")
    await socket.close()


async def test_the_page_title_reaches_the_browser_as_plain_text(served: Served) -> None:
    socket = await served.open_session()
    while True:
        message = await asyncio.wait_for(socket.receive(), 10)
        if message.type == WSMsgType.TEXT:
            break
    kind, title = json.loads(message.data)
    assert kind == PageMessage.TITLE
    assert "\x1b" not in title and "\x07" not in title and title.startswith("Cat") and title.endswith("· Unknot")
    await socket.close()


async def test_max_sessions_refuses_the_next_one_with_a_page_and_no_process(served: Served) -> None:
    first = await served.open_session()
    second = await served.open_session()
    await receive_text(first, b"size")
    await receive_text(second, b"size")
    assert served.server.sessions_started == 2

    third = await served.open_session()
    notice = await asyncio.wait_for(third.receive(), 10)
    assert notice.type == WSMsgType.TEXT
    assert json.loads(notice.data)[0] == PageMessage.NOTICE and "in use" in json.loads(notice.data)[1]
    closing = await asyncio.wait_for(third.receive(), 10)
    assert closing.type in (WSMsgType.CLOSE, WSMsgType.CLOSED)
    assert served.server.sessions_started == 2

    page = await served.client.get("/", headers={"Cookie": f"{COOKIE}={served.token}"})
    assert page.status == 503 and "All 2 sessions are in use" in await page.text()

    await first.close()
    await wait_until(lambda: not served.server.pool.full)  # the place comes back once the process has gone
    fourth = await served.open_session()
    await receive_text(fourth, b"size")
    assert served.server.sessions_started == 3
    await second.close()
    await fourth.close()


async def test_stopping_the_server_lets_each_app_save_first(served: Served) -> None:
    socket = await served.open_session()
    await receive_text(socket, b"size")
    title = await asyncio.wait_for(socket.receive(), 10)  # the app has said all it says before the stop
    assert title.type == WSMsgType.TEXT and json.loads(title.data)[0] == PageMessage.TITLE
    await served.server.stop_sessions("The server was stopped.")
    assert served.saved.read_text() == "saved"
    heard = []
    while (message := await asyncio.wait_for(socket.receive(), 10)).type in (WSMsgType.TEXT, WSMsgType.BINARY):
        heard.append(json.loads(message.data) if message.type == WSMsgType.TEXT else message.data)
    # The notice is the last thing the page hears: not the title and frame the app sent while it saved.
    assert heard == [[PageMessage.NOTICE, "The server was stopped."]]
    assert message.type in (WSMsgType.CLOSE, WSMsgType.CLOSED)
    await wait_until(lambda: not served.server.pool.count)


async def test_the_token_never_reaches_the_log(served: Served, caplog) -> None:
    with caplog.at_level(logging.DEBUG):
        await served.client.get("/", params={"token": served.token})
        await served.client.get("/", params={"token": served.token + "x"})
        await served.client.get("/static/js/textual.js", params={"token": "wrong-" + served.token})
        socket = await served.open_session()
        await receive_text(socket, b"size")
        await socket.close()
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await served.open_session(Origin="http://evil.example")
    assert caplog.records
    assert served.token not in caplog.text
    assert all(served.token not in str(record.args) for record in caplog.records)


@pytest.mark.parametrize(("path", "method"), [("/nothing-here", "GET"), ("/", "POST"), ("/ws", "GET")])
async def test_errors_carry_the_security_headers_too(served: Served, path: str, method: str) -> None:
    cookie = {"Cookie": f"{COOKIE}={served.token}", "Origin": served.origin}
    response = await served.client.request(method, path, headers=cookie)
    assert response.status in (400, 404, 405), response.status
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert response.headers["Cache-Control"] == "no-store"


async def test_a_host_name_that_is_not_ours_is_refused_even_with_the_token(served: Served, caplog) -> None:
    """DNS rebinding: a site's name pointed at this machine must not reach a session."""
    cookie = {"Cookie": f"{COOKIE}={served.token}"}
    with caplog.at_level(logging.INFO, logger="unknot.serve"):
        response = await served.client.get("/", headers={**cookie, "Host": "rebound.example:8765"})
    assert response.status == 421
    assert "rebound.example" in caplog.text
    assert (await served.client.get("/", headers=cookie)).status == 200


async def test_deep_json_and_a_malformed_sequence_are_left_out_and_the_session_goes_on(served: Served, caplog) -> None:
    socket = await served.open_session()
    await receive_text(socket, b"size")
    with caplog.at_level(logging.INFO, logger="unknot.serve"):
        await socket.send_str("[" * 5000)
        await socket.send_str("[" * 5000)
        await socket.send_str(json.dumps(["stdin", "\x1b[;;9999999999u"]))
        await socket.send_str(json.dumps(["stdin", "a\x1b[;;99999999999ub"]))
        await socket.send_str(json.dumps(["stdin", "\x1b[Aj"]))
        assert b"echo \x1b[Aj" in await receive_text(socket, b"\x1b[Aj")
    assert caplog.text.count("nested too deep") == 1 and caplog.text.count("malformed terminal sequence") == 1
    assert "Traceback" not in caplog.text and "RecursionError" not in caplog.text
    await socket.close()


async def test_a_malformed_request_is_one_line_without_the_token(served: Served, caplog) -> None:
    """aiohttp's parser error quotes the raw request; the log must not (the token is in it)."""
    host, port = served.client.server.host, served.client.server.port
    with caplog.at_level(logging.DEBUG):
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(f"GET /?token={served.token} HTTP/1.1\nHost: x\n Cookie: folded\r\n\r\n".encode())
        await writer.drain()
        await asyncio.wait_for(reader.read(), 10)
        writer.close()
    assert served.token not in caplog.text
    assert "Traceback" not in caplog.text
    assert "refused a malformed request from" in caplog.text


async def test_the_report_is_served_behind_the_token(tmp_path: Path) -> None:
    from unknot.serving.server import ReportUnavailable

    pages = iter(["<!doctype html><title>Report</title><p>12 sessions</p>"])

    def report() -> str:
        try:
            return next(pages)
        except StopIteration:
            raise ReportUnavailable("history is off: cannot use it") from None

    server = UnknotServer(ServeConfig(token=new_token(), argv=[sys.executable, FAKE_APP], port=PORT, report=report))
    test_server = TestServer(server.web_app())
    await test_server.start_server(**server.runner_options)
    client = TestClient(test_server, cookie_jar=aiohttp.DummyCookieJar())
    try:
        assert (await client.get("/report")).status == 401
        answer = await client.get("/report", headers={"Cookie": f"{COOKIE}={server.config.token}"})
        assert answer.status == 200 and "12 sessions" in await answer.text()
        assert answer.headers["Cache-Control"] == "no-store" and answer.headers["X-Frame-Options"] == "DENY"
        later = await client.get("/report", headers={"Cookie": f"{COOKIE}={server.config.token}"})
        assert later.status == 503 and "history is off" in await later.text()
    finally:
        await client.close()


def test_unknot_serve_makes_the_report_from_history(tmp_path: Path) -> None:
    import time as clock

    from unknot.cli.serve import served_report
    from unknot.core.history.store import HistoryStore
    from unknot.core.session.events import Outcome, SessionRecord

    store = HistoryStore(tmp_path)
    now = clock.time() - 3600
    store.add_session(
        SessionRecord("desk-break", "Desk <b>break</b>", now, now + 300, 300, 5, 0, Outcome.COMPLETED, 6, 3)
    )
    store.close()
    page = served_report(tmp_path)
    assert "Desk &lt;b&gt;break&lt;/b&gt;" in page and "<b>break" not in page


async def test_a_key_flood_is_dropped_at_the_server_and_the_session_goes_on(served: Served, caplog) -> None:
    """Every key becomes an event queued in the app: 2 MB of them must not reach it."""
    from unknot.serving.inbound import KEY_BURST_BYTES, KEY_BYTES_PER_SECOND

    socket = await served.open_session()
    await receive_text(socket, b"size")
    chunk = json.dumps(["stdin", "j" * 60_000])
    with caplog.at_level(logging.INFO, logger="unknot.serve"):
        started = asyncio.get_running_loop().time()
        for _ in range(35):
            await socket.send_str(chunk)
        await socket.send_str(json.dumps(["ping", "after the flood"]))
        echoed = 0
        while True:
            message = await asyncio.wait_for(socket.receive(), 10)
            if message.type == WSMsgType.TEXT and "after the flood" in message.data:
                break
            if message.type == WSMsgType.BINARY:
                echoed += message.data.count(b"j")
        elapsed = asyncio.get_running_loop().time() - started
    assert echoed <= KEY_BURST_BYTES + KEY_BYTES_PER_SECOND * (elapsed + 1)
    assert caplog.text.count("more keys than anyone types") == 1
    await socket.send_str(json.dumps(["stdin", "k"]))  # under the rate again: passed on
    assert b"echo k" in await receive_text(socket, b"echo k")
    await socket.close()
