"""Plain-text views for the terminal: the board (fits 80 columns), a release's fact sheet, lists."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import date

from airdate.claims import Source, WindowClaim
from airdate.countdown import Countdown, describe_window, format_range
from airdate.reconcile import ReleaseInfo, ReleaseState, Summary
from airdate.store import Failure
from airdate.views.board import release_name

WIDTH = 80
HEADERS = ("WHEN", "DAYS", "RELEASE", "SURE", "STATUS")
RELEASE_COLUMN = 2
MIN_RELEASE = 16


# --- the board -------------------------------------------------------------------------------


def days_left(c: Countdown, overdue: bool) -> str:
    """The countdown in a few characters: "51", "8–17", "≤4" once begun, "passed", "" without a window."""
    a, b = c.days_to_start, c.days_to_end
    if a is None and b is None:
        return ""
    if b is not None and b < 0:
        return "late" if overdue else "passed"
    if b is None:
        return "now" if a is not None and a <= 0 else f"{a}+"
    if a == b:
        return "today" if a == 0 else str(a)
    if a is None or a <= 0:
        return f"≤{b}"
    return f"{a}–{b}"


def board_row(s: Summary, today: date) -> tuple[str, str, str, str, str]:
    overdue = s.overdue(today)
    when = describe_window(s.start, s.end, today) if s.start or s.end else "TBA"
    where = f" ({', '.join(s.platforms)})" if s.platforms else ""
    sure = (s.certainty or "") + ("!" if s.conflicts else "")
    return (when, days_left(s.countdown(today), overdue), release_name(s.release, short=True) + where, sure,
            "overdue" if overdue else s.status)  # fmt: skip


def render_board(rows: Sequence[Summary], today: date, hidden: int = 0, width: int = WIDTH) -> str:
    """The board as an aligned table no wider than `width`; long release names are cut with "…"."""
    cells = [board_row(s, today) for s in rows]
    if not cells:
        lines = ["no releases match" if hidden == 0 else "no upcoming releases"]
    else:
        widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(HEADERS)]
        others = sum(w for i, w in enumerate(widths) if i != RELEASE_COLUMN) + 2 * (len(HEADERS) - 1)
        widths[RELEASE_COLUMN] = max(MIN_RELEASE, min(widths[RELEASE_COLUMN], width - others))
        lines = [_row(HEADERS, widths)] + [_row(c, widths) for c in cells]
    foot = f"{len(rows)} release{'s' * (len(rows) != 1)} as of {today.isoformat()}"
    if hidden:
        foot += f"; {hidden} premiered or cancelled not shown (--all)"
    if any(s.conflicts for s in rows):
        foot += "; ! outlets disagree"
    return "\n".join([*lines, _fit(foot, width)])


def _row(cells: Sequence[str], widths: Sequence[int]) -> str:
    out = []
    for i, (cell, w) in enumerate(zip(cells, widths, strict=True)):
        cell = _fit(cell, w)
        out.append(cell.rjust(w) if i == 1 else cell.ljust(w))
    return "  ".join(out).rstrip()


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- the fact sheet --------------------------------------------------------------------------


def render_sheet(state: ReleaseState, width: int = WIDTH) -> str:
    """Everything known about one release: state, countdown, every window with its evidence, history."""
    r, best, c = state.release, state.best, state.countdown
    head = f"{release_name(r)} ({r.kind})" + (f" on {', '.join(state.platforms)}" if state.platforms else "")
    out = [head, "=" * min(len(head), width)]
    status = state.status + (", overdue: the window has passed with no premiere reported" if state.overdue else "")
    out += _field("status", status, width)
    if best is None:
        out += _field("best", "no date yet", width)
    else:
        words = describe_window(best.start, best.end, c.today)
        out += _field("best", f"{words} ({format_range(best.start, best.end)}), {best.certainty}, "
                              f"\"{best.text}\", per {_per(best.source)}", width)  # fmt: skip
    out += _field("countdown", f"{c.text} (from {c.today.isoformat()})", width)
    out += _field("conflicts", "none" if not state.conflicts else f"{len(state.conflicts)}, the newer stays best", width)
    for x in state.conflicts:
        out += _wrap(f"! {_claim(x.newer)}, per {_per(x.newer.source)}", width, "    ", "      ")
        out += _wrap(f"vs {_claim(x.older)}, per {_per(x.older.source)}", width, "      ", "        ")
    out += ["", "windows (oldest first; * best, ~ superseded)"]
    if not state.windows:
        out.append("  none")
    for w in state.windows:
        mark = "*" if w.claim == best else ("~" if w.superseded else " ")
        out += _wrap(f"{mark} {_claim(w.claim)}, per {_per(w.claim.source)}", width, "  ", "      ")
        out += _wrap(f"“{w.claim.sentence}”", width, "      ", "       ")
        if w.superseded:
            out += _wrap(f"superseded: {w.superseded}", width, "      ", "        ")
    out += ["", "history"]
    out += [line for h in state.history for line in _wrap(h.text, width, "  ", "    ")] or ["  none"]
    out += ["", "cast"]
    for m in state.cast:
        role = f" as {m.character}" if m.character else ""
        out += _wrap(f"{m.actor}{role} ({m.status}), per {_sources(m.sources)}", width, "  ", "    ")
    if not state.cast:
        out.append("  none named")
    if state.characters:
        out += _wrap("characters without an actor: " + ", ".join(state.characters), width, "  ", "    ")
    out += ["", "events"]
    for e in state.events:
        when = e.date or (e.source.published.isoformat() if e.source.published else "undated")
        out += _wrap(f"{when}  {e.type} ({e.certainty}), per {e.source.label}", width, "  ", "    ")
    if not state.events:
        out.append("  none")
    return "\n".join(out)


def _field(name: str, value: str, width: int) -> list[str]:
    return _wrap(value, width, f"{name:<11}", " " * 11)


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False)


def _claim(w: WindowClaim) -> str:
    return f"{format_range(w.start, w.end)} {w.certainty} \"{w.text}\""


def _per(s: Source) -> str:
    return f"{s.label} on {s.published.isoformat() if s.published else 'an undated article'}"


def _sources(sources: Sequence[Source]) -> str:
    names = [s.label for s in sources]
    return ", ".join(names[:2]) + (f" and {len(names) - 2} more" if len(names) > 2 else "")


# --- short lists -----------------------------------------------------------------------------


def render_candidates(title: str, candidates: Sequence[ReleaseInfo], board: Sequence[Summary], today: date) -> str:
    """The releases an ambiguous title names, each with a command that picks it."""
    rows = {s.release.id: s for s in board}
    lines = [f"{title!r} matches {len(candidates)} releases:"]
    for info in candidates:
        s = rows.get(info.id)
        when = describe_window(s.start, s.end, today) if s and (s.start or s.end) else "TBA"
        lines.append(f"  {release_name(info)}  ({info.kind}, {when})")
    lines.append(f'pick one, e.g. airdate show "{release_name(candidates[0])}"')
    return "\n".join(lines)


def render_failures(failures: Sequence[Failure], width: int = WIDTH) -> str:
    if not failures:
        return "no failures recorded"
    lines = []
    for f in failures:
        lines += _wrap(f"{f.path}  [{f.stage}, {f.at}]", width, "", "  ")
        lines += _wrap(f.reason, width, "  ", "  ")
    lines.append(f"{len(failures)} failure{'s' * (len(failures) != 1)}; fix the sources and ingest them again")
    return "\n".join(lines)
