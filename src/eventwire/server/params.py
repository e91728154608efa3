"""Query-string filters shared by /api/events, /api/stats, /api/actors and /api/export.

The names and meanings are those of ``eventwire query`` (see ``docs/api.md``); values
only ever reach SQL as parameters, through :func:`eventwire.store.query.where`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import HTTPException, Query

from ..errors import UsageError
from ..store.query import Filters, parse_bbox

MAX_VALUES = 50  # values of one repeatable filter
MAX_TEXT = 200  # characters of the text filter

Codes = Annotated[list[str], Query(max_length=MAX_VALUES)]


def filters(
    category: Codes = [],  # noqa: B006 - FastAPI copies Query defaults per request
    country: Codes = [],  # noqa: B006
    actor: Codes = [],  # noqa: B006
    recipient: Codes = [],  # noqa: B006
    actor_sector: Codes = [],  # noqa: B006
    recipient_sector: Codes = [],  # noqa: B006
    since: date | None = None,
    until: date | None = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat",
                                      max_length=200)] = None,
    text: Annotated[str | None, Query(max_length=MAX_TEXT)] = None,
    mentions: bool = False,
    include_wrong: bool = False,
) -> Filters:
    """The :class:`Filters` of a request (no limit: each endpoint sets its own)."""
    try:
        box = parse_bbox(bbox) if bbox else None
    except UsageError as exc:
        raise HTTPException(422, str(exc).replace("--bbox", "bbox")) from exc
    return Filters(categories=category, country=country, actor=actor, recipient=recipient,
                   actor_sector=actor_sector, recipient_sector=recipient_sector,
                   since=since, until=until, bbox=box, text=text or None,
                   mentions=mentions, include_wrong=include_wrong, limit=None)
