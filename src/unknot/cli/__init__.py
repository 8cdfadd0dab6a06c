"""The `unknot` command line: launch the app, or run one command of the table in `commands.py`.

This module imports almost nothing: `unknot due --short` runs at every shell prompt and `unknot list
--ids` at a Tab in a shell's completion, and both answer before argparse is imported; each command's
module (with what it needs) is imported only when it runs.
"""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .commands import build_parser as build_parser

__all__ = ["UsageError", "build_parser", "main", "run"]


class UsageError(Exception):
    """A mistake on the command line, reported on stderr without a traceback (exit status 2)."""


def __getattr__(name: str) -> Any:
    """Give `build_parser` on first use, so importing the command line does not import argparse."""
    if name == "build_parser":
        from .commands import build_parser

        return build_parser
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _answer_quickly(command: str) -> bool:
    """Print `unknot due --short` or `unknot list --ids` the fast way (see `prompt_line` and
    `current_routine_ids`); False when the slow way must do it."""
    try:
        if command == "due":
            from ..core.plans.quick import prompt_line

            answer = prompt_line()
        else:
            from ..core.library.frequencies import current_routine_ids

            ids = current_routine_ids()
            answer = None if ids is None else "\n".join(ids)
    except Exception:  # a prompt or a completion must never show a traceback; the ordinary path tries again
        return False
    if answer is None:
        return False
    if answer:
        print(answer)
    return True


def replace_what_the_output_cannot_take() -> None:
    """Write `?` for a character stdout or stderr cannot encode (PYTHONIOENCODING=ascii, a latin-1
    locale), instead of ending in a traceback halfway through the output."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and not str(getattr(stream, "encoding", "")).lower().startswith("utf"):
            with contextlib.suppress(ValueError, OSError):  # closed, or not a text stream after all
                reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    replace_what_the_output_cannot_take()
    if argv in (["due", "--short"], ["list", "--ids"]) and _answer_quickly(argv[0]):
        return 0
    from .commands import build_parser, chosen_command, command_function

    args = build_parser().parse_args(argv)
    try:
        return command_function(chosen_command(args))(args)
    except UsageError as error:
        print(f"unknot: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0


def run() -> None:
    """Entry point of the `unknot` console script."""
    sys.exit(main())
