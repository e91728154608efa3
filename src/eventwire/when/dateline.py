"""The date in an article's dateline: "BAGHDAD, Dec 31 (Reuters) -", "March 3, 2024 —"."""

from __future__ import annotations

import re
from datetime import date

from .patterns import scanner
from .resolve import READERS

# A place before the date: capitalised words, maybe "City, State", then a comma.
_WORDS = r"[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*)*"
_PLACE = re.compile(rf"{_WORDS}(?:,\s*{_WORDS})?,\s*")
# What may follow the date: an agency in brackets or slashes, then a dash, colon or line end.
_AFTER = re.compile(r"\s*(?:\([^)\n]{1,40}\)|/[^/\n]{1,40}/)?\s*(?:--|[-\u2013\u2014:|]|$)", re.M)
_HEAD = 300  # datelines sit in the first lines of an article
_DATE_KINDS = {"iso", "mdy", "dmy"}


def dateline_date(text: str, *, near: date | None = None) -> date | None:
    """The date of the dateline at the start of ``text`` (or of one of its first lines).

    A dateline without a year ("BAGHDAD, Dec 31 (Reuters) -") takes the year that puts
    it nearest to ``near`` (a date known to be close, such as a file's date); without
    ``near`` it gives None rather than guess the year.
    """
    head = text[:_HEAD]
    for line in re.finditer(r"^[^\S\n]*(?=\S)", head, re.M):
        found = _date_at(head, line.end(), near)
        if found is not None:
            return found
    return None


def _date_at(head: str, position: int, near: date | None) -> date | None:
    starts = [position]
    place = _PLACE.match(head, position)
    if place is not None:
        starts.append(place.end())
    for start in starts:
        match = scanner().match(head, start)
        if match is None or match.lastgroup not in _DATE_KINDS:
            continue
        if _AFTER.match(head, match.end()) is None:
            continue
        reading = READERS[match.lastgroup](match, near)
        if reading is None:
            return None
        if near is not None and abs(reading.future - near) < abs(near - reading.past):
            return reading.future
        return reading.past
    return None
