"""Accuracy gate on the shared dev sets, scored by the official scorer.

The floors in ``benchmark_floors.json`` are figures the coder has reached; they
may be raised, never silently lowered. The gold files' digests are pinned too, so a
changed benchmark is noticed instead of moving the gate. Skipped (with the reason)
when ``../shared/benchmarks`` is not beside the checkout.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from eventwire import Coded, Pipeline
from eventwire.ingest import read_inputs

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "benchmarks"
FLOORS = json.loads((Path(__file__).parent / "benchmark_floors.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.skipif(not BENCH.is_dir(), reason=f"no shared benchmarks at {BENCH}")


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_events", BENCH / "score_events.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_dev_set_figures_stay_above_floors(name: str) -> None:
    spec = FLOORS[name]
    gold_path = BENCH / spec["file"]
    digest = hashlib.sha256(gold_path.read_bytes()).hexdigest()
    assert digest == spec["sha256"], f"{gold_path} changed; re-measure before moving the gate"
    predictions = [
        event.to_dict()
        for result in Pipeline().code_many(read_inputs([str(gold_path)]))
        if isinstance(result, Coded)
        for event in result.events
    ]
    scorer = _scorer()
    result = scorer.score(scorer.load_jsonl(str(gold_path)), predictions)
    for key, floor in spec["floors"].items():
        assert result[key] >= floor, f"{name} {key} = {result[key]} < floor {floor}"
