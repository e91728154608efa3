"""The one regular expression that finds date expressions, built from ``dates.json``.

Each kind of expression is an alternative in a named group (``iso``, ``mdy``, ``dmy``,
``month_year``, ``month``, ``year``, ``the_year``, ``weekday``, ``day_word``, ``ago``,
``period``, ``weekend``, ``ordinal``); ``match.lastgroup`` names the kind. Inside it,
``<kind>_e`` is the expression proper: a leading preposition ("on", "in", "since") is
matched for context but is not part of the expression's span. Alternatives are tried
in order at each position, so longer forms come first ("Tuesday, Dec. 31" before
"Tuesday").

Month and weekday names are matched capitalised or in capitals only, so "may" and
"march" as verbs never match; every other word matches in any case.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicon import DateWords, date_words

DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
YEAR = r"(?:19|20)\d\d(?![\d.,]\d)(?!-\d)"


def _alt(words: list[str] | tuple[str, ...], *, ignore_case: bool = True) -> str:
    """An alternation of ``words``, longest first, spaces matching any whitespace."""
    parts = sorted({w for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in parts)
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


def _names(words: list[str]) -> str:
    """Capitalised or all-capital forms of proper names (months, weekdays)."""
    return _alt([w for name in words for w in (name, name.upper())], ignore_case=False)


def _pieces(words: DateWords) -> dict[str, str]:
    full = [m for m in words.months if len(m) > 4 or m in ("May", "June", "July")]
    short = [m for m in words.months if m not in full]
    months_any = rf"(?:{_names(full)}\b|{_names(short)}\b\.?)"
    return {
        "MONTH": months_any,
        "MONTH_FULL": rf"{_names(full)}\b",
        "WEEKDAY": rf"{_names(list(words.weekdays))}\b",
        "TOD": _alt(words.times_of_day),
        "ORDW": _alt(list(words.ordinal_words)),
        "MOD": _alt(words.period_modifiers),
        "MPREP": _alt(words.month_prepositions),
        "YPREP": _alt(words.year_prepositions),
        "NOT_AFTER_YEAR": _alt(words.not_after_year),
        "DAYWORD": _alt(list(words.day_words)),
        "COUNT": _alt(list(words.counts)),
        "UNIT": _alt(list(words.units)),
        "NOW": _alt(words.relative_to_now),
        "FOLLOW": _alt(words.ordinal_followers),
    }


_KINDS = [
    ("iso", r"\b(?P<iso_e>(?P<iso_y>(?:19|20)\d\d)(?P<iso_sep>[-/])(?P<iso_m>1[0-2]|0?[1-9])"
            r"(?P=iso_sep)(?P<iso_d>3[01]|[12]\d|0?[1-9]))\b"),
    ("mdy", r"\b(?P<mdy_e>(?:(?P<mdy_wd>{WEEKDAY}),?\s+)?(?P<mdy_m>{MONTH})\s*"
            r"(?P<mdy_d>" + DAY + r")\b(?!,\d{{3}})(?:,?\s+(?P<mdy_y>" + YEAR + r"))?)"),
    # "the" belongs to the date only in "the 3rd of March", not in "the 3 March vote".
    ("dmy", r"\b(?P<dmy_e>(?:(?P<dmy_wd>{WEEKDAY}),?\s+)?(?:(?i:the)\s+(?P<dmy_of>" + DAY
            + r"|{ORDW})\s+(?i:of)\s+|(?P<dmy_d>" + DAY + r"|{ORDW})(?:\s+(?i:of))?\s+)"
            r"(?P<dmy_m>{MONTH})(?:,?\s+(?P<dmy_y>" + YEAR + r"))?)"),
    ("month_year", r"\b(?P<month_year_e>(?:(?P<month_year_mod>{MOD})\s*)?(?P<month_year_m>{MONTH})"
                   r",?\s+(?i:of\s+)?(?P<month_year_y>" + YEAR + r"))"),
    ("month", r"(?:\b(?P<month_prep>{MPREP})\s+)?\b(?P<month_e>(?:(?P<month_mod>{MOD}|"
              r"(?i:this\s+past|this\s+coming|last|next|this))\s*)?(?P<month_m>{MONTH_FULL})"
              r"(?!\s*\d)(?!,?\s+(?i:of\s+)?(?:19|20)\d\d)(?:,?\s+(?:(?i:of)\s+)?(?P<month_suf>(?i:last|this|next))\s+(?i:year))?)"),
    ("year", r"(?:\b(?P<year_prep>{YPREP})\s+)?\b(?P<year_e>(?:(?P<year_mod>{MOD})\s*)?"
             r"(?P<year_y>" + YEAR + r"))\b(?!\s+{NOT_AFTER_YEAR}\b)(?!\s*(?:%|(?i:percent)))"),
    ("the_year", r"\b(?i:the)\s+(?P<the_year_e>" + YEAR + r")(?=\s+[a-z])"
                 r"(?!\s+{NOT_AFTER_YEAR}\b)"),
    ("weekday", r"\b(?P<weekday_e>(?:(?P<weekday_mod>(?i:this\s+past|this\s+coming|last|next|"
                r"this|coming|past|early|late))\s+)?(?P<weekday_d>{WEEKDAY})"
                r"(?:\s+(?P<weekday_tod>{TOD})\b)?(?:\s+(?:(?i:of)\s+)?"
                r"(?P<weekday_wk>(?i:last|this|next))\s+(?i:week)\b)?)"),
    ("day_word", r"\b(?P<day_word_e>(?P<day_word_w>{DAYWORD})(?:\s+(?P<day_word_tod>{TOD}))?)\b"),
    ("ago", r"\b(?P<ago_e>(?P<ago_n>{COUNT}|\d{{1,3}})\s+(?P<ago_u>{UNIT})s?\s+"
            r"(?P<ago_w>{NOW}))\b(?!\s+(?i:to|than|that)\b)"),
    ("period", r"\b(?P<period_e>(?:(?P<period_mod>(?i:earlier|later)|{MOD})\s+)?"
               r"(?P<period_rel>(?i:this\s+past|this\s+coming|this|last|next|coming))\s+"
               r"(?P<period_u>(?i:week|weekend|month|year)))\b"),
    ("weekend", r"\b(?i:over|during|at|on)\s+(?P<weekend_e>(?i:the)\s+(?i:weekend))\b"),
    ("ordinal", r"\b(?i:on)\s+(?P<ordinal_e>(?i:the)\s+(?P<ordinal_d>"
                r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)|{ORDW}))\b"
                r"(?=\s*(?:[,.;:!?)\"'\u201d\u2019]|$|\s{FOLLOW}\b))"),
]


@cache
def anchor_words() -> frozenset[str]:
    """Lower-case words at least one of which every date expression contains.

    Scanning a whole text with :func:`scanner` tries every alternative at every
    character; trying it only a few words before these words (and before numbers)
    finds the same expressions several times faster.
    """
    words = date_words()
    found = {w.lower() for w in (*words.months, *words.weekdays, *words.ordinal_words)}
    for phrase in words.day_words:
        found.add(phrase.split()[-1].lower())
    for unit in words.units:
        found.update((unit, unit + "s"))
    found.add("weekend")
    return frozenset(found)


@cache
def starter_words() -> frozenset[str]:
    """Lower-case words an expression may begin with (besides anchors and numbers)."""
    words = date_words()
    phrases = (
        *words.month_prepositions,
        *words.year_prepositions,
        *words.period_modifiers,
        *words.counts,
        *words.day_words,
        *_RELATIVE_STARTERS,
    )
    return frozenset(p.split()[0].lower().rstrip("-") for p in phrases) | anchor_words()


# First words of the scanner's fixed phrases ("this past Friday", "over the weekend").
_RELATIVE_STARTERS = ("this", "last", "next", "coming", "past", "earlier", "later", "over",
                      "during", "at", "on", "the")


@cache
def scanner() -> re.Pattern[str]:
    """The compiled expression: one alternative per kind, in priority order."""
    pieces = _pieces(date_words())
    body = "|".join(f"(?P<{kind}>{pattern.format(**pieces)})" for kind, pattern in _KINDS)
    return re.compile(body)
