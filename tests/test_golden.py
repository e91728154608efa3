"""The bundled sample articles against their hand-checked golden files.

Each golden event must be coded: its category (or a listed alternative) from its
sentence with the right negation/hypothetical flags. No event may come from a
sentence the golden file lists under ``not_events`` (denials, opinions,
boilerplate). Actor and recipient codes are scored over all samples and must stay
at or above the floors pinned in ``golden_floors.json`` (raise them, never lower).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventwire import Coded, Pipeline
from eventwire.coding.coder import CoderSettings
from eventwire.ingest import read_inputs
from eventwire.model import Event

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FLOORS = Path(__file__).resolve().parent / "golden_floors.json"
GOLDEN = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (SAMPLES / "golden").glob("*.json")}


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


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_golden_events_are_coded(name: str, coded: dict[str, list[Event]]) -> None:
    events = _events_for(name, coded)
    missing = [g for g in GOLDEN[name]["events"] if not any(_matches(g, e) for e in events)]
    assert not missing, "\n".join(
        f"missing {g['event']} {g.get('auxiliary')} in: {g['sentence_contains']}"
        + "".join(f"\n   coded: {e.event} {e.event_text!r} {list(e.auxiliary)}"
                  for e in events if g["sentence_contains"] in e.sentence)
        for g in missing
    )


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


def test_argument_codes_meet_pinned_floors(coded: dict[str, list[Event]]) -> None:
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    scores = argument_scores(coded)
    for key, floor in floors.items():
        assert scores[key] >= floor, f"{key} fell to {scores[key]} (floor {floor})"


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_no_events_from_non_event_sentences(name: str, coded: dict[str, list[Event]]) -> None:
    gold = GOLDEN[name]
    events = _events_for(name, coded)
    wrong = [
        (quiet["sentence_contains"], e.event, e.event_text)
        for quiet in gold.get("not_events", [])
        for e in events
        if quiet["sentence_contains"] in e.sentence and e.realised
    ]
    assert not wrong, wrong
