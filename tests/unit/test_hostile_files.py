"""Hostile and broken files end in one located error line each; good routines still load."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from unknot.cli import main

GOOD = "title: Good one\nsteps:\n  - {title: Hold, duration: 30s}\n"


def make_hostile_folder(folder: Path) -> dict[str, str]:
    """Write one file per attack or mistake; return file name -> expected words in its error."""
    expected = {
        "empty.yaml": "the file is empty",
        "comment-only.yaml": "the file is empty",
        "binary.yaml": "binary data",
        "latin1.yaml": "not UTF-8 text (byte 0xe9)",
        "top-list.yaml": "got a list",
        "top-scalar.yaml": "got text",
        "deep.yaml": "nested deeper than 32 levels",
        "deep-map.yaml": "nested deeper than 32 levels",
        "alias-bomb.yaml": "expands to more than",
        "huge.yaml": "larger than 1024 KiB",
        "folder.yaml": "a folder, not a file",
        "dangling.yaml": "a symbolic link to a file that does not exist",
        "python-tag.yaml": "the tag '!!python/object/apply:os.system' is not allowed",
        "two-docs.yaml": "holds one document",
        "tab-indent.yaml": "a tab cannot indent YAML; use spaces",
    }
    (folder / "empty.yaml").write_bytes(b"")
    (folder / "comment-only.yaml").write_text("# nothing here\n")
    (folder / "binary.yaml").write_bytes(bytes(range(256)) * 4)
    (folder / "latin1.yaml").write_bytes("title: Caf\u00e9\n".encode("latin-1"))
    (folder / "top-list.yaml").write_text("- a\n- b\n")
    (folder / "top-scalar.yaml").write_text("hello\n")
    (folder / "deep.yaml").write_text("[" * 100_000 + "]" * 100_000)
    (folder / "deep-map.yaml").write_text("{a: " * 5_000 + "1" + "}" * 5_000)
    bomb = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for number in range(1, 10):
        prev, name = chr(96 + number), chr(97 + number)
        bomb.append(f"{name}: &{name} [{', '.join('*' + prev for _ in range(9))}]")
    (folder / "alias-bomb.yaml").write_text("\n".join(bomb) + "\n")
    with (folder / "huge.yaml").open("w") as stream:
        stream.write("title: ")
        chunk = "x" * (1024 * 1024)
        for _ in range(50):
            stream.write(chunk)
    (folder / "folder.yaml").mkdir()
    os.symlink(folder / "nowhere.yaml", folder / "dangling.yaml")
    (folder / "python-tag.yaml").write_text("title: !!python/object/apply:os.system ['echo pwned']\nsteps: []\n")
    (folder / "two-docs.yaml").write_text(GOOD + "---\n" + GOOD)
    (folder / "tab-indent.yaml").write_text("title: x\nsteps:\n\t- title: a\n")
    (folder / "good.yaml").write_text(GOOD)
    return expected


def test_each_hostile_file_gives_one_located_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = make_hostile_folder(tmp_path)
    assert main(["validate", str(tmp_path)]) == 1
    err = capsys.readouterr().err.splitlines()
    problems = [line for line in err if line.startswith(str(tmp_path))]
    assert len(problems) == len(expected), err
    for name, words in expected.items():
        lines = [line for line in problems if line.startswith(f"{tmp_path / name}:")]
        assert len(lines) == 1, (name, err)
        location = lines[0][len(str(tmp_path / name)) + 1 :].split(":")
        assert location[0].isdigit() and location[1].isdigit(), lines[0]
        assert words in lines[0]
    assert err[-1] == f"{len(expected)} problems; 1 routine valid"


def test_good_routines_beside_hostile_ones_still_list(tmp_path: Path) -> None:
    make_hostile_folder(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "unknot", "--routines", str(tmp_path), "list", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    ids = [row["id"] for row in json.loads(result.stdout)]
    assert "good" in ids and "floor-stretches" in ids
    assert "could not be loaded" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_a_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 1
    assert "nope.yaml:1:1: no such file or folder" in capsys.readouterr().err
