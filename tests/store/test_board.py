"""The board: each release's reconciled summary, kept current by every write."""

from __future__ import annotations

from datetime import date

from airdate.models import Event
from airdate.reconcile import reconcile, summarize
from airdate.store import Store

from .build import EXTRACTOR, article, extraction, release, window

TODAY = date(2026, 5, 1)


def _add(store: Store, text: str, day: str, *releases: object) -> int:
    a = article(text, day)
    return store.add_article(a, extraction(a, *releases), *EXTRACTOR)[0]  # type: ignore[arg-type]


def _fill(store: Store) -> None:
    _add(
        store,
        "Kingdom 2 in May.",
        "2026-02-01",
        release("Kingdom", 2, window("2026-05-10", "2026-05-10", "confirmed"), platforms=("Netflix",)),
    )
    _add(
        store,
        "Arcane 2 in late 2026.",
        "2026-02-02",
        release("Arcane", 2, window("2026-09-01", "2026-12-31", "reported"), platforms=("Netflix",)),
    )
    _add(
        store,
        "Severance 3 renewed.",
        "2026-02-03",
        release(
            "Severance",
            3,
            platforms=("Apple TV+",),
            events=(Event("renewed", None, "confirmed", "Renewed."),),
        ),
    )
    _add(
        store,
        "Dune 3 opened in March.",
        "2026-04-03",
        release(
            "Dune 3",
            None,
            window("2026-03-01", "2026-03-31", "confirmed"),
            kind="film",
            events=(Event("premiered", None, "confirmed", "It premiered."),),
        ),
    )


def test_board_is_sorted_by_earliest_day_with_undated_last(store: Store) -> None:
    _fill(store)
    rows = store.board()
    assert [r.release.title for r in rows] == ["Dune 3", "Kingdom", "Arcane", "Severance"]
    kingdom = rows[1]
    assert (kingdom.start, kingdom.end, kingdom.certainty, kingdom.status) == (
        date(2026, 5, 10),
        date(2026, 5, 10),
        "confirmed",
        "dated",
    )
    assert kingdom.countdown(TODAY).text == "in 9 days"
    assert rows[3].countdown(TODAY).text == "TBA" and rows[3].status == "renewed"
    assert rows[0].status == "premiered" and not rows[0].overdue(TODAY)


def test_board_matches_reconcile_for_every_release(store: Store) -> None:
    _fill(store)
    for row in store.board():
        claims = store.claims(row.release.id)
        assert row == summarize(claims)
        state = reconcile(claims, TODAY)
        assert (row.status, row.platforms, row.overdue(TODAY)) == (
            state.status,
            state.platforms,
            state.overdue,
        )


def test_board_filters(store: Store) -> None:
    _fill(store)
    titles = lambda **f: [r.release.title for r in store.board(**f)]  # noqa: E731
    assert titles(platform="netflix") == ["Kingdom", "Arcane"]
    assert titles(platform="Apple TV+") == ["Severance"]
    assert titles(platform="Apple") == []
    assert titles(certainties=["confirmed"]) == ["Dune 3", "Kingdom"]
    assert titles(statuses=["renewed", "premiered"]) == ["Dune 3", "Severance"]
    assert titles(start_by=date(2026, 5, 31), end_from=TODAY) == ["Kingdom"]
    assert titles(ids=[r.id for r in store.find_releases("arcane")]) == ["Arcane"]


def test_board_follows_new_articles_merge_and_reextraction(store: Store) -> None:
    _fill(store)
    _add(
        store,
        "Kingdom 2 delayed to July.",
        "2026-03-15",
        release(
            "Kingdom",
            2,
            window("2026-07-03", "2026-07-03", "confirmed"),
            events=(Event("delayed", None, "confirmed", "Delayed."),),
        ),
    )
    kingdom = next(r for r in store.board() if r.release.title == "Kingdom")
    assert kingdom.start == date(2026, 7, 3) and kingdom.articles == 2
    arcane_two = _add(
        store,
        "Arcane: League of Legends 2 in December.",
        "2026-02-10",
        release("Arcane: League of Legends", 2, window("2026-12-01", "2026-12-10", "reported")),
    )
    arcane = store.find_releases("Arcane", 2)[0]
    store.merge("Arcane: League of Legends season 2", arcane.id)
    row = next(r for r in store.board() if r.release.id == arcane.id)
    assert (row.start, row.articles, len(store.board())) == (date(2026, 12, 1), 2, 4)
    a = store.article(arcane_two).article
    store.replace_claims(arcane_two, extraction(a), *EXTRACTOR)
    row = next(r for r in store.board() if r.release.id == arcane.id)
    assert (row.start, row.articles) == (date(2026, 9, 1), 1)


def test_rebuild_board_recomputes_every_row(store: Store) -> None:
    _fill(store)
    before = store.board()
    store.conn.execute("UPDATE board SET status = 'stale'")
    assert store.rebuild_board() == 4
    assert store.board() == before


def test_pages_are_slices_of_the_whole_board(store: Store) -> None:
    # Same windows, so the order falls to title (any case), season and part.
    for n, (title, season) in enumerate([("beta", 2), ("Alpha", 3), ("alpha", 1), ("Gamma", None), ("BETA", 1)]):
        _add(store, f"{title} {season} in May ({n}).", "2026-02-01",
             release(title, season, window("2026-05-01", "2026-05-31")))  # fmt: skip
    whole = store.board()
    assert [(s.release.title.lower(), s.release.season) for s in whole] == [
        ("alpha", 1), ("alpha", 3), ("beta", 1), ("beta", 2), ("gamma", None),
    ]  # fmt: skip
    ids = [s.release.id for s in whole]
    for offset in range(len(ids)):
        for limit in (1, 2, 3):
            assert [s.release.id for s in store.board(limit=limit, offset=offset)] == ids[offset : offset + limit]
