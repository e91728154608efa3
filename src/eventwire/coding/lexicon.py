"""The trigger lexicon: which words (with which dependents) signal which category.

Entries live in ``data/triggers.json``. An entry names a head lemma, the parts of
speech it may have, optional dependent lemmas it needs (``with``) or must not have
(``without``), the PLOVER category and mode, and a weight (0–1) saying how reliably
the word alone signals the category.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token

from ..data import load_data
from ..errors import DataFileError
from ..model import CATEGORIES
from .realis import FRAMES


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    lemma: str
    pos: frozenset[str]
    event: str
    mode: str | None
    with_: frozenset[str]
    without: frozenset[str]
    weight: float


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    token: Token
    entry: TriggerEntry
    cue: Token | None  # the dependent that satisfied ``with``, if any


# A multiword trigger's second word is a child of the head ("call for", "hold talks") or
# a child of one of these phrase children ("impose sanctions on"); the grandchildren
# under clauses (advcl, ccomp, conj) belong to other events and are not looked at.
PHRASE_DEPS = {"prep", "prt", "dobj", "dative", "attr", "oprd", "compound", "acomp", "agent",
               "pobj", "npadvmod", "nsubjpass", "amod", "pcomp", "advmod", "xcomp"}


def neighbour_lemmas(token: Token) -> dict[str, Token]:
    """Lemmas of the token's phrase children and their children (multiword triggers)."""
    out: dict[str, Token] = {}
    for child in token.children:
        if child.dep_ == "prep" and any(
                g.dep_ == "pobj" and g.ent_type_ in {"DATE", "TIME"} for g in child.children):
            continue  # "called on Tuesday" is not "called on"
        out.setdefault(child.lemma_.lower(), child)
        out.setdefault(child.lower_, child)
        if child.lemma_.lower() in FRAMES["quantity_nouns"]:  # "hundreds of protesters clashed"
            for grand in child.children:
                if grand.dep_ == "prep" and grand.lower_ == "of":
                    for obj in grand.children:
                        out.setdefault(obj.lemma_.lower(), obj)
        if child.dep_ not in PHRASE_DEPS:
            continue
        for grand in child.children:
            out.setdefault(grand.lemma_.lower(), grand)
            out.setdefault(grand.lower_, grand)
    return out


def _distance(cue: Token, head: Token) -> int:
    """1 for a child of the trigger, 2 for a grandchild; a preposition's object counts
    as a child ("call for", "sanctions on")."""
    if cue.head.i == head.i:
        return 1
    if cue.head.head.i == head.i and cue.head.dep_ == "prep":
        return 1
    return 2


class Lexicon:
    """Index of trigger entries by head lemma, loaded lazily (picklable when empty)."""

    def __init__(self, name: str = "triggers.json") -> None:
        self.name = name
        self._index: dict[str, list[TriggerEntry]] | None = None
        self._mode_cues: dict[str, dict[str, list[str]]] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"name": self.name}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["name"])  # type: ignore[misc]

    @property
    def index(self) -> dict[str, list[TriggerEntry]]:
        if self._index is None:
            self._index = self._load()
        return self._index

    def _load(self) -> dict[str, list[TriggerEntry]]:
        data = load_data(self.name)
        index: dict[str, list[TriggerEntry]] = {}
        for n, raw in enumerate(data.get("entries", [])):
            if raw.get("event") not in CATEGORIES:
                raise DataFileError(
                    f"{self.name}: entry {n} has unknown event {raw.get('event')!r}"
                )
            entry = TriggerEntry(
                lemma=raw["lemma"].lower(),
                pos=frozenset(raw.get("pos") or ["VERB", "NOUN"]),
                event=raw["event"],
                mode=raw.get("mode"),
                with_=frozenset(w.lower() for w in raw.get("with") or []),
                without=frozenset(w.lower() for w in raw.get("without") or []),
                weight=float(raw.get("weight", 0.5)),
            )
            index.setdefault(entry.lemma, []).append(entry)
        for entries in index.values():
            entries.sort(key=lambda e: (not e.with_, -e.weight))
        self._mode_cues = data.get("mode_cues", {})
        return index

    @property
    def mode_cues(self) -> dict[str, dict[str, list[str]]]:
        """Per category and mode, cue words (loaded with the index)."""
        _ = self.index
        return self._mode_cues

    def match(self, token: Token) -> TriggerMatch | None:
        """The most specific entry that fits this token in its parse, if any."""
        entries = self.index.get(token.lemma_.lower()) or self.index.get(token.lower_)
        if not entries:
            return None
        pos = token.pos_
        near: dict[str, Token] | None = None
        best: tuple[int, float, TriggerMatch] | None = None
        for entry in entries:
            if pos not in entry.pos:
                continue
            if entry.with_ or entry.without:
                if near is None:
                    near = neighbour_lemmas(token)
                if entry.without and entry.without & near.keys():
                    continue
                if entry.with_:
                    hit = entry.with_ & near.keys()
                    if not hit:
                        continue
                    # a cue that is the trigger's own dependent ("withdraw inspectors")
                    # says more than one on a modifier ("weapons inspectors")
                    cue = min((near[h] for h in hit), key=lambda t: _distance(t, token))
                    rank = (_distance(cue, token), -entry.weight)
                    if best is None or rank < best[:2]:
                        best = (*rank, TriggerMatch(token, entry, cue))
                    continue
            if best is not None:
                return best[2]
            return TriggerMatch(token, entry, None)
        return best[2] if best is not None else None
