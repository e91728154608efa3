"""Score date resolution on a set of cases (the project's ``tests/data/dates.jsonl``).

A case is ``{"sentence", "published", "expression", "expected_date", "precision",
"note"}``. It is resolved exactly when :func:`find_dates` finds a mention whose words
are ``expression`` with that date and precision; a case whose ``expression`` is null
expects no date in the sentence, so :func:`event_date` falls back to the publication
date (basis ``"published"``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .choose import event_date
from .find import find_dates

FIELDS = ("sentence", "published", "expression", "expected_date", "precision", "note")


@dataclass(frozen=True, slots=True)
class Outcome:
    case: dict[str, Any]
    got_date: str | None
    got_precision: str | None

    @property
    def exact(self) -> bool:
        expected = (self.case["expected_date"], self.case["precision"])
        return (self.got_date, self.got_precision) == expected


@dataclass(frozen=True, slots=True)
class Score:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def exact_rate(self) -> float:
        return sum(o.exact for o in self.outcomes) / len(self.outcomes) if self.outcomes else 0.0

    @property
    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.exact]


def load_cases(path: Path) -> list[dict[str, Any]]:
    """The cases of a JSONL file, one object a line."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def resolve_case(case: dict[str, Any]) -> Outcome:
    """What the resolver makes of one case."""
    sentence = case["sentence"]
    published = date.fromisoformat(case["published"])
    mentions = find_dates(sentence, published)
    if case["expression"] is None:
        if mentions:  # a date was found where there is none
            return Outcome(case, None, None)
        fields = event_date(mentions, 0, len(sentence), 0, 0, published)
        return Outcome(case, fields["date"], fields["date_precision"])
    for mention in mentions:
        if mention.raw == case["expression"]:
            return Outcome(case, mention.date.isoformat(), mention.precision)
    return Outcome(case, None, None)


def score(cases: list[dict[str, Any]]) -> Score:
    """Resolve every case."""
    return Score([resolve_case(case) for case in cases])
