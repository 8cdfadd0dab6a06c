"""What the routine list, the filter and the order need of a routine, kept apart from the routine.

A library of 10,000 routines launches from its compiled copy by decoding only these cards; each
routine itself is decoded when first opened (the overview, a session, `unknot show`).
"""

from __future__ import annotations

import msgspec

from ..routines.describe import kit_words
from ..routines.model import Equipment, Frequency, Routine

#: The parts of a routine the filter searches, in the order they are reported.
FIELDS = ("title", "summary", "description", "tags", "areas", "equipment", "steps", "id")


class RoutineCard(msgspec.Struct, array_like=True, frozen=True):
    """A routine's title, length, kit, frequency and search text (casefolded, one per FIELDS name)."""

    title: str
    total_seconds: int
    open_ended: bool
    """A step waits for the person, so the total is a minimum."""
    equipment: tuple[Equipment, ...]
    frequency: Frequency | None
    search: tuple[str, ...]


def searchable_fields(routine: Routine, routine_id: str) -> dict[str, str]:
    """Return each searchable part of a routine as lower-cased text, by FIELDS name."""
    equipment = [kit_words(item) for item in routine.equipment] or ["no equipment", "none"]
    fields = {
        "title": routine.title,
        "summary": routine.summary,
        "description": routine.description,
        "tags": " · ".join(routine.tags),
        "areas": " · ".join(area.replace("-", " ") for area in routine.areas),
        "equipment": " · ".join(equipment),
        "steps": " · ".join(step.title for step in routine.steps),
        "id": routine_id,
    }
    return {name: text.casefold() for name, text in fields.items()}


def routine_card(routine: Routine, routine_id: str) -> RoutineCard:
    """Work out a routine's card (its timeline is built once for the length)."""
    from ..routines.timeline import build_timeline  # a copy gives the cards: not imported at launch

    timeline = build_timeline(routine)
    search = searchable_fields(routine, routine_id)
    return RoutineCard(
        title=routine.title,
        total_seconds=timeline.total_seconds,
        open_ended=timeline.has_until_done,
        equipment=tuple(routine.equipment),
        frequency=routine.frequency,
        search=tuple(search[name] for name in FIELDS),
    )
