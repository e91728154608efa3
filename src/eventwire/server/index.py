"""An in-memory index of the served store that answers ``/api/events`` pages.

Through SQL a page costs tens of milliseconds of CPU on a million events: a scan for
the matching ids and their count, then a lookup of the hundred records on the page.
Twenty analysts paging at once then queue. The index holds what the filters test —
category, country, the sides' codes and sectors, date, point, canonical, hidden — as
numpy arrays in the default order (date descending, undated last, then id), and each
event's answer as JSON bytes, so a page is a few vector comparisons and a byte join.

It stays exact because the served store cannot change under the server except through
the server's own corrections: DuckDB lets one process write, and a read-only open
shuts writers out. After a correction the server calls :meth:`PageIndex.refresh` with
the events it touched. Questions it cannot answer (``text``) go to SQL, as does every
question while the index is being built (:meth:`PageIndex.start` builds it in the
background; ``eventwire serve --no-index`` never does).
"""

from __future__ import annotations

import contextlib
import json
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import duckdb
import numpy as np

from ..store.query import Filters
from . import views

Cursor = duckdb.DuckDBPyConnection
ORDER = "e.date DESC NULLS LAST, e.id"  # the positions' order (views.SORTS["-date"])
SIDES = {"actor": "actor_codes", "recipient": "recipient_codes",
         "actor_sector": "actor_sectors", "recipient_sector": "recipient_sectors"}
UNDATED = np.iinfo(np.int32).min  # sorts last in the descending order
CHUNK = 20_000  # answers per fetch (and joined chunk) while building
EPOCH = date(1970, 1, 1)
REFRESH_BATCH = 200  # events read back at a time (views.events_by_id binds each id)


@dataclass(frozen=True)
class Codes:
    """A multi-valued column (an event's actor codes, say): ``columns[k][i]`` is the
    vocabulary number of event i's k-th value, 0 when it has fewer."""
    columns: tuple[np.ndarray, ...]
    vocab: dict[str, int]

    def any_of(self, values: Iterable[str], lo: int, hi: int) -> np.ndarray:
        """Whether each event in positions [lo, hi) has one of ``values``."""
        out = np.zeros(hi - lo, dtype=bool)
        wanted = [self.vocab[v] for v in values if v in self.vocab]
        if not wanted:
            return out  # no event has any of them
        for column in self.columns:
            out |= _one_of(column[lo:hi], wanted)
        return out


@dataclass(frozen=True)
class State:
    """The index at one moment; replaced whole, never changed, so a reader that took
    it answers from one consistent state while a refresh builds the next."""
    dated: int  # positions [0, dated) have a date, descending; the rest none
    days: np.ndarray  # int32 days since 1970-01-01, UNDATED for none
    neg_days: np.ndarray  # -days of the dated part: ascending, for searchsorted
    event: Codes
    country: Codes
    sides: dict[str, Codes]
    lat: np.ndarray
    lon: np.ndarray
    canonical: np.ndarray
    hidden: np.ndarray  # status 'wrong' (or none): out unless include_wrong
    chunks: tuple[bytes, ...]  # the answers, joined a fetch at a time
    chunk_of: np.ndarray  # event i's answer is chunks[chunk_of[i]][starts[i]:ends[i]]
    starts: np.ndarray
    ends: np.ndarray
    overrides: dict[int, bytes]  # refreshed answers by position

    @property
    def size(self) -> int:
        return len(self.days)

    def answer(self, pos: int) -> bytes:
        found = self.overrides.get(pos)
        if found is not None:
            return found
        return self.chunks[self.chunk_of[pos]][self.starts[pos]:self.ends[pos]]


class PageIndex:
    """Pages of events from memory; ``page_json`` gives None when SQL must answer."""

    def __init__(self, open_cursor: Callable[[], Cursor], *,
                 log: Callable[[str], None] | None = None) -> None:
        self._open_cursor = open_cursor
        self._log = log or (lambda message: print(message, file=sys.stderr))
        self._state: State | None = None
        self._lock = threading.Lock()  # one build or refresh at a time
        self._pending: set[str] = set()  # touched while building: refreshed after
        self._ready = threading.Event()
        self._building: Cursor | None = None
        self._stopping = False
        self.status = "building"

    # -- building ----------------------------------------------------------------
    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.build, name="eventwire-index", daemon=True)
        thread.start()
        return thread

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the index is built (or failed); whether it is ready."""
        self._ready.wait(timeout)
        return self._state is not None

    def build(self) -> None:
        started = time.perf_counter()
        try:
            cur = self._building = self._open_cursor()
            try:
                state = _load(cur, self._check)
                with self._lock:  # corrections made meanwhile wait, then are read in
                    pending, self._pending = self._pending, set()
                    self._state = _refreshed(state, cur, pending)
            finally:
                self._building = None
                cur.close()
        except Exception as exc:  # the index only saves time: SQL still answers
            self._state = None
            if self._stopping:
                self.status = "stopped"
            else:
                self._fail(exc)
        else:
            self.status = "ready"
            self._log(f"eventwire: page index ready ({state.size:,} events, "
                      f"{time.perf_counter() - started:.1f}s)")
        finally:
            self._ready.set()

    def stop(self) -> None:
        """Interrupt a build under way (the server is shutting down) and wait for it."""
        self._stopping = True
        building = self._building
        if building is not None:
            with contextlib.suppress(duckdb.Error):  # the build closed it meanwhile
                building.interrupt()
        self._ready.wait()

    def _fail(self, exc: Exception) -> None:
        self.status = f"failed: {type(exc).__name__}: {exc}"
        self._log(f"eventwire: no page index ({self.status}); pages come from SQL")

    def _check(self) -> None:
        if self._stopping:
            raise InterruptedError("the server is shutting down")

    def refresh(self, cur: Cursor, ids: Iterable[str]) -> None:
        """Read the events ``ids`` again (after a correction touched them). If that
        fails the index is dropped, so SQL answers rather than a stale index."""
        with self._lock:
            if self._state is None:
                if self.status == "building":
                    self._pending.update(ids)
                return
            try:
                self._state = _refreshed(self._state, cur, set(ids))
            except Exception as exc:  # the correction is stored; only the index is lost
                self._state = None
                self._fail(exc)

    # -- answering ---------------------------------------------------------------
    def page_json(self, f: Filters, *, limit: int, offset: int, sort: str) -> bytes | None:
        """The page as the JSON body of ``/api/events``, or None if SQL must answer."""
        state = self._state
        if state is None or f.text:
            return None
        matches = _matches(state, f)
        total = len(matches)
        if sort == "-date":
            chosen: Sequence[int] = matches[offset:offset + limit].tolist()
        else:
            chosen = _ascending(state, matches, offset, limit)
        head = b'{"total": %d, "limit": %d, "offset": %d, "events": [' % (total, limit, offset)
        return head + b", ".join(state.answer(p) for p in chosen) + b"]}"


# -- matching --------------------------------------------------------------------------
def _one_of(column: np.ndarray, wanted: list[int]) -> np.ndarray:
    if len(wanted) == 1:
        return column == wanted[0]
    if len(wanted) <= 4:
        out = column == wanted[0]
        for w in wanted[1:]:
            out |= column == w
        return out
    return np.isin(column, wanted)


def _day(d: date) -> int:
    return (d - EPOCH).days


def _matches(s: State, f: Filters) -> np.ndarray:
    """Positions of the matching events, ascending (= the default order)."""
    lo, hi = 0, s.size
    if f.since is not None or f.until is not None:
        hi = s.dated  # a date filter leaves the undated out, as SQL's comparisons do
        if f.since is not None:
            hi = int(np.searchsorted(s.neg_days, -_day(f.since), side="right"))
        if f.until is not None:
            lo = int(np.searchsorted(s.neg_days, -_day(f.until), side="left"))
        if hi <= lo:
            return np.empty(0, dtype=np.int64)
    tests: list[np.ndarray] = []
    if not f.mentions:
        tests.append(s.canonical[lo:hi])
    if not f.include_wrong:
        tests.append(~s.hidden[lo:hi])
    if f.categories:
        tests.append(s.event.any_of((v.upper() for v in f.categories), lo, hi))
    if f.country:
        tests.append(s.country.any_of((v.upper() for v in f.country), lo, hi))
    for side, values in (("actor", f.actor), ("recipient", f.recipient),
                         ("actor_sector", f.actor_sector),
                         ("recipient_sector", f.recipient_sector)):
        if values:
            tests.append(s.sides[side].any_of((v.upper() for v in values), lo, hi))
    if f.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        lon, lat = s.lon[lo:hi], s.lat[lo:hi]
        tests.append((lon >= min_lon) & (lon <= max_lon) & (lat >= min_lat) & (lat <= max_lat))
    if not tests:
        return np.arange(lo, hi, dtype=np.int64)
    mask = tests[0].copy()
    for t in tests[1:]:
        mask &= t
    return np.flatnonzero(mask) + lo


def _ascending(s: State, matches: np.ndarray, offset: int, limit: int) -> list[int]:
    """Items [offset, offset + limit) of the matches in ascending order: oldest date
    first, then id, undated last. The positions hold dates descending with ids
    ascending inside a day, so the oldest matches are the last ones, a day at a time."""
    split = int(np.searchsorted(matches, s.dated))
    dated, undated = matches[:split], matches[split:]
    want = offset + limit
    out: list[int] = []
    if offset < len(dated) and limit > 0:
        cut = max(0, len(dated) - want)
        # widen the cut to the start of its day, so the day's ids stay in order
        first_of_day = int(np.searchsorted(s.neg_days, -s.days[dated[cut]], side="left"))
        cut = int(np.searchsorted(dated, first_of_day, side="left"))
        tail = dated[cut:]
        ordered = tail[np.lexsort((tail, s.days[tail]))]
        out = ordered[offset:want].tolist()
    if want > len(dated):
        start = max(0, offset - len(dated))
        out += undated[start:want - len(dated)].tolist()
    return out


# -- loading ---------------------------------------------------------------------------
# The answer of an uncorrected event is its stored record with the fields
# views.events_by_id adds spliced in before the closing brace — in SQL, so a million
# answers cost no Python per event. Records where splicing could be wrong (they already
# hold one of those fields, perhaps spelled with \u escapes, or a value JSON has no
# word for) are answered by views.present instead, as corrected events are.
_OWN_FIELDS = (r'"(cluster_id|status|corrected|num_mentions|num_sources|article)"\s*:'
               r'|"[^"]*\\u[^"]*"\s*:|NaN|Infinity')
_ANSWERS = f"""
SELECT o.pos, encode(a.answer), CASE WHEN a.answer IS NULL THEN a.id END FROM (
  SELECT id, CASE WHEN starts_with(rec, '{{') AND ends_with(rec, '}}') AND strlen(rec) > 2
                   AND NOT regexp_matches(rec, '{_OWN_FIELDS}')
              THEN left(rec, -1) || ', "cluster_id": ' || to_json(cluster)
                   || ', "status": "ok", "corrected": [], "num_mentions": ' || mentions
                   || ', "num_sources": ' || sources || ', "article": ' || to_json(key) || '}}'
              END AS answer
  FROM (SELECT e.id, e.record::VARCHAR AS rec, coalesce(e.cluster_id, e.id) AS cluster,
               coalesce(nullif(c.num_mentions, 0), 1) AS mentions,
               coalesce(nullif(c.num_sources, 0), 1) AS sources, e.content_hash AS key
        FROM events e LEFT JOIN clusters c ON c.cluster_id = e.cluster_id)) a
JOIN ew_order o ON o.id = a.id"""
_COLUMNS = (f"coalesce(e.date - DATE '1970-01-01', {UNDATED}) AS day, e.event, "
            "e.place_country, e.lat, e.lon, coalesce(e.canonical, false) AS canonical, "
            "coalesce(e.status, 'wrong') = 'wrong' AS hidden")


def _load(cur: Cursor, check: Callable[[], None]) -> State:
    """Read the whole store: the columns at once, the answers a fetch at a time (in
    whatever order they come: each carries its position). ``check`` raises to stop."""
    cols = cur.execute(f"SELECT {_COLUMNS} FROM events e ORDER BY {ORDER}").fetchnumpy()
    check()
    size = len(cols["day"])
    cur.execute(f"CREATE OR REPLACE TEMP TABLE ew_order AS SELECT e.id, "
                f"row_number() OVER (ORDER BY {ORDER}) - 1 AS pos FROM events e")
    try:
        sides = {}
        for side, column in SIDES.items():
            check()
            sides[side] = _codes(cur.execute(
                f"SELECT o.pos, u.code FROM (SELECT e.id, unnest(e.{column}) AS code "
                f"FROM events e) u JOIN ew_order o ON o.id = u.id").fetchnumpy(), size)
        check()
        chunks, chunk_of, starts, ends, odd = _answers(cur, size, check)
        corrected = {r[0] for r in cur.execute(
            "SELECT DISTINCT event_id FROM corrections").fetchall()}
    finally:
        cur.execute("DROP TABLE IF EXISTS ew_order")
    days = np.asarray(cols["day"], dtype=np.int32)
    dated = int(np.count_nonzero(days != UNDATED))
    state = State(
        dated=dated, days=days, neg_days=-days[:dated].astype(np.int64),
        event=_codes({"pos": np.arange(size), "code": cols["event"]}, size),
        country=_codes({"pos": np.arange(size), "code": cols["place_country"]}, size),
        sides=sides, lat=_floats(cols["lat"]), lon=_floats(cols["lon"]),
        canonical=np.asarray(cols["canonical"], dtype=bool),
        hidden=np.asarray(cols["hidden"], dtype=bool),
        chunks=chunks, chunk_of=chunk_of, starts=starts, ends=ends, overrides={})
    # the odd records and the corrected events are answered by views.present
    return _refreshed(state, cur, corrected | set(odd))


def _answers(cur: Cursor, size: int, check: Callable[[], None]
             ) -> tuple[tuple[bytes, ...], np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """The answers, joined a fetch at a time in the order they stream (each row
    carries its position); where each one is (chunk, start, end); and the ids of the
    events whose record could not be spliced."""
    cur.execute(_ANSWERS)
    chunks: list[bytes] = []
    chunk_of = np.zeros(size, dtype=np.int32)
    starts = np.zeros(size, dtype=np.int64)
    ends = np.zeros(size, dtype=np.int64)
    odd: list[str] = []
    while rows := cur.fetchmany(CHUNK):
        check()
        parts = [answer or b"" for _, answer, _ in rows]
        lengths = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
        pos = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        chunk_of[pos] = len(chunks)
        ends[pos] = np.cumsum(lengths)
        starts[pos] = ends[pos] - lengths
        chunks.append(b"".join(parts))
        odd.extend(r[2] for r in rows if r[2] is not None)
    return tuple(chunks), chunk_of, starts, ends, odd


def _floats(values: np.ndarray) -> np.ndarray:
    """A column of numbers with NaN where the store has none (never in a range)."""
    return np.asarray(np.ma.filled(np.ma.asarray(values, dtype=np.float64), np.nan))


def _codes(found: dict[str, np.ndarray], size: int) -> Codes:
    """:class:`Codes` from (position, value) pairs: a position's values in slots."""
    pos = np.asarray(found["pos"], dtype=np.int64)
    values = found["code"]
    keep = ~np.ma.getmaskarray(values) if isinstance(values, np.ma.MaskedArray) else None
    raw = values.data if isinstance(values, np.ma.MaskedArray) else values
    if keep is not None:
        pos, raw = pos[keep], raw[keep]
    vocab: dict[str, int] = {}
    numbers = np.fromiter((vocab.setdefault(v, len(vocab) + 1) for v in raw.tolist()),
                          dtype=np.int64, count=len(raw))
    order = np.argsort(pos, kind="stable")
    pos, numbers = pos[order], numbers[order]
    counts = np.bincount(pos, minlength=size) if len(pos) else np.zeros(size, np.int64)
    slot = np.arange(len(pos)) - np.repeat(np.cumsum(counts) - counts, counts)
    dtype = np.uint16 if len(vocab) < 2 ** 16 else np.uint32
    columns = []
    for k in range(int(counts.max()) if len(counts) else 0):
        column = np.zeros(size, dtype=dtype)
        at = slot == k
        column[pos[at]] = numbers[at]
        columns.append(column)
    return Codes(columns=tuple(columns), vocab=vocab)


# -- refreshing ------------------------------------------------------------------------
def _refreshed(s: State, cur: Cursor, ids: set[str]) -> State:
    """``s`` with the events ``ids`` read again from the store (dates never change,
    so their positions stay; a correction changes codes, status and clusters)."""
    if not ids:
        return s
    wanted = sorted(ids)
    lists = ", ".join(f"e.{column}" for column in SIDES.values())
    rows = cur.execute(
        f"SELECT o.pos, {_COLUMNS}, {lists}, e.id FROM events e JOIN (SELECT e.id, "
        f"row_number() OVER (ORDER BY {ORDER}) - 1 AS pos FROM events e) o ON o.id = e.id "
        "JOIN (SELECT unnest(?) AS id) w ON w.id = e.id", [wanted]).fetchall()
    found: dict[str, dict[str, Any]] = {}
    for at in range(0, len(rows), REFRESH_BATCH):
        found |= views.events_by_id(cur, [row[-1] for row in rows[at:at + REFRESH_BATCH]])
    event, country = _Patch(s.event, s.size), _Patch(s.country, s.size)
    sides = {side: _Patch(codes, s.size) for side, codes in s.sides.items()}
    canonical, hidden = s.canonical.copy(), s.hidden.copy()
    overrides = dict(s.overrides)
    for pos, _day, ev, ctry, _y, _x, canon, hide, a, r, asec, rsec, event_id in rows:
        canonical[pos], hidden[pos] = canon, hide
        event.set(pos, [ev])
        country.set(pos, [ctry])
        for side, values in zip(SIDES, (a, r, asec, rsec), strict=True):
            sides[side].set(pos, values or [])
        if event_id in found:
            overrides[pos] = json.dumps(found[event_id]).encode()
    return replace(s, event=event.codes(), country=country.codes(),
                   sides={side: patch.codes() for side, patch in sides.items()},
                   canonical=canonical, hidden=hidden, overrides=overrides)


class _Patch:
    """A copy of a :class:`Codes` to change a few events of."""

    def __init__(self, codes: Codes, size: int) -> None:
        self.vocab = dict(codes.vocab)
        self.columns = [c.copy() for c in codes.columns]
        self.size = size

    def set(self, pos: int, values: Iterable[str | None]) -> None:
        known = [v for v in values if v is not None]
        for v in known:
            self.vocab.setdefault(v, len(self.vocab) + 1)
        if len(self.vocab) >= 2 ** 16 and self.columns and self.columns[0].dtype != np.uint32:
            self.columns = [c.astype(np.uint32) for c in self.columns]
        dtype = self.columns[0].dtype if self.columns else np.uint16
        while len(self.columns) < len(known):
            self.columns.append(np.zeros(self.size, dtype=dtype))
        for k, column in enumerate(self.columns):
            column[pos] = self.vocab[known[k]] if k < len(known) else 0

    def codes(self) -> Codes:
        return Codes(columns=tuple(self.columns), vocab=self.vocab)


def touched_by(cur: Cursor, event_id: str) -> set[str]:
    """The events a correction of ``event_id`` may change: it and its cluster's."""
    return {r[0] for r in cur.execute(
        "SELECT id FROM events WHERE id = ? OR coalesce(cluster_id, id) = "
        "(SELECT coalesce(cluster_id, id) FROM events WHERE id = ?)",
        [event_id, event_id]).fetchall()}
