"""The indexes of airdate.spans answer what a scan over every position answers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from airdate.spans import OutletSpans, SpanTree

ranges = st.tuples(st.integers(0, 60), st.integers(-10, 40)).map(lambda t: (t[0], t[0] + t[1]))


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 40).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.tuples(st.integers(0, n - 1), st.one_of(st.none(), ranges)), max_size=80),
            st.lists(
                st.tuples(st.integers(0, n), st.integers(0, n), ranges, st.integers(-12, 60)), max_size=20
            ),
        )
    )
)
def test_span_tree_searches_match_a_scan(
    case: tuple[int, list[tuple[int, tuple[int, int] | None]], list[tuple[int, int, tuple[int, int], int]]],
) -> None:
    size, writes, queries = case
    tree = SpanTree(size)
    held: list[tuple[int, int] | None] = [None] * size
    for pos, span in writes:
        if span is None:
            tree.clear(pos)
        else:
            tree.put(pos, *span)
        held[pos] = span
    assert_searches_match_a_scan(tree, held, queries)


def assert_searches_match_a_scan(
    tree: SpanTree, held: list[tuple[int, int] | None], queries: list[tuple[int, int, tuple[int, int], int]]
) -> None:
    size = len(held)
    for start, stop, (lo, hi), width in queries:
        apart = [s is not None and (s[0] > hi or s[1] < lo) for s in held]
        within = [s is not None and lo <= s[0] and s[1] <= hi and s[1] - s[0] < width for s in held]
        assert tree.first_apart(start, lo, hi) == next((p for p in range(start, size) if apart[p]), None)
        assert tree.apart(start, stop, lo, hi) == [p for p in range(start, min(stop, size)) if apart[p]]
        assert tree.last_within(stop, lo, hi, width) == next(
            (p for p in reversed(range(min(stop, size))) if within[p]), None
        )
        assert tree.last_within(stop, lo, hi, width, start) == next(
            (p for p in reversed(range(start, min(stop, size))) if within[p]), None
        )
        assert tree.last(stop) == next((p for p in reversed(range(min(stop, size))) if held[p]), None)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(ranges, st.integers(0, 3)), min_size=1, max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), ranges, st.integers(0, 3)), max_size=20),
)
def test_outlet_spans_find_what_other_outlets_said_apart(
    said: list[tuple[tuple[int, int], int]], queries: list[tuple[int, int, tuple[int, int], int]]
) -> None:
    index = OutletSpans([span for span, _ in said], [outlet for _, outlet in said])
    for start, stop, (lo, hi), outlet in queries:
        expected = [
            p
            for p, ((a, b), by) in enumerate(said)
            if start <= p < stop and by != outlet and (a > hi or b < lo)
        ]
        assert index.apart(start, stop, lo, hi, outlet) == expected


def test_one_outlet_asking_about_its_own_ranges_finds_nothing() -> None:
    index = OutletSpans([(d, d) for d in range(1000)], [7] * 1000)
    assert index.apart(0, 1000, 500, 500, 7) == []
    assert index.apart(0, 1000, 500, 500, 8) == [d for d in range(1000) if d != 500]


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 40).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.integers(0, n),
            st.lists(st.tuples(st.integers(0, n - 1), ranges), max_size=40),
            st.lists(st.integers(0, n - 1), max_size=10),
            st.lists(st.tuples(st.integers(0, n), st.integers(0, n), ranges, st.integers(-12, 60)), max_size=20),
        )
    )
)
def test_a_tree_from_a_base_position_holds_nothing_before_it(
    case: tuple[int, int, list[tuple[int, tuple[int, int]]], list[int], list[tuple[int, int, tuple[int, int], int]]],
) -> None:
    """`SpanTree.of(..., base=b)` (reconcile's indexes of the claims after a move) answers as a full tree
    whose positions before b are empty, searches that start before b included."""
    size, base, ranges_, cleared, queries = case
    held: list[tuple[int, int] | None] = [None] * size
    for pos, span in ranges_:
        if pos >= base:
            held[pos] = span
    tree = SpanTree.of(size, [(p, *s) for p, s in enumerate(held) if s is not None], base=base)
    for pos in cleared:
        tree.clear(pos)  # a position before the base holds nothing and stays empty
        held[pos] = None
    assert_searches_match_a_scan(tree, held, queries)
