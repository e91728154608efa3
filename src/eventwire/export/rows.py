"""The canonical event row every exporter reads, and how rows are made uniform.

A row is :meth:`eventwire.model.Event.to_dict` plus the deduplication fields
``num_mentions``, ``num_sources``, ``source_url``, ``published`` and ``mentions``.
Rows may come straight from ``to_dict`` or from a DuckDB query (dates as
``datetime.date``, tuples, ``Decimal``); :func:`canonical_row` turns either into plain
JSON values in one fixed field order, so every format sees the same thing.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol

from ..errors import UsageError

# One place for the structure of a row: top-level fields in output order, with the
# keys of the nested objects. The Parquet schema (parquet.py) gives their types.
ENTITY_FIELDS: tuple[str, ...] = ("entity_text", "code", "sector", "start", "end")
TRIGGER_FIELDS: tuple[str, ...] = ("start", "end")
TEXT_INFO_FIELDS: tuple[str, ...] = ("sequence", "start", "end")
ATTRIBUTION_FIELDS: tuple[str, ...] = ("entity_text", "code", "cue")
LOCATION_FIELDS: tuple[str, ...] = (
    "extracted_place", "resolved_place", "geonameid", "lat", "lon", "country_code",
    "admin1", "feature_code", "resolution", "start", "end", "basis",
)
MENTION_FIELDS: tuple[str, ...] = ("id", "doc_id", "url", "source")

ROW_FIELDS: tuple[str, ...] = (
    "id", "doc_id", "event", "mode", "context", "quad_code", "event_scale",
    "actor", "recipient", "event_text", "trigger", "text_info", "sentence", "auxiliary",
    "attribution", "dead", "injured", "arrested", "date", "date_raw", "date_precision",
    "date_basis", "date_start", "date_end", "event_loc", "confidence", "coder",
    "num_mentions", "num_sources", "source_url", "published", "mentions",
)
LIST_FIELDS: frozenset[str] = frozenset({"mode", "context", "auxiliary"})
ENTITY_LISTS: frozenset[str] = frozenset({"actor", "recipient"})
OBJECT_FIELDS: dict[str, tuple[str, ...]] = {
    "trigger": TRIGGER_FIELDS, "text_info": TEXT_INFO_FIELDS,
    "attribution": ATTRIBUTION_FIELDS, "event_loc": LOCATION_FIELDS,
}


class Cursor(Protocol):
    """What :func:`rows_from_cursor` needs: a DB-API cursor (DuckDB's included)."""

    @property
    def description(self) -> Any: ...

    def fetchmany(self, size: int = ...) -> list[Any]: ...


def rows_from_cursor(cursor: Cursor, batch_size: int = 1000) -> Iterator[dict[str, Any]]:
    """Stream a query result as row dicts keyed by column name.

    ``write_export(rows_from_cursor(con.execute("SELECT ...")), "csv", out)`` exports
    a DuckDB query without holding it in memory; STRUCT and LIST columns arrive as
    dicts and lists, which is what the exporters expect.
    """
    if cursor.description is None:
        raise UsageError("the cursor has no result set to export; run a SELECT first")
    names = [column[0] for column in cursor.description]
    while batch := cursor.fetchmany(batch_size):
        for values in batch:
            yield dict(zip(names, values, strict=True))


def plain(value: Any) -> Any:
    """A JSON value for ``value``: dates in ISO form, tuples as lists, ``Decimal`` as
    float, and NaN or infinity as None (JSON has no way to write them)."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    return value


def _object(value: Any, fields: tuple[str, ...]) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise UsageError(f"expected an object with keys {', '.join(fields)}, got {value!r}")
    return {name: plain(value.get(name)) for name in fields}


def _objects(value: Any, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    return [obj for item in value or () if (obj := _object(item, fields)) is not None]


def canonical_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """``row`` with exactly :data:`ROW_FIELDS`, in that order, as plain JSON values.

    Missing fields become None (empty lists for list fields); fields outside the
    schema (store bookkeeping columns, say) are left out; nested objects keep only
    their documented keys, so every line of an export has the same shape.
    """
    if "id" not in row:
        raise UsageError(f"an exported row needs an 'id'; got fields {sorted(row)}")
    out: dict[str, Any] = {}
    for name in ROW_FIELDS:
        value = row.get(name)
        if name in LIST_FIELDS:
            out[name] = [plain(item) for item in value or ()]
        elif name in ENTITY_LISTS:
            out[name] = _objects(value, ENTITY_FIELDS)
        elif name == "mentions":
            out[name] = _objects(value, MENTION_FIELDS)
        elif name in OBJECT_FIELDS:
            out[name] = _object(value, OBJECT_FIELDS[name])
        elif name == "coder":
            out[name] = None if value is None else {
                str(key): None if item is None else str(item)
                for key, item in dict(value).items()}
        else:
            out[name] = plain(value)
    return out
