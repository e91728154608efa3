"""The event coder: from a parsed article to PLOVER events.

Per sentence: find lexicon triggers; drop triggers that are only the content of
another (``threatened to attack`` is one THREATEN, ``condemned the attack`` one
ACCUSE); score each remaining trigger's category with the lexicon and, when
available, the trained classifier; then read actor, recipient, realis,
attribution and details from the parse.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..data import load_data
from ..document import Document
from ..model import Attribution, Entity, Event, Span, TextInfo
from ..nlp.segment import BoilerplateFilter
from .actors import ActorResolver, ArticleActors, Resolved, doc_text
from .arguments import conjuncts, find_arguments
from .dedupe import drop_elaborations, drop_repeats, one_per_category
from .details import ContextCues, counts, mode_from_cues, sentence_lemmas
from .lexicon import Lexicon, TriggerEntry, TriggerMatch
from .realis import (
    Frames,
    according_to,
    anchor_of,
    auxiliary_flags,
    is_anchored,
    is_habitual,
    speech_governor,
    subject_of,
    verb_of,
)
from .reframe import THREAT_MODES, reframe

if TYPE_CHECKING:
    from .classifier import EventClassifier

CONFLICT = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"}
BACKGROUND_MARKS = {"after", "before", "since", "when", "while", "as", "until", "because"}
NAMING_VERBS = {"call", "brand", "label", "dub", "describe", "term"}
MEMORABLE = {"PERSON", "ORG", "NORP", "GPE"}


@dataclass(slots=True)
class Candidate:
    """A trigger on its way to becoming an event."""

    match: TriggerMatch
    category: str
    mode: str | None
    weight: float
    salience: float
    flags: list[str] = field(default_factory=list)
    governor: Token | None = None
    frame_only: bool = False
    blame_by: Token | None = None  # the speech verb of a "said X was responsible" accusation


@dataclass
class CoderSettings:
    """How the coder combines its parts (used by the ablation benchmark)."""

    use_rules: bool = True
    use_classifier: bool = True
    fallback_threshold: float = 0.3  # a sentence coded on its own
    article_fallback: float = 0.9  # a sentence inside a longer article
    include_unrealised: bool = False
    rule_share: float = 0.8  # weight of the lexicon against the classifier


class EventCoder:
    """Stage: fill ``Document.events`` from the parsed paragraphs."""

    def __init__(self, settings: CoderSettings | None = None,
                 classifier: EventClassifier | None = None) -> None:
        self.settings = settings or CoderSettings()
        self.lexicon = Lexicon()
        self.frames = Frames()
        self.resolver = ActorResolver()
        self.contexts = ContextCues()
        self.boilerplate = BoilerplateFilter()
        self.classifier = classifier
        self._plover: dict[str, dict[str, object]] | None = None

    def __getstate__(self) -> dict[str, object]:
        return {"settings": self.settings, "classifier": self.classifier}

    def __setstate__(self, state: dict[str, object]) -> None:
        settings, classifier = state["settings"], state["classifier"]
        assert isinstance(settings, CoderSettings)
        self.__init__(settings, classifier)  # type: ignore[misc]  # re-run setup after unpickling

    @property
    def plover(self) -> dict[str, dict[str, object]]:
        if self._plover is None:
            self._plover = load_data("plover.json")["categories"]
        return self._plover

    # -- document level --------------------------------------------------------------
    def __call__(self, doc: Document) -> Document:
        when = doc.article.published
        memory = ArticleActors(default_code=self._default_code(doc))
        lone = sum(1 for p in doc.paragraphs if p.doc is not None
                   for _ in p.doc.sents) <= 1
        events: list[Event] = []
        sequence = 0
        for paragraph in doc.paragraphs:
            if paragraph.doc is None:
                continue
            ents = [e for e in paragraph.doc.ents if e.label_ in MEMORABLE]
            for sent in paragraph.doc.sents:
                if not sent.text.strip():
                    continue
                while ents and ents[0].start < sent.end:
                    memory.remember(self.resolver.resolve(ents.pop(0).root, memory, when))
                original = doc_text(sent.doc)[sent.start_char:sent.end_char].strip()
                if not self.boilerplate.is_boilerplate(original):
                    events.extend(self._code_sentence(doc, sent, sequence, memory, when,
                                                      paragraph.is_title, lone))
                sequence += 1
        doc.events = drop_repeats(drop_elaborations(events, self.frames), doc)
        return doc

    def _default_code(self, doc: Document) -> str | None:
        """The article's home country: the most named one, the dateline's on a tie.

        A dateline names where the reporter files from ("BRUSSELS" for an EU story
        about Nicaragua), so it counts as one mention, not as the answer.
        """
        book = self.resolver.book.load()
        tally: Counter[str] = Counter()
        dateline_code = None
        if doc.dateline is not None:
            for _, _, known in book.find_all(doc.dateline.text.title().split()):
                if known.code:
                    dateline_code = known.code
                    tally[known.code] += 1
                    break
        for paragraph in doc.paragraphs:
            if paragraph.doc is None:
                continue
            for ent in paragraph.doc.ents:
                if ent.label_ in {"GPE", "NORP"}:
                    for _, _, known in book.find_all([t.text for t in ent]):
                        if known.code and known.kind in {"country", "demonym", "capital"}:
                            tally[known.code] += 1
        if not tally:
            return None
        best = max(tally.values())
        leaders = [code for code, n in tally.items() if n == best]
        return dateline_code if dateline_code in leaders else leaders[0]

    # -- sentence level --------------------------------------------------------------
    def candidates(self, sent: SpacySpan) -> list[Candidate]:
        """Lexicon triggers in a sentence, content-of-another triggers removed."""
        found: dict[int, Candidate] = {}
        for tok in sent:
            match = self.lexicon.match(tok)
            if match is None or not is_anchored(tok):
                continue
            framing = tok.lemma_ in self.frames["reporting_triggers"] and any(
                c.dep_ == "ccomp" and not (tok.lemma_ == "warn" and _willed(c))
                for c in tok.children)  # "warned that police will ..." is a threat
            cand = Candidate(match, match.entry.event, match.entry.mode, match.entry.weight,
                             _salience(tok, self.frames))
            if tok.lemma_ in NAMING_VERBS and any(c.dep_ == "oprd" for c in tok.children):
                # "called the move unconstitutional", "branded him a traitor"
                cand.category, cand.mode, cand.weight = "ACCUSE", "disapprove", 0.75
            cand.frame_only = framing  # "warned that ...": the report frames an event
            found[tok.i] = cand
        for cand in list(found.values()):
            gov = _governing_trigger(cand.match.token, found, self.frames)
            if gov is None:
                continue
            governor = found[gov.i]
            if governor.match.token.lemma_ in self.frames["helping"] \
                    and verb_of(cand.match.token).head.i == gov.i \
                    and not _describes_noun(gov):
                # "mobilized groups to help support their rights": helping to do
                # something is that thing (but "an effort designed to help them reach
                # a deal" describes the effort, which stays the event)
                governor.frame_only = True
                continue
            if governor.match.token.lemma_ in self.frames["commissive"] \
                    and cand.category in CONFLICT and governor.category != "THREATEN":
                governor.category, governor.mode = "THREATEN", None
            if governor.category == "THREATEN" and cand.category in CONFLICT:
                governor.mode = governor.mode or THREAT_MODES.get(cand.category)
            cand.governor = gov
        kept = [c for c in found.values() if c.governor is None]
        for cand in kept:
            self._commissive_frame(cand)
        return kept

    def _commissive_frame(self, cand: Candidate) -> None:
        """ "sworn to fight", "vowed to rebuild": the vow is the event, threat or promise."""
        tok = cand.match.token
        head = verb_of(tok)
        if head.dep_ != "xcomp" or head.head.lemma_ not in self.frames["commissive"]:
            return
        if cand.category in CONFLICT:
            cand.category, cand.mode = "THREATEN", THREAT_MODES.get(cand.category)
        elif cand.category in {"AID", "COOPERATE", "CONSULT", "SUPPORT", "RETREAT", "CONCEDE"}:
            cand.category, cand.mode = "AGREE", None

    def _code_sentence(self, doc: Document, sent: SpacySpan, sequence: int,
                       memory: ArticleActors, when: date | None,
                       is_title: bool, lone: bool = False) -> list[Event]:
        found = self.candidates(sent) if self.settings.use_rules else []
        cands = [c for c in found if not c.frame_only and not self._is_denial(c)]
        if self.classifier is not None and self.settings.use_classifier:
            if cands:
                self._rescore(sent, cands)
            elif not found:  # a denial or a report frame is not a gap for the classifier
                cands = self._fallback(sent, lone)
        if not found:
            cands = cands or self._blame(sent)
        events = []
        lemmas = sentence_lemmas(sent)
        for cand in cands:
            event = self._build(doc, sent, sequence, cand, memory, when, lemmas)
            if event is not None and (self.settings.include_unrealised or event.realised):
                events.append(event)
        events = one_per_category(events)
        if is_title:
            events = [_replace_conf(e, e.confidence * 0.9) for e in events]
        return events

    def _is_denial(self, cand: Candidate) -> bool:
        """Denying a report or one's own act is not an event ("denied involvement")."""
        tok = cand.match.token
        if tok.lemma_ not in self.frames["denial"]:
            return False
        objects = [c for c in tok.children if c.dep_ in {"dobj", "ccomp", "xcomp", "prep"}]
        if any(o.lemma_ in self.frames["denial_objects"] for o in objects):
            return True  # "denied involvement", "rejected the allegations"
        if tok.lemma_ == "reject":
            return False  # "rejected calls for a ceasefire" refuses something: REJECT
        return any(o.dep_ in {"ccomp", "xcomp"} or o.tag_ == "VBG" for o in objects)

    def _reports_no_event(self, cand: Candidate, actors: list[Token | None]) -> bool:
        """Habitual statements and harm done by storms or 'the war' are not events."""
        tok = cand.match.token
        if is_habitual(tok, self.frames):
            return True
        heads = [a for a in actors if a is not None]
        lemmas = {h.lemma_.lower() for h in heads}
        if lemmas and lemmas <= self.frames["instruments"] and verb_of(tok).tag_ in {"VBZ", "VBP"}:
            return True  # "the measures freeze assets": what a policy does, not an act
        return bool(lemmas) and lemmas <= self.frames["non_agents"]

    def _rescore(self, sent: SpacySpan, cands: list[Candidate]) -> None:
        from .classifier import featurize

        assert self.classifier is not None
        probs = self.classifier.predict_proba([featurize(sent, c.match.token) for c in cands])
        for cand, p in zip(cands, probs, strict=True):
            share = self.settings.rule_share
            scores = {cat: (1 - share) * prob for cat, prob in p.items()}
            scores[cand.category] = scores.get(cand.category, 0.0) + share * cand.weight
            best = max(scores, key=lambda k: scores[k])
            if best != cand.category:
                cand.mode = None
            cand.category, cand.weight = best, scores[best]

    def _blame(self, sent: SpacySpan) -> list[Candidate]:
        """ "Officials said the Taliban were responsible / were behind the attack": the
        speaker accuses the subject. Coded on the copula, with the speaker as actor."""
        for tok in sent:
            if tok.lemma_ not in self.frames["speech"]:
                continue
            for clause in tok.children:
                if clause.dep_ != "ccomp" or clause.lemma_ != "be":
                    continue
                cue = next((c for c in clause.children
                            if (c.dep_ == "acomp" and c.lemma_ == "responsible")
                            or (c.dep_ == "prep" and c.lower_ == "behind")), None)
                if cue is not None:
                    match = TriggerMatch(clause, _entry_for(clause, "ACCUSE", 0.7), cue)
                    return [Candidate(match, "ACCUSE", "allege", 0.7, 0.9, blame_by=tok)]
        return []

    def _fallback(self, sent: SpacySpan, lone: bool) -> list[Candidate]:
        """No lexicon trigger: let the classifier code the main clause if it is sure.

        A lone sentence (a lede or headline given on its own) is expected to carry an
        event, so a lower bar applies; inside an article most sentences carry none.
        """
        from .classifier import featurize

        assert self.classifier is not None
        root = _main_verb(sent, self.frames)
        if root is None or root.pos_ != "VERB" or root.lemma_ in {"be", "have", "say"}:
            return []
        probs = self.classifier.predict_proba([featurize(sent, None)])[0]
        best = max(probs, key=lambda k: probs[k])
        bar = self.settings.fallback_threshold if lone else self.settings.article_fallback
        if probs[best] < bar:
            return []
        entry_match = TriggerMatch(root, _entry_for(root, best, probs[best]), None)
        return [Candidate(entry_match, best, None, probs[best] * 0.8, 0.8)]

    def _build(self, doc: Document, sent: SpacySpan, sequence: int, cand: Candidate,
               memory: ArticleActors, when: date | None, lemmas: list[str]) -> Event | None:
        tok = cand.match.token
        anchor = anchor_of(tok)
        light = anchor if anchor is not None and anchor.i != tok.i else None
        actor_head, recipient_head = find_arguments(
            tok, cand.category, lambda t: self._is_actor(t, memory, when), light)
        if self._reports_no_event(cand, [actor_head]):
            return None
        actor_res = self._resolved(actor_head, memory, when)
        recipients = [r.entity for r in self._resolved(recipient_head, memory, when)]
        actors = [r.entity for r in actor_res]
        clause = light or tok  # a noun's modality is its verb's: "will provide tons of aid"
        flags = auxiliary_flags(clause, self.frames, when)
        category = cand.category
        speech = speech_governor(clause, self.frames)
        if speech is not None and speech.lemma_ in self.frames["denial"]:
            flags.append("negation")
        reframed = reframe(category, cand.mode, flags, clause, self.frames,
                           [a.sector for a in actors])
        category, cand.mode, flags = reframed.category, reframed.mode, reframed.flags
        if cand.blame_by is not None:
            speaker = subject_of(cand.blame_by)
            recipients = actors
            actors = [r.entity for r in self._resolved(speaker, memory, when)]
            actor_res, speech = [], None
        if speech is not None and category not in {"REQUEST", "THREATEN", "ACCUSE"} \
                and _obliged(clause, self.frames):
            # "Russia said Sudan must return the helicopter": a demand of the speaker
            speaker = subject_of(speech)
            if speaker is not None:
                recipients = actors
                actors = [r.entity for r in self._resolved(speaker, memory, when)]
                actor_res = []
                category, cand.mode = "REQUEST", None
                flags = [f for f in flags if f not in {"future", "hypothetical"}]
        attribution = self._attribution(tok, speech, memory, when)
        if actor_res and attribution is not None and attribution.code:
            actors = [_with_home(r, attribution.code) for r in actor_res]
        if cand.blame_by is not None or not actor_res and category == "REQUEST" and speech:
            attribution = None  # the speaker is the actor, not a reporter
        offset = int(sent.doc.user_data.get("offset", 0))
        text_lower = sent.text.lower()
        mode = cand.mode if self._mode_allowed(category, cand.mode) else None
        mode = mode or mode_from_cues(category, set(lemmas), text_lower, self.lexicon.mode_cues)
        if mode is None and self.classifier is not None and self.settings.use_classifier:
            from .classifier import featurize

            predicted = self.classifier.predict_mode([featurize(sent, tok)], [category])[0]
            mode = predicted if self._mode_allowed(category, predicted) else None
        info = self.plover[category]
        modes_scale = info["modes"]
        assert isinstance(modes_scale, dict)
        scale = float(modes_scale.get(mode, info["scale"]))
        numbers = counts(_clause_text(tok, sent))
        trigger_span = _trigger_span(cand, offset)
        contexts = self.contexts.contexts(lemmas, [e.sector for e in actors + recipients])
        confidence = round(max(0.05, min(0.99, cand.weight * cand.salience)), 3)
        # the text's digest too: an updated article under the same id (a story edited at
        # the same URL) gives new events instead of colliding with the old ones
        event_id = hashlib.sha1(
            f"{doc.article.doc_id}|{_text_digest(doc.text)}|{trigger_span.start}|{category}"
            .encode()).hexdigest()[:16]
        return Event(
            id=event_id, doc_id=doc.article.doc_id, event=category,
            mode=(mode,) if mode else (), context=tuple(contexts),
            quad_code=int(info["quad"]),  # type: ignore[call-overload]
            event_scale=scale, actor=tuple(actors), recipient=tuple(recipients),
            event_text=trigger_span.text, trigger=trigger_span,
            text_info=TextInfo(sequence, sent.start_char + offset, sent.end_char + offset),
            sentence=doc_text(sent.doc)[sent.start_char:sent.end_char],
            auxiliary=tuple(dict.fromkeys(flags)),
            attribution=attribution, dead=numbers["dead"], injured=numbers["injured"],
            arrested=numbers["arrested"], date=None, event_loc=None, confidence=confidence,
        )

    def _mode_allowed(self, category: str, mode: str | None) -> bool:
        if mode is None:
            return False
        modes = self.plover[category]["modes"]
        assert isinstance(modes, dict)
        return mode in modes

    def _is_actor(self, token: Token, memory: ArticleActors, when: date | None) -> bool:
        if token.pos_ == "PRON":
            return token.lower_ not in {"this", "that", "what", "which", "something", "nothing"}
        if token.ent_type_ in {"PERSON", "ORG", "NORP", "GPE", "FAC"}:
            return True
        resolved = self.resolver.resolve(token, memory, when)
        return bool(resolved.entity.code or resolved.entity.sector)

    def _resolved(self, head: Token | None, memory: ArticleActors,
                  when: date | None) -> list[Resolved]:
        if head is None:
            return []
        out = []
        for tok in conjuncts(head):
            resolved = self.resolver.resolve(tok, memory, when)
            out.extend(self.resolver.split_coordinated(tok, resolved, memory, when))
            memory.remember(resolved)
        return out

    def _attribution(self, tok: Token, speech: Token | None, memory: ArticleActors,
                     when: date | None) -> Attribution | None:
        source, cue = None, None
        if speech is not None:
            source, cue = subject_of(speech), speech
        else:
            source = according_to(tok)
            cue = source.head if source is not None else None
        if source is None or cue is None:
            return None
        resolved: Resolved = self.resolver.resolve(source, memory, when)
        memory.remember(resolved)
        cue_text = "according to" if cue.lower_ == "to" else cue.text
        return Attribution(resolved.entity.entity_text, resolved.entity.code, cue_text)


def _with_home(resolved: Resolved, code: str) -> Entity:
    """An unnamed state actor ("the military") reported by a source takes its country."""
    from dataclasses import replace

    entity = resolved.entity
    if resolved.basis != "home" or entity.sector not in {"GOV", "MIL", "COP", "SPY"}:
        return entity
    return replace(entity, code=code)


def _clause_text(tok: Token, sent: SpacySpan) -> str:
    """The words of the trigger's own clause, so counts are not shared across events."""
    def subordinate(node: Token) -> bool:  # "after 2 soldiers were killed"
        return node.dep_ == "advcl" and any(c.dep_ == "mark" for c in node.children)

    head = verb_of(tok)
    while head.dep_ in {"xcomp", "advcl", "pcomp"} and not subordinate(head) \
            and head.head.i != head.i:
        head = head.head  # "..., killing 23": a participle belongs to its main event
    skip = {w.i for child in head.children
            if child.dep_ in {"conj", "ccomp", "parataxis"} or subordinate(child)
            for w in child.subtree}
    words = [t for t in head.subtree if t.i not in skip]
    text = doc_text(sent.doc)
    return " ".join(text[w.idx:w.idx + len(w.text)] for w in words) if words else sent.text


def _entry_for(token: Token, category: str, weight: float) -> TriggerEntry:
    """A lexicon-shaped entry for a trigger found by a rule or the classifier."""
    return TriggerEntry(token.lemma_.lower(), frozenset({token.pos_}), category, None,
                        frozenset(), frozenset(), weight)


@lru_cache(maxsize=256)
def _text_digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def _replace_conf(event: Event, confidence: float) -> Event:
    from dataclasses import replace

    return replace(event, confidence=round(confidence, 3))


def _salience(tok: Token, frames: Frames) -> float:
    """How central the trigger is: main clause verbs first, nominal mentions last."""
    node = verb_of(tok)
    nominal = node is tok and tok.pos_ not in {"VERB", "AUX"}
    if node.dep_ == "ROOT":
        base = 1.0
    elif node.dep_ in {"ccomp", "parataxis"} and node.head.lemma_ in frames["speech"]:
        base = 0.97
    elif node.dep_ in {"conj", "xcomp"}:
        base = 0.9
    elif node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS
                                      for c in node.children):
        base = 0.6  # "... one day after a jet shot down a helicopter": the setting
    elif node.dep_ in {"advcl", "pcomp"}:
        base = 0.75
    elif node.dep_ in {"relcl", "acl"}:
        base = 0.6  # "a letter handed over to the UN": describes a noun, sets the scene
    else:
        base = 0.8
    return base * (0.8 if nominal else 1.0)


def _governing_trigger(tok: Token, found: dict[int, Candidate], frames: Frames) -> Token | None:
    """The trigger whose content this trigger is, if any (within five steps up)."""
    node = tok
    for _ in range(5):
        purpose = node.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        if node.dep_ == "conj" and node.head.i not in found and node.head.dep_ in {
                "xcomp", "ccomp", "dobj", "pobj"}:
            node = node.head  # "called on Arabs to unite and mobilize": both are the call
            continue
        if node.dep_ in {"ROOT", "conj", "parataxis", "advcl", "relcl"} and not purpose:
            return None
        if node.head.i == node.i:
            return None
        if node.dep_ == "ccomp" and node.head.lemma_ in frames["speech"]:
            return None
        node = node.head
        if node.i in found:
            return node
    return None


def _describes_noun(verb: Token) -> bool:
    """Is the verb (through infinitive chains) a modifier of a noun?"""
    node = verb
    while node.dep_ == "xcomp" and node.head.i != node.i:
        node = node.head
    return node.dep_ in {"acl", "relcl"}


def _willed(clause: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in {"will", "would", "'ll", "wo"}
               for c in clause.children)


def _obliged(tok: Token, frames: Frames) -> bool:
    head = verb_of(tok)
    return any(c.dep_ == "aux" and c.lower_ in frames["obligation"] for c in head.children)


def _main_verb(sent: SpacySpan, frames: Frames) -> Token | None:
    root = sent.root
    if root.lemma_ in frames["speech"]:
        for child in root.children:
            if child.dep_ in {"ccomp", "parataxis"} and child.pos_ in {"VERB", "AUX"}:
                return child
    return root if root.pos_ in {"VERB", "NOUN", "AUX"} else None


def _trigger_span(cand: Candidate, offset: int) -> Span:
    tok = cand.match.token
    first, last = tok, tok
    cue = cand.match.cue
    if cue is not None and abs(cue.i - tok.i) <= 4:
        first, last = min(tok, cue, key=lambda t: t.i), max(tok, cue, key=lambda t: t.i)
    doc = tok.doc
    start, end = first.idx, last.idx + len(last.text)
    return Span(start + offset, end + offset, doc_text(doc)[start:end])
