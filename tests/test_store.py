"""The event store and ingestion: idempotent, crash-safe, one writer, same ids everywhere."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.ingest import read_inputs
from eventwire.model import Article, Coded, Entity, Event, Failure, Span, TextInfo
from eventwire.pipeline import Pipeline
from eventwire.store.db import Store, StoreError, content_hash
from eventwire.store.ingest import ingest
from eventwire.store.query import Filters, export_rows, page, parse_bbox
from eventwire.store.schema import LATEST

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
EXE = Path(sys.executable).parent / "eventwire"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def sample_inputs() -> list[str]:
    return [str(SAMPLES / "articles.jsonl"), str(SAMPLES / "txt"), str(SAMPLES / "html")]


def many_articles(path: Path, count: int) -> Path:
    """``count`` distinct articles built from the samples (each with its own byline)."""
    samples = [json.loads(line) for line in (SAMPLES / "articles.jsonl").open()]
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            s = samples[i % len(samples)]
            record = dict(s, id=f"{s['id']}-{i}",
                          text=f"{s['text']}\n\nReporting by desk {i}; editing by staff.")
            out.write(json.dumps(record) + "\n")
    return path


def event_ids(db: Path) -> set[str]:
    with Store(db, read_only=True) as store:
        return {r[0] for r in store.conn.execute("SELECT id FROM events").fetchall()}


def test_ingest_is_idempotent(tmp_path: Path, pipeline: Pipeline) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        first = ingest(read_inputs(sample_inputs()), store, pipeline=pipeline)
        counts = store.counts()
        again = ingest(read_inputs(sample_inputs()), store, pipeline=pipeline)
        assert store.counts() == counts
    assert first.coded == first.read == counts["articles"] >= 14
    assert first.events == counts["events"] > 50
    assert (again.coded, again.events, again.already_stored) == (0, 0, first.read)


def test_same_text_under_another_name_is_stored_once(tmp_path: Path,
                                                     pipeline: Pipeline) -> None:
    text = "Police in Lagos arrested 40 protesters on Monday, witnesses said."
    items = [Article("feed-a/1", text, title="Arrests in Lagos"),
             Article("feed-b/77", text, title="Arrests in Lagos")]
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest(items, store, pipeline=pipeline)
        assert (report.coded, report.already_stored) == (1, 1)
        assert store.counts()["articles"] == 1


def test_stored_records_round_trip_and_rows_agree(tmp_path: Path, pipeline: Pipeline) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        ingest(read_inputs(sample_inputs()), store, pipeline=pipeline)
        records = list(store.records())
        actors = store.conn.execute("SELECT count(*) FROM event_actors").fetchone()
        places = store.conn.execute("SELECT count(*) FROM event_places").fetchone()
    assert actors and actors[0] == sum(len(r["actor"]) + len(r["recipient"]) for r in records)
    assert places and places[0] == sum(1 for r in records if r["event_loc"])
    nairobi = [r for r in records if (r["event_loc"] or {}).get("resolved_place") == "Nairobi"]
    assert nairobi and all(r["date"] == "2023-07-19" for r in nairobi)


def test_failures_are_kept_with_their_reason_and_counted_again_on_rerun(
        tmp_path: Path, pipeline: Pipeline) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok-1", "text": "Troops shelled the town of Kupiansk overnight, '
                   'officials said."}\n{"id": "broken", "text": \n', encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        first = ingest(read_inputs([str(bad)]), store, pipeline=pipeline)
        ingest(read_inputs([str(bad)]), store, pipeline=pipeline)
        rows = store.conn.execute("SELECT input_name, reason, attempts FROM failures").fetchall()
    assert first.coded == 1 and first.failed == 1
    assert len(rows) == 1
    name, reason, attempts = rows[0]
    assert name.endswith("bad.jsonl:2") and reason and attempts == 2


def test_schema_is_migrated_once(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        assert store.version() == LATEST
    with Store(db) as store:
        rows = store.conn.execute("SELECT version FROM schema_migrations").fetchall()
    assert [r[0] for r in rows] == list(range(1, LATEST + 1))


def test_a_store_path_that_cannot_be_created_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="not-a-dir"):
        Store(blocker / "events.duckdb")
    result = subprocess.run([str(EXE), "ingest", str(SAMPLES / "txt"), "--db",
                             str(blocker / "events.duckdb")], capture_output=True, text=True)
    assert result.returncode != 0 and "cannot" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_that_is_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "notes.duckdb"
    junk.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(junk)
    assert junk.read_text().startswith("these are my notes")


def test_a_second_writer_refuses_clearly_and_the_store_survives(tmp_path: Path,
                                                                pipeline: Pipeline) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        ingest(read_inputs([str(SAMPLES / "txt")]), store, pipeline=pipeline)
        before = store.counts()
        result = subprocess.run([str(EXE), "ingest", str(SAMPLES / "articles.jsonl"), "--db",
                                 str(db), "--wait", "1", "--no-progress"],
                                capture_output=True, text=True)
        assert result.returncode != 0
        assert "in use by another eventwire process" in result.stderr
        assert store.counts() == before


def test_a_second_writer_waits_for_the_first(tmp_path: Path, pipeline: Pipeline) -> None:
    db = tmp_path / "s.duckdb"
    store = Store(db)
    waiting = subprocess.Popen([str(EXE), "ingest", str(SAMPLES / "txt"), "--db", str(db),
                                "--wait", "60", "--no-progress"],
                               stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    assert waiting.poll() is None  # still waiting for the lock
    store.close()
    _, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    with Store(db, read_only=True) as done:
        assert done.counts()["articles"] == 2


def test_kill_during_ingest_then_resume_loses_and_doubles_nothing(tmp_path: Path) -> None:
    corpus = many_articles(tmp_path / "many.jsonl", 240)
    killed = tmp_path / "killed.duckdb"
    run = subprocess.Popen([str(EXE), "ingest", str(corpus), "--db", str(killed),
                            "--no-progress"], stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not _has_articles(killed):
        time.sleep(0.5)
    time.sleep(1.0)
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    partial = _articles(killed)
    assert 0 < partial < 240, "the kill should land mid-run"
    resumed = subprocess.run([str(EXE), "ingest", str(corpus), "--db", str(killed),
                              "--no-progress"], capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{partial} already stored" in resumed.stderr
    clean = tmp_path / "clean.duckdb"
    subprocess.run([str(EXE), "ingest", str(corpus), "--db", str(clean), "--no-progress"],
                   check=True, capture_output=True)
    assert _articles(killed) == _articles(clean) == 240
    assert event_ids(killed) == event_ids(clean)


def _articles(db: Path) -> int:
    with Store(db, read_only=True) as store:
        return store.counts()["articles"]


def _has_articles(db: Path) -> bool:
    """Peek at the store the writer holds: copy the file and its WAL, open the copy."""
    if not db.exists():
        return False
    peek = db.with_name("peek.duckdb")
    for suffix in ("", ".wal"):
        source = Path(str(db) + suffix)
        target = Path(str(peek) + suffix)
        target.unlink(missing_ok=True)
        if source.exists():
            target.write_bytes(source.read_bytes())
    try:
        conn = duckdb.connect(str(peek))
        try:
            row = conn.execute("SELECT count(*) FROM articles").fetchone()
        finally:
            conn.close()
    except duckdb.Error:
        return False
    return bool(row and row[0] > 0)


def test_worker_processes_store_the_same_events(tmp_path: Path, pipeline: Pipeline) -> None:
    corpus = many_articles(tmp_path / "some.jsonl", 40)
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    with Store(one) as store:
        ingest(read_inputs([str(corpus)]), store, pipeline=pipeline)
    with Store(two) as store:
        report = ingest(read_inputs([str(corpus)]), store, workers=2)
    assert report.coded == 40
    assert event_ids(one) == event_ids(two) and len(event_ids(one)) > 100


def test_an_error_while_storing_stops_worker_processes_without_hanging(tmp_path: Path) -> None:
    # The pool's feeder thread waits for a free slot; an error in the writer must not
    # leave it waiting, or closing the pool would hang for ever.
    items = [Failure(f"in-{i}", "unreadable", "E001") for i in range(2000)]
    raised: list[BaseException] = []

    def boom(report: object) -> None:
        raise RuntimeError("the disk went away")

    def run() -> None:
        with Store(tmp_path / "s.duckdb") as store:
            try:
                ingest(iter(items), store, workers=2, on_progress=boom)
            except RuntimeError as exc:
                raised.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(120)
    assert not thread.is_alive(), "ingest hung after an error with worker processes"
    assert [str(e) for e in raised] == ["the disk went away"]


def test_a_local_dask_cluster_stores_the_same_events(tmp_path: Path, pipeline: Pipeline) -> None:
    pytest.importorskip("distributed")
    corpus = many_articles(tmp_path / "some.jsonl", 24)
    one, dask = tmp_path / "one.duckdb", tmp_path / "dask.duckdb"
    with Store(one) as store:
        ingest(read_inputs([str(corpus)]), store, pipeline=pipeline)
    with Store(dask) as store:
        report = ingest(read_inputs([str(corpus)]), store, dask="local:2")
    assert report.coded == 24 and report.failed == 0
    assert event_ids(one) == event_ids(dask)


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("q") / "q.duckdb"
    with Store(db) as store:
        ingest(read_inputs(sample_inputs()), store, pipeline=Pipeline())
    return db


def query(db: Path, **filters: object) -> list[dict[str, object]]:
    with Store(db, read_only=True) as store:
        return list(page(store.conn, Filters(limit=None, **filters)))  # type: ignore[arg-type]


def test_query_filters_each_narrow_to_what_they_name(filled: Path) -> None:
    everything = query(filled)
    assert len(everything) > 50
    assaults = query(filled, categories=["ASSAULT"])
    assert assaults and all(r["event"] == "ASSAULT" for r in assaults)
    kenya = query(filled, actor=["KEN"])
    assert kenya and all("KEN" in {a["code"] for a in r["actor"]} for r in kenya)
    police = query(filled, actor_sector=["COP"])
    assert police and all("COP" in {a["sector"] for a in r["actor"]} for r in police)
    window = query(filled, since=date(2023, 1, 1), until=date(2023, 12, 31))
    assert window and all("2023-01-01" <= str(r["date"]) <= "2023-12-31" for r in window)
    box = query(filled, bbox=parse_bbox("33.5,-5,42,5"))  # Kenya and around
    assert box and all(33.5 <= r["event_loc"]["lon"] <= 42 for r in box)  # type: ignore[index]
    words = query(filled, text="tear gas")
    assert words and all("tear gas" in str(r["sentence"]).lower() for r in words)
    where = query(filled, country=["SDN"])
    assert where and all(r["event_loc"]["country_code"] == "SDN" for r in where)  # type: ignore[index]
    assert len(query(filled, categories=["ASSAULT"], actor=["KEN"])) <= len(assaults)


def test_a_bad_bbox_is_a_usage_error() -> None:
    from eventwire.errors import UsageError

    with pytest.raises(UsageError):
        parse_bbox("40,10,30,20")


def test_query_cli_prints_a_table_and_jsonl(filled: Path) -> None:
    out = subprocess.run([str(EXE), "query", "--db", str(filled), "--category", "PROTEST",
                          "--format", "jsonl"], capture_output=True, text=True, check=True)
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert lines and all(r["event"] == "PROTEST" for r in lines)
    table = subprocess.run([str(EXE), "query", "--db", str(filled), "--limit", "5",
                            "--format", "table"], capture_output=True, text=True, check=True)
    assert table.stdout.splitlines()[0].split()[:2] == ["doc", "category"]
    assert len(table.stdout.splitlines()) == 7


def test_content_hash_ignores_the_name() -> None:
    a = Article("x", "Same words.", title="T")
    assert content_hash(a) == content_hash(Article("y", "Same words.", title="T"))
    assert content_hash(a) != content_hash(Article("x", "Other words.", title="T"))
    assert isinstance(Failure("x", "y"), Failure)


REPORTS = [
    {"id": "wire-1", "source": "Sahel Wire", "published": "2024-02-12",
     "title": "Gunmen kill 12 in attack on Nigerian village",
     "text": "Gunmen killed 12 villagers in an attack on the village of Dansadau in "
             "Zamfara state on Sunday, police said."},
    {"id": "daily-7", "source": "Lagos Daily", "published": "2024-02-12",
     "title": "Zamfara attack leaves a dozen dead",
     "text": "Armed men killed at least 12 people in an attack on Dansadau in Zamfara "
             "state on Sunday, police said on Monday."},
    {"id": "post-3", "source": "Abuja Post", "published": "2024-02-13",
     "title": "Police confirm Dansadau killings",
     "text": "Gunmen killed 12 villagers in the Sunday attack on Dansadau in Zamfara, "
             "police said."},
    {"id": "other-9", "source": "Sahel Wire", "published": "2024-02-12",
     "title": "Protest in Kano over fuel prices",
     "text": "Hundreds of traders protested in Kano on Monday against rising fuel prices."},
]


def clusters_of(db: Path) -> dict[str, str]:
    with Store(db, read_only=True) as store:
        return dict(store.conn.execute("SELECT id, cluster_id FROM events").fetchall())


def test_reports_of_one_event_become_one_canonical_event_in_any_batches(
        tmp_path: Path, pipeline: Pipeline) -> None:
    feed = tmp_path / "reports.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    whole, split = tmp_path / "whole.duckdb", tmp_path / "split.duckdb"
    with Store(whole) as store:
        report = ingest(read_inputs([str(feed)]), store, pipeline=pipeline)
        assert report.clustered == report.events
        canonical = list(page(store.conn, Filters(categories=["ASSAULT"])))
        every = list(page(store.conn, Filters(categories=["ASSAULT"], mentions=True)))
    assert len(canonical) == 1 and len(every) == 3
    assert (canonical[0]["num_mentions"], canonical[0]["num_sources"]) == (3, 3)
    for part in (REPORTS[2:], REPORTS[:2]):  # the later report first, then the others
        piece = tmp_path / "piece.jsonl"
        piece.write_text("".join(json.dumps(r) + "\n" for r in part), encoding="utf-8")
        with Store(split) as store:
            ingest(read_inputs([str(piece)]), store, pipeline=pipeline)
    assert clusters_of(split) == clusters_of(whole)
    with Store(split, read_only=True) as store:
        exported = list(export_rows(store.conn, Filters(categories=["ASSAULT"], limit=None)))
    assert len(exported) == 1 and len(exported[0]["mentions"]) == 3
    assert {m["source"] for m in exported[0]["mentions"]} == {"Sahel Wire", "Lagos Daily",
                                                              "Abuja Post"}



_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
_code = st.one_of(st.none(), st.sampled_from(["USA", "IRQ", "KEN", "UNO", "EUR"]))
_entity = st.builds(Entity, entity_text=_text, code=_code,
                    sector=st.one_of(st.none(), st.sampled_from(["GOV", "MIL", "CVL"])),
                    start=st.integers(0, 500), end=st.integers(0, 500))
_loc = st.one_of(st.none(), st.fixed_dictionaries({
    "extracted_place": _text, "resolved_place": st.one_of(st.none(), _text),
    "geonameid": st.one_of(st.none(), st.integers(1, 10**9)),
    "lat": st.one_of(st.none(), st.floats(-90, 90)), "lon": st.one_of(st.none(),
                                                                      st.floats(-180, 180)),
    "country_code": _code, "admin1": st.one_of(st.none(), _text),
    "feature_code": st.sampled_from(["PPL", "PCLI", "ADM1"]),
    "resolution": st.integers(1, 5), "start": st.integers(0, 500), "end": st.integers(0, 500),
    "basis": st.sampled_from(["clause", "sentence", "dateline", "paragraph"])}))


@st.composite
def _coded(draw: st.DrawFn, n: int) -> Coded:
    text = draw(st.text(min_size=1, max_size=80)) + f" #{n}"
    article = Article(f"doc-{n}", text, title=draw(st.one_of(st.none(), _text)),
                      published=draw(st.one_of(st.none(), st.dates())),
                      url=draw(st.one_of(st.none(), _text)), source=draw(st.one_of(st.none(),
                                                                                  _text)))
    events = []
    for k in range(draw(st.integers(0, 3))):
        sentence = draw(_text)
        events.append(Event(
            id=f"e{n}-{k}", doc_id=article.doc_id, event=draw(st.sampled_from(["ASSAULT",
                                                                              "PROTEST"])),
            mode=tuple(draw(st.lists(_text, max_size=2))), context=(), quad_code=4,
            event_scale=draw(st.floats(-10, 10)), actor=tuple(draw(st.lists(_entity,
                                                                            max_size=2))),
            recipient=tuple(draw(st.lists(_entity, max_size=2))), event_text=sentence,
            trigger=Span(0, 0, ""), text_info=TextInfo(k, 0, len(sentence)),
            sentence=sentence, auxiliary=tuple(draw(st.lists(st.sampled_from(
                ["negation", "future"]), max_size=2, unique=True))),
            dead=draw(st.one_of(st.none(), st.integers(0, 10**6))),
            date=draw(st.one_of(st.none(), st.dates())), date_raw=draw(st.one_of(st.none(),
                                                                                  _text)),
            event_loc=draw(_loc), confidence=draw(st.floats(0, 1)),
            coder={"name": "test"}))
    return Coded(article, events)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(batch=st.lists(st.integers(0, 10**6), min_size=1, max_size=4, unique=True)
       .flatmap(lambda ns: st.tuples(*[_coded(n) for n in ns])))
def test_store_round_trips_any_events(tmp_path_factory: pytest.TempPathFactory,
                                      batch: tuple[Coded, ...]) -> None:
    db = tmp_path_factory.mktemp("rt") / "rt.duckdb"
    with Store(db) as store:
        store.add(list(batch))
        stored = {r["id"]: r for r in store.records()}
        articles = dict(store.conn.execute("SELECT doc_id, text FROM articles").fetchall())
    expected = {e.id: e.to_dict() for c in batch for e in c.events}
    assert stored == json.loads(json.dumps(expected))
    assert articles == {c.article.doc_id: c.article.text for c in batch}
    assert {Event.from_dict(r).to_dict()["id"] for r in stored.values()} == set(expected)


def test_a_full_disk_is_a_clear_error_not_a_crash(tmp_path: Path) -> None:
    full = tmp_path / "full"
    full.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1M", "tmpfs", str(full)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        corpus = many_articles(tmp_path / "many.jsonl", 150)
        result = subprocess.run([str(EXE), "ingest", str(corpus), "--db",
                                 str(full / "s.duckdb"), "--no-progress"],
                                capture_output=True, text=True)
        assert result.returncode != 0
        assert "No space left on device" in result.stderr
        assert "run the same command again" in result.stderr
        assert "Traceback" not in result.stderr
    finally:
        subprocess.run(["umount", str(full)], check=False)


def test_a_read_only_location_is_a_clear_error(tmp_path: Path) -> None:
    frozen = tmp_path / "frozen"
    frozen.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1M,ro", "tmpfs", str(frozen)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a read-only tmpfs here (needs root)")
    try:
        result = subprocess.run([str(EXE), "ingest", str(SAMPLES / "txt"), "--db",
                                 str(frozen / "s.duckdb"), "--no-progress"],
                                capture_output=True, text=True)
        assert result.returncode != 0
        assert "cannot open the store" in result.stderr and "Read-only" in result.stderr
        assert "Traceback" not in result.stderr
    finally:
        subprocess.run(["umount", str(frozen)], check=False)


def test_an_updated_article_under_the_same_id_keeps_both_versions_events(
        tmp_path: Path, pipeline: Pipeline) -> None:
    first = Article("https://example.org/story", "Police in Kisumu arrested 12 protesters "
                    "on Monday, officials said.", title="Arrests in Kisumu")
    edited = Article("https://example.org/story", "Police in Kisumu arrested 15 protesters "
                     "on Monday, officials said.", title="Arrests in Kisumu")
    with Store(tmp_path / "s.duckdb") as store:
        ingest([first], store, pipeline=pipeline)
        ingest([edited], store, pipeline=pipeline)
        rows = store.conn.execute("SELECT count(*), count(DISTINCT content_hash), "
                                  "sum(arrested) FROM events").fetchone()
    assert rows == (2, 2, 27)


def test_an_analysts_split_survives_the_next_ingest(tmp_path: Path, pipeline: Pipeline) -> None:
    from eventwire.store import corrections

    db = tmp_path / "s.duckdb"
    first, later = tmp_path / "first.jsonl", tmp_path / "later.jsonl"
    first.write_text("".join(json.dumps(r) + "\n" for r in REPORTS[:2]), encoding="utf-8")
    later.write_text(json.dumps(REPORTS[2]) + "\n", encoding="utf-8")
    with Store(db) as store:
        ingest(read_inputs([str(first)]), store, pipeline=pipeline)
        a, b = sorted(store.conn.execute(
            "SELECT id FROM events WHERE event = 'ASSAULT'").fetchall())
        corrections.add(store.conn, b[0], "cluster", b[0], author="ana", note="not the same")
        ingest(read_inputs([str(later)]), store, pipeline=pipeline)
        rows = dict(store.conn.execute(
            "SELECT id, cluster_id FROM events WHERE event = 'ASSAULT'").fetchall())
        canonical = [r for r in page(store.conn, Filters(categories=["ASSAULT"]))]
    assert rows[b[0]] == b[0]  # still alone: the analyst split it
    third = next(i for i in rows if i not in (a[0], b[0]))
    assert rows[third] == rows[a[0]]  # the new report joined the other one
    assert len(canonical) == 2
    assert {r["num_mentions"] for r in canonical} == {1, 2}
