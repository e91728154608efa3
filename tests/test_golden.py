"""The bundled sample articles against their hand-checked golden files.

An accuracy gate, like the benchmark gate: the golden files are a careful
analyst's coding, and the coder is held to pinned figures over all samples,
stored in ``golden_floors.json`` (raise them as the coder improves, never lower):

* ``event_recall``: share of golden events coded with their category (or a listed
  alternative) from their sentence, with the right negation/hypothetical flags;
* ``max_non_events``: events coded from sentences listed under ``not_events``
  (denials, opinions, boilerplate, retellings) — at most this many;
* ``actor_code_f1`` / ``recipient_code_f1``: micro F1 of code sets on matched events;
* ``place_accuracy``: share of golden events whose coded ``event_loc`` agrees with the
  golden ``place``. A golden place ``{"name", "country"}`` agrees when the coded
  ``country_code`` equals ``country`` and ``resolved_place`` equals ``name``
  (case-insensitive), or when it equals an entry of ``place_allowed``: a name (then in
  the same country) or a ``{"name", "country"}`` object. A null golden place (the
  article gives the event no place of its own) agrees with no location or with a
  fallback one (basis ``dateline`` or ``paragraph``), since both say "not stated
  here", or with a ``place_allowed`` name in any country; a place taken from the
  event's own clause or sentence disagrees;
* ``date_accuracy``: share of golden events whose coded ``date`` is the golden
  ``date`` exactly (null when the article has no publication date to resolve
  against).

Both are taken over all golden events, so an event the coder misses counts as a
miss here too (the miss line says "not coded").

Every miss is printed, so a failing gate shows what to look at.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventwire import Coded, Failure, Pipeline
from eventwire.coding.coder import CoderSettings
from eventwire.ingest import read_inputs
from eventwire.model import Event

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FLOORS = Path(__file__).resolve().parent / "golden_floors.json"
GOLDEN = {
    p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (SAMPLES / "golden").glob("*.json")
}


def _inputs() -> list[str]:
    return [str(SAMPLES / "articles.jsonl"), str(SAMPLES / "txt"), str(SAMPLES / "html")]


@pytest.fixture(scope="module")
def coded() -> dict[str, list[Event]]:
    pipeline = Pipeline(CoderSettings(include_unrealised=True))
    out: dict[str, list[Event]] = {}
    for result in pipeline.code_many(read_inputs(_inputs())):
        assert isinstance(result, Coded), f"sample failed: {result}"
        key = result.article.doc_id
        out[Path(key).stem if key.endswith((".txt", ".html", ".htm")) else key] = result.events
    return out


def test_there_are_enough_samples() -> None:
    assert len(GOLDEN) >= 10


def _codes(entities: Any) -> set[str]:
    return {e.code for e in entities if e.code}


def _matches(gold: dict[str, Any], event: Event) -> bool:
    allowed = {gold["event"], *gold.get("allowed", [])}
    if event.event not in allowed or gold["sentence_contains"] not in event.sentence:
        return False
    wanted = set(gold.get("auxiliary") or []) & {"negation", "hypothetical"}
    return wanted == set(event.auxiliary) & {"negation", "hypothetical"}


def _events_for(name: str, coded: dict[str, list[Event]]) -> list[Event]:
    gold = GOLDEN[name]
    return coded[gold["id"]] if gold.get("id") in coded else coded[name]


def golden_misses(coded: dict[str, list[Event]]) -> list[str]:
    out = []
    for name, gold in sorted(GOLDEN.items()):
        events = _events_for(name, coded)
        for g in gold["events"]:
            if not any(_matches(g, e) for e in events):
                near = [f"{e.event} {e.event_text!r} {list(e.auxiliary)}"
                        for e in events if g["sentence_contains"] in e.sentence]
                out.append(f"{name}: {g['event']} in {g['sentence_contains']!r}; coded {near}")
    return out


def non_event_hits(coded: dict[str, list[Event]]) -> list[str]:
    out = []
    for name, gold in sorted(GOLDEN.items()):
        events = _events_for(name, coded)
        for quiet in gold.get("not_events", []):
            out.extend(f"{name}: {e.event} {e.event_text!r} in {quiet['sentence_contains']!r}"
                       for e in events if quiet["sentence_contains"] in e.sentence and e.realised)
    return out


def argument_scores(coded: dict[str, list[Event]]) -> dict[str, float]:
    """Micro F1 of actor and recipient code sets over all matched golden events."""
    counts = {"actor": [0, 0, 0], "recipient": [0, 0, 0]}
    for name, gold in GOLDEN.items():
        events = _events_for(name, coded)
        for g in gold["events"]:
            event = next((e for e in events if _matches(g, e)), None)
            for side in counts:
                want = set(g.get(side) or [])
                got = _codes(getattr(event, side)) if event else set()
                counts[side][0] += len(want & got)
                counts[side][1] += len(got - want)
                counts[side][2] += len(want - got)
    out = {}
    for side, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out[f"{side}_code_f1"] = round(2 * p * r / (p + r), 4) if p + r else 0.0
    return out


def _same(name: str | None, other: str | None) -> bool:
    return name is not None and other is not None and name.casefold() == other.casefold()


def place_agrees(gold: dict[str, Any], loc: dict[str, Any] | None) -> bool:
    """Whether a coded ``event_loc`` agrees with the golden place (rule in the docstring)."""
    want = gold.get("place")
    got = loc.get("resolved_place") if loc else None
    country = loc.get("country_code") if loc else None
    allowed = [a if isinstance(a, dict) else {"name": a, "country": want and want["country"]}
               for a in gold.get("place_allowed", [])]
    if any(_same(a["name"], got) and (a["country"] in (None, country)) for a in allowed):
        return True
    if want is None:
        return loc is None or loc.get("basis") in ("dateline", "paragraph")
    return _same(want["name"], got) and country == want["country"]


def _describe_loc(loc: dict[str, Any] | None) -> str:
    if loc is None:
        return "no location"
    return (f"{loc.get('extracted_place')!r} -> {loc.get('resolved_place')} "
            f"{loc.get('country_code')} ({loc.get('basis')})")


def where_when(coded: dict[str, list[Event]]) -> tuple[dict[str, float], list[str]]:
    """``place_accuracy`` and ``date_accuracy`` over all golden events, and every miss."""
    total = places = dates = 0
    misses = []
    for name, gold in sorted(GOLDEN.items()):
        events = _events_for(name, coded)
        for g in gold["events"]:
            total += 1
            event = next((e for e in events if _matches(g, e)), None)
            where = f"{name}: {g['event']} in {g['sentence_contains']!r}"
            if event is None:
                misses.append(f"{where}: not coded")
                continue
            want = g["place"]
            if place_agrees(g, event.event_loc):
                places += 1
            else:
                wanted = f"{want['name']} {want['country']}" if want else "no place of its own"
                misses.append(f"{where}: place wants {wanted}, "
                              f"coded {_describe_loc(event.event_loc)}")
            got = event.date.isoformat() if event.date else None
            if got == g["date"]:
                dates += 1
            else:
                misses.append(f"{where}: date wants {g['date']}, coded {got} "
                              f"({event.date_basis} {event.date_raw!r})")
    scores = {"place_accuracy": round(places / total, 4), "date_accuracy": round(dates / total, 4)}
    return scores, misses


def test_golden_gate(coded: dict[str, list[Event]]) -> None:
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    total = sum(len(g["events"]) for g in GOLDEN.values())
    misses = golden_misses(coded)
    hits = non_event_hits(coded)
    located, where_when_misses = where_when(coded)
    scores = {"event_recall": round(1 - len(misses) / total, 4), **argument_scores(coded),
              **located}
    report = "\n".join(["missed:", *misses, "non-events coded:", *hits,
                        "where/when missed:", *where_when_misses, f"scores: {scores}"])
    print(report)
    keys = ("event_recall", "actor_code_f1", "recipient_code_f1", "place_accuracy",
            "date_accuracy")
    for key in keys:
        assert scores[key] >= floors[key], (
            f"{key} fell to {scores[key]} (floor {floors[key]})\n{report}"
        )
    assert len(hits) <= floors["max_non_events"], f"{len(hits)} non-events coded\n{report}"


def test_every_offset_in_the_samples_points_at_its_words(coded: dict[str, list[Event]]) -> None:
    texts = {}
    for item in read_inputs(_inputs()):
        assert not isinstance(item, Failure)
        key = item.doc_id
        texts[Path(key).stem if key.endswith((".txt", ".html", ".htm")) else key] = item.full_text
    checked = 0
    for name, events in coded.items():
        full = texts[name]
        for event in events:
            assert full[event.trigger.start:event.trigger.end] == event.event_text
            assert full[event.text_info.start:event.text_info.end] == event.sentence
            for entity in (*event.actor, *event.recipient):
                assert full[entity.start:entity.end] == entity.entity_text
                checked += 1
    assert checked > 100
