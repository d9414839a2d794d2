"""Bytes to text: byte-order marks, declared charsets, UTF-8, then detection; and the binary test."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

# Codecs that drop the mark as they decode. UTF-32 first: its little-endian mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes that do not occur in text; tab, newlines, form feed and escape do.
_CONTROL = frozenset(range(32)) - {8, 9, 10, 11, 12, 13, 27} | {127}
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]+encoding\s*=\s*[\"']([\w.:-]+)", re.IGNORECASE)


def bom_encoding(data: bytes) -> str | None:
    """The encoding named by a byte-order mark at the start of data, if any."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for UTF-16 text written without a byte-order mark (Windows tools do),
    told by its NUL bytes all falling on one side of each pair and decoding to printable text."""
    head = data[:8192]
    head = head[: len(head) // 2 * 2]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        codec = "utf-16-le"
    elif even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        codec = "utf-16-be"
    else:
        return None
    try:
        text = head.decode(codec)
    except UnicodeDecodeError:
        return None
    printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text)
    return codec if printable >= 0.95 * len(text) else None


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes or many control bytes in the first 8 KB."""
    head = data[:8192]
    if not head or bom_encoding(head) is not None or utf16_without_bom(head):  # UTF-16/32 text is full of NULs
        return False
    if b"\0" in head:
        return True
    # 30 %, as in Perl's -B test: text with a stray control byte still reads as text.
    return sum(byte in _CONTROL for byte in head) > 0.3 * len(head)


def markup_charset(data: bytes) -> str | None:
    """The charset an HTML <meta> or XML declaration names in the first 16 KB."""
    head = data[:16384]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii") if found else None


def decode(data: bytes, *declared: str | None) -> str:
    """Decode data: BOM, then each declared charset that fits, UTF-8, detection; never raises."""
    bom = bom_encoding(data)
    if bom is not None:
        return data.decode(bom, errors="replace")
    if (utf16 := utf16_without_bom(data)) is not None:
        return data.decode(utf16, errors="replace")
    for name in declared:
        codec = _usable_codec(name)
        if codec is not None:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    # UTF-8 with a stray bad byte is still UTF-8; detection would turn it into mojibake.
    if text.count("\ufffd") <= len(text) / 1000:
        return text
    return _detect(data)


def _usable_codec(name: str | None) -> str | None:
    """A Python codec for a declared charset, or None when it is unknown or cannot be meant."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    if codec.startswith(("utf-16", "utf-32")):  # declared in ASCII bytes, so it cannot be so
        return None
    # As browsers do: pages that say Latin-1 or ASCII are written in Windows-1252.
    if codec in ("iso8859-1", "ascii"):
        return "cp1252"
    return codec


def _detect(data: bytes) -> str:
    """Guess the charset of non-UTF-8 bytes, leaning to Windows-1252 when it is plausible."""
    matches = from_bytes(data)
    # charset-normalizer often prefers cp1250 for short Western text; airdate reads mostly
    # English news, so Windows-1252 wins whenever it is among the plausible readings.
    if any("cp1252" in match.could_be_from_charset for match in matches):
        return data.decode("cp1252", errors="replace")
    best = matches.best()
    if best is not None:
        return str(best)
    return data.decode("cp1252", errors="replace")
