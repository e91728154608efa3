"""WARC and WARC.gz web archives: one article per HTML response, via warcio.

Each ``response`` record with a 2xx status and an HTML content type goes through the
HTML path (id and url = ``WARC-Target-URI``; the capture date ``WARC-Date`` is the
publication date only when the page declares none). Requests, metadata, images,
redirects and error pages are skipped without a word.

Records are numbered from 1 in file order, every kind counted, and a broken one is a
``Failure`` named ``<file>#<n>``. Broken records do not end the file: reading
resumes at the next record start found after the damage (a gzip member header in a
WARC.gz, a ``WARC/1.`` line in a plain WARC); only when there is none does the file
stop. Records skipped over by a resync are not counted.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from ..errors import InputError
from ..model import Article, Failure
from .decode import human_size
from .pages import decode_body, is_html, page_article

Result = Article | Failure
GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_LINE = b"\nWARC/1."
_SCAN_CHUNK = 1 << 20
_SNIFF_BYTES = 4096


def read_warc(path: Path, name: str, *, published: date | None,
              max_bytes: int) -> Iterator[Result]:
    """A ``.warc`` or ``.warc.gz`` file; ``max_bytes`` caps each record's payload."""
    size = path.stat().st_size
    if size == 0:
        raise InputError(name, "file is empty (0 bytes)", code="E001")
    with path.open("rb") as stream:
        head = stream.read(_SNIFF_BYTES)
        gzipped = head.startswith(GZIP_MAGIC[:2])
        start = _start_of(head, gzipped)
        if start is not None and not start.lstrip().startswith(b"WARC/"):
            # warcio would read some such files as old-style ARC records; refuse them here
            raise InputError(name, f"not a WARC file (it starts {start[:24]!r}, not 'WARC/')",
                             code="E015")
        anything = False
        for result in read_archive(stream, name, size=size, gzipped=gzipped,
                                   published=published, max_bytes=max_bytes):
            anything = True
            yield result
    if not anything:
        yield Failure(name, "WARC file holds no HTML response records", "E001")


def read_archive(stream: BinaryIO, name: str, *, size: int, gzipped: bool,
                 published: date | None, max_bytes: int) -> Iterator[Result]:
    """Records from ``stream``, resyncing after each broken stretch (see module doc)."""
    number = 0
    start = 0
    resyncing = False  # a resync candidate that fails at once is not reported again
    while True:
        stream.seek(start)
        records = ArchiveIterator(stream)
        problem: str | None = None
        # warcio raises many types on damaged bytes (zlib.error, EOFError, ArchiveLoadFailed,
        # even AttributeError on a cut header); each becomes a Failure with its type.
        try:
            for record in records:
                number += 1
                resyncing = False
                result = record_result(record, f"{name}#{number}", published=published,
                                       max_bytes=max_bytes)
                if result is not None:
                    yield result
        except Exception as exc:
            problem = _describe(exc)
        stopped_at = records.offset
        if problem is None and _only_blank(stream, stopped_at, size):
            return
        following = _next_record_start(stream, stopped_at + 1, gzipped)
        if not resyncing:
            number += 1
            what = problem or "data after the last record could not be read"
            then = (f"reading resumed at byte {following}" if following is not None
                    else "no later record found, reading of this file stopped")
            yield Failure(f"{name}#{number}", f"broken record at byte {stopped_at} ({what}); "
                                              f"{then}", "E015")
        if following is None:
            return
        start, resyncing = following, True


def record_result(record: Any, where: str, *, published: date | None,
                  max_bytes: int) -> Result | None:
    """An HTML response record as an article or a failure; other records as None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    content_type = record.http_headers.get_header("Content-Type")
    if not status.startswith("2") or not is_html(content_type):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or where
    label = f"{uri}: " if uri != where else ""
    try:
        body = record.content_stream().read(max_bytes + 1)
        while record.raw_stream.read(_SCAN_CHUNK):  # to the end, so a short record shows
            pass
    except Exception as exc:  # damaged payloads raise many types, as above
        return Failure(where, f"{label}payload could not be read ({_describe(exc)})", "E015")
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        return Failure(where, f"{label}record is truncated ({missing} bytes of its "
                              "Content-Length missing)", "E015")
    if len(body) > max_bytes:
        return Failure(where, f"{label}payload is over the {human_size(max_bytes)} limit",
                       "E004")
    try:
        html = decode_body(body, content_type, where)
        return page_article(html, where, doc_id=uri, url=uri, published=published,
                            fallback_date=_warc_date(record))
    except InputError as err:
        return Failure(where, f"{label}{err.reason}", err.code)


def _start_of(head: bytes, gzipped: bool) -> bytes | None:
    """The first bytes of the (decompressed) file; None if they cannot be had."""
    if not gzipped:
        return head
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    except zlib.error:
        return None  # a damaged first member: the record reader reports it


def _warc_date(record: Any) -> date | None:
    raw = record.rec_headers.get_header("WARC-Date")
    try:
        return datetime.fromisoformat(raw.strip()).date() if raw else None
    except ValueError:
        return None


def _only_blank(stream: BinaryIO, offset: int, size: int) -> bool:
    """True when nothing but whitespace lies between ``offset`` and the end."""
    if size - offset > _SCAN_CHUNK:
        return False
    stream.seek(offset)
    return not stream.read().strip()


def _next_record_start(stream: BinaryIO, offset: int, gzipped: bool) -> int | None:
    """The byte offset of the next likely record start at or after ``offset``."""
    marker = GZIP_MAGIC if gzipped else WARC_LINE
    skip = 0 if gzipped else 1  # a WARC line starts after its newline
    position = offset
    while True:
        stream.seek(position)
        chunk = stream.read(_SCAN_CHUNK + len(marker))
        found = chunk.find(marker)
        if found >= 0:
            return position + found + skip
        if len(chunk) <= len(marker):
            return None
        position += _SCAN_CHUNK


def _describe(exc: BaseException) -> str:
    first = " ".join(str(exc).split())[:160]
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__
