"""The clause a date expression sits in, and whether that clause speaks of the future.

A clause here is cheap to find: the stretch of the sentence between breaks (";",
":", quotation marks, dashes and the joining words of ``dates.json``, such as
"that", "and", "after", "who"). That is enough to tell "said on Monday" from
"will meet on Friday" in "The minister said on Monday that envoys will meet on Friday".
The tense is the one of the cue word nearest the expression in its clause, looking
first before it (the verb it modifies usually precedes it), then after.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicon import date_words
from .mention import Tense

# A sentence ends at . ! ? (and a closing quote or bracket) followed by space and a
# capital or an opening quote; "Dec. 31" and "U.S. troops" do not end one.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[A-Z\"\u201c'(])|\n\s*\n")
_WINDOW = 400  # characters searched each way for a sentence end; sentences are shorter


_TOKEN = re.compile(r"\w+|'\w+")
_CUE_WINDOW = 150  # characters of the clause searched on each side for a cue
_BE = frozenset({"be", "is", "are", "been", "being"})
_NOT_PAST = frozenset({"hundred", "red", "bed", "shed", "wed"})


def _phrase(words: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(words.lower()))


@cache
def _cue_table() -> dict[tuple[str, ...], Tense]:
    lexicon = date_words()
    table: dict[tuple[str, ...], Tense] = {_phrase(w): "past" for w in lexicon.past_cues}
    table.update({_phrase(w): "future" for w in lexicon.future_cues})
    return table


@cache
def _cue_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(key) for key in _cue_table()}, reverse=True))


@cache
def _breaks() -> re.Pattern[str]:
    parts = sorted(date_words().clause_breaks, key=len, reverse=True)
    words = "|".join(re.escape(w) for w in parts)
    return re.compile(rf"[;:\"\u201c\u201d\u2014\u2013]|\s-\s|\b(?i:{words})\b")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end offsets of the sentence holding ``text[start:end]``."""
    low = max(0, start - _WINDOW)
    left = low
    for found in _SENTENCE_END.finditer(text, low, start):
        left = found.end()
    right = len(text)
    found_end = _SENTENCE_END.search(text, end, min(len(text), end + _WINDOW))
    if found_end is not None:
        right = found_end.start() + 1
    return left, right


def clause_bounds(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
    """Offsets of the clause of ``text[start:end]`` inside the sentence span ``sentence``."""
    left, right = sentence
    for found in _breaks().finditer(text, left, start):
        left = found.end()
    after = _breaks().search(text, end, right)
    if after is not None:
        right = after.start()
    return left, right


def clause_tense(text: str, start: int, end: int, clause: tuple[int, int]) -> Tense | None:
    """The tense the nearest cue word in the clause gives, None without a cue."""
    before = _TOKEN.findall(text, max(clause[0], start - _CUE_WINDOW), start)
    lowered = [t.lower() for t in before]
    for index in range(len(before) - 1, -1, -1):
        tense = _cue_at(before, lowered, index)
        if tense is not None:
            return tense
    after = _TOKEN.findall(text, end, min(clause[1], end + _CUE_WINDOW))
    lowered = [t.lower() for t in after]
    for index in range(len(after)):
        tense = _cue_at(after, lowered, index)
        if tense is not None:
            return tense
    return None


def _cue_at(tokens: list[str], lowered: list[str], index: int) -> Tense | None:
    """The tense of a cue phrase starting at ``tokens[index]``, if one does."""
    table = _cue_table()
    for length in _cue_lengths():
        key = tuple(lowered[index : index + length])
        if len(key) == length and key in table:
            return table[key]
    word = tokens[index]
    # A regular past tense; not -eed words (need, agreed), nor a passive participle
    # after a form of "be" ("will be announced").
    if (
        len(word) > 3
        and word.endswith("ed")
        and word.islower()
        and not word.endswith("eed")
        and word not in _NOT_PAST
        and not (index > 0 and lowered[index - 1] in _BE)
    ):
        return "past"
    return None
