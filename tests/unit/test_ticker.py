"""The ticker wakes at whole-second boundaries of the deadline, on an injected clock."""

from __future__ import annotations

import asyncio

import msgspec
import pytest

from unknot.core.routines.model import Routine, decode_hook
from unknot.core.routines.timeline import build_timeline
from unknot.core.session.clock import FakeClock
from unknot.core.session.events import Finished, SessionEvent
from unknot.core.session.player import Player
from unknot.core.session.ticker import Ticker, seconds_until_next_change


def make_player(seconds: list[int]) -> tuple[Player, FakeClock]:
    data = {
        "id": "t",
        "title": "T",
        "get_ready": 0,
        "rest": 0,
        "steps": [{"title": f"s{i}", "duration": s} for i, s in enumerate(seconds)],
    }
    clock = FakeClock()
    return Player(build_timeline(msgspec.convert(data, Routine, dec_hook=decode_hook)), clock), clock


def test_next_change_is_at_the_next_whole_second_of_the_deadline() -> None:
    player, clock = make_player([30])
    player.start()
    assert seconds_until_next_change(player) == pytest.approx(1.0, abs=0.01)
    clock.advance(0.3)
    assert seconds_until_next_change(player) == pytest.approx(0.7, abs=0.01)
    player.pause()
    assert seconds_until_next_change(player) is None


async def test_every_second_is_shown_once_and_the_end_is_on_time() -> None:
    player, clock = make_player([3, 2, 4])
    shown: list[tuple[int, int]] = []
    finished: list[float] = []

    async def fake_sleep(delay: float) -> None:
        clock.advance(delay + 0.0005)  # a little late, like a real loop
        await asyncio.sleep(0)

    def on_events(events: list[SessionEvent]) -> None:  # called on every wake
        if any(isinstance(event, Finished) for event in events):
            finished.append(clock.monotonic())

    start = clock.monotonic()
    player.start()
    ticker = Ticker(player, on_events, sleep=fake_sleep)
    task = asyncio.ensure_future(ticker.run())
    while not player.finished:
        position = player.position()
        if not shown or shown[-1] != (position.segment.index, position.shown_seconds):
            shown.append((position.segment.index, position.shown_seconds))
        await asyncio.sleep(0)
    await task
    assert shown == [(0, 3), (0, 2), (0, 1), (1, 2), (1, 1), (2, 4), (2, 3), (2, 2), (2, 1)]
    assert abs(finished[0] - start - 9) < 0.02


async def test_poke_replans_after_a_command() -> None:
    player, clock = make_player([30])
    player.start()
    sleeps: list[float] = []

    async def fake_sleep(delay: float) -> None:
        sleeps.append(delay)
        await asyncio.Event().wait()  # sleeps until cancelled

    ticker = Ticker(player, lambda events: None, sleep=fake_sleep)
    task = asyncio.ensure_future(ticker.run())
    await asyncio.sleep(0)
    clock.advance(0.5)
    player.pause()
    ticker.poke()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    player.leave()
    ticker.poke()
    await asyncio.wait_for(task, 1)
    assert len(sleeps) == 1
