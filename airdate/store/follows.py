"""The watchlist: titles a fan follows, matched against releases by identity key.

A follow is a title key (airdate.store.keys: case, accents, punctuation and a leading "The"
ignored) and an optional season. It matches a release whose own key is the same, or that
an alias with that key was merged into (`airdate merge`), and whose season is the one
followed (any season, films included, when none is). Nothing is resolved when the follow
is made, so a title followed before any article names it matches once one does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from airdate.reconcile import ReleaseInfo
from airdate.store import queries
from airdate.store.errors import NotFound
from airdate.store.keys import SEASON_RX, release_identity
from airdate.store.store import Store
from airdate.store.subscriptions import iso, write

# Releases (by their own identity or a merge's alias) that a follow names. Aliases pinned to one
# article (`split --article`) are left out: they file that article elsewhere, not the title.
_MATCHES = """
    SELECT f.id AS fid, r.id AS rid FROM follows f JOIN releases r
        ON r.key = f.key AND (f.season IS NULL OR r.season = f.season)
    UNION
    SELECT f.id, a.release_id FROM follows f JOIN aliases a
        ON a.key = f.key AND (f.season IS NULL OR a.season = f.season) AND a.article_id IS NULL
"""


@dataclass(frozen=True)
class Follow:
    id: int
    title: str  # as the board spells it, or as the user wrote it (less season wording)
    key: str
    season: int | None  # None: every season
    since: str  # UTC ISO

    @property
    def name(self) -> str:
        return self.title + ("" if self.season is None else f" season {self.season}")


def follow(store: Store, title: str, season: int | None = None, *, at: datetime | None = None) -> tuple[Follow, bool]:
    """Follow a title (season wording in it counts, "Harbor Lights S3"); returns it and whether it is new."""
    ident = release_identity(title, season)
    # A release already on file lends its title as the board spells it; else the user's, less season wording.
    known = store.conn.execute("SELECT title FROM releases WHERE key = ? ORDER BY id LIMIT 1", (ident.key,)).fetchone()
    shown = str(known[0]) if known else _display(title)
    with write(store, f"following {title}", bump=True) as db:
        row = db.execute(
            "SELECT id FROM follows WHERE key = ? AND IFNULL(season, -1) = ?",
            (ident.key, -1 if ident.season is None else ident.season),
        ).fetchone()
        if row is None:
            cur = db.execute(
                "INSERT INTO follows (title, key, season, created_at) VALUES (?, ?, ?, ?)",
                (shown, ident.key, ident.season, iso(at or datetime.now(UTC))),
            )
            return _get(store, int(cur.lastrowid or 0)), True
    return _get(store, int(row[0])), False


def unfollow(store: Store, title: str, season: int | None = None) -> Follow:
    """Stop following what `follow(title, season)` followed; NotFound names what is followed."""
    ident = release_identity(title, season)
    found = [f for f in follows(store) if f.key == ident.key and f.season == ident.season]
    if not found:
        asked = title + ("" if season is None else f" season {season}")
        same_title = [f.name for f in follows(store) if f.key == ident.key]
        hint = f"you follow {', '.join(same_title)}" if same_title else "see `airdate following`"
        raise NotFound(f"you do not follow {asked!r}; {hint}")
    with write(store, f"unfollowing {title}", bump=True) as db:
        db.execute("DELETE FROM follows WHERE id = ?", (found[0].id,))
    return found[0]


def follows_of(store: Store, release_id: int) -> list[Follow]:
    """The follows that match one release (a title followed for every season, or this season)."""
    rows = store.conn.execute(f"SELECT DISTINCT fid FROM ({_MATCHES}) WHERE rid = ?", (release_id,))
    ids = {int(fid) for (fid,) in rows}
    return [f for f in follows(store) if f.id in ids]


def unfollow_release(store: Store, release_id: int) -> list[Follow]:
    """Stop following a release: remove every follow that matches it; NotFound if none does."""
    found = follows_of(store, release_id)
    if not found:
        raise NotFound(f"release {release_id} is not on the watchlist; nothing to unfollow")
    with write(store, f"unfollowing release {release_id}", bump=True) as db:
        db.executemany("DELETE FROM follows WHERE id = ?", [(f.id,) for f in found])
    return found


def follows(store: Store) -> list[Follow]:
    """Everything followed, by title then season."""
    rows = store.conn.execute(
        "SELECT id, title, key, season, created_at FROM follows ORDER BY key, IFNULL(season, -1)"
    )
    return [Follow(int(i), t, k, s, c) for i, t, k, s, c in rows]


def followed_release_ids(store: Store) -> set[int]:
    """The releases on file that some follow matches."""
    return {int(rid) for _, rid in store.conn.execute(_MATCHES)}


def followed_since(store: Store) -> dict[int, str]:
    """release id → when it was first followed (the earliest follow matching it), UTC ISO."""
    rows = store.conn.execute(
        f"SELECT m.rid, min(f.created_at) FROM ({_MATCHES}) m JOIN follows f ON f.id = m.fid GROUP BY m.rid"
    )
    return {int(rid): str(at) for rid, at in rows}


def matches(store: Store) -> dict[int, list[ReleaseInfo]]:
    """follow id → the releases it matches now, by title, season and part."""
    pairs = [(int(fid), int(rid)) for fid, rid in store.conn.execute(_MATCHES)]
    infos = {r.id: r for r in queries.releases_by_id(store.conn, {rid for _, rid in pairs})}
    out: dict[int, list[ReleaseInfo]] = {}
    for fid, rid in pairs:
        if rid in infos:
            out.setdefault(fid, []).append(infos[rid])
    for found in out.values():
        found.sort(key=lambda r: (r.title.casefold(), r.season or 0, r.part or 0))
    return out


def _get(store: Store, follow_id: int) -> Follow:
    for f in follows(store):
        if f.id == follow_id:
            return f
    raise NotFound(f"no follow with id {follow_id}")


def _display(title: str) -> str:
    """The title as written, less its season wording ("Harbor Lights S3" → "Harbor Lights")."""
    shown = " ".join(SEASON_RX.sub(" ", title).split()).strip(" :-–—,")
    return shown or " ".join(title.split())
