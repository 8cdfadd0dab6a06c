"""Saying utterances with an engine: one at a time, on a thread of its own, never blocking the caller.

`say` only records what to say and wakes the thread; a more important (or equally important)
utterance kills the one speaking, a less important one waits for nothing and is dropped. The
process runs in a session of its own with a fixed argument list (never a shell) and is killed with
its whole process group. A command that cannot start, fails or hangs is reported once; from then
on the speaker is silent and the session goes on with the bell.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
from collections.abc import Callable
from typing import Any

from .engines import Engine
from .narrator import Priority, Utterance
from .words import speaking_seconds

#: An utterance still speaking this long after it should have finished counts as a hang.
HANG_GRACE_SECONDS = 10.0


class Speaker:
    """Speaks utterances with `engine` on its own thread; `report` hears (once) why it went silent."""

    def __init__(
        self,
        engine: Engine,
        report: Callable[[str], None],
        *,
        hang_grace: float = HANG_GRACE_SECONDS,
        started: Callable[[Utterance], None] | None = None,
    ) -> None:
        self.engine = engine
        self._report = report
        self._hang_grace = hang_grace
        self._started = started
        self._lock = threading.Condition()
        self._pending: Utterance | None = None
        self._current: tuple[subprocess.Popen[Any], Priority] | None = None
        self._killed: set[int] = set()
        self._silence_engine = False
        self._working = False
        self._taken: Utterance | None = None
        """The thread holds an utterance it has taken but may not have started yet."""
        self._generation = 0
        self._closed = False
        self.failed: str | None = None
        """Why the speaker went silent for good, or None."""
        self._thread: threading.Thread | None = None

    # ----- the caller's side (the event loop): quick, never waits ---------------------------

    def say(self, utterance: Utterance) -> None:
        """Say `utterance` unless something more important is speaking; empty text stops speaking."""
        with self._lock:
            if self.failed or self._closed:
                return
            if self._busy_with_more_than(utterance.priority):
                return
            self._generation += 1
            self._kill_current()
            self._pending = utterance if utterance.text else None
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="unknot-voice", daemon=True)
                self._thread.start()
            self._lock.notify_all()

    def stop(self) -> None:
        """Stop speaking now and forget what was about to be said (pausing, leaving)."""
        with self._lock:
            self._generation += 1
            self._pending = None
            self._kill_current()
            self._lock.notify_all()

    def close(self) -> None:
        """Stop speaking and end the thread."""
        self.stop()
        with self._lock:
            self._closed = True
            self._lock.notify_all()

    def idle(self, timeout: float) -> bool:
        """Wait until nothing is speaking or waiting to be said; return whether that happened (for tests)."""
        with self._lock:
            return self._lock.wait_for(
                lambda: self._pending is None and not self._working and not self._silence_engine, timeout
            )

    def _busy_with_more_than(self, priority: Priority) -> bool:
        if self._pending is not None and self._pending.priority > priority:
            return True
        if self._current is None:
            return self._working and self._taken is not None and self._taken.priority > priority
        process, speaking = self._current
        return process.poll() is None and speaking > priority

    def _kill_current(self) -> None:
        if self._current is None:
            return
        process, _ = self._current
        self._current = None
        if process.poll() is None:
            self._killed.add(process.pid)
            with contextlib.suppress(OSError):
                os.killpg(process.pid, signal.SIGKILL)
            self._silence_engine = self.engine.stop_argv() is not None

    # ----- the speaking thread -------------------------------------------------------------

    def _run(self) -> None:
        while True:
            with self._lock:
                self._lock.wait_for(lambda: self._closed or self._pending is not None or self._silence_engine)
                if self._closed:
                    return
                utterance, generation = self._pending, self._generation
                self._pending = None
                silence, self._silence_engine = self._silence_engine, False
                self._working, self._taken = True, utterance
            if silence:
                self._run_quietly(self.engine.stop_argv())
            if utterance is not None:
                self._speak(utterance, generation)
            with self._lock:
                self._working = False
                self._lock.notify_all()

    def _run_quietly(self, argv: list[str] | None) -> None:
        if argv is None:
            return
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(
                argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=2
            )

    def _speak(self, utterance: Utterance, generation: int) -> None:
        try:
            process = subprocess.Popen(
                self.engine.argv(utterance.text),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # its own process group: killed whole, and no signal from the terminal
            )
        except OSError as error:
            self._fail(f"the voice ({self.engine.name}) could not start: {error.strerror or error}")
            return
        with self._lock:
            self._current = (process, utterance.priority)
            if generation != self._generation:  # replaced or stopped while it was starting
                self._kill_current()
        if self._started is not None:
            self._started(utterance)
        try:
            code = process.wait(timeout=speaking_seconds(utterance.text, 120) + self._hang_grace)
        except subprocess.TimeoutExpired:
            with self._lock:
                self._kill_current()
            process.wait()
            self._fail(f"the voice ({self.engine.name}) did not finish speaking; it is off for this session")
            return
        finally:
            with self._lock:
                if self._current is not None and self._current[0] is process:
                    self._current = None
        with self._lock:
            killed = process.pid in self._killed
            self._killed.discard(process.pid)
        if code != 0 and not killed:
            self._fail(f"the voice ({self.engine.name}) failed (exit status {code}); it is off for this session")

    def _fail(self, reason: str) -> None:
        with self._lock:
            if self.failed:
                return
            self.failed = reason
            self._pending = None
        self._report(reason)
