"""Where an event happened: pick one place mention for each event, and say why.

In order, the first that names a literal place (not a demonym, not a capital standing
for its government, not the event's own actor or recipient):

    clause     a place inside the trigger's own clause ("protested *in Baghdad*")
    sentence   a place elsewhere in the event's sentence
    dateline   the article's dateline ("BAGHDAD (Reuters) —")
    paragraph  the nearest place earlier in the same paragraph, else later in it

and otherwise no location. Within a rule a resolved mention beats an unresolved one,
a finer one (town) beats a coarser one (country), and a nearer one beats a farther.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..document import Document
from ..model import Event, PlaceMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Prepositions of where something is, and of where something goes: the second kind
# places only events that move people or goods ("sent troops to the Gulf"), not
# words ("accused Beijing of supplying drones to Russia", "independence from Portugal").
LOCATIVE_PREPOSITIONS = frozenset({
    "in", "at", "near", "outside", "inside", "across", "throughout", "around", "on",
    "within", "off", "along", "over", "through", "between", "beyond", "nearby", "north",
    "south", "east", "west", "outskirts",
})
DIRECTIONAL_PREPOSITIONS = frozenset({"to", "from", "into", "onto", "towards", "toward"})
MOVEMENT = frozenset({"MOBILIZE", "RETREAT", "AID", "COERCE", "ASSAULT"})
# Events of words: the place is where they were said, never a place in what was said.
VERBAL = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "AGREE", "SUPPORT",
                    "CONCEDE", "CONSULT"})
# Nouns that make the name before them a place: "Idlib province", "Goma city".
PLACE_NOUNS = frozenset({"province", "region", "district", "city", "town", "village",
                         "state", "county", "governorate", "area", "prefecture", "oblast",
                         "department", "municipality", "territory", "camp"})


def locate(doc: Document, event: Event) -> dict[str, Any] | None:
    """The PLOVER ``event_loc`` object of ``event``, with a ``basis`` field, or None."""
    moves = event.event in MOVEMENT
    usable = [m for m in doc.places if m.literal and not _is_party(doc, m, event, moves)]
    if not usable:
        return None
    trigger = event.trigger.start
    sentence = (event.text_info.start, event.text_info.end)
    in_sentence = [m for m in usable if sentence[0] <= m.start < sentence[1]]
    locative = [m for m in in_sentence if _role(doc, m, moves) == "locative"]
    in_sentence = locative or [m for m in in_sentence if _role(doc, m, moves) != "modifier"]
    clause = _clause_spans(doc, trigger)
    in_clause = [m for m in in_sentence if any(a <= m.start < b for a, b in clause)]
    tiers = [("clause", in_clause)]
    if event.event not in VERBAL:
        tiers.append(("sentence", in_sentence))
    for basis, group in tiers:
        if group:
            return _loc(_best(group, trigger), basis)
    datelines = [m for m in usable if m.kind == "dateline"]
    if datelines:
        return _loc(datelines[0], "dateline")
    paragraph = _paragraph_range(doc, trigger)
    if paragraph:
        near = [m for m in usable if paragraph[0] <= m.start < paragraph[1] and m.place]
        earlier = [m for m in near if m.start < trigger]
        if earlier or near:
            return _loc(_best(earlier or near, trigger), "paragraph")
    return None


def _best(mentions: list[PlaceMention], trigger: int) -> PlaceMention:
    return min(mentions, key=lambda m: (m.place is None,
                                        -(m.place.resolution if m.place else 0),
                                        abs(m.start - trigger)))


def _loc(m: PlaceMention, basis: str) -> dict[str, Any]:
    p = m.place
    return {
        "extracted_place": m.text,
        "resolved_place": p.resolved_place if p else None,
        "geonameid": p.geonameid if p else None,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "country_code": p.country_code if p else None,
        "admin1": p.admin1 if p else None,
        "feature_code": p.feature_code if p else None,
        "resolution": p.resolution if p else None,
        "start": m.start,
        "end": m.end,
        "basis": basis,
    }


def _is_party(doc: Document, m: PlaceMention, event: Event, moves: bool) -> bool:
    """The mention is the actor or recipient itself ("Russia attacked"), not a place
    named inside their description ("the embassy in Baghdad")."""
    for entity in (*event.actor, *event.recipient):
        if m.start < entity.end and entity.start < m.end and _role(doc, m, moves) != "locative":
            return True
    return False


def _role(doc: Document, m: PlaceMention, moves: bool = False) -> str:
    """locative ("in Baghdad"), modifier ("U.S. embassy", "Iraqi"), or other."""
    found = _paragraph_of(doc, m.start)
    if found is None:
        return "other"
    start, sdoc = found
    span = sdoc.char_span(m.start - start, m.end - start, alignment_mode="expand")
    if span is None:
        return "other"
    token = span.root
    while True:
        if (token.dep_ in ("pobj", "appos") and token.head.lower_ == "of"
                and token.head.head.pos_ == "NOUN"):  # "near the town of Sake"
            token = token.head.head
        elif token.dep_ == "compound" and token.head.lower_ in PLACE_NOUNS:  # "Idlib province"
            token = token.head
        else:
            break
    if token.dep_ == "pobj" and (token.head.lower_ in LOCATIVE_PREPOSITIONS
                                 or (moves and token.head.lower_ in DIRECTIONAL_PREPOSITIONS)):
        return "locative"
    if token.dep_ in ("compound", "amod", "poss", "nmod") and token.head.pos_ in ("NOUN", "PROPN"):
        return "modifier"
    return "other"


def _paragraph_of(doc: Document, offset: int) -> tuple[int, Doc] | None:
    for paragraph in doc.paragraphs:
        if paragraph.start <= offset < paragraph.start + len(paragraph.text):
            if paragraph.doc is None:
                return None
            return paragraph.start, paragraph.doc
    return None


def token_at(doc: Document, offset: int) -> Token | None:
    """The parsed token covering article offset ``offset``."""
    found = _paragraph_of(doc, offset)
    if found is None:
        return None
    start, sdoc = found
    local = offset - start
    return next((t for t in sdoc if t.idx <= local < t.idx + len(t.text)), None)


def _paragraph_range(doc: Document, offset: int) -> tuple[int, int] | None:
    found = _paragraph_of(doc, offset)
    if found is None:
        return None
    start, sdoc = found
    return start, start + len(sdoc.text)


def _clause_spans(doc: Document, offset: int) -> list[tuple[int, int]]:
    """Character spans of the words of the trigger's clause: the subtree of its verb
    without the clauses embedded in it (conditions, content, relative clauses)."""
    token = token_at(doc, offset)
    if token is None:
        return []
    start = token.doc.user_data.get("offset", 0)
    head = token
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return [(start + t.idx, start + t.idx + len(t)) for t in head.subtree
            if not any(a.dep_ in EMBEDDED and a.i != head.i and head.is_ancestor(a)
                       for a in [*t.ancestors, t])]


EMBEDDED = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "pcomp", "acl", "xcomp"})
