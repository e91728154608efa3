"""Resolve actor and recipient phrases to a country code and a PLOVER sector.

A phrase is resolved from what it names (organisations, office holders, countries,
demonyms, capitals) and what its head noun or title says about the sector. Phrases
that name nothing — pronouns, "the group", "the prime minister", a bare surname —
take the most recent compatible actor introduced earlier in the article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Token

from ..model import Entity
from .actor_book import ActorBook, Known
from .realis import FRAMES

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
GROUP_PRONOUNS = {"they", "them", "their", "it", "its"}
GROUP_NOUNS = {"group", "organisation", "organization", "movement", "militia", "faction",
               "rebel", "militant", "insurgent", "fighter", "outfit", "alliance", "bloc"}
STATE_NOUNS = {"country", "nation", "state", "government", "regime", "administration",
               "authority", "kingdom", "republic"}
PERSON_TITLES_GOV = {"president", "minister", "premier", "leader", "chancellor", "king",
                     "spokesman", "spokeswoman", "spokesperson", "official", "ambassador"}
DROP_LEFT = {"DET", "PUNCT", "CCONJ"}
ARMED = {"armed", "masked", "unidentified", "unknown", "heavily"}
PERSON_HEADS = {"coordinator", "envoy", "chief", "head", "spokesman", "spokeswoman",
                "spokesperson", "official", "leader", "director", "representative",
                "commissioner", "secretary", "minister", "president", "general", "commander",
                "ambassador", "diplomat", "negotiator", "mediator", "adviser", "advisor", "aide",
                "lawmaker", "senator", "governor", "mayor", "judge", "prosecutor", "premier",
                "chancellor", "king", "queen", "prince", "emir", "sheikh", "cleric"}


@dataclass(slots=True)
class Resolved:
    """A phrase resolved with what kind of actor it is (for later pronouns)."""

    entity: Entity
    kind: str  # person | group | state | other
    surname: str | None = None
    basis: str = "none"  # where the code came from: name | memory | home | none


@dataclass(slots=True)
class ArticleActors:
    """What the article has introduced so far, for pronouns and short names."""

    recent: list[Resolved] = field(default_factory=list)
    default_code: str | None = None

    def remember(self, resolved: Resolved) -> None:
        if resolved.entity.code or resolved.entity.sector:
            self.recent.append(resolved)
            if len(self.recent) > 50:
                del self.recent[:10]

    def last(self, kinds: set[str], before: int) -> Resolved | None:
        """The most recent actor of these kinds mentioned before this offset."""
        for r in reversed(self.recent):
            if r.kind in kinds and r.entity.code and r.entity.end <= before:
                return r
        return None

    def by_surname(self, surname: str, before: int) -> Resolved | None:
        for r in reversed(self.recent):
            if r.surname and r.surname.lower() == surname.lower() and r.entity.end <= before:
                return r
        return None


class ActorResolver:
    """Turn a noun phrase into an :class:`Entity` (code may stay None)."""

    def __init__(self, book: ActorBook | None = None) -> None:
        self.book = book or ActorBook()

    def phrase_tokens(self, head: Token) -> list[Token]:
        """The head's noun phrase: modifiers, compounds, appositions, and 'of' objects."""
        keep: list[Token] = []

        def walk(tok: Token, depth: int) -> None:
            keep.append(tok)
            for child in tok.children:
                if child.dep_ in {"relcl", "acl", "punct", "cc", "conj", "advcl", "prep"}:
                    if child.dep_ == "prep" and child.lower_ == "of" and depth < 2 and any(
                        g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}
                        for g in child.children
                    ):
                        walk(child, depth + 1)
                    elif child.dep_ == "prep" and child.lower_ in {"in", "from"} and depth == 0 \
                            and tok.pos_ == "NOUN" and any(
                                g.dep_ == "pobj" and g.ent_type_ == "GPE" for g in child.children):
                        walk(child, depth + 1)  # "police in Jericho", "envoys from Qatar"
                    continue
                if depth > 3:
                    continue
                walk(child, depth + 1)

        walk(head, 0)
        keep.sort(key=lambda t: t.i)
        while keep and keep[0].pos_ in DROP_LEFT and keep[0] is not head:
            keep.pop(0)
        while keep and keep[-1].pos_ == "PUNCT" and keep[-1] is not head:
            keep.pop()
        return keep

    def resolve(self, head: Token, memory: ArticleActors, when: date | None) -> Resolved:
        """Resolve the phrase headed by ``head``."""
        speaker = _reported_speaker(head)
        if speaker is not None:  # "The ELN said it would halt ...": "it" is the ELN
            said = self.resolve(speaker, memory, when)
            if said.entity.code:
                start = _offset(head) + head.idx
                entity = Entity(head.text, said.entity.code, said.entity.sector,
                                start, start + len(head.text))
                return Resolved(entity, said.kind, said.surname, "memory")
        tokens = self.phrase_tokens(head)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        offset = _offset(head)
        text = doc_text(head.doc)[start:end]
        words = [t.text for t in tokens]
        lemmas = [t.lemma_.lower() for t in tokens]
        matches = self.book.find_all(words, when)
        code, sector, kind, surname = self._from_matches(matches, tokens, head, when)
        title = self.book.title_sector(lemmas)
        sem = semantic_head(head)
        head_lemma = sem.lemma_.lower()
        noun_sector = self.book.sector_nouns.get(head_lemma) or self.book.sector_nouns.get(
            sem.lower_
        )
        basis = "name" if code is not None else "none"
        if title and (sector is None or kind == "state"):
            sector = title[2]
            kind = "person"
        if noun_sector and sem.pos_ in {"NOUN", "PROPN"} and kind != "person" and (
                kind in {"state", "none"} or sector is None):
            sector = noun_sector
        if sector == "CVL" and any(c.lemma_.lower() in ARMED for c in sem.children):
            sector = "UAF"  # "armed men", "masked gunmen": unidentified armed forces
        if head_lemma in PERSON_HEADS and sem.pos_ == "NOUN":
            kind = "person"
        if kind == "none":
            kind = self._kind_of_unnamed(sem)
        if code is None:
            code, sector, kind, surname = self._from_memory(
                sem, tokens, memory, code, sector, kind, surname, offset + head.idx
            )
            basis = "memory" if code is not None else basis
        if code is None and sector not in {None, "UNK"} and (
                not _is_named_person(sem) or title is not None):
            code = memory.default_code  # "the police", "Vice-President X": the home country
            basis = "home" if code is not None else basis
        if surname is None and head.ent_type_ == "PERSON":
            surname = head.text
        entity = Entity(text, code, sector, start + offset, end + offset)
        return Resolved(entity, kind, surname, basis)

    def split_coordinated(self, head: Token, resolved: Resolved, memory: ArticleActors,
                          when: date | None) -> list[Resolved]:
        """ "French and Egyptian warships": one entity per coordinated country adjective."""
        adjectives = [c for c in head.children if c.dep_ in {"amod", "compound"}
                      and any(g.dep_ == "conj" for g in c.children)]
        if not adjectives:
            return [resolved]
        out: list[Resolved] = []
        offset = _offset(head)
        for first in adjectives:
            for adj in [first, *(g for g in first.subtree if g.dep_ == "conj")]:
                found = self.book.find_all([adj.text], when)
                if not found or not found[0][2].code:
                    return [resolved]
                entity = Entity(adj.text, found[0][2].code, resolved.entity.sector,
                                adj.idx + offset, adj.idx + len(adj.text) + offset)
                out.append(Resolved(entity, resolved.kind, None, "name"))
        return out

    # -- pieces --------------------------------------------------------------------
    def _from_matches(
        self, matches: list[tuple[int, int, Known]], tokens: list[Token], head: Token,
        when: date | None,
    ) -> tuple[str | None, str | None, str, str | None]:
        if not matches:
            return None, None, "none", None
        ranked = sorted(matches, key=lambda m: _rank(m, tokens, head))
        _, end, best = ranked[0]
        sector = best.sector_on(when)
        surname = None
        kind = {"person": "person", "organization": "group", "institution": "group",
                "country": "state", "capital": "state", "demonym": "state"}[best.kind]
        if best.kind == "person":
            surname = best.name.split()[-1] if best.name else None
        return best.code, sector, kind, surname

    def _kind_of_unnamed(self, head: Token) -> str:
        lemma = head.lemma_.lower()
        if head.ent_type_ == "PERSON" or lemma in PERSON_PRONOUNS:
            return "person"
        if lemma in GROUP_NOUNS or lemma in GROUP_PRONOUNS:
            return "group"
        if lemma in STATE_NOUNS:
            return "state"
        return "none"

    def _from_memory(
        self, head: Token, tokens: list[Token], memory: ArticleActors,
        code: str | None, sector: str | None, kind: str, surname: str | None, at: int,
    ) -> tuple[str | None, str | None, str, str | None]:
        lemma = head.lemma_.lower()
        found: Resolved | None = None
        if head.ent_type_ == "PERSON" or (head.pos_ == "PROPN" and len(tokens) <= 3):
            found = memory.by_surname(tokens[-1].text, at) or memory.by_surname(head.text, at)
        elif lemma in PERSON_PRONOUNS or head.lower_ in PERSON_PRONOUNS:
            found = memory.last({"person"}, at)
        elif lemma in {"they", "them", "their"} or head.lower_ in {"they", "them", "their"}:
            found = memory.last({"group", "person", "state"}, at)
        elif lemma in {"it", "its"}:
            found = memory.last({"group", "state"}, at)
        elif _is_definite(head) and lemma in GROUP_NOUNS:
            found = memory.last({"group"}, at)
        elif _is_definite(head) and lemma in PERSON_TITLES_GOV and not sector:
            found = memory.last({"person"}, at)
        elif _is_definite(head) and lemma in PERSON_TITLES_GOV:
            found = _last_with_sector(memory, sector, at)
        if found is None:
            return code, sector, kind, surname
        return (found.entity.code, sector or found.entity.sector, found.kind,
                found.surname or surname)


def _last_with_sector(memory: ArticleActors, sector: str | None, at: int) -> Resolved | None:
    for r in reversed(memory.recent):
        if r.kind == "person" and r.entity.sector == sector and r.entity.code \
                and r.entity.end <= at:
            return r
    return None


def semantic_head(head: Token) -> Token:
    """For "hundreds of protesters" or "members of Hamas", the noun after "of"."""
    if head.pos_ == "NUM" or head.lemma_.lower() in FRAMES["quantity_nouns"]:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return grand
    return head


def _is_definite(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in head.children)


def _reported_speaker(head: Token) -> Token | None:
    """For a subject pronoun inside what someone said, the one who said it."""
    if head.pos_ != "PRON" or head.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    clause = head.head
    if clause.dep_ != "ccomp" or clause.head.lemma_ not in FRAMES["speech"]:
        return None
    speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if speaker is None or speaker.pos_ == "PRON" or speaker.i == head.i:
        return None
    return speaker


def _is_named_person(token: Token) -> bool:
    return token.ent_type_ == "PERSON" and token.pos_ == "PROPN"


def _rank(match: tuple[int, int, Known], tokens: list[Token], head: Token) -> tuple[int, int]:
    start, end, known = match
    covers_head = any(tokens[i].i == head.i for i in range(start, end))
    if known.kind == "demonym" and covers_head and len(tokens) > end - start:
        covers_head = False  # "Bosnian Serbs": the modifier names the country
    order = {"organization": 0, "institution": 0, "person": 1, "country": 2, "capital": 3,
             "demonym": 4}[known.kind]
    return (0 if covers_head else 1, order)


def doc_text(doc: Doc) -> str:
    """The doc's text, cached: ``Doc.text`` rebuilds the string on every access."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return str(text)


def _offset(token: Token) -> int:
    """Character offset of the token's paragraph within the article."""
    return int(token.doc.user_data.get("offset", 0))
