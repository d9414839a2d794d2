"""The watcher's views: `feeds list` and `following` as text and JSON, and the read-only /feeds page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment

from airdate.countdown import describe_window
from airdate.reconcile import ReleaseInfo, Summary
from airdate.store.follows import Follow
from airdate.store.subscriptions import Feed
from airdate.views.board import release_name
from airdate.watch.timing import format_every

# --- feeds ----------------------------------------------------------------------------------------


def feed_json(feed: Feed) -> dict[str, Any]:
    return {
        "id": feed.id,
        "url": feed.url,
        "title": feed.title,
        "every": format_every(feed.every),
        "every_seconds": feed.every,
        "full_text": feed.full_text,
        "added": feed.added_at,
        "last_poll": feed.last_poll,
        "last_success": feed.last_success,
        "last_error": feed.last_error,
        "last_error_at": feed.last_error_at,
        "failures_in_a_row": feed.failures,
        "next_poll": feed.next_poll,
        "items_seen": feed.items_seen,
        "new_this_week": feed.new_this_week,
    }


def short_time(value: str | None) -> str:
    """ "2026-11-24 14:03Z" from a stored UTC ISO time; "never" for none."""
    if not value:
        return "never"
    try:
        return datetime.fromisoformat(value).astimezone(UTC).strftime("%Y-%m-%d %H:%MZ")
    except ValueError:
        return value


def feed_state(feed: Feed) -> str:
    """ "new" (never polled), "ok", or "failing (3 in a row)"."""
    if feed.failures:
        return f"failing ({feed.failures} in a row)"
    return "ok" if feed.last_success else "not polled yet"


def render_feeds(feeds: Sequence[Feed]) -> str:
    """A few lines per feed: name and settings, URL, polls, items, the last error."""
    if not feeds:
        return "no feeds; add one with `airdate feeds add URL` or `airdate feeds import FILE.opml`"
    blocks = []
    for f in feeds:
        settings = f"every {format_every(f.every)}" + (", full text" if f.full_text else "")
        lines = [
            f"#{f.id}  {f.title or f.url}  ({settings})",
            f"    {f.url}",
            f"    {feed_state(f)} · last poll {short_time(f.last_poll)} · last success {short_time(f.last_success)}"
            f" · next poll {short_time(f.next_poll) if f.next_poll else 'now'}",
            f"    {f.items_seen} item{'s' * (f.items_seen != 1)} seen, {f.new_this_week} new this week",
        ]
        if f.last_error:
            lines.append(f"    last error {short_time(f.last_error_at)}: {f.last_error}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def add_routes(app: FastAPI) -> None:
    """/feeds: every subscription and how its polling goes (read-only, like every page)."""
    from airdate.store.subscriptions import feeds
    from airdate.views.auth import viewer_of
    from airdate.views.context import ctx_of, off_loop

    @app.api_route("/feeds", methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False)
    async def feeds_page(request: Request) -> HTMLResponse:
        ctx = ctx_of(request)
        env: Environment = request.app.state.env
        viewer = viewer_of(request)

        def work() -> str:  # on a store thread, like every page that reads the store
            found = feeds(ctx.store())
            rows = [{"feed": f, "state": feed_state(f), "every": format_every(f.every), "last_poll": short_time(f.last_poll),
                     "last_success": short_time(f.last_success), "next_poll": short_time(f.next_poll) if f.next_poll else "now",
                     "last_error_at": short_time(f.last_error_at)} for f in found]  # fmt: skip
            return env.get_template("feeds.html").render(rows=rows, today=ctx.today(), viewer=viewer)

        return HTMLResponse(await off_loop(work), headers={"cache-control": "no-cache"})


# --- following ------------------------------------------------------------------------------------


def following_json(
    follows: Sequence[Follow], matches: Mapping[int, Sequence[ReleaseInfo]], board: Mapping[int, Summary], today: date
) -> list[dict[str, Any]]:
    out = []
    for f in follows:
        releases = []
        for r in matches.get(f.id, ()):
            s = board.get(r.id)
            releases.append({
                "id": r.id, "title": r.title, "season": r.season, "part": r.part, "kind": r.kind,
                "status": s.status if s else None,
                "start": s.start.isoformat() if s and s.start else None,
                "end": s.end.isoformat() if s and s.end else None,
                "certainty": s.certainty if s else None,
            })  # fmt: skip
        out.append({"title": f.title, "season": f.season, "key": f.key, "since": f.since, "releases": releases})
    return out


def render_following(
    follows: Sequence[Follow], matches: Mapping[int, Sequence[ReleaseInfo]], board: Mapping[int, Summary], today: date
) -> str:
    """One line per follow, then one per release it matches with its best window and status."""
    if not follows:
        return 'you follow nothing yet; try `airdate follow "Harbor Lights"` (add --season N for one season)'
    lines = []
    for f in follows:
        found = matches.get(f.id, ())
        lines.append(f"{f.name}" + ("" if found else ": not on the board yet; it will match once an article names it"))
        for r in found:
            s = board.get(r.id)
            when = describe_window(s.start, s.end, today) if s and (s.start or s.end) else "TBA"
            sure = f" ({s.certainty})" if s and s.certainty else ""
            status = f", {s.status}" if s else ""
            lines.append(f"  #{r.id} {release_name(r)}: {when}{sure}{status}")
    return "\n".join(lines)
