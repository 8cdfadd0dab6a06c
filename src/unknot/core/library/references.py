"""Steps reused across routines: `use: ROUTINE_ID/STEP_ID` replaced by that step, with overrides.

Resolved once every folder is loaded, so a routine may use steps from any routine in the
library (shipped, user, UNKNOT_ROUTINES, --routines). A step used must be written out where it
is: a `use:` of a `use:` is an error, which also makes loops impossible. Every error is located
at the `use:` line; an unknown step gets a "did you mean" over the ids that exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from ..routines.model import Routine, Step
from ..routines.problems import Problem, format_field
from ..routines.step_ids import step_ids
from ..routines.suggestions import Suggestions
from ..routines.text import shown_path
from ..routines.validate import Finding, check_routine, resolve_step_diagrams
from ..routines.yaml_source import DocPath, YamlDocument
from .library import Library, LibraryEntry


@dataclass
class PendingRoutine:
    """A routine with `use:` steps, loaded but not yet resolved."""

    routine: Routine
    path: Path
    document: YamlDocument
    overrides: dict[int, frozenset[str]] = field(default_factory=dict)
    """For each `use:` step (by index), the keys written beside `use:`: the fields it overrides."""


def overridden_keys(document: YamlDocument, routine: Routine) -> dict[int, frozenset[str]]:
    """Return, for each `use:` step, the keys its mapping gives besides `use`."""
    raw_steps = document.data.get("steps", []) if isinstance(document.data, dict) else []
    found = {}
    for index, step in enumerate(routine.steps):
        if step.use is not None and index < len(raw_steps) and isinstance(raw_steps[index], dict):
            found[index] = frozenset(str(key) for key in raw_steps[index] if key not in ("use", "id"))
    return found


def _known_refs(routines: Mapping[str, LibraryEntry | Routine]) -> list[str]:
    refs = []
    for routine_id, item in routines.items():
        routine = item.routine if isinstance(item, LibraryEntry) else item
        ids = step_ids(routine.steps)
        usable = [step_id for step_id, step in zip(ids, routine.steps, strict=True) if step.use is None]
        refs += [f"{routine_id}/{step_id}" for step_id in usable]
    return refs


def resolve_pending(
    pending: list[PendingRoutine],
    library: Library,
    failed: Mapping[str, Path],
    context: Mapping[str, LibraryEntry] | None = None,
) -> None:
    """Resolve every pending routine in `library`; one that cannot be is removed, its problems added.

    `failed` maps the ids of routine files that did not load to their paths; `context` holds more
    routines to take steps from (those of the search path, when only some files are validated).
    """
    sources: dict[str, LibraryEntry] = {**(context or {}), **library.routines}
    known: Suggestions | None = None
    routine_ids = Suggestions(list(sources))
    for item in pending:
        findings: list[Finding] = []
        resolved: list[Step] = []
        for index, step in enumerate(item.routine.steps):
            if step.use is None:
                resolved.append(step)
                continue
            routine_id, step_id = step.use.split("/", 1)
            where: DocPath = ("steps", index, "use")
            source = sources.get(routine_id)
            if source is None:
                if routine_id in failed:
                    findings.append(
                        (where, f"routine {routine_id!r} did not load ({shown_path(failed[routine_id])}); fix it first")
                    )
                    continue
                findings.append((where, routine_ids.unknown(routine_id, f"no routine {routine_id!r}")))
                continue
            ids = step_ids(source.routine.steps)
            if step_id not in ids:
                what = f"routine {routine_id!r} has no step {step_id!r}"
                # The routine's own steps first (a few); every step of every routine only when none is close.
                guess = Suggestions(_known_refs({routine_id: source})).guess(step.use)
                if guess is None:
                    known = known if known is not None else Suggestions(_known_refs(sources), routine_ids.budget)
                    guess = known.guess(step.use)
                findings.append((where, f"{what}; did you mean {guess!r}?" if guess else what))
                continue
            original = source.routine.steps[ids.index(step_id)]
            if original.use is not None:
                findings.append(
                    (where, f"{step.use} is itself `use: {original.use}`; use the original step instead (no chains)")
                )
                continue
            changes = {name: getattr(step, name) for name in item.overrides.get(index, frozenset())}
            resolved.append(msgspec.structs.replace(original, **changes, id=step.id, use=None))
        if not findings:
            candidate = msgspec.structs.replace(item.routine, steps=resolved)
            findings = check_routine(candidate) + resolve_step_diagrams(candidate, library.diagrams)
            if not findings:
                item.routine.steps = candidate.steps
                continue
        entry = library.routines.get(item.routine.id or "")
        if entry is not None and entry.routine is item.routine:
            del library.routines[item.routine.id or ""]
        for where, message in findings:
            line, column = item.document.locate(where)
            library.problems.append(Problem(item.path, message, line, column, format_field(where)))
