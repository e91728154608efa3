"""Event details read from the sentence: mode, context, casualty and arrest counts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from spacy.tokens import Span as SpacySpan

from ..data import load_data

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12,
}
_NUM = r"(\d+(?:,\d{3})*|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_QUAL = r"(?:at least |more than |over |nearly |almost |some |about |around |up to )?"
_NOUN = r"(?:(?!and |or |but )[a-z-]+ ){0,3}?" \
        r"(?:people|persons|civilians|soldiers|troops|protesters|demonstrators|" \
        r"police(?:men| officers)?|officers|fighters|militants|children|women|men|students|" \
        r"journalists|workers|members|others|policemen|activists|residents|villagers|" \
        r"passengers|worshippers|patients)"
COUNT_PATTERNS = {
    "dead": [
        rf"\b{_QUAL}{_NUM} {_NOUN}? ?(?:were |was |have been |had been )?"
        r"(?:killed|dead|died|slain)",
        rf"\bkill(?:ed|ing|s)? {_QUAL}{_NUM}\b",
        rf"\bdeath toll (?:rose |climbed |reached |stood at |to |of )*{_QUAL}{_NUM}",
        rf"\bleaving {_QUAL}{_NUM} {_NOUN}? ?dead",
    ],
    "injured": [
        rf"\b{_QUAL}{_NUM} {_NOUN}? ?(?:were |was |have been |had been )?(?:injured|wounded|hurt)",
        rf"\b(?:injur|wound)(?:ed|ing|s)? {_QUAL}{_NUM}\b",
    ],
    "arrested": [
        rf"\b{_QUAL}{_NUM} {_NOUN}? ?(?:were |was |have been |had been )?(?:arrested|detained|"
        r"taken into custody|rounded up)",
        rf"\b(?:arrest|detain)(?:ed|ing|s)? {_QUAL}{_NUM}\b",
    ],
}
_COMPILED = {k: [re.compile(p, re.IGNORECASE) for p in v] for k, v in COUNT_PATTERNS.items()}


def _to_int(raw: str) -> int | None:
    raw = raw.lower()
    if len(raw) == 4 and raw.isdigit() and 1900 <= int(raw) <= 2100:
        return None  # a year ("began in April 2023, has killed ..."), not a count
    raw = raw.replace(",", "")
    if raw.isdigit():
        return int(raw)
    return NUMBER_WORDS.get(raw)


def counts(sentence: str) -> dict[str, int | None]:
    """Stated numbers of dead, injured and arrested in a sentence (None when unstated)."""
    out: dict[str, int | None] = {}
    for field, patterns in _COMPILED.items():
        value = None
        for pattern in patterns:
            match = pattern.search(sentence)
            if match:
                value = _to_int(match.group(1))
                if value is not None:
                    break
        out[field] = value
    return out


class ContextCues:
    """PLOVER contexts from cue lemmas in the sentence (data/contexts.json)."""

    def __init__(self, name: str = "contexts.json") -> None:
        self.name = name

    def __getstate__(self) -> dict[str, str]:
        return {"name": self.name}

    def __setstate__(self, state: dict[str, str]) -> None:
        self.name = state["name"]

    @cached_property
    def cues(self) -> tuple[dict[str, set[str]], dict[str, set[tuple[str, ...]]]]:
        single: dict[str, set[str]] = {}
        multi: dict[str, set[tuple[str, ...]]] = {}
        for context, words in load_data(self.name)["contexts"].items():
            for word in words:
                parts = tuple(word.lower().split())
                if len(parts) == 1:
                    single.setdefault(parts[0], set()).add(context)
                else:
                    multi.setdefault(context, set()).add(parts)
        return single, multi

    def contexts(self, lemmas: list[str], sectors: Iterable[str | None]) -> list[str]:
        single, multi = self.cues
        found: set[str] = set()
        for lemma in lemmas:
            found |= single.get(lemma, set())
        joined = " " + " ".join(lemmas) + " "
        for context, phrases in multi.items():
            if context not in found and any(f" {' '.join(p)} " in joined for p in phrases):
                found.add(context)
        if "MIL" in sectors:
            found.add("military")
        return sorted(found)


def mode_from_cues(category: str, lemmas: set[str], text_lower: str,
                   cues: dict[str, dict[str, list[str]]]) -> str | None:
    """The first mode of the category whose cue words appear in the sentence."""
    for mode, words in cues.get(category, {}).items():
        for word in words:
            if (" " in word and word in text_lower) or word in lemmas:
                return mode
    return None


def sentence_lemmas(sent: SpacySpan) -> list[str]:
    return [t.lemma_.lower() for t in sent if not t.is_punct]
