"""Which frame of a step's diagram shows when: the phase's frame, the breath's, or the first.

A phase names its frame (`frame: arch`). A step that paces breathing follows the breath when its
diagram has frames for it: `in` or `inhale`, `out` or `exhale`, and optionally `hold`. Any other step
shows its diagram's first frame throughout.
"""

from __future__ import annotations

import math

from .model import Breathing, Diagram, Step

#: The frame names a diagram may use for each part of a breath, in order of preference.
BREATH_FRAME_NAMES = {"in": ("in", "inhale"), "hold": ("hold",), "out": ("out", "exhale")}
BREATH_LABELS = {"in": "breathing in", "hold": "holding the breath", "out": "breathing out"}


def breath_part(breathing: Breathing, elapsed: float) -> tuple[str, int, int]:
    """Return where the breath is `elapsed` seconds in: (`in`/`hold`/`out`, seconds passed, seconds in all).

    Seconds passed counts from 1; a rhythm of no length at all is ("", 0, 0).
    """
    parts = [("in", int(breathing.inhale)), ("hold", int(breathing.hold)), ("out", int(breathing.exhale))]
    parts = [(name, seconds) for name, seconds in parts if seconds > 0]
    cycle = sum(seconds for _, seconds in parts)
    if cycle == 0:
        return "", 0, 0
    moment = elapsed % cycle
    for name, seconds in parts:
        if moment < seconds:
            return name, math.floor(moment) + 1, seconds
        moment -= seconds
    name, seconds = parts[-1]
    return name, seconds, seconds


def breath_frame(diagram: Diagram | None, part: str) -> str | None:
    """Return the frame of `diagram` drawn for a part of the breath, or None when it has none."""
    if diagram is None:
        return None
    return next((name for name in BREATH_FRAME_NAMES.get(part, ()) if name in diagram.frames), None)


def follows_breath(step: Step) -> bool:
    """Whether the step's diagram changes with the breath (it paces breathing and has in and out frames)."""
    diagram = step.diagram if isinstance(step.diagram, Diagram) else None
    return (
        step.breathing is not None
        and not step.phases
        and breath_frame(diagram, "in") is not None
        and breath_frame(diagram, "out") is not None
    )


def frame_at(step: Step, phase_frame: str | None, elapsed: float | None) -> str | None:
    """Return the frame to show: the phase's, else the breath's at `elapsed` seconds (None: not breathing)."""
    if phase_frame is not None:
        return phase_frame
    if elapsed is None or step.breathing is None or not follows_breath(step):
        return None
    diagram = step.diagram if isinstance(step.diagram, Diagram) else None
    part = breath_part(step.breathing, elapsed)[0]
    # A hold without its own frame keeps the breath in.
    return breath_frame(diagram, part) or breath_frame(diagram, "in")


def step_frames(step: Step) -> list[tuple[str, str]]:
    """Return the frames a step shows, each with when it shows: [(when, frame name)], in order.

    One pose held throughout gives one frame and an empty `when`.
    """
    if not isinstance(step.diagram, Diagram):
        return []
    diagram = step.diagram
    first = next(iter(diagram.frames))
    if step.phases and any(phase.frame for phase in step.phases):
        shown: dict[str, list[str]] = {}
        for phase in step.phases:
            name = phase.frame if phase.frame is not None and phase.frame in diagram.frames else first
            labels = shown.setdefault(name, [])
            if phase.label not in labels:
                labels.append(phase.label)
        return [(", ".join(labels), name) for name, labels in shown.items()]
    if follows_breath(step) and step.breathing is not None:
        frames: list[tuple[str, str]] = []
        for part in ("in", "hold", "out"):
            seconds = {"in": step.breathing.inhale, "hold": step.breathing.hold, "out": step.breathing.exhale}[part]
            breath_name = breath_frame(diagram, part)
            if int(seconds) > 0 and breath_name is not None:
                frames.append((BREATH_LABELS[part], breath_name))
        return frames
    return [("", first)]
