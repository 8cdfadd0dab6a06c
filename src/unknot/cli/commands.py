"""The table of commands: one row each, with its summary, arguments, flag groups and function.

Adding a command is one function (in a module of this package, importing only what it uses) and one
row here. `parser.py` builds the argparse parser from these rows, and finds the function a parse chose.
"""

from __future__ import annotations

from pathlib import Path

from .. import __version__
from .argument_types import port, positive, public_url
from .declarations import Command, OneOf, Subcommands, argument
from .flags import APP_FLAGS, DATA_DIR, REMIND, ROUTINES, SERVED_FLOOR

_ID = argument("id", metavar="ID", help="the routine's id, as `unknot list` shows it")

COMMANDS = (
    Command(
        "list",
        "list the routines with their total time, recently played first",
        "routines:command_list",
        arguments=(argument("--json", action="store_true", help="print a JSON array instead of a table"),),
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
        "check routine files; exit 1 when any has a problem",
        "validate:command_validate",
        arguments=(
            argument(
                "paths", metavar="PATH", nargs="*", type=Path, help="files or folders (default: the whole library)"
            ),
            argument(
                "--watch",
                action="store_true",
                help="check again after every save and print the new result, until Ctrl+C",
            ),
        ),
        flags=(ROUTINES,),
    ),
    Command("schema", "print the JSON Schema of a routine file", "schema:command_schema"),
    Command(
        "new",
        "write a new routine file to start from in your routines folder",
        "authoring:command_new",
        arguments=(
            argument("id", metavar="ID", help="the new routine's id: lower-case letters, digits and dashes"),
            argument("--from", dest="source", metavar="SOURCE", help="copy the routine SOURCE instead of the starter"),
        ),
        flags=(ROUTINES,),
    ),
    Command(
        "edit",
        "open a routine in $VISUAL or $EDITOR, then check it",
        "authoring:command_edit",
        arguments=(
            argument("id", metavar="ID", help="the routine's id (a shipped routine is copied to your folder first)"),
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
            ),
        ),
        flags=(ROUTINES, DATA_DIR),
        subcommands=Subcommands(
            Command(
                "import",
                "add the sessions of a `history --json` (or `--csv`) file that history does not have yet",
                "history:command_history_import",
                arguments=(
                    argument("file", metavar="FILE", type=Path, help="the exported file, or - to read standard input"),
                ),
                flags=(DATA_DIR,),
            ),
            dest="history_command",
            metavar="import",
            help="import FILE: add the sessions exported on another machine",
        ),
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
                type=Path,
                default=None,
                help="keep the access token in FILE (made 0600 if missing) so the address survives restarts",
            ),
            argument("--no-qr", action="store_true", help="print the address without the QR code"),
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
