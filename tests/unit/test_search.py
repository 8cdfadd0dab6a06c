"""The routine filter and the order routines are listed in."""

from __future__ import annotations

import json

import pytest

from unknot.cli import main
from unknot.core.library.loader import load_library
from unknot.core.library.search import RoutineIndex, browse_order, match_spans
from unknot.core.paths import shipped_routines_dir
from unknot.core.settings import settings_path

SHIPPED = load_library([shipped_routines_dir()])


def test_routines_are_listed_by_title_with_the_recent_ones_first() -> None:
    by_title = [entry.id for entry in browse_order(SHIPPED.routines.values())]
    titles = [SHIPPED.routines[routine_id].routine.title.casefold() for routine_id in by_title]
    assert titles == sorted(titles)
    recent = ["desk-break", "gone-routine", "floor-stretches", "desk-break", "acupressure-mat", "cobra-only"]
    ordered = [entry.id for entry in browse_order(SHIPPED.routines.values(), recent)]
    assert ordered[:3] == ["desk-break", "floor-stretches", "acupressure-mat"]  # at most three, unknown ids skipped
    assert sorted(ordered) == sorted(by_title)


def test_every_word_must_be_found_somewhere_and_titles_rank_first() -> None:
    index = RoutineIndex(browse_order(SHIPPED.routines.values()))
    hits = index.search("mat")
    assert hits[0].entry.id == "acupressure-mat" and hits[0].in_title
    assert all(not hit.in_title for hit in hits[1:] if hit.entry.id == "floor-stretches")
    tennis = index.search("tennis balls")
    assert [hit.entry.id for hit in tennis] == ["massage-balls-spine"]
    assert "description" in tennis[0].fields
    assert index.search("tennis zzz") == []
    assert len(index.search("")) == len(SHIPPED.routines)


def test_match_spans_mark_each_word_once_merged() -> None:
    assert match_spans("Acupressure mat", "MAT press") == [(3, 8), (12, 15)]
    assert match_spans("aaa", "a aa") == [(0, 3)]
    assert match_spans("Straße", "ss") == []  # casefolding changes the length: no marks rather than wrong ones


def test_unknot_list_uses_the_browser_order(capsys: pytest.CaptureFixture[str]) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"recent": ["self-massage-home"]}))
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("self-massage-home")
    assert main(["list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["id"] == "self-massage-home"


def test_typing_on_narrows_and_deleting_widens_again() -> None:
    index = RoutineIndex(browse_order(SHIPPED.routines.values()))
    everything = {entry.id for entry in index.filter("")}
    typed = {query: {entry.id for entry in index.filter(query)} for query in ("m", "ma", "mat", "mat b")}
    assert typed["mat b"] <= typed["mat"] <= typed["ma"] <= typed["m"] <= everything
    assert {entry.id for entry in index.filter("ma")} == typed["ma"]  # after a deletion: searched afresh
    assert {entry.id for entry in index.filter("tennis")} == {"massage-balls-spine"}
    assert {entry.id for entry in index.filter("zzz")} == set()
    assert {entry.id for entry in index.filter("zz")} == set()
    assert {entry.id for entry in index.filter("")} == everything
