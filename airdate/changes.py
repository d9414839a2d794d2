"""What changed about a release, article by article: the entries of the Atom feed and `/api/changes`.

Derived from the claims alone (like `airdate.reconcile`), so the same articles give the
same changes whatever order they were ingested in. Each change is dated by the article
that caused it and has an id built from the release's identity and what changed, so a
feed reader sees the same entry id on every fetch and after a rebuild.

    first_seen   the first article about the release
    window       the best window changed (first window, narrowed, widened, moved, dropped)
    confirmed    the best window became confirmed
    delayed      the best window moved later (or an article says it was pushed)
    renewed, cancelled, premiered   the first non-speculated report of each
    conflict     two current claims disagree (see `airdate.reconcile`)
    scheduled    an official schedule dated the release for the first time ("date scheduled")
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from airdate.claims import ReleaseClaims, Source, WindowClaim
from airdate.countdown import format_range
from airdate.reconcile import Story, history, story_of

KINDS = ("first_seen", "scheduled", "window", "confirmed", "delayed", "renewed", "cancelled", "premiered", "conflict")
EVENT_KINDS = ("renewed", "cancelled", "premiered")


@dataclass(frozen=True)
class Change:
    kind: str
    source: Source
    text: str
    fingerprint: str  # what changed, for the stable id: kind, article digest, the new value

    def uid(self, identity: str) -> str:
        """A stable id for the change of the release with this identity (key, season, part)."""
        digest = hashlib.sha256(f"{identity}\x1f{self.fingerprint}".encode()).hexdigest()[:24]
        return f"urn:airdate:change:{digest}"


def changes(claims: ReleaseClaims, story: Story | None = None) -> list[Change]:
    """Every change to one release, oldest first (by publication day, then content)."""
    story = story or story_of(claims)
    windows, events, conflicts = story.windows, story.events, story.conflicts
    out: list[Change] = []
    sources = [w.source for w in claims.windows] + [e.source for e in claims.events]
    sources += [p.source for p in claims.platforms] + [c.source for c in claims.cast]
    sources += [n.source for n in claims.characters]
    if sources:
        first = min(sources, key=lambda s: s.order)
        out.append(Change("first_seen", first, f"first seen, per {first.label}", f"first_seen\x1f{first.digest}"))
    scheduled = [w for w in windows if w.source.schedule]  # `windows` is in claim order
    if scheduled:
        s = scheduled[0]
        text = f"date scheduled: {format_range(s.start, s.end)}, per {s.source.label}"
        out.append(Change("scheduled", s.source, text, f"scheduled\x1f{s.source.digest}\x1f{_value(s)}"))
    for h in history(windows, events):
        was_confirmed = h.before is not None and h.before.certainty == "confirmed"
        confirmed = h.after is not None and h.after.certainty == "confirmed" and not was_confirmed
        # A delay that also confirms the date is two pieces of news: both get an entry.
        kinds = (["delayed"] if h.kind == "delayed" else []) + (["confirmed"] if confirmed else [])
        for kind in kinds or ["window"]:
            out.append(Change(kind, h.source, h.text, f"{kind}\x1f{h.source.digest}\x1f{_value(h.after)}"))
    seen: set[str] = set()
    for e in events:
        if e.type in EVENT_KINDS and e.certainty != "speculated" and e.type not in seen:
            seen.add(e.type)
            when = f" on {e.date}" if e.date and e.type == "premiered" else ""
            out.append(
                Change(e.type, e.source, f"{e.type}{when}, per {e.source.label}", f"{e.type}\x1f{e.source.digest}")
            )
    for c in conflicts:
        text = (
            f"conflict: {format_range(c.newer.start, c.newer.end)} ({c.newer.certainty}) per {c.newer.source.label} "
            f"against {format_range(c.older.start, c.older.end)} per {c.older.source.label}"
        )
        fingerprint = f"conflict\x1f{c.newer.source.digest}\x1f{c.older.source.digest}\x1f{_value(c.newer)}"
        out.append(Change("conflict", c.newer.source, text, fingerprint))
    out.sort(key=lambda ch: (ch.source.order, KINDS.index(ch.kind)))
    return out


def _value(w: WindowClaim | None) -> str:
    return "none" if w is None else f"{format_range(w.start, w.end)}/{w.certainty}"
