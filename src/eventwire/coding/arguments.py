"""Who did it and to whom: actor and recipient heads from the dependency parse."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

RECIPIENT_PREPS = ("against", "on", "upon", "at", "with", "to", "toward", "towards", "into",
                   "from", "over", "for", "between", "among", "in")
PREP_PRIORITY = {p: i for i, p in enumerate(RECIPIENT_PREPS)}
DOCUMENTS = {"statement", "declaration", "letter", "resolution", "report", "communique", "decree",
             "message", "note", "motion", "bill", "proposal", "plan", "memo", "petition"}
ACTOR_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
RELATIVE = {"who", "which", "that", "whom"}

# Preps that rarely introduce a recipient for a given category.
PREPS_BY_CATEGORY = {
    "CONSULT": {"with", "to", "in", "between", "among"},
    "AGREE": {"with", "between", "on", "to"},
    "COOPERATE": {"with", "between"},
    "AID": {"to", "for", "in"},
    "SUPPORT": {"for", "to"},
    "ASSAULT": {"against", "on", "at", "in", "into", "upon"},
    "PROTEST": {"against", "outside", "at", "over", "in", "into", "near"},
    "SANCTION": {"on", "against", "from", "to"},
    "COERCE": {"on", "against", "from", "in"},
    "ACCUSE": {"against", "over", "for", "of"},
    "REQUEST": {"on", "upon", "to", "from"},
    "THREATEN": {"with", "against", "on"},
    "MOBILIZE": {"to", "into", "against", "near", "along"},
    "RETREAT": {"from", "to"},
    "REJECT": {"from", "for"},
    "CONCEDE": {"to", "for"},
}

# Categories whose direct object is what is done or given, not to whom.
OBJECT_IS_CONTENT = {"MOBILIZE", "AID", "SANCTION", "COOPERATE", "AGREE"}

IsActor = Callable[[Token], bool]


def conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("the US and Jordan")."""
    out = [token]
    stack = [token]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN", "PRON"}:
                out.append(child)
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _child(token: Token, *deps: str) -> Token | None:
    for child in token.children:
        if child.dep_ in deps:
            return child
    return None


def _pobj(prep: Token) -> Token | None:
    return _child(prep, "pobj", "pcomp")


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def _agent(verb: Token) -> Token | None:
    agent = _child(verb, "agent")
    return _pobj(agent) if agent is not None else None


def verb_actor(verb: Token) -> Token | None:
    """The doer of a verb, following conjunctions, control verbs and relative clauses."""
    node = verb
    for _ in range(5):
        if _is_passive(node):
            return _agent(node)
        subj = _child(node, "nsubj", "csubj")
        if subj is not None:
            if subj.lower_ in RELATIVE and subj.tag_ in {"WDT", "WP"}:
                # "airstrikes that killed ...": the noun the relative clause describes
                return _antecedent(subj)
            return subj
        if node.dep_ == "relcl":
            return node.head
        if node.dep_ == "acl" and node.tag_ == "VBG":
            if node.head.lemma_.lower() in DOCUMENTS and node.head.head.pos_ == "VERB":
                node = node.head.head  # "issued a declaration demanding ...": the issuer
                continue
            return node.head
        if node.dep_ in {"conj", "xcomp", "advcl", "ccomp"} and node.head.pos_ in {"VERB", "AUX"}:
            node = node.head
            continue
        break
    return None


def actorish(token: Token, is_actor: IsActor) -> Token | None:
    """The token if it names an actor, else an actor inside it.

    "Serbia's suppression", "an offer from Afghanistan", "US mediation" and
    "Chinese authorities' decision" point at the actor they contain.
    """
    if is_actor(token):
        return token
    for deps in ({"poss"}, {"compound", "amod", "nmod"}):
        for child in token.children:
            if child.dep_ in deps and is_actor(child):
                return child
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "from", "by"}:
            obj = _pobj(child)
            if obj is not None and is_actor(obj):
                return obj
    return None


def _antecedent(relative: Token) -> Token | None:
    """The noun a relative pronoun stands for: its clause's noun, else the nearest one
    before it (spaCy sometimes attaches the clause to the verb), skipping dates."""
    def usable(tok: Token) -> bool:
        return tok.pos_ in {"NOUN", "PROPN"} and tok.ent_type_ not in {"DATE", "TIME"}

    clause = relative.head
    if clause.dep_ == "relcl" and usable(clause.head):
        return clause.head
    for tok in reversed(list(relative.sent[: relative.i - relative.sent.start])):
        if usable(tok) and tok.dep_ != "compound":
            return tok
    return None


def _prep_objects(token: Token, allowed: set[str] | None) -> list[tuple[int, Token]]:
    out = []
    for child in token.children:
        if child.dep_ == "prep" and (allowed is None or child.lower_ in allowed):
            obj = _pobj(child)
            if obj is not None:
                out.append((PREP_PRIORITY.get(child.lower_, 99), obj))
    return out


def find_arguments(trigger: Token, category: str, is_actor: IsActor,
                   light_verb: Token | None = None) -> tuple[Token | None, Token | None]:
    """Heads of the actor and recipient phrases for a trigger (either may be None)."""
    preps = PREPS_BY_CATEGORY.get(category)
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else light_verb
    actor: Token | None = None
    recipient: Token | None = None

    if trigger.pos_ not in {"VERB", "AUX"}:
        actor, recipient = _noun_arguments(trigger, preps, is_actor)

    if verb is not None:
        if actor is None:
            actor = verb_actor(verb)
        if recipient is None:
            recipient = _verb_recipient(verb, trigger, category, preps, is_actor)
    if recipient is None:
        recipient = _place_recipient([t for t in (trigger, verb) if t is not None], actor)
    if recipient is not None and actor is not None and recipient.i == actor.i:
        recipient = None
    return actor, recipient


def _place_recipient(heads: list[Token], actor: Token | None) -> Token | None:
    """Last resort: a country or city named after a preposition ("ties ... in Tehran",
    "the withdrawal from Panama") is where the event is aimed."""
    for head in heads:
        for tok in head.subtree:
            if tok.dep_ == "pobj" and tok.ent_type_ == "GPE" and tok.head.lower_ != "according" \
                    and (actor is None or tok.i not in {t.i for t in actor.subtree}):
                return tok
    return None


def _noun_arguments(noun: Token, preps: set[str] | None,
                    is_actor: IsActor) -> tuple[Token | None, Token | None]:
    actor = None
    for deps in ({"poss"}, {"compound"}, {"amod", "nmod"}):
        for child in noun.children:
            if child.dep_ in deps and (child.dep_ == "poss" or is_actor(child)):
                actor = child
                break
        if actor is not None:
            break
    by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
    if by is not None and _pobj(by) is not None:
        actor = _pobj(by)
    between = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"), None)
    if actor is None and between is not None and _pobj(between) is not None:
        actor = _pobj(between)
    recipient = None
    cands = sorted(_prep_objects(noun, preps), key=lambda x: x[0])
    for _, obj in cands:
        found = actorish(obj, is_actor)
        if found is not None and (actor is None or found.i != actor.i):
            recipient = found
            break
    if noun.dep_ == "acl" or noun.dep_ == "relcl":
        actor = actor or noun.head
    return actor, recipient


def _verb_recipient(verb: Token, trigger: Token, category: str, preps: set[str] | None,
                    is_actor: IsActor, depth: int = 0) -> Token | None:
    if _is_passive(verb):
        subj = _child(verb, "nsubjpass")
        if subj is not None:
            return subj
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            return verb.head
    for dep in ("dative", "iobj", "dobj"):
        obj = _child(verb, dep)
        if obj is None or obj.i == trigger.i:
            continue
        content = dep == "dobj" and category in OBJECT_IS_CONTENT and obj.pos_ != "PROPN"
        found = None if content else actorish(obj, is_actor)
        if found is not None:
            return found
        # "imposed sanctions on Russia": the object is the content, its prep holds the target
        for _, inner in sorted(_prep_objects(obj, preps), key=lambda x: x[0]):
            found = actorish(inner, is_actor)
            if found is not None:
                return found
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head
    for _, obj in sorted(_prep_objects(verb, preps), key=lambda x: x[0]):
        found = actorish(obj, is_actor)
        if found is not None:
            return found
    for clause in (c for c in verb.children if c.dep_ in {"xcomp", "ccomp"}):
        subj = _child(clause, "nsubj")
        if subj is not None and clause.dep_ == "ccomp" and is_actor(subj):
            return subj  # "demanded that the government release ..."
        if clause.dep_ == "xcomp" and depth < 2:  # "refused to meet the king"
            found = _verb_recipient(clause, trigger, category, None, is_actor, depth + 1)
            if found is not None:
                return found
    return None
