"""Located problems found while loading routines: errors and notices with a place."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from .text import clean_line, shown_path


class Severity(StrEnum):
    """Whether a problem stopped a file from loading or is only worth knowing."""

    ERROR = "error"
    NOTICE = "notice"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth noting) in a routine file, at a line and column."""

    path: Path
    message: str
    line: int = 1
    column: int = 1
    field: str = ""
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        """Return `file:line:col: field: message`, safe to print: file names and messages are cleaned here,
        the one place problems are formatted, so no name can reach a terminal as an escape sequence."""
        where = f"{shown_path(self.path)}:{self.line}:{self.column}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return clean_line(text)


def format_field(path: tuple[str | int, ...]) -> str:
    """Return a document path as authors read it: `steps[2].duration`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
