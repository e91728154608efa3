"""Did it happen? Negation, hypotheticals, future plans, background, and who says so.

Everything here reads the dependency parse around a trigger; the word lists come
from ``data/frames.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from spacy.tokens import Token

from ..data import load_data

CLAUSE_LINKS = {"xcomp", "ccomp", "conj", "advcl", "pcomp", "pobj", "prep", "dobj", "acl",
                "relcl", "nsubj", "nsubjpass", "attr", "oprd", "appos", "npadvmod", "dep"}
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


@dataclass(frozen=True)
class Frames:
    """Word lists that frame events (speech, denial, plans, modality)."""

    name: str = "frames.json"

    @cached_property
    def data(self) -> dict[str, frozenset[str]]:
        raw = load_data(self.name)
        return {k: frozenset(v) for k, v in raw.items() if isinstance(v, list)}

    def __getitem__(self, key: str) -> frozenset[str]:
        return self.data.get(key, frozenset())

    def __getstate__(self) -> dict[str, str]:
        return {"name": self.name}

    def __setstate__(self, state: dict[str, str]) -> None:
        object.__setattr__(self, "name", state["name"])


FRAMES = Frames()


def verb_of(token: Token) -> Token:
    """The verb a noun trigger hangs from, else the token itself.

    "carried out an airstrike" and "talks were held" hang from a light verb; "an
    airstrike hit the market" from a verb of occurrence. Any other verb (as in "the
    visit reflected ...") only mentions the event, and the noun stands alone.
    """
    if token.pos_ not in {"NOUN", "PROPN"}:
        return token
    head = token.head
    if head.pos_ not in {"VERB", "AUX"}:
        return token
    lemma = head.lemma_.lower()
    if token.dep_ in {"dobj", "nsubjpass", "attr"} and lemma in FRAMES["light_verbs"]:
        return head
    if token.dep_ == "nsubj" and lemma in FRAMES["occurrence"]:
        return head
    return token


def anchor_of(token: Token) -> Token | None:
    """What makes a trigger report an event: itself for verbs and headline nouns, the
    light or occurrence verb for other nouns, or None for a mere mention."""
    if token.pos_ in {"VERB", "AUX"}:
        # "a banned group" names a state, not an event (spaCy sometimes tags a finite
        # verb as amod; a past-tense tag shows it is not a participle modifier)
        return token if token.dep_ != "amod" or token.tag_ == "VBD" else None
    verb = verb_of(token)
    if verb is not token or token.dep_ == "ROOT":
        return verb
    head = token.head
    if token.dep_ == "compound" and head.pos_ == "NOUN":  # "launched a mediation effort"
        verb = verb_of(head)
        return verb if verb is not head else None
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        noun = head.head  # "began ten days of war games", "provide tons of aid"
        verb = verb_of(noun)
        return verb if verb is not noun else None
    return None


def is_anchored(token: Token) -> bool:
    """Does the trigger report an event (see :func:`anchor_of`)?"""
    return anchor_of(token) is not None


def is_negated(token: Token, frames: Frames) -> bool:
    """Negation on the trigger or its verb: "did not attack", "no clashes", "never met"."""
    for tok in {token, verb_of(token)}:
        for child in tok.children:
            if child.dep_ == "neg" or (
                child.dep_ == "det" and child.lower_ == "no" and tok.pos_ == "NOUN"
            ):
                return True
    head = verb_of(token)
    if head.dep_ == "xcomp" and head.head.lemma_ in frames["failure"]:
        return True
    return head.dep_ in {"pcomp", "pobj"} and head.head.lower_ == "without"


def modal_of(token: Token) -> str | None:
    """The modal auxiliary of the trigger's clause, if any ("will", "would", ...)."""
    for tok in (verb_of(token), verb_of(token).head):
        for child in tok.children:
            if child.dep_ == "aux" and child.tag_ == "MD":
                return child.lower_
        if tok.dep_ not in {"xcomp", "conj"}:
            break
    return None


def auxiliary_flags(token: Token, frames: Frames, published: date | None) -> list[str]:
    """The subset of negation, hypothetical, future, historical that applies."""
    flags: list[str] = []
    head = verb_of(token)
    if is_negated(token, frames):
        flags.append("negation")
    modal = modal_of(token)
    conditional = any(
        c.dep_ == "mark" and c.lower_ in frames["conditional_marks"]
        for t in (head, head.head if head.dep_ in {"xcomp", "conj"} else head)
        for c in t.children
    ) or (head.dep_ == "advcl" and any(
        c.lower_ in frames["conditional_marks"] for c in head.children))
    maybe = modal is not None and modal in frames["modal_hypothetical"]
    if conditional or maybe or _infinitival_modifier(head):
        flags.append("hypothetical")
    if _is_future(head, modal, frames):
        flags.append("future")
    if _is_historical(head, published, frames):
        flags.append("historical")
    return flags


def _infinitival_modifier(head: Token) -> bool:
    """ "seven days to file a petition", "the right to protest", "a plan to attack"."""
    if head.dep_ not in {"acl", "relcl"} or head.head.pos_ != "NOUN":
        return False
    if head.head.lemma_.lower() in FRAMES["enacting_nouns"]:
        return False  # "an attempt to assassinate", "a rally to protest": it happened
    if any(c.lower_ in {"first", "last", "only"} for c in head.head.children):
        return False  # "the first country to recognise": it did
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)


def is_habitual(token: Token, frames: Frames) -> bool:
    """A habitual or standing statement reports no single event.

    "routinely block convoys"; "have said for years that Rwanda arms the M23".
    """
    head = verb_of(token)
    nodes = [head]
    if head.dep_ in {"ccomp", "conj"}:
        nodes.append(head.head)
        if head.head.dep_ == "ccomp":
            nodes.append(head.head.head)
    for node in nodes:
        for child in node.children:
            if child.lower_ in frames["habitual"]:
                return True
            if child.dep_ == "prep" and child.lower_ == "for" and any(
                    g.lemma_.lower() in {"year", "decade", "month", "generation"}
                    for g in child.children):
                return True
    return False


def _is_future(head: Token, modal: str | None, frames: Frames) -> bool:
    if modal and modal in frames["modal_future"]:
        return True
    # "is planning to send", "is set to meet", "is expected to sign", "is going to"
    if head.dep_ == "xcomp" and (
        head.head.lemma_ in frames["plan"] or head.head.lower_ == "going"
    ):
        return True
    if head.dep_ == "xcomp" and head.head.lemma_ == "be":  # "is to visit"
        return True
    return any(
        t.lower_ == "tomorrow" or (t.lower_ == "next" and t.head.dep_ in {"npadvmod", "pobj"})
        for t in head.subtree if t.i - head.i < 12)


def _is_historical(head: Token, published: date | None, frames: Frames) -> bool:
    sentence = head.sent
    for tok in sentence:
        if tok.lower_ == "ago" and tok.i > 0 and tok.nbor(-1).lower_ in {
                "years", "decades", "centuries"} and _attached_to(tok, head):
            return True
        if _YEAR.match(tok.text) and published is not None:
            year = int(tok.text)
            if year < published.year - 1 and _attached_to(tok, head):
                return True
    return False


def _attached_to(tok: Token, head: Token) -> bool:
    """Does the time expression modify the trigger's clause or a clause above it?"""
    node = tok
    for _ in range(4):
        if node.head.i == node.i:
            break
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            break
    if node.pos_ not in {"VERB", "AUX"}:
        return False
    return node.i == head.i or node.i in {a.i for a in head.ancestors}


def speech_governor(token: Token, frames: Frames) -> Token | None:
    """The speech verb whose complement holds the trigger ("officials said ... shelled")."""
    node = verb_of(token)
    for _ in range(4):
        if node.dep_ in {"ccomp", "parataxis"} and node.head.lemma_ in frames["speech"]:
            return node.head
        if node.dep_ in {"conj", "xcomp", "advcl"}:
            node = node.head
            continue
        break
    # Root-level "the army shelled the town, officials said" parses with said as ROOT too.
    return None


def according_to(token: Token) -> Token | None:
    """The object of an "according to X" phrase in the trigger's sentence."""
    for tok in token.sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
            for child in tok.nbor(1).children:
                if child.dep_ == "pobj":
                    return child
            for child in tok.children:
                if child.dep_ == "prep":
                    for grand in child.children:
                        if grand.dep_ == "pobj":
                            return grand
    return None


def subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return child
    return None
