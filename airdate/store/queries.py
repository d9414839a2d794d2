"""The store's SQL, as small functions over a connection. Callers own the transaction."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import date
from typing import Any, cast

from airdate.changes import Change
from airdate.models import Article, Certainty, Release
from airdate.reconcile import (
    CastClaim,
    EventClaim,
    NameClaim,
    ReleaseClaims,
    ReleaseInfo,
    Source,
    Summary,
    WindowClaim,
)
from airdate.store.keys import Identity

# Identity columns compare NULL season/part as -1, matching the unique indexes.
SAME_IDENTITY = "key = ? AND IFNULL(season, -1) = ? AND IFNULL(part, -1) = ?"


def _ident(ident: Identity) -> tuple[str, int, int]:
    return (ident.key, -1 if ident.season is None else ident.season, -1 if ident.part is None else ident.part)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


# --- writes ------------------------------------------------------------------------------------


def insert_article(
    conn: sqlite3.Connection, article: Article, digest: str, extractor: str, version: str, at: str
) -> int:
    cur = conn.execute(
        "INSERT INTO articles (digest, path, url, headline, publisher, author, published, text, extractor, "
        "extractor_version, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            digest,
            article.path,
            article.url,
            article.title,
            article.publisher,
            article.author,
            article.published.isoformat() if article.published else None,
            article.text,
            extractor,
            version,
            at,
        ),
    )
    return cast(int, cur.lastrowid)


def record_failure(conn: sqlite3.Connection, path: str, stage: str, reason: str, at: str) -> None:
    """Record (or refresh) why `path` failed at `stage`: one row per path and stage."""
    conn.execute(
        "INSERT INTO failures (path, stage, reason, at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (path, stage) DO UPDATE SET reason = excluded.reason, at = excluded.at",
        (path, stage, reason, at),
    )


def insert_release(conn: sqlite3.Connection, ident: Identity, title: str, kind: str) -> int:
    cur = conn.execute(
        "INSERT INTO releases (key, season, part, title, kind) VALUES (?, ?, ?, ?, ?)",
        (ident.key, ident.season, ident.part, title, kind),
    )
    return cast(int, cur.lastrowid)


def insert_mention(
    conn: sqlite3.Connection,
    article_id: int,
    release_id: int,
    position: int,
    release: Release,
    ident: Identity,
) -> int:
    """One release as one article names it, with all its claims."""
    cur = conn.execute(
        "INSERT INTO mentions (article_id, release_id, position, title, key, season, part, kind) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (article_id, release_id, position, release.title, ident.key, ident.season, ident.part, release.kind),
    )
    mention = cast(int, cur.lastrowid)
    conn.executemany(
        "INSERT INTO windows (mention_id, position, text, start_date, end_date, certainty, sentence) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                mention,
                i,
                w.text,
                w.start.isoformat() if w.start else None,
                w.end.isoformat() if w.end else None,
                w.certainty,
                w.sentence,
            )
            for i, w in enumerate(release.windows)
        ],
    )
    conn.executemany(
        "INSERT INTO platforms (mention_id, position, name) VALUES (?, ?, ?)",
        [(mention, i, p) for i, p in enumerate(release.platforms)],
    )
    conn.executemany(
        "INSERT INTO cast_members (mention_id, position, actor, character, status, sentence) VALUES (?, ?, ?, ?, ?, ?)",
        [(mention, i, c.actor, c.character, c.status, c.sentence) for i, c in enumerate(release.cast)],
    )
    conn.executemany(
        "INSERT INTO characters (mention_id, position, name) VALUES (?, ?, ?)",
        [(mention, i, n) for i, n in enumerate(release.characters)],
    )
    conn.executemany(
        "INSERT INTO events (mention_id, position, type, date, certainty, sentence) VALUES (?, ?, ?, ?, ?, ?)",
        [(mention, i, e.type, e.date, e.certainty, e.sentence) for i, e in enumerate(release.events)],
    )
    return mention


def display(conn: sqlite3.Connection, release_id: int) -> tuple[str | None, str | None]:
    """(title, kind) as most of the release's own-identity mentions write them, newest first on a tie.

    None for a release none of whose mentions carry its identity (one split off by hand): it
    keeps the title it was given.
    """
    found: list[str | None] = []
    for column in ("title", "kind"):
        row = conn.execute(
            f"SELECT m.{column} FROM mentions m JOIN articles a ON a.id = m.article_id "
            "JOIN releases r ON r.id = m.release_id WHERE m.release_id = ? "
            "AND m.key = r.key AND m.season IS r.season AND m.part IS r.part "
            f"GROUP BY m.{column} ORDER BY count(*) DESC, max(a.published) DESC, m.{column} LIMIT 1",
            (release_id,),
        ).fetchone()
        found.append(None if row is None else str(row[0]))
    return found[0], found[1]


def set_display(conn: sqlite3.Connection, release_id: int, title: str | None, kind: str | None) -> None:
    """Write what `display` found (a None keeps the stored value)."""
    conn.execute(
        "UPDATE releases SET title = IFNULL(?, title), kind = IFNULL(?, kind) WHERE id = ?", (title, kind, release_id)
    )


def referenced(conn: sqlite3.Connection, release_id: int) -> bool:
    """Whether any mention or alias refers to the release (else `prune_release` deletes it)."""
    row = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM mentions WHERE release_id = ?1) OR EXISTS (SELECT 1 FROM aliases WHERE release_id = ?1)",
        (release_id,),
    ).fetchone()
    return bool(row[0])


def prune_release(conn: sqlite3.Connection, release_id: int) -> bool:
    """Delete a release no mention or alias refers to; whether it was deleted."""
    cur = conn.execute(
        "DELETE FROM releases WHERE id = ? AND NOT EXISTS (SELECT 1 FROM mentions WHERE release_id = ?) "
        "AND NOT EXISTS (SELECT 1 FROM aliases WHERE release_id = ?)",
        (release_id, release_id, release_id),
    )
    return cur.rowcount > 0


# --- board marks: releases whose board row must follow their claims -----------------------------


def mark(conn: sqlite3.Connection, release_ids: Collection[int]) -> None:
    """Mark releases as changed by the open write transaction.

    The mark is the generation this transaction commits as (`meta` is bumped once per write
    transaction), so two transactions never leave the same mark on a release.
    """
    conn.executemany(
        "INSERT INTO board_dirty (release_id, marked) VALUES (?, (SELECT value + 1 FROM meta WHERE key = 'generation')) "
        "ON CONFLICT (release_id) DO UPDATE SET marked = excluded.marked",
        [(r,) for r in release_ids],
    )


def marked_ids(conn: sqlite3.Connection) -> list[int]:
    return [int(r) for (r,) in conn.execute("SELECT release_id FROM board_dirty ORDER BY release_id")]


def marks(conn: sqlite3.Connection, release_ids: Collection[int]) -> dict[int, int]:
    """release id → its mark, for those of `release_ids` still marked."""
    rows = conn.execute(
        "SELECT release_id, marked FROM board_dirty WHERE release_id IN (SELECT value FROM json_each(?)) "
        "ORDER BY release_id",
        (json.dumps(sorted(release_ids)),),
    )
    return {int(r): int(m) for r, m in rows}


def unmark(conn: sqlite3.Connection, release_id: int, marked: int) -> bool:
    """Clear the release's mark if it is still `marked`; whether it was (else its claims changed since)."""
    cur = conn.execute("DELETE FROM board_dirty WHERE release_id = ? AND marked = ?", (release_id, marked))
    return cur.rowcount > 0


def count_marked(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM board_dirty").fetchone()[0])


# --- identity, aliases, merge and split ---------------------------------------------------------


def release_id(conn: sqlite3.Connection, ident: Identity) -> int | None:
    """The release whose own identity this is."""
    row = conn.execute(f"SELECT id FROM releases WHERE {SAME_IDENTITY}", _ident(ident)).fetchone()
    return None if row is None else int(row[0])


def identity_of(conn: sqlite3.Connection, release_id: int) -> Identity | None:
    row = conn.execute("SELECT key, season, part FROM releases WHERE id = ?", (release_id,)).fetchone()
    return None if row is None else Identity(*row)


def alias_target(conn: sqlite3.Connection, ident: Identity, article_id: int | None) -> int | None:
    """The release an alias files this identity under: pinned to the article first, then general."""
    row = conn.execute(
        f"SELECT release_id FROM aliases WHERE {SAME_IDENTITY} AND (article_id IS NULL OR article_id = ?) "
        "ORDER BY article_id IS NULL LIMIT 1",
        (*_ident(ident), article_id),
    ).fetchone()
    return None if row is None else int(row[0])


def set_alias(
    conn: sqlite3.Connection, ident: Identity, article_id: int | None, target: int, at: str
) -> None:
    conn.execute(
        f"DELETE FROM aliases WHERE {SAME_IDENTITY} AND article_id IS ?", (*_ident(ident), article_id)
    )
    conn.execute(
        "INSERT INTO aliases (key, season, part, article_id, release_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (ident.key, ident.season, ident.part, article_id, target, at),
    )


def delete_alias(conn: sqlite3.Connection, ident: Identity) -> None:
    conn.execute(f"DELETE FROM aliases WHERE {SAME_IDENTITY} AND article_id IS NULL", _ident(ident))


def move_identity(
    conn: sqlite3.Connection, ident: Identity, to: int, from_release: int | None = None
) -> None:
    """Re-file every mention of this identity (not pinned to another release by article) under `to`."""
    conn.execute(
        f"UPDATE mentions SET release_id = ? WHERE {SAME_IDENTITY} AND (? IS NULL OR release_id = ?) "
        "AND NOT EXISTS (SELECT 1 FROM aliases p WHERE p.article_id = mentions.article_id "
        "AND p.key = mentions.key AND IFNULL(p.season, -1) = IFNULL(mentions.season, -1) "
        "AND IFNULL(p.part, -1) = IFNULL(mentions.part, -1))",
        (to, *_ident(ident), from_release, from_release),
    )


def move_release(conn: sqlite3.Connection, source: int, to: int) -> None:
    """Everything filed under `source` (mentions and aliases) goes to `to`."""
    conn.execute("UPDATE mentions SET release_id = ? WHERE release_id = ?", (to, source))
    conn.execute("UPDATE aliases SET release_id = ? WHERE release_id = ?", (to, source))


def article_identities(conn: sqlite3.Connection, article_id: int, release_id: int) -> list[Identity]:
    rows = conn.execute(
        "SELECT DISTINCT key, season, part FROM mentions WHERE article_id = ? AND release_id = ?",
        (article_id, release_id),
    )
    return [Identity(*r) for r in rows]


def move_article(conn: sqlite3.Connection, article_id: int, source: int, to: int) -> int:
    cur = conn.execute(
        "UPDATE mentions SET release_id = ? WHERE article_id = ? AND release_id = ?", (to, article_id, source)
    )
    return cur.rowcount


# --- reads ---------------------------------------------------------------------------------------


def releases(conn: sqlite3.Connection, release_id: int | None = None) -> list[ReleaseInfo]:
    if release_id is not None:
        rows = conn.execute("SELECT id, title, season, part, kind FROM releases WHERE id = ?", (release_id,))
        return [ReleaseInfo(*r) for r in rows]
    rows = conn.execute(
        "SELECT id, title, season, part, kind FROM releases "
        "ORDER BY title COLLATE NOCASE, IFNULL(season, -1), IFNULL(part, -1), id"
    )
    return [ReleaseInfo(*r) for r in rows]


def releases_by_id(conn: sqlite3.Connection, ids: set[int]) -> list[ReleaseInfo]:
    rows = conn.execute(
        "SELECT id, title, season, part, kind FROM releases WHERE id IN (SELECT value FROM json_each(?)) "
        "ORDER BY title COLLATE NOCASE, IFNULL(season, -1), IFNULL(part, -1), id",
        (json.dumps(sorted(ids)),),
    )
    return [ReleaseInfo(*r) for r in rows]


def keys_like(conn: sqlite3.Connection, fragments: list[str]) -> list[tuple[int, str]]:
    """(release id, key) of own keys and general aliases containing any of the fragments."""
    if not fragments:
        return []
    test = " OR ".join("instr(key, ?) > 0" for _ in fragments)
    rows = conn.execute(
        f"SELECT id, key FROM releases WHERE {test} "
        f"UNION SELECT release_id, key FROM aliases WHERE article_id IS NULL AND ({test})",
        (*fragments, *fragments),
    )
    return [(int(r[0]), str(r[1])) for r in rows]


PLATFORM_SEP = "\t"  # platform names never hold a tab; cheaper to read back than JSON


def write_summary(conn: sqlite3.Connection, s: Summary, at: str) -> None:
    """Write a release's board row; `seq` counts changes of its best window and `modified` dates the last."""
    conn.execute(
        "INSERT INTO board (release_id, start_date, end_date, certainty, text, status, conflicts, "
        f"platforms, articles, updated, seq, modified, sort_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ({SORT_KEY})) "
        "ON CONFLICT (release_id) DO UPDATE SET start_date = excluded.start_date, end_date = excluded.end_date, "
        "sort_key = excluded.sort_key, "
        "certainty = excluded.certainty, text = excluded.text, status = excluded.status, "
        "conflicts = excluded.conflicts, platforms = excluded.platforms, articles = excluded.articles, "
        f"updated = excluded.updated, seq = board.seq + ({_WINDOW_MOVED}), "
        f"modified = CASE WHEN {_WINDOW_MOVED} THEN excluded.modified ELSE board.modified END",
        (
            s.release.id,
            _iso(s.start),
            _iso(s.end),
            s.certainty,
            s.text,
            s.status,
            s.conflicts,
            PLATFORM_SEP.join(s.platforms),
            s.articles,
            _iso(s.updated),
            at,
            s.release.id,
        ),
    )


# The board's tie-break after the window: title (ASCII case folded, as SQLite's lower()), season, part.
SORT_KEY = (
    "SELECT lower(r.title) || char(31) || ifnull(printf('%05d', r.season), '') || char(31) "
    "|| ifnull(printf('%05d', r.part), '') FROM releases r WHERE r.id = ?"
)
BOARD_ORDER = "b.start_date IS NULL, b.start_date, b.end_date, b.sort_key, b.release_id"


# In an upsert's SET, `board.` is the row before and `excluded.` the new one.
_WINDOW_MOVED = (
    "board.start_date IS NOT excluded.start_date OR board.end_date IS NOT excluded.end_date "
    "OR board.certainty IS NOT excluded.certainty"
)


_PAST_SQL = "('premiered', 'cancelled')"


def _board_where(
    *,
    ids: Collection[int] | None = None,
    platform: str | None = None,
    certainties: Collection[str] | None = None,
    statuses: Collection[str] | None = None,
    start_by: date | None = None,
    end_from: date | None = None,
    fresh_from: date | None = None,
    stale_before: date | None = None,
    visible: bool = False,
    ordered: bool = False,
) -> tuple[str, list[Any]]:
    where: list[str] = []
    args: list[Any] = []
    if ids is not None:
        where.append("b.release_id IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(sorted(ids)))
    if platform is not None:
        where.append("instr(lower(? || b.platforms || ?), lower(? || ? || ?)) > 0")
        args += [PLATFORM_SEP, PLATFORM_SEP, PLATFORM_SEP, platform, PLATFORM_SEP]
    for column, values in (("b.certainty", certainties), ("b.status", statuses)):
        if values is not None:
            # A unary + keeps SQLite off the status index when the rows are wanted in board
            # order: walking board_order and stopping at the limit beats sorting every match.
            where.append(f"{'+' if ordered else ''}{column} IN (SELECT value FROM json_each(?))")
            args.append(json.dumps(sorted(values)))
    if start_by is not None:
        where.append("b.start_date <= ?")
        args.append(start_by.isoformat())
    if end_from is not None:
        where.append("(b.end_date IS NULL AND b.start_date IS NOT NULL OR b.end_date >= ?)")
        args.append(end_from.isoformat())
    # Presumed released (airdate.reconcile): not premiered or cancelled, window ended before the day.
    if fresh_from is not None:
        where.append(f"(b.status IN {_PAST_SQL} OR b.end_date IS NULL OR b.end_date >= ?)")
        args.append(fresh_from.isoformat())
    if stale_before is not None:
        where.append(f"b.status NOT IN {_PAST_SQL} AND b.end_date < ?")
        args.append(stale_before.isoformat())
    if visible:  # leave out releases hidden by hand (`airdate hide`)
        where.append("b.release_id NOT IN (SELECT release_id FROM curations WHERE kind = 'hidden')")
    return ("WHERE " + " AND ".join(where) + " " if where else ""), args


def board(conn: sqlite3.Connection, *, limit: int | None = None, offset: int = 0, **filters: Any) -> list[Summary]:
    """Release summaries by earliest day (undated last), then title; every filter given must hold.

    The filters are `_board_where`'s: ids, platform, certainties, statuses, start_by, end_from,
    fresh_from (leave out windows presumed released: ended before that day, no premiere) and
    stale_before (only those), visible (leave out releases hidden by hand).
    """
    where, args = _board_where(**filters, ordered=True)
    page = ""
    if limit is not None or offset:
        page = f" LIMIT {-1 if limit is None else int(limit)} OFFSET {int(offset)}"
    # The page is picked from the board's covering index alone (rows skipped by OFFSET are
    # never read), then joined to its releases.
    rows = conn.execute(
        "SELECT r.id, r.title, r.season, r.part, r.kind, b.start_date, b.end_date, b.certainty, b.text, b.status, "
        "b.conflicts, b.platforms, b.articles, b.updated FROM board b JOIN releases r ON r.id = b.release_id "
        f"WHERE b.release_id IN (SELECT b.release_id FROM board b {where}ORDER BY {BOARD_ORDER}{page}) "
        f"ORDER BY {BOARD_ORDER}",
        args,
    )
    return [
        Summary(
            ReleaseInfo(rid, title, season, part, kind),
            _day(start),
            _day(end),
            _certainty(certainty) if certainty else None,
            text,
            status,
            conflicts,
            tuple(platforms.split(PLATFORM_SEP)) if platforms else (),
            articles,
            _day(updated),
        )
        for rid, title, season, part, kind, start, end, certainty, text, status, conflicts, platforms, articles, updated in rows
    ]


def board_counts(conn: sqlite3.Connection, **filters: Any) -> dict[str, int]:
    """How many board rows pass the filters (`board`'s keyword arguments but limit and offset), by status."""
    where, args = _board_where(**filters)
    rows = conn.execute(f"SELECT b.status, count(*) FROM board b {where}GROUP BY b.status", args)
    return {str(status): int(n) for status, n in rows}


def calendar_meta(conn: sqlite3.Connection, ids: Collection[int]) -> dict[int, tuple[str, int, str | None]]:
    """release id → (identity text, window sequence, when the window last changed) for the calendar."""
    rows = conn.execute(
        "SELECT r.id, r.key, r.season, r.part, b.seq, b.modified FROM board b JOIN releases r ON r.id = b.release_id "
        "WHERE r.id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(ids)),),
    )
    return {int(rid): (identity_text(key, season, part), int(seq), modified) for rid, key, season, part, seq, modified in rows}


def identity_text(key: str, season: int | None, part: int | None) -> str:
    """A release's identity as one string, for ids that must stay the same across rebuilds."""
    return f"{key}\x1f{'' if season is None else season}\x1f{'' if part is None else part}"


# --- changes ----------------------------------------------------------------------------------


def write_changes(conn: sqlite3.Connection, release_id: int, found: Sequence[Change], at: str) -> None:
    """Replace a release's derived changes, keeping when each one still present was first seen."""
    ident = identity_of(conn, release_id)
    if ident is None:
        return
    identity = identity_text(ident.key, ident.season, ident.part)
    rows = [
        (ch.uid(identity), release_id, n, ch.kind, _iso(ch.source.published),
         ch.source.article_id if ch.source.kind == "article" else None, ch.text, at)  # only an article is one
        for n, ch in enumerate(found)
    ]
    conn.execute(
        "DELETE FROM changes WHERE release_id = ? AND id NOT IN (SELECT value FROM json_each(?))",
        (release_id, json.dumps([r[0] for r in rows])),
    )
    conn.executemany(
        "INSERT INTO changes (id, release_id, position, kind, day, article_id, text, seen) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET release_id = excluded.release_id, "
        "position = excluded.position, kind = excluded.kind, day = excluded.day, "
        "article_id = excluded.article_id, text = excluded.text",
        rows,
    )


CHANGE_COLUMNS = (
    "c.id, c.release_id, r.title, r.season, r.part, r.kind, c.kind, c.day, c.text, c.seen, "
    "a.headline, a.publisher, a.url, a.path, c.article_id"
)


def changes(
    conn: sqlite3.Connection,
    *,
    since: str | None = None,
    release_id: int | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[tuple[Any, ...]]:
    """Change rows, newest first (by when seen, then publication day); see CHANGE_COLUMNS."""
    where: list[str] = []
    args: list[Any] = []
    if since is not None:
        where.append("c.seen > ?")
        args.append(since)
    if release_id is not None:
        where.append("c.release_id = ?")
        args.append(release_id)
    rows = conn.execute(
        f"SELECT {CHANGE_COLUMNS} FROM changes c JOIN releases r ON r.id = c.release_id "
        "LEFT JOIN articles a ON a.id = c.article_id "
        + ("WHERE " + " AND ".join(where) + " " if where else "")
        + "ORDER BY c.seen DESC, c.day IS NULL, c.day DESC, c.release_id, c.position DESC "
        f"LIMIT {int(limit)} OFFSET {int(offset)}",
        args,
    )
    return rows.fetchall()


def recent_changes(conn: sqlite3.Connection, ids: Collection[int], day_from: date) -> dict[int, tuple[str, str]]:
    """release id → (day, text) of its newest change published on or after `day_from`."""
    rows = conn.execute(
        "SELECT release_id, day, text FROM changes WHERE day >= ? AND release_id IN (SELECT value FROM json_each(?)) "
        "ORDER BY release_id, day, position",
        (day_from.isoformat(), json.dumps(sorted(ids))),
    )
    return {int(rid): (day, text) for rid, day, text in rows}


def release_keys(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    """(release id, key) for every release's own key and every general alias."""
    rows = conn.execute(
        "SELECT id, key FROM releases UNION SELECT release_id, key FROM aliases WHERE article_id IS NULL"
    )
    return [(int(r[0]), str(r[1])) for r in rows]


def load_claims(conn: sqlite3.Connection, release_id: int | None = None) -> list[ReleaseClaims]:
    """Releases with every claim and its source; one release or all, in a fixed number of queries."""
    infos = releases(conn, release_id)
    if not infos:
        return []
    where, args = ("WHERE m.release_id = ?", (release_id,)) if release_id is not None else ("", ())
    sources: dict[int, Source] = {}
    owner: dict[int, tuple[int, Source]] = {}
    days: dict[str | None, date | None] = {}  # a flood about one release repeats a few days thousands of times

    def day(value: str | None) -> date | None:
        try:
            return days[value]
        except KeyError:
            return days.setdefault(value, _day(value))

    source_of = Source.of_row
    for m_id, r_id, a_id, published, publisher, headline, path, url, digest in conn.execute(
        "SELECT m.id, m.release_id, a.id, a.published, a.publisher, a.headline, a.path, a.url, a.digest "
        f"FROM mentions m JOIN articles a ON a.id = m.article_id {where}",
        args,
    ):
        src = sources.get(a_id)
        if src is None:
            src = sources[a_id] = source_of(a_id, day(published), publisher, headline, path, url, digest)
        owner[m_id] = (r_id, src)
    found: dict[str, dict[int, list[Any]]] = {k: defaultdict(list) for k in ("w", "e", "p", "c", "n")}

    def rows(table: str, columns: str) -> sqlite3.Cursor:
        return conn.execute(
            f"SELECT t.mention_id, {columns} FROM {table} t JOIN mentions m ON m.id = t.mention_id {where} "
            "ORDER BY t.mention_id, t.position",
            args,
        )

    windows, window_of = found["w"], WindowClaim.of_row
    for m_id, text, start, end, certainty, sentence in rows(
        "windows", "t.text, t.start_date, t.end_date, t.certainty, t.sentence"
    ):
        r_id, src = owner[m_id]
        windows[r_id].append(window_of(day(start), day(end), certainty, text, sentence, src))
    for m_id, kind, when, certainty, sentence in rows("events", "t.type, t.date, t.certainty, t.sentence"):
        r_id, src = owner[m_id]
        found["e"][r_id].append(EventClaim(kind, when, _certainty(certainty), sentence, src))
    for m_id, name in rows("platforms", "t.name"):
        r_id, src = owner[m_id]
        found["p"][r_id].append(NameClaim(name, src))
    for m_id, actor, character, status, sentence in rows(
        "cast_members", "t.actor, t.character, t.status, t.sentence"
    ):
        r_id, src = owner[m_id]
        found["c"][r_id].append(CastClaim(actor, character, status, sentence, src))
    for m_id, name in rows("characters", "t.name"):
        r_id, src = owner[m_id]
        found["n"][r_id].append(NameClaim(name, src))
    add_manual_claims(conn, release_id, found["w"], found["e"])
    add_schedule_claims(conn, release_id, found["w"], found["e"])
    return [
        ReleaseClaims(
            info,
            windows=tuple(found["w"][info.id]),
            events=tuple(found["e"][info.id]),
            platforms=tuple(found["p"][info.id]),
            cast=tuple(found["c"][info.id]),
            characters=tuple(found["n"][info.id]),
        )
        for info in infos
    ]


def add_manual_claims(
    conn: sqlite3.Connection,
    release_id: int | None,
    windows: dict[int, list[Any]],
    events: dict[int, list[Any]],
) -> None:
    """Hand curation (airdate.store.curation) as claims from a manual source: who set it, when, why.

    The source's article id is minus the curation's id (no article has it) and its day is the day
    it was set, so it reads "set by hand by NAME on DAY" wherever a source is named.
    """
    where, args = ("WHERE release_id = ?", (release_id,)) if release_id is not None else ("", ())
    try:
        found = conn.execute(
            "SELECT id, release_id, kind, start_date, end_date, certainty, note, by, at FROM curations "
            f"{where} ORDER BY id",
            args,
        ).fetchall()
    except sqlite3.OperationalError:
        # Opened with migrations stopped before 10 (the upgrade tests): nothing curated yet.
        return
    for cid, r_id, kind, start, end, certainty, note, by, at in found:
        src = Source(-cid, _day(at[:10]), None, note or None, None, None, f"manual:{cid}", by)
        if kind == "window":
            windows[r_id].append(WindowClaim(_day(start), _day(end), _certainty(certainty), "set by hand", note, src))
        elif kind == "premiered":
            events[r_id].append(EventClaim("premiered", start, "confirmed", note or "premiered, set by hand", src))


SCHEDULE_IDS = 1_000_000_000  # a schedule date's source has article id -(this + its row id): no article has it


def add_schedule_claims(
    conn: sqlite3.Connection,
    release_id: int | None,
    windows: dict[int, list[Any]],
    events: dict[int, list[Any]],
) -> None:
    """Official schedule dates (airdate.schedules) as confirmed claims from the source "TVmaze schedule".

    Each is dated the day a sync first saw it; a premiere day is a one-day window, an aired
    first episode a `premiered` event, so the release leaves the upcoming board.
    """
    for rid, r_id, kind, day, what, first_seen, show, url, provider in schedule_rows(conn, release_id):
        src = schedule_source(rid, first_seen, show, url, provider)
        if kind == "premiere":
            windows[r_id].append(WindowClaim(_day(day), _day(day), "confirmed", str(src.publisher), what, src))
        else:
            events[r_id].append(EventClaim("premiered", day, "confirmed", what, src))


SCHEDULE_SOURCES = {"tvmaze": "TVmaze schedule", "tmdb": "TMDB release dates"}  # how each provider is named


def schedule_source(row_id: int, first_seen: str, show: str | None, url: str | None, provider: str) -> Source:
    """The source of a schedule date: "TVmaze schedule", the show as its headline, dated when first seen."""
    label = SCHEDULE_SOURCES.get(provider, SCHEDULE_SOURCES["tvmaze"])
    # Zero-padded, so two dates first seen the same day keep their row order (the digest breaks ties).
    return Source(-(SCHEDULE_IDS + row_id), _day(first_seen), label, show, None, url, f"schedule:{row_id:012d}",
                  schedule=True)  # fmt: skip


def schedule_rows(conn: sqlite3.Connection, release_id: int | None) -> list[tuple[Any, ...]]:
    """(id, release_id, kind, day, what, first_seen, show name, show url, provider) of every schedule date, oldest first."""
    where, args = ("WHERE d.release_id = ?", (release_id,)) if release_id is not None else ("", ())
    try:
        return conn.execute(
            "SELECT d.id, d.release_id, d.kind, d.day, d.what, d.first_seen, l.show_name, l.show_url, "
            "IFNULL(l.provider, 'tvmaze') "
            f"FROM schedule_dates d LEFT JOIN schedule_links l ON l.release_id = d.release_id {where} "
            "ORDER BY d.first_seen, d.id",
            args,
        ).fetchall()
    except sqlite3.OperationalError:  # a store opened before migration 11
        return []


def _certainty(value: str) -> Certainty:
    return cast(Certainty, value)  # the CHECK constraint admits only the three values


ARTICLE_COLUMNS = "id, digest, path, url, headline, publisher, author, published, text, extractor, extractor_version, ingested_at"


def article_ids(conn: sqlite3.Connection, stale_for: tuple[str, str] | None = None) -> list[int]:
    if stale_for is None:
        return [int(r[0]) for r in conn.execute("SELECT id FROM articles ORDER BY id")]
    return [
        int(r[0])
        for r in conn.execute(
            "SELECT id FROM articles WHERE extractor != ? OR extractor_version != ? ORDER BY id", stale_for
        )
    ]


def article_by_digest(conn: sqlite3.Connection, digest: str) -> int | None:
    row = conn.execute("SELECT id FROM articles WHERE digest = ?", (digest,)).fetchone()
    return None if row is None else int(row[0])


def article_row(conn: sqlite3.Connection, article_id: int) -> tuple[Any, ...] | None:
    row = conn.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
    return None if row is None else tuple(row)


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = (
        "articles",
        "releases",
        "mentions",
        "windows",
        "events",
        "cast_members",
        "platforms",
        "aliases",
        "failures",
    )
    return {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}


def release_sources(conn: sqlite3.Connection, ids: Collection[int]) -> dict[int, list[Source]]:
    """release id → the articles about it, newest first."""
    rows = conn.execute(
        "SELECT DISTINCT m.release_id, a.id, a.published, a.publisher, a.headline, a.path, a.url, a.digest "
        "FROM mentions m JOIN articles a ON a.id = m.article_id "
        "WHERE m.release_id IN (SELECT value FROM json_each(?)) "
        "ORDER BY m.release_id, a.published IS NULL, a.published DESC, a.digest",
        (json.dumps(sorted(ids)),),
    )
    out: dict[int, list[Source]] = defaultdict(list)
    for rid, aid, published, publisher, headline, path, url, digest in rows:
        out[int(rid)].append(Source(int(aid), _day(published), publisher, headline, path, url, digest))
    # The official schedule (airdate.schedules) comes first: its newest date is the one in force.
    for sid, r_id, kind, _, _, first_seen, show, url, provider in reversed(schedule_rows(conn, None)):
        if kind == "premiere" and r_id in ids and not any(s.schedule for s in out.get(r_id, ())):
            out[int(r_id)].insert(0, schedule_source(sid, first_seen, show, url, provider))
    return dict(out)


def platform_names(conn: sqlite3.Connection) -> list[str]:
    """Every platform on the board, by name, case-folded duplicates merged."""
    names: dict[str, str] = {}
    for (joined,) in conn.execute("SELECT DISTINCT platforms FROM board WHERE platforms != ''"):
        for name in joined.split(PLATFORM_SEP):
            names.setdefault(name.casefold(), name)
    return sorted(names.values(), key=str.casefold)
