"""`unknot schema`: the JSON Schema of a routine file (or with `--plan`, a plan file), as committed in `schema/`."""

from __future__ import annotations

import argparse

from ..core.routines.schema import routine_schema_text


def command_schema(args: argparse.Namespace) -> int:
    """Print the routine JSON Schema, or the plan one with `--plan`."""
    if args.plan:
        from ..core.plans.schema import plan_schema_text

        print(plan_schema_text(), end="")
    else:
        print(routine_schema_text(), end="")
    return 0
