"""The compiled library copy: identical to a fresh load, used only while every input is unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import msgspec
import pytest

from unknot.core.library import cache as library_cache
from unknot.core.library import loader
from unknot.core.library.cache import load_library_cached, read_cached_library
from unknot.core.library.fingerprint import library_fingerprint
from unknot.core.library.library import Library
from unknot.core.paths import shipped_routines_dir
from unknot.core.routines.problems import Severity

ROUTINE = """\
title: {title}
steps:
  - title: Hold
    duration: 30s
    diagram: childs-pose
"""


@pytest.fixture
def folders(tmp_path: Path) -> list[Path]:
    """The shipped library, plus a user folder with one good, one broken and one replacing file."""
    user = tmp_path / "user"
    (user / "diagrams").mkdir(parents=True)
    (user / "mine.yaml").write_text(ROUTINE.format(title="Mine"), encoding="utf-8")
    (user / "broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    (user / "floor-stretches.yaml").write_text("id: floor-stretches\n" + ROUTINE.format(title="Replaced"))
    return [shipped_routines_dir(), user]


def summary(library: Library) -> tuple[object, ...]:
    """Everything a library holds, in a comparable form (routines by their exact encoding)."""
    return (
        [
            (key, str(entry.path), msgspec.json.encode(entry.routine, enc_hook=int))
            for key, entry in library.routines.items()
        ],
        library.diagrams,
        library.problems,
    )


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(folders: object) -> Library:
        raise AssertionError("the library was parsed although the copy is current")

    monkeypatch.setattr(loader, "load_library", refuse)


def test_a_current_copy_gives_exactly_what_a_fresh_load_gives(
    folders: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache" / "library.msgpack"
    fresh = load_library_cached(folders, cache)
    assert cache.exists()
    assert fresh.errors and fresh.notices  # the broken file and the replacement are both remembered
    no_parsing(monkeypatch)
    copied = load_library_cached(folders, cache)
    assert summary(copied) == summary(fresh)
    assert {problem.severity for problem in copied.problems} == {Severity.ERROR, Severity.NOTICE}
    assert copied.routines["floor-stretches"].routine.title == "Replaced"
    assert copied.routines["mine"].total_seconds == fresh.routines["mine"].total_seconds
    for routine_id, entry in copied.routines.items():
        assert entry.card == fresh.routines[routine_id].card  # what the list, filter and order use
        assert entry.same_routine(fresh.routines[routine_id])
        # A shared diagram is stored once, by name, and comes back as the library's own.
        for step in entry.routine.steps:
            shared = [diagram for diagram in copied.diagrams.values() if diagram == step.diagram]
            assert not shared or any(step.diagram is diagram for diagram in copied.diagrams.values())


def _fresh(folders: list[Path]) -> Library:
    return loader.load_library(folders)


@pytest.mark.parametrize(
    "change",
    ["edit", "same-size-edit", "add", "remove", "rename", "diagram", "folder-order"],
)
def test_any_change_to_the_inputs_means_a_fresh_load(folders: list[Path], tmp_path: Path, change: str) -> None:
    cache = tmp_path / "cache" / "library.msgpack"
    load_library_cached(folders, cache)
    user = folders[1]
    mine = user / "mine.yaml"
    if change == "edit":
        mine.write_text(ROUTINE.format(title="Mine, edited"), encoding="utf-8")
    elif change == "same-size-edit":
        before = mine.stat()
        mine.write_text(ROUTINE.format(title="Mind"), encoding="utf-8")
        stat = mine.stat()
        assert stat.st_size == before.st_size
        os.utime(mine, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    elif change == "add":
        (user / "another.yaml").write_text(ROUTINE.format(title="Another"), encoding="utf-8")
    elif change == "remove":
        mine.unlink()
    elif change == "rename":
        mine.rename(user / "renamed.yaml")
    elif change == "diagram":
        (user / "diagrams" / "childs-pose.yaml").write_text("frames:\n  only: |\n    o_/\n", encoding="utf-8")
    elif change == "folder-order":
        folders = [folders[1], folders[0]]
    assert read_cached_library(cache, library_fingerprint(folders)) is None
    assert summary(load_library_cached(folders, cache)) == summary(_fresh(folders))


def test_a_copy_that_does_not_decode_is_ignored_and_replaced(folders: list[Path], tmp_path: Path) -> None:
    cache = tmp_path / "library.msgpack"
    for junk in (b"", b"\x00\xff garbage", msgspec.msgpack.encode({"format": 1})):
        cache.write_bytes(junk)
        assert summary(load_library_cached(folders, cache)) == summary(_fresh(folders))
        assert read_cached_library(cache, library_fingerprint(folders)) is not None


def test_a_copy_from_another_version_or_format_is_not_used(
    folders: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "library.msgpack"
    load_library_cached(folders, cache)
    monkeypatch.setattr(library_cache, "__version__", "99.0")
    assert read_cached_library(cache, library_fingerprint(folders)) is None
    monkeypatch.undo()
    monkeypatch.setattr(library_cache, "FORMAT", library_cache.FORMAT + 1)
    assert read_cached_library(cache, library_fingerprint(folders)) is None


def test_an_unwritable_cache_folder_only_costs_speed(folders: list[Path], tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    library = load_library_cached(folders, blocker / "library.msgpack")
    assert summary(library) == summary(_fresh(folders))
    assert not list(tmp_path.glob("**/.library.msgpack.*"))  # no temporary file left behind


def test_without_a_cache_path_the_library_is_simply_loaded(folders: list[Path]) -> None:
    assert summary(load_library_cached(folders, None)) == summary(_fresh(folders))


def test_launching_with_a_current_copy_imports_neither_yaml_nor_sqlite(tmp_path: Path) -> None:
    """What the app needs before its first frame: no PyYAML (copy is current), no SQLite (history comes after)."""
    code = textwrap.dedent(
        """
        import sys
        from unknot.cli import app, build_parser  # the module that launches the app, and the parser
        from unknot.core.library.opening import open_library
        import unknot.ui.app
        library = open_library(build_parser().parse_args([]).routines)
        assert library.routines
        print(",".join(m for m in ("yaml", "sqlite3", "watchfiles", "unknot.core.library.loader", "unknot.core.history.store") if m in sys.modules))
        """
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert first.stdout.strip() == "yaml,unknot.core.library.loader"  # no copy yet: parsed, and the copy written
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert second.stdout.strip() == ""


def test_the_fingerprint_covers_the_code_of_every_core_subfolder(folders: list[Path]) -> None:
    import unknot.core

    core = Path(unknot.core.__file__).parent
    fingerprinted = {Path(row[0]) for row in library_fingerprint(folders)}
    for module in ("routines/model.py", "routines/yaml_source.py", "routines/validate.py", "library/loader.py"):
        assert (core / module).resolve() in fingerprinted, module
