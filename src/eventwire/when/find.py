"""Find every date expression in a text and resolve it against the publication date."""

from __future__ import annotations

import re
from datetime import date

from .mention import DateMention
from .patterns import anchor_words, scanner, starter_words
from .resolve import READERS
from .tense import clause_bounds, clause_tense, sentence_bounds

_WORD = re.compile(r"\w+")
_DIGITS = frozenset("0123456789")
# How far before an anchor word an expression may begin, in characters: "at the end
# of last month" starts 19 characters before "month".
_LOOK_BACK = 40


def find_dates(text: str, published: date | None = None) -> list[DateMention]:
    """Every date expression in ``text``, in order, with offsets into ``text``.

    Expressions that need the publication date (weekdays, "yesterday", "Dec. 30"
    without a year) are skipped when ``published`` is None; those that carry their
    own year are still found.
    """
    mentions: list[DateMention] = []
    sentence = (0, 0)
    for match in _matches(text):
        kind = match.lastgroup
        if kind is None:
            continue
        reading = READERS[kind](match, published)
        if reading is None:
            continue
        start, end = match.span(f"{kind}_e")
        if not sentence[0] <= start < sentence[1]:
            sentence = sentence_bounds(text, start, end)
        clause = clause_bounds(text, start, end, sentence)
        tense = reading.tense or clause_tense(text, start, end, clause)
        chosen = reading.future if tense == "future" else reading.past
        mentions.append(
            DateMention(
                start=start,
                end=end,
                raw=text[start:end],
                date=chosen,
                precision=reading.precision,
                basis=reading.basis,
                tense=tense,
                past_date=reading.past,
                future_date=reading.future,
                clause_start=clause[0],
                clause_end=clause[1],
            )
        )
    return mentions


def _matches(text: str) -> list[re.Match[str]]:
    """The scanner's matches, tried only at the few words before each anchor word.

    Every expression holds an anchor word (a month, a weekday, "yesterday", "week", a
    number) and begins at most a few words before it with a word that can start one.
    """
    anchors = anchor_words()
    starters = starter_words()
    pattern = scanner()
    lowered = text.lower()  # same offsets: str.lower keeps the length of these texts
    if len(lowered) != len(text):
        lowered = text
    found: list[re.Match[str]] = []
    done = 0  # end of the last match: later matches may not overlap it
    for word in _WORD.finditer(lowered):
        token = word[0]
        if not (token in anchors or token[0] in _DIGITS):
            continue
        anchor = word.start()
        if anchor < done:
            continue
        before = list(_WORD.finditer(lowered, max(done, anchor - _LOOK_BACK), anchor))
        for candidate in [*before, word]:
            head = candidate[0]
            if not (head in starters or head[0] in _DIGITS):
                continue
            match = pattern.match(text, candidate.start())
            if match is not None and match.end() > anchor:
                found.append(match)
                done = match.end()
                break
    return found
