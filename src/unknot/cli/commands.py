"""The table of commands (one row each: summary, arguments, flag groups, function) and the parser built from it.

Adding a command is one function (in a module of this package, importing only what it uses) and one
row here. `build_parser` makes the argparse parser from the rows; `chosen_command` and
`command_function` find the row a parse chose and import its function.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, cast

from .. import __version__
from .argument_types import iso_date, path, port, positive, public_url, time_of_day
from .declarations import FILE, PLAN_ID, ROUTINE_ID, Argument, Command, OneOf, Subcommands, argument
from .examples import examples_text
from .flags import APP_FLAGS, DATA_DIR, REMIND, ROUTINES, SERVED_FLOOR

if TYPE_CHECKING:
    from collections.abc import Callable

    CommandFunction = Callable[[argparse.Namespace], int]

COMPLETION_SHELLS = ("bash", "zsh", "fish")
"""The shells `unknot completion` writes a script for."""

_ID = argument("id", metavar="ID", completes=ROUTINE_ID, help="the routine's id, as `unknot list` shows it")
_PLAN_ID = argument("id", metavar="ID", completes=PLAN_ID, help="the plan's id, as `unknot plan list` shows it")

COMMANDS = (
    Command(
        "list",
        "list the routines with their total time, recently played first",
        "routines:command_list",
        arguments=(
            OneOf(
                argument("--json", action="store_true", help="print a JSON array instead of a table"),
                argument(
                    "--ids",
                    action="store_true",
                    help="print only the ids, one a line (fast: for shell completion)",
                ),
            ),
        ),
        flags=(ROUTINES,),
    ),
    Command(
        "show",
        "print a routine as plain text with its diagrams",
        "routines:command_show",
        arguments=(_ID,),
        flags=(ROUTINES,),
    ),
    Command(
        "validate",
        "check routine and plan files; exit 1 when any has a problem",
        "validate:command_validate",
        arguments=(
            argument(
                "paths",
                metavar="PATH",
                nargs="*",
                type=path,
                completes=FILE,
                help="files or folders (default: the whole library)",
            ),
            argument(
                "--watch",
                action="store_true",
                help="check again after every save and print the new result, until Ctrl+C",
            ),
        ),
        flags=(ROUTINES,),
    ),
    Command(
        "schema",
        "print the JSON Schema of a routine file (or of a plan file)",
        "schema:command_schema",
        arguments=(argument("--plan", action="store_true", help="the schema of a plan file instead"),),
    ),
    Command(
        "voice",
        "say which speech engine the spoken guide uses here, or why none works",
        "voice:command_voice",
        arguments=(
            argument("--test", action="store_true", help="say a sample sentence with it and report how that went"),
        ),
    ),
    Command(
        "new",
        "write a new routine file to start from in your routines folder",
        "authoring:command_new",
        arguments=(
            argument("id", metavar="ID", help="the new routine's id: lower-case letters, digits and dashes"),
            argument(
                "--from",
                dest="source",
                metavar="SOURCE",
                completes=ROUTINE_ID,
                help="copy the routine SOURCE instead of the starter",
            ),
        ),
        flags=(ROUTINES,),
    ),
    Command(
        "edit",
        "open a routine in $VISUAL or $EDITOR, then check it",
        "authoring:command_edit",
        arguments=(
            argument(
                "id",
                metavar="ID",
                completes=ROUTINE_ID,
                help="the routine's id (a shipped routine is copied to your folder first)",
            ),
        ),
        flags=(ROUTINES,),
    ),
    Command(
        "play",
        "open the player on one routine",
        "app:command_play",
        arguments=(_ID,),
        flags=(ROUTINES, DATA_DIR, APP_FLAGS),
    ),
    Command(
        "history",
        "print past sessions, the streak and pain before/after",
        "history:command_history",
        arguments=(
            OneOf(
                argument("--json", action="store_true", help="print a JSON array of sessions"),
                argument(
                    "--csv",
                    action="store_true",
                    help="print the sessions as CSV with a header row (the fields of --json)",
                ),
                argument(
                    "--chart",
                    action="store_true",
                    help="print the pain chart (before/after, sessions and minutes a week) and its numbers",
                ),
            ),
            argument(
                "--weeks",
                type=int,
                choices=(4, 12, 52),
                default=12,
                help="the weeks --chart covers: 4, 12 (the default) or 52",
            ),
        ),
        flags=(ROUTINES, DATA_DIR),
        subcommands=Subcommands(
            Command(
                "import",
                "add the sessions of a `history --json` (or `--csv`) file that history does not have yet",
                "history:command_history_import",
                arguments=(
                    argument(
                        "file",
                        metavar="FILE",
                        type=path,
                        completes=FILE,
                        help="the exported file, or - to read standard input",
                    ),
                ),
                flags=(DATA_DIR,),
            ),
            dest="history_command",
            metavar="import",
            help="import FILE: add the sessions exported on another machine",
        ),
    ),
    Command(
        "report",
        "write a report for a physiotherapist: sessions, minutes, pain before/after, notes (HTML, or PDF)",
        "report:command_report",
        arguments=(
            argument(
                "--from", dest="from_date", metavar="DATE", type=iso_date, help="first day (default: 12 weeks ago)"
            ),
            argument("--to", dest="to_date", metavar="DATE", type=iso_date, help="last day (default: today)"),
            argument(
                "--routine",
                metavar="ID",
                nargs="+",
                action="extend",
                completes=ROUTINE_ID,
                help="only these routines (one or more ids; default: all)",
            ),
            argument(
                "--html", metavar="FILE", type=path, completes=FILE, help="write one self-contained HTML page to FILE"
            ),
            argument(
                "--pdf",
                metavar="FILE",
                type=path,
                completes=FILE,
                help="also print it to FILE as PDF, with a Chromium or Chrome found on this machine",
            ),
        ),
        flags=(DATA_DIR,),
    ),
    Command("resume", "resume a session that was cut off", "app:command_resume", flags=(ROUTINES, DATA_DIR, APP_FLAGS)),
    Command(
        "due",
        "what is due today and this week, from how often each routine is meant to be done",
        "due:command_due",
        arguments=(
            argument(
                "--json", action="store_true", help="print a JSON array: id, title, status, count_today, count_week"
            ),
            argument(
                "--short",
                action="store_true",
                help="print one plain line (or nothing) for a shell prompt or tmux status line",
            ),
        ),
        flags=(ROUTINES, DATA_DIR),
    ),
    Command(
        "plan",
        "plans that build up over weeks: list, show, start, stop, status, export (status when none is named)",
        "plans:command_plan_status",
        flags=(ROUTINES, DATA_DIR),
        subcommands=Subcommands(
            Command(
                "list",
                "list the plans: id, days and title",
                "plans:command_plan_list",
                arguments=(
                    OneOf(
                        argument("--json", action="store_true", help="print a JSON array: id, title, days"),
                        argument("--ids", action="store_true", help="print only the ids, one a line (for completion)"),
                    ),
                ),
                flags=(ROUTINES,),
            ),
            Command(
                "show",
                "print a plan as text: its phases, days, durations and rules",
                "plans:command_plan_show",
                arguments=(_PLAN_ID,),
                flags=(ROUTINES,),
            ),
            Command(
                "start",
                "follow a plan from today (in place of any plan followed before)",
                "plans:command_plan_start",
                arguments=(
                    _PLAN_ID,
                    argument(
                        "--from",
                        dest="start",
                        metavar="DATE",
                        type=iso_date,
                        default=None,
                        help="the plan's first day instead of today (YYYY-MM-DD)",
                    ),
                ),
                flags=(ROUTINES, DATA_DIR),
            ),
            Command("stop", "stop following the plan", "plans:command_plan_stop", flags=(DATA_DIR,)),
            Command(
                "export",
                "write the plan's days as calendar events (an .ics file), one a day with a reminder",
                "plans:command_plan_export",
                arguments=(
                    argument(
                        "id",
                        metavar="ID",
                        nargs="?",
                        default=None,
                        completes=PLAN_ID,
                        help="the plan to export (default: the plan followed)",
                    ),
                    argument(
                        "--ics",
                        metavar="FILE",
                        type=path,
                        completes=FILE,
                        help="write the calendar (RFC 5545) to FILE; - writes it to standard output",
                    ),
                    argument(
                        "--at",
                        metavar="HH:MM",
                        type=time_of_day,
                        default=None,
                        help="the time of each day's event, local time (default: 18:00)",
                    ),
                    argument(
                        "--from",
                        dest="start",
                        metavar="DATE",
                        type=iso_date,
                        default=None,
                        help="for a plan not followed: its first day (default: today)",
                    ),
                ),
                flags=(ROUTINES, DATA_DIR),
            ),
            Command(
                "status",
                "the followed plan's day: phase, sessions, whether progress is held",
                "plans:command_plan_status",
                flags=(ROUTINES, DATA_DIR),
            ),
            dest="plan_command",
            metavar="list|show|start|stop|status|export",
            help="what to do with plans (without one: status)",
        ),
    ),
    Command(
        "today",
        "the followed plan's day: each session with its length today, done or not",
        "plans:command_today",
        arguments=(
            argument(
                "--json",
                action="store_true",
                help="print a JSON object: plan, day, days, phase, held, reason, items",
            ),
        ),
        flags=(ROUTINES, DATA_DIR),
    ),
    Command(
        "doctor",
        "say what may stop notifications, sound or history working here, and what to do (changes nothing)",
        "doctor:command_doctor",
        arguments=(argument("--json", action="store_true", help="print the findings as JSON, for a bug report"),),
        flags=(ROUTINES, DATA_DIR),
    ),
    Command(
        "completion",
        "print the shell completion script for bash, zsh or fish",
        "completion:command_completion",
        arguments=(
            argument(
                "shell",
                metavar="SHELL",
                choices=COMPLETION_SHELLS,
                help="bash, zsh or fish; the script's first line says what to add to that shell's rc file",
            ),
        ),
    ),
    Command(
        "serve",
        "serve the app to a browser (a phone or tablet beside the mat), token required",
        "serve:command_serve",
        arguments=(
            argument(
                "--host",
                default="127.0.0.1",
                help="address to listen on (default 127.0.0.1: this machine only; 0.0.0.0: the network)",
            ),
            argument("--port", type=port, default=8765, help="port to listen on (default 8765)"),
            argument(
                "--public-url",
                metavar="URL",
                type=public_url,
                default=None,
                help="the address browsers use, when it is not host:port "
                "(e.g. https://mat.example.org behind a TLS proxy)",
            ),
            argument(
                "--max-sessions", metavar="N", type=positive, default=3, help="most app processes at once (default 3)"
            ),
            argument(
                "--token-file",
                metavar="FILE",
                type=path,
                completes=FILE,
                default=None,
                help="keep the access token in FILE (made 0600 if missing) so the address survives restarts",
            ),
            argument("--no-qr", action="store_true", help="print the address without the QR code"),
            argument(
                "--tls-cert",
                metavar="FILE",
                type=path,
                default=None,
                help="serve over HTTPS with this certificate (PEM), so a phone keeps its screen awake",
            ),
            argument("--tls-key", metavar="FILE", type=path, default=None, help="the certificate's private key (PEM)"),
        ),
        flags=(ROUTINES, DATA_DIR, SERVED_FLOOR),
    ),
)
"""Every command, in the order `unknot --help` lists them."""

PROGRAM = Command(
    "unknot",
    "a terminal guide through back-pain-relief routines. Not medical advice",
    "app:command_app",
    arguments=(argument("--version", action="version", version=f"unknot {__version__}"),),
    flags=(ROUTINES, REMIND, DATA_DIR, APP_FLAGS),
    subcommands=Subcommands(*COMMANDS, dest="command", metavar="COMMAND"),
)
"""`unknot` itself: its flags, and the full-screen app when no command is named."""


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for every command (shell completions and the man page are made from it too)."""
    parser = argparse.ArgumentParser(
        prog=PROGRAM.name,
        description=_wrapped(PROGRAM.description),
        epilog=examples_text(PROGRAM.name),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_command(parser, PROGRAM, top=True)
    return parser


def _add_command(parser: argparse.ArgumentParser, command: Command, *, top: bool, words: str = "") -> None:
    """Add a command's own arguments, its sub-commands, then its flag groups.

    A command's own sub-commands (`history import`, `plan start`) are optional (the command does
    something without one), so they are listed after its examples rather than in the usage line,
    where argparse would show them as required.
    """
    for item in command.arguments:
        if isinstance(item, OneOf):
            exclusive = parser.add_mutually_exclusive_group()
            for one in item.arguments:
                _completes(exclusive.add_argument(*one.names, **one.options), one)
        else:
            _completes(parser.add_argument(*item.names, **item.options), item)
    if command.subcommands is not None:
        below = command.subcommands
        actions = parser.add_subparsers(dest=below.dest, metavar=below.metavar, help=below.help)
        if not top:
            parser.formatter_class = _OptionalCommandsLast
        for row in below.commands:
            row_words = f"{words} {row.name}".strip()
            child = actions.add_parser(
                row.name,
                help=row.summary,
                description=_wrapped(row.description),
                epilog=examples_text(row_words),
                formatter_class=argparse.RawDescriptionHelpFormatter,
            )
            _add_command(child, row, top=False, words=row_words)
        if not top:
            parser.epilog = "\n\n".join(filter(None, [parser.epilog, _optional_commands(words, below)]))
    for group in command.flags:
        for flag in group.flags:
            _completes(parser.add_argument(*flag.names, **_flag_options(flag, top=top)), flag)


class _OptionalCommandsLast(argparse.RawDescriptionHelpFormatter):
    """`--help` of a command whose sub-commands are optional: they are left out of the usage line and
    the arguments (where argparse shows them as required, and twice) and listed after the examples.

    Only the help text changes: completion and the man page still read the sub-commands from the parser.
    """

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: Any = None) -> None:
        """The usage line without the sub-commands."""
        kept = [action for action in actions if not isinstance(action, argparse._SubParsersAction)]
        super().add_usage(usage, kept, groups, prefix)

    def add_arguments(self, actions: Any) -> None:
        """The arguments without the sub-commands."""
        super().add_arguments([action for action in actions if not isinstance(action, argparse._SubParsersAction)])


def _wrapped(text: str) -> str:
    """`text` wrapped for an 80-column terminal (the help is laid out raw, so the examples keep their lines)."""
    import textwrap

    return textwrap.fill(text, 79)


def _optional_commands(words: str, below: Subcommands) -> str:
    """The sub-commands of `unknot WORDS`, each with its summary, wrapped for 80 columns."""
    import textwrap

    names = [f"unknot {words} {row.name}" for row in below.commands]
    width = max(len(name) for name in names) + 4
    lines = ["commands (optional; each has its own --help):"]
    for name, row in zip(names, below.commands, strict=True):
        wrapped = textwrap.wrap(row.summary, 79 - width) or [""]
        lines.append(f"  {name:<{width - 2}}{wrapped[0]}")
        lines += [" " * width + more for more in wrapped[1:]]
    return "\n".join(lines)


def _completes(action: argparse.Action, declared: Argument) -> None:
    """Keep on the parser's action what its value completes to, for `unknot completion` to read."""
    if declared.completes is not None:
        action.completes = declared.completes  # type: ignore[attr-defined]  # argparse keeps no such field


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
    from importlib import import_module  # not before: `unknot --version` and `--help` never need it

    module_name, function_name = command.function.split(":")
    module = import_module(f"{__package__}.{module_name}")
    return cast("CommandFunction", getattr(module, function_name))
