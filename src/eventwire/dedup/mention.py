"""What deduplication needs to know about one coded event: a :class:`Mention`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..model import Article, Entity, Event


@dataclass(frozen=True, slots=True)
class Mention:
    """One report of an event, reduced to the fields the clustering rules read.

    ``actors`` and ``recipients`` hold resolved codes only (an unresolved "gunmen" adds
    nothing); ``resolution`` and ``country`` come from the event's place (PLOVER
    ``event_loc``) and let a country-level place be compared by country, not distance.
    """

    id: str
    doc_id: str
    category: str
    actors: frozenset[str] = frozenset()
    recipients: frozenset[str] = frozenset()
    date: date | None = None
    lat: float | None = None
    lon: float | None = None
    resolution: int | None = None
    country: str | None = None
    sentence: str = ""
    source: str | None = None
    url: str | None = None

    @classmethod
    def from_event(cls, event: Event, article: Article | None = None) -> Mention:
        """The mention of a coded ``event``; ``article`` supplies its outlet and URL."""
        loc: dict[str, Any] = event.event_loc or {}
        return cls(
            id=event.id,
            doc_id=event.doc_id,
            category=event.event,
            actors=_codes(event.actor),
            recipients=_codes(event.recipient),
            date=event.date,
            lat=_float(loc.get("lat")),
            lon=_float(loc.get("lon")),
            resolution=loc.get("resolution"),
            country=loc.get("country_code"),
            sentence=event.sentence,
            source=article.source if article else None,
            url=article.url if article else None,
        )

    @property
    def source_key(self) -> str:
        """Who reported it: the outlet, else the article (for ``num_sources``)."""
        return self.source or f"doc:{self.doc_id}"

    @property
    def sort_key(self) -> tuple[int, str]:
        """Earliest-dated first (undated last), then by id: fixes canonical ids."""
        return (self.date.toordinal() if self.date else 10**7, self.id)


def _codes(entities: Iterable[Entity]) -> frozenset[str]:
    return frozenset(e.code for e in entities if e.code)


def _float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None
