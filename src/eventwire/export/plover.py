"""``plover-jsonl``: one PLOVER JSON record per line.

The record is the coder's own JSONL record (PLOVER field names, see the README's
Output section) with the deduplication fields after it: ``num_mentions``,
``num_sources``, ``source_url``, ``published`` (YYYY-MM-DD) and ``mentions`` (a list
of ``{id, doc_id, url, source}``). Every line has every field, in one order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from .rows import canonical_row


def write_plover_jsonl(rows: Iterable[Mapping[str, Any]], stream: TextIO) -> int:
    """Write ``rows`` as PLOVER JSONL to ``stream``; return the count."""
    count = 0
    for row in rows:
        stream.write(json.dumps(canonical_row(row), ensure_ascii=False) + "\n")
        count += 1
    return count
