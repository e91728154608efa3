"""Analyst corrections: validated, logged with before/after, applied on every read,
steering filters, merges and splits, and folded into the classifier."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.coding.classifier import EventClassifier, featurize
from eventwire.errors import UsageError
from eventwire.ingest import read_inputs
from eventwire.nlp.spacy_model import load_model
from eventwire.pipeline import Pipeline
from eventwire.store import corrections
from eventwire.store.db import Store
from eventwire.store.ingest import ingest
from eventwire.store.query import Filters, export_rows, page

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
EXE = Path(sys.executable).parent / "eventwire"


@pytest.fixture()
def db(tmp_path: Path, pipeline: Pipeline) -> Path:
    path = tmp_path / "c.duckdb"
    with Store(path) as store:
        ingest(read_inputs([str(SAMPLES / "articles.jsonl")]), store, pipeline=pipeline)
    return path


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def one(store: Store, category: str) -> dict:  # type: ignore[type-arg]
    return next(page(store.conn, Filters(categories=[category], limit=1)))


def test_a_category_correction_is_logged_and_applied_everywhere(db: Path) -> None:
    with Store(db) as store:
        event = one(store, "ASSAULT")
        made = corrections.add(store.conn, event["id"], "event", "COERCE", author="ana",
                               note="tear gas, no injuries")
        assert (made["old_value"], made["new_value"], made["author"]) == ("ASSAULT", "COERCE",
                                                                          "ana")
        coerce = {r["id"]: r for r in page(store.conn, Filters(categories=["COERCE"],
                                                               limit=None))}
        assert event["id"] in coerce and coerce[event["id"]]["corrected"] == ["event"]
        assaults = {r["id"] for r in page(store.conn, Filters(categories=["ASSAULT"],
                                                              limit=None))}
        assert event["id"] not in assaults
        exported = next(r for r in export_rows(store.conn, Filters(limit=None))
                        if r["id"] == event["id"])
        assert exported["event"] == "COERCE"
        original = store.conn.execute("SELECT record FROM events WHERE id = ?",
                                      [event["id"]]).fetchone()
        assert original and json.loads(original[0])["event"] == "ASSAULT"  # coder's kept
        assert corrections.log(store.conn)[0]["id"] == made["id"]


def test_a_later_correction_wins_and_an_actor_code_can_be_fixed(db: Path) -> None:
    with Store(db) as store:
        event = one(store, "PROTEST")
        corrections.add(store.conn, event["id"], "event", "ASSAULT", author="a")
        corrections.add(store.conn, event["id"], "event", "PROTEST", author="b")
        corrections.add(store.conn, event["id"], "actor.0.code", "UGA", author="b")
        now = next(r for r in page(store.conn, Filters(actor=["UGA"], limit=None)))
        assert now["id"] == event["id"] and now["event"] == "PROTEST"
        assert now["actor"][0]["code"] == "UGA"


def test_an_event_marked_wrong_leaves_queries_and_exports(db: Path) -> None:
    with Store(db) as store:
        event = one(store, "ACCUSE")
        corrections.add(store.conn, event["id"], "status", "wrong", author="ana")
        ids = {r["id"] for r in page(store.conn, Filters(limit=None))}
        assert event["id"] not in ids
        kept = {r["id"] for r in page(store.conn, Filters(limit=None, include_wrong=True))}
        assert event["id"] in kept
        assert event["id"] not in {r["id"] for r in export_rows(store.conn,
                                                                 Filters(limit=None))}


@pytest.mark.parametrize(("field", "value"), [
    ("event", "FIGHT"), ("status", "maybe"), ("mode", "drone"), ("actor.9.code", "USA"),
    ("actor.0.code", "not a code"), ("coder", "me"), ("cluster", ""),
])
def test_invalid_corrections_are_refused_and_not_logged(db: Path, field: str,
                                                        value: object) -> None:
    with Store(db) as store:
        event = one(store, "ASSAULT")
        with pytest.raises(UsageError):
            corrections.add(store.conn, event["id"], field, value, author="x")
        assert store.counts()["corrections"] == 0
    with Store(db) as store, pytest.raises(UsageError, match="no event"):
        corrections.add(store.conn, "no-such-id", "event", "ASSAULT", author="x")


def test_merge_and_split_move_an_event_between_canonical_events(db: Path) -> None:
    with Store(db) as store:
        a, b = list(page(store.conn, Filters(categories=["ASSAULT"], limit=2)))
        corrections.add(store.conn, b["id"], "cluster", a["id"], author="ana")
        canonical = {r["id"]: r for r in page(store.conn, Filters(categories=["ASSAULT"],
                                                                  limit=None))}
        assert b["id"] not in canonical and canonical[a["id"]]["num_mentions"] == 2
        corrections.add(store.conn, b["id"], "cluster", b["id"], author="ana")
        canonical = {r["id"]: r for r in page(store.conn, Filters(categories=["ASSAULT"],
                                                                  limit=None))}
        assert b["id"] in canonical and canonical[a["id"]]["num_mentions"] == 1


def test_moving_a_canonical_event_leaves_its_other_reports_one_canonical_event(
        db: Path) -> None:
    with Store(db) as store:
        def canonical() -> dict[str, int]:
            return {r["id"]: r["num_mentions"]
                    for r in page(store.conn, Filters(categories=["ASSAULT"], limit=None))}

        a, b, c, d = sorted(canonical())[:4]
        for other in (b, c):
            corrections.add(store.conn, other, "cluster", a, author="ana")
        before = canonical()
        assert before[a] == 3 and b not in before and c not in before
        corrections.add(store.conn, a, "cluster", d, author="ana")  # merge it elsewhere
        after = canonical()
        assert after[d] == before[d] + 1 and a not in after
        heir, other = (b, c) if b in after else (c, b)  # the earlier-dated one leads
        assert after[heir] == 2 and len(after) == len(before)  # b and c: still one event
        corrections.add(store.conn, heir, "cluster", other, author="ana")  # no move
        assert canonical() == after
        corrections.add(store.conn, heir, "cluster", heir, author="ana")  # split it off
        split = canonical()
        assert split[heir] == 1 and split[other] == 1 and len(split) == len(after) + 1


def test_train_from_corrections_learns_the_analysts_category(db: Path, tmp_path: Path) -> None:
    with Store(db) as store:
        event = one(store, "ASSAULT")
        corrections.add(store.conn, event["id"], "event", "COERCE", author="ana")
    model_path = tmp_path / "model.pkl"
    result = subprocess.run([str(EXE), "train", "--from-corrections", str(db), "--size",
                             "400", "--weight", "40", "--out", str(model_path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "1 corrected event(s)" in result.stderr
    model = EventClassifier.load(model_path)
    start = event["trigger"]["start"] - event["text_info"]["start"]
    doc = load_model()(event["sentence"])
    span = doc.char_span(start, event["trigger"]["end"] - event["text_info"]["start"],
                         alignment_mode="expand")
    assert span is not None
    (top, _), = model.top([featurize(span.root.sent, span.root)])
    assert top == "COERCE"


def test_the_audit_log_pages_newest_first(db: Path) -> None:
    with Store(db) as store:
        a, b = list(page(store.conn, Filters(categories=["ASSAULT"], limit=2)))
        made = [corrections.add(store.conn, a["id"], "event", "COERCE", author="x"),
                corrections.add(store.conn, b["id"], "status", "wrong", author="y"),
                corrections.add(store.conn, a["id"], "event", "ASSAULT", author="z")]
        first, second = corrections.log(store.conn, 2, 0), corrections.log(store.conn, 2, 2)
    assert [c["id"] for c in first + second] == [m["id"] for m in reversed(made)]
