"""One Settings object, built once at the CLI and passed down."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DB_ENV = "AIRDATE_DB"  # the database path when --db is not given
TOKEN_ENV = "AIRDATE_TOKEN"  # `airdate serve` allows writes from the web only with this token
TVMAZE_ENV = "AIRDATE_TVMAZE_URL"  # another TVmaze API base URL (a mirror, or a test server on loopback)
TVMAZE_URL = "https://api.tvmaze.com"
TMDB_KEY_ENV = "AIRDATE_TMDB_KEY"  # a TMDB API key (v3) or read access token (v4): films' release dates; none, no TMDB
TMDB_URL_ENV = "AIRDATE_TMDB_URL"
TMDB_URL = "https://api.themoviedb.org/3"
TMDB_COUNTRY_ENV = "AIRDATE_TMDB_COUNTRY"  # whose release dates count (ISO 3166-1), US by default


@dataclass(frozen=True)
class Settings:
    max_bytes: int = 10 * 1024 * 1024  # larger inputs are refused, not truncated
    fetch_timeout: float = 15.0  # seconds, for http(s) sources
    allow_private: bool = False  # fetch from loopback, private and link-local addresses too
    user_agent: str = "airdate/0.1 (+https://example.invalid/airdate)"
    db: Path = Path("airdate.db")  # the embedded store; --db PATH or AIRDATE_DB override it
    feed_items: int = 50  # new items `airdate watch` ingests per poll of one feed; the rest wait for the next
    notify_timeout: float = 10.0  # seconds each alert (webhook or Apprise) may take to send
    stale_days: int = 30  # an overdue window ended more than this many days ago is presumed released
    host_interval: float = 2.0  # seconds between two requests `airdate watch` sends to the same host
    tvmaze_url: str = TVMAZE_URL  # the TVmaze API's base URL; TVMAZE_ENV overrides it
    tvmaze_calls: int = 20  # TVmaze allows about 20 calls per 10 s per address, and answers 429 past that
    tvmaze_period: float = 10.0  # seconds
    tvmaze_attempts: int = 5  # tries per call when the answer is 429 or 5xx (or the network fails)
    tvmaze_backoff: float = 1.0  # seconds before the first retry; doubled each time, with jitter, at most 60
    tvmaze_max_bytes: int = 4 * 1024 * 1024  # a show index page is about 1 MB; anything bigger is refused
    tmdb_url: str = TMDB_URL  # TMDB_URL_ENV overrides it
    tmdb_calls: int = 20  # TMDB allows about 50 per second; we stay well under
    tmdb_period: float = 1.0
    tmdb_country: str = "US"
