"""The database schema as numbered migrations, each applied once and recorded in `migrations`.

A migration is appended, never edited: a database records which numbers it has, and
opening it applies the missing ones in order, each in its own transaction. Migration
SQL holds no semicolons inside statements (they are split on `;`).

    articles   one row per distinct text (content digest UNIQUE), with its provenance
    releases   one row per identity (title key, season, part), with its display title
    aliases    identity → release, written by merge and split (article_id pins one article)
    mentions   one release as one article names it; every claim hangs off a mention
    windows, platforms, cast_members, characters, events   the claims, in the article's order
    board      each release's reconciled summary (best window, status, …), rewritten with its claims
    board_dirty  releases whose board row has still to follow their claims, each marked with the
               generation of the write that changed them (see Store.flush_board)
    changes    what changed about each release, derived from its claims (airdate.changes);
               `seen` is when this database first recorded the change
    (board.seq counts changes of the best window, board.modified is when it last changed:
    the calendar's SEQUENCE and LAST-MODIFIED)
    (board.sort_key: the release's title, season and part, for the board's order in one index)
    meta       `generation`: bumped by every write transaction, so readers can cache until it moves
    failures   what could not be ingested: path, stage, reason, when
    feeds      subscriptions `airdate watch` polls: schedule, validators (ETag, Last-Modified),
               last poll, success and error, consecutive failures and the next poll time
    feed_items each feed item met, by its guid (or link): ingested, unchanged or failed, so a
               restarted watcher never reads an item twice
    curations  hand curation (airdate.store.curation): a release's manual window, hidden flag or
               premiere, one of each kind per release, with who set it, when and why
    follows    the watchlist: a title key and an optional season, matched against releases
               and aliases by key, so a title followed before it is on the board still matches
    notify_targets  where alerts go (an Apprise URL, or a signed JSON webhook with its secret), for
               followed releases or all, alerting changes seen from `since` on; `scanned` is how far
               the changes table has been read for it
    deliveries the outbox: one row per (target, change), pending until sent and marked delivered,
               or failed after too many attempts; the message is fixed when queued, so a retry
               sends the same bytes under the same idempotency key (airdate.notify)
    http_cache TVmaze answers by URL with their ETag and Last-Modified, so a re-sync asks with
               If-None-Match and works offline (airdate.schedules.client)
    schedule_links  a release → its show on TVmaze (series) or its film on TMDB (with a key): linked
               (with confidence and how), ambiguous (the candidates, as JSON), unmatched, or none
               (set by hand: never link it)
    schedule_dates  what the schedule said of a linked release, one row per date it gave: a
               premiere (or release) day, or an aired first episode (a passed release day), first
               seen (the claim's date) and last seen; show_id is the TVmaze show or TMDB film
    catalog_shows, catalog_akas  a local copy of TVmaze's show index (names, premiere year,
               network or web channel) and the AKAs fetched so far, keyed like release titles
    catalog_meta  how far the index was paged and when /updates/shows was last followed
    warc_records  each WARC record stored as an article (airdate.store.warc): its record id (unique, so
               a record is never stored twice), WARC-Target-URI, WARC-Date, file and offset
    warc_files one row per WARC file done: its size and counts, so a re-run (`backfill`, `ingest`) skips it
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from airdate.store.errors import StoreError

MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (
        1,
        "articles, releases, aliases, mentions and claims",
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            digest TEXT NOT NULL UNIQUE,
            path TEXT,
            url TEXT,
            headline TEXT,
            publisher TEXT,
            author TEXT,
            published TEXT,
            text TEXT NOT NULL,
            extractor TEXT NOT NULL,
            extractor_version TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE TABLE releases (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL,
            season INTEGER,
            part INTEGER,
            title TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('series', 'film'))
        );
        CREATE UNIQUE INDEX releases_identity ON releases (key, IFNULL(season, -1), IFNULL(part, -1));
        CREATE TABLE aliases (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL,
            season INTEGER,
            part INTEGER,
            article_id INTEGER REFERENCES articles (id) ON DELETE CASCADE,
            release_id INTEGER NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
            created_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX aliases_identity
            ON aliases (key, IFNULL(season, -1), IFNULL(part, -1), IFNULL(article_id, 0));
        CREATE INDEX aliases_release ON aliases (release_id);
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            release_id INTEGER NOT NULL REFERENCES releases (id),
            position INTEGER NOT NULL,
            title TEXT NOT NULL,
            key TEXT NOT NULL,
            season INTEGER,
            part INTEGER,
            kind TEXT NOT NULL CHECK (kind IN ('series', 'film')),
            UNIQUE (article_id, position)
        );
        CREATE INDEX mentions_release ON mentions (release_id);
        CREATE INDEX mentions_identity ON mentions (key, IFNULL(season, -1), IFNULL(part, -1));
        CREATE TABLE windows (
            id INTEGER PRIMARY KEY,
            mention_id INTEGER NOT NULL REFERENCES mentions (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            start_date TEXT,
            end_date TEXT,
            certainty TEXT NOT NULL CHECK (certainty IN ('confirmed', 'reported', 'speculated')),
            sentence TEXT NOT NULL
        );
        CREATE INDEX windows_mention ON windows (mention_id);
        CREATE TABLE platforms (
            id INTEGER PRIMARY KEY,
            mention_id INTEGER NOT NULL REFERENCES mentions (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL
        );
        CREATE INDEX platforms_mention ON platforms (mention_id);
        CREATE TABLE cast_members (
            id INTEGER PRIMARY KEY,
            mention_id INTEGER NOT NULL REFERENCES mentions (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            actor TEXT NOT NULL,
            character TEXT,
            status TEXT NOT NULL CHECK (status IN ('returning', 'new', 'leaving', 'unknown')),
            sentence TEXT NOT NULL
        );
        CREATE INDEX cast_members_mention ON cast_members (mention_id);
        CREATE TABLE characters (
            id INTEGER PRIMARY KEY,
            mention_id INTEGER NOT NULL REFERENCES mentions (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL
        );
        CREATE INDEX characters_mention ON characters (mention_id);
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            mention_id INTEGER NOT NULL REFERENCES mentions (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            type TEXT NOT NULL,
            date TEXT,
            certainty TEXT NOT NULL CHECK (certainty IN ('confirmed', 'reported', 'speculated')),
            sentence TEXT NOT NULL
        );
        CREATE INDEX events_mention ON events (mention_id);
        CREATE TABLE board (
            release_id INTEGER PRIMARY KEY REFERENCES releases (id) ON DELETE CASCADE,
            start_date TEXT,
            end_date TEXT,
            certainty TEXT,
            text TEXT,
            status TEXT NOT NULL,
            conflicts INTEGER NOT NULL,
            platforms TEXT NOT NULL,
            articles INTEGER NOT NULL,
            updated TEXT
        );
        """,
    ),
    (
        2,
        "failures",
        """
        CREATE TABLE failures (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            stage TEXT NOT NULL,
            reason TEXT NOT NULL,
            at TEXT NOT NULL,
            UNIQUE (path, stage)
        );
        """,
    ),
    (
        3,
        "board rows waiting to be recomputed",
        """
        CREATE TABLE board_dirty (
            release_id INTEGER PRIMARY KEY
        );
        """,
    ),
    (
        4,
        "changes, and the board's window sequence for calendars",
        """
        ALTER TABLE board ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE board ADD COLUMN modified TEXT;
        CREATE TABLE changes (
            id TEXT PRIMARY KEY,
            release_id INTEGER NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            day TEXT,
            article_id INTEGER REFERENCES articles (id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            seen TEXT NOT NULL
        );
        CREATE INDEX changes_release ON changes (release_id);
        CREATE INDEX changes_seen ON changes (seen);
        CREATE INDEX changes_day ON changes (day);
        """,
    ),
    (
        5,
        "board order and status indexes, and a write generation for caches",
        """
        CREATE INDEX board_order ON board (start_date IS NULL, start_date, end_date);
        CREATE INDEX board_status ON board (status, certainty);
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        );
        INSERT INTO meta (key, value) VALUES ('generation', 0);
        """,
    ),
    (
        6,
        "the board's whole order in one covering index, so deep pages skip rows without reading them",
        """
        ALTER TABLE board ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
        UPDATE board SET sort_key = (SELECT lower(r.title) || char(31) || ifnull(printf('%05d', r.season), '')
            || char(31) || ifnull(printf('%05d', r.part), '') FROM releases r WHERE r.id = board.release_id);
        DROP INDEX board_order;
        CREATE INDEX board_page ON board (start_date IS NULL, start_date, end_date, sort_key, release_id, status, certainty);
        """,
    ),
    (
        7,
        "board marks carry the generation that made them, so a row computed outside the write lock is written only if still current",
        """
        ALTER TABLE board_dirty ADD COLUMN marked INTEGER NOT NULL DEFAULT 0;
        """,
    ),
    (
        8,
        "feed subscriptions and the items they gave, and the watchlist",
        """
        CREATE TABLE feeds (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            title TEXT,
            every INTEGER NOT NULL CHECK (every > 0),
            full_text INTEGER NOT NULL DEFAULT 0,
            added_at TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            last_poll TEXT,
            last_success TEXT,
            last_error TEXT,
            last_error_at TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            next_poll TEXT
        );
        CREATE TABLE feed_items (
            feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('ingested', 'unchanged', 'failed')),
            tries INTEGER NOT NULL DEFAULT 1,
            article_id INTEGER REFERENCES articles (id) ON DELETE SET NULL,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (feed_id, key)
        );
        CREATE INDEX feed_items_seen ON feed_items (feed_id, outcome, seen_at);
        CREATE INDEX articles_url ON articles (url);
        CREATE TABLE follows (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            key TEXT NOT NULL,
            season INTEGER,
            created_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX follows_identity ON follows (key, IFNULL(season, -1));
        """,
    ),
    (
        9,
        "alert targets and the outbox of deliveries",
        """
        CREATE TABLE notify_targets (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('apprise', 'webhook')),
            secret TEXT,
            scope TEXT NOT NULL CHECK (scope IN ('following', 'all')),
            allow_private INTEGER NOT NULL DEFAULT 0,
            added_at TEXT NOT NULL,
            since TEXT NOT NULL,
            scanned TEXT
        );
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY,
            target_id INTEGER NOT NULL REFERENCES notify_targets (id) ON DELETE CASCADE,
            change_id TEXT NOT NULL,
            release_id INTEGER,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            message TEXT NOT NULL,
            body TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            queued_at TEXT NOT NULL,
            last_attempt TEXT,
            next_attempt TEXT NOT NULL,
            delivered_at TEXT,
            status TEXT,
            UNIQUE (target_id, change_id)
        );
        CREATE INDEX deliveries_due ON deliveries (state, next_attempt);
        CREATE INDEX deliveries_recent ON deliveries (IFNULL(last_attempt, queued_at));
        """,
    ),
    (
        10,
        "hand curation: a manual window, a hidden flag or a premiere per release, with who and when",
        """
        CREATE TABLE curations (
            id INTEGER PRIMARY KEY,
            release_id INTEGER NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('window', 'hidden', 'premiered')),
            start_date TEXT,
            end_date TEXT,
            certainty TEXT CHECK (certainty IN ('confirmed', 'reported', 'speculated')),
            note TEXT NOT NULL DEFAULT '',
            by TEXT NOT NULL,
            at TEXT NOT NULL,
            UNIQUE (release_id, kind)
        );
        """,
    ),
    (
        11,
        "official schedules: TVmaze answers cached with their ETag, links, schedule dates and the show catalog",
        """
        CREATE TABLE http_cache (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            body BLOB NOT NULL,
            fetched_at TEXT NOT NULL,
            checked_at TEXT NOT NULL
        );
        CREATE TABLE schedule_links (
            release_id INTEGER PRIMARY KEY REFERENCES releases (id) ON DELETE CASCADE,
            provider TEXT NOT NULL DEFAULT 'tvmaze' CHECK (provider IN ('tvmaze', 'tmdb')),
            state TEXT NOT NULL CHECK (state IN ('linked', 'ambiguous', 'unmatched', 'none')),
            show_id INTEGER,
            show_name TEXT,
            show_url TEXT,
            network TEXT,
            confidence REAL,
            method TEXT NOT NULL,
            candidates TEXT NOT NULL DEFAULT '[]',
            by TEXT,
            at TEXT NOT NULL,
            synced_at TEXT
        );
        CREATE INDEX schedule_links_state ON schedule_links (state);
        CREATE TABLE schedule_dates (
            id INTEGER PRIMARY KEY,
            release_id INTEGER NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
            show_id INTEGER NOT NULL,
            season INTEGER,
            kind TEXT NOT NULL CHECK (kind IN ('premiere', 'aired')),
            day TEXT NOT NULL,
            what TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            UNIQUE (release_id, show_id, kind, day)
        );
        CREATE INDEX schedule_dates_release ON schedule_dates (release_id);
        CREATE TABLE catalog_shows (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            key TEXT NOT NULL,
            premiered TEXT,
            network TEXT,
            country TEXT,
            type TEXT,
            language TEXT,
            url TEXT,
            updated INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX catalog_shows_key ON catalog_shows (key);
        CREATE TABLE catalog_akas (
            show_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            key TEXT NOT NULL,
            country TEXT,
            PRIMARY KEY (show_id, key)
        );
        CREATE INDEX catalog_akas_key ON catalog_akas (key);
        CREATE TABLE catalog_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    ),
    (
        12,
        "WARC input: each record's id, target URI and date with its article; the files done",
        """
        CREATE TABLE warc_records (
            record_id TEXT PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            uri TEXT,
            warc_date TEXT,
            file TEXT NOT NULL,
            offset INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX warc_records_article ON warc_records (article_id);
        CREATE TABLE warc_files (
            path TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            records INTEGER NOT NULL,
            kept INTEGER NOT NULL,
            dropped INTEGER NOT NULL,
            skipped INTEGER NOT NULL,
            failed INTEGER NOT NULL,
            done_at TEXT NOT NULL
        );
        """,
    ),
)


def now() -> str:
    """The current UTC time as an ISO string, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def connect(path: str | Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, foreign keys on, migrated."""
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=10.0)
    except sqlite3.Error as e:
        raise StoreError(f"cannot open the database {path}: {e}") from e
    try:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal" and str(path) != ":memory:":
            raise StoreError(f"the database {path} cannot use WAL mode (got {mode})")
        conn.execute("PRAGMA foreign_keys = ON")
        # WAL with synchronous=NORMAL keeps every committed transaction across a killed
        # process; only a power cut can lose the last few, and never corrupts.
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn)
    except sqlite3.Error as e:
        conn.close()
        raise StoreError(f"cannot use the database {path}: {e}") from e
    except StoreError:
        conn.close()
        raise
    return conn


def applied(conn: sqlite3.Connection) -> list[tuple[int, str, str]]:
    """The migrations recorded in the database: (version, name, applied_at)."""
    return [
        tuple(r) for r in conn.execute("SELECT version, name, applied_at FROM migrations ORDER BY version")
    ]


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply the migrations the database lacks, each in its own transaction; return their numbers."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    done = {v for (v,) in conn.execute("SELECT version FROM migrations")}
    newest = max(v for v, _, _ in MIGRATIONS)
    if done and max(done) > newest:
        raise StoreError(
            f"the database has migration {max(done)} but this airdate knows only up to {newest}; upgrade airdate"
        )
    ran = []
    for version, name, sql in MIGRATIONS:
        if version in done:
            continue
        # BEGIN IMMEDIATE takes the write lock before the check, so two processes opening
        # a new database at once apply each migration exactly once.
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("SELECT 1 FROM migrations WHERE version = ?", (version,)).fetchone() is None:
                for statement in sql.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute("INSERT INTO migrations VALUES (?, ?, ?)", (version, name, now()))
                ran.append(version)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return ran
