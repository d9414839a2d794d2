"""WARC archives read by FastWARC: the records, a broken record, a file cut short."""

from __future__ import annotations

import gzip
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warckit import fixture_items, other_items, small_warcs

from airdate.sources.warc import BrokenRecord, WarcRecord, is_warc, read_records
from benchmarks.warcs import record_id, write_warc


def _records(path: Path) -> list[WarcRecord | BrokenRecord]:
    return list(read_records(path))


def _offsets(path: Path) -> list[tuple[int, str]]:
    """(offset, type) of every record, as warcio (an independent reader) sees them."""
    with path.open("rb") as file:
        it = ArchiveIterator(file)
        return [(it.get_record_offset(), r.rec_type) for r in it]


def test_response_records_come_with_their_id_uri_date_and_status(tmp_path: Path) -> None:
    items = fixture_items(["001-moonlit-ledger-s2"]) + other_items()
    path = write_warc(tmp_path / "a.warc.gz", items, first=10)
    records = _records(path)
    assert all(isinstance(r, WarcRecord) for r in records)
    assert len(records) == len(items)  # requests and warcinfo are not responses
    first = records[0]
    assert isinstance(first, WarcRecord)
    assert first.record_id == record_id(10)
    assert first.uri == "https://screen.example.com/001-moonlit-ledger-s2"
    assert first.warc_date == "2026-03-01T00:06:10Z" and first.day is not None
    assert first.status == 200 and first.is_html_page() and b"Moonlit Ledger" in first.payload
    pages = [r.uri for r in records if isinstance(r, WarcRecord) and r.is_html_page()]
    assert "https://news.example.com/gone" not in pages and "https://img.example.com/1.jpg" not in pages
    responses = [off for off, kind in _offsets(path) if kind == "response"]
    assert [r.offset for r in records] == responses


def test_a_plain_warc_reads_like_a_gzipped_one(tmp_path: Path) -> None:
    items = other_items()
    gz = write_warc(tmp_path / "a.warc.gz", items)
    plain = tmp_path / "a.warc"
    plain.write_bytes(gzip.decompress(gz.read_bytes()))
    assert is_warc(gz) and is_warc(plain)
    assert [r.record_id for r in _records(plain)] == [r.record_id for r in _records(gz)]  # type: ignore[union-attr]


def test_other_files_are_not_warc(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<html><body>hi</body></html>")
    (tmp_path / "x.gz").write_bytes(gzip.compress(b"not a warc"))
    assert not is_warc(tmp_path / "page.html") and not is_warc(tmp_path / "x.gz")
    assert not is_warc(tmp_path / "missing.warc.gz")


def test_a_broken_record_is_marked_and_the_rest_is_read(tmp_path: Path) -> None:
    path = small_warcs(
        tmp_path, [["001-moonlit-ledger-s2", "002-iron-orchard-delay", "006-harrow-hill-series-7"]]
    )[0]
    whole = _records(path)
    offsets = _offsets(path)
    # garble the middle of the second response's gzip member
    second = [off for off, kind in offsets if kind == "response"][1]
    end = next(off for off, _ in offsets if off > second)
    data = bytearray(path.read_bytes())
    data[second + 40 : second + 80] = bytes(40)
    path.write_bytes(bytes(data))
    got = _records(path)
    broken = [r for r in got if isinstance(r, BrokenRecord)]
    assert len(broken) == 1 and broken[0].offset == second and "broken record" in broken[0].reason
    good = [r.record_id for r in got if isinstance(r, WarcRecord)]
    assert good == [r.record_id for r in whole if isinstance(r, WarcRecord) and r.offset != second]
    assert end > second


def test_a_file_cut_short_ends_with_a_broken_record(tmp_path: Path) -> None:
    path = small_warcs(tmp_path, [["001-moonlit-ledger-s2", "002-iron-orchard-delay"]])[0]
    offsets = [off for off, kind in _offsets(path) if kind == "response"]
    cut = offsets[3] + 100  # inside the fourth response
    path.write_bytes(path.read_bytes()[:cut])
    got = _records(path)
    assert isinstance(got[-1], BrokenRecord) and got[-1].offset == offsets[3]
    assert "truncated" in got[-1].reason
    assert [r.offset for r in got[:-1]] == offsets[:3]


def test_a_plain_warc_cut_short_ends_with_a_broken_record(tmp_path: Path) -> None:
    gz = write_warc(tmp_path / "a.warc.gz", other_items())
    plain = tmp_path / "a.warc"
    data = gzip.decompress(gz.read_bytes())
    plain.write_bytes(data[: len(data) - 30])
    got = _records(plain)
    assert isinstance(got[-1], BrokenRecord) and len(got) == len(other_items())
