"""The asyncio loop that keeps a player moving, waking when the shown second changes."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Awaitable, Callable
from typing import Any

from .events import SessionEvent
from .player import Player, PlayerState

Sleep = Callable[[float], Awaitable[None]]
"""How the ticker waits: `asyncio.sleep`, or in tests a sleep that only ends when poked."""

#: Wake this long after a boundary, so a timer that fires a hair early never shows a stale second.
WAKE_MARGIN = 0.002


def seconds_until_next_change(player: Player) -> float | None:
    """Return how long until the shown second (or a segment) changes; None while not running."""
    if player.state is PlayerState.PAUSED and player.lead_in_until is not None:
        left = max(0.0, player.lead_in_until - player.clock.monotonic())
        return (left - (math.ceil(left) - 1) if left > 0 else 0.0) + WAKE_MARGIN
    if player.state is not PlayerState.RUNNING:
        return None
    length = player.length()
    elapsed = player.elapsed()
    if length is None:
        # Until-done segments count up: wake at each whole second of elapsed time.
        return math.floor(elapsed) + 1 - elapsed + WAKE_MARGIN
    remaining = max(0.0, length - elapsed)
    next_boundary = remaining - (math.ceil(remaining) - 1) if remaining > 0 else 0.0
    return next_boundary + WAKE_MARGIN


class Ticker:
    """Runs `player.update()` at each whole-second boundary of the current deadline.

    `on_tick` is called after every wake with the events it produced (often none: the
    shown second changed). Commands from the UI call `poke()` so the ticker re-plans at
    once (after a pause, a skip or ±10 s). `sleep` is injectable so tests never wait.
    """

    def __init__(
        self,
        player: Player,
        on_tick: Callable[[list[SessionEvent]], None],
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.player = player
        self.on_tick = on_tick
        self.sleep = sleep
        self._poked = asyncio.Event()

    def poke(self) -> None:
        """Wake the ticker now: the player's state changed outside of it."""
        self._poked.set()

    async def _wait(self, delay: float | None) -> None:
        poked = asyncio.ensure_future(self._poked.wait())
        waits: set[asyncio.Future[Any]] = {poked}
        if delay is not None:
            waits.add(asyncio.ensure_future(self.sleep(delay)))
        try:
            await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiting in waits:
                waiting.cancel()
        self._poked.clear()

    async def run(self) -> None:
        """Keep the player up to date until the session finishes."""
        while not self.player.finished:
            self.on_tick(self.player.update())
            if self.player.finished:
                break
            await self._wait(seconds_until_next_change(self.player))
