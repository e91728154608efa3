"""The event store: one DuckDB file holding articles, events, places and failures.

An article is identified by the hash of its title and text, so the same article
read twice — from another path, another feed, or a rerun after a crash — is stored
once. Each batch of articles is written in one transaction together with its events,
actors and places: a killed process loses at most the batch in flight, and the next
run codes it again.

DuckDB allows one writing process per file. A second writer waits up to ``wait``
seconds for the first to finish, then stops with a clear error; readers
(``read_only=True``) never block a writer's data, only its lock.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import time
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from ..errors import EventwireError
from ..model import Article, Coded, Event, Failure
from . import missing_modules  # noqa: F401 - makes DuckDB's per-parameter pandas probe cheap
from .schema import LATEST, MIGRATIONS, code_key

log = logging.getLogger(__name__)
DEFAULT_DB = "eventwire.duckdb"


class StoreError(EventwireError):
    code = "E050"


def content_hash(article: Article) -> str:
    """The identity of an article: its title and text, whatever its id or path."""
    return hashlib.sha256(f"{article.title or ''}\n\n{article.text}".encode()).hexdigest()


class Store:
    """A connection to one store file. Use as a context manager."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False,
                 wait: float = 10.0) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.conn = _connect(self.path, read_only, wait)
        if not read_only:
            self._migrate()
        elif self.version() != LATEST:
            raise StoreError(f"{self.path}: store schema {self.version()} is not the "
                             f"current {LATEST}; open it once for writing to migrate")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    # -- schema ----------------------------------------------------------------
    def version(self) -> int:
        try:
            row = self.conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
        except duckdb.CatalogException:
            return 0
        return int(row[0]) if row and row[0] is not None else 0

    def _migrate(self) -> None:
        self.conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                          "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)")
        current = self.version()
        for number, name, sql in MIGRATIONS:
            if number <= current:
                continue
            log.info("store %s: migration %d (%s)", self.path, number, name)
            self.conn.execute("BEGIN TRANSACTION")
            try:
                self.conn.execute(sql)
                self.conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                                  [number, name, datetime.now()])
                self.conn.execute("COMMIT")
            except duckdb.Error as exc:
                _rollback(self.conn)
                raise StoreError(f"{self.path}: migration {number} failed: "
                                 f"{_first_line(str(exc))}") from exc

    # -- writing ---------------------------------------------------------------
    def reader(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own, for use from one other thread."""
        return self.conn.cursor()

    def known(self, hashes: Iterable[str], *,
              conn: duckdb.DuckDBPyConnection | None = None) -> set[str]:
        """The hashes among ``hashes`` whose article is already stored."""
        wanted = list(set(hashes))
        if not wanted:
            return set()
        rows = (conn or self.conn).execute(
            "SELECT content_hash FROM articles WHERE content_hash IN "
            "(SELECT unnest(?::VARCHAR[]))", [wanted]).fetchall()
        return {r[0] for r in rows}

    def add(self, results: Iterable[Coded | Failure]) -> tuple[int, int]:
        """Store a batch in one transaction; returns (articles added, events added).

        Articles already stored are skipped; a failure is recorded (or its attempt
        count raised) under its input name.
        """
        results = list(results)
        coded = [r for r in results if isinstance(r, Coded)]
        fresh = self.known(content_hash(c.article) for c in coded)
        now = datetime.now()
        articles: list[list[Any]] = []
        events: list[list[Any]] = []
        actors: list[list[Any]] = []
        places: list[list[Any]] = []
        seen: set[str] = set()
        for c in coded:
            key = content_hash(c.article)
            if key in fresh or key in seen:
                continue
            seen.add(key)
            a = c.article
            articles.append([key, a.doc_id, a.title, a.text, a.published, a.url, a.source, now,
                             len(c.events)])
            for e in c.events:
                events.append(_event_row(e, key))
                actors.extend(_actor_rows(e))
                if e.event_loc:
                    places.append(_place_row(e))
        self.conn.execute("BEGIN TRANSACTION")
        try:
            _insert(self.conn, "INSERT INTO articles", articles)
            _insert(self.conn, "INSERT OR IGNORE INTO events", events)
            _insert(self.conn, "INSERT INTO event_actors", actors)
            _insert(self.conn, "INSERT OR IGNORE INTO event_places", places)
            for f in (r for r in results if isinstance(r, Failure)):
                self.conn.execute(
                    "INSERT INTO failures VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT DO UPDATE "
                    "SET reason = excluded.reason, last_seen = excluded.last_seen, "
                    "attempts = failures.attempts + 1", [f.input_name, f.reason, f.code, now, now])
            self.conn.execute("COMMIT")
        except duckdb.Error as exc:
            _rollback(self.conn)
            raise StoreError(f"{self.path}: cannot write to the store: "
                             f"{_first_line(str(exc))}. Articles stored before this batch "
                             "are kept; run the same command again once this is fixed") from exc
        return len(articles), len(events)

    # -- reading ---------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "events", "failures", "clusters", "corrections"):
            row = self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    def records(self, sql: str = "SELECT record FROM events ORDER BY id",
                params: list[Any] | None = None) -> Iterator[dict[str, Any]]:
        """Stream the stored PLOVER records a query selects (one JSON column)."""
        cursor = self.conn.execute(sql, params or [])
        while rows := cursor.fetchmany(1000):
            for row in rows:
                yield json.loads(row[0])


def _connect(path: Path, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    if read_only and not path.exists():
        raise StoreError(f"{path}: no such store; 'eventwire ingest' creates it")
    if not read_only:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path}: cannot create its directory: {exc.strerror}") from exc
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            message = str(exc)
            if "lock" in message.lower():
                if time.monotonic() < deadline:
                    time.sleep(0.5)
                    continue
                raise StoreError(f"{path} is in use by another eventwire process; it "
                                 f"allows one writer at a time (waited {wait:.0f}s)") from exc
            raise StoreError(f"{path}: cannot open the store: {_first_line(message)}") from exc
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"{path}: cannot open the store: {_first_line(str(exc))}") from exc


def _insert(conn: duckdb.DuckDBPyConnection, statement: str, rows: list[list[Any]],
            per_statement: int = 200) -> None:
    """Insert rows with multi-row VALUES statements (DuckDB's executemany runs one
    statement per row, which made a batch of 64 articles take over a second)."""
    for i in range(0, len(rows), per_statement):
        chunk = rows[i:i + per_statement]
        marks = "(" + ",".join("?" * len(chunk[0])) + ")"
        conn.execute(f"{statement} VALUES {','.join([marks] * len(chunk))}",
                     [value for row in chunk for value in row])


def _rollback(conn: duckdb.DuckDBPyConnection) -> None:
    """Roll back if a transaction is still open (a failed COMMIT may have ended it)."""
    with contextlib.suppress(duckdb.Error):
        conn.execute("ROLLBACK")


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


def _codes(entities: Iterable[Any], attr: str) -> list[str]:
    return [getattr(e, attr) for e in entities if getattr(e, attr)]


def _event_row(e: Event, key: str) -> list[Any]:
    loc = e.event_loc or {}
    codes = [_codes(e.actor, "code"), _codes(e.recipient, "code"),
             _codes(e.actor, "sector"), _codes(e.recipient, "sector")]
    # not yet clustered (cluster_id NULL), so canonical until dedup says otherwise
    return [e.id, key, e.doc_id, e.event, list(e.mode), list(e.context), e.quad_code,
            e.event_scale, e.event_text, e.sentence, list(e.auxiliary), e.dead, e.injured,
            e.arrested, e.date, e.date_precision, e.date_basis, e.confidence, *codes,
            loc.get("lat"), loc.get("lon"), loc.get("country_code"), None,
            json.dumps(e.to_dict(), ensure_ascii=False), "ok", True,
            *(code_key(c) for c in codes)]


def _actor_rows(e: Event) -> list[list[Any]]:
    rows = []
    for role, entities in (("actor", e.actor), ("recipient", e.recipient)):
        for i, x in enumerate(entities):
            rows.append([e.id, role, i, x.entity_text, x.code, x.sector, x.start, x.end])
    return rows


def _place_row(e: Event) -> list[Any]:
    loc = e.event_loc or {}
    return [e.id, loc.get("extracted_place"), loc.get("resolved_place"), loc.get("geonameid"),
            loc.get("lat"), loc.get("lon"), loc.get("country_code"), loc.get("admin1"),
            loc.get("feature_code"), loc.get("resolution"), loc.get("start"), loc.get("end"),
            loc.get("basis")]
