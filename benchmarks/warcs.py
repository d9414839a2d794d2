"""Synthetic WARC archives for the backfill tests and benchmark, written with warcio's writer.

    .venv/bin/python benchmarks/warcs.py OUT_DIR [--records 20000] [--files 8]

Built from ../shared/corpora at test or benchmark time (never stored in the repository):

- the news pages of ``news-html`` (full publisher pages, menus and all), several copies each
  under different URLs, as a crawl meets syndicated copies;
- HuffPost items (headline, byline, short description) wrapped as small article pages;
- variants of our own fixture articles (``tests/fixtures/articles``, titles and dates
  rewritten as in benchmarks/ingest.py), the entertainment share of the crawl;
- Portuguese news items (``rss-feeds/uolNoticias.rss``) wrapped as pages, for the language test;
- what a crawl also holds: request records, redirects and 404s, images and JSON.

Record ids, dates and URLs are derived from the record's position, so two builds are equal.
Records are laid out in a fixed cycle of ``PATTERN`` and split over ``--files`` files.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import re
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"
HUFFPOST = CORPORA / "huffpost-news-category-v3-subset" / "News_Category_Dataset_v3.first9999.jsonl"
NEWS_HTML = CORPORA / "news-html"
UOL = CORPORA / "rss-feeds" / "uolNoticias.rss"
CRAWL_START = datetime(2026, 3, 1, tzinfo=UTC)

# One cycle of 20 records: what a general news crawl looks like, with a few entertainment pages.
PATTERN = (
    "huffpost", "huffpost", "news", "huffpost", "huffpost", "fixture", "huffpost", "huffpost",
    "redirect", "huffpost", "huffpost", "news", "huffpost", "foreign", "huffpost", "huffpost",
    "image", "huffpost", "notfound", "json",
)  # fmt: skip


def available() -> bool:
    return HUFFPOST.is_file() and NEWS_HTML.is_dir()


# --- pages ----------------------------------------------------------------------------------------


def page(headline: str, paragraphs: list[str], *, day: str | None, site: str, byline: str = "") -> bytes:
    """A small article page: a menu, the headline, byline, paragraphs, a footer."""
    e = html.escape
    meta = f'<meta property="article:published_time" content="{e(day)}">' if day else ""
    body = "".join(f"<p>{e(p)}</p>" for p in paragraphs)
    by = f'<p class="byline">By {e(byline)}</p>' if byline else ""
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{e(headline)}</title>{meta}'
        f'<meta property="og:site_name" content="{e(site)}"></head><body>'
        '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/entertainment">Entertainment</a></nav>'
        f"<article><h1>{e(headline)}</h1>{by}{body}</article><footer>All rights reserved.</footer></body></html>"
    ).encode()


def huffpost_pages() -> list[tuple[str, bytes]]:
    out = []
    with HUFFPOST.open(encoding="utf-8") as file:
        for line in file:
            item = json.loads(line)
            body = page(
                item["headline"],
                [item["short_description"]],
                day=item["date"],
                site="HuffPost",
                byline=item["authors"],
            )
            out.append((item["link"], body))
    return out


def news_pages() -> list[tuple[str, bytes]]:
    pages = sorted(NEWS_HTML.glob("*/html/*.html"))
    return [(f"https://{p.stem.rstrip('0123456789')}/story/{p.stem}", p.read_bytes()) for p in pages]


def fixture_pages(count: int) -> list[tuple[str, bytes]]:
    """`count` variants of the fixture articles, as pages (benchmarks/ingest.py rewrites them)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from ingest import fixture_templates, variant  # benchmarks/ingest.py

    templates = fixture_templates()
    out = []
    for i in range(count):
        text, titles = templates[i % len(templates)]
        body = variant(text, titles, i // len(templates))
        out.append((f"https://screen.example.com/news/{i:05d}", text_page(body, site="Screen")))
    return out


def text_page(text: str, *, site: str) -> bytes:
    """An article in our text format (an optional first line ` date YYYY-MM-DD Headline`) as a page."""
    first, _, rest = text.partition("\n")
    dated = re.match(r"^ date (\d{4}-\d{2}-\d{2}) (.*)$", first)
    day, headline = (dated.group(1), dated.group(2)) if dated else (None, first)
    paragraphs = [" ".join(p.split()) for p in rest.split("\n\n") if p.strip()]
    return page(headline, paragraphs, day=day, site=site)


def foreign_pages() -> list[tuple[str, bytes]]:
    """UOL's Portuguese items as pages (the feed is ISO-8859-1; the pages are UTF-8)."""
    import feedparser

    feed = feedparser.parse(UOL.read_bytes())
    out = []
    for n, entry in enumerate(feed.entries):
        summary = re.sub(r"<[^>]+>", " ", entry.get("summary", ""))
        text = " ".join(summary.split()) or entry.get("title", "")
        paragraphs = [text, f"{entry.get('title', '')} — {text}"]
        out.append(
            (
                f"https://noticias.example.com.br/{n}",
                page(entry.get("title", ""), paragraphs, day=None, site="UOL"),
            )
        )
    return out


# --- records --------------------------------------------------------------------------------------


def record_id(n: int) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'airdate-synthetic/{n}')}>"


def plan(records: int) -> Iterator[tuple[str, str, int, str, bytes]]:
    """(kind, url, status, content type, body) for each record, in order."""
    need = sum(1 for i in range(records) if PATTERN[i % len(PATTERN)] == "fixture")
    sources = {
        "huffpost": huffpost_pages(),
        "news": news_pages(),
        "fixture": fixture_pages(need),
        "foreign": foreign_pages(),
    }
    seen = dict.fromkeys(sources, 0)
    for i in range(records):
        kind = PATTERN[i % len(PATTERN)]
        if kind in sources:
            pool = sources[kind]
            url, body = pool[seen[kind] % len(pool)]
            copy = seen[kind] // len(pool)
            seen[kind] += 1
            yield kind, url + (f"?copy={copy}" if copy else ""), 200, "text/html; charset=utf-8", body
        elif kind == "redirect":
            yield (
                kind,
                f"https://news.example.com/old/{i}",
                301,
                "text/html",
                b"<html><body>Moved</body></html>",
            )
        elif kind == "notfound":
            yield (
                kind,
                f"https://news.example.com/gone/{i}",
                404,
                "text/html",
                b"<html><body>Not found</body></html>",
            )
        elif kind == "image":
            yield (
                kind,
                f"https://img.example.com/{i}.jpg",
                200,
                "image/jpeg",
                b"\xff\xd8\xff\xe0" + bytes(200),
            )
        else:
            yield kind, f"https://api.example.com/{i}.json", 200, "application/json", b'{"ok": true}'


Item = tuple[str, int, str, bytes]  # (url, HTTP status, content type, body)


def build_warcs(folder: Path, records: int, files: int = 1) -> list[Path]:
    """Write `records` response records (a request record before each) of the crawl mix into `files` files."""
    folder.mkdir(parents=True, exist_ok=True)
    items = [(url, status, ctype, body) for _, url, status, ctype, body in plan(records)]
    per_file = -(-records // files)
    paths = []
    for n in range(files):
        path = folder / f"synthetic-{n:05d}.warc.gz"
        write_warc(path, items[n * per_file : (n + 1) * per_file], first=n * per_file)
        paths.append(path)
    return paths


def write_warc(
    path: Path, items: list[Item], *, first: int = 0, requests: bool = True, gzip: bool = True
) -> Path:
    """One WARC file: a warcinfo record, then per item a request and a response record.

    The response records' ids, dates and positions follow from `first` + their index, so the
    same items always give the same file.
    """
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    reasons = {200: "OK", 301: "Moved Permanently", 404: "Not Found"}
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(
            writer.create_warcinfo_record(path.name, {"software": "airdate benchmarks/warcs.py"})
        )
        for i, (url, status, ctype, body) in enumerate(items, first):
            when = (CRAWL_START + timedelta(seconds=37 * i)).strftime("%Y-%m-%dT%H:%M:%SZ")
            if requests:
                head = StatusAndHeaders(
                    f"GET {url} HTTP/1.1", [("Host", "example.com")], is_http_request=True
                )
                request = writer.create_warc_record(
                    url, "request", http_headers=head, warc_headers_dict={"WARC-Date": when}
                )
                writer.write_record(request)
            http_head = StatusAndHeaders(
                f"{status} {reasons.get(status, 'Status')}",
                [("Content-Type", ctype), ("Content-Length", str(len(body)))],
                protocol="HTTP/1.1",
            )
            response = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http_head,
                warc_headers_dict={"WARC-Date": when, "WARC-Record-ID": record_id(i)},
            )
            writer.write_record(response)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the .warc.gz files into")
    parser.add_argument("--records", type=int, default=20_000, help="response records in all (default 20000)")
    parser.add_argument("--files", type=int, default=8, help="files to split them over (default 8)")
    args = parser.parse_args(argv)
    if not available():
        print(f"skipped: the shared corpora are absent ({CORPORA})")
        return 0
    for path in build_warcs(args.out, args.records, args.files):
        print(f"{path}  {path.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
