"""Stage: find place mentions in a parsed article and resolve each to the gazetteer.

Finding: spaCy's place and facility entities, demonyms (``Iraqi``) as references to
their country, organisation-tagged names that are in fact places (``the EU``), and
capitalised words the NER missed that name a country, region or large city.

Resolving, two passes over the article:
1. each mention's candidates are scored by a prior (countries and regions first,
   cities by population, capitals up), and unambiguous mentions fix the article's
   countries and regions;
2. every mention is scored again with that context: same country (+), same admin-1
   region (+), the dateline's country (+), a following ``, State`` or ``, Country``
   (Springfield, Illinois), and nearness to the places already placed.

A name with no gazetteer entry keeps its span and stays unresolved. A capital that
speaks or acts (``Washington said``) is a ``metonym``; a demonym is a ``demonym``:
both are references to places but never event locations.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..data import load_data
from ..document import Document
from ..geo import haversine_km
from ..model import PlaceMention, ResolvedPlace
from .gazetteer import Gazetteer, Place
from .names import name_key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Entities the scan does not look inside: numbers, dates, and people's names, which
# are often place names too (Paul, Vladimir, Georgia).
NON_NAME_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "PERSON"}
# Verbs of which a capital as subject stands for its government.
METONYM_VERBS = {"say", "announce", "accuse", "warn", "deny", "insist", "demand", "urge",
                 "reject", "respond", "retaliate", "impose", "claim", "want", "blame",
                 "threaten", "condemn", "call", "agree", "sign", "refuse"}
SCAN_MIN_CITY_POPULATION = 200_000
SCAN_SKIP = {"may", "march", "june", "july", "april", "august", "sunday", "monday", "tuesday",
             "wednesday", "thursday", "friday", "saturday", "god", "mobile", "reading",
             "split", "nice", "bath", "china town", "victoria", "york", "of", "university",
             "national", "union", "president", "police"}
NEAR_KM = 400.0
EXACT_NAME = 1.0  # the place's own name, not an old or foreign alternate (Salisbury ≠ Harare)
GENERIC_WORDS = {"county", "city", "state", "province", "region", "district", "governorate",
                 "oblast", "prefecture", "municipality", "township", "parish", "borough"}


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    kind: str
    candidates: list[Place]
    token: Token | None = None
    within: _Mention | None = None  # "Springfield, [Illinois]"
    chosen: Place | None = None
    score: float = 0.0
    margin: float = 0.0
    country_sure: bool = False  # every close contender is in the chosen place's country
    country_vote: str | None = None  # the country this mention adds to the context


@dataclass
class Geoparser:
    """Stage: fill ``Document.places`` (needs the parsed paragraphs)."""

    gazetteer: Gazetteer = field(default_factory=Gazetteer)

    def __getstate__(self) -> dict[str, Any]:
        return {"gazetteer": self.gazetteer}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.gazetteer = state["gazetteer"]

    @cached_property
    def _demonyms(self) -> dict[str, str]:
        """Demonym key → ISO-2 country code (or a continent's name)."""
        iso2 = {c["iso3"]: c["iso2"] for c in load_data("places/countries.json")["countries"]}
        out: dict[str, str] = {}
        for c in load_data("actors/countries.json")["countries"]:
            for d in c.get("demonyms", []):
                if c["code"] in iso2:
                    out.setdefault(name_key(d), iso2[c["code"]])
        regions = load_data("places/regions.json")
        for d, place in regions["demonyms"].items():
            out[name_key(d)] = place
        for word in regions["not_places"]:  # "English" is mostly the language
            out.pop(name_key(word), None)
        return out

    def __call__(self, doc: Document) -> Document:
        mentions = self._find(doc)
        self._resolve(doc, mentions)
        doc.places = [self._output(m) for m in mentions]
        return doc

    # -- finding -----------------------------------------------------------------
    def _find(self, doc: Document) -> list[_Mention]:
        found: list[_Mention] = []
        if doc.dateline is not None:
            d = doc.dateline
            text = d.text.split(",")[0].strip()
            found.append(_Mention(d.start, d.start + len(text), text, "dateline",
                                  self._candidates(text)))
        for paragraph in doc.paragraphs:
            sdoc = paragraph.doc
            if sdoc is None:
                continue
            offset = sdoc.user_data.get("offset", paragraph.start)
            covered: set[int] = set()
            unknown: list[_Mention] = []
            for ent in sdoc.ents:
                pair = self._conjuncts(ent, offset)
                if pair:  # "Lyon and Grenoble" tagged as one name
                    found.extend(pair)
                    covered.update(range(ent.start, ent.end))
                    continue
                mention = self._from_entity(ent, offset, paragraph.text)
                if mention is not None and not mention.candidates and len(ent) > 1:
                    unknown.append(mention)  # "Greece Italy", "Asia-Pacific": look inside first
                    continue
                if mention is not None:
                    found.append(mention)
                if mention is not None or ent.label_ in NON_NAME_LABELS:
                    covered.update(range(ent.start, ent.end))
            cued = self._cued(sdoc, offset)
            found = [m for m in found if not _overlaps_any(m, cued)]
            covered.update(i for m in cued for i in range(len(sdoc))
                           if m.start <= offset + sdoc[i].idx < m.end)
            inside = self._scan(sdoc, offset, paragraph.text, covered)
            found.extend(cued)
            found.extend(inside)
            found.extend(u for u in unknown  # unknown names keep their span, unresolved
                         if not any(m.start < u.end and u.start < m.end for m in inside))
        found.sort(key=lambda m: m.start)
        _link_containers(found, doc.text)
        return found

    def _from_entity(self, ent: SpacySpan, offset: int, text: str) -> _Mention | None:
        start, end = ent.start_char, ent.end_char
        words = text[start:end]
        if words.lower().startswith("the "):
            start, words = start + 4, words[4:]
        if words.endswith(("'s", "’s")):
            end, words = end - 2, words[:-2]
        if not words or not words[:1].isupper() or name_key(words) in self._skip:
            return None
        if ent.label_ == "NORP":
            return self._demonym(words, offset + start, ent.root)
        cands = self._candidates(words)
        if ent.label_ == "FAC":
            cands = [p for p in cands if _named(p, words)]
        elif not cands and ent.label_ in PLACE_LABELS and len(ent) > 1:
            cands = self._candidates(_without_generic(words))
        if ent.label_ in PLACE_LABELS:
            return _Mention(offset + start, offset + end, words, "place", cands, ent.root)
        exact = [p for p in cands if _strong(p) and _named(p, words)]
        if ent.label_ == "PERSON":  # people are often named like towns, rarely like countries
            exact = [p for p in exact if p.resolution == 1 or p.feature_code == "PPLC"
                     or (p.resolution == 2 and len(ent) > 1)]
        if exact:
            return _Mention(offset + start, offset + end, words, "place", exact, ent.root)
        return None  # the scan still looks inside it: "the Kidney Foundation of Canada"

    def _conjuncts(self, ent: SpacySpan, offset: int) -> list[_Mention]:
        """Mentions for each part of "X and Y" / "X, Y" when every part is a known place."""
        if ent.label_ in NON_NAME_LABELS or not any(t.lower_ in ("and", ",") for t in ent):
            return []
        parts: list[list[Token]] = []
        current: list[Token] = []
        for tok in ent:
            if tok.lower_ in ("and", ","):
                parts.append(current)
                current = []
            else:
                current.append(tok)
        parts.append(current)
        out = []
        for part in parts:
            if not part:
                return []
            text = _original(ent.doc)[part[0].idx:part[-1].idx + len(part[-1])]
            cands = [p for p in self._candidates(text) if _named(p, text)]
            if not cands:
                return []
            out.append(_Mention(offset + part[0].idx, offset + part[0].idx + len(text), text,
                                "place", cands, part[-1]))
        return out

    def _demonym(self, words: str, start: int, token: Token) -> _Mention | None:
        """``Iraqi`` as a reference to Iraq; plurals (``Iraqis``) name people, not places."""
        target = self._demonyms.get(name_key(words))
        if target is None or token.tag_ == "NNPS":
            return None
        if words.endswith("s") and name_key(words[:-1]) in self._demonyms:
            return None
        place = self.gazetteer.country(target) if len(target) == 2 else None
        cands = [place] if place else [p for p in self._candidates(target) if p.population == 0
                                       or p.resolution <= 2]
        return _Mention(start, start + len(words), words, "demonym", cands, token)

    def _scan(self, sdoc: Doc, offset: int, text: str, covered: set[int]) -> list[_Mention]:
        """Capitalised words outside place entities that name a country, region, big city
        or people: what the NER missed or buried in a name (``Toronto Police``)."""
        out: list[_Mention] = []
        original = _original(sdoc)

        def words(span: SpacySpan) -> str:
            return original[span.start_char:span.end_char]

        i = 0
        while i < len(sdoc):
            tok = sdoc[i]
            first = original[tok.idx:tok.idx + 1]
            if i in covered or not first.isupper() or (tok.is_stop and not first.isupper()):
                i += 1
                continue
            hit = None
            for length in (3, 2, 1):
                span = sdoc[i:i + length]
                if len(span) < length or any(t.i in covered for t in span):
                    continue
                text = words(span)
                if not original[span[-1].idx:span[-1].idx + 1].isupper() or \
                        name_key(text) in SCAN_SKIP:
                    continue
                start = offset + span.start_char
                if name_key(text) in self._demonyms:
                    hit = self._demonym(text, start, span.root)
                else:
                    cands = self._candidates(text)
                    worthy = [p for p in cands if _scan_worthy(p, text)]
                    if tok.is_sent_start:
                        worthy = [p for p in worthy if p.resolution <= 2]
                    if worthy:
                        cands = [p for p in cands if _strong(p)]
                        hit = _Mention(start, start + len(text), text, "place", cands,
                                       span.root)
                if hit is not None:
                    i += length
                    break
            if hit is not None:
                out.append(hit)
            else:
                i += 1
        return out

    def _cued(self, sdoc: Doc, offset: int) -> list[_Mention]:
        """"the village of Tal Hamra": a capitalised name after a kind-of-place noun and
        "of" is a place, whatever the NER made of it, and is kept even when unknown."""
        out = []
        original = _original(sdoc)
        for tok in sdoc[:-2]:
            if tok.lower_ not in self._cue_nouns or sdoc[tok.i + 1].lower_ != "of":
                continue
            words: list[Token] = []
            for nxt in sdoc[tok.i + 2:tok.i + 6]:
                if not (original[nxt.idx:nxt.idx + 1].isupper()
                        or (words and nxt.text in ("-", "al", "el"))):
                    break
                words.append(nxt)
            if not words or words[0].ent_type_ in NON_NAME_LABELS - {"PERSON"}:
                continue
            start, end = words[0].idx, words[-1].idx + len(words[-1])
            text = original[start:end]
            if name_key(text) in self._skip:
                continue
            cands = [p for p in self._candidates(text) if _named(p, text)]
            out.append(_Mention(offset + start, offset + end, text, "place", cands, words[0]))
        return out

    @cached_property
    def _cue_nouns(self) -> frozenset[str]:
        return frozenset(load_data("places/regions.json")["cue_nouns"])

    @cached_property
    def _skip(self) -> frozenset[str]:
        return frozenset(load_data("places/regions.json")["common_words"])

    def _candidates(self, words: str) -> list[Place]:
        return self.gazetteer.lookup(words)

    # -- resolving ---------------------------------------------------------------
    def _resolve(self, doc: Document, mentions: list[_Mention]) -> None:
        for m in mentions:
            _choose(m, _Context())
        context = _Context.of(mentions, doc)
        for m in mentions:
            _choose(m, context)
            if m.kind == "place" and m.chosen is not None and _is_metonym(m):
                m.kind = "metonym"

    def _output(self, m: _Mention) -> PlaceMention:
        resolved = None
        if m.chosen is not None:
            p = m.chosen
            resolved = ResolvedPlace(
                geonameid=p.geonameid, resolved_place=p.name, lat=round(p.lat, 5),
                lon=round(p.lon, 5), country_code=self.gazetteer.iso3(p.country_code),
                admin1=self.gazetteer.admin1_name(p.country_code, p.admin1_code)
                if p.resolution > 2 else (p.name if p.resolution == 2 else None),
                feature_code=p.feature_code, resolution=p.resolution)
        confidence = round(1 / (1 + math.exp(-m.margin)), 3) if resolved else 0.0
        return PlaceMention(m.start, m.end, m.text, m.kind, resolved, confidence)


@dataclass
class _Context:
    countries: Counter[str] = field(default_factory=Counter)
    admin1: Counter[tuple[str, str]] = field(default_factory=Counter)
    dateline_country: str | None = None
    anchors: list[tuple[str, Place]] = field(default_factory=list)  # (name key, place)

    @classmethod
    def of(cls, mentions: list[_Mention], doc: Document) -> _Context:
        ctx = cls()
        for m in mentions:
            p = m.chosen
            if p is None or p.country_code is None:
                continue
            confident = len(m.candidates) == 1 or m.margin >= 2.0
            if p.resolution == 1 or confident or m.country_sure:
                ctx.countries[p.country_code] += 1
                m.country_vote = p.country_code
            if p.resolution == 2 and confident:
                ctx.admin1[(p.country_code, p.admin1_code or "")] += 1
            if p.resolution >= 2 and (confident or (m.country_sure and p.population >= 100_000)):
                ctx.anchors.append((name_key(m.text), p))
            if m.kind == "dateline":
                ctx.dateline_country = p.country_code
        return ctx


def _prior(p: Place) -> float:
    if p.resolution == 1:
        return 10.0 if p.feature_class == "A" else 8.0
    pop = math.log10(p.population + 1)
    if p.resolution == 2:
        return 2.5 + 0.5 * pop
    score = pop
    if p.feature_code == "PPLC":
        score += 2.5
    if p.population >= 1_000_000:
        score += 1.0
    return score


def _choose(m: _Mention, ctx: _Context) -> None:
    if not m.candidates:
        return
    scored = []
    key = name_key(m.text)
    for p in m.candidates:
        s = _prior(p)
        if name_key(p.name) == key:
            s += EXACT_NAME
        if p.geonameid is not None:  # an imported region beats its bundled twin
            s += 0.05
        # other mentions of the country, not this mention's own vote from the first pass
        others = ctx.countries.get(p.country_code or "", 0) - (m.country_vote == p.country_code)
        if p.is_country and others:
            s += 3.0
        if p.country_code and p.resolution > 1:
            if others:
                s += 3.0
            if ctx.admin1.get((p.country_code, p.admin1_code or "")) and p.resolution > 2:
                s += 2.0
            if ctx.dateline_country == p.country_code:
                s += 2.0
            # near a place another name fixed (the same name does not vouch for itself)
            if any(_km(p, a) < NEAR_KM for k, a in ctx.anchors if k != key and a.pid != p.pid):
                s += 1.5
        if m.within is not None and m.within.chosen is not None:
            outer = m.within.chosen
            if _contains(outer, p):
                s += 6.0
        scored.append((s, p))
    scored.sort(key=lambda x: -x[0])
    m.score, m.chosen = scored[0]
    m.margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 5.0
    m.country_sure = all(p.country_code == m.chosen.country_code
                         for s, p in scored if s >= m.score - 2.0)


def _contains(outer: Place, inner: Place) -> bool:
    if outer.pid == inner.pid or inner.resolution <= outer.resolution:
        return False
    if outer.resolution == 1 and outer.feature_class == "A":
        return inner.country_code == outer.country_code
    if outer.resolution == 2:
        return (inner.country_code, inner.admin1_code) == (outer.country_code, outer.admin1_code)
    return False


def _link_containers(mentions: list[_Mention], text: str) -> None:
    """``Springfield, Illinois``: the second names where the first is."""
    for first, second in zip(mentions, mentions[1:], strict=False):
        between = text[first.end:second.start]
        if between.strip() in (",", "") and between.count(",") == 1 and second.kind == "place":
            first.within = second


def _original(sdoc: Doc) -> str:
    """The paragraph as written (the parser may have seen a SHOUTED one lower-cased)."""
    text = sdoc.user_data.get("text")
    return text if isinstance(text, str) and len(text) == len(sdoc.text) else sdoc.text


def _overlaps_any(m: _Mention, others: list[_Mention]) -> bool:
    return any(m.start < o.end and o.start < m.end for o in others)


def _without_generic(words: str) -> str:
    """``Orange County`` → ``Orange``, ``Oaxaca State`` → ``Oaxaca``: the name without
    the kind-of-place word, tried when the whole name is not in the gazetteer."""
    head, _, last = words.rpartition(" ")
    return head if head and last.casefold() in GENERIC_WORDS else words


def _named(p: Place, words: str) -> bool:
    """The words are the place's own name (not one of its alternate names)."""
    return name_key(p.name) == name_key(words) or p.resolution == 1


def _strong(p: Place) -> bool:
    return p.resolution <= 2 or (p.feature_class == "P" and p.population >= 100_000)


def _scan_worthy(p: Place, words: str) -> bool:
    if p.resolution <= 2:
        return True
    if not _named(p, words):
        return False
    return p.feature_class == "P" and p.population >= SCAN_MIN_CITY_POPULATION


def _is_metonym(m: _Mention) -> bool:
    p, tok = m.chosen, m.token
    if p is None or tok is None:
        return False
    if p.feature_code != "PPLC" and p.resolution != 1:
        return False
    if tok.dep_ == "poss":
        return p.feature_code == "PPLC"
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ in METONYM_VERBS


def _km(a: Place, b: Place) -> float:
    return haversine_km(a.lat, a.lon, b.lat, b.lon)
