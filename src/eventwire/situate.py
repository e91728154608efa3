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
from .places.locate import locate, token_at
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
            own = [m for m in mentions
                   if not _about_someone_else(doc, m.start, event.trigger.start)]
            when = event_date(own, event.text_info.start, event.text_info.end,
                              event.trigger.start, event.trigger.end, published,
                              event.auxiliary)
            situated.append(replace(
                event,
                event_loc=locate(doc, event),
                date=date.fromisoformat(when["date"]) if when["date"] else None,
                date_raw=when["date_raw"],
                date_precision=when["date_precision"],
                date_basis=when["date_basis"],
                date_start=when["date_start"],
                date_end=when["date_end"],
            ))
        doc.events = situated
        return doc


# A date inside one of these, hung on a subject, describes that subject, not the event:
# "Duque, who took office last month, welcomed the release". (A date in an aside on an
# object often is the event's: "planes, which landed in Beira on Friday".)
ASIDES = frozenset({"relcl", "acl", "appos"})


def _about_someone_else(doc: Document, date_start: int, trigger_start: int) -> bool:
    date_token, trigger_token = token_at(doc, date_start), token_at(doc, trigger_start)
    if date_token is None or trigger_token is None or date_token.doc is not trigger_token.doc:
        return False
    trigger_line = {trigger_token.i, *(a.i for a in trigger_token.ancestors)}
    return any(a.dep_ in ASIDES and a.i not in trigger_line
               and a.head.dep_ in ("nsubj", "nsubjpass")
               for a in [date_token, *date_token.ancestors])
