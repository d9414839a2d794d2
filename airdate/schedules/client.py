"""The API clients (TVmaze, and TMDB with a key): polite (rate-limited, retried with backoff), bounded,
cached in the store.

Every call goes through `airdate.sources.fetch` (timeouts, a byte cap, checked redirects, http(s)
only), spaced by a limiter of `Settings.tvmaze_calls` per `tvmaze_period` seconds (pyrate-limiter)
and retried by tenacity on 429, 5xx and network failures, waiting Retry-After when the server
gives one, else 1, 2, 4 … s with jitter. Answers worth keeping are stored with their ETag
(`airdate.store.schedules.keep`), so a second sync sends If-None-Match and mostly gets 304s;
`offline` answers from that cache alone and never opens a connection.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Self
from urllib.parse import urlencode

from pyrate_limiter import Duration, Limiter, Rate
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from airdate.errors import FetchError, HTTPStatusError, SourceError
from airdate.settings import Settings
from airdate.sources.fetch import fetch
from airdate.store import Store
from airdate.store.schedules import cached, checked, keep

MAX_WAIT = 60.0  # seconds: the longest backoff (or Retry-After) waited before one retry


class NotInCache(FetchError):
    """Offline, and the cache holds no answer for the URL."""


class Missing(FetchError):
    """TVmaze answered 404: no such show, season or page."""


@dataclass
class Calls:
    """What a run cost: calls sent, answers from the cache (304 or offline), retries waited out."""

    sent: int = 0
    not_modified: int = 0
    from_cache: int = 0
    retries: int = 0
    stale: int = 0  # the network failed and the cached answer was used


# What an answer of an unexpected shape raises where it is read (a field missing, a list where a
# mapping was due): the run records it as that release's failure, as it does a failed request.
SHAPE_ERRORS = (KeyError, TypeError, ValueError, AttributeError)


def unexpected(err: Exception, api: str = "TVmaze") -> str:
    return f"{api} answered in an unexpected shape ({type(err).__name__}: {err}); is its base URL the {api} API?"


def _retryable(err: BaseException) -> bool:
    if isinstance(err, HTTPStatusError):
        return err.status == 429 or err.status >= 500
    return isinstance(err, FetchError) and not isinstance(err, NotInCache | Missing)


class Api:
    """One client per run and API: `get(path)` is the parsed JSON of `base + path`.

    `secret` (query parameters, e.g. TMDB's api_key) and `headers` go with every request but
    never into the cache's keys nor into an error message."""

    name = "the API"

    def __init__(
        self,
        store: Store,
        settings: Settings,
        *,
        base: str,
        calls: int,
        period: float,
        secret: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        offline: bool = False,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.store = store
        self.base = base.rstrip("/")
        self.settings = replace(settings, max_bytes=settings.tvmaze_max_bytes)
        self.offline = offline
        self.calls = Calls()
        self.limiter = Limiter(Rate(calls, int(Duration.SECOND * period)))
        self.secret = dict(secret or {})
        self.headers = dict(headers or {})
        self._sleep = sleep

    def close(self) -> None:
        self.limiter.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def url(self, path: str, **query: Any) -> str:
        return self.base + path + (f"?{urlencode(query)}" if query else "")

    def get(self, path: str, *, cache: bool = True, **query: Any) -> Any:
        """The JSON at `path`; `cache=False` for answers too big or too fleeting to keep (index pages)."""
        url = self.url(path, **query)
        kept = cached(self.store, url) if cache else None
        if self.offline:
            if kept is None:
                raise NotInCache(f"{url} is not in the cache; run once without --offline to fetch it")
            self.calls.from_cache += 1
            return _json(kept.body, url)
        headers = {"Accept": "application/json", **self.headers}
        if kept is not None and kept.etag:
            headers["If-None-Match"] = kept.etag
        elif kept is not None and kept.last_modified:
            headers["If-Modified-Since"] = kept.last_modified
        sent = url if not self.secret else self.url(path, **query, **self.secret)
        try:
            got = self._fetch(sent, headers)
        except FetchError as e:
            if isinstance(e, HTTPStatusError) and e.status == 404:
                raise Missing(f"{self.name} has nothing at {url} (404)") from None
            if kept is None or not _retryable(e):  # a 401 or 403 is for the user to fix, not to hide
                raise self._redacted(e) from None
            self.calls.stale += 1  # the network or the server is down: what we had is better than nothing
            return _json(kept.body, url)
        if got.status == 304 and kept is not None:
            self.calls.not_modified += 1
            checked(self.store, url)
            return _json(kept.body, url)
        doc = _json(got.content, url)
        if cache:
            keep(self.store, url, got.content, got.etag, got.last_modified)
        return doc

    def _redacted(self, err: FetchError) -> FetchError:
        """The error with every secret (an API key in the URL) cut out of its message."""
        text = str(err)
        for value in [*self.secret.values(), *self.headers.values()]:
            if value:
                text = text.replace(value, "***")
        if text == str(err):
            return err
        out = type(err).__new__(type(err))
        out.__dict__.update(err.__dict__)
        out.args = (text,)
        return out

    def _fetch(self, url: str, headers: dict[str, str]) -> Any:
        s = self.settings

        def wait(state: RetryCallState) -> float:
            err = state.outcome.exception() if state.outcome else None
            hinted = err.retry_after if isinstance(err, HTTPStatusError) else None
            backoff = wait_exponential_jitter(multiplier=s.tvmaze_backoff, max=MAX_WAIT, jitter=s.tvmaze_backoff)
            return min(MAX_WAIT, hinted) if hinted is not None else backoff(state)

        def count(state: RetryCallState) -> None:
            self.calls.retries += 1

        retrying = Retrying(
            retry=retry_if_exception(_retryable),
            stop=stop_after_attempt(max(1, s.tvmaze_attempts)),
            wait=wait,
            before_sleep=count,
            reraise=True,
            sleep=self._sleep or time.sleep,
        )
        for attempt in retrying:
            with attempt:
                self.limiter.try_acquire(self.name)
                self.calls.sent += 1
                return fetch(url, s, headers=headers)
        raise FetchError(f"could not fetch {url}")  # not reached: tenacity re-raises the last failure


class TVmaze(Api):
    """The TVmaze API at `Settings.tvmaze_url`, at most `tvmaze_calls` per `tvmaze_period` seconds."""

    name = "TVmaze"

    def __init__(
        self, store: Store, settings: Settings, *, offline: bool = False, sleep: Callable[[float], None] | None = None
    ) -> None:
        super().__init__(store, settings, base=settings.tvmaze_url, calls=settings.tvmaze_calls,
                         period=settings.tvmaze_period, offline=offline, sleep=sleep)  # fmt: skip


class TMDB(Api):
    """The TMDB API (films' release dates by country), only with a key: `AIRDATE_TMDB_KEY`.

    A v4 read access token (a JWT, "eyJ…") goes as a Bearer header, a v3 key as `api_key`."""

    name = "TMDB"

    def __init__(
        self, store: Store, settings: Settings, key: str, *, offline: bool = False,
        sleep: Callable[[float], None] | None = None,
    ) -> None:  # fmt: skip
        bearer = key.startswith("eyJ")
        super().__init__(store, settings, base=settings.tmdb_url, calls=settings.tmdb_calls, period=settings.tmdb_period,
                         secret=None if bearer else {"api_key": key},
                         headers={"Authorization": f"Bearer {key}"} if bearer else None,
                         offline=offline, sleep=sleep)  # fmt: skip


def _json(body: bytes, url: str) -> Any:
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise SourceError(f"{url} did not answer JSON; is its base URL (--tvmaze-url, AIRDATE_TVMAZE_URL, "
                          "AIRDATE_TMDB_URL) the API's?") from None
