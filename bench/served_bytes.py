"""Bytes per second over `unknot serve`'s websocket during a hold, beside the same app's pty figure.

The served app runs exactly as `unknot serve` runs it (textual-serve's web driver, one process per
websocket), started on the hold routine; the figure is the payload of the binary frames the browser
receives. The peer is the same command in an 80×24 (or given) pseudo-terminal, measured in the same run.

Run: python bench/served_bytes.py [SECONDS]   (prints JSON)
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
from aiohttp import WSMsgType, web
from aiohttp.test_utils import unused_port

sys.path.insert(0, str(Path(__file__).resolve().parent))
import repaint_bytes
from pty_harness import BENCH_HOME, PtyRecorder

from unknot.serving.access import cookie_name, new_token
from unknot.serving.server import ServeConfig, UnknotServer

#: (columns, rows, floor view): a laptop's browser tab, and a phone in portrait beside the mat.
SIZES = ((80, 24, False), (80, 24, True), (40, 30, True))


async def served_bytes(
    argv: list[str], columns: int, rows: int, seconds: float, settle: float = 3.0
) -> dict[str, float]:
    """Serve `argv`, open one session at the given size, and count what reaches the browser per second."""
    PtyRecorder.write_bench_settings()
    previous = {name: os.environ.get(name) for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "UNKNOT_DATA_DIR")}
    os.environ.update(
        XDG_CONFIG_HOME=f"{BENCH_HOME}/config",
        XDG_CACHE_HOME=f"{BENCH_HOME}/cache",
        UNKNOT_DATA_DIR=tempfile.mkdtemp(prefix="unknot-bench-data-"),
    )
    port = unused_port()
    token = new_token()
    server = UnknotServer(ServeConfig(token=token, argv=argv, port=port, max_sessions=1))
    runner = web.AppRunner(server.web_app(), **server.runner_options)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    frames: list[tuple[float, int]] = []
    try:
        headers = {"Origin": f"http://127.0.0.1:{port}", "Cookie": f"{cookie_name(port)}={token}"}
        async with (
            aiohttp.ClientSession() as client,
            client.ws_connect(f"http://127.0.0.1:{port}/ws?width={columns}&height={rows}", headers=headers) as socket,
        ):

            async def receive() -> None:
                async for message in socket:
                    if message.type == WSMsgType.BINARY:
                        frames.append((time.monotonic(), len(message.data)))

            reader = asyncio.create_task(receive())
            await asyncio.sleep(settle)
            start = time.monotonic()
            await asyncio.sleep(seconds)
            end = time.monotonic()
            reader.cancel()
    finally:
        await server.stop_sessions("benchmark over")
        await runner.cleanup()
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    window = [size for at, size in frames if start <= at < end]
    return {
        "bytes_per_second": round(sum(window) / (end - start), 1),
        "frames_per_second": round(len(window) / (end - start), 2),
    }


def measure(unknot: str, seconds: float) -> dict[str, object]:
    """Return, for each size and view, the websocket's bytes per second beside the pty's."""
    folder = Path(tempfile.mkdtemp())
    (folder / "bench-hold.yaml").write_text(repaint_bytes.HOLD_ROUTINE)
    rows_out: list[dict[str, object]] = []
    for columns, rows, floor in SIZES:
        play = [unknot, "--routines", str(folder), "play", "bench-hold", *(["--floor"] if floor else [])]
        rows_out.append(
            {
                "size": f"{columns}x{rows}",
                "view": "floor view" if floor else "player",
                "websocket": asyncio.run(served_bytes(play, columns, rows, seconds)),
                "pty": repaint_bytes.measure(play, columns, rows, seconds),
            }
        )
    return {"seconds": seconds, "rows": rows_out}


def main() -> None:
    """Print the figures as JSON."""
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 20.0
    print(json.dumps(measure(shutil.which("unknot") or "unknot", seconds)))


if __name__ == "__main__":
    main()
