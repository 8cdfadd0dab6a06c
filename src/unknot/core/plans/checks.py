"""Checks a plan needs beyond its types: its structure alone, and against the routines it names.

The structure (a day is routines or rest, every phase but the last advances, durations name a routine
the phase does) decides whether a plan loads. The routines (that each exists, that a step id set in
`durations` is one of its steps, that no day or week asks for more than a routine's frequency allows)
can change under a plan, so they are reported by `unknot validate`, and where a plan is used an
item whose routine is missing says so instead of failing.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..routines.model import Routine
from ..routines.step_ids import step_ids
from ..routines.validate import Finding
from .model import Plan, PlanPhase

if TYPE_CHECKING:
    from ..standings import Limits


def check_plan(plan: Plan) -> list[Finding]:
    """Return what is wrong with a plan's structure, in document order."""
    findings: list[Finding] = []
    last = len(plan.phases) - 1
    for number, phase in enumerate(plan.phases):
        where = ("phases", number)
        findings += _check_advance(phase, where, is_last=number == last)
        done_here = {routine_id for day in phase.days for routine_id in day.routines}
        for index, day in enumerate(phase.days):
            if day.rest and day.routines:
                findings.append(
                    ((*where, "days", index, "rest"), "a rest day lists no routines; remove one of the two")
                )
            elif not day.rest and not day.routines:
                findings.append(((*where, "days", index), "a day lists its routines, or says `rest: true`"))
        for routine_id, durations in phase.durations.items():
            if routine_id not in done_here:
                findings.append(
                    (
                        (*where, "durations", routine_id),
                        f"no day of this phase does {routine_id!r}{_guess(routine_id, done_here)}",
                    )
                )
            elif durations.factor is None and not durations.steps:
                findings.append(((*where, "durations", routine_id), "give a factor, steps, or both"))
    hold = plan.rules.hold_when_worse
    if hold is not None and hold.worse > hold.of_last:
        findings.append((("rules", "hold_when_worse", "worse"), f"is more than of_last ({hold.of_last})"))
    return findings


def _check_advance(phase: PlanPhase, where: tuple[str, int], *, is_last: bool) -> list[Finding]:
    advance = phase.advance
    if advance is None:
        return (
            []
            if is_last
            else [(where, "missing `advance:` (after_sessions or after_days); only the last phase may leave it out")]
        )
    given = [name for name in ("after_sessions", "after_days") if getattr(advance, name) is not None]
    if len(given) != 1:
        return [((*where, "advance"), "give one of after_sessions or after_days")]
    return []


def _guess(name: str, known: object) -> str:
    """Return `; did you mean 'x'?` for the closest of `known`, or nothing."""
    choices = sorted(str(item) for item in known)  # type: ignore[attr-defined]
    guess = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return f"; did you mean {guess[0]!r}?" if guess else ""


def check_against_routines(plan: Plan, routines: Mapping[str, Routine]) -> list[Finding]:
    """Return what is wrong with the plan given the routines in the library: ids, step ids, frequencies."""
    findings: list[Finding] = []
    for number, phase in enumerate(plan.phases):
        where = ("phases", number)
        for index, day in enumerate(phase.days):
            for item, routine_id in enumerate(day.routines):
                if routine_id not in routines:
                    findings.append(
                        (
                            (*where, "days", index, "routines", item),
                            f"no routine {routine_id!r} in the library{_guess(routine_id, routines)}",
                        )
                    )
        for routine_id, durations in phase.durations.items():
            routine = routines.get(routine_id)
            if routine is None:
                continue
            ids = dict(zip(step_ids(routine.steps), routine.steps, strict=True))
            for step_id in durations.steps:
                step = ids.get(step_id)
                at = (*where, "durations", routine_id, "steps", step_id)
                if step is None:
                    steps = ", ".join(ids)
                    findings.append(
                        (at, f"{routine_id!r} has no step {step_id!r}{_guess(step_id, ids)}; its steps: {steps}")
                    )
                elif step.until_done:
                    findings.append((at, f"the step {step_id!r} waits for a key press; it has no duration to set"))
        findings += _frequency_findings(phase, where, {key: value.frequency for key, value in routines.items()})
    return findings


def _frequency_findings(phase: PlanPhase, where: tuple[str, int], limits: Mapping[str, Limits | None]) -> list[Finding]:
    """A day that does a routine more often than its daily limit, or a week of the phase more than its weekly one."""
    findings: list[Finding] = []
    for index, day in enumerate(phase.days):
        for routine_id in sorted(set(day.routines)):
            most = getattr(limits.get(routine_id), "max_per_day", None)
            count = day.routines.count(routine_id)
            if most is not None and count > most:
                findings.append(
                    ((*where, "days", index, "routines"), f"{routine_id!r} {count} times a day; its limit is {most}")
                )
    cycle = phase.days
    for routine_id in sorted({routine_id for day in cycle for routine_id in day.routines}):
        most = getattr(limits.get(routine_id), "max_per_week", None)
        if most is None:
            continue
        # The days repeat, so any seven in a row can be a week: the worst of them counts.
        worst = max(
            sum(cycle[(start + offset) % len(cycle)].routines.count(routine_id) for offset in range(7))
            for start in range(len(cycle))
        )
        if worst > most:
            findings.append(
                ((*where, "days"), f"{routine_id!r} up to {worst} times in seven days; its limit is {most} a week")
            )
    return findings
