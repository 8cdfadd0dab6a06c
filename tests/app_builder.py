"""One way to build the app for tests and scenes: as the command line does, on a fake clock, with private files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import msgspec
from msgspec import UNSET

from unknot.core.history.store import HistoryStore
from unknot.core.library.library import Library
from unknot.core.library.loader import load_library
from unknot.core.paths import shipped_routines_dir
from unknot.core.preferences import RunOverrides
from unknot.core.session.clock import FakeClock
from unknot.core.settings import SettingsStore
from unknot.core.speech.modes import VoiceMode
from unknot.ui.app import UnknotApp, make_app
from unknot.ui.options import AppOptions

FIXTURE_ROUTINES = Path(__file__).resolve().parent / "fixtures" / "routines"


async def sleep_until_poked(delay: float) -> None:
    """A ticker sleep that never ends by itself: tests and scenes move time with `advance`."""
    import asyncio

    await asyncio.Event().wait()


def build_app(
    folder: Path,
    library: Library | None = None,
    history: HistoryStore | None = None,
    *,
    saved: dict[str, Any] | None = None,
    app_class: type[UnknotApp] = UnknotApp,
    today: dt.date | None = None,
    **options: Any,
) -> tuple[UnknotApp, FakeClock]:
    """Make the app with a fake clock, the shipped and fixture routines, and settings in `folder`.

    `history`, when given, is the store the app opens on first use; `saved` is written to
    settings.json first, as a person's earlier choices; `today` fixes the day the app counts by
    (what is due, the plan's day), whatever the time zone; without it, the fake clock's local day.
    `options` are any other `AppOptions`.
    """
    clock = FakeClock()
    if today is not None:
        options["today"] = lambda: today
    if library is None:
        library = load_library([shipped_routines_dir(), FIXTURE_ROUTINES])
    if history is not None:
        options["open_history"] = lambda: history
    # The voice is off in tests unless a test asks for it: what is installed here must not change a screen.
    overrides = options.get("overrides", RunOverrides())
    if overrides.voice is UNSET:
        options["overrides"] = msgspec.structs.replace(overrides, voice=VoiceMode.OFF)
    settings_file = folder / "settings.json"
    if saved is not None:
        settings_file.write_text(json.dumps(saved), encoding="utf-8")
    app = make_app(
        AppOptions(
            library=library,
            settings_store=SettingsStore(settings_file),
            clock=clock,
            sleep=sleep_until_poked,
            **options,
        ),
        app_class,
    )
    return app, clock
