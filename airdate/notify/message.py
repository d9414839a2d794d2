"""A change as people and programs read it: a title, a few lines of text, and a JSON body.

The words are the Atom feed's (airdate.views.atom): what changed, from what to what and how
sure (the change's own text says "first window 2027-01-14 (14 January 2027, confirmed)"),
then the article it is per, with its day and link.
"""

from __future__ import annotations

import json
from typing import Any

from airdate.reconcile import Summary
from airdate.store import ChangeRow
from airdate.store.alerts import Queued
from airdate.views.atom import KIND_WORDS
from airdate.views.board import release_name


def what_changed(row: ChangeRow) -> str:
    """ "date announced", "delayed", "sources disagree" …"""
    if row.kind == "window" and row.text.startswith("first window"):
        return "date announced"
    return KIND_WORDS.get(row.kind, row.kind)


def title_of(row: ChangeRow) -> str:
    return f"{release_name(row.release)}: {what_changed(row)}"


def message_of(row: ChangeRow) -> str:
    """Two lines: the change, then the article it is per (headline, outlet, day, link)."""
    lines = [f"{title_of(row)} — {row.text}"]
    if row.source is not None:
        lines.append(row.source.citation)
    return "\n".join(lines)


def body_of(row: ChangeRow, summary: Summary | None) -> dict[str, Any]:
    """The webhook's JSON: the change, the release as the board now has it, and the article."""
    src = row.source
    release: dict[str, Any] = {
        "id": row.release.id, "title": row.release.title, "season": row.release.season, "part": row.release.part,
        "kind": row.release.kind, "name": release_name(row.release),
    }  # fmt: skip
    if summary is not None:
        release["status"] = summary.status
        release["window"] = (
            None if summary.start is None and summary.end is None else {
                "start": _iso(summary.start), "end": _iso(summary.end), "certainty": summary.certainty,
                "text": summary.text,
            }
        )  # fmt: skip
    return {
        "change": {
            "id": row.id, "kind": row.kind, "what": what_changed(row), "text": row.text,
            "date": _iso(row.day), "seen": row.seen,
        },
        "release": release,
        "article": None if src is None else {
            "title": src.headline, "url": src.link, "published": _iso(src.published), "publisher": src.publisher,
            "label": src.label,
        },
        "message": message_of(row),
    }  # fmt: skip


def render(row: ChangeRow, summary: Summary | None) -> Queued:
    """The change ready for the outbox; the body is fixed now, so every retry sends the same bytes."""
    body = json.dumps(body_of(row, summary), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Queued(row.id, row.release.id, row.kind, title_of(row), message_of(row), body)


def _iso(value: Any) -> str | None:
    return None if value is None else str(value.isoformat())
