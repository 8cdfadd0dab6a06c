"""The shapes of the command table: a command, its arguments, and the groups of flags commands share.

Arguments are data (the names and keyword arguments `add_argument` takes), so the parser, shell
completions (`shtab`) and the man page (`argparse-manpage`) all come from the one table. These are
plain classes: named tuples and dataclasses cost milliseconds to define, and `--version` pays that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping


ROUTINE_ID = "routine-id"
"""An argument that names a routine already in the library: completed from `unknot list --ids`."""
PLAN_ID = "plan-id"
"""An argument that names a plan: completed from `unknot plan list --ids`."""
FILE = "file"
"""An argument that names a file (or a folder, for `validate`): completed from the file system."""
DIRECTORY = "directory"
"""An argument that names a folder: completed from the file system's folders."""


class Argument:
    """One argument: its names (`--json`, or a positional's name) and the options `add_argument` takes.

    `completes` says what a shell should offer for its value (ROUTINE_ID, PLAN_ID, FILE, DIRECTORY), where
    `choices` do not already say it; `unknot completion` reads it from the parser's actions.
    """

    __slots__ = ("completes", "names", "options")

    def __init__(self, names: tuple[str, ...], options: Mapping[str, Any], completes: str | None = None) -> None:
        self.names = names
        self.options = options
        self.completes = completes

    def __repr__(self) -> str:
        return f"argument({', '.join(map(repr, self.names))}, ...)"


def argument(*names: str, completes: str | None = None, **options: Any) -> Argument:
    """Declare an argument the way `ArgumentParser.add_argument` is called (and what its value completes to)."""
    return Argument(names, options, completes)


class OneOf:
    """Arguments of which at most one may be given (a mutually exclusive group)."""

    __slots__ = ("arguments",)

    def __init__(self, *arguments: Argument) -> None:
        self.arguments = arguments


class FlagGroup:
    """Flags several commands take, accepted before the command name and after it.

    The options give the value before the command (and when the flag is not given); after it, the
    flag's default is left out so it cannot hide a value given before.
    """

    __slots__ = ("flags", "name")

    def __init__(self, name: str, *flags: Argument) -> None:
        self.name = name
        self.flags = flags

    def __repr__(self) -> str:
        return self.name


class Subcommands:
    """The commands one level down: where the chosen name is kept, how it is shown, and the rows."""

    __slots__ = ("commands", "dest", "help", "metavar")

    def __init__(self, *commands: Command, dest: str, metavar: str, help: str | None = None) -> None:
        self.commands = commands
        self.dest = dest
        self.metavar = metavar
        self.help = help


class Command:
    """One row of the table: a command's name, summary, arguments, flag groups and function."""

    __slots__ = ("arguments", "flags", "function", "name", "subcommands", "summary")

    def __init__(
        self,
        name: str,
        summary: str,
        function: str,
        *,
        arguments: tuple[Argument | OneOf, ...] = (),
        flags: tuple[FlagGroup, ...] = (),
        subcommands: Subcommands | None = None,
    ) -> None:
        self.name = name
        self.summary = summary
        """One line, lower-case, no full stop: shown in `unknot --help`, and as a sentence in its own `--help`."""
        self.function = function
        """`module:function` in `unknot.cli`: imported only when the command runs, so each pays only for itself."""
        self.arguments = arguments
        self.flags = flags
        self.subcommands = subcommands

    def __repr__(self) -> str:
        return f"Command({self.name!r})"

    @property
    def description(self) -> str:
        """The summary as a sentence: capital first letter and a full stop."""
        return self.summary[:1].upper() + self.summary[1:] + "."
