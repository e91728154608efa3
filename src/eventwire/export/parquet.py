"""``parquet``: typed columns, written by DuckDB (no pyarrow).

Rows are staged as newline-delimited JSON in a temporary file and read back with an
explicit column schema (:data:`PARQUET_SCHEMA`), so the Parquet types never depend on
the data: an export whose rows all lack a place still has an ``event_loc`` STRUCT
column. Lists of strings are ``VARCHAR[]``, entities and mentions lists of STRUCTs,
``date`` and ``published`` are ``DATE``, counts ``BIGINT``, scores ``DOUBLE``, and
``coder`` a ``MAP(VARCHAR, VARCHAR)``.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import duckdb

from ..errors import UsageError
from .rows import canonical_row

_ENTITY = 'STRUCT(entity_text VARCHAR, code VARCHAR, sector VARCHAR, start BIGINT, "end" BIGINT)'

PARQUET_SCHEMA: dict[str, str] = {
    "id": "VARCHAR", "doc_id": "VARCHAR", "event": "VARCHAR",
    "mode": "VARCHAR[]", "context": "VARCHAR[]",
    "quad_code": "BIGINT", "event_scale": "DOUBLE",
    "actor": f"{_ENTITY}[]", "recipient": f"{_ENTITY}[]",
    "event_text": "VARCHAR",
    "trigger": 'STRUCT(start BIGINT, "end" BIGINT)',
    "text_info": 'STRUCT(sequence BIGINT, start BIGINT, "end" BIGINT)',
    "sentence": "VARCHAR", "auxiliary": "VARCHAR[]",
    "attribution": "STRUCT(entity_text VARCHAR, code VARCHAR, cue VARCHAR)",
    "dead": "BIGINT", "injured": "BIGINT", "arrested": "BIGINT",
    "date": "DATE", "date_raw": "VARCHAR", "date_precision": "VARCHAR",
    "date_basis": "VARCHAR",
    "date_start": "BIGINT",
    "date_end": "BIGINT",
    "event_loc": ("STRUCT(extracted_place VARCHAR, resolved_place VARCHAR, geonameid BIGINT, "
                  "lat DOUBLE, lon DOUBLE, country_code VARCHAR, admin1 VARCHAR, "
                  'feature_code VARCHAR, resolution BIGINT, start BIGINT, "end" BIGINT, '
                  "basis VARCHAR)"),
    "confidence": "DOUBLE", "coder": "MAP(VARCHAR, VARCHAR)",
    "num_mentions": "BIGINT", "num_sources": "BIGINT", "source_url": "VARCHAR",
    "published": "DATE",
    "mentions": "STRUCT(id VARCHAR, doc_id VARCHAR, url VARCHAR, source VARCHAR)[]",
}


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def write_parquet(rows: Iterable[Mapping[str, Any]], path: str | Path) -> int:
    """Write ``rows`` to the Parquet file ``path`` (replaced if it exists); return the count."""
    target = Path(path)
    if not target.parent.is_dir():
        raise UsageError(f"cannot write {target}: directory {target.parent} does not exist")
    handle, staging = tempfile.mkstemp(prefix="eventwire-export-", suffix=".jsonl")
    try:
        count = 0
        with os.fdopen(handle, "w", encoding="utf-8") as stage:
            for row in rows:
                stage.write(json.dumps(canonical_row(row), ensure_ascii=False) + "\n")
                count += 1
        columns = "{" + ", ".join(f"{_literal(name)}: {_literal(kind)}"
                                  for name, kind in PARQUET_SCHEMA.items()) + "}"
        select = ", ".join(f'"{name}"' for name in PARQUET_SCHEMA)
        query = (f"COPY (SELECT {select} FROM read_json({_literal(staging)}, "
                 f"format = 'newline_delimited', columns = {columns})) "
                 f"TO {_literal(str(target))} (FORMAT PARQUET)")
        with duckdb.connect() as con:
            try:
                con.execute(query)
            except duckdb.IOException as exc:
                raise UsageError(f"cannot write {target}: {exc}") from exc
            except duckdb.Error as exc:  # a value that does not fit its column's type
                raise UsageError(f"rows do not fit the Parquet schema: {exc}") from exc
        return count
    finally:
        os.unlink(staging)
