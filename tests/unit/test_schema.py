"""The published JSON Schema is generated from the model and checked in up to date."""

import json

from tests.conftest import REPO
from unknot.core.routines.schema import routine_schema, routine_schema_text


def test_checked_in_schema_is_current() -> None:
    checked_in = (REPO / "schema" / "routine.schema.json").read_text(encoding="utf-8")
    assert checked_in == routine_schema_text(), "run: unknot schema > schema/routine.schema.json"


def test_schema_forbids_unknown_keys_and_knows_durations() -> None:
    schema = routine_schema()
    routine = schema["$defs"]["Routine"]
    assert routine["additionalProperties"] is False
    assert set(routine["required"]) == {"title", "steps"}
    assert routine["properties"]["get_ready"]["default"] == 5
    assert "anyOf" in schema["$defs"]["Step"]["properties"]["duration"]["anyOf"][0]
    json.dumps(schema)
