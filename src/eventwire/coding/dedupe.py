"""Article-level de-duplication: one event per told story.

A sentence may hold two triggers for one event; a headline retells the lead; a
later sentence whose only actor is a weapon retells an attack; a caption repeats
a sentence. Each rule keeps the better-coded event and drops the retelling.
"""

from __future__ import annotations

from ..document import Document
from ..model import Entity, Event
from .realis import Frames


def one_per_category(events: list[Event]) -> list[Event]:
    """Two triggers of one category in a sentence that share their sides tell one event:
    keep the better coded. Events with different actors or recipients both stay."""
    kept: list[Event] = []
    for event in sorted(events, key=_rank, reverse=True):
        if any(o.event == event.event and _same_sides(o.actor, event.actor, words=True)
               and _same_sides(o.recipient, event.recipient, words=False) for o in kept):
            continue
        kept.append(event)
    return [e for e in events if any(e is k for k in kept)]


def _rank(event: Event) -> tuple[int, float]:
    return (sum(1 for e in event.actor + event.recipient if e.code), event.confidence)


def _same_sides(a: tuple[Entity, ...], b: tuple[Entity, ...], *, words: bool) -> bool:
    """Do two sides name the same actors, or is one unknown? Codes compare first;
    with ``words``, uncoded actors compare by their head word ("troops" vs "rebels")."""
    def keys(side: tuple[Entity, ...]) -> set[str]:
        return {e.code or (_last_word(e.entity_text) if words else "") for e in side} - {""}

    keys_a, keys_b = keys(a), keys(b)
    return not keys_a or not keys_b or bool(keys_a & keys_b)


def drop_elaborations(events: list[Event], frames: Frames) -> list[Event]:
    """ "The shells struck a market": a weapon as the only actor retells an attack
    already reported earlier in the article, so it is not a second event."""
    out: list[Event] = []
    for event in events:
        weapon_only = event.actor and all(
            e.code is None and _last_word(e.entity_text) in frames["weapons"]
            for e in event.actor)
        if weapon_only and any(o.event == "ASSAULT" for o in out):
            continue
        out.append(event)
    return out


def _last_word(text: str) -> str:
    words = text.lower().split()
    if not words:
        return ""
    word = words[-1]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def same_story(a: Event, b: Event) -> bool:
    if a.event != b.event:
        return False
    codes_a = {e.code for e in a.actor if e.code}
    codes_b = {e.code for e in b.actor if e.code}
    return not codes_a or not codes_b or bool(codes_a & codes_b)


def drop_repeats(events: list[Event], doc: Document) -> list[Event]:
    """One event per story: headline events repeated in the body, repeated captions."""
    title_end = doc.paragraphs[0].start + len(doc.paragraphs[0].text) if doc.has_title else -1
    body = [e for e in events if e.trigger.start > title_end]
    out: list[Event] = []
    seen: dict[tuple[str, str], int] = {}
    for event in events:
        if event.trigger.start <= title_end and any(same_story(event, b) for b in body):
            continue
        key = (event.event, " ".join(event.sentence.lower().split()))
        if key in seen and event.text_info.sequence != seen[key]:
            continue
        seen.setdefault(key, event.text_info.sequence)
        out.append(event)
    return out
