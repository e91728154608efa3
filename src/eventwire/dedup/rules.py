"""The pairwise rule: do two mentions report the same event? Thresholds are data
(``data/dedup.json``); this module only reads them and applies them."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from ..data import load_data
from ..errors import DataFileError
from ..geo import haversine_km
from .mention import Mention

SCHEMA = "eventwire.dedup/1"
SCORERS: dict[str, Callable[..., float]] = {
    "token_set_ratio": fuzz.token_set_ratio,
    "token_sort_ratio": fuzz.token_sort_ratio,
    "ratio": fuzz.ratio,
    "partial_ratio": fuzz.partial_ratio,
}
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class FieldRule:
    """Weight of one field in the score and what a missing value does."""

    weight: float
    compatible_when_missing: bool
    missing_credit: float


@dataclass(frozen=True)
class DedupRules:
    """The clustering rules, read from ``data/dedup.json`` (see its ``about`` notes)."""

    threshold: float
    link_same_doc: bool
    symmetric: frozenset[str]
    min_anchors: int
    sibling_skips: frozenset[str]
    max_days: int
    max_km: float
    min_resolution: int
    coarse: str
    coarse_credit: float
    min_wording: float
    scorer: Callable[..., float]
    stop_words: frozenset[str]
    date: FieldRule
    place: FieldRule
    actor: FieldRule
    recipient: FieldRule
    wording: FieldRule

    @classmethod
    def load(cls, data: Mapping[str, Any] | None = None) -> DedupRules:
        """The bundled rules, or ``data`` in the same shape (for experiments and tests)."""
        data = data if data is not None else load_data("dedup.json")
        if data.get("schema") != SCHEMA:
            raise DataFileError(f"dedup rules: expected schema {SCHEMA!r}, "
                                f"got {data.get('schema')!r}")
        try:
            place, wording = data["place"], data["wording"]
            return cls(
                threshold=float(data["threshold"]),
                link_same_doc=data.get("same_doc", "link") == "link",
                symmetric=frozenset(data.get("symmetric_categories", ())),
                min_anchors=int(data.get("min_anchors", 0)),
                sibling_skips=frozenset(data.get("same_sentence", {}).get("skip", ())),
                max_days=int(data["date"]["max_days"]),
                max_km=float(place["max_km"]),
                min_resolution=int(place["min_resolution"]),
                coarse=_choice(place.get("coarse", "same_country"), "place.coarse",
                               ("same_country", "compatible", "missing")),
                coarse_credit=float(place.get("coarse_credit", 0.0)),
                min_wording=float(wording.get("min_similarity", 0.0)),
                scorer=SCORERS[wording.get("scorer", "token_set_ratio")],
                stop_words=frozenset(wording.get("stop_words", ())),
                **{name: _field(data[name], name)
                   for name in ("date", "place", "actor", "recipient", "wording")},
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DataFileError(f"dedup rules: malformed or missing entry {exc}; "
                                f"see the 'about' notes in data/dedup.json") from exc

    def wording_key(self, sentence: str) -> str:
        """The sentence as the wording scorer sees it: lower case, no stop words."""
        words = _WORD.findall(sentence.lower())
        return " ".join(w for w in words if w not in self.stop_words)

    def parties(self, m: Mention) -> tuple[frozenset[str], frozenset[str]]:
        """The actor and recipient codes the rules compare: as coded, or for a symmetric
        category (a meeting: who met whom is one fact) both sides together twice."""
        if m.category in self.symmetric:
            both = m.actors | m.recipients
            return both, both
        return m.actors, m.recipients

    def score(self, a: Mention, b: Mention, a_words: str | None = None,
              b_words: str | None = None) -> float | None:
        """The weighted similarity of two mentions, or None when a gate blocks the link.

        ``a_words``/``b_words`` are precomputed :meth:`wording_key` values (an
        optimisation for the clusterer; computed here when not given).
        """
        if a.category != b.category:
            return None
        if a.doc_id == b.doc_id and not self.link_same_doc:
            return None
        (a_actors, a_recipients), (b_actors, b_recipients) = self.parties(a), self.parties(b)
        skip = self.sibling_skips if self.siblings(a, b) else frozenset()
        parts = (self._date(a, b), self._place(a, b),
                 1.0 if "actor" in skip else self._codes(a_actors, b_actors, self.actor),
                 1.0 if "recipient" in skip else self._codes(a_recipients, b_recipients,
                                                             self.recipient),
                 1.0 if "wording" in skip else self._wording(a, b, a_words, b_words))
        if any(p is None for p in parts):
            return None
        if self.min_anchors and not skip and self._anchors(a, b, a_actors, b_actors, a_recipients,
                                              b_recipients) < self.min_anchors:
            return None
        total = weights = 0.0
        for similarity, rule in zip(parts, (self.date, self.place, self.actor,
                                            self.recipient, self.wording), strict=True):
            total += rule.weight * (similarity or 0.0)
            weights += rule.weight
        return total / weights if weights else 0.0

    def links(self, a: Mention, b: Mention) -> bool:
        """True when ``a`` and ``b`` are reports of one event under these rules."""
        score = self.score(a, b)
        return score is not None and score >= self.threshold

    def siblings(self, a: Mention, b: Mention) -> bool:
        """Two events the coder drew from one sentence of one article (the rules may
        then skip some fields: see ``same_sentence`` in the data file)."""
        return bool(self.sibling_skips) and a.doc_id == b.doc_id and a.sentence == b.sentence

    @staticmethod
    def _anchors(a: Mention, b: Mention, *codes: frozenset[str]) -> int:
        """How many of place, actors and recipients both mentions have."""
        a_actors, b_actors, a_recipients, b_recipients = codes
        placed = (a.lat is not None or a.country) and (b.lat is not None or b.country)
        return (bool(placed) + bool(a_actors and b_actors)
                + bool(a_recipients and b_recipients))

    # Each field: a similarity in 0..1, or None when its gate blocks the link.
    def _date(self, a: Mention, b: Mention) -> float | None:
        if a.date is None or b.date is None:
            return _missing(self.date)
        days = abs((a.date - b.date).days)
        return None if days > self.max_days else 1.0 - days / (self.max_days + 1)

    def _place(self, a: Mention, b: Mention) -> float | None:
        if _fine(a, self.min_resolution) and _fine(b, self.min_resolution):
            km = haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
            return None if km > self.max_km else 1.0 - km / self.max_km
        if a.country and b.country and self.coarse != "missing":
            if self.coarse == "compatible" or a.country == b.country:
                return self.coarse_credit
            return None
        return _missing(self.place)

    @staticmethod
    def _codes(a: frozenset[str], b: frozenset[str], rule: FieldRule) -> float | None:
        if not a or not b:
            return _missing(rule)
        shared = len(a & b)
        return shared / len(a | b) if shared else None

    def _wording(self, a: Mention, b: Mention, a_words: str | None,
                 b_words: str | None) -> float | None:
        a_words = self.wording_key(a.sentence) if a_words is None else a_words
        b_words = self.wording_key(b.sentence) if b_words is None else b_words
        if not a_words or not b_words:
            return _missing(self.wording)
        similarity = self.scorer(a_words, b_words) / 100.0
        return None if similarity < self.min_wording else similarity


def _fine(m: Mention, min_resolution: int) -> bool:
    """A place precise enough to measure distance from (a town, not a country)."""
    return (m.lat is not None and m.lon is not None
            and (m.resolution is None or m.resolution >= min_resolution))


def _missing(rule: FieldRule) -> float | None:
    return rule.missing_credit if rule.compatible_when_missing else None


def _choice(value: str, name: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise DataFileError(f"dedup rules: {name} must be one of {', '.join(allowed)}, "
                            f"not {value!r}")
    return value


def _field(entry: Mapping[str, Any], name: str) -> FieldRule:
    missing = entry.get("missing", "compatible")
    if missing not in ("compatible", "incompatible"):
        raise DataFileError(f"dedup rules: {name}.missing must be 'compatible' or "
                            f"'incompatible', not {missing!r}")
    return FieldRule(weight=float(entry["weight"]),
                     compatible_when_missing=missing == "compatible",
                     missing_credit=float(entry.get("missing_credit", 0.0)))
