"""`unknot new` and `unknot edit`: start a routine file, or edit one and check it when the editor closes."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

from ..core.authoring import (
    AuthoringError,
    after_editing,
    check_id_is_free,
    check_new_id,
    copy_text,
    create_routine_file,
    edit_target,
    editor_command,
    starter_text,
)
from ..core.library.checking import load_for_checking
from ..core.library.opening import open_library
from ..core.routines.text import shown_path
from . import UsageError
from .problems import print_problems


def command_new(args: argparse.Namespace) -> int:
    """Write a starter routine (or a copy of another) into the user folder; print its path."""
    try:
        check_new_id(args.id)
        library = open_library(args.routines)
        check_id_is_free(args.id, library)
        if args.source:
            entry = library.routines.get(args.source)
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
    try:
        target = edit_target(open_library(args.routines), args.id)
    except AuthoringError as error:
        raise UsageError(str(error)) from None
    path = target.path
    if target.notice:
        print(f"unknot: {target.notice}", file=sys.stderr)
    line: int | None = None
    while True:
        try:
            command = editor_command(os.environ, path, line)
            subprocess.run(command, check=False)
        except AuthoringError as error:
            raise UsageError(str(error)) from None
        except OSError as error:
            after_editing(target)  # an unchanged copy is not kept
            raise UsageError(f"cannot start the editor {command[0]!r}: {error.strerror or error}") from None
        said = after_editing(target)
        if said is not None and not path.exists():
            print(f"unknot: {said}", file=sys.stderr)
            return 0
        errors = [problem for problem in load_for_checking([path], args.routines).errors if problem.path == path]
        if not errors:
            print(f"{shown_path(path)}: valid")
            if said:
                print(f"unknot: {said}", file=sys.stderr)
            return 0
        print_problems(errors)
        if not sys.stdin.isatty():
            return 1
        try:
            answer = input(f"Open the editor again at line {errors[0].line}? [Y/n] ")
        except EOFError:
            return 1
        if answer.strip().lower() in ("n", "no"):
            return 1
        line = errors[0].line
