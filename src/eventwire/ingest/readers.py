"""One reader per input format.

A reader yields ``Article`` or ``Failure`` per record and raises
:class:`~eventwire.errors.InputError` for a problem with the whole input (empty,
binary, no text column...); :mod:`eventwire.ingest.sources` turns that into a
``Failure`` too. JSONL and CSV are read one line at a time, so a corpus of any size
streams; for them ``max_bytes`` limits each line, for one-article files the file.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..model import Article, Failure
from .decode import (
    BINARY_SAMPLE,
    bounded_lines,
    check_not_binary,
    decode_article,
    human_size,
    read_bounded,
)
from .html import extract_page
from .records import article_from_fields, make_article

Result = Article | Failure
NumberedLines = Iterable[tuple[int, bytes | None]]
_BOM = b"\xef\xbb\xbf"


def as_failure(err: InputError) -> Failure:
    """The batch form of an input error: recorded, and the batch goes on."""
    return Failure(err.input_name, err.reason, err.code)


def split_title(text: str) -> tuple[str | None, str]:
    """``"Headline\\n\\nBody..."`` -> ``("Headline", "Body...")``; otherwise no title."""
    first, newline, rest = text.partition("\n")
    blank, newline2, body = rest.partition("\n")
    if newline and newline2 and first.strip() and not blank.strip() and body.strip():
        return first.strip(), body
    return None, text


def article_from_text(text: str, name: str, *, published: date | None) -> Article:
    """A plain-text article: optional title line, then the body."""
    title, body = split_title(text)
    return make_article(doc_id=name, name=name, text=body, title=title, published=published)


def read_txt(path: Path, name: str, *, published: date | None, max_bytes: int) -> Iterator[Result]:
    """A ``.txt`` file is one article; its doc_id is the path as given."""
    text = decode_article(read_bounded(path, name, max_bytes), name)
    yield article_from_text(text, name, published=published)


def read_html(path: Path, name: str, *, published: date | None,
              max_bytes: int) -> Iterator[Result]:
    """An ``.html`` page is one article: main text and metadata via trafilatura."""
    html = decode_article(read_bounded(path, name, max_bytes), name)
    page = extract_page(html, name)
    yield make_article(doc_id=name, name=name, text=page.text, title=page.title,
                       published=published or page.published, url=page.url, source=page.source)


def _open_lines(path: Path, name: str, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """Lines of a record file, after checking it is neither empty nor binary."""
    if path.stat().st_size == 0:
        raise InputError(name, "file is empty (0 bytes)", code="E001")
    with path.open("rb") as stream:
        check_not_binary(stream.read(BINARY_SAMPLE), name)
        stream.seek(0)
        yield from bounded_lines(stream, max_bytes)


def read_jsonl_file(path: Path, name: str, *, published: date | None,
                    max_bytes: int) -> Iterator[Result]:
    """A ``.jsonl`` file: one JSON object per line."""
    yield from read_jsonl(_open_lines(path, name, max_bytes), name,
                          published=published, max_bytes=max_bytes)


def read_jsonl(lines: NumberedLines, name: str, *, published: date | None,
               max_bytes: int) -> Iterator[Result]:
    """Records from numbered JSONL lines; a bad line is a Failure and reading goes on."""
    records = 0
    for number, raw in lines:
        where = f"{name}:{number}"
        if raw is None:
            records += 1
            yield Failure(where, f"line is over the {human_size(max_bytes)} limit", "E004")
            continue
        raw = raw.removeprefix(_BOM) if number == 1 else raw
        if not raw.strip():
            continue
        records += 1
        try:
            line = _decode_line(raw, where)
            try:
                record = json.loads(line.rstrip())
            except json.JSONDecodeError as exc:
                raise InputError(where, f"malformed JSON ({exc.msg} at column {exc.colno}); "
                                        "each line must be one JSON object", code="E006") from exc
            if not isinstance(record, dict):
                raise InputError(where, f"expected a JSON object, got {type(record).__name__}",
                                 code="E006")
            yield article_from_fields(record, where, doc_id=_record_id(record, where),
                                      published=published)
        except InputError as err:
            yield as_failure(err)
    if records == 0:
        raise InputError(name, "no JSON records (only blank lines)", code="E001")


def _record_id(record: dict[str, object], where: str) -> str:
    value = record.get("id")
    if value is None or value == "":
        return where
    if isinstance(value, str | int):
        return str(value)
    raise InputError(where, f"field 'id' must be a string or integer, not {type(value).__name__}",
                     code="E006")


def _decode_line(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = raw[exc.start:exc.start + 1].hex()
        raise InputError(where, f"line is not valid UTF-8 (byte 0x{bad} at offset {exc.start} "
                                "of the line)", code="E003") from exc


def read_csv_file(path: Path, name: str, *, published: date | None,
                  max_bytes: int) -> Iterator[Result]:
    """A ``.csv`` file with a header row naming the record fields."""
    yield from read_csv(_open_lines(path, name, max_bytes), name,
                        published=published, max_bytes=max_bytes)


def _csv_text_lines(lines: NumberedLines, name: str, max_bytes: int) -> Iterator[str]:
    for number, raw in lines:
        if raw is None:
            raise InputError(f"{name}:{number}", f"line is over the {human_size(max_bytes)} "
                                                 "limit; reading of this file stopped", code="E004")
        raw = raw.removeprefix(_BOM) if number == 1 else raw
        yield _decode_line(raw, f"{name}:{number}")


def read_csv(lines: NumberedLines, name: str, *, published: date | None,
             max_bytes: int) -> Iterator[Result]:
    """Records from CSV lines; a file without a text column is one Failure (E007)."""
    # The default 128 kB field limit is smaller than many articles; the limit is
    # process-wide, so it is only ever raised.
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes))
    reader = csv.reader(_csv_text_lines(lines, name, max_bytes))
    header = next(reader, None)
    if header is None:
        raise InputError(name, "file is empty (no header row)", code="E001")
    columns = [cell.strip().lower() for cell in header]
    if "text" not in columns and "html" not in columns:
        listed = ", ".join(cell.strip() for cell in header) or "none"
        raise InputError(name, f"no 'text' or 'html' column (columns: {listed})", code="E007")
    records, previous = 0, reader.line_num
    while True:
        start = previous + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            previous = reader.line_num
            records += 1
            yield Failure(f"{name}:{start}", f"malformed CSV row ({exc})", "E006")
            continue
        previous = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        records += 1
        where = f"{name}:{start}"
        if len(row) > len(columns):
            yield Failure(where, f"row has {len(row)} cells but the header has {len(columns)}",
                          "E006")
            continue
        fields = dict(zip(columns, row, strict=False))
        try:
            yield article_from_fields(fields, where, doc_id=fields.get("id") or where,
                                      published=published)
        except InputError as err:
            yield as_failure(err)
    if records == 0:
        raise InputError(name, "file has a header row but no records", code="E001")
