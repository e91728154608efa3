"""The bundled sample articles against their hand-checked golden files.

An accuracy gate, like the benchmark gate: the golden files are a careful
analyst's coding, and the coder is held to pinned figures over all samples,
stored in ``golden_floors.json`` (raise them as the coder improves, never lower):

* ``event_recall``: share of golden events coded with their category (or a listed
  alternative) from their sentence, with the right negation/hypothetical flags;
* ``max_non_events``: events coded from sentences listed under ``not_events``
  (denials, opinions, boilerplate, retellings) — at most this many;
* ``actor_code_f1`` / ``recipient_code_f1``: micro F1 of code sets on matched events.

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


def test_golden_gate(coded: dict[str, list[Event]]) -> None:
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    total = sum(len(g["events"]) for g in GOLDEN.values())
    misses = golden_misses(coded)
    hits = non_event_hits(coded)
    scores = {"event_recall": round(1 - len(misses) / total, 4), **argument_scores(coded)}
    report = "\n".join(["missed:", *misses, "non-events coded:", *hits, f"scores: {scores}"])
    print(report)
    for key in ("event_recall", "actor_code_f1", "recipient_code_f1"):
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
