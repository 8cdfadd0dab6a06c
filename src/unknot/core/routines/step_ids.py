"""How a step is named from another routine's `use: ROUTINE_ID/STEP_ID`: its `id:`, or one made from its title."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Step

_NOT_ID = re.compile(r"[^a-z0-9]+")


def title_slug(title: str) -> str:
    """Return an id made from a title: lower case, `a-z0-9` and dashes ("Child's pose" → `childs-pose`)."""
    text = title.lower().replace("'", "").replace("\u2019", "")
    return _NOT_ID.sub("-", text).strip("-")[:64] or "step"


def step_ids(steps: Sequence[Step]) -> list[str]:
    """Return each step's id, in order.

    A step's `id:` when it has one; otherwise its title made into an id (or, for a `use:`
    without a title, the id of the step it uses), with `-2`, `-3`… on the second and later
    steps that would share one.
    """
    taken = {step.id for step in steps if step.id is not None}
    ids = []
    seen: dict[str, int] = {}
    for step in steps:
        if step.id is not None:
            ids.append(step.id)
            continue
        base = title_slug(step.title) if step.title else (step.use or "/step").split("/", 1)[1]
        count = seen.get(base, 0) + 1
        seen[base] = count
        candidate = base if count == 1 else f"{base}-{count}"
        while candidate in taken:
            count += 1
            seen[base] = count
            candidate = f"{base}-{count}"
        taken.add(candidate)
        ids.append(candidate)
    return ids
