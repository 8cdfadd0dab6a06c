"""Reading and writing Unknot's own small files safely: regular files only, bounded, private, atomic.

A settings file or cache entry can be replaced by anything with the same name: a FIFO (reading it
would wait forever), a link to `/dev/zero` (reading it would never end), a huge file. Reading
opens without blocking, checks that what was opened is a regular file, and reads at most a given
size. Writing goes to a private temporary file beside the target and is renamed over it, and the
temporary file is removed if anything fails.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path


class UnsafeFile(OSError):
    """The path names something other than a small regular file."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """Return the bytes of the regular file at `path`; raise FileNotFoundError, UnsafeFile or OSError."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile(f"{path} is not a regular file")
        if info.st_size > limit:
            raise UnsafeFile(f"{path} is larger than {limit} bytes")
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise UnsafeFile(f"{path} is larger than {limit} bytes")
    return data


def write_private_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically, readable by this user only; leave nothing behind on failure."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    import tempfile  # only writing needs it; reading stays quick to import

    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def move_aside(path: Path, label: str) -> Path:
    """Rename `path` to `NAME.LABEL-N` with the first N no file has; return the new path."""
    for number in range(1, 1000):
        aside = path.with_name(f"{path.name}.{label}-{number}")
        try:
            os.link(path, aside)  # fails if the name is taken: nothing is ever overwritten
        except FileExistsError:
            continue
        os.unlink(path)
        return aside
    raise FileExistsError(f"too many files named {path.name}.{label}-N already")
