"""The in-memory page index answers exactly as SQL does, before and after corrections.

SQL (``views.events_page``) is the reference: for every filter the dashboard can send,
both sorts and pages at the edges, the index's JSON must decode to the same page.
"""

from __future__ import annotations

import itertools
import json
import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eventwire.ingest import read_inputs
from eventwire.server import create_app, views
from eventwire.server.index import PageIndex
from eventwire.store.db import Store
from eventwire.store.ingest import ingest
from eventwire.store.query import Filters

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TOKEN = "index-token"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples, ingested; then a few undated events and two stored records that
    already hold a ``status`` (which the index cannot splice), as stores can have."""
    db = tmp_path_factory.mktemp("index") / "store.duckdb"
    with Store(db) as store:
        ingest(read_inputs([str(SAMPLES / "articles.jsonl"), str(SAMPLES / "txt"),
                            str(SAMPLES / "html")]), store)
        ids = [r[0] for r in store.conn.execute("SELECT id FROM events ORDER BY id").fetchall()]
        store.conn.execute("UPDATE events SET date = NULL WHERE list_contains(?, id)",
                           [ids[::9]])
        record = json.loads(store.conn.execute("SELECT record FROM events WHERE id = ?",
                                               [ids[1]]).fetchone()[0])
        record["status"] = "ok"
        store.conn.execute("UPDATE events SET record = ? WHERE id = ?",
                           [json.dumps(record), ids[1]])
        # and one whose status key is spelled with an escape: JSON still reads "status"
        raw = store.conn.execute("SELECT record FROM events WHERE id = ?",
                                 [ids[2]]).fetchone()[0]
        store.conn.execute("UPDATE events SET record = ? WHERE id = ?",
                           ['{"st\\u0061tus": "wrong", ' + raw.lstrip()[1:], ids[2]])
        assert json.loads(store.conn.execute("SELECT record FROM events WHERE id = ?",
                                             [ids[2]]).fetchone()[0])["status"] == "wrong"
    return db


def built(path: Path) -> tuple[Store, PageIndex]:
    store = Store(path, read_only=True)
    index = PageIndex(store.conn.cursor, log=lambda message: None)
    index.build()
    assert index.status == "ready"
    return store, index


def questions(store: Store) -> Iterator[Filters]:
    """Filters over the store's own values, singly and in pairs, plus the odd ones."""
    conn = store.conn

    def values(sql: str) -> list[Any]:
        return [r[0] for r in conn.execute(sql).fetchall()]

    categories = values("SELECT DISTINCT event FROM events ORDER BY 1")
    countries = values("SELECT DISTINCT place_country FROM events "
                       "WHERE place_country IS NOT NULL ORDER BY 1")
    actors = values("SELECT DISTINCT unnest(actor_codes) FROM events ORDER BY 1")
    sectors = values("SELECT DISTINCT unnest(recipient_sectors) FROM events ORDER BY 1")
    first, last = conn.execute("SELECT min(date), max(date) FROM events").fetchone()
    middle = first + (last - first) / 2
    singles = [
        Filters(), Filters(mentions=True), Filters(include_wrong=True),
        Filters(mentions=True, include_wrong=True),
        *(Filters(categories=[c]) for c in categories[:6]),
        Filters(categories=categories[:5]), Filters(categories=["protest"]),
        *(Filters(country=[c]) for c in countries[:5]), Filters(country=["ZZZ"]),
        *(Filters(actor=[a]) for a in actors[:5]), Filters(actor=[a.lower() for a in actors[:3]]),
        *(Filters(recipient=[a]) for a in actors[:3]), Filters(actor_sector=["GOV", "MIL"]),
        *(Filters(recipient_sector=[s]) for s in sectors[:3]),
        Filters(since=middle), Filters(until=middle), Filters(since=first, until=first),
        Filters(since=middle, until=middle + timedelta(days=40)),
        Filters(since=last + timedelta(days=1)), Filters(since=middle, until=first),
        Filters(bbox=(-180, -90, 180, 90)), Filters(bbox=(30.0, -5.0, 45.0, 5.0)),
        Filters(bbox=(0, 0, 0, 0)),
    ]
    yield from singles
    for a, b in itertools.combinations(singles[4:], 2):
        yield _both(a, b)


def _both(a: Filters, b: Filters) -> Filters:
    out = Filters()
    for name in ("categories", "country", "actor", "recipient", "actor_sector",
                 "recipient_sector"):
        setattr(out, name, getattr(a, name) or getattr(b, name))
    for name in ("since", "until", "bbox"):
        setattr(out, name, getattr(a, name) or getattr(b, name))
    out.mentions, out.include_wrong = a.mentions or b.mentions, a.include_wrong or b.include_wrong
    return out


def same_pages(store: Store, index: PageIndex, filters: Iterator[Filters] | list[Filters]
               ) -> int:
    """Compare every page; the number compared."""
    cur = store.conn.cursor()
    compared = 0
    for f in filters:
        f.limit = None
        total = views.events_page(cur, f, limit=0, offset=0, sort="-date")["total"]
        for sort, (limit, offset) in itertools.product(
                ("-date", "date"), ((500, 0), (7, 0), (5, 3), (1, max(total - 1, 0)),
                                    (0, 0), (10, total + 5))):
            want = json.loads(json.dumps(views.events_page(cur, f, limit=limit, offset=offset,
                                                           sort=sort)))
            answer = index.page_json(f, limit=limit, offset=offset, sort=sort)
            assert answer is not None
            assert json.loads(answer) == want, (f, sort, limit, offset)
            compared += 1
    return compared


def test_index_pages_are_the_sql_pages(store_path: Path) -> None:
    store, index = built(store_path)
    with store:
        assert store.conn.execute("SELECT count(*) FROM events WHERE date IS NULL"
                                  ).fetchone()[0] > 3
        assert same_pages(store, index, questions(store)) > 3000


def test_text_search_is_left_to_sql(store_path: Path) -> None:
    store, index = built(store_path)
    with store:
        assert index.page_json(Filters(text="police"), limit=10, offset=0, sort="-date") is None


def test_a_page_before_the_build_is_left_to_sql(store_path: Path) -> None:
    with Store(store_path, read_only=True) as store:
        index = PageIndex(store.conn.cursor, log=lambda message: None)
        assert index.status == "building"
        assert index.page_json(Filters(), limit=10, offset=0, sort="-date") is None


@pytest.fixture()
def writer(store_path: Path, tmp_path: Path) -> Iterator[TestClient]:
    db = tmp_path / "rw.duckdb"
    shutil.copy(store_path, db)
    app = create_app(db, token=TOKEN, static_dir=None)
    assert app.state.connections.index.wait(60)
    with TestClient(app) as c:
        yield c


def correct(c: TestClient, event_id: str, field: str, value: Any) -> dict[str, Any]:
    response = c.post("/api/corrections", headers={"Authorization": f"Bearer {TOKEN}"},
                      json={"event_id": event_id, "field": field, "value": value,
                            "author": "analyst"})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def test_corrections_reach_the_index(writer: TestClient) -> None:
    conns = writer.app.state.connections  # type: ignore[attr-defined]
    events = writer.get("/api/events", params={"limit": 500}).json()["events"]
    assert conns.index_status == "ready" and len(events) > 20
    first, second, third, fourth = events[0], events[5], events[10], events[15]
    correct(writer, first["id"], "event", "PROTEST" if first["event"] != "PROTEST" else "AID")
    correct(writer, second["id"], "actor.0.code", "XYZ") if second["actor"] else None
    correct(writer, third["id"], "status", "wrong")
    correct(writer, fourth["id"], "cluster", first["id"])  # a merge
    listed = {e["id"] for e in writer.get("/api/events", params={"limit": 500}).json()["events"]}
    assert third["id"] not in listed and fourth["id"] not in listed
    merged = writer.get("/api/events", params={"limit": 500, "mentions": "true"}).json()
    fourth_now = next(e for e in merged["events"] if e["id"] == fourth["id"])
    assert fourth_now["cluster_id"] == first["id"] and fourth_now["corrected"] == ["cluster"]
    if second["actor"]:
        found = writer.get("/api/events", params={"actor": "xyz"}).json()["events"]
        assert [e["id"] for e in found] == [second["id"]]
    correct(writer, fourth["id"], "cluster", fourth["id"])  # and split again

    store = conns.store
    extra = [Filters(actor=["XYZ"]), Filters(categories=["PROTEST", "AID"]),
             Filters(mentions=True, include_wrong=True), Filters(include_wrong=True)]
    assert same_pages(store, conns.index, [*questions(store)][:60] + extra) > 300

    # a fresh index of the corrected store answers as the refreshed one did
    again = PageIndex(conns.fresh_reader, log=lambda message: None)
    again.build()
    for f in extra:
        f.limit = None
        fresh, refreshed = (json.loads(i.page_json(f, limit=500, offset=0, sort="date") or "")
                            for i in (again, conns.index))
        assert fresh == refreshed


def test_a_failed_refresh_leaves_pages_to_sql(store_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    store, index = built(store_path)
    with store:
        def broken(*args: Any) -> None:
            raise RuntimeError("disk gone")

        monkeypatch.setattr("eventwire.server.index._refreshed", broken)
        index.refresh(store.conn.cursor(), {"any-id"})
        assert index.status == "failed: RuntimeError: disk gone"
        assert index.page_json(Filters(), limit=10, offset=0, sort="-date") is None


def test_serving_without_the_index(store_path: Path) -> None:
    app = create_app(store_path, static_dir=None, index=False)
    with TestClient(app) as c:
        assert c.get("/api/health").json()["index"] == "off"
        body = c.get("/api/events", params={"limit": 3, "sort": "date"}).json()
        assert len(body["events"]) == 3 and body["total"] > 3



def test_an_empty_store(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.duckdb") as store:
        index = PageIndex(store.conn.cursor, log=lambda message: None)
        index.build()
        assert index.status == "ready"
        for sort in ("-date", "date"):
            assert json.loads(index.page_json(Filters(actor=["USA"]), limit=10, offset=0,
                                              sort=sort) or "") == {
                "total": 0, "limit": 10, "offset": 0, "events": []}
