"""History on its own thread, so a locked, slow or full database never stalls the caller.

SQLite waits up to five seconds for another process's write lock, and a disk can be slow. The
app's event loop draws the countdown and answers keys; it must never wait for that. So the
store is opened on one background thread and every operation runs there, in the order it was
asked for, and hands back a `Future`. Closing waits (for a bounded time) until the queued
writes are done, so a checkpoint asked for on a hang-up still reaches the disk.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # the store (and sqlite3) is imported on the history thread, not at start-up
    from .store import HistoryStore

T = TypeVar("T")

#: How long closing waits for queued writes before giving up on them.
CLOSE_TIMEOUT_SECONDS = 10.0


class HistoryService:
    """Runs history jobs on one thread, opening the store there on first use."""

    def __init__(self, opener: Callable[[], HistoryStore]) -> None:
        self._opener = opener
        self._store: HistoryStore | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="unknot-history")
        self._pending: set[Future[Any]] = set()
        self._lock = threading.Lock()
        self.available: bool | None = None
        """Whether history can be read: None until the store has been opened."""
        self.writable: bool | None = None
        """Whether new sessions can be stored: None until the store has been opened."""

    def run(self, job: Callable[[HistoryStore], T]) -> Future[T]:
        """Run `job(store)` on the history thread; its result (or exception) comes back in the Future."""
        future = self._executor.submit(self._call, job)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._forget)
        return future

    async def ask(self, job: Callable[[HistoryStore], T]) -> T:
        """Run `job(store)` on the history thread and await its result without blocking the event loop."""
        return await asyncio.wrap_future(self.run(job))

    def _call(self, job: Callable[[HistoryStore], T]) -> T:
        if self._store is None:
            self._store = self._opener()
            self.available = self._store.available
            self.writable = self._store.writable
        result = job(self._store)
        self.available = self._store.available
        self.writable = self._store.writable
        return result

    def _forget(self, future: Future[Any]) -> None:
        with self._lock:
            self._pending.discard(future)

    def drain(self, timeout: float = CLOSE_TIMEOUT_SECONDS) -> bool:
        """Wait until every job asked for so far is done (up to `timeout`); return whether they all are."""
        with self._lock:
            pending = set(self._pending)
        _, not_done = wait(pending, timeout=timeout)
        return not not_done

    def close(self, timeout: float = CLOSE_TIMEOUT_SECONDS) -> bool:
        """Wait for queued jobs (up to `timeout`), close the store; return whether all of them finished."""
        finished = self.drain(timeout)
        if finished:
            closing = self._executor.submit(self._close_store)
            wait([closing], timeout=timeout)
        self._executor.shutdown(wait=False, cancel_futures=True)
        return finished

    def _close_store(self) -> None:
        if self._store is not None:
            self._store.close()
