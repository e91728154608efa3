"""Analyst corrections: an append-only audit log, applied whenever events are read.

A correction changes one field of one event and records who, when, the value before
and the value after (``corrections`` table). Nothing in ``events`` is overwritten
except ``cluster_id`` for merges and splits (dedup state, which the log can replay);
every reader (query, export, the API) applies the log to the stored record, so the
coder's original stays available and every change can be undone by a later one.

Fields an analyst can correct (``field`` values):

* ``status``            "wrong" (the event is not an event) or "ok" (undo)
* ``event``             another PLOVER category
* ``mode``              a list of modes
* ``actor.N.code``, ``actor.N.sector``, ``recipient.N.code``, ``recipient.N.sector``
                        the code or sector of the N-th actor / recipient (from 0)
* ``cluster``           merge: the id of the canonical event this one reports;
                        split: the event's own id (it becomes its own canonical event)

The latest correction of a field wins.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import duckdb

from ..errors import UsageError
from ..model import CATEGORIES
from .db import StoreError, _first_line, _rollback
from .schema import code_key

_SIDE_FIELD = re.compile(r"^(actor|recipient)\.(\d+)\.(code|sector)$")
STATUSES = ("wrong", "ok")


def validate(record: dict[str, Any], field: str, value: Any) -> None:
    """Raise UsageError when ``value`` cannot be ``field`` of this event."""
    if field == "status":
        if value not in STATUSES:
            raise UsageError(f"status must be one of {', '.join(STATUSES)}")
    elif field == "event":
        if value not in CATEGORIES:
            raise UsageError(f"{value!r} is not a PLOVER category")
    elif field == "mode":
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise UsageError("mode must be a list of mode names")
    elif field == "cluster":
        if not isinstance(value, str) or not value:
            raise UsageError("cluster must be an event id")
    else:
        match = _SIDE_FIELD.match(field)
        if not match:
            raise UsageError(f"{field!r} cannot be corrected")
        side, index = match.group(1), int(match.group(2))
        if index >= len(record.get(side) or []):
            raise UsageError(f"the event has no {side} number {index}")
        if value is not None and not (isinstance(value, str) and 2 <= len(value) <= 8
                                      and value.isalnum() and value.isupper()):
            raise UsageError(f"{value!r} is not a code (2-8 capital letters or digits)")


def current(record: dict[str, Any], field: str) -> Any:
    """The value of ``field`` in ``record`` (before a correction)."""
    if field == "status":
        return record.get("status", "ok")
    if field in ("event", "mode"):
        return record.get(field)
    if field == "cluster":
        return record.get("cluster_id", record.get("id"))
    side, index, key = field.split(".")
    return record[side][int(index)].get(key)


def apply(record: dict[str, Any], corrections: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """``record`` with its corrections applied (oldest first, so the latest wins);
    adds ``status`` and ``corrected`` (the corrected fields), never changes the input."""
    out = json.loads(json.dumps(record))
    fields: list[str] = []
    for c in sorted(corrections, key=lambda c: (str(c["created_at"]), c["id"])):
        field, value = c["field"], c["new_value"]
        if field == "status":
            out["status"] = value
        elif field in ("event", "mode"):
            out[field] = value
        elif field == "cluster":
            out["cluster_id"] = value
        else:
            side, index, key = field.split(".")
            entities = out.get(side) or []
            if int(index) < len(entities):
                entities[int(index)][key] = value
        if field not in fields:
            fields.append(field)
    out.setdefault("status", "ok")
    out["corrected"] = fields
    return out


def add(conn: duckdb.DuckDBPyConnection, event_id: str, field: str, value: Any, *,
        author: str, note: str | None = None) -> dict[str, Any]:
    """Record one correction (validated against the event as it now reads); returns it.

    A merge or split also moves the event in the store's clusters so queries and
    exports count mentions the analyst's way.
    """
    row = conn.execute("SELECT record, cluster_id FROM events WHERE id = ?",
                       [event_id]).fetchone()
    if row is None:
        raise UsageError(f"no event {event_id!r}")
    record = json.loads(row[0])
    record["cluster_id"] = row[1]
    record = apply(record, for_events(conn, [event_id]).get(event_id, []))
    validate(record, field, value)
    split = field == "cluster" and value == event_id  # before a merge target is resolved
    if field == "cluster" and value != event_id:
        target = conn.execute("SELECT coalesce(cluster_id, id) FROM events WHERE id = ?",
                              [value]).fetchone()
        if target is None:
            raise UsageError(f"no event {value!r} to merge with")
        value = target[0]
    before = current(record, field)
    now = datetime.now()
    conn.execute("BEGIN TRANSACTION")
    try:
        next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM corrections").fetchone()
        correction_id = int(next_id[0]) if next_id else 1
        conn.execute("INSERT INTO corrections VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     [correction_id, event_id, field, json.dumps(before), json.dumps(value),
                      author, note, now])
        if field == "cluster":
            _move(conn, event_id, value, split=split)
        else:
            _index(conn, event_id, apply(record, [{"id": correction_id, "field": field,
                                                    "new_value": value, "created_at": now}]))
        conn.execute("COMMIT")
    except duckdb.Error as exc:
        _rollback(conn)
        raise StoreError(f"cannot record the correction: {_first_line(str(exc))}") from exc
    return {"id": correction_id, "event_id": event_id, "field": field, "old_value": before,
            "new_value": value, "author": author, "note": note, "created_at": now.isoformat()}


def for_events(conn: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The corrections of each event among ``ids``, oldest first."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        "SELECT id, event_id, field, old_value, new_value, author, note, created_at "
        f"FROM corrections WHERE event_id IN ({marks}) ORDER BY created_at, id", ids
    ).fetchall()
    out: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        out.setdefault(row[1], []).append(_entry(row))
    return out


def log(conn: duckdb.DuckDBPyConnection, limit: int = 100, offset: int = 0
        ) -> list[dict[str, Any]]:
    """The audit log, newest first, a page at a time."""
    rows = conn.execute(
        "SELECT id, event_id, field, old_value, new_value, author, note, created_at "
        "FROM corrections ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
        [limit, offset]).fetchall()
    return [_entry(row) for row in rows]


def _entry(row: tuple[Any, ...]) -> dict[str, Any]:
    cid, event_id, field, old, new, author, note, created = row
    return {"id": cid, "event_id": event_id, "field": field, "old_value": json.loads(old),
            "new_value": json.loads(new), "author": author, "note": note,
            "created_at": created.isoformat() if created else None}


def _index(conn: duckdb.DuckDBPyConnection, event_id: str, record: dict[str, Any]) -> None:
    """Keep the columns queries filter on in step with the corrected event (the stored
    record stays the coder's; the log says what changed)."""
    def codes(side: str, key: str) -> list[str]:
        return [x[key] for x in record.get(side) or [] if x.get(key)]

    lists = [codes("actor", "code"), codes("recipient", "code"), codes("actor", "sector"),
             codes("recipient", "sector")]
    conn.execute("UPDATE events SET event = ?, mode = ?, actor_codes = ?, recipient_codes = ?, "
                 "actor_sectors = ?, recipient_sectors = ?, actor_key = ?, recipient_key = ?, "
                 "actor_sector_key = ?, recipient_sector_key = ?, status = ? WHERE id = ?",
                 [record["event"], record.get("mode") or [], *lists,
                  *(code_key(c) for c in lists), record["status"], event_id])


def _move(conn: duckdb.DuckDBPyConnection, event_id: str, cluster: str, *,
          split: bool = False) -> None:
    """Put the event in ``cluster`` and recount the clusters it left and joined.

    When the event was its cluster's canonical event, the reports it leaves behind
    get the earliest-dated of them as theirs (the rule dedup names clusters by), so
    they stay one canonical event in queries instead of pointing at one that left.
    """
    row = conn.execute("SELECT coalesce(cluster_id, id) FROM events WHERE id = ?",
                       [event_id]).fetchone()
    old = row[0] if row else cluster
    if old == cluster and not split:
        return  # merged with an event of its own cluster: nothing moves
    conn.execute("UPDATE events SET cluster_id = ?, canonical = (id = ?) WHERE id = ?",
                 [cluster, cluster, event_id])
    touched = {cluster, old}
    if old == event_id:
        heir = conn.execute("SELECT id FROM events WHERE cluster_id = ? AND id <> ? "
                            "ORDER BY date NULLS LAST, id LIMIT 1",
                            [event_id, event_id]).fetchone()
        if heir is not None:
            conn.execute("UPDATE events SET cluster_id = ?, canonical = (id = ?) "
                         "WHERE cluster_id = ? AND id <> ?",
                         [heir[0], heir[0], event_id, event_id])
            touched.add(heir[0])
    for cid in touched:
        conn.execute("DELETE FROM clusters WHERE cluster_id = ?", [cid])
        conn.execute(
            "INSERT INTO clusters SELECT ?, any_value(e.event), count(*), "
            "count(DISTINCT coalesce(a.source, 'doc:' || e.doc_id)), min(e.date), "
            "list(DISTINCT coalesce(a.source, 'doc:' || e.doc_id)) "
            "FROM events e JOIN articles a ON a.content_hash = e.content_hash "
            "WHERE e.cluster_id = ? HAVING count(*) > 1", [cid, cid])
