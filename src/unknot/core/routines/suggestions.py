"""\"Did you mean\" for a name that is not known, within a budget of comparisons per load.

A pack with thousands of misspelled names against thousands of known ones must still load in
moments, so each guess compares only names of about its length, and a load stops suggesting once
its comparisons are spent.
"""

from __future__ import annotations

import difflib

#: How many names one load may compare for "did you mean" before it stops suggesting: a pack with
#: thousands of misspelled references against thousands of steps must still load in moments.
SUGGESTION_BUDGET = 50_000


class Budget:
    """Comparisons left for suggestions in one load (shared by every Suggestions of that load)."""

    def __init__(self, comparisons: int = SUGGESTION_BUDGET) -> None:
        self.left = comparisons


class Suggestions:
    """Names to suggest from, indexed by length, so each guess compares only names of about its length."""

    def __init__(self, names: list[str], budget: Budget | None = None) -> None:
        self.budget = budget or Budget()
        self._by_length: dict[int, list[str]] = {}
        for name in names:
            self._by_length.setdefault(len(name), []).append(name)

    def guess(self, name: str) -> str | None:
        """Return the closest known name (difflib's ratio of 0.6 or more), or None; None once the budget is spent."""
        # A ratio of 0.6 needs lengths within a factor of 2 of each other (2*common / total length).
        reach = [
            length for length in range(max(1, (len(name) + 1) // 2), 2 * len(name) + 1) if length in self._by_length
        ]
        cost = sum(len(self._by_length[length]) for length in reach)
        if not cost or self.budget.left < cost:
            return None
        self.budget.left -= cost
        candidates = [known for length in reach for known in self._by_length[length]]
        guess = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
        return guess[0] if guess else None

    def unknown(self, name: str, what: str) -> str:
        """Return `what`, with the closest known name as a suggestion when there is one."""
        guess = self.guess(name)
        return f"{what}; did you mean {guess!r}?" if guess else what
