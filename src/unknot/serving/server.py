"""The web server: every request shows the token (or its cookie), the websocket checks its Origin,
and each accepted websocket gets one app process, up to the session limit.

Log lines name the method, the path (never the query, which may hold the token) and the peer.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any, ClassVar

from aiohttp import WSCloseCode, WSMsgType, web

from ..core.notify import safe_text
from ..core.page_messages import notice_message
from .access import COOKIE_MAX_AGE, cookie_name, host_allowed, origin_allowed, served_names, token_matches
from .inbound import KeyBudget, install_parser_error_filter, json_depth_within, safe_keys, thin_motion
from .pages import NO_TOKEN, WRONG_TOKEN, app_page, message_page, sessions_full_text
from .sessions import AppSession, SessionPool, clamp_size

log = logging.getLogger("unknot.serve")

#: The largest message a browser may send: a paste, a resize, a ping.
MAX_MESSAGE_BYTES = 64 * 1024
#: Where textual-serve keeps the terminal's script, style sheet and fonts.
TEXTUAL_STATIC = Path(str(files("textual_serve") / "static"))
UNKNOT_STATIC = Path(str(files("unknot.serving") / "static"))
#: What the page may load and connect to: only this server.
CONTENT_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
#: What each open tab is told when the server stops.
STOPPED_NOTICE = "The server was stopped; your place in the session was saved."

SessionFactory = Callable[..., AppSession]


class ReportUnavailable(Exception):
    """The report cannot be made now (history is off or unreadable); the message says why."""


def font_size(asked: str | None) -> int:
    """Return the page's font size in pixels: the `fontsize` asked for, within 8..48, else 16."""
    try:
        return max(8, min(int(asked or "16"), 48))
    except ValueError:
        return 16


@dataclass(frozen=True)
class ServeConfig:
    """What one server serves, to whom, and how many at once."""

    token: str
    argv: Sequence[str]
    """The app command every session runs; nothing a client sends changes it."""
    port: int = 8765
    public_url: str | None = None
    max_sessions: int = 3
    report: Callable[[], str] | None = None
    """Makes the report for a physiotherapist (HTML; slow: run on a thread), offered at `/report`."""


class UnknotServer:
    """The aiohttp application and the sessions it runs."""

    def __init__(self, config: ServeConfig, session_factory: SessionFactory = AppSession) -> None:
        self.config = config
        self.pool = SessionPool(config.max_sessions)
        self.session_factory = session_factory
        self.cookie = cookie_name(config.port)
        self.secure_cookie = (config.public_url or "").startswith("https:")
        self._endings: set[asyncio.Future[None]] = set()
        self.served_names = served_names(config.public_url)
        """The host names a request may ask for (any IP address is accepted too)."""
        install_parser_error_filter()
        self.sessions_started = 0
        """How many app processes this server has started, all told."""

    #: How the aiohttp runner must be set up: no access log, which would write the query (the token).
    runner_options: ClassVar[dict[str, Any]] = {"access_log": None}

    def web_app(self) -> web.Application:
        """Return the aiohttp application: the page, the websocket and the static files, behind the token."""
        app = web.Application(middlewares=[self._headers, self._guard])
        app.router.add_get("/", self.handle_page)
        app.router.add_get("/ws", self.handle_websocket)
        app.router.add_get("/static/unknot.js", self.handle_script)
        app.router.add_get("/report", self.handle_report)
        app.router.add_static("/static", TEXTUAL_STATIC, show_index=False, follow_symlinks=False)
        app.on_shutdown.append(self._on_shutdown)
        return app

    # ----- who gets in ----------------------------------------------------------------------

    @web.middleware
    async def _guard(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """Refuse any request without the token or its cookie; set the cookie when the address brought the token."""
        if not host_allowed(request.host, self.served_names):
            # DNS rebinding: another site's name pointed at this machine reaches the server from a page
            # that site controls; the browser would then send it the cookie.
            self.refused(request, f"the address asks for host {safe_text(str(request.host), limit=80)!r}")
            return web.Response(status=421, text="Misdirected request: this server answers to its own address only.")
        from_address = request.query.get("token")
        from_cookie = request.cookies.get(self.cookie)
        token = self.config.token
        if not (token_matches(token, from_cookie) or token_matches(token, from_address)):
            wrong = bool(from_address or from_cookie)
            self.refused(request, "wrong token" if wrong else "no token")
            status = 403 if wrong else 401
            page = message_page("Wrong token" if wrong else "Token needed", WRONG_TOKEN if wrong else NO_TOKEN)
            return web.Response(status=status, text=page, content_type="text/html")
        response = await handler(request)
        if token_matches(token, from_address) and not token_matches(token, from_cookie) and not response.prepared:
            response.set_cookie(
                self.cookie,
                token,
                max_age=COOKIE_MAX_AGE,
                path="/",
                httponly=True,
                samesite="Strict",
                secure=self.secure_cookie,
            )
        return response

    @web.middleware
    async def _headers(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """Keep every answer to itself: no framing, no referrer (the address may hold the token); only the
        terminal's script, style sheet and fonts are kept by the browser (half a megabyte over a slow link)."""
        try:
            response = await handler(request)
        except web.HTTPException as error:  # 404, 405, the websocket's 400: answered from the exception
            self._add_security_headers(request, error.headers, error.status)
            raise
        if not response.prepared:
            self._add_security_headers(request, response.headers, response.status)
        return response

    @staticmethod
    def _add_security_headers(request: web.Request, headers: Any, status: int) -> None:
        """The headers every answer carries, an error's too."""
        headers["Content-Security-Policy"] = CONTENT_POLICY
        headers["Referrer-Policy"] = "no-referrer"
        headers["X-Content-Type-Options"] = "nosniff"
        headers["X-Frame-Options"] = "DENY"
        cached = request.path.startswith("/static/") and status == 200
        headers["Cache-Control"] = "private, max-age=86400" if cached else "no-store"

    def refused(self, request: web.Request, reason: str) -> None:
        """Log one line for a refused request: method, path (still percent-encoded, no query), peer, reason."""
        path = safe_text(request.rel_url.raw_path, limit=200)  # the client's text must not reach the terminal raw
        log.warning("refused %s %s from %s: %s", safe_text(request.method, 20), path, request.remote, reason)

    # ----- pages ----------------------------------------------------------------------------

    async def handle_page(self, request: web.Request) -> web.Response:
        """The page that opens a session, or the page that says every session is in use."""
        if self.pool.full:
            self.refused(request, f"all {self.config.max_sessions} sessions in use")
            page = message_page("All sessions in use", sessions_full_text(self.config.max_sessions))
            return web.Response(status=503, text=page, content_type="text/html", headers={"Retry-After": "30"})
        return web.Response(text=app_page(font_size(request.query.get("fontsize"))), content_type="text/html")

    async def handle_report(self, request: web.Request) -> web.Response:
        """The report for a physiotherapist, made now from history (on a thread: the sessions go on)."""
        if self.config.report is None:
            raise web.HTTPNotFound()
        try:
            page = await asyncio.to_thread(self.config.report)
        except ReportUnavailable as why:
            return web.Response(status=503, text=message_page("No report", str(why)), content_type="text/html")
        return web.Response(text=page, content_type="text/html")

    async def handle_script(self, request: web.Request) -> web.FileResponse:
        """Unknot's own script for the page."""
        return web.FileResponse(UNKNOT_STATIC / "unknot.js", headers={"Content-Type": "text/javascript"})

    # ----- sessions -------------------------------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        """Start one app process for this websocket (when its Origin is ours and there is room) and relay."""
        if not origin_allowed(request.headers.get("Origin"), request.host, self.config.public_url):
            self.refused(request, "the page is from another site (Origin)")
            return web.Response(status=403, text="Forbidden: another site's page cannot open a session.")
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE_BYTES)
        if not self.pool.reserve():
            await websocket.prepare(request)
            self.refused(request, f"all {self.config.max_sessions} sessions in use")
            await websocket.send_str(notice_message(sessions_full_text(self.config.max_sessions)))
            await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER)
            return websocket
        session: AppSession | None = None
        try:
            await websocket.prepare(request)
            width, height = clamp_size(request.query.get("width", "80"), request.query.get("height", "24"))
            session = self.session_factory(
                self.config.argv,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
            )
            self.pool.started(session)
            await session.start(width, height)
            self.sessions_started += 1
            log.info("session started for %s (%d of %d)", request.remote, self.pool.count, self.pool.limit)
            await self._relay(websocket, session, request.remote)
        except (asyncio.CancelledError, ConnectionError):
            pass
        finally:
            # Shielded: a handler cancelled because the browser went away still stops its app and frees its place.
            ending = asyncio.ensure_future(self._end_session(session, websocket, request.remote))
            self._endings.add(ending)
            ending.add_done_callback(self._endings.discard)
            await asyncio.shield(ending)
        return websocket

    async def _end_session(
        self, session: AppSession | None, websocket: web.WebSocketResponse, peer: str | None
    ) -> None:
        try:
            if session is not None:
                await session.stop()
                log.info("session ended for %s", peer)
        finally:
            self.pool.release(session)
            if not websocket.closed:
                with contextlib.suppress(ConnectionError, RuntimeError):
                    await websocket.close()

    async def _relay(self, websocket: web.WebSocketResponse, session: AppSession, peer: str | None = None) -> None:
        """Hand the browser's keys, size and focus to the app; ignore anything else.

        Each kind of bad input (nested too deep to parse safely, a terminal sequence the app's
        parser would choke on) is left out and logged once per session; the session goes on.
        """
        said: set[str] = set()
        budget = KeyBudget()

        def once(problem: str) -> None:
            if problem not in said:
                said.add(problem)
                log.warning("ignored input from %s: %s", peer, problem)

        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            if not json_depth_within(message.data):
                once("a message nested too deep")
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind = envelope[0]
            data = envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                keys, dropped = safe_keys(thin_motion(data))
                if dropped:
                    once("a malformed terminal sequence")
                encoded = keys.encode("utf-8", "replace")
                if not encoded:
                    continue
                if budget.take(len(encoded)):
                    await session.send_bytes(encoded)
                else:
                    once("more keys than anyone types (the rest of the flood is dropped)")
            elif kind == "resize" and isinstance(data, dict):
                await session.set_terminal_size(data.get("width", 80), data.get("height", 24))
            elif kind == "ping" and isinstance(data, str):
                await websocket.send_json(["pong", data[:32]])
            elif kind == "blur":
                await session.blur()
            elif kind == "focus":
                await session.focus()

    async def stop_sessions(self, reason: str) -> None:
        """Tell each browser why its session ends, then stop every app process (each saves first).

        The notice is the last thing each page hears: what an app sends while it saves is not passed on.
        """
        sessions = list(self.pool.sessions)
        for session in sessions:
            await session.end_page(reason)
        await self.pool.stop_all()
        for session in sessions:  # the page then shows the notice
            with contextlib.suppress(ConnectionError, RuntimeError):
                await session.remote_close()
        if self._endings:
            await asyncio.gather(*self._endings, return_exceptions=True)

    async def _on_shutdown(self, app: web.Application) -> None:
        await self.stop_sessions(STOPPED_NOTICE)
