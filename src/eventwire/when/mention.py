"""The record a date expression becomes: a span of the text and what it resolves to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "week", "month", "year"]
Basis = Literal["explicit", "weekday", "relative"]
Tense = Literal["past", "future"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression: ``text[start:end]`` is ``raw``.

    ``date`` is the first day of the period the expression names (the Monday of a
    week, the first of a month, 1 January of a year), read in the tense the text
    itself suggests (``tense``: ``"future"`` when the expression or its clause says
    so, ``"past"`` when it says that, None when nothing does and the past reading is
    used). ``past_date`` and ``future_date`` are the two readings of an expression
    whose year or week the text leaves open ("on Friday", "Dec. 30"); they are equal
    when the expression fixes its date ("in 2003", "yesterday", "next week").
    ``clause_start``/``clause_end`` bound the clause the expression sits in, so a
    caller can tell which verb it belongs to without the text.
    """

    start: int
    end: int
    raw: str
    date: dt.date
    precision: Precision
    basis: Basis
    tense: Tense | None
    past_date: dt.date
    future_date: dt.date
    clause_start: int
    clause_end: int

    def reading(self, tense: Tense | None) -> dt.date:
        """The date for an event of ``tense`` (None keeps the text's own reading)."""
        if tense == "future":
            return self.future_date
        if tense == "past":
            return self.past_date
        return self.date
