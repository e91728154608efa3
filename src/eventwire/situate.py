"""Stage: where and when each event happened.

Runs after the coder and the geoparser. The publication date comes from the article
(input metadata, HTML metadata, or ``--published``), else from the dateline; every
event then gets its ``date`` fields (:mod:`.when`) and its ``event_loc``
(:mod:`.places.locate`), each naming the rule that set it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from .document import Document
from .places.locate import locate
from .when import dateline_date, event_date, find_dates


class Situator:
    """Stage: fill each event's ``event_loc`` and date fields."""

    def __call__(self, doc: Document) -> Document:
        if not doc.events:
            return doc
        published = doc.article.published or dateline_date(doc.text)
        mentions = find_dates(doc.text, published)
        situated = []
        for event in doc.events:
            when = event_date(mentions, event.text_info.start, event.text_info.end,
                              event.trigger.start, event.trigger.end, published,
                              event.auxiliary)
            situated.append(replace(
                event,
                event_loc=locate(doc, event),
                date=date.fromisoformat(when["date"]) if when["date"] else None,
                date_raw=when["date_raw"],
                date_precision=when["date_precision"],
                date_basis=when["date_basis"],
            ))
        doc.events = situated
        return doc
