"""The routine schema: one declaration that validates files and generates the JSON Schema.

Every routine file is converted into these Structs; unknown keys are rejected. Durations
are `Seconds` (0 allowed) or `StepSeconds` (at least 1 s), written as `30`, `30s`, `1m30s`.
"""

from __future__ import annotations

import difflib
import re
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta

from .durations import DURATION_PATTERN, MAX_DURATION_SECONDS, DurationError, parse_duration


class Seconds(int):
    """A duration in whole seconds, zero allowed (rest, get-ready, switch-sides pauses)."""

    minimum = 0


class StepSeconds(Seconds):
    """A duration in whole seconds of at least one second (holds, phases, reps)."""

    minimum = 1


def decode_hook(kind: type, value: Any) -> Any:
    """The msgspec `dec_hook` for these Structs: builds Seconds from a number or text like `1m30s`."""
    if isinstance(kind, type) and issubclass(kind, Seconds):
        try:
            return kind(parse_duration(value, minimum=kind.minimum))
        except DurationError as error:
            raise ValueError(str(error)) from None
    raise NotImplementedError


Area = Literal["neck", "shoulders", "upper-back", "mid-back", "lower-back"]
Intensity = Literal["gentle", "moderate", "firm"]
Side = Literal["left", "right"]

#: Every id (routines, steps, diagram names, and wherever else one is read): lower-case letters, digits, dashes.
ID_CHARACTERS = r"[a-z0-9][a-z0-9-]{0,63}"
#: The same as a pattern for the schema. `(?!\n)`: Python's `$` also matches before a last newline, and
#: msgspec checks a pattern with `re.search`, so `quick\n` would pass (and print a line break into a prompt).
ID_PATTERN = rf"^{ID_CHARACTERS}(?!\n)$"


def is_id(text: str) -> bool:
    """Whether `text` is an id, whole: the one rule for ids everywhere (files, the command line, imports)."""
    return re.fullmatch(ID_CHARACTERS, text) is not None


RoutineId = Annotated[str, Meta(pattern=ID_PATTERN, description="Lower-case letters, digits and dashes.")]

#: The kit Unknot knows by name (it has words for them, and suggests them for a near miss).
KNOWN_KIT = ("yoga-mat", "acupressure-mat", "massage-ball", "massage-balls", "foam-roller", "towel", "heat-pack")
Equipment = Annotated[
    str,
    Meta(
        pattern=ID_PATTERN,
        description="A piece of kit, any name in lower case with dashes (tennis-ball, chair, wall); "
        "Unknot knows " + ", ".join(KNOWN_KIT) + ".",
        examples=list(KNOWN_KIT),
    ),
]


def known_kit_like(name: str) -> str | None:
    """The known piece of kit `name` is probably a misspelling of, or None (known, or nothing close)."""
    if name in KNOWN_KIT:
        return None
    guess = difflib.get_close_matches(name, KNOWN_KIT, n=1, cutoff=0.8)
    return guess[0] if guess else None


Title = Annotated[str, Meta(min_length=1, max_length=60)]
ShortText = Annotated[str, Meta(max_length=160)]
Instructions = Annotated[str, Meta(max_length=400, description="Short enough to take in during a hold.")]
LongText = Annotated[str, Meta(max_length=4000)]
Caution = Annotated[str, Meta(min_length=1, max_length=300)]
Spoken = Annotated[
    str,
    Meta(max_length=200, description="What the voice says instead of the generated words (plain text, no markup)."),
]
FrameName = Annotated[str, Meta(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")]
StepId = Annotated[
    str,
    Meta(
        pattern=ID_PATTERN,
        description="How other routines name this step in `use:`; without it, made from the title.",
    ),
]
StepRef = Annotated[
    str,
    Meta(
        pattern=rf"^{ID_CHARACTERS}/{ID_CHARACTERS}(?!\n)$",
        description="ROUTINE_ID/STEP_ID: a step of another routine, used as written there; "
        "any other key beside it overrides that one field.",
    ),
]
Art = Annotated[str, Meta(description="ASCII art: at most 36 columns by 12 rows of terminal cells.")]


class Strict(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True, kw_only=True):
    """Base for every schema Struct: unknown keys are errors."""


class Diagram(Strict):
    """ASCII art with one or more named frames; the first frame is the default."""

    frames: Annotated[dict[FrameName, Art], Meta(min_length=1, max_length=12)]
    title: ShortText = ""

    def frame(self, name: str | None) -> str:
        """Return the art of frame `name`, or the first frame when it has none of that name."""
        if name is not None and name in self.frames:
            return self.frames[name]
        return next(iter(self.frames.values()))


DiagramRef = Annotated[
    str,
    Meta(description="A diagram from the library by name, or inline art as a block scalar (`|`)."),
]


class Phase(Strict):
    """One timed part of a repetition, such as "Inhale into cow" for 3 s."""

    label: Title
    duration: StepSeconds
    frame: FrameName | None = None


class Cue(Strict):
    """A prompt shown at an offset into each side of a step."""

    at: Seconds
    text: ShortText
    say: Spoken = ""


Count = Annotated[int, Meta(ge=1, le=100)]


class Frequency(Strict):
    """How often a routine is meant to be done: at least and at most so many times a day or a week."""

    min_per_day: Count | None = None
    max_per_day: Count | None = None
    min_per_week: Count | None = None
    max_per_week: Count | None = None


class Breathing(Strict):
    """A breathing rhythm the player paces during a step."""

    inhale: StepSeconds
    exhale: StepSeconds
    hold: Seconds = msgspec.field(default_factory=lambda: Seconds(0))


class Step(Strict):
    """One step of a routine: a timed hold, repetitions, phases, or until-done; or `use:` of another's step."""

    title: Title = ""
    """Required unless the step is a `use:` (then it comes from the step used)."""
    id: StepId | None = None
    use: StepRef | None = None
    instructions: Instructions = ""
    say: Spoken = ""
    """Spoken when the step starts, instead of its title and length."""
    duration: StepSeconds | None = None
    reps: Annotated[int, Meta(ge=1, le=100)] | None = None
    phases: Annotated[list[Phase], Meta(min_length=1, max_length=8)] | None = None
    until_done: bool = False
    continue_after: Annotated[
        StepSeconds | None,
        Meta(description="For an until_done step: go on by itself after this long (d or a tap still ends it sooner)."),
    ] = None
    sides: Annotated[list[Side], Meta(min_length=2, max_length=2)] | None = None
    cues: Annotated[list[Cue], Meta(max_length=20)] = []
    breathing: Breathing | None = None
    cautions: Annotated[list[Caution], Meta(max_length=10)] = []
    diagram: DiagramRef | Diagram | None = None
    other_side_diagram: DiagramRef | Diagram | None = None
    rest_after: Seconds | None = None


class Routine(Strict):
    """A whole routine as written in one YAML file."""

    title: Title
    steps: Annotated[list[Step], Meta(min_length=1, max_length=1000)]
    id: RoutineId | None = None
    summary: ShortText = ""
    description: LongText = ""
    tags: Annotated[list[Annotated[str, Meta(min_length=1, max_length=30)]], Meta(max_length=20)] = []
    areas: Annotated[list[Area], Meta(max_length=5)] = []
    equipment: Annotated[list[Equipment], Meta(max_length=12)] = []
    intensity: Intensity = "gentle"
    credits: ShortText = ""
    cautions: Annotated[list[Caution], Meta(max_length=10)] = []
    frequency: Frequency | None = None
    get_ready: Seconds = msgspec.field(default_factory=lambda: Seconds(5))
    rest: Seconds = msgspec.field(default_factory=lambda: Seconds(10))
    switch_sides: Seconds = msgspec.field(default_factory=lambda: Seconds(5))


class DiagramFile(Diagram):
    """A shared diagram in a library folder's `diagrams/`, named by its file name."""


def duration_schema(minimum: int) -> dict[str, object]:
    """Return the JSON Schema of a duration field with the given minimum in seconds."""
    return {
        "anyOf": [
            {"type": "integer", "minimum": minimum, "maximum": MAX_DURATION_SECONDS},
            {"type": "string", "pattern": DURATION_PATTERN},
        ],
        "description": "Seconds as a number, or text like 30s, 1m30s, 2m.",
    }
