"""Sessions that could not be written to the database, kept in a small file until they can be.

When the database is full, locked, read-only, damaged or gone, a finished session is appended
as one JSON line to `unsaved-sessions.jsonl` in the first of these folders that takes it: the
history folder, then the cache folder (often on another filesystem, or at least a different
quota). The next time history opens it adds them (a session already there, same routine and
start time, is not added twice) and removes the file. Nothing here ever overwrites a line:
appends are single writes, and a merge renames the file first, so a session appended by
another process while the merge runs lands in a new file, not in the one being removed.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from pathlib import Path

from ..session.events import RATINGS, Outcome, SessionRecord
from .notes import clean_note

JOURNAL_NAME = "unsaved-sessions.jsonl"
#: A journal larger than this is not read whole (it would be thousands of sessions: something is wrong).
MAX_JOURNAL_BYTES = 4 * 1024 * 1024


def record_line(record: SessionRecord) -> bytes:
    """Return one session as a JSON line."""
    data = asdict(record)
    data["outcome"] = record.outcome.value
    data.pop("id", None)
    return (json.dumps(data, ensure_ascii=True, separators=(",", ":")) + "\n").encode()


def parse_line(line: bytes) -> SessionRecord | None:
    """Return the session on one journal line, or None when the line is not one (a torn write)."""
    try:
        data = json.loads(line)
        return SessionRecord(
            routine_id=str(data["routine_id"]),
            title=str(data["title"]),
            started_at=float(data["started_at"]),
            ended_at=float(data["ended_at"]),
            active_seconds=float(data["active_seconds"]),
            steps_done=int(data["steps_done"]),
            steps_skipped=int(data["steps_skipped"]),
            outcome=Outcome(data["outcome"]),
            pain_before=None if data.get("pain_before") is None else int(data["pain_before"]),
            pain_after=None if data.get("pain_after") is None else int(data["pain_after"]),
            note=clean_note(data["note"]) if isinstance(data.get("note"), str) else None,
            rating=data.get("rating") if data.get("rating") in RATINGS else None,
        )
    except (ValueError, KeyError, TypeError):
        return None


class Journal:
    """Appends sessions that could not be stored, and hands them back for merging."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.paths = [folder / JOURNAL_NAME for folder in folders]

    def keep(self, record: SessionRecord) -> Path | None:
        """Append `record` to the first journal that takes it; return where it went, or None if none did."""
        line = record_line(record)
        for path in self.paths:
            try:
                path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o600)
                try:
                    written = os.write(descriptor, line)
                    os.fsync(descriptor)
                finally:
                    os.close(descriptor)
            except OSError:
                continue
            if written == len(line):
                return path
        return None

    def pending(self) -> bool:
        """Whether any journal holds sessions (cheap: one stat per folder)."""
        return any(path.is_file() and path.stat().st_size > 0 for path in self.paths if path.exists())

    def take(self) -> tuple[list[SessionRecord], list[Path]]:
        """Move every journal aside for merging; return its sessions and the moved files.

        The caller removes the files with `done` once the sessions are safely stored, or puts
        them back with `give_back` when storing failed.
        """
        records: list[SessionRecord] = []
        taken: list[Path] = []
        for path in self.paths:
            merging = path.with_name(f"{path.name}.merging-{os.getpid()}")
            with contextlib.suppress(OSError):
                os.replace(path, merging)
            # Also any left by a merge that was cut off (duplicates are not stored twice).
            with contextlib.suppress(OSError):
                taken += sorted(path.parent.glob(f"{JOURNAL_NAME}.merging-*"))
        for path in taken:
            records += self._read(path)
        return records, taken

    @staticmethod
    def _read(path: Path) -> list[SessionRecord]:
        try:
            with path.open("rb") as stream:
                raw = stream.read(MAX_JOURNAL_BYTES)
        except OSError:
            return []
        return [record for line in raw.splitlines() if line.strip() and (record := parse_line(line)) is not None]

    @staticmethod
    def done(taken: Iterable[Path]) -> None:
        """Remove journals whose sessions are now stored."""
        for path in taken:
            with contextlib.suppress(OSError):
                path.unlink()

    def give_back(self, taken: Iterable[Path]) -> None:
        """Append the sessions of journals that could not be merged back where they came from."""
        for path in taken:
            original = path.with_name(JOURNAL_NAME)
            try:
                with path.open("rb") as source:
                    data = source.read(MAX_JOURNAL_BYTES)
                descriptor = os.open(original, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o600)
                try:
                    os.write(descriptor, data)
                finally:
                    os.close(descriptor)
                path.unlink()
            except OSError:
                continue  # the .merging file stays: it is read again at the next start
