"""Training examples from analysts' corrections in a store.

Each event whose category or mode an analyst corrected becomes an example: its
sentence, its trigger's offsets within the sentence, and the corrected category and
mode. It is repeated ``weight`` times, so a handful of corrections counts against
the ~24,000 generated sentences. Events marked wrong are left out: the classifier
has no "no event" class; a wrong event is kept out of queries and exports instead.
"""

from __future__ import annotations

from ..store import corrections
from ..store.db import Store
from .generate import Example

DEFAULT_WEIGHT = 5


def examples_from_corrections(db: str, weight: int = DEFAULT_WEIGHT) -> list[Example]:
    import json

    out: list[Example] = []
    with Store(db, read_only=True) as store:
        ids = [r[0] for r in store.conn.execute(
            "SELECT DISTINCT event_id FROM corrections WHERE field IN ('event', 'mode')"
        ).fetchall()]
        fixes = corrections.for_events(store.conn, ids)
        for event_id in ids:
            row = store.conn.execute("SELECT record FROM events WHERE id = ?",
                                     [event_id]).fetchone()
            if row is None:
                continue
            record = corrections.apply(json.loads(row[0]), fixes.get(event_id, []))
            if record["status"] == "wrong":
                continue
            offset = record["text_info"]["start"]
            start, end = record["trigger"]["start"] - offset, record["trigger"]["end"] - offset
            sentence = record["sentence"]
            if not (0 <= start < end <= len(sentence)):
                continue
            modes = record.get("mode") or []
            example = Example(sentence, start, end, record["event"],
                              modes[0] if modes else None, "correction")
            out.extend([example] * weight)
    return out
