"""Located problems found while loading routines: errors and notices with a place."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


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
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


def format_field(path: tuple[str | int, ...]) -> str:
    """Return a document path as authors read it: `steps[2].duration`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
