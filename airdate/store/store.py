"""The store: articles and their claims in one SQLite file; writes are one transaction each.

Locking: SQLite in WAL mode lets readers go on while one connection writes. A write holds the
lock only to store what changed and to mark the releases it touched (`board_dirty`); their
board rows are computed afterwards from a read snapshot, outside the lock, and written in
short transactions (`Store.flush_board`). So a second writer waits at most for one article or
one small chunk of board rows, and reading never writes.
"""

from __future__ import annotations

import difflib
import sqlite3
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

from airdate.changes import Change, changes
from airdate.models import Article, Extraction, Release
from airdate.reconcile import ReleaseClaims, ReleaseInfo, Source, Summary, story_of, summarize
from airdate.store import queries
from airdate.store.errors import NotFound, StoreError
from airdate.store.keys import Identity, content_digest, release_identity
from airdate.store.schema import applied, connect, now

COUNTS_KEPT = 256  # board counts per filter combination, per connection, until the next write
FLUSH_CHUNK = 32  # board rows per write transaction in flush_board: a concurrent writer waits for one chunk
FLUSH_ROUNDS = 4  # passes over releases re-marked by a concurrent writer; the rest wait for the next flush


@dataclass(frozen=True)
class Failure:
    path: str
    stage: str
    reason: str
    at: str


@dataclass(frozen=True)
class ChangeRow:
    """One recorded change of a release (see airdate.changes), with the article behind it."""

    id: str
    release: ReleaseInfo
    kind: str
    day: date | None
    text: str
    seen: str  # when this database first recorded it, UTC ISO
    source: Source | None


@dataclass(frozen=True)
class BoardRow:
    """A release's board row computed from a read snapshot, with the mark it was computed for."""

    release_id: int
    marked: int
    summary: Summary | None  # None: nothing refers to the release any more, so it is deleted
    display: tuple[str | None, str | None] = (None, None)  # title and kind, see queries.display
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class StoredArticle:
    id: int
    article: Article
    digest: str
    extractor: str
    version: str
    ingested_at: str


def open_store(path: str | Path, *, read_only: bool = False) -> Store:
    """Open (creating and migrating as needed) the database at `path`.

    `read_only` (the web app and the reading commands) refuses every write at the connection
    (PRAGMA query_only) and never waits for the write lock: board rows still waiting for a
    write (see `Store.pending_board`) are read as they were last written.
    """
    store = Store(connect(path), str(path))
    if read_only:
        store.conn.execute("PRAGMA query_only = ON")
        store.read_only = True
    return store


class Store:
    """Articles, releases and claims in one SQLite database. Use `open_store`."""

    def __init__(self, conn: sqlite3.Connection, path: str = "") -> None:
        self.conn = conn
        self.path = path
        # Every write marks the releases it touched in `board_dirty`, in its own transaction (so
        # a killed run loses nothing), and `flush_board` recomputes them after the commit. A bulk
        # ingest sets `defer_board` and flushes once per batch instead of once per article.
        self.defer_board = False
        self.read_only = False
        self._marked = False  # the open write transaction marked releases
        self._platforms: tuple[int, list[str]] | None = None  # (generation, names)
        self._counts: dict[tuple[Any, ...], dict[str, int]] = {}
        self._counts_generation = -1

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def _transaction(self, what: str) -> Iterator[sqlite3.Connection]:
        """One write transaction; any exception (Ctrl-C included) rolls all of it back.

        The board rows of releases it marked are written after the commit, outside it (unless
        `defer_board`: then the caller flushes).
        """
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise StoreError(f"cannot write to {self.path or 'the database'} ({what}): {e}") from e
        self._marked = False
        try:
            yield self.conn
            self.conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
            self.conn.execute("COMMIT")
        except BaseException as e:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(e, sqlite3.Error):
                raise StoreError(f"cannot store {what}: {e}") from e
            raise
        if self._marked and not self.defer_board:
            self._marked = False
            self.flush_board()

    # --- articles -----------------------------------------------------------------------------

    def add_article(
        self, article: Article, extraction: Extraction, extractor: str, version: str
    ) -> tuple[int, bool]:
        """Store an article and its claims in one transaction: (article id, whether it was new).

        The key is a digest of headline and text ignoring case and whitespace, so the same
        text under another path or URL stores nothing new. Failures recorded for the
        article's path are cleared once it is stored (or found already stored).
        """
        digest = content_digest(article.title, article.text)
        what = article.path or article.url or article.title or "an article"
        with self._transaction(what) as db:
            row = db.execute("SELECT id FROM articles WHERE digest = ?", (digest,)).fetchone()
            if row is None:
                article_id = queries.insert_article(db, article, digest, extractor, version, now())
                self._insert_claims(article_id, extraction)
            else:
                article_id = row[0]
            if article.path:
                db.execute("DELETE FROM failures WHERE path = ?", (article.path,))
        return article_id, row is None

    def stored_id(self, article: Article) -> int | None:
        """The id of the stored article with this text (the key `add_article` uses), if any.

        Lets a bulk ingest skip extracting what it already holds.
        """
        return queries.article_by_digest(self.conn, content_digest(article.title, article.text))

    def replace_claims(self, article_id: int, extraction: Extraction, extractor: str, version: str) -> None:
        """Swap a stored article's claims for a new extraction (after an extractor upgrade)."""
        with self._transaction(f"article {article_id}") as db:
            if db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
                raise NotFound(f"no stored article with id {article_id}")
            touched = {
                r
                for (r,) in db.execute("SELECT release_id FROM mentions WHERE article_id = ?", (article_id,))
            }
            db.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
            db.execute(
                "UPDATE articles SET extractor = ?, extractor_version = ? WHERE id = ?",
                (extractor, version, article_id),
            )
            self._insert_claims(article_id, extraction)
            self._refresh(*touched)

    def articles(self, *, stale_for: tuple[str, str] | None = None) -> Iterator[StoredArticle]:
        """Stored articles in id order; with stale_for=(extractor, version), only those extracted otherwise."""
        ids = queries.article_ids(self.conn, stale_for)
        for article_id in ids:
            row = queries.article_row(self.conn, article_id)
            if row is not None:
                yield row_to_stored(row)

    def article(self, article_id: int) -> StoredArticle:
        row = queries.article_row(self.conn, article_id)
        if row is None:
            raise NotFound(f"no stored article with id {article_id}")
        return row_to_stored(row)

    def _insert_claims(self, article_id: int, extraction: Extraction) -> None:
        touched = []
        for position, release in enumerate(extraction.releases):
            ident = release_identity(release.title, release.season, release.part)
            release_id = self._resolve(ident, article_id, release)
            queries.insert_mention(self.conn, article_id, release_id, position, release, ident)
            touched.append(release_id)
        self._refresh(*touched)

    def _resolve(self, ident: Identity, article_id: int, release: Release) -> int:
        """The release an identity belongs to: an alias pinned to this article, an alias, its own row, a new row."""
        found = queries.alias_target(self.conn, ident, article_id) or queries.release_id(self.conn, ident)
        if found is not None:
            return found
        return queries.insert_release(self.conn, ident, release.title, release.kind)

    # --- failures -------------------------------------------------------------------------------

    def record_failure(self, path: str, stage: str, reason: str) -> None:
        """Record (or refresh) why `path` failed at `stage`; one row per path and stage."""
        with self._transaction(f"the failure of {path}") as db:
            queries.record_failure(db, path, stage, reason, now())

    def failures(self) -> list[Failure]:
        return [
            Failure(*r)
            for r in self.conn.execute("SELECT path, stage, reason, at FROM failures ORDER BY at, id")
        ]

    def clear_failures(self, path: str | None = None) -> int:
        """Forget recorded failures (all, or one path's); returns how many."""
        with self._transaction("clearing failures") as db:
            cur = db.execute("DELETE FROM failures WHERE ?1 IS NULL OR path = ?1", (path,))
            return cur.rowcount

    # --- releases and claims -------------------------------------------------------------------

    def releases(self) -> list[ReleaseInfo]:
        """Every release, by title, season, part."""
        return queries.releases(self.conn)

    def release(self, release_id: int) -> ReleaseInfo:
        found = queries.releases(self.conn, release_id)
        if not found:
            raise NotFound(f"no release with id {release_id}")
        return found[0]

    def find_releases(
        self, title: str, season: int | None = None, part: int | None = None
    ) -> list[ReleaseInfo]:
        """Releases a user's title names: exact key (or alias), else keys containing it, else close spellings.

        Season and part narrow the result when given (or written in the title).
        """
        ident = release_identity(title, season, part)
        rows = queries.keys_like(self.conn, [ident.key])
        found = [r for r in rows if r[1] == ident.key] or rows
        if not found:
            # Close spellings among the keys sharing most words with the query (all keys if none share one).
            words = {w for w in ident.key.split() if len(w) >= 3}
            pool = queries.keys_like(self.conn, sorted(words)) or queries.release_keys(self.conn)
            most = max((len(words & set(k.split())) for _, k in pool), default=0)
            pool = [r for r in pool if len(words & set(r[1].split())) == most]
            close = set(difflib.get_close_matches(ident.key, sorted({k for _, k in pool}), n=10, cutoff=0.75))
            found = [r for r in pool if r[1] in close]
        infos = queries.releases_by_id(self.conn, {rid for rid, _ in found})
        if ident.season is not None:
            infos = [r for r in infos if r.season == ident.season]
        if ident.part is not None:
            infos = [r for r in infos if r.part == ident.part]
        return infos

    def claims(self, release_id: int) -> ReleaseClaims:
        """Every claim about one release, for `airdate.reconcile.reconcile`."""
        found = queries.load_claims(self.conn, release_id)
        if not found:
            raise NotFound(f"no release with id {release_id}")
        return found[0]

    def all_claims(self) -> list[ReleaseClaims]:
        """Every release with its claims, loaded in a few queries (for list and export)."""
        return queries.load_claims(self.conn)

    # --- merge and split ------------------------------------------------------------------------

    def merge(
        self, alias_title: str, into_release: int, *, season: int | None = None, part: int | None = None
    ) -> int:
        """File the release `alias_title` names (and any future article naming it) under `into_release`.

        The merged-away release is removed; its claims and aliases move over. Returns `into_release`.
        """
        ident = release_identity(alias_title, season, part)
        with self._transaction(f"merging {alias_title}") as db:
            target = queries.releases(db, into_release)
            if not target:
                raise NotFound(f"no release with id {into_release}")
            if queries.identity_of(db, into_release) == ident:
                raise StoreError(f"{alias_title!r} is release {into_release} itself; nothing to merge")
            queries.set_alias(db, ident, None, into_release, now())
            queries.move_identity(db, ident, into_release)
            source = queries.release_id(db, ident)
            if source is not None and source != into_release:
                queries.move_release(db, source, into_release)
            self._refresh(into_release, *([source] if source is not None else []))
        return into_release

    def split(self, alias_title: str, *, season: int | None = None, part: int | None = None) -> int:
        """Undo a merge: `alias_title` becomes its own release again, taking back its articles' claims."""
        ident = release_identity(alias_title, season, part)
        with self._transaction(f"splitting {alias_title}") as db:
            target = queries.alias_target(db, ident, None)
            if target is None:
                raise NotFound(f"{alias_title!r} is not merged into another release; nothing to split")
            queries.delete_alias(db, ident)
            new_id = queries.release_id(db, ident) or queries.insert_release(db, ident, alias_title, "series")
            queries.move_identity(db, ident, new_id, from_release=target)
            self._refresh(target, new_id)
        return new_id

    def split_articles(self, release_id: int, article_ids: Iterable[int], title: str) -> int:
        """Move some articles' claims from a release to the release `title` names (created if new).

        For two different shows that share a title key. The move is pinned per article, so
        re-extraction keeps it. Season and part default to the source release's.
        """
        with self._transaction(f"splitting release {release_id}") as db:
            source = queries.releases(db, release_id)
            if not source:
                raise NotFound(f"no release with id {release_id}")
            ident = release_identity(title, source[0].season, source[0].part)
            if ident == queries.identity_of(db, release_id):
                raise StoreError(
                    f"{title!r} names release {release_id} itself; give the split-off a new title"
                )
            new_id = queries.release_id(db, ident) or queries.insert_release(db, ident, title, source[0].kind)
            for article_id in article_ids:
                for mention_ident in queries.article_identities(db, article_id, release_id):
                    queries.set_alias(db, mention_ident, article_id, new_id, now())
                moved = queries.move_article(db, article_id, release_id, new_id)
                if not moved:
                    raise NotFound(f"article {article_id} has no claims about release {release_id}")
            self._refresh(release_id, new_id)
        return new_id

    def flush_board(self) -> int:
        """Bring the board rows of marked releases up to date with their claims; returns how many it wrote.

        Rows are computed from a read snapshot without the write lock, then written
        FLUSH_CHUNK releases per short transaction, each only if the release's mark is still
        the one the snapshot read. A release another writer changed in between keeps that
        writer's newer mark and is computed again in the next round (or by the next flush),
        so a stale row never hides newer claims. A read-only store writes nothing.
        """
        if self.read_only:
            return 0
        written = 0
        for _ in range(FLUSH_ROUNDS):
            ids = queries.marked_ids(self.conn)
            if not ids:
                break
            for start in range(0, len(ids), FLUSH_CHUNK):
                written += self._write_rows(self._compute_rows(ids[start : start + FLUSH_CHUNK]))
        return written

    def pending_board(self) -> int:
        """How many releases changed since their board row was written (a running or stopped bulk ingest)."""
        return queries.count_marked(self.conn)

    def _compute_rows(self, release_ids: Collection[int]) -> list[BoardRow]:
        """The board rows of these marked releases, from one read snapshot; takes no write lock."""
        try:
            self.conn.execute("BEGIN")  # deferred: a read transaction, so marks and claims agree
            try:
                rows = []
                for release_id, marked in queries.marks(self.conn, release_ids).items():
                    found = queries.load_claims(self.conn, release_id) if queries.referenced(self.conn, release_id) else []
                    if not found:
                        rows.append(BoardRow(release_id, marked, None))
                        continue
                    title, kind = queries.display(self.conn, release_id)
                    info = found[0].release
                    claims = replace(found[0], release=replace(info, title=title or info.title, kind=kind or info.kind))
                    story = story_of(claims)
                    rows.append(
                        BoardRow(release_id, marked, summarize(claims, story), (title, kind), tuple(changes(claims, story)))
                    )
                return rows
            finally:
                if self.conn.in_transaction:
                    self.conn.execute("COMMIT")
        except sqlite3.Error as e:
            raise StoreError(f"cannot read {self.path or 'the database'} (updating the board): {e}") from e

    def _write_rows(self, rows: list[BoardRow]) -> int:
        """Write computed rows whose releases have not changed since; one short transaction."""
        if not rows:
            return 0
        written = 0
        at = now()
        with self._transaction("updating the board") as db:
            for row in rows:
                if not queries.unmark(db, row.release_id, row.marked):
                    continue  # changed since the snapshot (it has a newer mark), or written by another flush
                if row.summary is None:
                    queries.prune_release(db, row.release_id)
                else:
                    queries.set_display(db, row.release_id, *row.display)
                    queries.write_summary(db, row.summary, at)
                    queries.write_changes(db, row.release_id, row.changes, at)
                written += 1
        return written

    def _refresh(self, *release_ids: int) -> None:
        """After claims moved: mark the releases, so their title, kind and board row follow (or they are dropped)."""
        queries.mark(self.conn, dict.fromkeys(release_ids))
        self._marked = True

    # --- the board ------------------------------------------------------------------------------

    def board(
        self,
        *,
        ids: Collection[int] | None = None,
        platform: str | None = None,
        certainties: Collection[str] | None = None,
        statuses: Collection[str] | None = None,
        start_by: date | None = None,
        end_from: date | None = None,
        fresh_from: date | None = None,
        visible: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Summary]:
        """Release summaries (best window, status, conflicts, platforms), earliest first, undated last.

        Kept current by every write (rows a bulk ingest has still to write are read as they
        were: see `pending_board`), so `list` reads one table; countdown and overdue come
        from `Summary.countdown(today)` / `Summary.overdue(today)`. Filters (all must hold):
        `ids` (e.g. from find_releases, for --search); `platform`, case-insensitive;
        `certainties` and `statuses` of the best window and release; `start_by`: windows
        starting on or before that day (--within); `end_from`: dated windows not ended before it;
        `fresh_from`: leave out releases presumed released (not premiered, window ended before it);
        `visible`: leave out releases hidden by hand (`airdate hide`).
        `limit`: at most that many, the earliest, after skipping `offset`.
        """
        return queries.board(
            self.conn,
            ids=ids,
            platform=platform,
            certainties=certainties,
            statuses=statuses,
            start_by=start_by,
            end_from=end_from,
            fresh_from=fresh_from,
            visible=visible,
            limit=limit,
            offset=offset,
        )

    def board_counts(self, **filters: Any) -> dict[str, int]:
        """How many releases pass the filters, by status (`statuses` is a filter too, if given).

        Counting walks every matching row, so counts are kept until the next write.
        """
        key = tuple(sorted((k, v if isinstance(v, str | date | bool | None) else tuple(sorted(v))) for k, v in filters.items()))
        generation = self.generation()
        if self._counts_generation != generation:
            self._counts.clear()
            self._counts_generation = generation
        found = self._counts.get(key)
        if found is None:
            found = self._counts[key] = queries.board_counts(self.conn, **filters)
            if len(self._counts) > COUNTS_KEPT:
                self._counts.pop(next(iter(self._counts)))
        return dict(found)

    def calendar_meta(self, ids: Collection[int]) -> dict[int, tuple[str, int, str | None]]:
        """release id → (identity text, window sequence, when the window last changed)."""
        return queries.calendar_meta(self.conn, ids)

    def changes(
        self, *, since: str | None = None, release_id: int | None = None, limit: int = 100, offset: int = 0
    ) -> list[ChangeRow]:
        """Recorded changes, newest first; `since` (an ISO UTC time) keeps those seen after it."""
        rows = queries.changes(self.conn, since=since, release_id=release_id, limit=limit, offset=offset)
        return [row_to_change(r) for r in rows]

    def generation(self) -> int:
        """A number every write transaction moves: what was read at one generation holds until it changes."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return int(row[0]) if row else 0

    def platform_names(self) -> list[str]:
        """Every platform named on the board, sorted (read again only after a write)."""
        generation = self.generation()
        if self._platforms is None or self._platforms[0] != generation:
            self._platforms = (generation, queries.platform_names(self.conn))
        return self._platforms[1]

    def release_sources(self, ids: Collection[int]) -> dict[int, list[Source]]:
        """release id → the articles about it, newest first."""
        return queries.release_sources(self.conn, ids)

    def recent_changes(self, ids: Collection[int], day_from: date) -> dict[int, tuple[str, str]]:
        """release id → (day, text) of its newest change published on or after `day_from`."""
        return queries.recent_changes(self.conn, ids, day_from)

    def rebuild_board(self) -> int:
        """Recompute every release's summary (after a change to the reconcile rules); returns how many."""
        # Rows are rewritten, not deleted first, so each keeps its calendar sequence; marking
        # them all is one short transaction, and the flush after it writes them in chunks.
        with self._transaction("rebuilding the board") as db:
            ids = [r.id for r in queries.releases(db)]
            self._refresh(*ids)
        return len(ids)

    # --- facts about the database ---------------------------------------------------------------

    def migrations(self) -> list[tuple[int, str, str]]:
        return applied(self.conn)

    def counts(self) -> dict[str, int]:
        """Row counts: articles, releases, mentions, windows, events, failures, aliases."""
        return queries.counts(self.conn)


def row_to_stored(row: tuple[object, ...]) -> StoredArticle:
    (article_id, digest, path, url, headline, publisher, author, published, text, extractor, version, at) = (
        row
    )
    article = Article(
        text=str(text),
        path=path if isinstance(path, str) else None,
        url=url if isinstance(url, str) else None,
        title=headline if isinstance(headline, str) else None,
        published=date.fromisoformat(published) if isinstance(published, str) else None,
        publisher=publisher if isinstance(publisher, str) else None,
        author=author if isinstance(author, str) else None,
    )
    return StoredArticle(int(str(article_id)), article, str(digest), str(extractor), str(version), str(at))


def row_to_change(row: tuple[Any, ...]) -> ChangeRow:
    (cid, rid, title, season, part, kind, change, day, text, seen, headline, publisher, url, path, article_id) = row
    source = None
    if article_id is not None:
        source = Source(
            int(article_id), date.fromisoformat(day) if day else None, publisher, headline, path, url
        )
    return ChangeRow(
        str(cid), ReleaseInfo(int(rid), title, season, part, kind), str(change),
        date.fromisoformat(day) if day else None, str(text), str(seen), source,
    )  # fmt: skip
