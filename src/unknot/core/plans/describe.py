"""A plan as plain text (`unknot plan show`): its phases, days, durations and rules."""

from __future__ import annotations

from ..routines.durations import format_duration
from .model import Plan, PlanPhase


def _advance_text(phase: PlanPhase) -> str:
    advance = phase.advance
    if advance is None:
        return "lasts until the plan ends"
    if advance.after_sessions is not None:
        return f"moves on after {advance.after_sessions} sessions done in it"
    return f"moves on after {advance.after_days} days"


def _durations_text(phase: PlanPhase) -> list[str]:
    lines = []
    for routine_id, durations in phase.durations.items():
        parts = []
        if durations.factor is not None:
            parts.append(f"every timed step × {durations.factor:g}")
        parts += [f"{step_id} {format_duration(int(seconds))}" for step_id, seconds in durations.steps.items()]
        lines.append(f"    {routine_id}: {', '.join(parts)}")
    return lines


def rules_text(plan: Plan) -> list[str]:
    """The plan's rules in words."""
    lines = []
    hold = plan.rules.hold_when_worse
    if hold is not None:
        lines.append(
            f"Holds its phase when {hold.worse} of the last {hold.of_last} rated sessions"
            " left the back worse than before."
        )
    if plan.rules.step_back_on_too_much:
        lines.append('Steps back one phase when a session is rated "too much".')
    lines.append("Never offers a routine past its frequency limit; missed days are never made up.")
    return lines


def describe_plan(plan: Plan, plan_id: str) -> str:
    """Return the whole plan as text."""
    out = [f"{plan.title} ({plan_id})", f"{plan.days} days, {len(plan.phases)} phases"]
    if plan.summary:
        out.append(plan.summary)
    if plan.description:
        out += ["", plan.description.rstrip()]
    if plan.cautions:
        out += ["", "Cautions:"] + [f"  ! {caution}" for caution in plan.cautions]
    out += ["", "Rules:"] + [f"  {line}" for line in rules_text(plan)]
    for number, phase in enumerate(plan.phases, start=1):
        out += ["", f"Phase {number}: {phase.title} ({_advance_text(phase)})"]
        if phase.summary:
            out.append(f"  {phase.summary}")
        if phase.durations:
            out += ["  Durations:", *_durations_text(phase)]
        out.append("  Days (repeated in order while the phase lasts):")
        for index, day in enumerate(phase.days, start=1):
            what = "rest" if day.rest else ", ".join(day.routines)
            out.append(f"    {index}. {what}" + (f"  ({day.note})" if day.note else ""))
    if plan.credits:
        out += ["", f"Credits: {plan.credits}"]
    return "\n".join(out) + "\n"
