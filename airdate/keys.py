"""Matching keys shared by the extractor and the store (no heavy imports here)."""

from __future__ import annotations

import unicodedata


def title_key(title: str) -> str:
    """A title's matching key: case, accents, quotes, punctuation and a leading "The" ignored."""
    s = unicodedata.normalize("NFKD", title)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold().replace("&", "and")
    words = "".join(c if c.isalnum() else " " for c in s).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)
