"""The cheap test before the extractor, so most of a news crawl costs little.

Two checks on a page, cheapest first:

- **language**: a page that declares a language other than English (``<html lang="de">``) is
  dropped before its HTML is parsed; after parsing, py3langid must not name another language
  with confidence. Short texts (a headline and a line) are kept whatever it says: on those it
  guesses (Nigerian Pidgin for an English headline).
- **topic**: the extractor's learned relevance gate (airdate.extract.learned, a bag-of-words
  text classifier, ~4 ms an article) must find a film or series at all, at the extractor's own
  threshold; the extractor would return nothing for text below it anyway. Without the shipped
  models a keyword test stands in.

Recall on the annotated sets is reported by ``benchmarks/backfill.py --recall``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from airdate.extract import learned
from airdate.models import Article

# Languages py3langid chooses among: the ones of a world news crawl. Its full set of 97 holds
# English look-alikes (Pidgin, Scots Gaelic) it picks for short English texts.
LANGUAGES = (
    "ar bg bn cs da de el en es et fa fi fr he hi hr hu id it ja ko lt lv ms nl no pl pt ro ru sk sl sr sv "
    "sw ta th tl tr uk ur vi zh"
).split()
LANG_CHARS = 3000  # enough text to tell a language
LANG_MIN_CHARS = 200  # shorter texts are kept whatever the language guess
LANG_CONFIDENCE = 0.9
DECLARED = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
TOPIC = re.compile(
    r"\b(?:films?|movies?|series|seasons?|episodes?|shows?|tv|television|netflix|hbo|hulu|disney\+?|"
    r"prime\s+video|apple\s+tv|paramount|peacock|crunchyroll|streaming|streamer|premieres?|premiered|"
    r"trailer|sequel|prequel|spin-?off|cast|starring|box\s+office|theaters|cinemas?|anime|drama|sitcom|"
    r"docuseries|renewed|cancell?ed|release\s+date)\b",
    re.IGNORECASE,
)

KEPT = "kept"
DROP_LANGUAGE = "language"
DROP_TOPIC = "topic"


def declared_language(html: bytes) -> str | None:
    """The language the page declares on its <html> tag (lower case, two or three letters), if any."""
    found = DECLARED.search(html[:4096])
    return found.group(1).decode("ascii").lower() if found else None


def check_page(html: bytes) -> str:
    """Before parsing: `language` for a page declared in another language, else `kept`."""
    lang = declared_language(html)
    return DROP_LANGUAGE if lang is not None and lang != "en" else KEPT


def check_article(article: Article) -> str:
    """After parsing: `language`, `topic` or `kept`."""
    text = f"{article.title or ''}\n{article.text}"
    if len(text) >= LANG_MIN_CHARS:
        lang, confidence = _identifier().classify(text[:LANG_CHARS])
        if lang != "en" and confidence >= LANG_CONFIDENCE:
            return DROP_LANGUAGE
    return KEPT if about_screen(article) else DROP_TOPIC


def about_screen(article: Article) -> bool:
    """Could the article be about a film or series at all? The learned gate, else the keyword test."""
    if learned.available():
        return learned.gate_score(article.title, article.text) >= learned.thresholds()["gate"]
    return bool(TOPIC.search(f"{article.title or ''}\n{article.text[: learned.GATE_CHARS]}"))


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(LANGUAGES)
    return identifier
