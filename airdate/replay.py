"""History's replay: one release's live window claims, indexed, as its articles are added in order.

`airdate.reconcile.history` adds each article's claims to a `Replay` in publication order and asks
for the best window after each (issue 11: a release with thousands of articles). Rules 1-4 are
those of `airdate.reconcile`; here they are kept incrementally, each claim costing O(log n) as it
is added or dropped, and runs of articles that cannot change the best costing no fold at all.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date
from heapq import heapify, heappop, heappush

from airdate.claims import WindowClaim
from airdate.models import CERTAINTY_RANK
from airdate.spans import SHORT, SpanTree

MAX_ORDINAL = date.max.toordinal()


class Replay:
    """`history`'s live claims, indexed: what rules 1-4 (`airdate.reconcile._best`) say of them after each article.

    Claims are added in publication order (all of one article at a time) and dropped when
    a move or a newer claim supersedes them. Per certainty rank: an index of the live
    claims (rule 1b finds those a new claim replaces in O(log n) each), a heap per
    publication day whose top is that day's pick (rule 4: ends first, then starts last,
    then claim order), and an index of the day picks by day, in which rule 3's fold looks
    for the newest older pick that is narrower and inside the best so far.
    """

    def __init__(
        self, claims: list[WindowClaim], in_claim_order: bool, slack_days: int, supersede_days: int
    ) -> None:
        self.claims = claims  # in the order they will be added (`in_claim_order`: which is claim order)
        self.slack, self.supersede = slack_days, supersede_days  # rule 3's slack, rule 1b's days
        self.spans = [w.span for w in claims]
        self.days = [w.source.order[0].toordinal() for w in claims]  # the day (unknown: the first); never decreasing
        self.day_list = sorted(set(self.days))
        day_slots = {d: n for n, d in enumerate(self.day_list)}
        self.slot = [day_slots[d] for d in self.days]
        # Tripled, so a schedule claim ranks a step above news of its certainty and a claim set by
        # hand a step above both, as `manual_first` has it: no news of that certainty replaces
        # them and they win the race; news that is surer still outranks them.
        tripled = {c: 3 * r for c, r in CERTAINTY_RANK.items()}
        self.ranks = [tripled[w.certainty] for w in claims]
        special = [i for i, w in enumerate(claims) if w.source.by is not None or w.source.schedule]
        for i in special:
            self.ranks[i] += claims[i].source.schedule + 2 * (claims[i].source.by is not None)
        ranks = sorted({3 * r for r in CERTAINTY_RANK.values()} | set(self.ranks))
        # Each claim's place in claim order, rule 4's last tiebreak: a number compares faster than the key.
        self.place = list(range(len(claims)))
        if not in_claim_order:
            for n, i in enumerate(sorted(range(len(claims)), key=[w.sort_key for w in claims].__getitem__)):
                self.place[i] = n
        # Each rank's index of live claims, built when first searched (a flood of one day never is)
        # with the claims still to come as if live: a search for what a new claim replaces covers
        # only claims added before it, and a dropped claim is cleared.
        self.live: dict[int, SpanTree] = {}
        self.ranks_held = ranks
        # A rank of news alone (no schedule, nothing set by hand) loses every claim published before
        # a move: its indexes are then searched from the move on (`floor`, `cut`), not cleared.
        self.news = dict.fromkeys(ranks, True)
        for i in special:
            self.news[self.ranks[i]] = False
        self.floor = 0  # the first day slot after the newest move
        self.forgot = False  # a move dropped claims since the last `best`
        self.picks = {r: SpanTree(len(day_slots)) for r in ranks}
        self.heaps: dict[tuple[int, int], list[tuple[int, int, int, int]]] = {}
        self.pick: dict[tuple[int, int], int] = {}  # (rank, day slot) -> the day's pick, -1 for none
        self.alive = [False] * len(claims)
        self.count = dict.fromkeys(ranks, 0)
        self.live_top: int | None = None  # the surest rank with a live claim
        self.added = 0
        self.cut = 0  # every claim before this one has been dropped by a move (rule 1a)
        self.dirty: set[tuple[int, int]] = set()
        self.searched: dict[tuple[int, tuple[int, int]], int] = {}  # (rank, range) -> claims searched
        self.best_so_far: WindowClaim | None = None
        self.top: int | None = None  # the surest rank with a live claim, as of `best_so_far`
        self.start: tuple[int, int] | None = None  # the day slot and claim the last fold started from
        self.changed = False

    def drop_before(self, day: date) -> None:
        """Rule 1a: an article saying the date moved drops every live claim published before its day."""
        d = day.toordinal()
        while self.cut < self.added and self.days[self.cut] < d:
            i = self.cut
            if not (self.claims[i].source.manual or self.claims[i].source.schedule):
                # As in `supersession`: a move drops news, not a schedule or a hand.
                if self.news[self.ranks[i]]:
                    self._forget(i)
                else:
                    self._drop(i)
            self.cut += 1
        self.floor = max(self.floor, bisect_left(self.day_list, d))

    def add(self, count: int) -> None:
        """The next article's `count` claims: first drop what they replace (rule 1b), then add them."""
        start, stop = self.added, self.added + count
        days, spans, ranks = self.days, self.spans, self.ranks
        for i in range(start, stop):
            older = bisect_right(days, days[i] - self.supersede, 0, start)
            if not older:
                continue  # nothing was published 30 days before it
            # What a claim of this rank and range replaces among the first `done` claims is gone
            # already (a claim once dropped stays dropped), so only the ones after are searched.
            key = (ranks[i], spans[i])
            done = self.searched.get(key, 0)
            if older <= done:
                continue
            self.searched[key] = older
            lo, hi = spans[i]
            if older - done <= SHORT:  # a few claims: quicker read one by one than through the indexes
                alive = self.alive
                for k in range(done, older):
                    if alive[k] and ranks[k] <= ranks[i] and (spans[k][0] > hi or spans[k][1] < lo):
                        if self.claims[k].source.by is None:  # only `airdate unset` removes a hand's
                            self._drop(k)
                continue
            for r in self.ranks_held:  # ascending
                if r > ranks[i]:
                    break
                first = max(done, self.cut) if self.news[r] else done
                if self.count[r] and first < older:
                    for k in self._live(r).apart(first, older, lo, hi):
                        if self.claims[k].source.by is None:
                            self._drop(k)
        for i in range(start, stop):
            r = ranks[i]
            lo, hi = spans[i]
            self.alive[i] = True  # already in `live[r]`
            self.count[r] += 1
            if self.live_top is None or r > self.live_top:
                self.live_top = r
            day = (r, self.slot[i])
            heappush(self.heaps.setdefault(day, []), (hi, -lo, self.place[i], i))
            self.dirty.add(day)
        self.added = stop
        self.changed = self.changed or count > 0

    def add_quiet(self, counts: list[int], moving: list[bool], j: int) -> int:
        """Add the claims of articles j, j+1, … while they cannot change the best; the first article that might.

        Such an article is published the day of the newest claim added (rule 3's fold starts from that
        day's pick), nothing it says was published 30 or more days before the first claim (so it replaces
        nothing, rule 1b), it moves no date, and each of its claims ranks below the surest live rank or,
        at that rank, loses rule 4 to that day's pick: `best` would give what it gave. A flood of one day
        is thus replayed in a few steps, not one per article.
        """
        top, added, days = self.live_top, self.added, self.days
        if top is None or not added or added == len(days) or days[added] != days[added - 1]:
            return j
        day, slot = days[added - 1], self.slot[added - 1]
        heap = self.heaps.get((top, slot))
        if day >= days[0] + self.supersede or not heap or not self.alive[heap[0][-1]]:
            return j
        ranks, spans, place = self.ranks, self.spans, self.place
        pick = heap[0]
        last = pick[0]  # the pick's end: a claim of its rank that ends later loses to it
        stop = added
        while j < len(counts) and not moving[j]:
            end = stop + counts[j]
            for i in range(stop, end):
                if days[i] != day:
                    break
                r = ranks[i]
                if r >= top:
                    if r > top:
                        break
                    lo, hi = spans[i]
                    if hi <= last and (hi, -lo, place[i], i) < pick:
                        break
            else:
                stop, j = end, j + 1
                continue
            break
        if stop > added:
            self._push_day(added, stop, slot)
        return j

    def _push_day(self, start: int, stop: int, slot: int) -> None:
        """Claims start..stop-1, all of day `slot`, live: onto their ranks' heaps of that day."""
        spans, ranks, place = self.spans, self.ranks, self.place
        self.alive[start:stop] = [True] * (stop - start)
        by_rank: dict[int, list[tuple[int, int, int, int]]] = {}
        for i in range(start, stop):
            lo, hi = spans[i]
            by_rank.setdefault(ranks[i], []).append((hi, -lo, place[i], i))
        for r, entries in by_rank.items():
            self.count[r] += len(entries)
            heap = self.heaps.setdefault((r, slot), [])
            if 4 * len(entries) >= len(heap):  # linear, where a push each is n log n
                heap += entries
                heapify(heap)
            else:
                for entry in entries:
                    heappush(heap, entry)
            self.dirty.add((r, slot))
        self.added = stop

    def add_restating(self, counts: list[int], moving: list[bool], j: int) -> int:
        """Add articles j, j+1, … while each is one claim, on a day after the last, that restates the range
        the last fold started from at the same rank and replaces nothing; the first article that does not.

        `add` then `best` would find each such fold restated (`_restated`): the best keeps its range and
        certainty (it becomes the new claim if it was the start's), so no change is recorded. A window
        restated day after day (the narrowing years of a flood) is replayed without a `best` per article.
        """
        top, start = self.live_top, self.start
        if start is None or top is None or top != self.top or self.forgot or self.dirty or self.changed:
            return j
        days, spans, ranks, slot, alive, claims = self.days, self.spans, self.ranks, self.slot, self.alive, self.claims
        first = start[1]
        span = lo, hi = spans[first]
        picks, heaps, pick, place, i = self.picks[top], self.heaps, self.pick, self.place, self.added
        key = (top, span)
        done = self.searched.get(key, 0)
        while j < len(counts) and counts[j] == 1 and not moving[j]:
            if ranks[i] != top or spans[i] != span or slot[i] <= slot[i - 1]:
                break
            older = bisect_right(days, days[i] - self.supersede, done, i)
            if older > done:  # rule 1b as `add` has it: the few claims not yet searched, one by one
                if older - done > SHORT:
                    break  # `add` searches the indexes
                for k in range(done, older):
                    if alive[k] and ranks[k] <= top and (spans[k][0] > hi or spans[k][1] < lo):
                        if claims[k].source.by is None:
                            break
                else:
                    done = self.searched[key] = older
                if done != older:
                    break  # it replaces a claim: `add` drops it
            alive[i] = True
            heaps[(top, slot[i])] = [(hi, -lo, place[i], i)]
            pick[(top, slot[i])] = i
            picks.put(slot[i], lo, hi)
            if self.best_so_far is claims[first]:
                self.best_so_far = claims[i]
            first = i
            i, j = i + 1, j + 1
        if i > self.added:
            self.count[top] += i - self.added
            self.start, self.added = (slot[first], first), i
        return j

    def _live(self, r: int) -> SpanTree:
        if r not in self.live:
            # A rank of news alone is searched from the newest move on (`cut`, which only grows).
            base = self.cut if self.news[r] else 0
            spans, ranks, alive, added = self.spans, self.ranks, self.alive, self.added
            held = [(i, *spans[i]) for i in range(base, len(spans)) if ranks[i] == r and (i >= added or alive[i])]
            self.live[r] = SpanTree.of(len(spans), held, base=base)
        return self.live[r]

    def _forget(self, i: int) -> bool:
        """Count claim `i` out; its indexes still hold it. Whether it was live."""
        if not self.alive[i]:
            return False
        r = self.ranks[i]
        self.alive[i] = False
        self.count[r] -= 1
        if not self.count[r] and r == self.live_top:
            self.live_top = max((r for r, n in self.count.items() if n), default=None)
        self.changed = self.forgot = True
        return True

    def _drop(self, i: int) -> None:
        if self._forget(i):
            r = self.ranks[i]
            if r in self.live:
                self.live[r].clear(i)
            self.dirty.add((r, self.slot[i]))

    def best(self) -> WindowClaim | None:
        """Rules 2-4 (`airdate.reconcile._best`) over the live claims."""
        if not self.changed:
            return self.best_so_far
        self.changed = False
        moved: list[tuple[int, int]] = []  # the days whose pick changed: if none, nor the surest rank, nor the best
        for key in self.dirty:
            heap = self.heaps[key]
            while heap and not self.alive[heap[0][-1]]:
                heappop(heap)
            pick = heap[0][-1] if heap else -1
            if self.pick.get(key, -1) == pick:
                continue
            moved.append(key)
            self.pick[key] = pick
            if pick < 0:
                self.picks[key[0]].clear(key[1])
            else:
                self.picks[key[0]].put(key[1], *self.spans[pick])
        self.dirty.clear()
        top = self.live_top
        if not moved and top == self.top and not self.forgot:
            return self.best_so_far
        newest = self.slot[self.added - 1]  # no claim added yet is newer than the last one
        if self._restated(top, newest, moved):
            return self.best_so_far
        self.top, self.forgot = top, False
        if top is None:
            self.best_so_far, self.start = None, None
            return None
        picks = self.picks[top]
        floor = self.floor if self.news[top] else 0  # the day picks before it are stale
        fresh = newest >= floor and self.pick.get((top, newest), -1) >= 0
        slot = newest if fresh else picks.last(newest, floor)
        self.start = None if slot is None else (slot, self.pick[(top, slot)])
        # The newest day's pick, then rule 3 from newest to oldest day:
        while slot is not None:  # the next older pick narrower than the best and inside it replaces it
            i = self.pick[(top, slot)]
            self.best_so_far = self.claims[i]
            lo, hi = self.spans[i]
            edges = _shift_ordinal(lo, -self.slack), _shift_ordinal(hi, self.slack)
            slot = picks.last_within(slot, *edges, hi - lo, floor)
        return self.best_so_far

    def _restated(self, top: int | None, newest: int, moved: list[tuple[int, int]]) -> bool:
        """Whether all that changed is a newer day whose pick has the range the last fold started from.

        Rule 3's fold from it then finds what the last fold found: the older day is no narrower,
        and nothing else changed. The best stays, or is the new pick if the last fold kept its start.
        """
        if self.start is None or self.forgot or top != self.top or top is None:
            return False
        slot, first = self.start
        pick = self.pick.get((top, newest), -1)
        same = pick >= 0 and newest > slot and self.spans[pick] == self.spans[first]
        if not same or [key for key in moved if key[0] == top] != [(top, newest)]:
            return False
        if self.best_so_far is self.claims[first]:
            self.best_so_far = self.claims[pick]
        self.start = (newest, pick)
        return True


def _shift_ordinal(day: int, days: int) -> int:
    """`_shift` on day ordinals: a day past either end of the calendar stays where it was."""
    moved = day + days
    return moved if 1 <= moved <= MAX_ORDINAL else day
