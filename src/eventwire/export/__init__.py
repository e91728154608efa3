"""Export canonical events to the formats other tools read.

One entry point, :func:`write_export`, over rows shaped like
:meth:`eventwire.model.Event.to_dict` plus ``num_mentions``, ``num_sources``,
``source_url``, ``published`` and ``mentions`` (see :mod:`.rows`). Formats:

* ``plover-jsonl`` — one PLOVER JSON record per line (:mod:`.plover`)
* ``csv`` — flat columns, lists ``;``-joined (:mod:`.flat`)
* ``parquet`` — typed columns written by DuckDB; needs a file path (:mod:`.parquet`)
* ``gdelt`` — GDELT-2.0-like tab-separated event table, CAMEO codes (:mod:`.gdelt`)

A DuckDB query result exports with
``write_export(rows_from_cursor(con.execute(sql)), fmt, out)``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TextIO

from ..errors import UsageError
from .flat import CSV_COLUMNS, write_csv
from .gdelt import GDELT_COLUMNS, write_gdelt
from .parquet import PARQUET_SCHEMA, write_parquet
from .plover import write_plover_jsonl
from .rows import ROW_FIELDS, canonical_row, rows_from_cursor

__all__ = [
    "CSV_COLUMNS", "EXPORT_FORMATS", "GDELT_COLUMNS", "PARQUET_SCHEMA", "ROW_FIELDS",
    "canonical_row", "rows_from_cursor", "write_export",
]

_TEXT_WRITERS: dict[str, Callable[[Iterable[Mapping[str, Any]], TextIO], int]] = {
    "plover-jsonl": write_plover_jsonl, "csv": write_csv, "gdelt": write_gdelt,
}
EXPORT_FORMATS: tuple[str, ...] = ("plover-jsonl", "csv", "parquet", "gdelt")


def write_export(rows: Iterable[Mapping[str, Any]], fmt: str,
                 out: str | Path | TextIO) -> int:
    """Write ``rows`` in ``fmt`` (one of :data:`EXPORT_FORMATS`) to ``out``; return the count.

    ``out`` is a path (created or replaced), ``"-"`` for standard output, or an open
    text stream. Parquet is binary and needs a path: a stream or ``"-"`` raises
    :class:`~eventwire.errors.UsageError`. Rows are streamed, never all held in memory.
    """
    if fmt == "parquet":
        if not isinstance(out, (str, Path)) or str(out) == "-":
            raise UsageError("parquet export needs an output file path (-o events.parquet); "
                             "it cannot be written to standard output or a text stream")
        return write_parquet(rows, out)
    writer = _TEXT_WRITERS.get(fmt)
    if writer is None:
        raise UsageError(f"unknown export format {fmt!r}; expected one of "
                         f"{', '.join(EXPORT_FORMATS)}")
    if isinstance(out, (str, Path)):
        if str(out) == "-":
            return writer(rows, sys.stdout)
        try:
            with open(out, "w", encoding="utf-8", newline="") as stream:
                return writer(rows, stream)
        except OSError as exc:
            raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from exc
    return writer(rows, out)
