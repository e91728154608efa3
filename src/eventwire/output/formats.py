"""Write events as JSONL, JSON, CSV or a terminal table; write failures for people.

Every writer streams: events are written as they arrive, so a long batch shows
output early and never holds all events in memory (the JSON array included).
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TextIO

from ..errors import UsageError
from ..model import Entity, Event, Failure

FORMATS: tuple[str, ...] = ("jsonl", "json", "csv", "table")

CSV_COLUMNS: tuple[str, ...] = (
    "id", "doc_id", "event", "mode", "context", "quad_code", "event_scale",
    "actor_codes", "actor_sectors", "actor_text",
    "recipient_codes", "recipient_sectors", "recipient_text",
    "event_text", "sentence", "auxiliary", "attribution",
    "dead", "injured", "arrested", "date", "date_raw", "date_precision", "date_basis",
    "place", "resolved_place", "lat", "lon", "place_country", "geonameid", "place_basis",
    "confidence",
)
LIST_SEPARATOR = ";"

DEFAULT_TERMINAL = (120, 24)
MIN_TABLE_WIDTH = 88  # narrower terminals wrap rather than lose columns
ELLIPSIS = "…"
_AUX_FLAGS = {"negation": "neg", "hypothetical": "hyp", "future": "fut", "historical": "hist"}


def write_events(events: Iterable[Event], fmt: str, stream: TextIO) -> int:
    """Write ``events`` to ``stream`` in ``fmt`` (one of :data:`FORMATS`); return the count."""
    writers: dict[str, Callable[[Iterable[Event], TextIO], int]] = {
        "jsonl": _write_jsonl, "json": _write_json, "csv": _write_csv, "table": _write_table,
    }
    writer = writers.get(fmt)
    if writer is None:
        raise UsageError(f"unknown output format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return writer(events, stream)


def write_failures(failures: Iterable[Failure], stream: TextIO) -> int:
    """One line per failure: ``input: reason [code]``; return the count."""
    count = 0
    for failure in failures:
        stream.write(f"{failure}\n")
        count += 1
    return count


def _dumps(event: Event) -> str:
    return json.dumps(event.to_dict(), ensure_ascii=False)


def _write_jsonl(events: Iterable[Event], stream: TextIO) -> int:
    count = 0
    for event in events:
        stream.write(_dumps(event) + "\n")
        count += 1
    return count


def _write_json(events: Iterable[Event], stream: TextIO) -> int:
    count = 0
    for event in events:
        stream.write(("[\n" if count == 0 else ",\n") + _dumps(event))
        count += 1
    stream.write("\n]\n" if count else "[]\n")
    return count


def _joined(values: Iterable[str | None]) -> str:
    return LIST_SEPARATOR.join(v or "" for v in values)


def _number(value: int | float | None) -> str:
    return "" if value is None else str(value)


def csv_row(event: Event) -> dict[str, str]:
    """The flattened CSV form of one event; list fields are ``;``-joined and aligned.

    ``actor_codes``, ``actor_sectors`` and ``actor_text`` have one slot per actor
    (an unresolved code is an empty slot), so the n-th items belong together.
    """
    def entities(prefix: str, items: tuple[Entity, ...]) -> dict[str, str]:
        return {
            f"{prefix}_codes": _joined(e.code for e in items),
            f"{prefix}_sectors": _joined(e.sector for e in items),
            f"{prefix}_text": _joined(e.entity_text for e in items),
        }

    return {
        "id": event.id, "doc_id": event.doc_id, "event": event.event,
        "mode": _joined(event.mode), "context": _joined(event.context),
        "quad_code": str(event.quad_code), "event_scale": _number(event.event_scale),
        **entities("actor", event.actor), **entities("recipient", event.recipient),
        "event_text": event.event_text, "sentence": event.sentence,
        "auxiliary": _joined(event.auxiliary),
        "attribution": event.attribution.entity_text if event.attribution else "",
        "dead": _number(event.dead), "injured": _number(event.injured),
        "arrested": _number(event.arrested),
        "date": event.date.isoformat() if event.date else "",
        "date_raw": event.date_raw or "", "date_precision": event.date_precision or "",
        "date_basis": event.date_basis or "",
        **_place_columns(event.event_loc),
        "confidence": _number(event.confidence),
    }


def _place_columns(loc: dict[str, Any] | None) -> dict[str, str]:
    loc = loc or {}
    return {
        "place": loc.get("extracted_place") or "",
        "resolved_place": loc.get("resolved_place") or "",
        "lat": _number(loc.get("lat")), "lon": _number(loc.get("lon")),
        "place_country": loc.get("country_code") or "",
        "geonameid": _number(loc.get("geonameid")),
        "place_basis": loc.get("basis") or "",
    }


def write_csv_rows(items: Iterable[Any], columns: Iterable[str],
                   row: Callable[[Any], Mapping[str, Any]], stream: TextIO) -> int:
    """A header line, then ``row(item)`` for each item; returns the count."""
    writer = csv.DictWriter(stream, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    count = 0
    for item in items:
        writer.writerow(row(item))
        count += 1
    return count


def _write_csv(events: Iterable[Event], stream: TextIO) -> int:
    return write_csv_rows(events, CSV_COLUMNS, csv_row, stream)


def truncate(text: str, width: int, *, keep_end: bool = False) -> str:
    """Fit ``text`` on one line of ``width`` characters, marking a cut with "…"."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    if width <= 1:
        return ELLIPSIS[:width]
    return ELLIPSIS + flat[-(width - 1):] if keep_end else flat[:width - 1] + ELLIPSIS


def _entity_cell(items: tuple[Entity, ...]) -> str:
    return ", ".join(f"{e.entity_text} [{e.code}]" if e.code else e.entity_text for e in items)


def _flags(event: Event) -> str:
    flags = [_AUX_FLAGS.get(a, a) for a in event.auxiliary]
    counts = (("dead", event.dead), ("inj", event.injured), ("arr", event.arrested))
    flags += [f"{label}={n}" for label, n in counts if n is not None]
    return " ".join(flags)


def table_widths(total: int) -> dict[str, int]:
    """Column widths for a table ``total`` characters wide (single spaces between)."""
    fixed = {"category": 9, "date": 10, "flags": 17}
    flexible = {"doc": 1, "actor": 4, "recipient": 3, "trigger": 2, "place": 2}
    room = max(total, MIN_TABLE_WIDTH) - sum(fixed.values()) - (len(fixed) + len(flexible) - 1)
    shares = sum(flexible.values())
    widths = {name: max(6, room * weight // shares) for name, weight in flexible.items()}
    spare = room - sum(widths.values())  # what rounding left over, or the minimums took
    widths["doc" if spare >= 0 else "actor"] += spare
    order = ("doc", "category", "actor", "recipient", "trigger", "place", "date", "flags")
    return {name: widths.get(name) or fixed[name] for name in order}


def table_cells(event: Event) -> dict[str, Any]:
    """The unformatted cell texts of one table row."""
    return {
        "doc": event.doc_id, "category": event.event, "actor": _entity_cell(event.actor),
        "recipient": _entity_cell(event.recipient), "trigger": event.trigger.text,
        "place": _place_cell(event.event_loc),
        "date": event.date.isoformat() if event.date else "", "flags": _flags(event),
    }


def _place_cell(loc: dict[str, Any] | None) -> str:
    if not loc:
        return ""
    name = loc.get("resolved_place") or f"{loc['extracted_place']}?"
    return f"{name} {loc['country_code']}" if loc.get("country_code") else name


def _write_table(events: Iterable[Event], stream: TextIO) -> int:
    widths = table_widths(shutil.get_terminal_size(DEFAULT_TERMINAL).columns)

    def line(cells: dict[str, Any]) -> str:
        parts = [truncate(str(cells[name]), width, keep_end=name == "doc").ljust(width)
                 for name, width in widths.items()]
        return " ".join(parts).rstrip() + "\n"

    stream.write(line({name: name for name in widths}))
    stream.write(" ".join("-" * width for width in widths.values()) + "\n")
    count = 0
    for event in events:
        stream.write(line(table_cells(event)))
        count += 1
    if count == 0:
        stream.write("(no events)\n")
    return count
