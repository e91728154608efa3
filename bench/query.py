"""Query latency on a store of a million events (the dashboard's questions).

Builds (once, cached under /tmp) a store whose events table holds N synthetic events:
categories, actor and recipient countries and sectors, dates over three years,
places, sentences and full PLOVER records shaped like the coder's. The rows are
stored in date order, as a chronological ingest (a feed read day after day) leaves
them, so DuckDB's per-row-group min/max skip most of the table on a date range; a
store ingested out of order (a backfill) scans more. Then times the
queries the dashboard and ``eventwire query`` send, each 40 times with varied
parameters, through the same code (``store.query``), and prints p50/p95.
Usage: python bench/query.py [--events 1000000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

from eventwire.model import CATEGORIES
from eventwire.store.db import Store
from eventwire.store.query import Filters, counts_by_day, page

COUNTRIES = ["USA", "RUS", "UKR", "CHN", "IRQ", "SYR", "SDN", "COD", "KEN", "NGA", "IND",
             "PAK", "AFG", "ISR", "PSE", "IRN", "TUR", "FRA", "GBR", "BRA", "MEX", "COL",
             "VEN", "ETH", "SOM", "MLI", "MMR", "PHL", "YEM", "LBY"]
SECTORS = ["GOV", "MIL", "COP", "REB", "CVL", "OPP", "JRN", "SOC", "MED", "UAF"]
START = date(2023, 1, 1)


def build(path: Path, n: int) -> None:
    if path.exists():
        with Store(path) as store:
            if store.counts()["events"] >= n and in_date_order(store):
                return
        path.unlink()  # an older bench store (unsorted): build it again
    with Store(path) as store:
        cats = "[" + ",".join(f"'{c}'" for c in CATEGORIES) + "]"
        ctry = "[" + ",".join(f"'{c}'" for c in COUNTRIES) + "]"
        sect = "[" + ",".join(f"'{s}'" for s in SECTORS) + "]"
        store.conn.execute(f"""
            INSERT INTO events
            WITH base AS (
              SELECT i,
                     {cats}[1 + (hash(i) % 16)::INT] AS cat,
                     {ctry}[1 + (hash(i * 7) % 30)::INT] AS a,
                     {ctry}[1 + (hash(i * 11) % 30)::INT] AS r,
                     {sect}[1 + (hash(i * 13) % 10)::INT] AS asec,
                     {sect}[1 + (hash(i * 17) % 10)::INT] AS rsec,
                     DATE '{START}' + (hash(i * 3) % 1095)::INT AS d,
                     -40 + (hash(i * 5) % 8000) / 100.0 AS lat,
                     -120 + (hash(i * 19) % 24000) / 100.0 AS lon
              FROM range({n}) t(i))
            SELECT printf('%016x', i), printf('h%d', i // 6), printf('doc-%d', i // 6), cat,
                   [], [], 1, 0.0, 'trigger',
                   printf('Officials said forces of %s and %s clashed near town %d.',
                          a, r, i % 5000),
                   [], NULL, NULL, NULL, d, 'day', 'explicit', 0.8, [a], [r], [asec], [rsec],
                   lat, lon, r,
                   CASE WHEN i % 4 = 0 THEN printf('%016x', i) ELSE NULL END,
                   json_object('id', printf('%016x', i), 'doc_id', printf('doc-%d', i // 6),
                     'event', cat, 'mode', [], 'context', [], 'quad_code', 1, 'event_scale', 0.0,
                     'actor', [json_object('entity_text', a, 'code', a, 'sector', asec,
                                           'start', 0, 'end', 3)],
                     'recipient', [json_object('entity_text', r, 'code', r, 'sector', rsec,
                                               'start', 10, 'end', 13)],
                     'event_text', 'clashed', 'trigger', json_object('start', 4, 'end', 11),
                     'text_info', json_object('sequence', 0, 'start', 0, 'end', 60),
                     'sentence', 'Officials said forces clashed near the town.',
                     'auxiliary', [], 'attribution', NULL, 'dead', NULL, 'injured', NULL,
                     'arrested', NULL, 'date', d::VARCHAR, 'event_loc',
                     json_object('lat', lat, 'lon', lon, 'country_code', r),
                     'confidence', 0.8, 'coder', json_object('name', 'bench')), 'ok',
                   true, '|' || a || '|', '|' || r || '|', '|' || asec || '|',
                   '|' || rsec || '|'
            FROM base ORDER BY d, i""")
        store.conn.execute("CHECKPOINT")


def in_date_order(store: Store) -> bool:
    """Whether the events are stored by date (what :func:`build` makes)."""
    row = store.conn.execute(
        "SELECT count(*) FROM (SELECT date < lag(date) OVER (ORDER BY rowid) AS back "
        "FROM events) WHERE back").fetchone()
    return row is not None and row[0] == 0


def timed(store: Store, question: Filters | tuple[str, list[object]]) -> float:
    """Milliseconds to answer: a page of records for Filters, else the SQL's rows."""
    start = time.perf_counter()
    if isinstance(question, Filters):
        list(page(store.conn, question))
    else:
        store.conn.execute(*question).fetchall()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventwire-bench-query.duckdb"))
    args = parser.parse_args()
    started = time.perf_counter()
    build(args.db, args.events)
    print("== query latency ==")
    rng = random.Random(3)
    with Store(args.db, read_only=True) as store:
        n = store.counts()["events"]
        print(f"store: {n:,} events (built/opened in {time.perf_counter() - started:.1f}s)")

        def window() -> tuple[date, date]:
            since = START + timedelta(days=rng.randrange(0, 900))
            return since, since + timedelta(days=rng.choice([7, 30, 90, 365]))

        questions = {
            "counts by day and category, one country, one year": lambda: counts_by_day(
                Filters(country=[rng.choice(COUNTRIES)], since=(w := window())[0],
                        until=w[0] + timedelta(days=365))),
            "page of 100: category + actor country + dates": lambda: (
                Filters(categories=[rng.choice(CATEGORIES)], actor=[rng.choice(COUNTRIES)],
                        since=(w := window())[0], until=w[1])),
            "page of 100: bounding box + dates": lambda: (
                Filters(bbox=(x := rng.uniform(-100, 80), y := rng.uniform(-30, 20), x + 20,
                              y + 15), since=(w := window())[0], until=w[1])),
            "page of 100: sector + free text": lambda: (
                Filters(actor_sector=[rng.choice(SECTORS)], text=f"town {rng.randrange(5000)}")),
            "page of 100, every mention, newest first": lambda: (
                Filters(mentions=True, offset=rng.randrange(0, 1000))),
        }
        for name, make in questions.items():
            timed(store, make())  # warm
            times = sorted(timed(store, make()) for _ in range(40))
            p95 = times[int(0.95 * len(times)) - 1]
            print(f"{name:52s} p50 {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms")
    print("target: p95 < 200 ms")


if __name__ == "__main__":
    main()
