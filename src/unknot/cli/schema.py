"""`unknot schema`: the JSON Schema of a routine file, as committed in `schema/`."""

from __future__ import annotations

import argparse

from ..core.routines.schema import routine_schema_text


def command_schema(args: argparse.Namespace) -> int:
    """Print the routine JSON Schema."""
    print(routine_schema_text(), end="")
    return 0
