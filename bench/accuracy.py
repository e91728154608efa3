"""Accuracy on the shared dev sets, with the rules / classifier / hybrid ablation.

Prints the official scorer's figures for each method. Usage:
    python bench/accuracy.py [--shared ../shared] [--methods hybrid,rules,classifier]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eventwire.coding.coder import CoderSettings
from eventwire.ingest import read_inputs
from eventwire.model import Coded
from eventwire.pipeline import Pipeline

SETS = {"plover_gsr": "plover_gsr/dev.jsonl", "plv": "plv/dev.jsonl"}
METHODS = {
    "hybrid": CoderSettings(),
    "rules": CoderSettings(use_classifier=False),
    "classifier": CoderSettings(use_rules=False, fallback_threshold=0.0),
}
KEYS = ("type_accuracy", "actor_code_f1", "recipient_code_f1", "triple_accuracy",
        "spurious_rate")


def predict(pipeline: Pipeline, gold: Path, out: Path) -> float:
    start = time.perf_counter()
    with out.open("w", encoding="utf-8") as handle:
        for result in pipeline.code_many(read_inputs([str(gold)])):
            if isinstance(result, Coded):
                for event in result.events:
                    handle.write(json.dumps(event.to_dict(), default=str) + "\n")
    return time.perf_counter() - start


def score(shared: Path, gold: Path, pred: Path) -> dict[str, object]:
    scorer = shared / "benchmarks" / "score_events.py"
    done = subprocess.run([sys.executable, str(scorer), str(gold), str(pred), "--json"],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default="../shared", type=Path)
    parser.add_argument("--methods", default="hybrid,rules,classifier")
    parser.add_argument("--per-category", action="store_true")
    args = parser.parse_args()
    bench = args.shared / "benchmarks"
    if not bench.is_dir():
        sys.exit(f"no benchmarks at {bench}; pass --shared PATH")
    tmp = Path(tempfile.mkdtemp(prefix="eventwire-bench-"))
    print("== accuracy (shared dev sets, official scorer) ==")
    for method in args.methods.split(","):
        pipeline = Pipeline(METHODS[method])
        for name, rel in SETS.items():
            gold = bench / rel
            pred = tmp / f"{name}-{method}.jsonl"
            seconds = predict(pipeline, gold, pred)
            result = score(args.shared, gold, pred)
            figures = "  ".join(f"{k}={result[k]}" for k in KEYS)
            print(f"{name:11s} {method:10s} {figures}  ({seconds:.1f}s)")
            if args.per_category:
                print("   per category:", result["per_category_accuracy"])
    print(f"predictions kept in {tmp}")


if __name__ == "__main__":
    main()
