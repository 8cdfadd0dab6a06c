"""The command table: each command takes exactly the flag groups its row names, before and after its name."""

from __future__ import annotations

import argparse
import contextlib
import inspect
import io
from pathlib import Path

import pytest

from unknot.cli import build_parser
from unknot.cli.commands import COMMANDS, PROGRAM, chosen_command, command_function
from unknot.cli.declarations import Argument, Command, OneOf
from unknot.cli.flags import APP_FLAGS, DATA_DIR, FLAG_GROUPS, REMIND, ROUTINES, SERVED_FLOOR

#: A value each shared flag accepts (none for a switch); a new shared flag needs one here.
SAMPLES: dict[str, list[str]] = {
    "--routines": ["somewhere"],
    "--remind": ["50m"],
    "--data-dir": ["elsewhere"],
    "--no-mouse": [],
    "--notify": ["osc9"],
    "--floor": [],
    "--voice": ["off"],
}


#: The shared flags each command takes after its name: a promise scripts rely on, so it is written out
#: here as well as in the table; a group left out of a row (or added to one) fails a test.
PROMISED = {
    "": (ROUTINES, REMIND, DATA_DIR, APP_FLAGS),
    "list": (ROUTINES,),
    "show": (ROUTINES,),
    "validate": (ROUTINES,),
    "schema": (),
    "voice": (),
    "new": (ROUTINES,),
    "edit": (ROUTINES,),
    "play": (ROUTINES, DATA_DIR, APP_FLAGS),
    "history": (ROUTINES, DATA_DIR),
    "history import": (DATA_DIR,),
    "report": (DATA_DIR,),
    "resume": (ROUTINES, DATA_DIR, APP_FLAGS),
    "due": (ROUTINES, DATA_DIR),
    "plan": (ROUTINES, DATA_DIR),
    "plan list": (ROUTINES,),
    "plan show": (ROUTINES,),
    "plan start": (ROUTINES, DATA_DIR),
    "plan stop": (DATA_DIR,),
    "plan export": (ROUTINES, DATA_DIR),
    "plan status": (ROUTINES, DATA_DIR),
    "today": (ROUTINES, DATA_DIR),
    "doctor": (ROUTINES, DATA_DIR),
    "completion": (),
    "serve": (ROUTINES, DATA_DIR, SERVED_FLOOR),
}


def rows(command: Command = PROGRAM, above: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Command]]:
    """Every command below `command` with the words that name it (`("history", "import")`)."""
    found = []
    for row in command.subcommands.commands if command.subcommands else ():
        found.append(((*above, row.name), row))
        found += rows(row, (*above, row.name))
    return found


COMMAND_CASES = [pytest.param(words, row, id=" ".join(words)) for words, row in rows()]


def positionals(command: Command) -> list[str]:
    """A value for each positional argument of the command (`ID`, `FILE`, `PATH`, the first of its choices)."""
    return [
        str(item.options.get("choices", ["x"])[0])
        for item in command.arguments
        if isinstance(item, Argument) and not item.names[0].startswith("-")
    ]


def parses(argv: list[str]) -> argparse.Namespace | None:
    """The parse of `argv`, or None when argparse refuses it."""
    with contextlib.redirect_stderr(io.StringIO()):
        try:
            return build_parser().parse_args(argv)
        except SystemExit:
            return None


def flag_names() -> set[str]:
    """Every shared flag's name, in any group."""
    return {name for group in FLAG_GROUPS for flag in group.flags for name in flag.names}


def test_every_shared_flag_has_a_sample_value() -> None:
    assert flag_names() == set(SAMPLES)


def test_each_row_names_the_promised_flag_groups() -> None:
    table = {" ".join(words): row.flags for words, row in rows()} | {"": PROGRAM.flags}
    assert {words: [group.name for group in groups] for words, groups in table.items()} == {
        words: [group.name for group in groups] for words, groups in PROMISED.items()
    }


@pytest.mark.parametrize(("words", "command"), COMMAND_CASES)
def test_a_command_takes_exactly_the_promised_flags_after_its_name(words: tuple[str, ...], command: Command) -> None:
    promised = PROMISED[" ".join(words)]
    taken = {name for group in promised for flag in group.flags for name in flag.names}
    for name in sorted(flag_names()):
        after = parses([*words, *positionals(command), name, *SAMPLES[name]])
        assert (after is not None) == (name in taken), f"unknot {' '.join(words)} {name}"


@pytest.mark.parametrize(("words", "command"), COMMAND_CASES)
def test_a_flag_means_the_same_before_the_command_and_after_it(words: tuple[str, ...], command: Command) -> None:
    on_top = {name for group in PROGRAM.flags for flag in group.flags for name in flag.names}
    for group in command.flags:
        for flag in group.flags:
            name, dest = flag.names[0], flag.options.get("dest", flag.names[0].lstrip("-").replace("-", "_"))
            before = parses([name, *SAMPLES[name], *words, *positionals(command)])
            after = parses([*words, *positionals(command), name, *SAMPLES[name]])
            plain = parses([*words, *positionals(command)])
            assert after is not None and plain is not None and name in on_top
            assert before is not None and getattr(before, dest) == getattr(after, dest) != getattr(plain, dest)


def test_before_the_command_a_flag_is_not_hidden_by_the_commands_default() -> None:
    args = parses(["--data-dir", "D", "--floor", "--routines", "A", "play", "x", "--no-mouse"])
    assert args is not None
    assert (str(args.data_dir), args.floor, args.no_mouse, args.routines) == ("D", True, True, [Path("A")])
    nested = parses(["--data-dir", "D", "history", "import", "f.json"])
    assert nested is not None and str(nested.data_dir) == "D" and str(nested.file) == "f.json"
    fresh = parses(["list"])
    assert fresh is not None and fresh.routines == [] and fresh.routines is not ROUTINES.flags[0].options["default"]


def test_the_parser_offers_the_commands_of_the_table_in_its_order() -> None:
    parser = build_parser()
    commands = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    assert list(commands.choices) == [row.name for row in COMMANDS]
    assert parser.description == "A terminal guide through back-pain-relief routines. Not medical advice."


@pytest.mark.parametrize(("words", "command"), [pytest.param((), PROGRAM, id="unknot"), *COMMAND_CASES])
def test_each_row_names_a_documented_function_and_a_parse_finds_it(words: tuple[str, ...], command: Command) -> None:
    function = command_function(command)
    assert callable(function) and inspect.getdoc(function), command.function
    args = parses([*words, *positionals(command)])
    assert args is not None and chosen_command(args) is command


def test_arguments_are_plain_data() -> None:
    for _, command in [((), PROGRAM), *rows()]:
        for item in command.arguments:
            arguments = item.arguments if isinstance(item, OneOf) else (item,)
            for argument in arguments:
                assert argument.names and all(isinstance(name, str) for name in argument.names)
                assert "help" in argument.options or argument.options.get("action") == "version", argument.names


@pytest.mark.parametrize(("words", "command"), COMMAND_CASES)
def test_each_command_shows_an_example_that_parses(
    words: tuple[str, ...], command: Command, capsys: pytest.CaptureFixture[str]
) -> None:
    import shlex

    from unknot.cli.examples import EXAMPLES

    examples = EXAMPLES.get(" ".join(words))
    assert examples, f"add an example of `unknot {' '.join(words)}` to cli/examples.py"
    with pytest.raises(SystemExit):
        build_parser().parse_args([*words, "--help"])
    shown = capsys.readouterr().out
    assert "examples:\n" in shown and all(example in shown for example in examples)
    assert max(len(line) for line in shown.splitlines()) <= 80
    for example in examples:
        argv = shlex.split(example.split("  #")[0].split(" > ")[0].split(" | ")[0])
        if argv[0] == "unknot":
            assert parses(argv[1:]) is not None, example


def test_optional_sub_commands_are_not_shown_as_required_nor_twice(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["history", "--help"])
    shown = capsys.readouterr().out
    usage = shown.split("\n\n")[0]
    assert "import" not in usage  # argparse would write `import ...`, as if it had to be given
    assert shown.count("unknot history import") == 1 and "commands (optional" in shown
