"""Start-up without cyclic garbage collection, so the first frame comes sooner.

Launching imports Textual, reads the library and builds the first screen: hundreds of thousands
of objects, nearly all of them kept for the whole run. CPython's collector walks them again and
again as they are made (a full pass alone took ~30 ms, 50–60 ms in all before the first frame).
The command line pauses collection before it imports the app; once the first frame is on screen
the app collects once, freezes what survives (those objects are never walked again, which also
keeps later pauses short during a session) and turns collection back on.

Only the command line pauses; tests and other embedders keep the collector as it was.
"""

from __future__ import annotations

import gc

_paused = False


def pause_collection() -> None:
    """Turn the cyclic garbage collector off until `resume_collection` (if it is on now)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collection() -> None:
    """Collect once, freeze the survivors, and turn the collector back on; only after a pause."""
    global _paused
    if not _paused:
        return
    _paused = False
    gc.collect()
    gc.freeze()
    gc.enable()
