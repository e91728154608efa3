"""The bundled sample articles against their hand-checked golden files.

Each golden event must be coded (category, sentence, actor and recipient codes
among the coded ones, realis flags); no event may come from a sentence the golden
file lists under ``not_events`` (denials, opinions, boilerplate).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from eventwire import Coded, Pipeline
from eventwire.coding.coder import CoderSettings
from eventwire.ingest import read_inputs
from eventwire.model import Event

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
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


def _published(gold: dict[str, Any]) -> date | None:
    raw = gold.get("published")
    return date.fromisoformat(raw) if raw else None


def test_there_are_enough_samples() -> None:
    assert len(GOLDEN) >= 10


def _codes(entities: Any) -> set[str]:
    return {e.code for e in entities if e.code}


def _matches(gold: dict[str, Any], event: Event) -> bool:
    if event.event != gold["event"] or gold["sentence_contains"] not in event.sentence:
        return False
    if set(gold.get("actor") or []) - _codes(event.actor):
        return False
    if set(gold.get("recipient") or []) - _codes(event.recipient):
        return False
    wanted = set(gold.get("auxiliary") or []) & {"negation", "hypothetical"}
    return wanted == set(event.auxiliary) & {"negation", "hypothetical"}


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_golden_events_are_coded(name: str, coded: dict[str, list[Event]]) -> None:
    gold = GOLDEN[name]
    events = coded[gold.get("id", name)] if gold.get("id", name) in coded else coded[name]
    missing = [g for g in gold["events"] if not any(_matches(g, e) for e in events)]
    assert not missing, "\n".join(
        f"missing {g['event']} {g.get('actor')}->{g.get('recipient')} in: {g['sentence_contains']}"
        + "".join(f"\n   coded: {e.event} {sorted(_codes(e.actor))}->{sorted(_codes(e.recipient))}"
                  f" {e.event_text!r} {list(e.auxiliary)}"
                  for e in events if g["sentence_contains"] in e.sentence)
        for g in missing
    )


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_no_events_from_non_event_sentences(name: str, coded: dict[str, list[Event]]) -> None:
    gold = GOLDEN[name]
    events = coded[gold.get("id", name)] if gold.get("id", name) in coded else coded[name]
    wrong = [
        (quiet["sentence_contains"], e.event, e.event_text)
        for quiet in gold.get("not_events", [])
        for e in events
        if quiet["sentence_contains"] in e.sentence and e.realised
    ]
    assert not wrong, wrong
