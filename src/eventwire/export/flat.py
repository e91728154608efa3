"""``csv``: one flat row per event.

Columns (:data:`CSV_COLUMNS`), a superset of ``eventwire extract --format csv``:

* ``id``, ``doc_id``, ``event``, ``mode``, ``context``, ``quad_code``, ``event_scale``
* ``actor_codes``, ``actor_sectors``, ``actor_text`` and the same for ``recipient`` —
  one ``;``-separated slot per entity, so the n-th items belong together (an unknown
  code is an empty slot)
* ``event_text``, ``trigger_start``, ``trigger_end``, ``sentence_seq``, ``sentence``,
  ``auxiliary``, ``attribution``, ``attribution_code``, ``attribution_cue``
* ``dead``, ``injured``, ``arrested``, ``date``, ``date_raw``, ``date_precision``,
  ``date_basis``
* ``place`` (the words), ``resolved_place``, ``lat``, ``lon``, ``place_country``
  (ISO-3), ``place_admin1``, ``feature_code``, ``resolution``, ``geonameid``,
  ``place_basis``
* ``confidence``, ``coder`` (name/version/method)
* ``num_mentions``, ``num_sources``, ``source_url``, ``published``,
  ``mention_ids``, ``mention_urls``, ``mention_sources`` (``;``-separated, aligned)

Lists are joined with ``;`` (values containing ``;`` are not escaped: use
``plover-jsonl`` or ``parquet`` where that matters); None is an empty cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from ..output.formats import write_csv_rows
from .rows import canonical_row

LIST_SEPARATOR = ";"

CSV_COLUMNS: tuple[str, ...] = (
    "id", "doc_id", "event", "mode", "context", "quad_code", "event_scale",
    "actor_codes", "actor_sectors", "actor_text",
    "recipient_codes", "recipient_sectors", "recipient_text",
    "event_text", "trigger_start", "trigger_end", "sentence_seq", "sentence", "auxiliary",
    "attribution", "attribution_code", "attribution_cue",
    "dead", "injured", "arrested", "date", "date_raw", "date_precision", "date_basis",
    "place", "resolved_place", "lat", "lon", "place_country", "place_admin1",
    "feature_code", "resolution", "geonameid", "place_basis",
    "confidence", "coder",
    "num_mentions", "num_sources", "source_url", "published",
    "mention_ids", "mention_urls", "mention_sources",
)


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _joined(values: Iterable[Any]) -> str:
    return LIST_SEPARATOR.join(_cell(v) for v in values)


def _field(obj: Mapping[str, Any] | None, name: str) -> str:
    return _cell(obj.get(name)) if obj else ""


def csv_record(row: Mapping[str, Any]) -> dict[str, str]:
    """The flat form of one canonical row (see the module docstring for the columns)."""
    r = canonical_row(row)
    out = {name: _cell(r.get(name)) for name in CSV_COLUMNS if name in r}
    for name in ("mode", "context", "auxiliary"):
        out[name] = _joined(r[name])
    for role in ("actor", "recipient"):
        out[f"{role}_codes"] = _joined(e["code"] for e in r[role])
        out[f"{role}_sectors"] = _joined(e["sector"] for e in r[role])
        out[f"{role}_text"] = _joined(e["entity_text"] for e in r[role])
    trigger, info, attribution = r["trigger"], r["text_info"], r["attribution"]
    out.update(trigger_start=_field(trigger, "start"), trigger_end=_field(trigger, "end"),
               sentence_seq=_field(info, "sequence"),
               attribution=_field(attribution, "entity_text"),
               attribution_code=_field(attribution, "code"),
               attribution_cue=_field(attribution, "cue"))
    loc = r["event_loc"]
    out.update(place=_field(loc, "extracted_place"),
               resolved_place=_field(loc, "resolved_place"),
               lat=_field(loc, "lat"), lon=_field(loc, "lon"),
               place_country=_field(loc, "country_code"), place_admin1=_field(loc, "admin1"),
               feature_code=_field(loc, "feature_code"), resolution=_field(loc, "resolution"),
               geonameid=_field(loc, "geonameid"), place_basis=_field(loc, "basis"))
    coder = r["coder"] or {}
    out["coder"] = "/".join(coder[k] or "" for k in ("name", "version", "method") if k in coder)
    mentions = r["mentions"]
    out.update(mention_ids=_joined(m["id"] for m in mentions),
               mention_urls=_joined(m["url"] for m in mentions),
               mention_sources=_joined(m["source"] for m in mentions))
    return out


def write_csv(rows: Iterable[Mapping[str, Any]], stream: TextIO) -> int:
    """Write ``rows`` as CSV with a header line to ``stream``; return the count."""
    return write_csv_rows(rows, CSV_COLUMNS, csv_record, stream)
