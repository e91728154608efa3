"""Questions to the store: events by category, sides, sectors, dates, area and words.

:class:`Filters` is what the CLI's ``query``, ``export`` and the server all pass;
:func:`select` turns it into one parameterised SQL query (never string-built from
user values). Canonical events (one per real-world event, see ``dedup``) are the
default; ``mentions=True`` gives every report.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb

from ..errors import UsageError
from . import corrections
from .schema import KEY_DELIMITER, code_key

RECORDS_PER_FETCH = 500


@dataclass
class Filters:
    categories: list[str] = field(default_factory=list)
    actor: list[str] = field(default_factory=list)  # country codes, any of
    recipient: list[str] = field(default_factory=list)
    actor_sector: list[str] = field(default_factory=list)
    recipient_sector: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)  # where it happened (ISO-3)
    since: date | None = None
    until: date | None = None
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    text: str | None = None
    mentions: bool = False
    include_wrong: bool = False  # events an analyst marked wrong
    limit: int | None = 100
    offset: int = 0


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    try:
        parts = tuple(float(x) for x in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4 or not (parts[0] <= parts[2] and parts[1] <= parts[3]):
        raise UsageError(f"--bbox {value!r}: expected MIN_LON,MIN_LAT,MAX_LON,MAX_LAT")
    return parts[0], parts[1], parts[2], parts[3]


def where(f: Filters) -> tuple[str, list[Any]]:
    """The WHERE clause (over ``events e``) and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    if not f.mentions:
        clauses.append("e.canonical")  # (cluster_id IS NULL OR cluster_id = id), stored
    if not f.include_wrong:
        clauses.append("e.status <> 'wrong'")
    # (IN (?, ?) and list_contains are several times faster here than unnest/list_has_any)
    for column, values in (("event", f.categories), ("place_country", f.country)):
        if values:
            clauses.append(f"e.{column} IN ({','.join('?' * len(values))})")
            params.extend(v.upper() for v in values)
    # contains() on the '|A|B|' keys scans several times faster than list_contains on the
    # lists; a value holding the delimiter (or none) could match across codes: the list
    for key, codes, values in (("actor_key", "actor_codes", f.actor),
                               ("recipient_key", "recipient_codes", f.recipient),
                               ("actor_sector_key", "actor_sectors", f.actor_sector),
                               ("recipient_sector_key", "recipient_sectors",
                                f.recipient_sector)):
        if values:
            tests: list[str] = []
            for value in (v.upper() for v in values):
                if not value or KEY_DELIMITER in value:
                    tests.append(f"list_contains(e.{codes}, ?)")
                    params.append(value)
                else:
                    tests.append(f"contains(e.{key}, ?)")
                    params.append(code_key([value]))
            clauses.append("(" + " OR ".join(tests) + ")")
    if f.since:
        clauses.append("e.date >= ?")
        params.append(f.since)
    if f.until:
        clauses.append("e.date <= ?")
        params.append(f.until)
    if f.bbox:
        clauses.append("e.lon BETWEEN ? AND ? AND e.lat BETWEEN ? AND ?")
        params.extend([f.bbox[0], f.bbox[2], f.bbox[1], f.bbox[3]])
    if f.text:
        clauses.append("contains(lower(e.sentence), ?)")
        params.append(f.text.lower())
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def select(f: Filters) -> tuple[str, list[Any]]:
    """SQL giving the matching events' ids, newest first (a page of them with a limit)."""
    clause, params = where(f)
    sql = f"SELECT e.id FROM events e{clause} ORDER BY e.date DESC NULLS LAST, e.id"
    if f.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [f.limit, f.offset]
    return sql, params


def page(conn: duckdb.DuckDBPyConnection, f: Filters) -> Iterator[dict[str, Any]]:
    """The matching events' PLOVER records with ``num_mentions`` and ``num_sources``.

    Two steps: the ids first (sorting narrow rows), then the records of just those —
    sorting the records themselves is what makes a page slow on a big store.
    """
    sql, params = select(f)
    cursor = conn.execute(sql, params)
    while ids := [row[0] for row in cursor.fetchmany(RECORDS_PER_FETCH)]:
        marks = ",".join("?" * len(ids))
        rows = dict(
            (row[0], row[1:]) for row in conn.cursor().execute(
                "SELECT e.id, e.record, c.num_mentions, c.num_sources FROM events e "
                "LEFT JOIN clusters c ON c.cluster_id = e.cluster_id "
                f"WHERE e.id IN ({marks})", ids).fetchall())
        fixes = corrections.for_events(conn.cursor(), ids)
        for event_id in ids:
            record, mentions, sources = rows[event_id]
            out = corrections.apply(json.loads(record), fixes.get(event_id, []))
            out["num_mentions"], out["num_sources"] = mentions or 1, sources or 1
            yield out


def counts_by_day(f: Filters) -> tuple[str, list[Any]]:
    """SQL of (day, category, events) for a time-series chart."""
    clause, params = where(f)
    return (f"SELECT e.date, e.event, count(*) FROM events e{clause} "
            "GROUP BY ALL ORDER BY 1, 2"), params


def export_rows(conn: duckdb.DuckDBPyConnection, f: Filters) -> Iterator[dict[str, Any]]:
    """Records for ``eventwire export``: each with its article's ``source_url`` and
    ``published`` and, for a canonical event, every report of it as ``mentions``."""
    batch: list[dict[str, Any]] = []
    for record in page(conn, f):
        batch.append(record)
        if len(batch) >= RECORDS_PER_FETCH:
            yield from _with_mentions(conn, batch)
            batch = []
    yield from _with_mentions(conn, batch)


def _with_mentions(conn: duckdb.DuckDBPyConnection,
                   records: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    if not records:
        return
    ids = [r["id"] for r in records]
    marks = ",".join("?" * len(ids))
    rows = conn.cursor().execute(
        "SELECT coalesce(e.cluster_id, e.id), e.id, e.doc_id, a.url, a.source, a.published "
        "FROM events e JOIN articles a ON a.content_hash = e.content_hash "
        f"WHERE e.id IN ({marks}) OR e.cluster_id IN ({marks}) ORDER BY e.id", ids + ids
    ).fetchall()
    mentions: dict[str, list[dict[str, Any]]] = {}
    own: dict[str, tuple[Any, Any]] = {}
    for cluster, event_id, doc_id, url, source, published in rows:
        mentions.setdefault(cluster, []).append(
            {"id": event_id, "doc_id": doc_id, "url": url, "source": source})
        own[event_id] = (url, published)
    for r in records:
        url, published = own.get(r["id"], (None, None))
        r["source_url"] = url
        r["published"] = published.isoformat() if published else None
        r["mentions"] = mentions.get(r["id"], [])
        yield r
