"""The cheap test before the extractor, so most of a news crawl costs little.

Two checks on a page, cheapest first:

- **language**: a page that declares a language other than English (``<html lang="de">``) is
  dropped before its HTML is parsed; after parsing, py3langid must not name another language
  with confidence. Short texts (a headline and a line) are kept whatever it says: on those it
  guesses (Nigerian Pidgin for an English headline).
- **topic**: the extractor's learned relevance gate (airdate.extract.learned, a bag-of-words
  text classifier, ~4 ms an article) must score the text at least at the extractor's own
  threshold (below it the extractor returns nothing anyway), and, unless it scores it high,
  the text must name a topic word (film, season, Netflix, trailer …): the gate was trained on
  entertainment news and is loose on other news. Without the shipped models the words alone decide.

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
# Words an article about a film or series almost always has (chosen on the train and dev splits).
TOPIC = re.compile(
    r"\b(?:films?|movies?|series|seasons?|seaosn|episodes?|shows?|tv|television|netflix|hbo|hulu|disney\+?|"
    r"prime\s+video|apple\s+tv|paramount|peacock|crunchyroll|showtime|starz|amc|nbc|abc|cbs|fox|bbc|itv|pbs|mtv|"
    r"streaming|streamer|premieres?|premiered|trailer|teaser|poster|sneak\s+peek|first\s+look|sequel|prequel|"
    r"spin-?off|reboot|remake|revival|biopic|adaptation|pilot|finale|cast|casts|casting|starring|stars?|"
    r"actor|actress|director|filming|wraps|box\s+office|theaters|cinemas?|hollywood|studios?|marvel|"
    r"anime|animated|animation|drama|comedy|rom-com|sitcom|documentary|docuseries|thriller|"
    r"renewed|renews|cancell?ed|scrapped|release\s+date|role|character|voice)\b",
    re.IGNORECASE,
)
# The gate alone keeps a text at this score; below it (down to the extractor's own threshold) the
# text must also have a topic word. Chosen on the dev split: the highest that keeps the gate's
# own dev recall (0.983); on HuffPost's news it drops 82% of items where the gate alone drops 19%.
GATE_ALONE = 0.2

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
    """Could the article be about a film or series at all? The learned gate with a topic word, else the word alone."""
    head = f"{article.title or ''}\n{article.text[: learned.GATE_CHARS]}"
    if not learned.available():
        return bool(TOPIC.search(head))
    score = learned.gate_score(article.title, article.text)
    return score >= GATE_ALONE or (score >= learned.thresholds()["gate"] and bool(TOPIC.search(head)))


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(LANGUAGES)
    return identifier
