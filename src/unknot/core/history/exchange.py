"""Moving history between machines: `unknot history --csv` writes it, `unknot history import FILE` reads it back.

The CSV has a header row and the same fields as `unknot history --json` (`session_json`); `note`
is the last column, and a file without it (an export from before notes) still imports. Import
reads either form, the JSON array or the CSV, and checks every row on its own: a bad row is
reported by its place with what is wrong, and the good rows still go in (`HistoryStore.import_sessions`
adds them in one transaction, skipping any session history already has).

A session is the same session when its routine id and its start time (to the second, as the export
writes it) match, so importing a file twice adds nothing the second time.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TextIO

from ..routines.model import is_id
from ..routines.text import clean_text
from ..session.events import RATINGS, Outcome, SessionRecord
from .notes import MAX_NOTE_LENGTH, clean_note
from .report import HistoryRow, session_json

#: The columns of `--csv`, in the order of `--json`'s fields.
CSV_FIELDS = (
    "id",
    "routine_id",
    "title",
    "started_at",
    "ended_at",
    "active_seconds",
    "steps_done",
    "steps_skipped",
    "outcome",
    "resumable",
    "pain_before",
    "pain_after",
    "rating",
    "note",
)
#: The text columns a person wrote or a file named, which a spreadsheet could take for a formula.
CSV_TEXT_FIELDS = ("title", "note")
#: What a spreadsheet reads as the start of a formula (OWASP's list), and the quote that marks text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
#: Columns an older export may lack: the note came later (an export without it still imports).
OPTIONAL_FIELDS = ("id", "resumable", "rating", "note")
#: An import file larger than this is refused whole (a year of ten sessions a day is about 2 MB of JSON).
MAX_IMPORT_BYTES = 64 * 1024 * 1024
MAX_TITLE_LENGTH = 200
#: Plausible sessions: none before 2000-01-01 (UTC), none starting more than a day ahead of the clock
#: (time zones and a clock set slightly wrong), none longer than a day.
EARLIEST_SESSION = 946_684_800.0
FUTURE_SLACK_SECONDS = 24 * 60 * 60
LONGEST_SESSION_SECONDS = 24 * 60 * 60
#: Outcomes a stored session can have; a session still being played elsewhere is not imported.
_STORED_OUTCOMES = {outcome.value for outcome in Outcome}


def sessions_csv(rows: Iterable[HistoryRow]) -> str:
    """Return the rows as CSV text with a header row (empty cells for unknown values)."""
    out = io.StringIO()
    write_sessions_csv(rows, out)
    return out.getvalue()


def write_sessions_json(rows: Iterable[HistoryRow], out: TextIO) -> None:
    """Write the rows as `unknot history --json` does (an indented array), one row at a time."""
    first = True
    for row in rows:
        text = json.dumps(session_json(row), indent=2, ensure_ascii=False).replace("\n", "\n  ")
        out.write(("[\n  " if first else ",\n  ") + text)
        first = False
    out.write("[]\n" if first else "\n]\n")


def write_sessions_csv(rows: Iterable[HistoryRow], out: TextIO) -> None:
    """Write the rows as CSV with a header row (empty cells for unknown values), one row at a time."""
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        values = session_json(row)
        cells = {
            name: "" if value is None else str(value).lower() if isinstance(value, bool) else value
            for name, value in values.items()
        }
        for name in CSV_TEXT_FIELDS:
            cells[name] = text_cell(cells[name])
        writer.writerow(cells)


def text_cell(text: str) -> str:
    """Return text for a CSV cell that no spreadsheet runs: a leading `'` before what starts a formula.

    A text that already starts with `'` gets one more, so that `read_text_cell` gives every text back.
    """
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def read_text_cell(cell: str) -> str:
    """Return the text `text_cell` was given."""
    return cell[1:] if cell.startswith("'") else cell


@dataclass(frozen=True)
class BadRow:
    """One row of an import file that cannot be added, and why."""

    place: str
    """Where it is: `row 3` (counted from 0, as in the JSON array) or `line 5` of a CSV file."""
    reason: str

    def __str__(self) -> str:
        return f"{self.place}: {self.reason}"


@dataclass(frozen=True)
class ImportFile:
    """What an import file holds: the sessions that can be added, and the rows that cannot."""

    sessions: list[SessionRecord]
    bad: list[BadRow]
    skipped: list[BadRow]
    """Rows left out on purpose (a session still being played): said, but not an error."""


class UnreadableFile(ValueError):
    """The file as a whole is neither a JSON array of sessions nor a CSV export."""


def read_import(text: str) -> ImportFile:
    """Return the sessions in `text` (the `--json` array or the `--csv` table) and every bad row."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("["):
        try:
            data = json.loads(stripped)
        except (ValueError, RecursionError) as error:
            raise UnreadableFile(f"not valid JSON ({clean_text(str(error).splitlines()[0])[:120]})") from None
        if not isinstance(data, list):
            raise UnreadableFile("expected a JSON array of sessions, as `unknot history --json` writes")
        rows: Iterable[tuple[str, object]] = ((f"row {index}", item) for index, item in enumerate(data))
    elif stripped.startswith(("{", '"')):
        raise UnreadableFile("expected a JSON array of sessions, as `unknot history --json` writes")
    else:
        rows = _csv_rows(stripped)
    sessions: list[SessionRecord] = []
    bad: list[BadRow] = []
    skipped: list[BadRow] = []
    for place, item in rows:
        try:
            record = session_from_row(item)
        except _Skipped as reason:
            skipped.append(BadRow(place, str(reason)))
        except ValueError as reason:
            bad.append(BadRow(place, str(reason)))
        else:
            sessions.append(record)
    return ImportFile(sessions, bad, skipped)


def _csv_rows(text: str) -> Iterable[tuple[str, object]]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise UnreadableFile("empty, or not a CSV export of `unknot history --csv`") from None
    missing = [name for name in CSV_FIELDS if name not in header and name not in OPTIONAL_FIELDS]
    if missing:
        raise UnreadableFile(
            "neither a JSON array nor a CSV export of `unknot history`: the header lacks "
            + ", ".join(clean_text(name) for name in missing)
        )
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield f"line {line}", _CsvProblem(clean_text(str(error)))
            return
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            yield f"line {reader.line_num}", _CsvProblem(f"{len(cells)} cells where the header has {len(header)}")
            continue
        yield f"line {reader.line_num}", _from_csv(dict(zip(header, cells, strict=True)))


@dataclass(frozen=True)
class _CsvProblem:
    reason: str


class _Skipped(ValueError):
    """A row left out on purpose."""


def _from_csv(cells: Mapping[str, str]) -> dict[str, object]:
    """Give CSV cells the types the JSON form has, so one check serves both."""
    typed: dict[str, object] = dict(cells)
    for name in CSV_TEXT_FIELDS:
        if name in cells:
            typed[name] = read_text_cell(cells[name])
    typed["active_seconds"] = _number(cells.get("active_seconds", ""), float)
    for name in ("steps_done", "steps_skipped", "pain_before", "pain_after"):
        typed[name] = _number(cells.get(name, ""), int)
    typed["resumable"] = cells.get("resumable", "").strip().lower() == "true"
    typed["rating"] = cells.get("rating", "").strip() or None
    return typed


def _number(cell: str, kind: type[int] | type[float]) -> object:
    cell = cell.strip()
    if cell == "":
        return None
    try:
        return kind(cell)
    except ValueError:
        return cell  # left as text: the check says it is not a number, and names the field


def session_from_row(item: object, now: float | None = None) -> SessionRecord:
    """Return the session one exported row describes; ValueError says what is wrong with it.

    `now` (the wall clock unless given) bounds how far in the future a start may be.
    """
    if isinstance(item, _CsvProblem):
        raise ValueError(item.reason)
    if not isinstance(item, dict):
        raise ValueError(f"expected an object with the fields of `unknot history --json`, not {_kind(item)}")
    outcome = _text(item, "outcome")
    if outcome == "in-progress":
        raise _Skipped("still being played when it was exported; import again once it has ended")
    if outcome not in _STORED_OUTCOMES:
        choices = ", ".join(sorted(_STORED_OUTCOMES))
        raise ValueError(f"outcome must be one of {choices}, not {clean_text(outcome)[:40]!r}")
    routine_id = _text(item, "routine_id")
    if not is_id(routine_id):
        shown = clean_text(routine_id)[:40]
        raise ValueError(f"routine_id must be lower-case letters, digits and dashes, not {shown!r}")
    title = clean_text(_text(item, "title")).strip()
    if not title or len(title) > MAX_TITLE_LENGTH:
        raise ValueError(f"title must be 1 to {MAX_TITLE_LENGTH} characters")
    started = _time(item, "started_at")
    ended = _time(item, "ended_at")
    if ended < started:
        raise ValueError("ended_at is before started_at")
    if started < EARLIEST_SESSION:
        raise ValueError("started_at is before 2000: not a session Unknot recorded")
    if started > (time.time() if now is None else now) + FUTURE_SLACK_SECONDS:
        raise ValueError("started_at is in the future")
    if ended - started > LONGEST_SESSION_SECONDS:
        raise ValueError("the session is longer than a day: ended_at or started_at is wrong")
    active = item.get("active_seconds")
    if isinstance(active, bool) or not isinstance(active, int | float) or not 0 <= active <= ended - started + 1:
        raise ValueError("active_seconds must be a number from 0 to the time between started_at and ended_at")
    return SessionRecord(
        routine_id=routine_id,
        title=title,
        started_at=started,
        ended_at=ended,
        active_seconds=float(active),
        steps_done=_count(item, "steps_done"),
        steps_skipped=_count(item, "steps_skipped"),
        outcome=Outcome(outcome),
        pain_before=_pain(item, "pain_before"),
        pain_after=_pain(item, "pain_after"),
        rating=_rating(item),
        note=_note(item),
    )


def _rating(item: Mapping[str, Any]) -> str | None:
    """The optional rating of a plan session (exports made before plans have none)."""
    rating = item.get("rating")
    if rating is None:
        return None
    if rating not in RATINGS:
        shown = clean_text(str(rating))[:40]
        raise ValueError(f"rating must be one of {', '.join(RATINGS)} or empty, not {shown!r}")
    return str(rating)


def _kind(value: object) -> str:
    return {list: "a list", str: "text", type(None): "null", bool: "true/false"}.get(type(value), "a number")


def _text(item: Mapping[str, Any], name: str) -> str:
    value = item.get(name)
    if not isinstance(value, str):
        raise ValueError(f"{name} is missing" if value is None else f"{name} must be text, not {_kind(value)}")
    return value


def _time(item: Mapping[str, Any], name: str) -> float:
    value = _text(item, name)
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{name} must be a time like 2026-03-01T18:30:00Z, not {clean_text(value)[:40]!r}") from None
    if moment.tzinfo is None:
        raise ValueError(f"{name} must say its time zone (the export writes UTC, ending in Z)")
    seconds = moment.timestamp()
    if not 0 < seconds < 2**33:
        raise ValueError(f"{name} is not a plausible date")
    return seconds


def _count(item: Mapping[str, Any], name: str) -> int:
    value = item.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000:
        raise ValueError(f"{name} must be a whole number from 0 to 10000")
    return value


def _note(item: Mapping[str, Any]) -> str | None:
    value = item.get("note")
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"note must be text, not {_kind(value)}")
    if len(" ".join(value.split())) > MAX_NOTE_LENGTH:
        raise ValueError(f"note must be at most {MAX_NOTE_LENGTH} characters")
    return clean_note(value)


def _pain(item: Mapping[str, Any], name: str) -> int | None:
    value = item.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValueError(f"{name} must be empty or a whole number from 0 to 10")
    return value
