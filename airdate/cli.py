"""The command line: a thin door in front of the stages.

Every AirdateError becomes one line on stderr and a non-zero exit; nothing else here
knows how an article is read or claims are found.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import date
from typing import Any

import click

from airdate import __version__
from airdate.errors import AirdateError, UsageError
from airdate.models import Extraction, Release
from airdate.settings import Settings


class _Group(click.Group):
    """Turns AirdateError into one clear line; keeps tracebacks for real bugs only."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AirdateError as e:
            click.echo(f"airdate: error: {e}", err=True)
            ctx.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("airdate: interrupted", err=True)
            ctx.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="airdate")
def main() -> None:
    """airdate: an honest countdown of upcoming TV seasons and films, read from the news.

    \b
    Examples:
      airdate extract article.txt            what one article says, readably
      airdate extract page.html --json       the same as JSON (spec/extraction.md)
      airdate extract feed.xml --json        one result per feed item
      cat article.txt | airdate extract - --published 2026-02-21
    """


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--published must be a date like 2026-02-21, not {value!r}") from None
    if not 1900 <= day.year <= 2200:
        raise UsageError(f"--published {value} is outside the years 1900-2200 that news dates fall in")
    return day


@main.command()
@click.argument("source")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON of spec/extraction.md instead of a summary.")
@click.option("--published", metavar="YYYY-MM-DD", help="The article's date, overriding or supplying its own.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=Settings.max_bytes, show_default=True,
              help="Refuse sources larger than this.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=Settings.fetch_timeout, show_default=True,
              help="Seconds to wait for an http(s) source.")
def extract(source: str, as_json: bool, published: str | None, max_bytes: int, timeout: float) -> None:
    """Read one article (or feed) and print the upcoming releases it talks about.

    SOURCE is a path, - for stdin, or an http(s) URL. Plain text, HTML pages and
    RSS/Atom feeds are recognised by their content. Relative dates ("next month")
    are resolved against the article's date; without one they stay unresolved.
    """
    from airdate.extract.pipeline import Extractor
    from airdate.sources import read_source

    dct = _parse_date(published)
    settings = Settings(max_bytes=max_bytes, fetch_timeout=timeout)
    articles = read_source(source, settings)
    if dct is not None:
        articles = [replace(a, published=dct) for a in articles]
    extractor = Extractor()
    results = [extractor.extract(a) for a in articles]
    if as_json:
        docs = [r.to_json() for r in results]
        click.echo(json.dumps(docs[0] if len(docs) == 1 else docs, indent=2, ensure_ascii=False))
        return
    for i, r in enumerate(results):
        if i:
            click.echo()
        click.echo(render_summary(r))


def render_summary(result: Extraction) -> str:
    """A short readable block per release."""
    a = result.article
    head = a.title or a.path or a.url or "(untitled)"
    lines = [f"{head}" + (f"  [{a.published.isoformat()}]" if a.published else "  [no date]")]
    if not result.releases:
        lines.append("  no upcoming release found")
    for r in result.releases:
        lines.extend(_release_lines(r))
    return "\n".join(lines)


def _release_lines(r: Release) -> list[str]:
    name = r.title + (f" season {r.season}" if r.season else "") + (f" part {r.part}" if r.part else "")
    out = [f"\n  {name} ({r.kind})" + (f" on {', '.join(r.platforms)}" if r.platforms else "")]
    for w in r.windows:
        span = "unresolved" if w.start is None and w.end is None else f"{w.start or '…'} .. {w.end or '…'}"
        out.append(f"    when:  {span:24}  {w.certainty:10}  \"{w.text}\"")
    if not r.windows:
        out.append("    when:  no date yet")
    for c in r.cast:
        role = f" as {c.character}" if c.character else ""
        out.append(f"    cast:  {c.actor}{role} ({c.status})")
    if r.characters:
        out.append(f"    characters: {', '.join(r.characters)}")
    for e in r.events:
        out.append(f"    event: {e.type} ({e.certainty})")
    return out


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
