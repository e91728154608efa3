"""The date words of ``data/dates.json``, checked and loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ..data import load_json
from ..errors import DataFileError

_FILE = "dates.json"
_UNITS = {"day", "week", "fortnight", "month", "year"}


@dataclass(frozen=True, slots=True)
class DateWords:
    months: dict[str, int]
    weekdays: dict[str, int]
    holiday_words: frozenset[str]
    times_of_day: tuple[str, ...]
    day_words: dict[str, int]
    ordinal_words: dict[str, int]
    counts: dict[str, int]
    vague_counts: frozenset[str]
    units: dict[str, str]
    relative_to_now: tuple[str, ...]
    future_cues: tuple[str, ...]
    past_cues: tuple[str, ...]
    clause_breaks: tuple[str, ...]
    year_prepositions: tuple[str, ...]
    month_prepositions: tuple[str, ...]
    period_modifiers: tuple[str, ...]
    not_after_year: tuple[str, ...]
    ordinal_followers: tuple[str, ...]


def _table(data: dict[str, Any], key: str, low: int, high: int) -> dict[str, int]:
    table = data.get(key)
    if not isinstance(table, dict) or not table:
        raise DataFileError(f"{_FILE}: '{key}' must be a non-empty object")
    for word, value in table.items():
        if not isinstance(value, int) or not low <= value <= high:
            raise DataFileError(f"{_FILE}: '{key}' entry {word!r} must be an integer {low}..{high}")
    return dict(table)


def _words(data: dict[str, Any], key: str) -> tuple[str, ...]:
    words = data.get(key)
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise DataFileError(f"{_FILE}: '{key}' must be a list of non-empty strings")
    return tuple(words)


@cache
def date_words() -> DateWords:
    """Load and check ``data/dates.json`` (cached: one read per process)."""
    data = load_json("eventwire.data", _FILE, "eventwire.dates/1")
    units = data.get("units")
    if not isinstance(units, dict) or set(units.values()) - _UNITS:
        raise DataFileError(f"{_FILE}: 'units' must map words to one of {sorted(_UNITS)}")
    counts = _table(data, "counts", 1, 100)
    vague = frozenset(_words(data, "vague_counts"))
    if vague - set(counts):
        raise DataFileError(f"{_FILE}: vague counts {sorted(vague - set(counts))} have no count")
    return DateWords(
        months=_table(data, "months", 1, 12),
        weekdays=_table(data, "weekdays", 0, 6),
        holiday_words=frozenset(_words(data, "holiday_words")),
        times_of_day=_words(data, "times_of_day"),
        day_words=_table(data, "day_words", -7, 7),
        ordinal_words=_table(data, "ordinal_words", 1, 31),
        counts=counts,
        vague_counts=vague,
        units=dict(units),
        relative_to_now=_words(data, "relative_to_now"),
        future_cues=_words(data, "future_cues"),
        past_cues=_words(data, "past_cues"),
        clause_breaks=_words(data, "clause_breaks"),
        year_prepositions=_words(data, "year_prepositions"),
        month_prepositions=_words(data, "month_prepositions"),
        period_modifiers=_words(data, "period_modifiers"),
        not_after_year=_words(data, "not_after_year"),
        ordinal_followers=_words(data, "ordinal_followers"),
    )
