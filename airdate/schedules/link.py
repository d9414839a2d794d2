"""Linking a series release to its TVmaze show: candidates by name or AKA, then year and platform.

A candidate matches when its name or one of its AKAs has the release title's key (the store's
title key: case, accents, punctuation and a leading "The" ignored; a trailing "(2005)" or "(US)"
on the show's name too). Among several, the platform (network or web channel) and the year break
ties: a later season needs a show that premiered by the release's year, a first season one that
premiered within a year of it. One left is linked with a confidence; several are listed as
ambiguous, never guessed; none is unmatched. Candidates come from the local catalog when there
is one (no network: `airdate catalog update`), else from one TVmaze search and the AKAs of its
first few results.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from airdate.errors import AirdateError
from airdate.keys import title_key
from airdate.reconcile import Summary
from airdate.schedules.client import SHAPE_ERRORS, TMDB, TVmaze, unexpected
from airdate.store import Store
from airdate.store.schedules import (
    Candidate,
    Link,
    catalog_akas,
    catalog_rows,
    catalog_size,
    link_of,
    put_akas,
    set_link,
)

AKA_LOOKUPS = 3  # search results whose AKAs are fetched when their name does not match
MIN_CONFIDENCE = 0.5  # below this a lone candidate is listed as ambiguous, not linked
_TRAILER = re.compile(r"\s*\((?:\d{4}|[A-Z]{2,3})\)\s*$")  # "Doctor Who (2005)", "Shameless (US)"


def show_key(name: str) -> str:
    """A show name's key, comparable with a release's title key."""
    return title_key(_TRAILER.sub("", name)) or title_key(name)


def _platform_key(name: str) -> set[str]:
    words = title_key(name.replace("+", " plus")).split()
    return {w for w in words if w not in ("plus", "tv", "network", "channel")} or set(words)


def same_platform(a: str, b: str) -> bool:
    """"HBO Max" and "Max", "Amazon Prime Video" and "Prime Video", "Apple TV+" and "Apple TV": one's words hold the other's."""
    x, y = _platform_key(a), _platform_key(b)
    return bool(x and y) and (x <= y or y <= x)


@dataclass(frozen=True)
class Want:
    """What is known of the release being linked."""

    release_id: int
    title: str
    season: int | None
    platforms: tuple[str, ...]
    year: int | None  # of the best window's first day
    kind: str = "series"

    @classmethod
    def of(cls, s: Summary) -> Want:
        day = s.start or s.end
        return cls(s.release.id, s.release.title, s.release.season, s.platforms, day.year if day else None,
                   s.release.kind)  # fmt: skip


def _year(c: Candidate) -> int | None:
    try:
        return int(c.premiered[:4]) if c.premiered else None
    except ValueError:
        return None


def _year_fits(want: Want, c: Candidate) -> bool | None:
    """None when either year is unknown."""
    y = _year(c)
    if want.year is None or y is None:
        return None
    if (want.season or 1) > 1:
        return y <= want.year
    return abs(y - want.year) <= 1


def _platform_fits(want: Want, c: Candidate) -> bool | None:
    if not want.platforms or not c.network:
        return None
    return any(same_platform(p, c.network) for p in want.platforms)


def decide(want: Want, candidates: Sequence[Candidate], method: str) -> Link:
    """Pick the show among candidates that matched the title (each with `matched` = "name" or "aka")."""
    if not candidates:
        return Link(want.release_id, "unmatched", None, None, method)
    pool = list({c.id: c for c in candidates}.values())
    for fits in (_platform_fits, _year_fits):  # keep those that fit, if any does
        agree = [c for c in pool if fits(want, c)]
        if agree:
            pool = agree
    if len(pool) > 1:
        by_name = [c for c in pool if c.matched == "name"]
        pool = by_name or pool
    if len(pool) > 1:
        return Link(want.release_id, "ambiguous", None, None, method, tuple(sorted(pool, key=lambda c: c.id)))
    chosen = pool[0]
    confidence = confidence_of(want, chosen, alone=len({c.id for c in candidates}) == 1)
    if confidence < MIN_CONFIDENCE:
        return Link(want.release_id, "ambiguous", None, None, method, (chosen,))
    return Link(want.release_id, "linked", chosen, confidence, f"{method}, {chosen.matched}", (chosen,))


def confidence_of(want: Want, c: Candidate, *, alone: bool) -> float:
    """0.9 for a name, 0.8 for an AKA; a platform or year that agrees adds, one that disagrees takes 0.25."""
    score = 0.9 if c.matched == "name" else 0.8
    for fits, bonus in ((_platform_fits(want, c), 0.05), (_year_fits(want, c), 0.04)):
        score += bonus if fits else (-0.25 if fits is False else 0.0)
    if not alone:
        score -= 0.05  # other shows share the title: the tie-break chose
    return round(max(0.05, min(0.99, score)), 2)


# --- candidates -----------------------------------------------------------------------------------


class CatalogIndex:
    """The local catalog in memory: key → shows with that name or AKA."""

    def __init__(self, shows: Iterable[Sequence[Any]], akas: Iterable[Sequence[Any]] = ()) -> None:
        self.by_key: dict[str, list[Candidate]] = {}
        known: dict[int, Candidate] = {}
        for sid, name, key, premiered, network, url in shows:
            c = Candidate(int(sid), str(name), premiered, network, url, "name")
            known[c.id] = c
            self.by_key.setdefault(key, []).append(c)
        for sid, _name, key in akas:
            show = known.get(int(sid))
            if show is not None and all(x.id != show.id for x in self.by_key.get(key, ())):
                self.by_key.setdefault(key, []).append(replace(show, matched="aka"))
        self.size = len(known)

    @classmethod
    def load(cls, store: Store) -> CatalogIndex | None:
        """The store's catalog, or None when it has none."""
        if catalog_size(store) == 0:
            return None
        return cls(catalog_rows(store), catalog_akas(store))

    def find(self, title: str) -> list[Candidate]:
        return list(self.by_key.get(title_key(title), ()))


def candidate_of(show: dict[str, Any], matched: str = "") -> Candidate:
    """A TVmaze show document as a candidate."""
    where = show.get("network") or show.get("webChannel") or {}
    return Candidate(int(show["id"]), str(show.get("name") or show["id"]), show.get("premiered"),
                     where.get("name"), show.get("url"), matched)  # fmt: skip


def search(client: TVmaze, title: str) -> list[Candidate]:
    """One TVmaze search; results whose name is not the title's get their AKAs checked (the first few)."""
    key = title_key(title)
    found: list[Candidate] = []
    looked = 0
    for hit in client.get("/search/shows", q=title) or []:
        show = hit.get("show") or {}
        if "id" not in show:
            continue
        if show_key(str(show.get("name") or "")) == key:
            found.append(candidate_of(show, "name"))
        elif looked < AKA_LOOKUPS:
            looked += 1
            akas = client.get(f"/shows/{int(show['id'])}/akas") or []
            names = [(str(a["name"]), show_key(str(a["name"])), (a.get("country") or {}).get("code"))
                     for a in akas if a.get("name")]  # fmt: skip
            put_akas(client.store, int(show["id"]), names)
            if any(k == key for _, k, _ in names):
                found.append(candidate_of(show, "aka"))
    return found


# --- linking releases ----------------------------------------------------------------------------


@dataclass
class Linked:
    linked: int = 0
    ambiguous: int = 0
    unmatched: int = 0
    kept: int = 0  # linked by hand, or set to none: never relinked
    failed: int = 0


def link_releases(
    store: Store,
    wants: Sequence[Want],
    *,
    client: TVmaze | None,
    index: CatalogIndex | None,
    relink: bool = False,
    report: Callable[[Want, Link | None, str | None], None] | None = None,
    tmdb: TMDB | None = None,
) -> Linked:
    """Link each release not linked yet (all but those fixed by hand, with `relink`).

    Series go to TVmaze; films to TMDB when there is a `tmdb` client (a key), else they are left alone."""
    out = Linked()
    for want in wants:
        old = link_of(store, want.release_id)
        if old is not None and (old.by is not None or (old.state == "linked" and not relink)):
            out.kept += 1
            if report:
                report(want, old, None)
            continue
        if want.kind == "film" and tmdb is None:
            continue
        try:
            link = find_film(tmdb, want) if want.kind == "film" and tmdb is not None else find_link(
                want, client=client, index=index)
        except (AirdateError, *SHAPE_ERRORS) as e:  # a failed call is recorded and the run goes on
            out.failed += 1
            if report:
                report(want, None, str(e) if isinstance(e, AirdateError) else unexpected(e))
            continue
        set_link(store, link)
        setattr(out, link.state, getattr(out, link.state) + 1)
        if report:
            report(want, link, None)
    return out


def find_link(want: Want, *, client: TVmaze | None, index: CatalogIndex | None) -> Link:
    if index is not None:
        found = index.find(want.title)
        if found or client is None or client.offline:
            return decide(want, found, "catalog")
    if client is None:
        return decide(want, [], "catalog")
    return decide(want, search(client, want.title), "search")


def wanted(store: Store, ids: Iterable[int] | None = None, *, films: bool = False) -> list[Want]:
    """The series releases on the board (all, or these), and the films with `films`, as linking wants them."""
    rows = store.board(ids=None if ids is None else set(ids))
    return [Want.of(s) for s in rows if s.release.kind == "series" or films]


# --- films on TMDB --------------------------------------------------------------------------------


def find_film(client: TMDB, want: Want) -> Link:
    """One TMDB search; a result matches by its title (a name) or its original title (an AKA)."""
    key = title_key(want.title)
    found = []
    for hit in (client.get("/search/movie", query=want.title) or {}).get("results") or []:
        title, original = str(hit.get("title") or ""), str(hit.get("original_title") or "")
        matched = "name" if show_key(title) == key else "aka" if show_key(original) == key else ""
        if matched:
            found.append(Candidate(int(hit["id"]), title or original, hit.get("release_date") or None, None,
                                   f"https://www.themoviedb.org/movie/{int(hit['id'])}", matched))  # fmt: skip
    return replace(decide(want, found, "tmdb search"), provider="tmdb")
