"""Write resolved place mentions (``eventwire places``) as JSONL, JSON, CSV or a table."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..errors import UsageError

PLACE_FORMATS: tuple[str, ...] = ("jsonl", "json", "csv", "table")
PLACE_COLUMNS: tuple[str, ...] = (
    "doc_id", "field", "start", "end", "text", "kind", "geonameid", "resolved_place", "lat", "lon",
    "country_code", "admin1", "feature_code", "resolution", "confidence",
)


def write_places(rows: Iterable[dict[str, Any]], fmt: str, stream: TextIO) -> int:
    """Write place rows (``PlaceMention.to_dict``) in ``fmt``; return the count."""
    if fmt not in PLACE_FORMATS:
        raise UsageError(f"unknown output format {fmt!r}; expected one of "
                         f"{', '.join(PLACE_FORMATS)}")
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=PLACE_COLUMNS, lineterminator="\n")
        writer.writeheader()
    elif fmt == "table":
        stream.write(f"{'doc':<16} {'text':<22} {'kind':<8} {'resolved':<24} {'cc':<4} "
                     f"{'lat':>9} {'lon':>10} {'feature':<7}\n")
    for row in rows:
        if fmt == "jsonl":
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif fmt == "json":
            stream.write(("[\n" if count == 0 else ",\n") + json.dumps(row, ensure_ascii=False))
        elif fmt == "csv":
            writer.writerow({k: "" if row.get(k) is None else row[k] for k in PLACE_COLUMNS})
        else:
            stream.write(_table_line(row))
        count += 1
    if fmt == "json":
        stream.write("\n]\n" if count else "[]\n")
    return count


def _table_line(row: dict[str, Any]) -> str:
    def cut(value: Any, width: int) -> str:
        text = "" if value is None else str(value)
        return text if len(text) <= width else text[:width - 1] + "…"

    lat = "" if row["lat"] is None else f"{row['lat']:.4f}"
    lon = "" if row["lon"] is None else f"{row['lon']:.4f}"
    return (f"{cut(row['doc_id'], 16):<16} {cut(row['text'], 22):<22} {row['kind']:<8} "
            f"{cut(row['resolved_place'] or '(unresolved)', 24):<24} "
            f"{cut(row['country_code'], 4):<4} {lat:>9} {lon:>10} "
            f"{cut(row['feature_code'], 7):<7}\n")
