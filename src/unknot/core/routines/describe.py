"""Plain-text descriptions of routines and steps, shared by the command line and the app."""

from __future__ import annotations

from collections.abc import Iterable

from ..glyphs import glyphs
from .diagrams import art_size, mirror_art, without_margin
from .durations import format_duration
from .frames import step_frames
from .model import Diagram, Routine, Step

EQUIPMENT_NAMES = {
    "yoga-mat": "yoga mat",
    "acupressure-mat": "acupressure mat",
    "massage-ball": "massage ball",
    "massage-balls": "two massage balls",
    "foam-roller": "foam roller",
    "towel": "towel",
    "heat-pack": "heat pack",
}

#: Shown with every routine: Unknot guides, it does not treat.
SAFETY_NOTE = (
    "Unknot is not medical advice. Move gently and stop at once if you feel sharp, shooting "
    "or sudden pain. See a doctor for severe pain, pain that lasts, or pain with numbness or weakness."
)


def kit_words(name: str) -> str:
    """Return a piece of kit in words: `acupressure mat`; a name Unknot does not know, with spaces for dashes."""
    return EQUIPMENT_NAMES.get(name) or name.replace("-", " ")


def equipment_text(equipment: Iterable[str]) -> str:
    """Return the equipment a routine needs, in words (`none` when it needs nothing)."""
    return ", ".join(kit_words(item) for item in equipment) or "none"


def total_text(total_seconds: int, open_ended: bool) -> str:
    """Return a routine's length for reading: `12m30s`, or `5m+` when a step waits for the person."""
    return format_duration(total_seconds) + ("+" if open_ended else "")


def total_words(total_seconds: int, open_ended: bool) -> str:
    """Return a routine's length in words: `12m30s`, or `5m + steps you finish yourself`."""
    return format_duration(total_seconds) + (" + steps you finish yourself" if open_ended else "")


def step_timing_text(step: Step) -> str:
    """Return how a step is timed, for a list of steps: `30s`, `10 × (3s + 3s)`, `until done`."""
    if step.until_done:
        text = "until done"
    elif step.phases:
        inner = " + ".join(format_duration(int(phase.duration)) for phase in step.phases)
        text = f"{step.reps or 1} {glyphs().times} ({inner})" if (step.reps or 1) > 1 or len(step.phases) > 1 else inner
    elif step.reps and step.reps > 1:
        text = f"{step.reps} {glyphs().times} {format_duration(int(step.duration or 0))}"
    else:
        text = format_duration(int(step.duration or 0))
    if step.sides:
        text += " each side"
    return text


def diagram_art(step: Step, frame: str | None = None, second_side: bool = False) -> str:
    """Return the art to show for a step: the given frame, mirrored on the second side.

    A step that draws its other side (`other_side_diagram`) shows that drawing instead.
    """
    if second_side and isinstance(step.other_side_diagram, Diagram):
        return step.other_side_diagram.frame(frame)
    if not isinstance(step.diagram, Diagram):
        return ""
    art = step.diagram.frame(frame)
    return mirror_art(art) if second_side else art


def art_box(step: Step) -> tuple[int, int]:
    """Return the columns and rows that hold every frame of a step's drawing on either side (without
    margins), so a drawing shown large keeps one size while its frames take turns."""
    frames = [
        art
        for diagram in (step.diagram, step.other_side_diagram)
        if isinstance(diagram, Diagram)
        for art in diagram.frames.values()
    ]
    sizes = [art_size(without_margin(art)) for art in frames]
    return (max((columns for columns, _ in sizes), default=0), max((rows for _, rows in sizes), default=0))


def reflow(text: str) -> str:
    """Join the lines of each paragraph (paragraphs are separated by blank lines)."""
    paragraphs = [" ".join(block.split()) for block in text.strip().split("\n\n")]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line else line for line in text.split("\n"))


def describe_routine(routine: Routine, total_seconds: int, open_ended: bool) -> str:
    """Return a whole routine as plain text with its diagrams, for reading or printing."""
    lines = [routine.title, "=" * len(routine.title)]
    if routine.summary:
        lines.append(routine.summary)
    lines.append("")
    lines.append(
        f"Time: {total_words(total_seconds, open_ended)}    Equipment: {equipment_text(routine.equipment)}    "
        f"Intensity: {routine.intensity}"
    )
    if routine.areas:
        lines.append("Areas: " + ", ".join(area.replace("-", " ") for area in routine.areas))
    if routine.description:
        lines += ["", routine.description.strip()]
    lines += ["", "Before you start:"]
    lines += [f"  ! {caution}" for caution in routine.cautions]
    lines.append(f"  ! {SAFETY_NOTE}")
    for number, step in enumerate(routine.steps, start=1):
        lines += ["", f"{number}. {step.title}  ({step_timing_text(step)})"]
        if step.instructions:
            lines.append(_indent(step.instructions.strip()))
        for phase in step.phases or []:
            lines.append(f"    - {phase.label}: {format_duration(int(phase.duration))}")
        for cue in step.cues:
            lines.append(f"    - at {format_duration(int(cue.at))}: {cue.text}")
        if step.breathing:
            lines.append(
                f"    - breathe in {format_duration(int(step.breathing.inhale))}, "
                f"out {format_duration(int(step.breathing.exhale))}"
            )
        lines += [f"    ! {caution}" for caution in step.cautions]
        if isinstance(step.diagram, Diagram):
            for when, name in step_frames(step):
                if when:
                    lines.append(f"    {when[:1].upper()}{when[1:]}:")
                lines += ["", _indent(step.diagram.frames[name], "      "), ""]
            if step.sides and step.other_side_diagram is None:
                lines.append(f"    (the {step.sides[1]} side shows the drawing mirrored)")
    if routine.credits:
        lines += ["", f"Credits: {routine.credits}"]
    return "\n".join(lines).rstrip() + "\n"
