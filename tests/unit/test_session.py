"""The player on a fake clock: pausing, skipping, adjusting, cues, saving and restoring."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec
import pytest

from unknot.core.routines.model import Routine, Step, decode_hook
from unknot.core.routines.timeline import SegmentKind, build_timeline
from unknot.core.session.clock import FakeClock
from unknot.core.session.events import (
    CueReached,
    FinalSeconds,
    Finished,
    Halfway,
    Outcome,
    Paused,
    Resumed,
    SegmentStarted,
    StillWaiting,
)
from unknot.core.session.player import Player, PlayerState


def make_player(steps: list[dict[str, object]], **fields: object) -> tuple[Player, FakeClock]:
    data = {"id": "r", "title": "R", "get_ready": 5, "rest": 10, "switch_sides": 5, "steps": steps, **fields}
    clock = FakeClock()
    return Player(build_timeline(msgspec.convert(data, Routine, dec_hook=decode_hook)), clock), clock


THREE_STEPS = [
    {"title": "a", "duration": 30},
    {"title": "b", "duration": 20, "cues": [{"at": 5, "text": "cue b"}]},
    {"title": "c", "duration": 10},
]


def labels(events: Sequence[object]) -> list[str]:
    return [type(event).__name__ for event in events]


def test_counts_down_by_deadline_and_shows_ceil() -> None:
    player, clock = make_player(THREE_STEPS)
    assert labels(player.start()) == ["SegmentStarted"]
    assert player.position().shown_seconds == 5
    clock.advance(0.2)
    assert player.position().shown_seconds == 5
    clock.advance(0.8)
    player.update()
    assert player.position().shown_seconds == 4
    clock.advance(4.0)
    events = player.update()
    assert player.segment.kind is SegmentKind.WORK and player.position().shown_seconds == 30
    assert any(isinstance(event, SegmentStarted) for event in events)


def test_late_wake_does_not_drift() -> None:
    player, clock = make_player(THREE_STEPS)
    player.start()
    clock.advance(5.4)  # woke 0.4 s late for the end of get-ready
    player.update()
    assert player.remaining() == pytest.approx(29.6)  # the step began at the deadline, not at the wake


def test_long_stall_moves_through_several_segments_in_order() -> None:
    player, clock = make_player(THREE_STEPS)
    player.start()
    clock.advance(5 + 30 + 10 + 20 + 10 + 3)
    events = player.update()
    started = [event.segment.index for event in events if isinstance(event, SegmentStarted)]
    assert started == [1, 2, 3, 4, 5]
    assert [event.text for event in events if isinstance(event, CueReached)] == ["cue b"]
    assert player.position().shown_seconds == 7


def test_pause_takes_no_time() -> None:
    player, clock = make_player(THREE_STEPS)
    player.start()
    clock.advance(2)
    assert labels(player.pause()) == ["Paused"]
    clock.advance(600)
    assert player.update() == []
    assert player.remaining() == pytest.approx(3)
    assert labels(player.resume()) == ["Resumed"]
    clock.advance(1)
    assert player.remaining() == pytest.approx(2)
    assert player.active_seconds() == pytest.approx(3)


def test_cues_fire_exactly_once_across_pause_and_resume() -> None:
    player, clock = make_player(THREE_STEPS)
    player.start()
    clock.advance(5 + 30 + 10 + 4.5)
    fired = [e for e in player.update() if isinstance(e, CueReached)]
    player.pause()
    clock.advance(100)
    player.resume()
    clock.advance(0.5)
    fired += [e for e in player.update() if isinstance(e, CueReached)]
    player.pause()
    player.resume()
    clock.advance(3)
    fired += [e for e in player.update() if isinstance(e, CueReached)]
    assert [event.text for event in fired] == ["cue b"]


def test_halfway_and_final_seconds_fire_once_each() -> None:
    player, clock = make_player([{"title": "a", "duration": 20}], get_ready=0)
    events = player.start()
    for _ in range(40):
        clock.advance(0.5)
        events += player.update()
    assert sum(isinstance(e, Halfway) for e in events) == 1
    assert [e.seconds for e in events if isinstance(e, FinalSeconds)] == [3, 2, 1]
    assert isinstance(events[-1], Finished)


def test_next_skips_to_the_next_step_and_counts_the_skip() -> None:
    player, clock = make_player(THREE_STEPS)
    player.start()
    player.next()  # from get-ready to step a
    assert player.segment.step_index == 0 and player.segment.kind is SegmentKind.WORK
    clock.advance(3)
    player.next()
    assert player.segment.step_index == 1 and player.remaining() == 20
    player.next()
    player.next()
    assert player.finished and player.record is not None
    assert player.record.outcome is Outcome.PARTIAL  # reached the end, but nothing was played through
    assert (player.record.steps_done, player.record.steps_skipped) == (0, 3)


def test_next_from_rest_goes_to_the_following_step() -> None:
    player, clock = make_player(THREE_STEPS)
    player.start()
    clock.advance(5 + 30 + 1)
    player.update()
    assert player.segment.kind is SegmentKind.REST
    player.next()
    assert player.segment.step_index == 1 and player.segment.kind is SegmentKind.WORK


def test_previous_restarts_or_goes_back_like_a_music_player() -> None:
    player, clock = make_player(THREE_STEPS)
    player.start()
    player.next()
    player.next()  # at step b
    clock.advance(5)
    player.previous()
    assert player.segment.step_index == 1 and player.elapsed() == 0  # restarted b
    clock.advance(1)
    player.previous()
    assert player.segment.step_index == 0  # back to a
    player.previous()
    assert player.segment.step_index == 0  # a is the first step: restart it


def test_previous_in_a_two_sided_step_restarts_the_whole_step() -> None:
    player, clock = make_player([{"title": "twist", "duration": 30, "sides": ["right", "left"]}], get_ready=0)
    player.start()
    clock.advance(30 + 5 + 2)
    player.update()
    assert player.segment.side == "left"
    player.previous()
    assert player.segment.side == "right" and player.remaining() == 30


def test_restart_step() -> None:
    player, clock = make_player(THREE_STEPS, get_ready=0)
    player.start()
    clock.advance(12)
    player.restart_step()
    assert player.remaining() == 30


def test_adjust_by_ten_seconds_never_below_one() -> None:
    player, clock = make_player(THREE_STEPS, get_ready=0)
    player.start()
    player.adjust(10)
    assert player.remaining() == 40
    clock.advance(35)
    player.adjust(-10)
    assert player.remaining() == pytest.approx(1)
    player.adjust(-10)
    assert player.remaining() == pytest.approx(1)
    assert player.segment.step_index == 0


def test_until_done_waits_for_done() -> None:
    player, clock = make_player(
        [{"title": "find", "until_done": True}, {"title": "b", "duration": 5}], get_ready=0, rest=0
    )
    player.start()
    clock.advance(500)
    player.update()
    assert player.segment.until_done and player.position().shown_seconds == 500
    assert player.adjust(10) == []
    events = player.done()
    assert labels(events) == ["SegmentStarted"] and player.segment.step_index == 1


def test_done_is_ignored_on_timed_segments() -> None:
    player, _ = make_player(THREE_STEPS)
    player.start()
    assert player.done() == []


def test_natural_end_records_completion() -> None:
    player, clock = make_player(THREE_STEPS)
    player.start()
    clock.advance(1000)
    events = player.update()
    assert isinstance(events[-1], Finished)
    record = events[-1].record
    assert record.outcome is Outcome.COMPLETED
    assert (record.steps_done, record.steps_skipped) == (3, 0)
    assert record.active_seconds == pytest.approx(85)  # counted only to the planned end
    assert record.ended_at - record.started_at == pytest.approx(85)


def test_leave_records_left() -> None:
    player, clock = make_player(THREE_STEPS)
    player.start()
    clock.advance(40)
    player.update()
    (event,) = player.leave()
    assert isinstance(event, Finished) and event.record.outcome is Outcome.LEFT
    assert event.record.steps_done == 1 and event.record.active_seconds == pytest.approx(40)
    assert player.leave() == [] and player.next() == []


def test_snapshot_restore_gives_the_same_future() -> None:
    player, clock = make_player(THREE_STEPS)
    player.start()
    clock.advance(5 + 30 + 10 + 3.25)
    player.update()
    saved = player.snapshot()
    assert msgspec.json.decode(msgspec.json.encode(saved)) == saved  # plain data
    twin_clock = FakeClock(start=50_000)
    twin = Player.restore(player.timeline, twin_clock, saved)
    assert twin.state is PlayerState.PAUSED
    assert twin.remaining() == pytest.approx(player.remaining())
    twin.resume()
    player.pause(), player.resume()
    future, twin_future = [], []
    for _ in range(30):
        clock.advance(1)
        twin_clock.advance(1)
        future += player.update()
        twin_future += twin.update()
    describe = lambda events: [(type(e).__name__, getattr(getattr(e, "segment", None), "index", None)) for e in events]  # noqa: E731
    assert describe(future) == describe(twin_future)
    assert twin.active_seconds() == pytest.approx(player.active_seconds())


def test_restore_refuses_a_changed_routine() -> None:
    player, _ = make_player(THREE_STEPS)
    player.start()
    saved = player.snapshot() | {"routine_hash": "0" * 16}
    with pytest.raises(ValueError, match="another version"):
        Player.restore(player.timeline, FakeClock(), saved)


def test_pause_events_and_ready_state() -> None:
    player, _ = make_player(THREE_STEPS)
    assert player.pause() == [] and player.next() == []
    assert labels(player.toggle_pause()) == ["SegmentStarted"]
    assert isinstance(player.toggle_pause()[0], Paused)
    assert isinstance(player.toggle_pause()[0], Resumed)


SIDES_AND_REPS = [
    {"title": "lift", "reps": 3, "duration": 4, "sides": ["right", "left"], "cues": [{"at": 2, "text": "squeeze"}]},
    {"title": "rest on the back", "duration": 10},
]


def test_skip_part_goes_to_the_next_rep_then_the_other_side_then_the_next_step() -> None:
    player, _ = make_player(SIDES_AND_REPS, get_ready=0)
    player.start()
    where = [(player.segment.kind, player.segment.side, player.segment.rep_index)]
    for _ in range(5):
        player.skip_part()
        where.append((player.segment.kind, player.segment.side, player.segment.rep_index))
    assert where == [
        (SegmentKind.WORK, "right", 0),
        (SegmentKind.WORK, "right", 1),
        (SegmentKind.WORK, "right", 2),
        (SegmentKind.SWITCH_SIDES, "left", 0),  # time to turn over before the other side
        (SegmentKind.WORK, "left", 0),
        (SegmentKind.WORK, "left", 1),
    ]
    player.skip_part()
    player.skip_part()  # the last rep of the last side: on to the next step
    assert player.segment.step_index == 1 and player.segment.kind is SegmentKind.WORK


def test_a_cue_comes_in_every_rep() -> None:
    player, clock = make_player(SIDES_AND_REPS, get_ready=0, switch_sides=0)
    cues = []
    cues += player.start()
    for _ in range(30):
        clock.advance(1)
        cues += player.update()
    assert [event.segment.rep_index for event in cues if isinstance(event, CueReached)] == [0, 1, 2, 0, 1, 2]


def test_add_rep_adds_one_more_on_this_side_and_survives_a_snapshot() -> None:
    player, clock = make_player(SIDES_AND_REPS, get_ready=0)
    player.start()
    assert player.can_add_rep
    assert labels(player.add_rep()) == ["RepAdded"]
    assert player.segment.rep_count == 4
    total = player.timeline.total_seconds
    restored = Player.restore(player.timeline, clock, player.snapshot())
    assert restored.timeline.total_seconds == total and restored.segment.rep_count == 4
    left_side = [s for s in player.timeline.segments if s.side == "left" and s.kind is SegmentKind.WORK]
    assert len(left_side) == 3  # the other side keeps its three


def test_add_rep_does_not_apply_to_a_plain_hold() -> None:
    player, _ = make_player(THREE_STEPS, get_ready=0)
    player.start()
    assert not player.can_add_rep and player.add_rep() == []


def test_a_resumed_session_counts_down_before_it_goes_on() -> None:
    player, clock = make_player(THREE_STEPS, get_ready=0)
    player.start()
    clock.advance(12)
    player.update()
    restored = Player.restore(player.timeline, clock, player.snapshot())
    restored.lead_in(1)  # shorter than the minimum
    assert restored.position().lead_in_left == 3 and restored.position().shown_seconds == 3
    clock.advance(2.5)
    assert restored.update() == [] and restored.state is PlayerState.PAUSED
    clock.advance(0.5)
    assert labels(restored.update()) == ["Resumed"]
    assert restored.remaining() == 18  # exactly where it stopped: 30 s less the 12 played


def test_reaching_the_end_with_a_skipped_step_is_partial_not_completed() -> None:
    player, clock = make_player(THREE_STEPS, get_ready=0, rest=0)
    player.start()
    clock.advance(30)
    player.update()
    player.next()  # skip b
    clock.advance(10)
    player.update()
    assert player.record is not None and player.record.outcome is Outcome.PARTIAL
    assert (player.record.steps_done, player.record.steps_skipped) == (2, 1)


def test_an_until_done_step_goes_on_by_itself_after_continue_after() -> None:
    player, clock = make_player(
        [{"title": "settle", "until_done": True, "continue_after": "30s"}, {"title": "b", "duration": 5}],
        get_ready=0,
        rest=0,
    )
    player.start()
    clock.advance(29)
    assert player.update() == [] and player.segment.until_done
    clock.advance(1.5)
    events = player.update()
    assert labels(events) == ["SegmentStarted"] and player.segment.step_index == 1
    assert player.position().side_elapsed == 0.5  # b started at 30 s, not at the late wake-up
    clock.advance(10)
    player.update()
    assert player.finished and player.record is not None and player.record.steps_done == 2  # nobody pressed d


def test_a_step_that_waits_reminds_once_a_minute_and_d_still_ends_it_sooner() -> None:
    player, clock = make_player(
        [{"title": "find", "until_done": True}, {"title": "b", "duration": 5}], get_ready=0, rest=0
    )
    player.start()
    reminders = []
    for _ in range(150):
        clock.advance(1)
        reminders += [event.seconds for event in player.update() if isinstance(event, StillWaiting)]
    assert reminders == [60, 120]
    assert labels(player.done()) == ["SegmentStarted"]


def test_continue_after_belongs_to_until_done_steps() -> None:
    from unknot.core.routines.validate import check_step_timing

    step = msgspec.convert({"title": "a", "duration": 10, "continue_after": 5}, Step, dec_hook=decode_hook)
    assert [message for _where, message in check_step_timing(step, ())] == [
        "continue_after is for until_done steps; a timed step goes on anyway"
    ]
