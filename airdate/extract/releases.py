"""From what an article says about a title to the releases it reports.

Every claim is filed under its title with the season in focus when it was made
("series 7 … will begin on Sunday 14 September", then "a further series 8 has been
commissioned"), so one article can report two seasons of one show. A title becomes a
release only when the article discusses its upcoming release, renewal or production.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from airdate.extract.events import RESCUE
from airdate.extract.titles import title_key
from airdate.models import CERTAINTY_RANK, CastMember, Event, Release, Window

Tag = int | None  # the season in focus when a claim was made


@dataclass
class Cluster:
    """Everything the article says about one title."""

    key: str
    forms: Counter[str] = field(default_factory=Counter)
    seasons: list[tuple[int, bool]] = field(default_factory=list)  # (number, history?)
    parts: list[tuple[Tag, int]] = field(default_factory=list)
    windows: list[tuple[Tag, Window]] = field(default_factory=list)
    replaced: list[tuple[Tag, Window]] = field(default_factory=list)
    platforms: list[tuple[Tag, str]] = field(default_factory=list)
    cast: list[tuple[Tag, CastMember]] = field(default_factory=list)
    characters: list[tuple[Tag, str]] = field(default_factory=list)
    events: list[tuple[Tag, Event]] = field(default_factory=list)
    season_focus: Tag = None
    numbered: dict[int, str] = field(default_factory=dict)  # "Tumbleweed 2" joined to "Tumbleweed": its number → that form
    film: int = 0
    series: int = 0
    film_near: int = 0  # mentions a word for a film stands right beside ("the film 'X'", "'X' movie")
    series_near: int = 0  # likewise for a series ("new Hulu series 'Mike'", "'X' Season 2", "the sitcom X")
    named_project: bool = False  # named once at least as a work of its own, not only as "his own 'X' movie"
    film_said: int = 0  # sentences about it alone that call it a film in so many words ("the film", "in theaters")
    series_said: int = 0  # likewise a series ("the musical series", "The TV reboot's hero", "its second season")
    upcoming: int = 0
    review: int = 0
    first: int = 0
    in_headline: bool = False
    media: int = 0  # sentences about songs, tours, books, games
    screen_words: int = 0  # sentences with a screen word that says neither film nor series ("documentary", "network")
    final: int = 0  # sentences, not about the past, that speak of its final season ("returns for a final season")
    strong: int = 0  # headline sentences that announce it as coming
    own: int = 0  # mentions that are about it, not about its sequel, its star or its style
    lead: CastMember | None = None  # the headline's person, added once the title is a release
    future: int = 0  # headline sentences that speak of it in the future ("will be", "upcoming")
    promo: int = 0  # headline sentences that show its promotion: a poster, a sneak peek, a clip
    project: int = 0  # headline sentences that make a new screen project of it: a reboot, a remake, a biopic
    from_heading: bool = False  # named by a roundup heading ("Quiet Hours (Apple TV)")
    section: list[Window] = field(default_factory=list)  # the window of the roundup section it is listed under
    context: list[str] = field(default_factory=list)  # the sentences naming it, the title masked, for the judge


@dataclass(frozen=True)
class Candidate:
    """A release the article may report, with the rules' verdict and the signals behind it.

    The rules' verdict (`rule`) is what the hand-written checks below decide; `signals` name
    the facts they looked at, so a learned judge can weigh them with the words around the title.
    """

    release: Release
    rule: bool
    signals: tuple[str, ...]
    numbered_title: str | None = None  # "Deadpool 2" read as season 2 of a series: the title if it is a film
    shape: str = ""  # the article's shape (headline, short, mid, long): the judge's threshold may differ by it
    kind_cue: str | None = None  # "film" or "series" when words beside the title say so; it outranks the judge
    named: bool = True  # False when every mention is a franchise named for an unnamed project ("his own 'X' movie")
    spotted_only: bool = False  # only the learned title spotter found it: no rule reads it as a title


def build_candidates(
    c: Cluster, framing: list[Window] | None = None, framing_platforms: list[str] | None = None,
    universal: list[str] | None = None,
) -> list[Candidate]:
    """The releases this title's claims add up to: one per season the claims are about.

    A lower season with no window or event of its own (cast named "since season one")
    is folded into the latest one. `framing` is the window of a list heading, for a
    heading-named item that gives none of its own; `framing_platforms` likewise, when the
    list names a single service ("Every Crunchyroll sequel this winter"). `universal` are services the
    article gives every title it dates ("All series stream on CBC Gem").
    """
    dated = {t for t, _ in c.windows + c.replaced if t is not None}
    dated |= {t for t, e in c.events if t is not None and e.type != "premiered"}
    tags = sorted(dated | {t for t, _ in c.cast if t is not None})
    top = tags[-1] if tags else None
    tags = [t for t in tags if t in dated or t == top]
    if len(tags) <= 1:
        groups: list[tuple[int | None, object]] = [(tags[0] if tags else _season(c), lambda t: True)]
    else:
        groups = [(t, lambda tag, t=t: tag == t or (tag not in tags and t == top)) for t in tags]
    return [_release(c, season, keep, framing or [], framing_platforms or [], universal or []) for season, keep in groups]


def _release(
    c: Cluster, season: int | None, keep: object, framing: list[Window], framing_platforms: list[str],
    universal: list[str],
) -> Candidate:
    assert callable(keep)  # a predicate over season tags
    windows = _merge_windows([w for t, w in c.windows if keep(t)])
    moved = any(keep(t) for t, _ in c.replaced) or any(keep(t) and e.type in ("delayed", "cancelled") for t, e in c.events)
    if not windows and c.from_heading and framing and not moved:
        windows = _merge_windows(list(framing))
    events = _merge_events([e for t, e in c.events if keep(t)], [w for t, w in c.replaced if keep(t)], windows)
    cast = _merge_cast([m for t, m in c.cast if keep(t)])
    # A premiere the headline reports is kept: the tracker needs to know it happened.
    live = [e for e in events if e.type != "premiered" or c.in_headline]
    platforms = _specific(tuple(dict.fromkeys(p for t, p in c.platforms if keep(t))))
    if not platforms and c.from_heading and len(framing_platforms) == 1:
        platforms = tuple(framing_platforms)
    if universal and (windows or live):
        platforms = _specific(tuple(dict.fromkeys(platforms + tuple(universal))))
    # A season read only from a number the title carries ("Tumbleweed 2") leaves the kind to the words.
    further = season is not None and season > 1 and season not in c.numbered
    kind: Literal["series", "film"] = "film" if c.film > c.series and not further else "series"
    title, shown, numbered_title = _numbered(c, display_title(c), season, kind)
    # The judge weighs the season the article states, or none where the number is a film's own.
    facts = _Facts(c, None if shown is None else season, windows, live, cast, platforms)
    season = shown
    signals = _signals(facts)
    rule = _rule_verdict(facts)
    signals += ("rule_yes",) if rule else ("rule_no",)
    parts = sorted({n for t, n in c.parts if keep(t)})
    part = parts[0] if len(parts) == 1 else None
    if season and season > 1:  # a further season is renewed, not ordered
        live = [replace(e, type="renewed") if e.type == "ordered" else e for e in live]
        live = list({e.type: e for e in reversed(live)}.values())[::-1]
    if c.lead is not None and all(title_key(m.actor) != title_key(c.lead.actor) for m in cast):
        cast = [*cast, c.lead]
    roles = {m.character for m in cast}
    characters = tuple(dict.fromkeys(x for t, x in c.characters if keep(t) and x not in roles))
    release = Release(title, season, part, kind, platforms, tuple(windows), tuple(cast), characters, tuple(live))
    cue: str | None = None
    if c.film_near > c.series_near:
        cue = "film"
    elif c.series_near > c.film_near:
        cue = "series"
    elif c.film_said and not c.series_said:
        cue = "film"  # the article says so of it and of nothing else, if not beside the title
    elif c.series_said and not c.film_said:
        cue = "series"
    return Candidate(release, rule, signals, numbered_title, kind_cue=cue, named=c.named_project)


@dataclass(frozen=True)
class _Facts:
    """What the rules know of one title and season, for the verdict and the judge's signals."""

    c: Cluster
    season: int | None
    windows: list[Window]
    live: list[Event]
    cast: list[CastMember]
    platforms: tuple[str, ...]


def _rule_verdict(f: _Facts) -> bool:
    """The hand-written test: does the article discuss this title's upcoming release?"""
    c, season, windows, live, cast, platforms = f.c, f.season, f.windows, f.live, f.cast, f.platforms
    # Filming is screen work: "'X' Wraps Filming" needs no other word for film or TV.
    screen = c.film + c.series + c.screen_words + len(platforms) + sum(e.type in ("filming_started", "filming_wrapped") for e in live) + c.promo + c.project
    if not (
        windows
        or live
        or any(m.status != "unknown" for m in cast)
        or c.promo
        or c.project
        or (c.upcoming and ((season or 0) >= 2 or c.final))
        or (c.upcoming and c.in_headline and (cast or platforms))
        or (c.future and c.lead is not None)
        or c.strong
    ):
        return False
    if c.review and not (windows or live):
        return False
    if not c.own:
        return False  # only ever named for reference ("the 'Killing Eve' star")
    if c.media and c.media >= screen:
        return False  # a song, a tour, a book: not a screen release
    if screen == 0 and not any(m.character or m.status != "unknown" for m in cast) and c.lead is None:
        return False  # nothing says film or TV (a person named near it is no role): a product, a festival, a team
    return True


def _signals(f: _Facts) -> tuple[str, ...]:
    """What the rules know about a title, as words a bag-of-words judge can weigh."""
    c, season, windows, live, cast, platforms = f.c, f.season, f.windows, f.live, f.cast, f.platforms
    out = [f"ev_{e.type}" for e in live] + [f"cast_{m.status}" for m in cast[:4]]
    out += [f"win_{w.certainty}" for w in windows[:3]]
    flags = {
        "has_window": bool(windows), "has_platform": bool(platforms), "season_any": season is not None,
        "season_next": (season or 0) >= 2, "upcoming": bool(c.upcoming), "in_headline": c.in_headline,
        "future": bool(c.future), "lead": c.lead is not None, "strong": bool(c.strong), "review": bool(c.review),
        "own_none": not c.own, "media": bool(c.media), "film_cue": c.film > c.series, "series_cue": c.series > c.film,
        "from_heading": c.from_heading, "no_screen": c.film + c.series + c.screen_words == 0, "many_forms": len(c.forms) > 1,
        "has_part": bool(c.parts), "promo": bool(c.promo), "project": bool(c.project), "has_characters": bool(c.characters), "replaced": bool(c.replaced),
    }
    out += [f"sig_{k}" for k, v in flags.items() if v]
    return tuple(out)


# An umbrella brand gives way to the channel or service named beside it ("the BBC" + "BBC One"),
# and a network to the streamer that carries it (an FX show on Hulu is Hulu's).
UMBRELLAS = {
    "BBC": ("BBC One", "BBC Two", "BBC Three", "BBC iPlayer"),
    "ITV": ("ITV1", "ITVX"),
    "Sky": ("Sky Atlantic", "Sky Max", "Sky Showcase", "Sky Comedy"),
    "FX": ("Hulu",),
    "Channel 4": (),
}


def _specific(platforms: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(p for p in platforms if not any(q in platforms for q in UMBRELLAS.get(p, ())))


def _numbered(c: Cluster, title: str, season: int | None, kind: str) -> tuple[str, int | None, str | None]:
    """Title, season and the numbered form a film would keep, for a title whose number may be a season.

    "Stranger Things 5" is shorthand for season 5 of a series; a sequel film keeps its number in its
    title with no season ("Starbound Atlas 2"). A number past a dozen is the title's own ("Station 19
    Season 7", "Yurei Ward 13"). The judge settles film or series; the rules' guess goes first.
    """
    words = title.split()
    if len(words) > 1 and words[-1].isdigit() and 1 < int(words[-1]) <= 12:
        n = int(words[-1])
        merged = season == n and n in c.numbered  # the number was read as a season ("Show 2 season 2" was not)
        if kind == "series" and (season is None or season < n or merged):
            return " ".join(words[:-1]), n, title if season is None or merged else None
        return title, None if merged else season, None
    if season in c.numbered:  # "Tumbleweed" … "Tumbleweed 2"
        return (title, season, c.numbered[season]) if kind == "series" else (c.numbered[season], None, None)
    return title, season, None


def display_title(c: Cluster) -> str:
    """The form the article uses most for the title (the shorter on a tie)."""
    return max(c.forms.items(), key=lambda kv: (kv[1], -len(kv[0])))[0]


def _season(c: Cluster) -> int | None:
    current = [n for n, hist in c.seasons if not hist]
    pool = current or [n for n, _ in c.seasons]
    return max(pool) if pool else None


def _merge_windows(windows: list[Window]) -> list[Window]:
    """One window per day range, at the strongest certainty stated."""
    best: dict[tuple[date | None, date | None, str], Window] = {}
    for w in windows:
        key = (w.start, w.end, w.text if w.start is None and w.end is None else "")
        if key not in best or CERTAINTY_RANK[w.certainty] > CERTAINTY_RANK[best[key].certainty]:
            best[key] = w
    return list(best.values())


def _merge_events(events: list[Event], replaced: list[Window], windows: list[Window]) -> list[Event]:
    out: dict[str, Event] = {}
    for e in events:
        if e.type not in out or CERTAINTY_RANK[e.certainty] > CERTAINTY_RANK[out[e.type].certainty]:
            out[e.type] = e
    for r in replaced:
        later = any(w.start and r.start and w.start > r.start for w in windows)
        earlier = any(w.start and r.start and w.start < r.start for w in windows)
        kind = "date_announced" if earlier and not later else "delayed"
        out.setdefault(kind, Event(kind, None, r.certainty, r.sentence))
    if "cancelled" in out and any(RESCUE.search(e.sentence) for e in events if e.type == "renewed"):
        del out["cancelled"]  # cancelled, then rescued: the news is the new home
    return list(out.values())


def _merge_cast(cast: list[CastMember]) -> list[CastMember]:
    """One entry per actor and role; a role named anywhere beats a bare name."""
    by_actor: dict[str, list[CastMember]] = {}
    for m in cast:
        by_actor.setdefault(title_key(m.actor), []).append(m)
    out: list[CastMember] = []
    for entries in by_actor.values():
        named = [e for e in entries if e.character]
        pool = named or entries[:1]
        seen: dict[str, CastMember] = {}
        for e in pool:
            ck = title_key(e.character or "")
            status = e.status
            if status == "unknown":
                status = next((x.status for x in entries if x.status != "unknown"), "unknown")
            if not any(ck != k and (ck in k or k in ck) for k in seen) and ck not in seen:
                seen[ck] = replace(e, status=status)
        out.extend(seen.values())
    return out


