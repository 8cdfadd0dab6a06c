"""The `unknot` command line: launch the app, or list, show, validate routines and print the schema."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, startup

if TYPE_CHECKING:
    import argparse
    import threading

    from .core.history.store import HistoryStore
    from .core.library.library import Library
    from .core.library.watching import RoutineChanges
    from .core.preferences import RunOverrides
    from .core.routines.problems import Problem

# Each command imports what it needs: launching the app must not pay for SQLite, JSON or the
# history report before its first frame.


class UsageError(Exception):
    """A mistake on the command line, reported on stderr without a traceback."""


def _add_common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # Accepted before or after the command; the sub-parser's default must not hide the top one.
    import argparse

    default: object = [] if top else argparse.SUPPRESS
    parser.add_argument(
        "--routines",
        metavar="DIR",
        action="append",
        type=Path,
        default=default,
        help="also load routines from DIR (repeatable; searched after the user folder and UNKNOT_ROUTINES)",
    )


def _command(commands: Any, name: str, summary: str) -> argparse.ArgumentParser:
    """Add a command whose one-line summary shows both in `unknot --help` and in its own `--help`."""
    parser: argparse.ArgumentParser = commands.add_parser(
        name, help=summary, description=summary[:1].upper() + summary[1:] + "."
    )
    return parser


def _remind_interval(value: str) -> int:
    """Read `--remind`: seconds, or 0 for `off`."""
    import argparse

    from .core.reminder import parse_remind_every
    from .core.routines.durations import DurationError

    if value.strip().lower() in ("off", "0"):
        return 0
    try:
        return parse_remind_every(value)
    except DurationError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _port(value: str) -> int:
    """Read `--port`: 1..65535."""
    import argparse

    if not value.isdigit() or not 0 < int(value) < 65536:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port (1 to 65535)")
    return int(value)


def _positive(value: str) -> int:
    """Read a whole number of at least 1."""
    import argparse

    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return int(value)


def _public_url(value: str) -> str:
    """Read `--public-url`: an http or https address with a host."""
    import argparse
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise argparse.ArgumentTypeError(f"{value!r} is not an http:// or https:// address (no ? or #)")
    return value.rstrip("/")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for every command."""
    import argparse  # here, not at the top: `unknot due --short` at a prompt never needs it

    from .core.notify import NotifyMode

    parser = argparse.ArgumentParser(
        prog="unknot",
        description="A terminal guide through back-pain-relief routines. Not medical advice.",
    )
    parser.add_argument("--version", action="version", version=f"unknot {__version__}")
    _add_common(parser, top=True)
    parser.add_argument(
        "--remind",
        metavar="DURATION",
        type=_remind_interval,
        default=None,
        help="remind to take a break after DURATION with no session (e.g. 50m, at least 1m; off for none); "
        'overrides "remind_every" in settings.json',
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        type=Path,
        default=None,
        help="keep history in DIR (default: UNKNOT_DATA_DIR, else ~/.local/share/unknot)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    listing = _command(commands, "list", "list the routines with their total time, recently played first")
    listing.add_argument("--json", action="store_true", help="print a JSON array instead of a table")
    show = _command(commands, "show", "print a routine as plain text with its diagrams")
    show.add_argument("id", metavar="ID", help="the routine's id, as `unknot list` shows it")
    validate = _command(commands, "validate", "check routine files; exit 1 when any has a problem")
    validate.add_argument(
        "paths", metavar="PATH", nargs="*", type=Path, help="files or folders (default: the whole library)"
    )
    validate.add_argument(
        "--watch",
        action="store_true",
        help="check again after every save and print the new result, until Ctrl+C",
    )
    _command(commands, "schema", "print the JSON Schema of a routine file")
    new = _command(commands, "new", "write a new routine file to start from in your routines folder")
    new.add_argument("id", metavar="ID", help="the new routine's id: lower-case letters, digits and dashes")
    new.add_argument("--from", dest="source", metavar="SOURCE", help="copy the routine SOURCE instead of the starter")
    edit = _command(commands, "edit", "open a routine in $VISUAL or $EDITOR, then check it")
    edit.add_argument("id", metavar="ID", help="the routine's id (a shipped routine is copied to your folder first)")
    play = _command(commands, "play", "open the player on one routine")
    play.add_argument("id", metavar="ID", help="the routine's id, as `unknot list` shows it")
    history = _command(commands, "history", "print past sessions, the streak and pain before/after")
    history_form = history.add_mutually_exclusive_group()
    history_form.add_argument("--json", action="store_true", help="print a JSON array of sessions")
    history_form.add_argument(
        "--csv", action="store_true", help="print the sessions as CSV with a header row (the fields of --json)"
    )
    history_commands = history.add_subparsers(
        dest="history_command", metavar="import", help="import FILE: add the sessions exported on another machine"
    )
    importing = _command(
        history_commands,
        "import",
        "add the sessions of a `history --json` (or `--csv`) file that history does not have yet",
    )
    importing.add_argument("file", metavar="FILE", type=Path, help="the exported file, or - to read standard input")
    resume = _command(commands, "resume", "resume a session that was cut off")
    due = _command(commands, "due", "what is due today and this week, from how often each routine is meant to be done")
    due.add_argument(
        "--json", action="store_true", help="print a JSON array: id, title, status, count_today, count_week"
    )
    due.add_argument(
        "--short", action="store_true", help="print one plain line (or nothing) for a shell prompt or tmux status line"
    )
    serve = _command(commands, "serve", "serve the app to a browser (a phone or tablet beside the mat), token required")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only; 0.0.0.0: the network)",
    )
    serve.add_argument("--port", type=_port, default=8765, help="port to listen on (default 8765)")
    serve.add_argument(
        "--public-url",
        metavar="URL",
        type=_public_url,
        default=None,
        help="the address browsers use, when it is not host:port (e.g. https://mat.example.org behind a TLS proxy)",
    )
    serve.add_argument(
        "--max-sessions", metavar="N", type=_positive, default=3, help="most app processes at once (default 3)"
    )
    serve.add_argument(
        "--token-file",
        metavar="FILE",
        type=Path,
        default=None,
        help="keep the access token in FILE (made 0600 if missing) so the address survives restarts",
    )
    serve.add_argument("--no-qr", action="store_true", help="print the address without the QR code")
    for sub in (listing, show, validate, play, history, resume, due, new, edit, serve):
        _add_common(sub, top=False)
    for sub in (history, importing, resume, play, due, serve):
        sub.add_argument(
            "--data-dir",
            metavar="DIR",
            type=Path,
            default=argparse.SUPPRESS,
            help="keep history in DIR (default: UNKNOT_DATA_DIR, else ~/.local/share/unknot)",
        )
    serve.add_argument(
        "--floor",
        action="store_true",
        default=argparse.SUPPRESS,
        help="open each session's player in the floor view: a large clock to read from a mat",
    )
    for sub in (parser, play, resume):
        sub.add_argument(
            "--no-mouse",
            action="store_true",
            default=False if sub is parser else argparse.SUPPRESS,
            help="turn mouse tracking off (for slow links); the app is fully usable from the keyboard",
        )
        sub.add_argument(
            "--notify",
            metavar="MODE",
            choices=[mode.value for mode in NotifyMode],
            default=None if sub is parser else argparse.SUPPRESS,
            help="desktop notifications while the terminal is in the background: off, osc9, osc777, osc99, "
            "or auto (the default: chosen from the terminal)",
        )
        sub.add_argument(
            "--floor",
            action="store_true",
            default=False if sub is parser else argparse.SUPPRESS,
            help="open the player in the floor view: a large clock to read from a mat across the room",
        )
    return parser


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def _library(args: argparse.Namespace, write: bool = True) -> Library:
    from .core.library.cache import CACHE_FILE, load_library_cached
    from .core.paths import routine_folders, user_cache_dir

    library = load_library_cached(routine_folders(args.routines), user_cache_dir() / CACHE_FILE, write=write)
    library.problems[:0] = _named_folder_problems(args)
    return library


def _named_folder_problems(args: argparse.Namespace) -> list[Problem]:
    """A problem for each folder named by --routines or UNKNOT_ROUTINES that cannot be read."""
    from .core.paths import folder_problem, named_routine_folders
    from .core.routines.problems import Problem

    return [
        Problem(folder, problem)
        for folder in named_routine_folders(args.routines)
        if (problem := folder_problem(folder)) is not None
    ]


def _need_terminal() -> None:
    """Refuse at once, with a clear message, to open the full-screen app where there is no terminal."""
    if os.environ.get("TEXTUAL_DRIVER", "").endswith(":WebDriver"):
        return  # started by `unknot serve`: the browser is the terminal
    try:
        interactive = sys.stdin is not None and sys.stdout is not None and sys.stdin.isatty() and sys.stdout.isatty()
    except (ValueError, OSError):  # a closed stream
        interactive = False
    if not interactive:
        raise UsageError(
            "the app needs a terminal (standard input and output must be a terminal); "
            "`unknot list`, `show`, `history` and `validate` work without one"
        )
    if os.environ.get("TERM") == "dumb":
        raise UsageError("the app cannot draw on TERM=dumb; set TERM to your terminal's type (e.g. xterm-256color)")


def _summarise_problems(library: Library) -> None:
    _print_problems(library.notices)
    if library.errors:
        count = len(library.errors)
        print(
            f"unknot: {count} routine file{'s' if count != 1 else ''} could not be loaded; "
            "run `unknot validate` for the details",
            file=sys.stderr,
        )


def command_list(args: argparse.Namespace) -> int:
    """Print every routine: a table, or a JSON array with --json."""
    import json

    from .core.library.search import browse_order
    from .core.routines.describe import equipment_text, total_text
    from .core.routines.text import shown_path
    from .core.settings import SettingsStore

    library = _library(args)
    entries = browse_order(library.routines.values(), SettingsStore().load().recent)
    if args.json:
        rows = [
            {
                "id": entry.id,
                "title": entry.routine.title,
                "summary": entry.routine.summary,
                "total_seconds": entry.total_seconds,
                "open_ended": entry.open_ended,
                "steps": len(entry.routine.steps),
                "equipment": list(entry.routine.equipment),
                "areas": list(entry.routine.areas),
                "tags": list(entry.routine.tags),
                "intensity": entry.routine.intensity,
                "path": shown_path(entry.path),
            }
            for entry in entries
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        width = max((len(entry.id) for entry in entries), default=2)
        for entry in entries:
            time = total_text(entry.total_seconds, entry.open_ended)
            print(f"{entry.id:<{width}}  {time:>7}  {entry.card.title}  [{equipment_text(entry.card.equipment)}]")
    _summarise_problems(library)
    return 0


def command_show(args: argparse.Namespace) -> int:
    """Print one routine as plain text."""
    from .core.routines.describe import describe_routine

    library = _library(args)
    entry = library.routines.get(args.id)
    if entry is None:
        raise UsageError(f"no routine with the id {args.id!r}; `unknot list` shows the ids")
    print(describe_routine(entry.routine, entry.total_seconds, entry.open_ended), end="")
    return 0


def command_validate(args: argparse.Namespace) -> int:
    """Check files or folders (or the whole library); one located line per problem.

    With `--watch`, check again after every change until Ctrl+C; the status is the last check's.
    """
    status = _check_and_print(args)
    return _validate_on_change(args, status) if args.watch else status


def _check_and_print(args: argparse.Namespace) -> int:
    """Validate once and print the result; 1 when there is a problem."""
    library = _validated(args, args.paths)
    _print_problems(library.problems)
    errors = len(library.errors)
    count = len(library.routines)
    if errors:
        print(
            f"{errors} problem{'s' if errors != 1 else ''}; {count} routine{'s' if count != 1 else ''} valid",
            file=sys.stderr,
        )
        return 1
    print(f"{count} routine{'s' if count != 1 else ''} valid")
    return 0


def _validate_on_change(args: argparse.Namespace, status: int) -> int:
    """Check again after each batch of changes to the named paths or the search path, until Ctrl+C."""
    import threading
    import time

    from .core.library.watching import RoutineChanges, WatchFailed
    from .core.paths import routine_folders
    from .core.routines.text import shown_path

    # The search path counts too: a `use:` or a diagram there can change what the named files mean.
    folders = [*routine_folders(args.routines), *(path for path in args.paths if path.is_dir())]
    changes = RoutineChanges(folders, files=[path for path in args.paths if not path.is_dir()])
    stop = threading.Event()
    print("Watching for changes; Ctrl+C stops.", file=sys.stderr, flush=True)
    try:
        for batch in change_batches(changes, stop):
            names = ", ".join(shown_path(Path(path)) for path in batch[:3]) + (" …" if len(batch) > 3 else "")
            print(f"\n{time.strftime('%H:%M:%S')} changed: {names}", flush=True)
            status = _check_and_print(args)
            sys.stdout.flush()
    except WatchFailed as error:
        raise UsageError(f"cannot watch for changes: {error}") from None
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
    return status


def change_batches(changes: RoutineChanges, stop: threading.Event) -> Iterator[list[str]]:
    """The batches of changed paths `validate --watch` checks after (tests put theirs in its place)."""
    from .core.library.watching import routine_changes

    return routine_changes(changes, stop)


def _validated(args: argparse.Namespace, paths: Sequence[Path]) -> Library:
    """Load `paths` (files or folders; the whole library when none) for checking, with every problem."""
    from .core.library.library import Library
    from .core.library.loader import Unresolved, add_routine_files, load_diagrams, load_library
    from .core.paths import folder_problem, routine_folders, yaml_files
    from .core.routines.problems import Problem

    folders = routine_folders(args.routines)
    if not paths:
        library = load_library(folders)
    else:
        library = Library()
        targets = [path for path in paths if path.is_dir()]
        # A folder named both on the search path and as an argument is read once.
        searched = [folder for folder in folders if not any(_same(folder, target) for target in targets)]
        load_diagrams([*searched, *targets], library)
        unresolved = Unresolved()
        for path in paths:
            if path.is_dir():
                problem = folder_problem(path)
                if problem is not None:
                    library.problems.append(Problem(path, problem))
                else:
                    add_routine_files(yaml_files(path), library, unresolved)
            elif not path.exists() and not path.is_symlink():
                library.problems.append(Problem(path, "no such file or folder"))
            else:
                add_routine_files([path], library, unresolved)
        # `use:` may name any routine on the search path, not only those being checked.
        unresolved.resolve(library, load_library(searched).routines if unresolved.pending else None)
    library.problems[:0] = _named_folder_problems(args)
    return library


def _same(one: Path, other: Path) -> bool:
    try:
        return one.exists() and other.exists() and one.samefile(other)
    except OSError:
        return False


def command_new(args: argparse.Namespace) -> int:
    """Write a starter routine (or a copy of another) into the user folder; print its path."""
    from .core.authoring import AuthoringError, check_new_id, copy_text, create_routine_file, starter_text

    try:
        check_new_id(args.id)
        if args.source:
            entry = _library(args).routines.get(args.source)
            if entry is None:
                raise UsageError(f"no routine with the id {args.source!r} to copy; `unknot list` shows the ids")
            text = copy_text(entry.path.read_text(encoding="utf-8"), args.id)  # without `id:`, the file name is it
        else:
            text = starter_text(args.id)
        path = create_routine_file(args.id, text)
    except AuthoringError as error:
        print(f"unknot: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        raise UsageError(f"cannot write the routine: {error.strerror or error}") from None
    print(path)
    return 0


def command_edit(args: argparse.Namespace) -> int:
    """Open a routine in the editor, check it when the editor closes, and offer to reopen at the first problem."""
    import subprocess

    from .core.authoring import AuthoringError, edit_target, editor_command
    from .core.routines.text import shown_path

    try:
        path, notice = edit_target(_library(args), args.id)
    except AuthoringError as error:
        raise UsageError(str(error)) from None
    if notice:
        print(f"unknot: {notice}", file=sys.stderr)
    line: int | None = None
    while True:
        try:
            command = editor_command(os.environ, path, line)
            subprocess.run(command, check=False)
        except AuthoringError as error:
            raise UsageError(str(error)) from None
        except OSError as error:
            raise UsageError(f"cannot start the editor {command[0]!r}: {error.strerror or error}") from None
        errors = [problem for problem in _validated(args, [path]).errors if problem.path == path]
        if not errors:
            print(f"{shown_path(path)}: valid")
            return 0
        _print_problems(errors)
        if not sys.stdin.isatty():
            return 1
        try:
            answer = input(f"Open the editor again at line {errors[0].line}? [Y/n] ")
        except EOFError:
            return 1
        if answer.strip().lower() in ("n", "no"):
            return 1
        line = errors[0].line


def command_schema(args: argparse.Namespace) -> int:
    """Print the routine JSON Schema."""
    from .core.routines.schema import routine_schema_text

    print(routine_schema_text(), end="")
    return 0


def _history(args: argparse.Namespace) -> HistoryStore:
    from .core.history.store import HistoryStore
    from .core.paths import data_dir

    return HistoryStore(data_dir(args.data_dir))


def command_serve(args: argparse.Namespace) -> int:
    """Serve the app to browsers until Ctrl+C (`unknot serve`)."""
    import asyncio

    from .serving.access import TokenFileError, new_token, token_from_file
    from .serving.run import ServeError, ServeOptions, configure_logging, serve
    from .serving.server import ServeConfig

    try:
        token = token_from_file(args.token_file) if args.token_file else new_token()
    except TokenFileError as error:
        raise UsageError(str(error)) from None
    argv = [sys.executable, "-m", "unknot"]
    for folder in args.routines:
        argv += ["--routines", str(folder.resolve())]
    if getattr(args, "data_dir", None) is not None:
        argv += ["--data-dir", str(args.data_dir.resolve())]
    if getattr(args, "floor", False):
        argv.append("--floor")
    config = ServeConfig(
        token=token, argv=argv, port=args.port, public_url=args.public_url, max_sessions=args.max_sessions
    )
    configure_logging(sys.stderr)
    try:
        asyncio.run(serve(ServeOptions(config=config, host=args.host, show_qr=not args.no_qr)))
    except ServeError as error:
        raise UsageError(str(error)) from None
    return 0


def command_app(args: argparse.Namespace, start_routine_id: str | None = None, resume: bool = False) -> int:
    """Launch the full-screen app (on one routine with `play`, on the interrupted session with `resume`)."""
    startup.pause_collection()
    from .core.paths import user_routines_dir
    from .ui.app import make_app
    from .ui.options import AppOptions

    # The app watches this folder for new routines; made before the library is read, so making it
    # does not leave the compiled copy just written out of date.
    with contextlib.suppress(OSError):
        user_routines_dir().mkdir(parents=True, exist_ok=True)
    library = _library(args)
    if start_routine_id is not None and start_routine_id not in library.routines:
        raise UsageError(f"no routine with the id {start_routine_id!r}; `unknot list` shows the ids")
    opened: HistoryStore | None = None
    if resume:  # fail before the screen is taken over when there is nothing to resume
        opened = _history(args)
        if not opened.interrupted():
            raise UsageError("no interrupted session to resume" if opened.available else str(opened.problem))

    _need_terminal()

    def open_history() -> HistoryStore:
        return opened if opened is not None else _history(args)

    app = make_app(
        AppOptions(
            library=library,
            extra_routine_folders=args.routines,
            start_routine_id=start_routine_id,
            overrides=run_overrides(args),
            open_history=open_history,
            exit_after_session=resume,
            watch_routines=True,
        )
    )
    app.run(mouse=app.settings.mouse)
    app.close_history()
    return app.return_code or 0


def run_overrides(args: argparse.Namespace) -> RunOverrides:
    """The settings this run's flags override: `--floor`, `--notify`, `--remind`, `--no-mouse`."""
    from .core.notify import NotifyMode
    from .core.preferences import RunOverrides
    from .core.routines.durations import format_duration

    given: dict[str, Any] = {}
    if args.floor:
        given["floor"] = True
    if args.notify:
        given["notify"] = NotifyMode(args.notify)
    remind = getattr(args, "remind", None)
    if remind is not None:
        given["remind_every"] = format_duration(remind) if remind else None
    if args.no_mouse:
        given["mouse"] = False
    return RunOverrides(**given)


def command_resume(args: argparse.Namespace) -> int:
    """Open the app on the session that was cut off."""
    return command_app(args, resume=True)


def command_history(args: argparse.Namespace) -> int:
    """Print history: a JSON array of sessions, or the streak, the chart, pain averages and recent sessions."""
    import datetime
    import json

    from .core.history.report import report_from_store, report_text, session_json

    if getattr(args, "history_command", None) == "import":
        return command_history_import(args)
    store = _history(args)
    if not store.available:
        raise UsageError(str(store.problem))
    if store.notice:
        print(f"unknot: {store.notice}", file=sys.stderr)
    report = report_from_store(store, datetime.date.today())
    if args.json:
        print(json.dumps([session_json(row) for row in report.rows], indent=2, ensure_ascii=False))
    elif args.csv:
        from .core.history.exchange import sessions_csv

        print(sessions_csv(report.rows), end="")
    else:
        print(report_text(report), end="")
    return 0


def command_history_import(args: argparse.Namespace) -> int:
    """Add the sessions of an exported file; each bad row is reported by its place, and makes the exit 1."""
    from .core.history.exchange import MAX_IMPORT_BYTES, UnreadableFile, read_import
    from .core.routines.text import shown_path
    from .core.safe_files import read_regular_file

    name = "standard input" if str(args.file) == "-" else shown_path(args.file)
    try:
        if str(args.file) == "-":
            data = sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1)
            if len(data) > MAX_IMPORT_BYTES:
                raise UsageError(f"{name} is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB")
        else:
            data = read_regular_file(args.file, MAX_IMPORT_BYTES)
        found = read_import(data.decode("utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{name}: no such file") from None
    except UnicodeDecodeError:
        raise UsageError(f"{name}: not UTF-8 text") from None
    except UnreadableFile as error:
        raise UsageError(f"{name}: {error}") from None
    except OSError as error:
        raise UsageError(f"{name}: cannot read it ({error.strerror or 'not a regular file, or too large'})") from None
    for problem in found.bad:
        print(f"unknot: {name}: {problem}", file=sys.stderr)
    for skipped in found.skipped:
        print(f"unknot: {name}: {skipped} (left out)", file=sys.stderr)
    store = _history(args)
    added = store.import_sessions(found.sessions) if store.available else None
    store.close()
    if added is None:
        raise UsageError(f"nothing was imported: {store.problem}")
    already = len(found.sessions) - added
    words = [f"{added} session{'s' if added != 1 else ''} added"]
    if already:
        words.append(f"{already} already in history")
    if found.bad:
        words.append(f"{len(found.bad)} bad row{'s' if len(found.bad) != 1 else ''} left out")
    print(", ".join(words))
    return 1 if found.bad else 0


def command_due(args: argparse.Namespace) -> int:
    """Print what is due today and this week: a table, a JSON array, or one line for a prompt.

    `--short` is for a shell prompt or tmux's status line: it never writes, and prints nothing
    (exit 0) when history cannot be read or anything else goes wrong.
    """
    import datetime

    from .core.history.due import counted_starts, due_rows, prompt_text, routine_limits, week_start
    from .core.library.search import browse_order
    from .core.paths import DATABASE_NAME, data_dir

    today = datetime.date.today()
    database = data_dir(args.data_dir) / DATABASE_NAME
    if args.short:
        try:
            line = prompt_text(routine_limits(_library(args, write=False).routines.values()), database, today)
            if line:
                print(line)
        except Exception:  # a prompt must never show a traceback
            pass
        return 0
    starts = counted_starts(database, week_start(today))
    if starts is None:
        raise UsageError("history cannot be read; `unknot history` says why")
    library = _library(args)
    rows = due_rows(routine_limits(browse_order(library.routines.values())), starts, today)
    if args.json:
        import json

        print(json.dumps([row.as_json() for row in rows], indent=2, ensure_ascii=False))
        return 0
    width = max((len(row.id) for row in rows), default=2)
    for row in rows:
        counts = f"{row.count_today} today, {row.count_week} this week"
        limit = row.limit_text()
        print(f"{row.id:<{width}}  {row.status.value:<8}  {counts}" + (f"  ({limit})" if limit else ""))
    return 0


def command_play(args: argparse.Namespace) -> int:
    """Open the player on one routine; leaving it leaves the app."""
    return command_app(args, start_routine_id=args.id)


COMMANDS = {
    "list": command_list,
    "show": command_show,
    "validate": command_validate,
    "schema": command_schema,
    "play": command_play,
    "history": command_history,
    "resume": command_resume,
    "due": command_due,
    "new": command_new,
    "edit": command_edit,
    "serve": command_serve,
}


def _quick_due_short() -> bool:
    """Print `unknot due --short` the fast way (see `prompt_line`); False when the slow way must do it."""
    try:
        from .core.history.due import prompt_line

        line = prompt_line()
    except Exception:  # a prompt must never show a traceback; the ordinary path tries again
        return False
    if line is None:
        return False
    if line:
        print(line)
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv == ["due", "--short"] and _quick_due_short():
        return 0
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS.get(args.command, command_app)(args)
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
