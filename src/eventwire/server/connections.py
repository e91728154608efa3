"""The server's one store connection: a cursor per reading thread, one writer.

DuckDB allows one process per file when writing, so the server opens the store once.
Every request reads through a cursor of its own thread (cursors are cheap connections
to the same database; reusing one per thread saves creating one per request). Writes
— corrections — are serialised through one lock on the main connection; readers see
each correction once it is committed. With ``index=True`` pages of events come from
an in-memory :class:`~.index.PageIndex`, built in the background from the start.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb

from ..store.db import Store
from .index import PageIndex

T = TypeVar("T")


class WritesDisabled(Exception):
    """The store was opened read-only (the server has no token)."""


class Connections:
    """The store, opened once: read-write when ``writable``, read-only otherwise."""

    def __init__(self, db_path: str | Path, *, writable: bool, threads: int | None = None,
                 index: bool = False) -> None:
        self.store = Store(db_path, read_only=not writable)
        self.writable = writable
        self._local = threading.local()
        self._write_lock = threading.Lock()
        if threads:
            self.store.conn.execute("SET threads = ?", [threads])
        self.index: PageIndex | None = None
        if index:
            self.index = PageIndex(self.fresh_reader)
            self.index.start()

    @property
    def index_status(self) -> str:
        return "off" if self.index is None else self.index.status

    def reader(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor (created on first use)."""
        cursor: duckdb.DuckDBPyConnection | None = getattr(self._local, "cursor", None)
        if cursor is None:
            cursor = self.store.conn.cursor()
            self._local.cursor = cursor
        return cursor

    def fresh_reader(self) -> duckdb.DuckDBPyConnection:
        """A cursor for a long read (a streamed export); the caller closes it."""
        return self.store.conn.cursor()

    def write(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run ``work`` on the writing connection, one writer at a time."""
        if not self.writable:
            raise WritesDisabled("the store is open read-only")
        with self._write_lock:
            return work(self.store.conn)

    def close(self) -> None:
        if self.index is not None:
            self.index.stop()  # a build reading a closed store would fail noisily
        self.store.close()
