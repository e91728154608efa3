"""What each endpoint answers, as plain JSON values (no HTTP here).

Every event leaves the store through :func:`events_by_id`, which applies the analysts'
corrections (:func:`eventwire.store.corrections.apply`), so the API never shows a
record the log has changed. Offsets are into :attr:`eventwire.model.Article.full_text`
— title, blank line, body — which is the ``text`` :func:`article` returns.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import duckdb

from .. import __version__
from ..model import Article
from ..store import corrections
from ..store.query import Filters, counts_by_day, where

Cursor = duckdb.DuckDBPyConnection
SORTS = {"-date": "e.date DESC NULLS LAST, e.id", "date": "e.date ASC NULLS LAST, e.id"}


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def health(cur: Cursor) -> dict[str, Any]:
    events, articles = _one(cur, "SELECT (SELECT count(*) FROM events), "
                                 "(SELECT count(*) FROM articles)")
    return {"ok": True, "events": events, "articles": articles, "version": __version__}


def _one(cur: Cursor, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...]:
    row = cur.execute(sql, list(params)).fetchone()
    assert row is not None  # aggregates always give a row
    return tuple(row)


# -- events ----------------------------------------------------------------------
def events_by_id(cur: Cursor, ids: list[str]) -> dict[str, dict[str, Any]]:
    """The events ``ids`` as they now read: corrected, with ``num_mentions``,
    ``num_sources``, ``article`` (its content hash) and ``cluster_id``."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = cur.execute(
        "SELECT e.id, e.record, e.content_hash, coalesce(e.cluster_id, e.id), "
        "c.num_mentions, c.num_sources FROM events e "
        "LEFT JOIN clusters c ON c.cluster_id = e.cluster_id "
        f"WHERE e.id IN ({marks})", ids).fetchall()
    fixes = corrections.for_events(cur, ids)
    return {event_id: present(record, cluster, fixes.get(event_id, []), mentions, sources, key)
            for event_id, record, key, cluster, mentions, sources in rows}


def present(record: str, cluster: str, fixes: list[dict[str, Any]], mentions: int | None,
            sources: int | None, key: str) -> dict[str, Any]:
    """A stored record as the API shows it: its cluster, corrections applied, how many
    reports and sources it has, and its article's key."""
    stored = json.loads(record)
    stored["cluster_id"] = cluster
    event = corrections.apply(stored, fixes)
    event["num_mentions"], event["num_sources"] = mentions or 1, sources or 1
    event["article"] = key
    return event


def events_page(cur: Cursor, f: Filters, *, limit: int, offset: int,
                sort: str) -> dict[str, Any]:
    """A page of matching events and how many match in all.

    One scan gives both the page's ids and the total (a window count): the filters
    are what costs on a big store, so running them twice doubled a page's time.
    """
    clause, params = where(f)
    rows = cur.execute(
        f"SELECT e.id, count(*) OVER () FROM events e{clause} "
        f"ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    ids = [r[0] for r in rows]
    if rows:
        total = rows[0][1]
    else:  # past the end (or limit 0): the window has no row to carry the count
        (total,) = _one(cur, f"SELECT count(*) FROM events e{clause}", params)
    found = events_by_id(cur, ids)
    return {"total": total, "limit": limit, "offset": offset,
            "events": [found[i] for i in ids if i in found]}


def _span(text: str, start: Any, end: Any) -> dict[str, Any]:
    ok = isinstance(start, int) and isinstance(end, int)
    return {"start": start if ok else None, "end": end if ok else None,
            "text": text[start:end] if ok else None}


def evidence(event: dict[str, Any], text: str) -> dict[str, Any]:
    """The words that justify each field, as spans of the article ``text``."""
    info = event.get("text_info") or {}
    trigger = event.get("trigger") or {}
    out: dict[str, Any] = {
        "sentence": _span(text, info.get("start"), info.get("end")),
        "trigger": _span(text, trigger.get("start"), trigger.get("end")),
    }
    for side in ("actor", "recipient"):
        out[side] = [_span(text, x.get("start"), x.get("end"))
                     | {"code": x.get("code"), "sector": x.get("sector")}
                     for x in event.get(side) or []]
    loc = event.get("event_loc")
    out["place"] = None if not loc else _span(text, loc.get("start"), loc.get("end")) | {
        key: loc.get(key) for key in ("resolved_place", "lat", "lon", "country_code", "basis")}
    if loc and out["place"]["text"] is None:
        out["place"]["text"] = loc.get("extracted_place")
    if event.get("date") is None:
        out["date"] = None
    else:
        out["date"] = _span(text, event.get("date_start"), event.get("date_end")) | {
            "date": event["date"], "precision": event.get("date_precision"),
            "basis": event.get("date_basis")}
        if out["date"]["text"] is None:
            out["date"]["text"] = event.get("date_raw")
    return out


def event_detail(cur: Cursor, event_id: str) -> dict[str, Any] | None:
    """One event with its evidence, its reports across articles, its corrections and
    the coder's original record; None if there is no such event."""
    found = events_by_id(cur, [event_id])
    if event_id not in found:
        return None
    event = found[event_id]
    key = event["article"]
    original = json.loads(_one(cur, "SELECT record FROM events WHERE id = ?", [event_id])[0])
    mentions = [
        {"id": i, "doc_id": d, "article": k, "url": u, "source": s, "published": _iso(p),
         "sentence": sentence}
        for i, d, k, u, s, p, sentence in cur.execute(
            "SELECT e.id, e.doc_id, e.content_hash, a.url, a.source, a.published, e.sentence "
            "FROM events e JOIN articles a ON a.content_hash = e.content_hash "
            "WHERE coalesce(e.cluster_id, e.id) = ? ORDER BY a.published NULLS LAST, e.id",
            [event["cluster_id"]]).fetchall()]
    return {"event": event, "article": key,
            "evidence": evidence(event, _article_text(cur, key) or ""),
            "mentions": mentions,
            "corrections": corrections.for_events(cur, [event_id]).get(event_id, []),
            "original": original}


# -- articles --------------------------------------------------------------------
def _article_text(cur: Cursor, key: str) -> str | None:
    row = cur.execute("SELECT doc_id, text, title FROM articles WHERE content_hash = ?",
                      [key]).fetchone()
    return Article(doc_id=row[0], text=row[1], title=row[2]).full_text if row else None


def article(cur: Cursor, key: str) -> dict[str, Any] | None:
    """An article's text (the one offsets count in), its events and every span."""
    row = cur.execute("SELECT doc_id, title, text, published, url, source FROM articles "
                      "WHERE content_hash = ?", [key]).fetchone()
    if row is None:
        return None
    doc_id, title, body, published, url, source = row
    text = Article(doc_id=doc_id, text=body, title=title).full_text
    ids = [r[0] for r in cur.execute(
        "SELECT id FROM events WHERE content_hash = ? ORDER BY id", [key]).fetchall()]
    found = events_by_id(cur, ids)
    events = sorted(found.values(), key=lambda e: ((e.get("trigger") or {}).get("start") or 0,
                                                   e["id"]))
    spans: list[dict[str, Any]] = []
    for e in events:
        ev = evidence(e, text)
        parts = [("trigger", ev["trigger"]), *(("actor", a) for a in ev["actor"]),
                 *(("recipient", r) for r in ev["recipient"]), ("place", ev["place"]),
                 ("date", ev["date"])]
        spans.extend({"start": s["start"], "end": s["end"], "kind": kind, "event_id": e["id"]}
                     for kind, s in parts if s and s["start"] is not None)
    spans.sort(key=lambda s: (s["start"], s["end"], s["kind"], s["event_id"]))
    return {"key": key, "doc_id": doc_id, "title": title, "text": text,
            "published": _iso(published), "url": url, "source": source,
            "events": events, "spans": spans}


# -- aggregates ------------------------------------------------------------------
def stats(cur: Cursor, f: Filters) -> dict[str, Any]:
    """Counts by day and category, by country (where it happened), quad class, category."""
    by_day = [{"date": _iso(d), "category": c, "count": n}
              for d, c, n in cur.execute(*counts_by_day(f)).fetchall()]
    clause, params = where(f)

    def grouped(column: str, name: str, only_known: bool = False) -> list[dict[str, Any]]:
        # column names come from this module, never from the request
        scope = clause
        if only_known:
            scope += f"{' AND' if clause else ' WHERE'} e.{column} IS NOT NULL"
        return [{name: value, "count": n} for value, n in cur.execute(
            f"SELECT e.{column}, count(*) AS n FROM events e{scope} "
            "GROUP BY 1 ORDER BY n DESC, 1", params).fetchall()]

    return {"by_day": by_day, "by_country": grouped("place_country", "country", True),
            "by_quad": grouped("quad_code", "quad_code"),
            "by_category": grouped("event", "category")}


def actors(cur: Cursor, f: Filters, *, min_weight: int, limit: int) -> dict[str, Any]:
    """The actor → recipient network: the ``limit`` heaviest edges of at least
    ``min_weight`` events, and their nodes with how many events each takes part in."""
    clause, params = where(f)
    matching = f"SELECT e.id, e.actor_codes, e.recipient_codes FROM events e{clause}"
    edges = [{"source": a, "target": r, "weight": w} for a, r, w in cur.execute(
        f"WITH m AS ({matching}), "
        "a AS (SELECT id, unnest(actor_codes) AS code FROM m), "
        "r AS (SELECT id, unnest(recipient_codes) AS code FROM m) "
        "SELECT a.code, r.code, count(DISTINCT a.id) AS w FROM a JOIN r USING (id) "
        "GROUP BY 1, 2 HAVING count(DISTINCT a.id) >= ? ORDER BY w DESC, 1, 2 LIMIT ?",
        [*params, min_weight, limit]).fetchall()]
    codes = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    nodes: list[dict[str, Any]] = []
    if codes:
        marks = ",".join("?" * len(codes))
        nodes = [{"id": code, "events": n} for code, n in cur.execute(
            f"WITH m AS ({matching}), "
            "c AS (SELECT id, unnest(actor_codes) AS code FROM m UNION ALL "
            "SELECT id, unnest(recipient_codes) AS code FROM m) "
            f"SELECT code, count(DISTINCT id) AS n FROM c WHERE code IN ({marks}) "
            "GROUP BY 1 ORDER BY n DESC, 1", [*params, *codes]).fetchall()]
    return {"nodes": nodes, "edges": edges}


# -- corrections -----------------------------------------------------------------
def corrections_log(cur: Cursor, *, event_id: str | None, limit: int,
                    offset: int) -> dict[str, Any]:
    """The audit log, newest first (of one event when ``event_id`` is given)."""
    if event_id is None:
        entries = corrections.log(cur, limit, offset)
    else:
        entries = list(reversed(corrections.for_events(cur, [event_id]).get(event_id, [])))
        entries = entries[offset:offset + limit]
    return {"corrections": entries}


def event_exists(cur: Cursor, event_id: str) -> bool:
    return cur.execute("SELECT 1 FROM events WHERE id = ?", [event_id]).fetchone() is not None
