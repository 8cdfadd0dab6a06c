"""Connections before aiohttp: a cap per peer, and the request's headers within a time limit."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

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


async def test_tls_serves_the_page_over_https(tmp_path: Path) -> None:
    """--tls-cert and --tls-key: a secure page, on which a phone's browser may keep the screen awake."""
    import argparse
    import shutil
    import ssl
    import subprocess

    import pytest

    from unknot.cli.serve import tls_context

    if shutil.which("openssl") is None:
        pytest.skip("needs openssl (Debian's package) to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=localhost"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    context = tls_context(argparse.Namespace(tls_cert=cert, tls_key=key))
    assert isinstance(context, ssl.SSLContext)
    port = unused_port()
    server = UnknotServer(ServeConfig(token=new_token(), argv=[sys.executable, "-c", "pass"], port=port))
    runner = web.AppRunner(server.web_app(), **server.runner_options)
    await runner.setup()
    await GuardedSite(runner, "127.0.0.1", port, ConnectionLimits(), context).start()
    try:
        async with aiohttp.ClientSession() as client:
            cookie = {"Cookie": f"{cookie_name(port)}={server.config.token}"}
            async with client.get(f"https://127.0.0.1:{port}/", headers=cookie, ssl=False) as answer:
                assert answer.status == 200
    finally:
        await runner.cleanup()


def test_a_certificate_without_its_key_is_refused() -> None:
    import argparse
    from pathlib import Path

    import pytest

    from unknot.cli import UsageError
    from unknot.cli.serve import tls_context

    with pytest.raises(UsageError, match="go together"):
        tls_context(argparse.Namespace(tls_cert=Path("cert.pem"), tls_key=None))
    assert tls_context(argparse.Namespace(tls_cert=None, tls_key=None)) is None
