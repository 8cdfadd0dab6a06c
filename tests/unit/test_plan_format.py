"""Plan files: the one schema, located errors with "did you mean", hostile input, the shipped plans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import REPO
from unknot.cli import main
from unknot.core.library.loader import load_library
from unknot.core.paths import plan_folders, routine_folders, shipped_plans_dir
from unknot.core.plans.loading import PlanBook, check_book_against, load_plan_file, load_plans
from unknot.core.plans.schema import plan_schema, plan_schema_text
from unknot.core.plans.tuning import tuned_routine
from unknot.core.routines.model import Routine

SMALL = """\
title: Small plan
days: 10
phases:
  - title: Start
    advance: {after_sessions: 2}
    durations:
      acupressure-mat:
        steps: {lie-on-the-mat: 2m}
    days:
      - routines: [acupressure-mat, floor-stretches]
      - rest: true
  - title: More
    days:
      - routines: [acupressure-mat]
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def shipped_routines() -> dict[str, Routine]:
    return {key: entry.routine for key, entry in load_library(routine_folders()).routines.items()}


def test_checked_in_plan_schema_is_current() -> None:
    checked_in = (REPO / "schema" / "plan.schema.json").read_text(encoding="utf-8")
    assert checked_in == plan_schema_text(), "run: unknot schema --plan > schema/plan.schema.json"
    plan = plan_schema()["$defs"]["Plan"]
    assert plan["additionalProperties"] is False and set(plan["required"]) == {"title", "days", "phases"}
    json.dumps(plan_schema())


def test_the_shipped_plans_load_and_fit_the_shipped_routines() -> None:
    book = load_plans([shipped_plans_dir()])
    assert book.problems == [] and set(book.plans) == {"back-care", "desk-back"}
    assert check_book_against(book, shipped_routines()) == []
    back_care = book.plans["back-care"].plan
    assert back_care.days == 28 and back_care.cautions and back_care.rules.hold_when_worse is not None


def test_a_small_plan_loads_with_its_id_from_the_file_name(tmp_path: Path) -> None:
    entry, problems = load_plan_file(write(tmp_path, "My Plan.yaml", SMALL))
    assert problems == [] and entry is not None and entry.id == "my-plan"


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        (SMALL.replace("days: 10", "dayz: 10"), "2:1", "unknown key 'dayz'; did you mean 'days'?"),
        (
            SMALL.replace("advance: {after_sessions: 2}", "advance: {after_session: 2}"),
            "5:15",
            "did you mean 'after_sessions'",
        ),
        (SMALL.replace("lie-on-the-mat: 2m", "lie-on-the-mat: soon"), "8:33", "steps.lie-on-the-mat"),
        (SMALL.replace("    advance: {after_sessions: 2}\n", ""), "4:5", "missing `advance:`"),
        (SMALL.replace("- rest: true", "- note: nothing"), "11:9", "or says `rest: true`"),
        (
            SMALL.replace("acupressure-mat:\n        steps", "acupresure-mat:\n        steps"),
            "8:9",
            "did you mean 'acupressure-mat'?",
        ),
        (SMALL.replace("{after_sessions: 2}", "{after_sessions: 2, after_days: 3}"), "5:14", "one of after_sessions"),
        ("- just a list\n", "1:1", "expected a plan"),
        (SMALL + "--- \ntitle: again\n", "", "one document"),
    ],
)
def test_a_mistake_is_one_located_line(tmp_path: Path, text: str, where: str, words: str) -> None:
    path = write(tmp_path, "plan.yaml", text)
    entry, problems = load_plan_file(path)
    assert entry is None and len(problems) == 1, problems
    assert words in str(problems[0]) and str(problems[0]).startswith(f"{path}:{where}"), str(problems[0])


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("title: !!python/object:os.system x\ndays: 1\nphases: []\n", "is not allowed"),
        (
            "a: &a [1]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n" * 1 + "c: " + "[" * 40 + "]" * 40 + "\n",
            "nested deeper",
        ),
        ("title: \x1b[31mred\ndays: 1\n", "control characters"),
    ],
)
def test_hostile_plan_files_are_refused_with_a_place(tmp_path: Path, text: str, words: str) -> None:
    entry, problems = load_plan_file(write(tmp_path, "hostile.yaml", text))
    assert entry is None and any(words in str(problem) for problem in problems), problems
    assert all("\x1b" not in str(problem) for problem in problems)


def test_a_huge_or_binary_plan_file_is_refused(tmp_path: Path) -> None:
    huge = write(tmp_path, "huge.yaml", "title: x\n" + "#" * (2 * 1024 * 1024))
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"title: \x00\n")
    for path in (huge, binary):
        entry, problems = load_plan_file(path)
        assert entry is None and problems


def test_routines_and_steps_a_plan_names_are_checked_against_the_library(tmp_path: Path) -> None:
    text = SMALL.replace("[acupressure-mat]", "[acupressure-matt]").replace("lie-on-the-mat: 2m", "lie-on-mat: 2m")
    path = write(tmp_path, "plan.yaml", text)
    book = PlanBook()
    entry, _ = load_plan_file(path)
    assert entry is not None
    book.plans[entry.id] = entry
    found = [str(problem) for problem in check_book_against(book, shipped_routines())]
    assert any(
        "phases[0].durations.acupressure-mat.steps.lie-on-mat" in line and "did you mean 'lie-on-the-mat'" in line
        for line in found
    )
    assert any("no routine 'acupressure-matt'" in line and "did you mean 'acupressure-mat'?" in line for line in found)
    assert book.plans == {}


def test_a_day_over_a_routines_daily_or_weekly_limit_is_an_error(tmp_path: Path) -> None:
    text = SMALL.replace("[acupressure-mat, floor-stretches]", "[acupressure-mat, self-massage-home]").replace(
        "- rest: true",
        "- routines: [" + ", ".join(["pressure-points-hands"] * 6) + "]",
    )
    book = PlanBook()
    entry, problems = load_plan_file(write(tmp_path, "plan.yaml", text))
    assert entry is not None, problems
    book.plans[entry.id] = entry
    found = [str(problem) for problem in check_book_against(book, shipped_routines())]
    assert any("'pressure-points-hands' 6 times a day; its limit is 5" in line for line in found), found
    assert any("'self-massage-home' up to 4 times in seven days; its limit is 2 a week" in line for line in found), (
        found
    )


def test_plans_come_from_the_user_folder_and_named_routines_folders(tmp_path: Path, isolated_user_dirs: Path) -> None:
    user = isolated_user_dirs / "xdg_config_home" / "unknot" / "plans"
    write(user, "mine.yaml", SMALL)
    named = tmp_path / "extra"
    write(named / "plans", "back-care.yaml", SMALL.replace("Small plan", "My back care"))
    book = load_plans(plan_folders([named]))
    assert {"mine", "back-care", "desk-back"} <= set(book.plans)
    assert book.plans["back-care"].plan.title == "My back care"
    assert any("replaces the plan 'back-care'" in str(problem) for problem in book.problems)


def test_validate_covers_plans(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path / "plans", "bad.yaml", SMALL.replace("title: Start", "titel: Start"))
    assert main(["validate", str(bad)]) == 1
    captured = capsys.readouterr()
    assert f"{bad}:4:5: phases[0].titel: unknown key 'titel'; did you mean 'title'?" in captured.err
    assert captured.err.endswith("1 problem; 0 plans valid\n")
    assert main(["validate", str(REPO / "plans")]) == 0
    assert capsys.readouterr().out == "2 plans valid\n"


def test_tuning_sets_steps_by_id_and_scales_the_rest() -> None:
    routines = shipped_routines()
    mat = tuned_routine(
        routines["acupressure-mat"],
        load_plans([shipped_plans_dir()]).plans["back-care"].plan.phases[0].durations["acupressure-mat"],
    )
    assert [int(step.duration or 0) for step in mat.steps] == [0, 120, 30]
    assert mat.steps[1].cues == [] or all(int(cue.at) < 120 for cue in mat.steps[1].cues)
    from unknot.core.plans.model import Durations

    stretches = tuned_routine(routines["floor-stretches"], Durations(factor=0.5))
    assert [step.duration and int(step.duration) for step in stretches.steps] == [15, 15, None, 10, 30]
    assert stretches.steps[2].reps == 5
