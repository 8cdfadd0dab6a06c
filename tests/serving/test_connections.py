"""Connections before aiohttp: a cap per peer, and the request's headers within a time limit."""

from __future__ import annotations

import asyncio
import sys

import aiohttp
from aiohttp import web
from aiohttp.test_utils import unused_port

from unknot.serving.access import cookie_name, new_token
from unknot.serving.connections import ConnectionLimits, GuardedSite
from unknot.serving.server import ServeConfig, UnknotServer


async def _closed(reader: asyncio.StreamReader, within: float) -> bool:
    try:
        return await asyncio.wait_for(reader.read(), within) == b""
    except (TimeoutError, ConnectionError):
        return False


async def test_half_open_connections_are_closed_and_a_peer_holds_only_so_many() -> None:
    port = unused_port()
    server = UnknotServer(ServeConfig(token=new_token(), argv=[sys.executable, "-c", "pass"], port=port))
    runner = web.AppRunner(server.web_app(), **server.runner_options)
    await runner.setup()
    limits = ConnectionLimits(per_peer=4, header_seconds=0.5)
    await GuardedSite(runner, "127.0.0.1", port, limits).start()
    connections = []
    try:
        for _ in range(6):  # say nothing: half-open
            connections.append(await asyncio.open_connection("127.0.0.1", port))
        assert await _closed(connections[5][0], 2)  # over the cap: closed at once
        assert limits.refused == 2
        assert all([await _closed(reader, 3) for reader, _writer in connections[:4]])  # silent for too long
        assert limits.timed_out == 4 and not limits.open
        async with aiohttp.ClientSession() as client:  # an ordinary request still gets its answer
            cookie = {"Cookie": f"{cookie_name(port)}={server.config.token}"}
            async with client.get(f"http://127.0.0.1:{port}/", headers=cookie) as answer:
                assert answer.status == 200
    finally:
        for _reader, writer in connections:
            writer.close()
        await runner.cleanup()
