"""Actor knowledge: names, demonyms, capitals, organisations, titles, office holders.

Everything comes from the data files under ``data/actors/``; this module only
indexes them for fast longest-match lookup over spaCy tokens.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..data import load_data

MAX_NAME_TOKENS = 7


@dataclass(frozen=True, slots=True)
class Known:
    """A name the book knows: what kind of thing it is and what it resolves to."""

    kind: str  # country | demonym | capital | organization | institution | person
    code: str | None
    sector: str | None
    terms: tuple[tuple[date, date | None], ...] = ()
    role: str | None = None
    name: str = ""

    def sector_on(self, when: date | None) -> str | None:
        """An office holder's sector on a date: their office's, or ELI once out of office."""
        if self.kind != "person" or not self.terms:
            return self.sector
        if when is None:
            return self.sector
        if any(start <= when and (end is None or when < end) for start, end in self.terms):
            return self.sector
        if when >= min(start for start, _ in self.terms):
            return "ELI"
        return None


def _words(name: str) -> tuple[str, ...]:
    """Split a name the way spaCy splits it, closely enough for lookup keys."""
    out: list[str] = []
    for raw in name.replace("\u2019", "'").split():
        word = raw
        trail: list[str] = []
        while word and word[-1] in ",;:" :
            trail.insert(0, word[-1])
            word = word[:-1]
        if word.endswith("'s") and len(word) > 2:
            out.extend([word[:-2], "'s"])
        elif "-" in word.strip("-") and not word.isupper():
            parts = word.split("-")
            for i, part in enumerate(parts):
                if part:
                    out.append(part)
                if i < len(parts) - 1:
                    out.append("-")
        elif word:
            out.append(word)
        out.extend(trail)
    return tuple(out)


def _key(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(w.lower() for w in words)


class ActorBook:
    """Longest-match lookup of known names in token sequences.

    Short all-capital names ("US", "UN", "IS", "AU") only match in the same case, so
    "us" and "is" never resolve to countries.
    """

    def __init__(self) -> None:
        self.names: dict[tuple[str, ...], list[tuple[str, Known]]] = {}
        self.sector_nouns: dict[str, str] = {}
        self.titles: dict[tuple[str, ...], str] = {}
        self._loaded = False

    def __getstate__(self) -> dict[str, Any]:
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]

    # -- loading -----------------------------------------------------------------
    def load(self) -> ActorBook:
        if self._loaded:
            return self
        countries = load_data("actors/countries.json")["countries"]
        for c in countries:
            code = c.get("parent") or c["code"]  # PLOVER folds dependencies into their state
            for n in c.get("names", []):
                self._add(n, Known("country", code, None, name=n))
            for n in c.get("demonyms", []):
                self._add(n, Known("demonym", code, None, name=n))
            for n in c.get("capitals", []):
                self._add(n, Known("capital", code, "GOV", name=n))
        for o in load_data("actors/organizations.json")["organizations"]:
            for n in o.get("names", []):
                self._add(n, Known("organization", o.get("code"), o.get("sector"), name=n))
        for o in load_data("actors/institutions.json")["institutions"]:
            for n in o.get("names", []):
                self._add(n, Known("institution", o.get("code"), o.get("sector"), name=n))
        for p in load_data("actors/office_holders.json")["people"]:
            terms = tuple(
                (date.fromisoformat(s), date.fromisoformat(e) if e else None)
                for s, e in p.get("terms", [])
            )
            known = Known("person", p["code"], p.get("sector"), terms, p.get("role"), p["name"])
            for n in [p["name"], *p.get("aliases", [])]:
                self._add(n, known)
        sectors = load_data("actors/sectors.json")
        self.sector_nouns = {k.lower(): v for k, v in sectors.get("nouns", {}).items()}
        for title, sector in sectors.get("titles", {}).items():
            self.titles[_key(_words(title))] = sector
        self._loaded = True
        return self

    def _add(self, name: str, known: Known) -> None:
        words = _words(name)
        if not words:
            return
        case_key = "exact" if (len(name) <= 4 and name.replace(".", "").isupper()) else "any"
        key = tuple(words) if case_key == "exact" else _key(words)
        entries = self.names.setdefault(key, [])
        if all(k != known for _, k in entries):
            entries.append((case_key, known))

    # -- lookup ------------------------------------------------------------------
    def lookup(self, words: Sequence[str]) -> list[Known]:
        """Known things for exactly this word sequence."""
        found: list[Known] = []
        exact = self.names.get(tuple(words), [])
        found.extend(k for mode, k in exact if mode == "exact")
        for mode, k in self.names.get(_key(words), []):
            if mode == "any" and k not in found:
                found.append(k)
        return found

    def find_all(self, words: Sequence[str], when: date | None = None
                 ) -> list[tuple[int, int, Known]]:
        """Longest non-overlapping known names in a word sequence: (start, end, known)."""
        self.load()
        out: list[tuple[int, int, Known]] = []
        i = 0
        n = len(words)
        while i < n:
            hit = None
            for size in range(min(MAX_NAME_TOKENS, n - i), 0, -1):
                found = self.lookup(words[i : i + size])
                if found:
                    hit = (i, i + size, _prefer(found, when))
                    break
            if hit:
                out.append(hit)
                i = hit[1]
            else:
                i += 1
        return out

    def title_sector(self, lemmas: Sequence[str]) -> tuple[int, int, str] | None:
        """The longest title ("prime minister", "foreign minister") in lemma sequence."""
        self.load()
        best = None
        for i in range(len(lemmas)):
            for size in range(min(4, len(lemmas) - i), 0, -1):
                sector = self.titles.get(tuple(lemmas[i : i + size]))
                if sector:
                    if best is None or size > best[1] - best[0]:
                        best = (i, i + size, sector)
                    break
        return best


_KIND_ORDER = {
    "organization": 0, "institution": 1, "person": 2, "country": 3, "capital": 4, "demonym": 5,
}


def _prefer(found: list[Known], when: date | None) -> Known:
    """Organisations before people before places; for people, the office held on the date."""

    def in_office(k: Known) -> int:
        if k.kind != "person" or when is None or not k.terms:
            return 1
        held = any(s <= when and (e is None or when < e) for s, e in k.terms)
        return 0 if held else 2

    return sorted(found, key=lambda k: (_KIND_ORDER.get(k.kind, 9), in_office(k)))[0]
