"""Connections before aiohttp sees them: at most a few per peer, and the request's headers within a
time limit, so that a thousand half-open connections cannot be held for ever.
"""

from __future__ import annotations

import asyncio
import ssl
from collections import Counter
from collections.abc import Callable
from typing import Any

from aiohttp import web

#: Connections one address may hold at once: a phone's tabs, its websocket and the page's files.
MAX_CONNECTIONS_PER_PEER = 16
#: How long a connection may take to send its request's headers.
HEADER_SECONDS = 10.0


class ConnectionLimits:
    """What the connections of one server may do, and how many each peer holds now."""

    def __init__(self, per_peer: int = MAX_CONNECTIONS_PER_PEER, header_seconds: float = HEADER_SECONDS) -> None:
        self.per_peer = per_peer
        self.header_seconds = header_seconds
        self.open: Counter[str] = Counter()
        self.refused = 0
        """Connections closed at once because their peer held too many."""
        self.timed_out = 0
        """Connections closed because their headers did not come in time."""


class GuardedProtocol(asyncio.Protocol):
    """Stands before aiohttp's request handler: refuses a peer over its limit, closes a connection
    whose first request's headers do not arrive in time, and passes everything else on."""

    def __init__(self, inner: asyncio.Protocol, limits: ConnectionLimits) -> None:
        self.inner = inner
        self.limits = limits
        self.peer = ""
        self.passed = False
        self._timer: asyncio.TimerHandle | None = None
        self._seen = b""
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        """Count the peer's connection, or close it when the peer holds too many."""
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport
        peername = transport.get_extra_info("peername")
        self.peer = str(peername[0]) if isinstance(peername, tuple) and peername else "?"
        if self.limits.open[self.peer] >= self.limits.per_peer:
            self.limits.refused += 1
            transport.abort()
            return
        self.limits.open[self.peer] += 1
        self.passed = True
        self._timer = asyncio.get_running_loop().call_later(self.limits.header_seconds, self._too_slow)
        self.inner.connection_made(transport)

    def _too_slow(self) -> None:
        self.limits.timed_out += 1
        if self._transport is not None:
            self._transport.abort()

    def data_received(self, data: bytes) -> None:
        """Pass the bytes on; the end of the first request's headers stops the clock."""
        if self._timer is not None:
            self._seen = (self._seen + data)[-4096:]
            if b"\r\n\r\n" in self._seen or b"\n\n" in self._seen:
                self._timer.cancel()
                self._timer = None
                self._seen = b""
        self.inner.data_received(data)

    def eof_received(self) -> bool | None:
        """Pass the end of input on."""
        return self.inner.eof_received() if self.passed else None

    def connection_lost(self, exc: Exception | None) -> None:
        """Free the peer's place and tell aiohttp."""
        if self._timer is not None:
            self._timer.cancel()
        if self.passed:
            self.limits.open[self.peer] -= 1
            if self.limits.open[self.peer] <= 0:
                del self.limits.open[self.peer]
            self.inner.connection_lost(exc)

    def pause_writing(self) -> None:
        """Pass flow control on."""
        self.inner.pause_writing()

    def resume_writing(self) -> None:
        """Pass flow control on."""
        self.inner.resume_writing()


def guarded(factory: Callable[[], Any], limits: ConnectionLimits) -> Callable[[], GuardedProtocol]:
    """Return a protocol factory for `loop.create_server` that guards each of `factory`'s protocols."""
    return lambda: GuardedProtocol(factory(), limits)


class GuardedSite(web.TCPSite):
    """aiohttp's TCP site with every connection guarded by `limits` (see GuardedProtocol)."""

    def __init__(
        self,
        runner: web.BaseRunner,
        host: str,
        port: int,
        limits: ConnectionLimits,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        super().__init__(runner, host, port, ssl_context=tls)
        self.guarded_runner = runner
        self.limits = limits
        self.address = (host, port)
        self.tls = tls

    async def start(self) -> None:
        """Listen, as TCPSite does, with the guard in front of aiohttp's handler."""
        await web.BaseSite.start(self)
        handler = self.guarded_runner.server
        assert handler is not None
        loop = asyncio.get_running_loop()
        # TCPSite keeps its listening server in `_server`, which `stop()` closes.
        self._server = await loop.create_server(guarded(handler, self.limits), *self.address, ssl=self.tls)
