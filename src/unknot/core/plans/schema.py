"""The published JSON Schema of a plan file, generated from the plan Structs."""

from __future__ import annotations

import json
from typing import Any

import msgspec

from ..routines.model import Seconds, duration_schema
from .model import Plan

SCHEMA_ID = "https://unknot.invalid/schema/plan.schema.json"


def _schema_hook(kind: type) -> dict[str, Any]:
    if isinstance(kind, type) and issubclass(kind, Seconds):
        return duration_schema(kind.minimum)
    raise NotImplementedError


def plan_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) that a plan YAML file must satisfy."""
    schema = msgspec.json.schema(Plan, schema_hook=_schema_hook)
    # An advance names one way: after so many sessions, or so many days.
    schema["$defs"]["Advance"]["oneOf"] = [{"required": ["after_sessions"]}, {"required": ["after_days"]}]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Unknot plan",
        **schema,
    }


def plan_schema_text() -> str:
    """Return the plan JSON Schema as stable, indented text ending in a newline."""
    return json.dumps(plan_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
