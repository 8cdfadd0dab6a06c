"""The manual page: made from the command table, the same as `man/unknot.1`, and complete."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import REPO
from tests.unit.test_cli_table import rows
from unknot.cli.commands import PROGRAM
from unknot.cli.declarations import OneOf
from unknot.cli.manual import manual_page

pytest.importorskip("argparse_manpage", reason="the test extra installs argparse-manpage")


def test_the_checked_in_page_is_what_the_table_makes() -> None:
    assert (REPO / "man" / "unknot.1").read_text(encoding="utf-8") == manual_page(), (
        "rewrite it: python -m unknot.cli.manual > man/unknot.1"
    )


def test_the_page_names_every_command_flag_file_variable_exit_status_and_the_safety_note() -> None:
    page = manual_page().replace("\\-", "-")
    for words, command in rows():
        assert f"'unknot {' '.join(words)}'" in page, words
        for item in command.arguments:
            for argument in item.arguments if isinstance(item, OneOf) else (item,):
                assert argument.names[0] in page or argument.options.get("metavar", "") in page, argument
    for group in PROGRAM.flags:
        for flag in group.flags:
            assert flag.names[0] in page
    for heading in ("FILES", "ENVIRONMENT", "EXIT STATUS", "SAFETY"):
        assert f".SH {heading}" in page
    for name in ("settings.json", "history.sqlite3", "routines/", "cache/unknot", "UNKNOT_ROUTINES", "UNKNOT_DATA_DIR"):
        assert name in page
    assert "not medical advice" in page


@pytest.mark.skipif(shutil.which("man") is None, reason="needs man (Debian's man-db package)")
def test_man_reads_it_from_the_checkout() -> None:
    done = subprocess.run(
        ["man", "--warnings", "-l", str(REPO / "man" / "unknot.1")],
        capture_output=True,
        text=True,
        env={"MANWIDTH": "80", "MANPAGER": "cat", "PAGER": "cat", "PATH": "/usr/bin:/bin"},
        check=True,
    )
    assert done.stderr == ""
    assert "unknot - a terminal guide through back-pain-relief routines" in done.stdout
