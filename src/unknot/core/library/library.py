"""The loaded library: valid routines by id, shared diagrams, and the problems met loading them."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from ..routines.model import Diagram, DiagramRef, Routine, decode_hook
from ..routines.problems import Problem, Severity
from ..standings import missing_kit
from .card import RoutineCard, routine_card

if TYPE_CHECKING:
    from ..routines.timeline import Timeline
    from ..standings import Limits


class LibraryEntry:
    """A valid routine and where it came from.

    An entry read from the compiled library copy holds the routine still encoded, with its card:
    the list, the filter and the order use the card, and the routine is decoded on first use.
    """

    def __init__(self, routine: Routine, path: Path) -> None:
        self._routine: Routine | None = routine
        self._encoded: bytes | None = None
        self._diagrams: Mapping[str, Diagram] = {}
        self._path_text = ""
        self.__dict__["path"] = path
        self.look_alike = False
        """A routine not shipped with Unknot that takes a shipped one's title or id (see `mark_look_alikes`)."""
        self.id: str = routine.id or ""
        """The routine's id (from its file name when the file gives none)."""

    @classmethod
    def encoded(
        cls, routine_id: str, path: str, card: RoutineCard, encoded: bytes, diagrams: Mapping[str, Diagram]
    ) -> LibraryEntry:
        """An entry from the compiled copy: `encoded` is the routine as `encode_routine` gave it,
        decoded when first asked for, its diagram names looked up in `diagrams`."""
        entry = cls.__new__(cls)
        entry._routine, entry._encoded, entry._diagrams = None, encoded, diagrams
        entry._path_text, entry.id, entry.look_alike = path, routine_id, False
        entry.__dict__["card"] = card
        return entry

    @cached_property
    def path(self) -> Path:
        """The routine's file."""
        return Path(self._path_text)

    def __repr__(self) -> str:
        return f"LibraryEntry({self.id!r}, {self.path!r})"

    @property
    def routine(self) -> Routine:
        """The routine (decoded from the copy the first time it is asked for)."""
        if self._routine is None:
            assert self._encoded is not None
            self._routine = decode_routine(self._encoded, self._diagrams)
        return self._routine

    def same_routine(self, other: LibraryEntry) -> bool:
        """Whether both entries hold the same routine (compared encoded when both come from a copy)."""
        if self._encoded is not None and other._encoded is not None:
            return self._encoded == other._encoded
        return self.routine == other.routine

    @cached_property
    def card(self) -> RoutineCard:
        """What the list, the filter and the order need of the routine."""
        return routine_card(self.routine, self.id)

    @cached_property
    def timeline(self) -> Timeline:
        """The routine expanded into segments, built once on first use."""
        from ..routines.timeline import build_timeline  # not needed for the list: not imported at launch

        return build_timeline(self.routine)

    @property
    def total_seconds(self) -> int:
        """The planned length of the routine in seconds."""
        return self.card.total_seconds

    @property
    def open_ended(self) -> bool:
        """Whether a step waits for the person, so the total is a minimum."""
        return self.card.open_ended


@cache
def _encoder() -> msgspec.msgpack.Encoder:
    return msgspec.msgpack.Encoder(enc_hook=int)  # durations are int subclasses


@cache
def _decoder() -> msgspec.msgpack.Decoder[Routine]:
    # Made on first use: building it walks the whole schema, and launching decodes no routine.
    return msgspec.msgpack.Decoder(Routine, dec_hook=decode_hook)


def encode_routine(routine: Routine, diagrams: Mapping[str, Diagram]) -> bytes:
    """A routine as msgpack, as the compiled copy keeps it: a diagram from `diagrams` by its name."""
    names = {id(diagram): name for name, diagram in diagrams.items()}

    def named(diagram: DiagramRef | Diagram | None) -> DiagramRef | Diagram | None:
        return names.get(id(diagram), diagram)

    steps = [
        msgspec.structs.replace(step, diagram=named(step.diagram), other_side_diagram=named(step.other_side_diagram))
        for step in routine.steps
    ]
    return _encoder().encode(msgspec.structs.replace(routine, steps=steps))


def decode_routine(encoded: bytes, diagrams: Mapping[str, Diagram]) -> Routine:
    """The routine `encode_routine` gave (msgspec checks the types again while decoding).

    A loaded routine's diagrams are all resolved, so a name here is one `encode_routine` put in.
    """
    routine = _decoder().decode(encoded)
    for step in routine.steps:
        if isinstance(step.diagram, str):
            step.diagram = diagrams[step.diagram]
        if isinstance(step.other_side_diagram, str):
            step.other_side_diagram = diagrams[step.other_side_diagram]
    return routine


@dataclass
class Library:
    """Every valid routine found, by id in the order found, and every problem met."""

    routines: dict[str, LibraryEntry] = field(default_factory=dict)
    diagrams: dict[str, Diagram] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """The problems that kept a file from loading."""
        return [problem for problem in self.problems if problem.severity is Severity.ERROR]

    @property
    def notices(self) -> list[Problem]:
        """The problems worth knowing that did not stop anything loading."""
        return [problem for problem in self.problems if problem.severity is Severity.NOTICE]


def routine_limits(entries: Iterable[LibraryEntry]) -> list[tuple[str, str, Limits | None]]:
    """Return (id, title, frequency) of each routine, for `due_rows`."""
    return [(entry.id, entry.card.title, entry.card.frequency) for entry in entries]


def routines_missing_kit(entries: Iterable[LibraryEntry], owned: Collection[str] | None) -> dict[str, tuple[str, ...]]:
    """Return, by id, the kit each routine needs that the person does not have (for `due_rows`)."""
    return {entry.id: lacking for entry in entries if (lacking := missing_kit(entry.card.equipment, owned))}


def mark_look_alikes(library: Library, shipped_folder: Path) -> None:
    """Mark each routine from elsewhere that takes the title (or the id) of one shipped in `shipped_folder`.

    A shared file could pass itself off as a routine people trust ("Floor stretches" with other
    steps); the list and the overview then say where it comes from. Plain string work, no `stat`:
    this runs at every launch, however many routines there are.
    """
    shipped_prefixes = tuple({str(shipped_folder) + os.sep, str(shipped_folder.resolve()) + os.sep})
    shipped_ids = {path.stem for path in shipped_folder.glob("*.y*ml")}
    shipped: list[LibraryEntry] = []
    others: list[LibraryEntry] = []
    for entry in library.routines.values():
        (shipped if str(entry.path).startswith(shipped_prefixes) else others).append(entry)
    shipped_titles = {entry.card.title.strip().casefold() for entry in shipped}
    for entry in others:
        entry.look_alike = entry.id in shipped_ids or entry.card.title.strip().casefold() in shipped_titles
