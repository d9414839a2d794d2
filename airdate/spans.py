"""Day ranges at fixed positions, indexed so reconcile's scans need not compare every pair.

`SpanTree` is a segment tree over a fixed number of positions (claims, or publication
days, in a fixed order); each position holds one range `(lo, hi)` of day ordinals, or
nothing. Every node keeps the largest `lo`, the smallest `hi` and the smallest width
below it, so a search skips each subtree that cannot hold what it looks for.

`first_apart` and `apart` look for ranges that miss a given range on one side or the
other; that is an *or* of two conditions the node keeps exactly, so each position found
costs O(log n) and a search that finds nothing costs O(log n). `last_within` looks for a
range inside another and narrower: an *and* of three conditions, which the node keeps
only one by one, so it prunes well (a subtree with nothing narrower, nothing starting
late enough or nothing ending early enough is skipped) but can visit more than log n
nodes when the three conditions are met by different ranges of one subtree.
"""

from __future__ import annotations

EMPTY_LO = -(1 << 62)  # an empty position: no range starts after or ends before anything
EMPTY_HI = 1 << 62
SHORT = 24  # a range of positions this short is quicker to read leaf by leaf than through the tree


class SpanTree:
    """Ranges of day ordinals at positions base..size-1 (base 0 unless given); see the module doc."""

    def __init__(self, size: int, base: int = 0) -> None:
        n = 1
        while n < size - base:
            n *= 2
        self.n = n
        self.base = base  # positions before it are empty and take no room: searches there start at it
        self.max_lo = [EMPTY_LO] * (2 * n)
        self.min_hi = [EMPTY_HI] * (2 * n)
        self.min_width = [EMPTY_HI] * (2 * n)

    @classmethod
    def of(cls, size: int, ranges: list[tuple[int, int, int]], base: int = 0) -> SpanTree:
        """A tree holding (position, lo, hi) for each item of `ranges` (none before `base`), built in O(size - base)."""
        tree = cls(size, base)
        n, max_lo, min_hi, min_width = tree.n, tree.max_lo, tree.min_hi, tree.min_width
        shift = n - base
        for pos, lo, hi in ranges:
            max_lo[pos + shift], min_hi[pos + shift], min_width[pos + shift] = lo, hi, hi - lo
        width = n  # a level at a time: its nodes are n//2..n-1 and their children n..2n-1
        while width > 1:
            half = width // 2
            for values, pick in ((max_lo, max), (min_hi, min), (min_width, min)):
                values[half:width] = map(pick, values[width : 2 * width : 2], values[width + 1 : 2 * width : 2])
            width = half
        return tree

    def put(self, pos: int, lo: int, hi: int) -> None:
        self._set(pos - self.base + self.n, lo, hi, hi - lo)

    def clear(self, pos: int) -> None:
        if pos >= self.base:
            self._set(pos - self.base + self.n, EMPTY_LO, EMPTY_HI, EMPTY_HI)

    def _set(self, i: int, lo: int, hi: int, width: int) -> None:
        """A leaf's range, then its ancestors' up to the first that does not change."""
        max_lo, min_hi, min_width = self.max_lo, self.min_hi, self.min_width
        max_lo[i], min_hi[i], min_width[i] = lo, hi, width
        while i > 1:
            sibling = i ^ 1
            i //= 2
            a, b = max_lo[sibling], min_hi[sibling]
            lo, hi = (lo if lo > a else a), (hi if hi < b else b)
            width = width if width < min_width[sibling] else min_width[sibling]
            if max_lo[i] == lo and min_hi[i] == hi and min_width[i] == width:
                return
            max_lo[i], min_hi[i], min_width[i] = lo, hi, width

    # --- searches -----------------------------------------------------------------------------

    def first_apart(self, start: int, lo: int, hi: int) -> int | None:
        """The first position at or after `start` whose range ends before `lo` or starts after `hi`."""
        found = self._first_apart(1, 0, self.n, max(start - self.base, 0), lo, hi)
        return None if found < 0 else found + self.base

    def _first_apart(self, i: int, left: int, right: int, start: int, lo: int, hi: int) -> int:
        if right <= start or not (self.max_lo[i] > hi or self.min_hi[i] < lo):
            return -1
        if i >= self.n:
            return i - self.n
        mid = (left + right) // 2
        found = self._first_apart(2 * i, left, mid, start, lo, hi)
        return found if found >= 0 else self._first_apart(2 * i + 1, mid, right, start, lo, hi)

    def apart(self, start: int, stop: int, lo: int, hi: int) -> list[int]:
        """Every position in [start, stop) whose range ends before `lo` or starts after `hi`, in order."""
        base = self.base
        start, stop = max(start - base, 0), stop - base
        if stop - start <= SHORT:
            first, max_lo, min_hi, shift = self.n + start, self.max_lo, self.min_hi, self.n - base
            return [k - shift for k in range(first, first + stop - start) if max_lo[k] > hi or min_hi[k] < lo]
        out: list[int] = []
        self._apart(1, 0, self.n, start, stop, lo, hi, out)
        return [k + base for k in out] if base else out

    def _apart(
        self, i: int, left: int, right: int, start: int, stop: int, lo: int, hi: int, out: list[int]
    ) -> None:
        if right <= start or left >= stop or not (self.max_lo[i] > hi or self.min_hi[i] < lo):
            return
        if i >= self.n:
            out.append(i - self.n)
            return
        mid = (left + right) // 2
        self._apart(2 * i, left, mid, start, stop, lo, hi, out)
        self._apart(2 * i + 1, mid, right, start, stop, lo, hi, out)

    def last_within(self, stop: int, lo: int, hi: int, width: int, start: int = 0) -> int | None:
        """The last position in [start, stop) whose range lies in [lo, hi] and is narrower than `width` days."""
        base = self.base
        found = self._last_within(1, 0, self.n, max(start - base, 0), stop - base, lo, hi, width)
        return None if found < 0 else found + base

    def last(self, stop: int, start: int = 0) -> int | None:
        """The last position in [start, stop) that holds a range."""
        return self.last_within(stop, EMPTY_LO, EMPTY_HI, EMPTY_HI, start)

    def _last_within(
        self, i: int, left: int, right: int, start: int, stop: int, lo: int, hi: int, width: int
    ) -> int:
        if left >= stop or right <= start or self.min_width[i] >= width or self.max_lo[i] < lo or self.min_hi[i] > hi:
            return -1
        if i >= self.n:
            return i - self.n  # a leaf: the three tests above were its own range's
        mid = (left + right) // 2
        found = self._last_within(2 * i + 1, mid, right, start, stop, lo, hi, width)
        return found if found >= 0 else self._last_within(2 * i, left, mid, start, stop, lo, hi, width)


class OutletSpans:
    """Fixed ranges of day ordinals, each with who said it (a number per outlet).

    `apart` finds the ranges apart from a given one that another outlet said. Each node
    keeps the largest `lo` with its outlet and the largest `lo` of any other outlet (and
    the same for the smallest `hi`), which tells exactly whether a subtree holds such a
    range: each one found costs O(log n), and a thousand ranges from one outlet cost
    nothing when that outlet asks.
    """

    def __init__(self, ranges: list[tuple[int, int]], outlets: list[int]) -> None:
        n = 1
        while n < len(ranges):
            n *= 2
        self.n = n
        # late: (largest lo, its outlet, largest lo of another outlet); early: the same for -hi,
        # so the largest -hi is the smallest hi. An empty position has the smallest of each.
        self.late = [(EMPTY_LO, -1, EMPTY_LO)] * (2 * n)
        self.early = [(EMPTY_LO, -1, EMPTY_LO)] * (2 * n)
        for pos, ((lo, hi), outlet) in enumerate(zip(ranges, outlets, strict=True)):
            self.late[n + pos] = (lo, outlet, EMPTY_LO)
            self.early[n + pos] = (-hi, outlet, EMPTY_LO)
        for i in range(n - 1, 0, -1):
            self.late[i] = _top_two(self.late[2 * i], self.late[2 * i + 1])
            self.early[i] = _top_two(self.early[2 * i], self.early[2 * i + 1])

    def apart(self, start: int, stop: int, lo: int, hi: int, outlet: int) -> list[int]:
        """Positions in [start, stop), in order, said by another outlet, whose range misses [lo, hi]."""
        out: list[int] = []
        self._apart(1, 0, self.n, start, stop, hi, -lo, outlet, out)
        return out

    def _apart(
        self,
        i: int,
        left: int,
        right: int,
        start: int,
        stop: int,
        after: int,
        before: int,  # negated, as `early` holds it
        outlet: int,
        out: list[int],
    ) -> None:
        if right <= start or left >= stop:
            return
        late, late_by, late_other = self.late[i]
        early, early_by, early_other = self.early[i]
        if not (
            (late > after and late_by != outlet)
            or late_other > after
            or (early > before and early_by != outlet)
            or early_other > before
        ):
            return
        if i >= self.n:
            out.append(i - self.n)
            return
        mid = (left + right) // 2
        self._apart(2 * i, left, mid, start, stop, after, before, outlet, out)
        self._apart(2 * i + 1, mid, right, start, stop, after, before, outlet, out)


def _top_two(a: tuple[int, int, int], b: tuple[int, int, int]) -> tuple[int, int, int]:
    """Merge (largest value, its outlet, largest value of another outlet) of two subtrees."""
    if a[0] >= b[0]:
        return a[0], a[1], max(a[2], b[0] if b[1] != a[1] else b[2])
    return b[0], b[1], max(b[2], a[0] if a[1] != b[1] else a[2])
