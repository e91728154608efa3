"""The pipeline as a batch engine: streaming, failures, pickling."""

from __future__ import annotations

import pickle
from datetime import date

from eventwire import Article, Coded, Failure, Pipeline, extract_batch


def test_batch_keeps_order_and_records_failures() -> None:
    items: list[Article | Failure] = [
        Article("a", "Kenyan police arrested twelve activists in Nairobi.",
                published=date(2021, 3, 1)),
        Failure("bad.jsonl:2", "malformed JSON record: Expecting value", "E006"),
        Article("empty", "   \n\n  "),
        Article("b", "Israeli warplanes bombed a depot near Damascus."),
    ]
    results = list(extract_batch(items))
    assert [type(r).__name__ for r in results] == ["Coded", "Failure", "Failure", "Coded"]
    assert isinstance(results[2], Failure) and results[2].code == "E012"
    assert isinstance(results[0], Coded) and results[0].events[0].event == "COERCE"
    assert isinstance(results[3], Coded) and results[3].events
    assert all(e.coder["name"] == "eventwire" for e in results[3].events)


def test_pipeline_pickles_without_models_and_codes_the_same() -> None:
    pipeline = Pipeline()
    article = Article("p", "The European Union imposed sanctions on Belarus.")
    before = pipeline.code(article)
    clone = pickle.loads(pickle.dumps(pipeline))
    assert len(pickle.dumps(pipeline)) < 10_000  # ships settings, not models
    assert [e.to_dict() for e in clone.code(article)] == [e.to_dict() for e in before]


def test_many_articles_stream_in_batches() -> None:
    articles = [
        Article(f"n{i}", f"Protesters marched in Santiago on day {i}.") for i in range(70)
    ]
    results = list(Pipeline().code_many(iter(articles)))
    coded_ids = [r.article.doc_id for r in results if isinstance(r, Coded)]
    assert coded_ids == [a.doc_id for a in articles]
