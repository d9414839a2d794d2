"""read_source on bad input: each case is its own error, told in one line that says what to do."""

from __future__ import annotations

import io
import os
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from airdate.errors import SourceBinary, SourceEmpty, SourceError, SourceNotFound, SourceTooLarge
from airdate.models import Article
from airdate.settings import Settings
from airdate.sources import read_bytes, read_source


def fail(source: str, settings: Settings) -> SourceError:
    with pytest.raises(SourceError) as caught:
        read_source(source, settings)
    message = str(caught.value)
    assert "\n" not in message and ";" in message  # one line: what is wrong; what to do
    return caught.value


def test_missing_path(tmp_path: Path, settings: Settings) -> None:
    error = fail(str(tmp_path / "nope.txt"), settings)
    assert isinstance(error, SourceNotFound)
    assert str(error) == f"no such file: {tmp_path / 'nope.txt'}; check the path"


def test_path_through_a_file_is_missing(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "a.txt").write_text("x")
    assert isinstance(fail(str(tmp_path / "a.txt" / "b.txt"), settings), SourceNotFound)


def test_unreadable_path(tmp_path: Path, settings: Settings) -> None:
    error = fail(str(tmp_path / ("x" * 5000)), settings)  # a name longer than any file system allows
    assert type(error) is SourceError
    assert str(error).endswith(": File name too long; check the path and its permissions")


def test_directory(tmp_path: Path, settings: Settings) -> None:
    error = fail(str(tmp_path), settings)
    assert type(error) is SourceError
    assert str(error) == f"{tmp_path} is a directory; pass one article file, a feed, a URL or - for stdin"


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  \n"])
def test_empty_or_whitespace_file(tmp_path: Path, settings: Settings, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    error = fail(str(path), settings)
    assert isinstance(error, SourceEmpty)
    assert str(error) == f"{path} is empty; pass a file with article text"


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,  # NUL bytes
        bytes(range(1, 9)) * 100 + b"some text",  # mostly control bytes, no NUL
    ],
)
def test_binary_file(tmp_path: Path, settings: Settings, content: bytes) -> None:
    path = tmp_path / "poster.txt"
    path.write_bytes(content)
    error = fail(str(path), settings)
    assert isinstance(error, SourceBinary)
    assert str(error) == f"{path} looks binary, not text; pass a text, HTML or RSS/Atom file"


def opening_is_a_failure(*args: object, **kwargs: object) -> None:
    raise AssertionError("the size is checked before the file is opened")


def test_file_over_the_limit_is_refused_before_reading(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(50 * 1024 * 1024)  # sparse: nothing written
    monkeypatch.setattr("airdate.sources.open", opening_is_a_failure, raising=False)
    error = fail(str(path), settings)
    assert isinstance(error, SourceTooLarge)
    assert str(error) == (
        f"{path} is 50.0 MB, over the 10.0 MB limit; pass a smaller article or raise --max-bytes"
    )


def test_limit_comes_from_settings(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Headline\n\n" + "word " * 300)
    assert isinstance(fail(str(path), replace(settings, max_bytes=1000)), SourceTooLarge)
    assert read_source(str(path), settings)[0].title == "Headline"


def test_unsupported_url_scheme(settings: Settings) -> None:
    error = fail("ftp://example.invalid/story.txt", settings)
    assert str(error) == "cannot read ftp:// sources; pass an http(s) URL, a file path or - for stdin"


@pytest.mark.parametrize(
    ("content", "text"),
    [
        ("Café Noir — “Season 2” arrives in März".encode("cp1252"), "Café Noir — “Season 2” arrives in März"),
        (
            "Simulações de 2º turno: Líder não tem o mesmo desempenho".encode("latin-1"),
            "Simulações de 2º turno: Líder não tem o mesmo desempenho",
        ),
        # a broken UTF-8 sequence in UTF-8 text: replaced, the rest kept
        ("Stranger Things \ud83d season 5".encode("utf-8", errors="surrogatepass"), "Stranger Things"),
        # bytes that Windows-1252 leaves undefined: some reading, never an error
        (b"Caf\xe9 Noir returns \x81\x8d\x8f\x90\x9d in June", "Noir returns"),
    ],
)
def test_non_utf8_text_is_decoded_not_refused(
    tmp_path: Path, settings: Settings, content: bytes, text: str
) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(content)
    [article] = read_source(str(path), settings)
    assert text in article.text


def test_stdin(monkeypatch: pytest.MonkeyPatch, fixtures: Path, settings: Settings) -> None:
    data = (fixtures / "cp1252.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [article] = read_source("-", settings)
    assert article.title == "Café Noir Season 2 — “The Return” Arrives in März"
    assert (article.path, article.url) == (None, None)


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (b"", SourceEmpty, "stdin is empty; pass a file with article text"),
        (
            b"x" * 2000,
            SourceTooLarge,
            "stdin is over the 1000 bytes limit; pass a smaller article or raise --max-bytes",
        ),
    ],
)
def test_bad_stdin(
    monkeypatch: pytest.MonkeyPatch, settings: Settings, data: bytes, error: type[SourceError], message: str
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    with pytest.raises(error) as caught:
        read_source("-", replace(settings, max_bytes=1000))
    assert str(caught.value) == message


@settings(deadline=None)
@given(
    st.one_of(
        st.binary(max_size=2048),
        st.text(max_size=500).map(str.encode),
        st.builds(
            lambda tag, body: f"<{tag}>{body}</{tag}>".encode(),
            st.sampled_from(["rss", "feed", "item", "entry", "html", "p", "body"]),
            st.text(max_size=300),
        ),
    )
)
def test_any_bytes_give_articles_or_a_source_error(data: bytes) -> None:
    try:
        articles = read_bytes(data, label="fuzz")
    except SourceError:
        return
    assert articles and all(isinstance(article, Article) for article in articles)


def test_a_fifo_is_refused_without_blocking(tmp_path: Path, settings: Settings) -> None:
    # Opening a FIFO with no writer would block forever: it is refused from its stat alone.
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    error = fail(str(path), settings)
    assert type(error) is SourceError
    assert str(error) == f"{path} is a FIFO, not a regular file; pass an article file, a folder, a URL or - for stdin"


def test_a_device_is_refused(settings: Settings) -> None:
    error = fail("/dev/zero", settings)  # never ends: would be read up to the size cap
    assert str(error).startswith("/dev/zero is a device, not a regular file;")
