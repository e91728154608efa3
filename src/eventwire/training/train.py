"""Train the event classifier on generated sentences.

    python -m eventwire.training.train [--out PATH] [--size N] [--seed S]

Generates the examples (:mod:`eventwire.training.generate`), parses them with
spaCy, featurizes each one twice (with its trigger, and with ``trigger=None`` as
the classifier-only coder sees it), holds out 10 % of the examples (grouped by
sentence, so both views of a sentence land on the same side), fits two logistic
regressions (category; ``CATEGORY:mode``) and saves an
:class:`~eventwire.coding.classifier.EventClassifier`.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.language import Language

from ..coding.classifier import CATEGORIES, DEFAULT_PATH, NO_MODE, EventClassifier, featurize
from ..nlp.spacy_model import load_model
from .generate import DEFAULT_SEED, DEFAULT_SIZE, Example, generate

HELD_OUT_SHARE = 0.1
BATCH_SIZE = 256
C_CATEGORY = 1.0
C_MODE = 1.0
MAX_ITER = 300


@dataclass(frozen=True, slots=True)
class Row:
    """One featurized view of an example."""

    features: dict[str, float]
    category: str
    mode: str | None
    has_mode_table: bool
    with_trigger: bool
    group: int


def featurize_examples(examples: Sequence[Example], nlp: Language,
                       batch_size: int = BATCH_SIZE) -> list[Row]:
    """Parse the examples and featurize each with its trigger and with none.

    Examples whose trigger offsets do not align with a token are skipped; the
    trigger=None view is added once per distinct sentence.
    """
    rows: list[Row] = []
    texts = [e.text for e in examples]
    seen: dict[str, int] = {}
    with_none: set[int] = set()
    docs = nlp.pipe(texts, batch_size=batch_size, disable=["ner"])
    for example, doc in zip(examples, docs, strict=True):
        span = doc.char_span(example.start, example.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        token = span.root
        sent = token.sent
        group = seen.setdefault(example.text, len(seen))
        modal = example.mode is not None or example.category in _MODED
        rows.append(Row(featurize(sent, token), example.category, example.mode, modal, True,
                        group))
        if group not in with_none:
            with_none.add(group)
            rows.append(Row(featurize(sent, None), example.category, example.mode, modal,
                            False, group))
    return rows


_MODED = frozenset({"CONSULT", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST",
                    "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})


def fit(rows: Sequence[Row]) -> EventClassifier:
    """Fit the category and mode models on featurized rows."""
    vectorizer = DictVectorizer(dtype=np.float32)
    matrix = vectorizer.fit_transform([r.features for r in rows])
    labels = [r.category for r in rows]
    model = LogisticRegression(C=C_CATEGORY, max_iter=MAX_ITER)
    model.fit(matrix, labels)
    weights, bias = _expand(model, CATEGORIES, matrix.shape[1])
    mode_rows = [i for i, r in enumerate(rows) if r.has_mode_table]
    mode_labels = [f"{rows[i].category}:{rows[i].mode or NO_MODE}" for i in mode_rows]
    mode_model = LogisticRegression(C=C_MODE, max_iter=MAX_ITER)
    mode_model.fit(matrix[mode_rows], mode_labels)
    classes = tuple(str(c) for c in mode_model.classes_)
    mode_weights, mode_bias = _expand(mode_model, classes, matrix.shape[1])
    info = {"examples": len({r.group for r in rows}), "rows": len(rows),
            "features": matrix.shape[1]}
    return EventClassifier(vectorizer.vocabulary_, CATEGORIES, weights, bias, classes,
                           mode_weights, mode_bias, info)


def _expand(model: LogisticRegression, labels: Sequence[str],
            n_features: int) -> tuple[np.ndarray, np.ndarray]:
    """Weights as (n_features, len(labels)) in ``labels`` order; absent labels never win."""
    weights = np.zeros((n_features, len(labels)), dtype=np.float32)
    bias = np.full(len(labels), -30.0, dtype=np.float32)
    classes = [str(c) for c in model.classes_]
    coef, intercept = model.coef_, model.intercept_
    if len(classes) == 2:  # sklearn keeps one row for binary problems
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    for row, label in enumerate(classes):
        column = list(labels).index(label)
        weights[:, column] = coef[row]
        bias[column] = intercept[row]
    return weights, bias


def split(rows: Sequence[Row], share: float = HELD_OUT_SHARE,
          seed: int = DEFAULT_SEED) -> tuple[list[Row], list[Row]]:
    """Train/held-out split by sentence group (deterministic)."""
    groups = sorted({r.group for r in rows})
    random.Random(seed).shuffle(groups)
    held = set(groups[: int(len(groups) * share)])
    return [r for r in rows if r.group not in held], [r for r in rows if r.group in held]


def evaluate(model: EventClassifier, rows: Sequence[Row]) -> dict[str, float]:
    """Category accuracy with and without trigger, and mode accuracy."""
    result: dict[str, float] = {}
    for name, subset in (("with_trigger", [r for r in rows if r.with_trigger]),
                         ("no_trigger", [r for r in rows if not r.with_trigger])):
        tops = model.top(r.features for r in subset)
        hits = sum(top == r.category for (top, _), r in zip(tops, subset, strict=True))
        result[name] = hits / max(1, len(subset))
    moded = [r for r in rows if r.with_trigger and r.has_mode_table]
    modes = model.predict_mode([r.features for r in moded], [r.category for r in moded])
    right = sum(m == r.mode for m, r in zip(modes, moded, strict=True))
    result["mode"] = right / max(1, len(moded))
    return result


def train(size: int = DEFAULT_SIZE, seed: int = DEFAULT_SEED,
          nlp: Language | None = None, extra: Sequence[Example] = ()
          ) -> tuple[EventClassifier, dict[str, float]]:
    """Generate, parse, split, fit and evaluate; returns the model and its figures.

    ``extra`` examples (analysts' corrections) are added to the generated ones.
    """
    clock = time.perf_counter()
    examples = generate(size, seed) + list(extra)
    rows = featurize_examples(examples, nlp or load_model())
    parsed = time.perf_counter()
    train_rows, held_rows = split(rows, seed=seed)
    model = fit(train_rows)
    fitted = time.perf_counter()
    figures = evaluate(model, held_rows)
    figures.update(examples=len(examples), train_rows=len(train_rows), held_rows=len(held_rows),
                   parse_seconds=parsed - clock, fit_seconds=fitted - parsed,
                   total_seconds=time.perf_counter() - clock)
    model.info.update(seed=seed, size=size)
    return model, figures


def main(argv: list[str] | None = None) -> int:
    """Command line: train and save the classifier, printing its figures."""
    parser = argparse.ArgumentParser(description="Train the eventwire event classifier.")
    parser.add_argument("--out", default=str(DEFAULT_PATH), help="where to write the model")
    parser.add_argument("--size", type=int, default=DEFAULT_SIZE, help="generated examples")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    model, figures = train(args.size, args.seed)
    model.save(args.out)
    print(f"generated examples: {figures['examples']:.0f}; "
          f"train rows: {figures['train_rows']:.0f}; held-out rows: {figures['held_rows']:.0f}")
    print(f"held-out category accuracy: with trigger {figures['with_trigger']:.3f}, "
          f"trigger=None {figures['no_trigger']:.3f}; mode accuracy {figures['mode']:.3f}")
    print(f"time: parse {figures['parse_seconds']:.1f}s, fit {figures['fit_seconds']:.1f}s, "
          f"total {figures['total_seconds']:.1f}s")
    print(f"model written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
