"""A served app whose server is gone ends, saving its place: it never plays on for nobody.

The app is started as textual-serve starts it (its web driver, pipes for stdin and stdout); closing
its stdin is what a server killed with SIGKILL leaves behind.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from unknot.core.paths import DATABASE_NAME


def test_a_served_app_ends_when_its_server_is_gone_and_saves_its_place_as_interrupted(tmp_path: Path) -> None:
    config = tmp_path / "config" / "unknot"
    config.mkdir(parents=True)
    (config / "settings.json").write_text(json.dumps({"ask_pain": False}))
    data = tmp_path / "data"
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
        "COLUMNS": "80",
        "ROWS": "24",
    }
    app = subprocess.Popen(
        [sys.executable, "-m", "unknot", "play", "floor-stretches", "--data-dir", str(data)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    received = bytearray()

    def read() -> None:
        assert app.stdout is not None
        for chunk in iter(lambda: os.read(app.stdout.fileno(), 65536), b""):  # type: ignore[union-attr]
            received.extend(chunk)

    threading.Thread(target=read, daemon=True).start()
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and b"Step" not in received and b"READY" not in received:
            time.sleep(0.05)
        assert b"__GANGLION__" in received
        checkpoints = data / DATABASE_NAME
        while time.monotonic() < deadline and not _count(checkpoints, "SELECT count(*) FROM checkpoints"):
            time.sleep(0.1)  # the session is playing and has saved its place once
        assert app.stdin is not None
        app.stdin.close()  # the server is gone
        assert app.wait(timeout=15) is not None
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert _count(checkpoints, "SELECT count(*) FROM checkpoints") == 1  # offered for resume next time
    assert _count(checkpoints, "SELECT count(*) FROM sessions WHERE outcome = 'completed'") == 0


def _count(database: Path, query: str) -> int:
    if not database.exists():
        return 0
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        try:
            return int(connection.execute(query).fetchone()[0])
        except sqlite3.OperationalError:
            return 0
