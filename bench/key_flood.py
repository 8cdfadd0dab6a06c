"""Memory of a served session under a key flood: the app process and the server, with the key budget
(serving/inbound.py) and, as the peer measured in the same run, with the budget lifted.

One websocket sends MEGABYTES of `j` keys in 60 KB messages as fast as it can, while reading
nothing; the peak resident memory of the app process and of this process (the server) is sampled
from /proc every 50 ms for SECONDS after the flood began. The peer's app is stopped once it passes
1.5 GB, so the machine survives the comparison.

Run: python bench/key_flood.py [MEGABYTES] [SECONDS]   (prints JSON; Linux only)
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
from aiohttp import web
from aiohttp.test_utils import unused_port

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pty_harness import BENCH_HOME, PtyRecorder

from unknot.serving import inbound
from unknot.serving.access import cookie_name, new_token
from unknot.serving.server import ServeConfig, UnknotServer

PEER_CEILING_KB = 1_500_000


def rss_kb(pid: int) -> int:
    """Resident memory of a process in KB (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


async def flood(unknot: str, megabytes: float, seconds: float) -> dict[str, float]:
    """Serve the app, flood one session with keys, and return the peak memory of app and server (MB)."""
    PtyRecorder.write_bench_settings()
    os.environ.update(
        XDG_CONFIG_HOME=f"{BENCH_HOME}/config",
        XDG_CACHE_HOME=f"{BENCH_HOME}/cache",
        UNKNOT_DATA_DIR=tempfile.mkdtemp(prefix="unknot-bench-data-"),
    )
    port = unused_port()
    token = new_token()
    server = UnknotServer(ServeConfig(token=token, argv=[unknot], port=port, max_sessions=1))
    runner = web.AppRunner(server.web_app(), **server.runner_options)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    peaks = {"app": 0, "server": 0}
    try:
        headers = {"Origin": f"http://127.0.0.1:{port}", "Cookie": f"{cookie_name(port)}={token}"}
        async with (
            aiohttp.ClientSession() as client,
            client.ws_connect(f"http://127.0.0.1:{port}/ws?width=80&height=24", headers=headers) as socket,
        ):
            while not server.pool.sessions:
                await asyncio.sleep(0.05)
            await asyncio.sleep(2)  # the app is up and drawn
            (session,) = server.pool.sessions
            pid = session._process.pid if session._process is not None else 0
            chunk = json.dumps(["stdin", "j" * 60_000])

            async def send() -> None:
                for _ in range(int(megabytes * 1_000_000 / 60_000)):
                    await socket.send_str(chunk)

            sender = asyncio.create_task(send())
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                peaks["app"] = max(peaks["app"], rss_kb(pid))
                peaks["server"] = max(peaks["server"], rss_kb(os.getpid()))
                if peaks["app"] > PEER_CEILING_KB:
                    break
                await asyncio.sleep(0.05)
            sender.cancel()
    finally:
        await server.stop_sessions("benchmark over")
        await runner.cleanup()
    return {"app_mb": round(peaks["app"] / 1024, 1), "server_mb": round(peaks["server"] / 1024, 1)}


def measure(unknot: str, megabytes: float = 5.0, seconds: float = 20.0) -> dict[str, object]:
    """Peak memory under the flood with the key budget, and with it lifted (the peer)."""
    ours = asyncio.run(flood(unknot, megabytes, seconds))
    budget = (inbound.KEY_BURST_BYTES, inbound.KEY_BYTES_PER_SECOND)
    inbound.KeyBudget.__init__.__defaults__ = (time.monotonic, 10**12, 10**12)  # the peer: no budget
    try:
        peer = asyncio.run(flood(unknot, megabytes, seconds))
    finally:
        inbound.KeyBudget.__init__.__defaults__ = (time.monotonic, *budget)
    return {"megabytes": megabytes, "seconds": seconds, "with_budget": ours, "without_budget": peer}


def main() -> None:
    """Print the figures as JSON."""
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 20.0
    print(json.dumps(measure(shutil.which("unknot") or "unknot", megabytes, seconds)))


if __name__ == "__main__":
    main()
