"""Decoding bytes of any common encoding, and telling binary data from text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from airdate.settings import Settings
from airdate.sources import read_source
from airdate.sources.charsets import decode, looks_binary, markup_charset

CURLY = "The streamer’s “biggest” launch — café, déjà vu"


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_mark_decides_and_is_dropped(codec: str) -> None:
    assert decode(CURLY.encode(codec), "iso-8859-5") == CURLY


def test_declared_charset_is_used() -> None:
    assert decode("Привет, сезон".encode("koi8-r"), "koi8-r") == "Привет, сезон"


def test_declared_latin1_is_read_as_windows_1252() -> None:
    # as in browsers: pages that say ISO-8859-1 use the curly quotes of Windows-1252
    assert decode(CURLY.encode("cp1252"), "ISO-8859-1") == CURLY


def test_declared_charset_that_does_not_fit_is_skipped() -> None:
    assert decode(CURLY.encode("utf-8"), "ascii", "no-such-charset", "utf-16") == CURLY


def test_undeclared_windows_1252_is_detected() -> None:
    assert decode(CURLY.encode("cp1252")) == CURLY


def test_undeclared_latin1_portuguese_is_detected() -> None:
    text = "Ibope: Bolsonaro perde em simulações de 2º turno; Líder não tem o mesmo desempenho"
    assert decode(text.encode("latin-1")) == text


def test_undeclared_shift_jis_is_detected() -> None:
    text = "彼女は来年の春に新しいドラマに出演する予定です。ファンは期待しています。"
    assert decode(text.encode("shift_jis")) == text


def test_utf8_with_one_bad_byte_stays_utf8() -> None:
    text = CURLY * 20
    data = text.encode() + b"\xff" + text.encode()
    assert decode(data) == text + "\ufffd" + text


@settings(deadline=None)
@given(st.binary(max_size=2048), st.sampled_from([None, "utf-8", "cp1252", "shift_jis", "bogus"]))
def test_any_bytes_decode_to_text(data: bytes, declared: str | None) -> None:
    assert isinstance(decode(data, declared), str)


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<html><head><meta charset="windows-1252">', "windows-1252"),
        (b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>", "ISO-8859-1"),
        (b'<?xml version="1.0" encoding="iso-8859-15"?><html>', "iso-8859-15"),
        (b"<html><head><title>none</title>", None),
    ],
)
def test_markup_charset_reads_meta_and_xml_declaration(head: bytes, charset: str | None) -> None:
    assert markup_charset(head) == charset


@pytest.mark.parametrize(
    ("data", "binary"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", True),
        (bytes(range(1, 32)) * 10, True),
        (b"plain text with a stray \x01 control byte, still text", False),
        (CURLY.encode("utf-16"), False),
        (b"", False),
    ],
)
def test_looks_binary(data: bytes, binary: bool) -> None:
    assert looks_binary(data) is binary


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_text(codec: str) -> None:
    text = " date 2026-02-21 Quiet Hours Returns\n\nApple TV+ confirmed that Quiet Hours season 2 premieres May 8 — déjà vu.\n"
    data = text.encode(codec)  # no mark: the codec name says the byte order
    assert not looks_binary(data)
    assert decode(data) == text


def test_a_utf16_file_without_a_mark_is_read(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(" date 2026-02-21 Quiet Hours Returns\n\nQuiet Hours season 2 premieres May 8.\n".encode("utf-16-le"))
    (article,) = read_source(str(path), settings)
    assert article.title == "Quiet Hours Returns" and "premieres May 8" in article.text
