"""Whatever text is fed to the loader, it yields a routine or located errors, nothing else."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unknot.core.library.loader import load_routine_file
from unknot.core.routines.problems import Problem
from unknot.core.routines.text import clean_text

YAMLISH = st.lists(st.sampled_from([*list("abt: -[]{}&*!|>\n\t#'\"0123456789s"), "title", "steps", "duration"]))


def check(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.yaml"
        path.write_text(text, encoding="utf-8")
        routine, problems = load_routine_file(path, {})
    assert (routine is None) == bool(problems)
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.line >= 1 and problem.column >= 1
        assert clean_text(str(problem)) == str(problem)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(st.text(), YAMLISH.map("".join)))
def test_any_text_gives_a_routine_or_located_errors(text: str) -> None:
    check(text.encode("utf-8", "replace").decode("utf-8"))


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8)),
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(st.sampled_from(["title", "steps", "duration", "x"]), children, max_size=4),
        ),
        max_leaves=20,
    )
)
def test_any_json_shaped_data_gives_a_routine_or_located_errors(data: object) -> None:
    import json

    check(json.dumps(data))
