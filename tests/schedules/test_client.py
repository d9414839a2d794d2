"""The TVmaze client against the loopback TVmaze: backoff, ETags, the cache, offline, the bounds."""

from __future__ import annotations

from pathlib import Path

import pytest

from airdate.errors import HTTPStatusError, SourceTooLarge
from airdate.schedules.client import Missing, NotInCache, TVmaze
from airdate.store import open_store
from tests.schedules.conftest import FakeTVmaze, settings_for


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "airdate.db"


def test_a_429_waits_its_retry_after_and_a_503_backs_off_then_the_call_succeeds(tvmaze: FakeTVmaze, db_path: Path) -> None:
    tvmaze.queued = [(429, {"Retry-After": "3"}), (503, {})]
    waited: list[float] = []
    with open_store(db_path) as store, TVmaze(store, settings_for(tvmaze), sleep=waited.append) as client:
        show = client.get("/shows/101")
        assert show["name"] == "Harbor Lights"
        assert tvmaze.statuses() == [429, 503, 200]
        assert waited[0] == 3.0  # the server's Retry-After
        assert 0 < waited[1] < 1  # our own backoff: 0.01 s and jitter in these settings
        assert client.calls.retries == 2 and client.calls.sent == 3
    ua = tvmaze.log[0].headers["user-agent"]
    assert ua.startswith("airdate/")


def test_retries_stop_after_the_attempts_and_say_so_in_one_line(tvmaze: FakeTVmaze, db_path: Path) -> None:
    tvmaze.queued = [(503, {})] * 5
    with open_store(db_path) as store, TVmaze(store, settings_for(tvmaze, tvmaze_attempts=3), sleep=lambda s: None) as client:
        with pytest.raises(HTTPStatusError) as err:
            client.get("/shows/101")
    assert err.value.status == 503 and "\n" not in str(err.value)
    assert len(tvmaze.log) == 3


def test_a_404_is_missing_and_not_retried(tvmaze: FakeTVmaze, db_path: Path) -> None:
    with open_store(db_path) as store, TVmaze(store, settings_for(tvmaze), sleep=lambda s: None) as client:
        with pytest.raises(Missing):
            client.get("/shows/999")
    assert tvmaze.statuses() == [404]


def test_a_cached_answer_is_asked_again_with_its_etag_and_a_304_reuses_it(tvmaze: FakeTVmaze, db_path: Path) -> None:
    with open_store(db_path) as store, TVmaze(store, settings_for(tvmaze)) as client:
        first = client.get("/shows/202/seasons")
        second = client.get("/shows/202/seasons")
        assert second == first and client.calls.not_modified == 1
    etag = tvmaze.log[0].headers.get("if-none-match")
    assert etag is None and tvmaze.log[1].headers["if-none-match"].startswith('"')
    assert tvmaze.statuses() == [200, 304]


def test_offline_answers_from_the_cache_alone_and_names_what_it_lacks(tvmaze: FakeTVmaze, db_path: Path) -> None:
    with open_store(db_path) as store:
        with TVmaze(store, settings_for(tvmaze)) as client:
            online = client.get("/shows/303/akas")
        with TVmaze(store, settings_for(tvmaze), offline=True) as client:
            assert client.get("/shows/303/akas") == online
            with pytest.raises(NotInCache, match="without --offline"):
                client.get("/shows/404/akas")
    assert len(tvmaze.log) == 1


def test_a_server_that_keeps_failing_falls_back_to_the_cached_answer(tvmaze: FakeTVmaze, db_path: Path) -> None:
    with open_store(db_path) as store, TVmaze(store, settings_for(tvmaze, tvmaze_attempts=2), sleep=lambda s: None) as client:
        kept = client.get("/shows/101/seasons")
        tvmaze.queued = [(500, {})] * 2
        assert client.get("/shows/101/seasons") == kept
        assert client.calls.stale == 1


def test_answers_over_the_byte_cap_are_refused(tvmaze: FakeTVmaze, db_path: Path) -> None:
    with open_store(db_path) as store, TVmaze(store, settings_for(tvmaze, tvmaze_max_bytes=200)) as client:
        with pytest.raises(SourceTooLarge):
            client.get("/shows/101/seasons")


def test_the_limiter_holds_calls_to_the_rate(tvmaze: FakeTVmaze, db_path: Path) -> None:
    settings = settings_for(tvmaze, tvmaze_calls=2, tvmaze_period=600.0)
    with open_store(db_path) as store, TVmaze(store, settings) as client:
        client.get("/shows/101")
        client.get("/shows/202")
        # A third call inside the period would have to wait: the limiter has no permit left.
        assert client.limiter.try_acquire("tvmaze", blocking=False) is False
