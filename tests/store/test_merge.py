"""Correcting identity by hand: merge, split and split_articles."""

from __future__ import annotations

from datetime import date

import pytest

from airdate.store import NotFound, Store, StoreError

from .build import EXTRACTOR, article, extraction, release, window


def _add(store: Store, text: str, title: str, season: int | None, start: str = "2026-07-01") -> int:
    a = article(text)
    return store.add_article(
        a, extraction(a, release(title, season, window(start, start, "confirmed"))), *EXTRACTOR
    )[0]


def _titles(store: Store) -> list[tuple[str, int | None, int]]:
    return [(r.title, r.season, len(store.claims(r.id).windows)) for r in store.releases()]


def test_merge_files_an_alias_and_its_future_articles_under_a_release(store: Store) -> None:
    _add(store, "Stranger Things season 5 arrives July 1.", "Stranger Things", 5)
    _add(store, "Stranger Things 5 arrives July 1.", "Stranger Things 5", None)
    (target,) = store.find_releases("Stranger Things", 5)
    assert store.merge("Stranger Things 5", target.id) == target.id
    assert _titles(store) == [("Stranger Things", 5, 2)]
    _add(store, "Stranger Things 5: new poster, July 1.", "Stranger Things 5", None)
    assert _titles(store) == [("Stranger Things", 5, 3)]
    assert [r.id for r in store.find_releases("stranger things 5")] == [target.id]  # the alias finds it


def test_split_undoes_a_merge(store: Store) -> None:
    _add(store, "Stranger Things season 5 arrives July 1.", "Stranger Things", 5)
    _add(store, "Stranger Things 5 arrives July 1.", "Stranger Things 5", None)
    (target,) = store.find_releases("Stranger Things", 5)
    store.merge("Stranger Things 5", target.id)
    _add(store, "Stranger Things 5: new poster, July 1.", "Stranger Things 5", None)
    new_id = store.split("Stranger Things 5")
    assert new_id != target.id
    assert _titles(store) == [("Stranger Things", 5, 1), ("Stranger Things 5", None, 2)]
    _add(store, "Stranger Things 5 trailer; July 1.", "Stranger Things 5", None)
    assert len(store.claims(new_id).windows) == 3


def test_merge_and_split_refuse_what_does_not_exist(store: Store) -> None:
    _add(store, "Kingdom season 2 in July.", "Kingdom", 2)
    (kingdom,) = store.releases()
    with pytest.raises(NotFound):
        store.merge("Kingdom", 99)
    with pytest.raises(NotFound):
        store.split("Kingdom season 2")
    with pytest.raises(StoreError):
        store.merge("KINGDOM season two", kingdom.id)


def test_merge_into_a_release_that_was_merged_carries_its_aliases(store: Store) -> None:
    _add(store, "A story.", "Witcher", 4)
    _add(store, "B story.", "The Witcher: Blood Origin", None)
    _add(store, "C story.", "Witcher Four", None)
    witcher = store.find_releases("Witcher", 4)[0].id
    blood = store.find_releases("Blood Origin")[0].id
    store.merge("Witcher Four", blood)
    store.merge("The Witcher: Blood Origin", witcher)
    assert _titles(store) == [("Witcher", 4, 3)]
    _add(store, "D story.", "Witcher Four", None)
    assert _titles(store) == [("Witcher", 4, 4)]


def test_split_articles_separates_two_shows_sharing_a_title(store: Store) -> None:
    korean = _add(store, "Kingdom season 2 (the Korean zombie drama) in July.", "Kingdom", 2, "2026-07-01")
    anime = _add(store, "Kingdom season 2, the anime, in October.", "Kingdom", 2, "2026-10-01")
    (shared,) = store.releases()
    new_id = store.split_articles(shared.id, [anime], "Kingdom (anime)")
    assert _titles(store) == [("Kingdom", 2, 1), ("Kingdom (anime)", 2, 1)]
    assert store.claims(new_id).windows[0].start == date(2026, 10, 1)
    # Re-extraction keeps the split: the move is pinned to the article.
    a = store.article(anime).article
    store.replace_claims(
        anime, extraction(a, release("Kingdom", 2, window("2026-10-02", "2026-10-02"))), *EXTRACTOR
    )
    assert store.claims(new_id).windows[0].start == date(2026, 10, 2)
    assert [w.source.article_id for w in store.claims(shared.id).windows] == [korean]
    with pytest.raises(NotFound):
        store.split_articles(shared.id, [anime], "Kingdom (anime)")
