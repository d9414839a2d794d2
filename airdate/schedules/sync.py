"""Official claims from the schedule: a linked release's season premiere, and whether it aired.

For each linked release, `/shows/ID/seasons` gives the season's premiere date (season 1 for a
release without a season number); the season's episodes (`/seasons/ID/episodes`) are asked for
only when that date is missing or has come, to find the first episode's airdate and whether it
has aired. What is found is recorded as schedule dates (`airdate.store.schedules.record_dates`),
which the store reads back as confirmed claims from the source "TVmaze schedule".
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from airdate.errors import AirdateError
from airdate.schedules.client import SHAPE_ERRORS, TMDB, TVmaze, unexpected
from airdate.store import Store
from airdate.store.schedules import Link, ScheduleDate, links, record_dates


@dataclass
class Synced:
    releases: int = 0
    dated: int = 0  # releases the schedule gives a date
    new: int = 0  # dates not seen before
    aired: int = 0
    undated: int = 0  # linked, but the schedule has no date for the season yet
    failed: int = 0


def schedule_of(client: TVmaze, link: Link, season: int | None, today: date, now: datetime | None = None) -> list[ScheduleDate]:
    """What the schedule says of this season of the linked show: its premiere, and the first episode if aired."""
    assert link.show is not None
    show, number = link.show, season or 1
    seasons = client.get(f"/shows/{show.id}/seasons") or []
    found = next((s for s in seasons if s.get("number") == number), None)
    if found is None:
        return []
    name = f"{show.name} season {number}"
    premiere = _day(found.get("premiereDate"))
    out: list[ScheduleDate] = []
    first: dict[str, Any] | None = None
    if premiere is None or premiere <= today:
        episodes = [e for e in client.get(f"/seasons/{int(found['id'])}/episodes") or [] if _day(e.get("airdate"))]
        regular = [e for e in episodes if e.get("number") is not None] or episodes
        first = min(regular, key=lambda e: (str(e["airdate"]), e.get("number") or 0), default=None)
        if premiere is None and first is not None:
            premiere = _day(first.get("airdate"))
    if premiere is None:
        return []
    where = (found.get("network") or found.get("webChannel") or {}).get("name") or show.network
    out.append(ScheduleDate("premiere", premiere, f"TVmaze lists {name} premiering on {premiere.isoformat()}"
                            + (f" on {where}" if where else "") + ".", number))  # fmt: skip
    if first is not None and _aired(first, today, now or datetime.now(UTC)):
        day = _day(first.get("airdate"))
        assert day is not None
        label = f"S{number:02d}E{int(first['number']):02d}" if first.get("number") is not None else "the first episode"
        out.append(ScheduleDate("aired", day, f"TVmaze lists {name} {label} as aired on {day.isoformat()}.", number))
    return out


FILM_TYPES = ((3, "in theaters"), (4, "digitally"), (2, "in limited theaters"), (1, "premiering"), (6, "on TV"))


def film_dates(client: TMDB, link: Link, country: str, today: date) -> list[ScheduleDate]:
    """A film's release day in `country` from TMDB (theatrical first, else digital, limited, premiere,
    TV), and that it was released once the day has come."""
    assert link.show is not None
    doc = client.get(f"/movie/{link.show.id}/release_dates") or {}
    dates = next((r.get("release_dates") or [] for r in doc.get("results") or [] if r.get("iso_3166_1") == country), [])
    for kind, words in FILM_TYPES:
        days = sorted(d for x in dates if x.get("type") == kind and (d := _day(str(x.get("release_date") or "")[:10])))
        if days:
            day, name = days[0], link.show.name
            out = [ScheduleDate("premiere", day, f"TMDB lists {name} {words} in {country} on {day.isoformat()}.")]
            if day <= today:
                out.append(ScheduleDate("aired", day, f"TMDB lists {name} as released in {country} on {day.isoformat()}."))
            return out
    return []


def _aired(episode: dict[str, Any], today: date, now: datetime) -> bool:
    day = _day(episode.get("airdate"))
    if day is None or day > today:
        return False
    if day < today:
        return True
    try:
        stamp = datetime.fromisoformat(str(episode.get("airstamp")))
    except ValueError:
        return False
    return stamp.astimezone(UTC) <= now if stamp.tzinfo else False


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def sync(
    store: Store,
    client: TVmaze,
    today: date,
    *,
    ids: Sequence[int] | None = None,
    report: Callable[[Link, list[ScheduleDate], int, str | None], None] | None = None,
    stop: threading.Event | None = None,
    tmdb: TMDB | None = None,
    country: str = "US",
) -> Synced:
    """Sync every linked release (or those of `ids`); a failure is reported and the run goes on.

    `stop` (the watcher's) ends the run between releases. Films linked to TMDB are synced only
    with a `tmdb` client (a key), for the release dates of `country`."""
    out = Synced()
    releases = {r.id: r for r in store.releases()}
    for link in links(store, ["linked"]):
        if stop is not None and stop.is_set():
            break
        info = releases.get(link.release_id)
        if (ids is not None and link.release_id not in ids) or link.show is None or info is None:
            continue
        if link.provider == "tmdb" and tmdb is None:
            continue  # no key this time: the film keeps what an earlier sync stored
        out.releases += 1
        if info.part is not None and info.part > 1:
            # A split season's later part: the season's premiere and first episode are part 1's.
            out.undated += 1
            if report:
                report(link, [], 0, None)
            continue
        try:
            if link.provider == "tmdb" and tmdb is not None:
                found = film_dates(tmdb, link, country, today)
            else:
                found = schedule_of(client, link, info.season, today)
        except (AirdateError, *SHAPE_ERRORS) as e:  # recorded; the run goes on
            out.failed += 1
            if report:
                report(link, [], 0, str(e) if isinstance(e, AirdateError) else unexpected(e))
            continue
        new = record_dates(store, link.release_id, link.show.id, found, today)
        out.new += new
        out.dated += bool(found)
        out.undated += not found
        out.aired += any(d.kind == "aired" for d in found)
        if report:
            report(link, found, new, None)
    return out
