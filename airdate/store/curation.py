"""Curation by hand (issue 12, item 5): a manual window, a hidden flag, a premiere.

Each is a row in `curations` (one of each kind per release) with who set it, when and
why. Reconciliation reads a window or premiere as a claim from a manual source
(`queries.add_manual_claims`; how it outranks the news is in airdate.reconcile's doc),
so the fact sheet names it "set by hand by NAME on DAY". Undo deletes the row, and the
news picture comes back. Every write marks the release, so its board row follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from airdate.store.errors import NotFound
from airdate.store.schema import now
from airdate.store.store import Store

KINDS = ("window", "hidden", "premiered")


@dataclass(frozen=True)
class Curation:
    release_id: int
    kind: str  # window, hidden, premiered
    start: date | None
    end: date | None
    certainty: str | None
    note: str
    by: str
    at: str  # UTC ISO

    def to_json(self) -> dict[str, object]:
        return {
            "release_id": self.release_id,
            "kind": self.kind,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "certainty": self.certainty,
            "note": self.note,
            "by": self.by,
            "at": self.at,
        }


def curate(
    store: Store,
    release_id: int,
    kind: str,
    *,
    by: str,
    note: str = "",
    start: date | None = None,
    end: date | None = None,
    certainty: str | None = None,
) -> Curation:
    """Set (or replace) a release's curation of one kind; NotFound for an unknown release."""
    store.release(release_id)
    at = now()
    with store._transaction(f"curating release {release_id}") as db:
        db.execute(
            "INSERT INTO curations (release_id, kind, start_date, end_date, certainty, note, by, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (release_id, kind) DO UPDATE SET "
            "start_date = excluded.start_date, end_date = excluded.end_date, certainty = excluded.certainty, "
            "note = excluded.note, by = excluded.by, at = excluded.at",
            (release_id, kind, _iso(start), _iso(end), certainty, note, by, at),
        )
        store._refresh(release_id)
    return Curation(release_id, kind, start, end, certainty, note, by, at)


def uncurate(store: Store, release_id: int, kind: str) -> Curation:
    """Remove a release's curation of one kind and return what it was; NotFound if there is none."""
    store.release(release_id)
    with store._transaction(f"undoing curation of release {release_id}") as db:
        found = curation(store, release_id, kind)
        if found is None:
            raise NotFound(_missing(release_id, kind))
        db.execute("DELETE FROM curations WHERE release_id = ? AND kind = ?", (release_id, kind))
        store._refresh(release_id)
    return found


def curation(store: Store, release_id: int, kind: str) -> Curation | None:
    row = store.conn.execute(
        "SELECT release_id, kind, start_date, end_date, certainty, note, by, at FROM curations "
        "WHERE release_id = ? AND kind = ?",
        (release_id, kind),
    ).fetchone()
    if row is None:
        return None
    rid, k, start, end, certainty, note, by, at = row
    return Curation(int(rid), str(k), _day(start), _day(end), certainty, str(note), str(by), str(at))


def curations(store: Store, release_id: int) -> list[Curation]:
    """Every curation of a release, in the order of KINDS."""
    return [c for k in KINDS if (c := curation(store, release_id, k)) is not None]


def curated_ids(store: Store, kind: str) -> set[int]:
    """The releases with a curation of this kind (the board's hide / unhide buttons)."""
    return {int(r) for (r,) in store.conn.execute("SELECT release_id FROM curations WHERE kind = ?", (kind,))}


def _missing(release_id: int, kind: str) -> str:
    what = {"window": "has no window set by hand", "hidden": "is not hidden", "premiered": "has no premiere set by hand"}
    return f"release {release_id} {what[kind]}; nothing to undo"


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _day(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None
