"""`airdate export`: every release with its state, as JSON (the `show --json` shape) or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from airdate.reconcile import ReleaseState

CSV_COLUMNS = (
    "id", "title", "season", "part", "kind", "status", "overdue", "best_start", "best_end", "certainty",
    "best_text", "days_to_start", "days_to_end", "countdown", "platforms", "conflicts", "cast", "sources",
)  # fmt: skip


def to_json(states: Sequence[ReleaseState]) -> str:
    return json.dumps([s.to_json() for s in states], indent=2, ensure_ascii=False)


def to_csv(states: Sequence[ReleaseState]) -> str:
    """One row per release; list cells (platforms, cast) are joined with "; "."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for s in states:
        r, b, c = s.release, s.best, s.countdown
        sources = {w.claim.source.article_id for w in s.windows} | {e.source.article_id for e in s.events}
        writer.writerow(
            [
                r.id,
                r.title,
                _cell(r.season),
                _cell(r.part),
                r.kind,
                s.status,
                str(s.overdue).lower(),
                _cell(b and b.start),
                _cell(b and b.end),
                _cell(b and b.certainty),
                _cell(b and b.text),
                _cell(c.days_to_start),
                _cell(c.days_to_end),
                c.text,
                "; ".join(s.platforms),
                len(s.conflicts),
                "; ".join(m.actor + (f" as {m.character}" if m.character else "") for m in s.cast),
                len(sources),
            ]  # fmt: skip
        )
    return buffer.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
