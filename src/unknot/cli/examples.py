"""An example or two for each command's `--help` (and the man page), by the command's words."""

from __future__ import annotations

EXAMPLES: dict[str, tuple[str, ...]] = {
    "unknot": ("unknot", "unknot --floor --voice auto", "unknot --remind 50m"),
    "list": ("unknot list", "unknot list --json", "unknot --routines ~/my-routines list"),
    "show": ("unknot show floor-stretches",),
    "validate": ("unknot validate", "unknot validate ~/my-routines/lunch.yaml", "unknot validate --watch"),
    "schema": ("unknot schema > routine.schema.json", "unknot schema --plan"),
    "voice": ("unknot voice", "unknot --voice espeak-ng voice --test"),
    "new": ("unknot new lunch-stretch", "unknot new my-mat --from acupressure-mat"),
    "edit": ("unknot edit lunch-stretch", "unknot edit desk-break  # a copy is kept only if you save a change"),
    "play": ("unknot play desk-break", "unknot play acupressure-mat --floor --voice auto"),
    "history": ("unknot history", "unknot history --chart --weeks 52", "unknot history --csv > sessions.csv"),
    "history import": ("unknot history import sessions.json", "unknot history import laptop.csv"),
    "report": ("unknot report --html back.html", "unknot report --pdf back.pdf --from 2026-09-01"),
    "resume": ("unknot resume",),
    "due": ("unknot due", "unknot due --short  # nothing when nothing is due", "unknot due --json"),
    "plan": ("unknot plan", "unknot plan list"),
    "plan list": ("unknot plan list", "unknot plan list --json"),
    "plan show": ("unknot plan show back-care",),
    "plan start": ("unknot plan start back-care", "unknot plan start desk-back --from 2026-12-07"),
    "plan stop": ("unknot plan stop",),
    "plan export": ("unknot plan export --ics plan.ics", "unknot plan export desk-back --ics desk.ics --at 07:30"),
    "plan status": ("unknot plan status",),
    "today": ("unknot today", "unknot today --json"),
    "doctor": ("unknot doctor", "unknot doctor --json > doctor.json  # for a bug report"),
    "completion": ('eval "$(unknot completion bash)"  # in ~/.bashrc', "unknot completion fish | source"),
    "serve": ("unknot serve", "unknot serve --host 0.0.0.0  # on a trusted network: a phone can reach it"),
}
"""Each command's examples, by its words after `unknot` (`plan start`); `unknot` for the program itself."""


def examples_text(words: str) -> str | None:
    """The `--help` epilog for the command `words`: its examples, one a line; None when it has none."""
    examples = EXAMPLES.get(words)
    if not examples:
        return None
    return "examples:\n" + "\n".join(f"  {example}" for example in examples)
