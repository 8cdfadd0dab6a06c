"""Noticing routine file changes: which paths matter, what is watched, a real watch, `validate --watch`."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import unknot.cli.validate
from unknot.cli import main
from unknot.core.library.watching import RoutineChanges, RoutineWatcher, WatchFailed, paced, routine_changes

STEP = "title: T\nsteps:\n  - {title: a, duration: 10s}\n"


def test_only_routine_and_diagram_files_matter(tmp_path: Path) -> None:
    folder = tmp_path / "routines"
    changes = RoutineChanges([folder])
    assert changes.matters(str(folder / "mine.yaml"))
    assert changes.matters(str(folder / "mine.yml"))
    assert changes.matters(str(folder / "diagrams" / "arch.yaml"))
    assert changes.matters(str(folder / "diagrams"))  # the folder appearing or going
    # Editors' swap, backup and probe files, and anything deeper down, do not.
    for ignored in (".mine.yaml.swp", "mine.yaml~", "4913", "#mine.yaml#", ".#mine.yaml", "notes.txt"):
        assert not changes.matters(str(folder / ignored)), ignored
    assert not changes.matters(str(folder / "old" / "mine.yaml"))
    assert not changes.matters(str(folder / "diagrams" / "deeper" / "arch.yaml"))
    assert not changes.matters(str(tmp_path / "elsewhere.yaml"))


def test_named_files_matter_and_their_folders_are_watched(tmp_path: Path) -> None:
    folder, other = tmp_path / "routines", tmp_path / "drafts"
    folder.mkdir()
    other.mkdir()
    (folder / "inner").mkdir()
    changes = RoutineChanges([folder, folder / "inner", tmp_path / "missing"], files=[other / "draft.yml"])
    assert changes.matters(str(other / "draft.yml"))
    assert not changes.matters(str(other / "sibling.yaml"))
    # Missing folders are skipped; a folder inside a watched one is watched already.
    assert changes.roots() == sorted([folder, other])


def test_nothing_to_watch_is_a_clear_failure(tmp_path: Path) -> None:
    with pytest.raises(WatchFailed, match="none of the routine folders exists"):
        next(routine_changes(RoutineChanges([tmp_path / "missing"]), threading.Event()))


def test_a_real_watch_reports_a_saved_routine_and_stops(tmp_path: Path) -> None:
    batches: list[list[str]] = []
    seen = threading.Event()

    def changed(batch: list[str]) -> None:
        batches.append(batch)
        seen.set()

    watcher = RoutineWatcher([tmp_path], changed, lambda reason: pytest.fail(reason))
    watcher.start()
    try:
        # The watch may start a moment after the thread does: write until it is noticed.
        for attempt in range(50):
            (tmp_path / "mine.yaml").write_text(STEP + f"# {attempt}\n")
            (tmp_path / ".mine.yaml.swp").write_text("swap")
            if seen.wait(0.5):
                break
    finally:
        watcher.stop()
    assert batches and batches[0] == [str(tmp_path / "mine.yaml")]
    assert watcher.join(5)


def test_validate_watch_checks_again_after_each_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(STEP)
    watched: list[RoutineChanges] = []

    def batches(changes: RoutineChanges, stop: threading.Event) -> Iterator[list[str]]:
        watched.append(changes)
        path.write_text(STEP.replace("10s", "forever"))
        yield [str(path)]
        path.write_text(STEP)
        yield [str(path)]
        path.write_text(STEP.replace("10s", "forever"))
        yield [str(path)]
        assert not stop.is_set()
        raise KeyboardInterrupt  # Ctrl+C

    monkeypatch.setattr(unknot.cli.validate, "change_batches", batches)
    code = main(["validate", "--watch", str(path)])
    out, err = capsys.readouterr()
    assert code == 1  # the last check's status
    assert watched[0].matters(str(path)) and not watched[0].matters(str(tmp_path / "other.yaml"))
    assert out.count(" changed: ") == 3 and out.count("1 routine valid") == 2
    assert err.count("mine.yaml:3:26: steps[0].duration: expected a duration") == 2
    assert "Watching for changes; Ctrl+C stops." in err


def test_validate_watch_that_cannot_start_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def batches(changes: RoutineChanges, stop: threading.Event) -> Iterator[list[str]]:
        raise WatchFailed("the system's limit on watches is reached")
        yield []

    monkeypatch.setattr(unknot.cli.validate, "change_batches", batches)
    assert main(["validate", "--watch"]) == 2
    assert "unknot: cannot watch for changes: the system's limit on watches is reached" in capsys.readouterr().err


def test_the_loader_skips_what_the_watch_ignores(tmp_path: Path) -> None:
    from unknot.core.library.loader import load_library

    (tmp_path / "mine.yaml").write_text(STEP)
    (tmp_path / ".#mine.yaml").symlink_to("someone@host.1234")  # Emacs' lock while editing
    library = load_library([tmp_path])
    assert list(library.routines) == ["mine"] and library.problems == []


def test_a_folder_that_never_stops_changing_is_reported_less_and_less_often() -> None:
    """A change every 0.5 s for a minute: reports at once, then after 1, 2, 4, 8, 16, then every 30 s."""
    clock = iter(0.5 * tick for tick in range(10_000))
    moments: list[float] = []
    last_moment = 0.0

    def now() -> float:
        nonlocal last_moment
        last_moment = next(clock)
        return last_moment

    batches = ([f"/r/{n}.yaml"] for n in range(121))  # 60 s of changes
    for report in paced(batches, now):
        moments.append(last_moment)
        assert report
    gaps = [later - earlier for earlier, later in itertools.pairwise(moments)]
    assert gaps[:5] == [1.0, 2.0, 4.0, 8.0, 16.0]
    assert len(moments) <= 7  # versus 121 reloads


def test_after_a_quiet_spell_the_next_change_is_reported_at_once_and_nothing_is_lost() -> None:
    times = iter([0.0, 0.5, 0.6, 10.0, 10.0])
    batches = [["/r/a.yaml"], ["/r/b.yaml"], [], ["/r/c.yaml"], []]
    reports = list(paced(batches, lambda: next(times)))
    assert reports == [["/r/a.yaml"], ["/r/b.yaml", "/r/c.yaml"]]
