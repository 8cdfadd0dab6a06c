"""The argparse parser built from the table in `commands.py`, and the function a parse chose."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import Any, cast

from .commands import PROGRAM
from .declarations import Argument, Command, OneOf

CommandFunction = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for every command (shell completions and the man page are made from it too)."""
    parser = argparse.ArgumentParser(prog=PROGRAM.name, description=PROGRAM.description)
    _add_command(parser, PROGRAM, top=True)
    return parser


def _add_command(parser: argparse.ArgumentParser, command: Command, *, top: bool) -> None:
    """Add a command's own arguments, its sub-commands, then its flag groups."""
    for item in command.arguments:
        if isinstance(item, OneOf):
            exclusive = parser.add_mutually_exclusive_group()
            for one in item.arguments:
                exclusive.add_argument(*one.names, **one.options)
        else:
            parser.add_argument(*item.names, **item.options)
    if command.subcommands is not None:
        below = command.subcommands
        actions = parser.add_subparsers(dest=below.dest, metavar=below.metavar, help=below.help)
        for row in below.commands:
            _add_command(actions.add_parser(row.name, help=row.summary, description=row.description), row, top=False)
    for group in command.flags:
        for flag in group.flags:
            parser.add_argument(*flag.names, **_flag_options(flag, top=top))


def _flag_options(flag: Argument, *, top: bool) -> dict[str, Any]:
    """A shared flag's options: before the command as declared; after it, without a default of its own.

    A default after the command would replace the value given before it (`--routines D list`).
    """
    options = dict(flag.options)
    if not top:
        options["default"] = argparse.SUPPRESS
    elif isinstance(options.get("default"), list):
        options["default"] = list(options["default"])  # each parse gets its own list
    return options


def chosen_command(args: argparse.Namespace) -> Command:
    """Return the row of the command `args` were parsed for: `unknot` itself when none was named."""
    command = PROGRAM
    while command.subcommands is not None:
        name = getattr(args, command.subcommands.dest, None)
        if name is None:
            break
        command = next(row for row in command.subcommands.commands if row.name == name)
    return command


def command_function(command: Command) -> CommandFunction:
    """Import the module of a command's function (only now: each command pays for its own imports)."""
    module_name, function_name = command.function.split(":")
    module = importlib.import_module(f"{__package__}.{module_name}")
    return cast(CommandFunction, getattr(module, function_name))
