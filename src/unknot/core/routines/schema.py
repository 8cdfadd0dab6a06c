"""The published JSON Schema of a routine file, generated from the model Structs."""

from __future__ import annotations

import json
from typing import Any

import msgspec

from .model import Breathing, Routine, Seconds, duration_schema

SCHEMA_ID = "https://unknot.invalid/schema/routine.schema.json"


def _schema_hook(kind: type) -> dict[str, Any]:
    if isinstance(kind, type) and issubclass(kind, Seconds):
        return duration_schema(kind.minimum)
    raise NotImplementedError


def _add_duration_defaults(schema: dict[str, Any]) -> None:
    """Show the defaults of duration fields, which msgspec leaves out (they are factories)."""
    for struct in (Routine, Breathing):
        properties = schema["$defs"][struct.__name__]["properties"]
        for info in msgspec.structs.fields(struct):
            if info.default_factory is not msgspec.NODEFAULT:
                value = info.default_factory()
                if isinstance(value, Seconds):
                    properties[info.encode_name]["default"] = int(value)


def routine_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) that a routine YAML file must satisfy."""
    schema = msgspec.json.schema(Routine, schema_hook=_schema_hook)
    _add_duration_defaults(schema)
    # A step is written out (it has a title) or taken from another routine (`use:`).
    schema["$defs"]["Step"]["anyOf"] = [{"required": ["title"]}, {"required": ["use"]}]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Unknot routine",
        **schema,
    }


def routine_schema_text() -> str:
    """Return the JSON Schema as stable, indented text ending in a newline."""
    return json.dumps(routine_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
