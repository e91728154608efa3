"""Cross-article deduplication inside the store.

Events not yet clustered (``cluster_id IS NULL``: just ingested, or left over by a
run that was killed before this step) are added to the clusters already stored that
have a mention within a day of them (:func:`eventwire.dedup.date_window`), exactly
as :func:`eventwire.dedup.cluster_into` prescribes, so the result equals clustering
the whole store. Every event then carries its canonical event's id in
``cluster_id`` (its own id when it stands alone), and ``clusters`` holds each
canonical event's ``num_mentions``, ``num_sources`` and sources.
"""

from __future__ import annotations

import contextlib
from typing import Any

import duckdb

from ..dedup import Cluster, Mention, cluster_into, date_window
from .db import StoreError

MENTION_SQL = """
SELECT e.id, e.doc_id, e.event, e.actor_codes, e.recipient_codes, e.date, e.lat, e.lon,
       p.resolution, e.place_country, e.sentence, a.source, a.url,
       coalesce(e.cluster_id, e.id)
FROM events e JOIN articles a ON a.content_hash = e.content_hash
LEFT JOIN event_places p ON p.event_id = e.id
"""


def dedupe_pending(conn: duckdb.DuckDBPyConnection) -> int:
    """Cluster every unclustered event; returns how many were clustered.

    Events an analyst merged or split (a ``cluster`` correction) are pinned: they take
    no part in automatic linking, and they follow their cluster when it is renamed.
    """
    new = [_mention(r) for r in conn.execute(MENTION_SQL + " WHERE e.cluster_id IS NULL")
           .fetchall()]
    if not new:
        return 0
    pinned = {r[0] for r in conn.execute(
        "SELECT DISTINCT event_id FROM corrections WHERE field = 'cluster'").fetchall()}
    existing = _clusters_near(conn, new, pinned)
    clusters = cluster_into(existing, new)
    now_in = {m.id: c.id for c in clusters for m in c.mentions}
    before = {m.id: c.id for c in existing for m in c.mentions}
    moved = [(now_in[m], m) for m in now_in if before.get(m) != now_in[m]]
    renamed = [(now_in[c.mentions[0].id], c.id) for c in existing
               if now_in[c.mentions[0].id] != c.id]
    affected = ({c.id for c in existing} | {cid for cid, _ in moved}
                | {cid for cid, _ in renamed})
    conn.execute("BEGIN TRANSACTION")
    try:
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS moved (cluster_id VARCHAR, id VARCHAR)")
        conn.execute("DELETE FROM moved")
        _insert_pairs(conn, moved)
        conn.execute("UPDATE events SET cluster_id = moved.cluster_id, "
                     "canonical = (moved.cluster_id = events.id) FROM moved "
                     "WHERE events.id = moved.id")
        for new_id, old_id in renamed:  # pinned reports follow their renamed cluster
            conn.execute("UPDATE events SET cluster_id = ?, canonical = (id = ?) "
                         "WHERE cluster_id = ? AND id <> ?", [new_id, new_id, old_id, old_id])
        _recount(conn, sorted(affected))
        conn.execute("COMMIT")
    except duckdb.Error as exc:
        with contextlib.suppress(duckdb.Error):
            conn.execute("ROLLBACK")
        raise StoreError(f"cannot write the clusters: {str(exc).strip().splitlines()[0]}; "
                         "the events are stored and will be clustered on the next run") from exc
    return len(new)


def _recount(conn: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    """Rewrite the ``clusters`` rows of these canonical ids from the events table (a
    cluster of one has no row)."""
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        conn.execute(f"DELETE FROM clusters WHERE cluster_id IN ({marks})", chunk)
        conn.execute(
            "INSERT INTO clusters SELECT e.cluster_id, "
            "coalesce(any_value(e.event) FILTER (e.canonical), any_value(e.event)), "
            "count(*), count(DISTINCT coalesce(a.source, 'doc:' || e.doc_id)), min(e.date), "
            "list(DISTINCT coalesce(a.source, 'doc:' || e.doc_id)) "
            "FROM events e JOIN articles a ON a.content_hash = e.content_hash "
            f"WHERE e.cluster_id IN ({marks}) GROUP BY e.cluster_id HAVING count(*) > 1",
            chunk)


def _clusters_near(conn: duckdb.DuckDBPyConnection, new: list[Mention],
                   pinned: set[str]) -> list[Cluster]:
    window = date_window(new)
    if window is None:
        return []
    rows = conn.execute(
        MENTION_SQL + " WHERE e.cluster_id IS NOT NULL AND e.cluster_id IN ("
        "SELECT DISTINCT cluster_id FROM events WHERE cluster_id IS NOT NULL "
        "AND date BETWEEN ? AND ?)", list(window)).fetchall()
    groups: dict[str, list[Mention]] = {}
    for row in rows:
        if row[0] not in pinned:
            groups.setdefault(row[-1], []).append(_mention(row))
    return [Cluster(cid, tuple(sorted(ms, key=lambda m: m.sort_key)))
            for cid, ms in groups.items()]


def _mention(row: tuple[Any, ...]) -> Mention:
    (event_id, doc_id, category, actors, recipients, day, lat, lon, resolution, country,
     sentence, source, url, _cluster) = row
    return Mention(id=event_id, doc_id=doc_id, category=category,
                   actors=frozenset(actors or ()), recipients=frozenset(recipients or ()),
                   date=day, lat=lat, lon=lon, resolution=resolution, country=country,
                   sentence=sentence or "", source=source, url=url)


def _insert_pairs(conn: duckdb.DuckDBPyConnection, pairs: list[tuple[str, str]]) -> None:
    for i in range(0, len(pairs), 500):
        chunk = pairs[i:i + 500]
        conn.execute("INSERT INTO moved VALUES " + ",".join(["(?, ?)"] * len(chunk)),
                     [v for pair in chunk for v in pair])
