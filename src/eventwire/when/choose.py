"""Which date an event takes: the date expression of its own clause, else the publication date."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TypedDict

from .mention import DateMention, Tense

# A date after the verb is usually its adjunct ("met on Friday"); one before it is
# as often the tail of the previous phrase, so it counts as this much farther away.
_BEFORE_PENALTY = 1.5


class EventDate(TypedDict):
    date: str | None
    date_raw: str | None
    date_precision: str | None
    date_basis: str | None
    date_start: int | None
    date_end: int | None


def event_date(
    mentions: Sequence[DateMention],
    sentence_start: int,
    sentence_end: int,
    trigger_start: int,
    trigger_end: int,
    published: date | None,
    auxiliary: Iterable[str] = (),
) -> EventDate:
    """The date of the event whose trigger is ``text[trigger_start:trigger_end]``.

    Among the ``mentions`` inside the sentence, the one in the trigger's clause wins,
    then the nearest (after the trigger preferred). A future event ("future" in
    ``auxiliary``) reads a weekday or a year-less day forward ("will meet on Friday" is
    the coming Friday); a historical one reads it back. With no date in the sentence,
    the publication date is given with basis ``"published"``; with no publication
    date either, every field is None.
    """
    inside = [m for m in mentions if sentence_start <= m.start and m.end <= sentence_end]
    if inside:
        best = min(inside, key=lambda m: _rank(m, trigger_start, trigger_end))
        # The event's tense re-reads only a date in its own clause that the text leaves
        # open: in "troops will deploy, officials said late Tuesday" the date is the
        # report's, read as the text has it.
        own_clause = best.clause_start <= trigger_start < best.clause_end
        tense = _tense(auxiliary) if own_clause and best.tense is None else None
        return {
            "date": best.reading(tense).isoformat(),
            "date_raw": best.raw,
            "date_precision": best.precision,
            "date_basis": best.basis,
            "date_start": best.start,
            "date_end": best.end,
        }
    if published is not None:
        return {
            "date": published.isoformat(),
            "date_raw": None,
            "date_precision": "day",
            "date_basis": "published",
            "date_start": None,
            "date_end": None,
        }
    return {
        "date": None,
        "date_raw": None,
        "date_precision": None,
        "date_basis": None,
        "date_start": None,
        "date_end": None,
    }


def _tense(auxiliary: Iterable[str]) -> Tense | None:
    flags = set(auxiliary)
    if "future" in flags:
        return "future"
    if "historical" in flags:
        return "past"
    return None


def _rank(mention: DateMention, trigger_start: int, trigger_end: int) -> tuple[bool, float]:
    same_clause = mention.clause_start <= trigger_start < mention.clause_end
    if mention.start >= trigger_end:
        distance = float(mention.start - trigger_end)
    else:
        distance = (trigger_start - mention.end) * _BEFORE_PENALTY
    return (not same_clause, distance)
