"""A stand-in for the app behind `unknot serve`: speaks textual-serve's packets, starts in milliseconds.

It says hello, sends one frame naming its size and a page title, and on the server's `quit` sends
another title and frame, writes "saved" to the file named by FAKE_APP_SAVED (as the real app saves
its checkpoint) and exits.
"""

import json
import os
import sys

from unknot.core.page_messages import PageMessage


def packet(kind: bytes, payload: bytes) -> bytes:
    return kind + len(payload).to_bytes(4, "big") + payload


def main() -> None:
    out = sys.stdout.buffer
    out.write(b"__GANGLION__\n")
    size = f"size {os.environ.get('COLUMNS')}x{os.environ.get('ROWS')} TERM={os.environ.get('TERM')}".encode()
    size += f" TMUX={os.environ.get('TMUX')} data={os.environ.get('UNKNOT_DATA_DIR')}".encode()
    out.write(packet(b"D", size))
    title = {"type": PageMessage.TITLE, "title": "Cat\x1b]0;evil\x07 cow · Unknot"}  # as written: the server cleans it
    out.write(packet(b"M", json.dumps(title).encode()))
    out.flush()
    stdin = sys.stdin.buffer
    while True:
        header = stdin.read(5)
        if len(header) < 5:
            return
        payload = stdin.read(int.from_bytes(header[1:], "big"))
        if header[:1] == b"M":
            meta = json.loads(payload)
            if meta.get("type") == "quit":
                # As the real app may while it saves: a new title, a last frame.
                out.write(packet(b"M", json.dumps({"type": PageMessage.TITLE, "title": "Unknot"}).encode()))
                out.write(packet(b"D", b"saving"))
                out.flush()
                with open(os.environ["FAKE_APP_SAVED"], "w") as saved:
                    saved.write("saved")
                return
            if meta.get("type") == "resize":
                out.write(packet(b"D", f"size {meta['width']}x{meta['height']}".encode()))
                out.flush()
        else:
            out.write(packet(b"D", b"echo " + payload))
            out.flush()


main()
