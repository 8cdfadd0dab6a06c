"""`unknot list --ids` (the fast path a Tab runs) and `unknot completion` made from the command table."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from unknot.cli import main
from unknot.cli.commands import COMPLETION_SHELLS, build_parser
from unknot.cli.completion import RC_LINES, completion_script
from unknot.cli.declarations import ROUTINE_ID
from unknot.core.library.fingerprint import library_fingerprint
from unknot.core.library.frequencies import FREQUENCIES_FILE, current_routine_ids, read_ids, write_frequencies
from unknot.core.library.loader import load_library
from unknot.core.paths import shipped_routines_dir

SHIPPED_IDS = sorted(load_library([shipped_routines_dir()]).routines)


def test_list_ids_prints_every_id_the_slow_way_then_the_fast_way(capsys: pytest.CaptureFixture[str]) -> None:
    assert current_routine_ids() is None  # nothing loaded yet: the command loads the library
    assert main(["list", "--ids"]) == 0
    slow = capsys.readouterr()
    assert slow.out.splitlines() == SHIPPED_IDS and slow.err == ""
    assert current_routine_ids() == SHIPPED_IDS  # the load left the small file the fast way reads
    assert main(["list", "--ids"]) == 0
    assert capsys.readouterr().out == slow.out


def test_the_fast_way_imports_neither_argparse_nor_the_schema(isolated_user_dirs: Path) -> None:
    assert main(["list"]) == 0  # any ordinary command keeps the ids file
    code = (
        "import sys, unknot.cli as c; c.main(['list', '--ids']); "
        "print(sorted(m for m in ('argparse', 'msgspec', 'yaml', 'textual') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [*SHIPPED_IDS, "[]"]


def test_a_tampered_ids_file_is_not_trusted(tmp_path: Path) -> None:
    library = load_library([shipped_routines_dir()])
    fingerprint = library_fingerprint([shipped_routines_dir()])
    write_frequencies(tmp_path, fingerprint, library.routines.values())
    assert read_ids(tmp_path, fingerprint) == SHIPPED_IDS
    path = tmp_path / FREQUENCIES_FILE
    data = json.loads(path.read_text())
    data["ids"].append("\x1b]0;pwned\x07")
    path.write_text(json.dumps(data))
    assert read_ids(tmp_path, fingerprint) is None
    assert read_ids(tmp_path, fingerprint[:-1]) is None  # another library


def test_routine_ids_complete_where_an_existing_routine_is_named() -> None:
    """Routine ids for `show`, `play`, `edit`, `new --from` and `report --routine`; not for `new ID` (a new one)."""
    completing = set()
    for name, subparser in _subparsers(build_parser()).items():
        for action in subparser._actions:
            if getattr(action, "completes", None) == ROUTINE_ID:
                completing.add(f"{name} {action.option_strings[0] if action.option_strings else action.dest}")
    assert completing == {"show id", "play id", "edit id", "new --from", "report --routine"}


@pytest.mark.parametrize("shell", COMPLETION_SHELLS)
def test_each_script_says_how_to_load_it_and_asks_for_ids_at_the_tab(shell: str) -> None:
    script = completion_script(shell)
    assert script.splitlines()[1] == f"#   {RC_LINES[shell]}"
    assert "unknot list --ids 2>/dev/null" in script
    for name in ("play", "show", "history", "completion", "--notify", "--routines", "osc777"):
        assert name in script


def test_shtab_is_imported_by_the_completion_command_alone() -> None:
    code = "import sys, unknot.cli.commands as c; c.build_parser(); print('shtab' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def _subparsers(parser: argparse.ArgumentParser, above: str = "") -> dict[str, argparse.ArgumentParser]:
    """Every command's parser by its words (`history import`)."""
    found = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, below in action.choices.items():
                words = f"{above} {name}".strip()
                found[words] = below
                found.update(_subparsers(below, words))
    return found
