"""Checks a routine needs beyond its types: how steps are timed, cues, sides, diagrams."""

from __future__ import annotations

from collections.abc import Mapping

from .diagrams import size_problem, tidy_art
from .model import Diagram, Routine, Step
from .suggestions import Suggestions
from .yaml_source import DocPath

#: (where in the document, what is wrong)
Finding = tuple[DocPath, str]


def _rep_length(step: Step) -> int | None:
    """Return the seconds one rep of a step lasts (a cue counts from the start of each rep), None for until-done."""
    if step.until_done:
        return None
    if step.phases:
        return sum(int(phase.duration) for phase in step.phases)
    return int(step.duration or 0)


def check_step_timing(step: Step, where: DocPath) -> list[Finding]:
    """Return what is wrong with how a step says how long it lasts."""
    if step.continue_after is not None and not step.until_done:
        return [((*where, "continue_after"), "continue_after is for until_done steps; a timed step goes on anyway")]
    if step.until_done:
        extra = [name for name in ("duration", "reps", "phases") if getattr(step, name) is not None]
        return [((*where, name), "an until_done step waits for a key press; remove this") for name in extra]
    if step.phases is not None and step.duration is not None:
        return [((*where, "duration"), "a step with phases is timed by its phases; remove duration")]
    if step.phases is None and step.duration is None:
        if step.reps is not None:
            return [((*where, "reps"), "reps need a duration for each rep, or phases")]
        return [(where, "a step needs a duration, phases, or until_done: true")]
    return []


def check_step(step: Step, where: DocPath) -> list[Finding]:
    """Return every problem with one step other than its diagrams."""
    findings = check_step_timing(step, where)
    if step.sides is not None and step.sides[0] == step.sides[1]:
        findings.append(((*where, "sides"), "the two sides must differ, e.g. [right, left]"))
    if step.other_side_diagram is not None and step.sides is None:
        findings.append(((*where, "other_side_diagram"), "only a step with sides has another side"))
    length = _rep_length(step)
    if not findings and length is not None:
        each = " each rep" if (step.reps or 1) > 1 else ""
        for number, cue in enumerate(step.cues):
            if int(cue.at) >= length:
                findings.append(
                    (
                        (*where, "cues", number, "at"),
                        f"the cue comes at {int(cue.at)}s but the step lasts {length}s{each}",
                    )
                )
    return findings


def check_routine(routine: Routine) -> list[Finding]:
    """Return every problem with a routine's steps, in document order.

    A `use:` step is checked once it is resolved (see core/library/references.py), not here.
    """
    findings: list[Finding] = []
    first_with_id: dict[str, int] = {}
    for index, step in enumerate(routine.steps):
        if step.id is not None:
            if step.id in first_with_id:
                findings.append(
                    (("steps", index, "id"), f"steps[{first_with_id[step.id]}] has the id {step.id!r} already")
                )
            first_with_id.setdefault(step.id, index)
        if step.use is not None:
            continue
        if not step.title:
            findings.append((("steps", index), "missing required key `title` (or `use:` a step of another routine)"))
            continue
        findings.extend(check_step(step, ("steps", index)))
    often = routine.frequency
    if often is not None:
        for period in ("day", "week"):
            least, most = getattr(often, f"min_per_{period}"), getattr(often, f"max_per_{period}")
            if least is not None and most is not None and least > most:
                findings.append((("frequency", f"min_per_{period}"), f"is more than max_per_{period} ({most})"))
        if (
            often.max_per_day is not None
            and often.min_per_week is not None
            and often.min_per_week > 7 * often.max_per_day
        ):
            findings.append((("frequency", "min_per_week"), "cannot be met within max_per_day"))
    return findings


def resolve_diagram(
    value: str | Diagram | None,
    library: Mapping[str, Diagram],
    where: DocPath,
    suggestions: Suggestions | None = None,
) -> tuple[Diagram | None, list[Finding]]:
    """Turn a step's diagram field into a Diagram: look up a name, or wrap inline art.

    A single line is a name in the diagram library; text with a line break is inline art. An
    unknown name gets the closest known one from `suggestions` (the library's names when not given).
    """
    if value is None:
        return None, []
    inline_text = isinstance(value, str)
    if isinstance(value, str):
        if "\n" not in value.strip("\n") and value.strip():
            name = value.strip()
            if name not in library:
                known = suggestions if suggestions is not None else Suggestions(list(library))
                return None, [(where, known.unknown(name, f"no diagram named {name!r} in the diagram library"))]
            return library[name], []
        value = Diagram(frames={"main": value})
    tidied = Diagram(frames={name: tidy_art(art) for name, art in value.frames.items()}, title=value.title)
    findings = [
        (where if inline_text else (*where, "frames", name), problem)
        for name, art in tidied.frames.items()
        if (problem := size_problem(art)) is not None
    ]
    return tidied, findings


def resolve_step_diagrams(
    routine: Routine, library: Mapping[str, Diagram], suggestions: Suggestions | None = None
) -> list[Finding]:
    """Replace diagram names and inline art in every step by Diagrams, checking frames.

    `suggestions` (the library's diagram names, with the load's budget) says "did you mean" for a
    name that is not there; a load passes one for all its files.
    """
    findings: list[Finding] = []
    for index, step in enumerate(routine.steps):
        where: DocPath = ("steps", index)
        diagram, found = resolve_diagram(step.diagram, library, (*where, "diagram"), suggestions)
        other, found_other = resolve_diagram(
            step.other_side_diagram, library, (*where, "other_side_diagram"), suggestions
        )
        findings += found + found_other
        step.diagram, step.other_side_diagram = diagram, other
        for number, phase in enumerate(step.phases or []):
            if phase.frame is None or (step.use is not None and diagram is None):
                continue  # a `use:` step's diagram comes with the step it uses
            if diagram is None:
                findings.append(((*where, "phases", number, "frame"), "names a frame but the step has no diagram"))
            elif phase.frame not in diagram.frames:
                known = ", ".join(diagram.frames)
                findings.append(
                    ((*where, "phases", number, "frame"), f"no frame {phase.frame!r}; the diagram has: {known}")
                )
    return findings
