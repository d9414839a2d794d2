"""Plain-text views for the terminal: the board (fits 80 columns), a release's fact sheet, lists."""

from __future__ import annotations

import calendar
import re
import textwrap
from collections.abc import Sequence
from datetime import date

from airdate.claims import Source, WindowClaim
from airdate.countdown import Countdown, describe_window, format_range
from airdate.reconcile import STALE_DAYS, ReleaseInfo, ReleaseState, Summary
from airdate.store import Failure, Store
from airdate.store.schedules import Link
from airdate.views.board import SHEET_LIMIT, collector_paused, release_name, release_state

WIDTH = 80
HEADERS = ("WHEN", "DAYS", "RELEASE", "SURE", "STATUS")
RELEASE_COLUMN = 2
MIN_RELEASE = 16
NBSP = "\u00a0"
MONTH_NAMES = re.compile(r"\b(?:" + "|".join(calendar.month_name[1:]) + r")\b")


# --- the board -------------------------------------------------------------------------------


def days_left(c: Countdown, overdue: bool) -> str:
    """The countdown in a few characters: "51", "8–17", "≤4" once begun, "late" or "-" once ended."""
    a, b = c.days_to_start, c.days_to_end
    if a is None and b is None:
        return ""
    if b is not None and b < 0:
        return "late" if overdue else "-"
    if b is None:
        return "now" if a is not None and a <= 0 else f"{a}+"
    if a == b:
        return "today" if a == 0 else str(a)
    if a is None or a <= 0:
        return f"≤{b}"
    return f"{a}–{b}"


def board_row(s: Summary, today: date, stale_days: int = STALE_DAYS) -> tuple[str, str, str, str, str]:
    status = s.shown_status(today, stale_days)
    overdue = status == "overdue"
    when = _short_months(describe_window(s.start, s.end, today)) if s.start or s.end else "TBA"
    # Non-breaking spaces keep "(HBO Max)" whole when a long name wraps onto a second line.
    where = f" ({', '.join(s.platforms)})".replace(" ", NBSP).replace(f"{NBSP}(", " (") if s.platforms else ""
    sure = (s.certainty or "") + ("!" if s.conflicts else "")
    return (when, days_left(s.countdown(today), overdue), release_name(s.release, short=True) + where, sure,
            status)  # fmt: skip


def by_hand(state: ReleaseState) -> list[str]:
    """ "window 2027-01-14 set by hand by alice on 2026-11-24: per the press site", per manual claim in force."""
    out = []
    best = state.best
    if best is not None and best.source.manual:
        s = best.source
        out.append(f"window {format_range(best.start, best.end)} ({best.certainty}) set by hand by {s.by} "
                   f"on {s.published}" + (f": {best.sentence}" if best.sentence else ""))  # fmt: skip
    for e in state.events:
        if e.source.manual and e.type == "premiered":
            out.append(f"premiered {e.date or ''} set by hand by {e.source.by} on {e.source.published}"
                       + (f": {e.sentence}" if e.source.headline else ""))  # fmt: skip
    return out


def describe_link(link: Link) -> str:
    """ "linked to Harbor Lights (TVmaze 101, Netflix), confidence 0.95 by search, name" and the like."""
    api, what = ("TMDB", "film") if link.provider == "tmdb" else ("TVmaze", "show")
    if link.state == "linked" and link.show is not None:
        s = link.show
        where = f", {s.network}" if s.network else ""
        how = "by hand" + (f" by {link.by}" if link.by else "") if link.method == "by hand" else f"by {link.method}"
        sure = f", confidence {link.confidence:.2f}" if link.confidence is not None else ""
        return f"linked to {s.name} ({api} {s.id}{where}){sure} {how}"
    if link.state == "none":
        return f"no {api} {what}, set by hand" + (f" by {link.by}" if link.by else "")
    if link.state == "ambiguous":
        names = "; ".join(f"{c.name} ({api} {c.id}" + (f", {c.premiered[:4]}" if c.premiered else "")
                          + (f", {c.network}" if c.network else "") + ")" for c in link.candidates)  # fmt: skip
        return f"ambiguous, not guessed: {names}"
    return f"no {api} {what} matches the title"


def _short_months(text: str) -> str:
    """ "January 14, 2027" → "Jan 14, 2027": the board's WHEN column stays narrow."""
    return MONTH_NAMES.sub(lambda m: m.group(0)[:3], text)


def render_board(
    rows: Sequence[Summary],
    today: date,
    hidden: int = 0,
    width: int = WIDTH,
    more: bool = False,
    stale: int = 0,
    stale_days: int = STALE_DAYS,
) -> str:
    """The board as an aligned table no wider than `width`; long release names are cut with "…"."""
    cells = [board_row(s, today, stale_days) for s in rows]
    if not cells:
        lines = ["no releases match" if hidden + stale == 0 else "no upcoming releases"]
    else:
        widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(HEADERS)]
        others = sum(w for i, w in enumerate(widths) if i != RELEASE_COLUMN) + 2 * (len(HEADERS) - 1)
        widths[RELEASE_COLUMN] = max(MIN_RELEASE, min(widths[RELEASE_COLUMN], width - others))
        lines = [_row(HEADERS, widths)] + [line for c in cells for line in _rows(c, widths)]
    foot = f"{len(rows)} release{'s' * (len(rows) != 1)} as of {today.isoformat()}"
    if more:
        foot = f"the first {foot}; more match (--limit 0 shows all)"
    if hidden and stale:
        foot += f"; {hidden} premiered or cancelled and {stale} presumed released hidden (--all shows them)"
    elif hidden:
        foot += f"; {hidden} premiered or cancelled hidden (--all shows them)"
    elif stale:
        foot += f"; {stale} presumed released hidden (--all shows them)"
    if any(s.conflicts for s in rows):
        foot += "; ! outlets disagree"
    return "\n".join([*lines, *textwrap.wrap(foot, width)])


def _rows(cells: Sequence[str], widths: Sequence[int]) -> list[str]:
    """One board row; a release name too long for its column continues on the next lines."""
    w = widths[RELEASE_COLUMN]
    parts = [
        p.replace(NBSP, " ") for p in textwrap.wrap(cells[RELEASE_COLUMN], w, break_on_hyphens=False)
    ] or [""]
    first = [*cells[:RELEASE_COLUMN], parts[0], *cells[RELEASE_COLUMN + 1 :]]
    blank = [""] * len(cells)
    return [_row(first, widths)] + [
        _row([*blank[:RELEASE_COLUMN], p, *blank[RELEASE_COLUMN + 1 :]], widths) for p in parts[1:]
    ]


def _row(cells: Sequence[str], widths: Sequence[int]) -> str:
    out = []
    for i, (cell, w) in enumerate(zip(cells, widths, strict=True)):
        cell = _fit(cell, w)
        out.append(cell.rjust(w) if i == 1 else cell.ljust(w))
    return "  ".join(out).rstrip()


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- the fact sheet --------------------------------------------------------------------------


def sheet_text(
    store: Store, release_id: int, today: date, link: Link | None = None, limit: int | None = SHEET_LIMIT
) -> str:
    """`airdate show`: one release's fact sheet, read, reconciled and rendered with the cyclic collector
    paused throughout. The state of a release with thousands of articles is tens of thousands of objects,
    none in a cycle; freed before the collector runs again, they are never walked (that walk was a
    collection of 6 ms or more inside each `show` of a flood, issue 11)."""
    with collector_paused():
        return render_sheet(release_state(store, release_id, today), link=link, limit=limit)


def render_sheet(
    state: ReleaseState, width: int = WIDTH, link: Link | None = None, limit: int | None = SHEET_LIMIT
) -> str:
    """Everything known about one release: state, countdown, its windows with their evidence, history.

    Of each long list the sheet shows `limit` items (None: all): the newest windows (and the
    best, wherever it is), conflicts, changes and events, and the first cast members, with a
    line saying how many are left out. A release with thousands of articles (issue 11) reads
    as the story so far, not as 15,000 lines of evidence; `--json` always has every claim.
    """
    r, best, c = state.release, state.best, state.countdown
    head = f"{release_name(r)} ({r.kind})" + (f" on {', '.join(state.platforms)}" if state.platforms else "")
    out = [head, "=" * min(len(head), width)]
    status = state.status + (
        ", presumed released: the window ended over a month ago with no premiere reported"
        if state.presumed_released
        else ", overdue: the window has passed with no premiere reported"
        if state.overdue
        else ""
    )
    out += _field("status", status, width)
    if best is None:
        out += _field("best", "no date yet", width)
    else:
        words = describe_window(best.start, best.end, c.today)
        out += _field("best", f"{words} ({format_range(best.start, best.end)}), {best.certainty}, "
                              f"\"{best.text}\", per {_per(best.source)}", width)  # fmt: skip
    for note in by_hand(state):
        out += _field("by hand", note, width)
    if link is not None:
        out += _field(link.provider, describe_link(link), width)
    out += _field("countdown", f"{c.text}, from {c.today.isoformat()}", width)
    out += _field(
        "conflicts",
        "none" if not state.conflicts else f"{len(state.conflicts)}: outlets disagree (each pair below)",
        width,
    )
    shown = _first(len(state.conflicts), limit)  # newest first
    for x in state.conflicts[:shown]:
        out += _wrap(f"! {_claim(x.newer)}, per {_per(x.newer.source)}", width, "    ", "      ")
        out += _wrap(f"vs {_claim(x.older)}, per {_per(x.older.source)}", width, "      ", "        ")
    out += _left_out(len(state.conflicts) - shown, "older conflict", "    ")
    out += ["", "windows (oldest first; * best, ~ superseded)"]
    if not state.windows:
        out.append("  none")
    newest = len(state.windows) - _first(len(state.windows), limit)
    shown_windows = [w for n, w in enumerate(state.windows) if n >= newest or is_best(w.claim, best)]
    out += _left_out(len(state.windows) - len(shown_windows), "older window")
    for w in shown_windows:
        mark = "*" if is_best(w.claim, best) else ("~" if w.superseded else " ")
        out += _wrap(f"{mark} {_claim(w.claim)}", width, "  ", "      ")
        article = f" (article {w.claim.source.article_id})" if w.claim.source.kind == "article" else ""
        out += _wrap(f"per {_per(w.claim.source)}{article}", width, "      ", "        ")
        out += _wrap(f"“{w.claim.sentence}”", width, "      ", "       ")
        if w.superseded:
            out += _wrap(f"superseded: {w.superseded}", width, "      ", "        ")
    out += ["", "history"]
    changes = state.history[len(state.history) - _first(len(state.history), limit) :]
    out += _left_out(len(state.history) - len(changes), "earlier change")
    out += [line for h in changes for line in _wrap(h.text, width, "  ", "    ")] or ["  none"]
    out += ["", "cast"]
    for m in state.cast[: _first(len(state.cast), limit)]:
        role = f" as {m.character}" if m.character else ""
        out += _wrap(f"{m.actor}{role} ({m.status}), per {_sources(m.sources)}", width, "  ", "    ")
    out += _left_out(len(state.cast) - _first(len(state.cast), limit), "more cast member")
    if not state.cast:
        out.append("  none named")
    if state.characters:
        out += _wrap("characters without an actor: " + ", ".join(state.characters), width, "  ", "    ")
    out += ["", "events"]
    events = state.events[len(state.events) - _first(len(state.events), limit) :]
    out += _left_out(len(state.events) - len(events), "earlier event")
    for e in events:
        when = e.date or (e.source.published.isoformat() if e.source.published else "undated")
        out += _wrap(f"{when}  {e.type} ({e.certainty}), per {e.source.label}", width, "  ", "    ")
    if not state.events:
        out.append("  none")
    return "\n".join(out)


def is_best(claim: WindowClaim, best: WindowClaim | None) -> bool:
    """Whether a claim is (equal to) the best window; the range first, a cheap test for thousands of claims."""
    return claim is best or (best is not None and claim.span == best.span and claim == best)


def _first(count: int, limit: int | None) -> int:
    """How many of `count` items a sheet with this limit shows."""
    return count if limit is None else min(count, limit)


def _left_out(count: int, what: str, indent: str = "  ") -> list[str]:
    """ "  … 4,980 older windows not shown (--limit 0 shows all)", or nothing."""
    if count <= 0:
        return []
    return [f"{indent}… {count:,} {what}{'s' * (count != 1)} not shown (--limit 0 shows all)"]


def _field(name: str, value: str, width: int) -> list[str]:
    return _wrap(value, width, f"{name:<11}", " " * 11)


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False)


def _claim(w: WindowClaim) -> str:
    return f'{format_range(w.start, w.end)}  {w.certainty}  "{w.text}"'


def _per(s: Source) -> str:
    return f"{s.label} on {s.published.isoformat() if s.published else 'an undated article'}"


def _sources(sources: Sequence[Source]) -> str:
    names = [s.label for s in sources]
    return ", ".join(names[:2]) + (f" and {len(names) - 2} more" if len(names) > 2 else "")


# --- short lists -----------------------------------------------------------------------------


def render_candidates(
    title: str, candidates: Sequence[ReleaseInfo], board: Sequence[Summary], today: date
) -> str:
    """The releases an ambiguous title names, each with a command that picks it."""
    rows = {s.release.id: s for s in board}
    lines = [f"{title!r} matches {len(candidates)} releases:"]
    for info in candidates:
        s = rows.get(info.id)
        when = describe_window(s.start, s.end, today) if s and (s.start or s.end) else "TBA"
        lines.append(f"  #{info.id:<5} {release_name(info)}  ({info.kind}, {when})")
    lines.append(f'pick one by title and season, or by number: airdate show "#{candidates[0].id}"')
    return "\n".join(lines)


def render_failures(failures: Sequence[Failure], width: int = WIDTH) -> str:
    if not failures:
        return "no failures recorded"
    lines = []
    for f in failures:
        lines += _wrap(f"{f.path}  [{f.stage}, {f.at}]", width, "", "  ")
        lines += _wrap(f.reason, width, "  ", "  ")
    lines.append(
        f"{len(failures)} failure{'s' * (len(failures) != 1)}; fix the sources and ingest them again"
    )
    return "\n".join(lines)
