"""Category changes that modality forces, following the PLOVER codebook.

PLOVER codes what was *done* when the text reports it: a promise or offer of
cooperation is an AGREE, a conditional or announced act of force a THREATEN, and
a refusal to cooperate a REJECT. These rules run after realis flags are known.

    cooperation + future/conditional        → AGREE     ("will provide aid", "would meet if")
    force/sanction + conditional            → THREATEN  ("will boycott unless", "may halt if")
    force/coercion + will/would             → THREATEN  ("said it would retaliate")
    anything but a request + "unless"       → THREATEN  ("will withdraw unless")
    agreement/concession + negation         → REJECT    ("will not accept", "did not agree")
    cooperation + will/would + negation     → REJECT    ("would not meet")
    violence by unarmed civilians           → PROTEST riot
    troops sent as peacekeepers or relief   → AID       (military assistance in personnel)
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .realis import Frames, modal_of, verb_of

PROMISABLE = {"AID", "COOPERATE", "CONSULT", "SUPPORT", "RETREAT", "CONCEDE"}
REFUSABLE = {"AGREE", "CONCEDE", "SUPPORT"}
THREATENABLE = {"ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE"}
THREAT_BY_WILL = {"ASSAULT", "COERCE", "SANCTION"}
RELIEF = {"peacekeeper", "peacekeeping", "relief", "humanitarian", "aid", "rescue", "evacuate",
          "evacuation"}
DISASTER = {"cyclone", "flood", "earthquake", "hurricane", "typhoon", "disaster", "tsunami",
            "famine", "drought"}
WILL = {"will", "would", "'ll", "wo", "shall"}
THREAT_MODES = {"ASSAULT": "violence", "COERCE": "arrest", "SANCTION": "relations"}


@dataclass
class Reframed:
    category: str
    mode: str | None
    flags: list[str]


def conditional(tok: Token, frames: Frames, marks: set[str] | None = None) -> bool:
    """Is the trigger's clause the consequence of a condition ("..., unless X")?

    A trigger inside the condition itself ("if Managua were to expel ...") is only
    hypothetical; that is flagged elsewhere.
    """
    wanted = marks or frames["conditional_marks"]
    head = verb_of(tok)
    for node in (head, head.head if head.dep_ in {"xcomp", "conj"} else head):
        for child in node.children:
            if child.dep_ == "advcl" and any(
                g.dep_ == "mark" and g.lower_ in wanted for g in child.children
            ):
                return True
    return False


def reframe(category: str, mode: str | None, flags: list[str], tok: Token,
            frames: Frames, actor_sectors: list[str | None]) -> Reframed:
    """Apply the modality rules above; flags consumed by a rule are removed."""
    modal = modal_of(tok)
    negated = "negation" in flags
    future = "future" in flags or modal in WILL
    iffy = conditional(tok, frames)
    unreal = {"future", "hypothetical"}
    realised = [f for f in flags if f not in unreal]
    if negated:
        if category in REFUSABLE or (category in PROMISABLE and modal in WILL):
            return Reframed("REJECT", None, [f for f in flags if f not in unreal | {"negation"}])
        return Reframed(category, mode, flags)
    if conditional(tok, frames, {"unless"}) and category not in {"REQUEST", "ACCUSE", "THREATEN"}:
        return Reframed("THREATEN", THREAT_MODES.get(category), realised)
    if category in PROMISABLE and (future or iffy or "hypothetical" in flags):
        return Reframed("AGREE", None, realised)
    if category in THREATENABLE and iffy:
        return Reframed("THREATEN", THREAT_MODES.get(category), realised)
    if category in THREAT_BY_WILL and modal in WILL:
        return Reframed("THREATEN", THREAT_MODES.get(category), realised)
    if category == "ASSAULT" and actor_sectors and all(s == "CVL" for s in actor_sectors):
        return Reframed("PROTEST", "riot", flags)
    if category == "MOBILIZE" and (any(t.lemma_.lower() in RELIEF for t in tok.sent)
                                   or any(t.lemma_.lower() in DISASTER for t in tok.doc)):
        return Reframed("AID", None, flags)
    return Reframed(category, mode, flags)
