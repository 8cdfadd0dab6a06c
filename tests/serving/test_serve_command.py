"""`unknot serve` as a person runs it: the address printed, the real app in a session, Ctrl+C."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest
from aiohttp import WSMsgType
from aiohttp.test_utils import unused_port

from unknot.cli import main

pytestmark = [pytest.mark.e2e]


def test_help_names_every_option(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    text = capsys.readouterr().out
    for option in ("--host", "--port", "--public-url", "--max-sessions", "--token-file", "--no-qr", "--floor"):
        assert option in text


@pytest.mark.parametrize(
    ("arguments", "problem"),
    [
        (["--port", "0"], "not a port"),
        (["--port", "70000"], "not a port"),
        (["--max-sessions", "0"], "at least 1"),
        (["--public-url", "ftp://x"], "not an http"),
        (["--public-url", "https://x/?a=1"], "not an http"),
    ],
)
def test_bad_options_are_refused(capsys, arguments: list[str], problem: str) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["serve", *arguments])
    assert exit.value.code == 2
    assert problem in capsys.readouterr().err


def test_a_token_file_others_can_read_stops_the_server_before_it_starts(tmp_path: Path, capsys) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("x" * 43)
    token_file.chmod(0o644)
    assert main(["serve", "--token-file", str(token_file)]) == 2
    assert "chmod 600" in capsys.readouterr().err


def test_serve_is_not_on_the_launch_path_of_other_commands() -> None:
    code = (
        "import sys; from unknot.cli import main; main(['list']); "
        "print(','.join(m for m in ('aiohttp', 'textual_serve', 'segno', 'unknot.serving') if m in sys.modules), "
        "file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert not any(name in done.stderr for name in ("aiohttp", "textual_serve", "segno", "unknot.serving"))


async def test_ctrl_c_stops_the_server_after_each_session_saved_its_place(tmp_path: Path) -> None:
    port = unused_port()
    environment = {
        **os.environ,
        "UNKNOT_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    server = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "unknot", "serve", "--port", str(port), "--no-qr",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env=environment,
    )  # fmt: skip
    try:
        assert server.stdout is not None and server.stderr is not None
        address = None
        while address is None:
            line = (await asyncio.wait_for(server.stdout.readline(), 30)).decode()
            assert line, "the server exited before printing its address"
            if match := re.search(r"http://\S+token=(\S+)", line):
                address, token = match.group(0), match.group(1)
        origin = f"http://127.0.0.1:{port}"
        headers = {"Origin": origin, "Cookie": f"unknot_token_{port}={token}"}
        async with aiohttp.ClientSession() as client:
            page = await client.get(address)
            assert page.status == 200
            async with client.ws_connect(f"{origin}/ws?width=100&height=30", headers=headers) as socket:
                screen = b""

                async def read_until(wanted: bytes) -> None:
                    nonlocal screen
                    while wanted not in screen:
                        message = await asyncio.wait_for(socket.receive(), 30)
                        assert message.type in (WSMsgType.BINARY, WSMsgType.TEXT), message
                        if message.type == WSMsgType.BINARY:
                            screen += message.data

                await read_until(b"min")  # the routine list is drawn
                # Play the first routine; skip the pain question.
                await socket.send_str(json.dumps(["stdin", "\r"]))
                await read_until(b"How is your back")
                screen = b""
                await socket.send_str(json.dumps(["stdin", "\x1b"]))
                await read_until(b"Step 1 of")
                await asyncio.sleep(1.5)  # play a moment
                stopped_at = time.time()
                server.send_signal(signal.SIGINT)
                out, err = await asyncio.wait_for(server.communicate(), 30)
        assert server.returncode == 0
        assert b"Stopping: 1 session saving their place" in out and b"Stopped." in out
        assert token.encode() not in err
        with sqlite3.connect(tmp_path / "data" / "history.sqlite3") as database:
            rows = database.execute("SELECT updated_at FROM checkpoints").fetchall()
        assert len(rows) == 1  # the session is offered for resume on the next start
        assert rows[0][0] >= stopped_at - 0.2  # saved as the app quit, not only when the step began
    finally:
        if server.returncode is None:
            server.kill()
            await server.wait()
