"""The HTTP API (docs/api.md) over a real store: the bundled samples, ingested."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from eventwire.ingest import read_inputs
from eventwire.model import Article
from eventwire.server import create_app
from eventwire.store.db import Store, content_hash
from eventwire.store.ingest import ingest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TOKEN = "s3cret-token"
HOSTILE = {
    "id": "hostile-markup",
    "title": "Police detain protesters in Nairobi <script>alert('title')</script>",
    "text": "Kenyan police arrested 30 protesters in Nairobi on Monday. "
            "<script>alert('body')</script> <img src=x onerror=alert(1)> "
            "The protesters had marched against a new fuel tax.",
    "published": "2024-03-04",
}


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two copies of one store: one served read-only, one with corrections enabled."""
    root = tmp_path_factory.mktemp("server")
    hostile = root / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = root / "ro.duckdb"
    with Store(db) as store:
        ingest(read_inputs([str(SAMPLES / "articles.jsonl"), str(SAMPLES / "txt"),
                            str(SAMPLES / "html"), str(hostile)]), store)
    shutil.copy(db, root / "rw.duckdb")
    return {"ro": db, "rw": root / "rw.duckdb"}


def indexed(app: FastAPI) -> FastAPI:
    """The app once its page index is built, so pages come from it (tests/test_index.py
    holds it to SQL's answers)."""
    assert app.state.connections.index.wait(60)
    return app


@pytest.fixture(scope="module")
def client(stores: dict[str, Path]) -> Iterator[TestClient]:
    with TestClient(indexed(create_app(stores["ro"], static_dir=None))) as c:
        yield c


@pytest.fixture(scope="module")
def writer(stores: dict[str, Path]) -> Iterator[TestClient]:
    with TestClient(indexed(create_app(stores["rw"], token=TOKEN, static_dir=None))) as c:
        yield c


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def all_events(c: TestClient, **params: Any) -> list[dict[str, Any]]:
    body = c.get("/api/events", params={"limit": 500, **params}).json()
    assert body["total"] == len(body["events"])
    events: list[dict[str, Any]] = body["events"]
    return events


# -- reads -----------------------------------------------------------------------
def test_health(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["ok"] is True and body["events"] > 50 and body["articles"] == 16
    assert body["version"] and body["index"] == "ready"


def test_events_page_shape_and_paging(client: TestClient) -> None:
    body = client.get("/api/events", params={"limit": 5, "offset": 2}).json()
    assert (body["limit"], body["offset"], len(body["events"])) == (5, 2, 5)
    event = body["events"][0]
    for key in ("id", "event", "actor", "recipient", "trigger", "sentence", "status",
                "corrected", "num_mentions", "num_sources", "article", "cluster_id"):
        assert key in event
    assert len(event["article"]) == 64 and event["status"] == "ok"
    whole = client.get("/api/events", params={"limit": 7}).json()["events"]
    assert [e["id"] for e in whole[2:7]] == [e["id"] for e in body["events"]]


def test_events_sorting(client: TestClient) -> None:
    newest = [e["date"] for e in all_events(client) if e["date"]]
    oldest = [e["date"] for e in all_events(client, sort="date") if e["date"]]
    assert newest == sorted(newest, reverse=True) and oldest == sorted(oldest)
    assert client.get("/api/events", params={"sort": "id; DROP TABLE events"}).status_code == 422


def test_event_filters(client: TestClient) -> None:
    events = all_events(client)
    canonical = {e["id"] for e in events}
    mentions = all_events(client, mentions="true")
    assert len(mentions) > len(events) and canonical <= {e["id"] for e in mentions}

    assault = all_events(client, category="ASSAULT")
    assert assault and all(e["event"] == "ASSAULT" for e in assault)
    two = all_events(client, category=["ASSAULT", "PROTEST"])
    assert len(two) == len(assault) + len(all_events(client, category="PROTEST"))

    ken = all_events(client, country="KEN")
    assert ken and all(e["event_loc"]["country_code"] == "KEN" for e in ken)
    usa = all_events(client, actor="USA")
    assert usa and all(any(a["code"] == "USA" for a in e["actor"]) for e in usa)
    irq = all_events(client, recipient="irq")  # codes are case-insensitive
    assert irq and all(any(r["code"] == "IRQ" for r in e["recipient"]) for e in irq)
    mil = all_events(client, actor_sector="MIL")
    assert mil and all(any(a["sector"] == "MIL" for a in e["actor"]) for e in mil)

    dated = all_events(client, since="2024-01-01", until="2024-12-31")
    assert dated and all("2024-01-01" <= e["date"] <= "2024-12-31" for e in dated)

    africa = all_events(client, bbox="-20,-35,55,38")
    assert africa and all(-20 <= e["event_loc"]["lon"] <= 55 for e in africa)

    words = all_events(client, text="tear gas")
    assert words and all("tear gas" in e["sentence"].lower() for e in words)


def test_bad_filters_are_422(client: TestClient) -> None:
    for params in ({"bbox": "1,2,3"}, {"since": "yesterday"}, {"limit": 501},
                   {"limit": -1}, {"offset": -5}, {"mentions": "maybe"},
                   {"category": ["X"] * 51}, {"text": "x" * 201}):
        response = client.get("/api/events", params=params)
        assert response.status_code == 422, params
    assert client.get("/api/events", params={"limit": 500}).status_code == 200


def test_sql_looking_values_are_only_values(client: TestClient) -> None:
    total = client.get("/api/health").json()["events"]
    for value in ("' OR 1=1 --", "ASSAULT'; DROP TABLE events; --", "%", "\\", "') OR ('a'='a"):
        for name in ("category", "country", "actor", "actor_sector", "text"):
            body = client.get("/api/events", params={name: value}).json()
            assert body["total"] == 0, (name, value)
        assert client.get(f"/api/events/{value}").status_code in (404, 422)
    assert client.get("/api/health").json()["events"] == total


def test_event_evidence_slices_the_article_text(client: TestClient) -> None:
    checked = 0
    for e in all_events(client, mentions="true"):
        detail = client.get(f"/api/events/{e['id']}").json()
        text = client.get(f"/api/articles/{detail['article']}").json()["text"]
        ev = detail["evidence"]
        for span in (ev["sentence"], ev["trigger"], *ev["actor"], *ev["recipient"]):
            assert text[span["start"]:span["end"]] == span["text"]
        assert ev["sentence"]["text"] == detail["event"]["sentence"]
        assert ev["trigger"]["text"] == detail["event"]["event_text"]
        for got, coded in zip(ev["actor"], detail["event"]["actor"], strict=True):
            assert got["text"] == coded["entity_text"] and got["code"] == coded["code"]
        if ev["place"] and ev["place"]["start"] is not None:
            assert text[ev["place"]["start"]:ev["place"]["end"]] == ev["place"]["text"]
            assert ev["place"]["text"] == detail["event"]["event_loc"]["extracted_place"]
        if ev["date"] and ev["date"]["start"] is not None:
            assert text[ev["date"]["start"]:ev["date"]["end"]] == ev["date"]["text"]
            assert ev["date"]["text"] == detail["event"]["date_raw"]
            checked += 1
        assert detail["original"]["id"] == e["id"]
        assert e["id"] in {m["id"] for m in detail["mentions"]}
    assert checked > 10


def test_event_mentions_across_articles(client: TestClient) -> None:
    merged = [e for e in all_events(client) if e["num_mentions"] > 1]
    assert merged
    detail = client.get(f"/api/events/{merged[0]['id']}").json()
    assert len(detail["mentions"]) == merged[0]["num_mentions"]
    assert {"id", "doc_id", "article", "url", "source", "published",
            "sentence"} <= set(detail["mentions"][0])


def test_article_text_events_and_spans(client: TestClient) -> None:
    e = all_events(client, category="ASSAULT")[0]
    body = client.get(f"/api/articles/{e['article']}").json()
    assert body["key"] == e["article"] and body["title"]
    assert body["text"].startswith(body["title"] + "\n\n")
    assert e["id"] in {x["id"] for x in body["events"]}
    kinds = {s["kind"] for s in body["spans"]}
    assert {"trigger", "actor", "place"} <= kinds
    ids = {x["id"] for x in body["events"]}
    for s in body["spans"]:
        assert 0 <= s["start"] < s["end"] <= len(body["text"]) and s["event_id"] in ids


def test_hostile_markup_comes_back_as_json_text(client: TestClient) -> None:
    key = content_hash(Article(HOSTILE["id"], HOSTILE["text"], HOSTILE["title"]))
    response = client.get(f"/api/articles/{key}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    body = response.json()
    assert "<script>alert('body')</script>" in body["text"]
    assert "<img src=x onerror=alert(1)>" in body["text"]
    assert body["title"] == HOSTILE["title"]


def test_unknown_ids_are_404(client: TestClient) -> None:
    assert client.get("/api/events/0000000000000000").status_code == 404
    assert client.get("/api/articles/" + "0" * 64).status_code == 404
    response = client.get("/api/no-such-endpoint")
    assert response.status_code == 404 and response.json() == {"detail": "Not Found"}


def test_stats(client: TestClient) -> None:
    body = client.get("/api/stats").json()
    total = client.get("/api/events", params={"limit": 0}).json()["total"]
    assert sum(r["count"] for r in body["by_day"]) == total
    assert sum(r["count"] for r in body["by_category"]) == total
    assert sum(r["count"] for r in body["by_quad"]) == total
    assert all(r["country"] for r in body["by_country"])
    assert {"date", "category", "count"} == set(body["by_day"][0])
    ken = client.get("/api/stats", params={"country": "KEN"}).json()
    assert [r["country"] for r in ken["by_country"]] == ["KEN"]


def test_actor_network(client: TestClient) -> None:
    body = client.get("/api/actors").json()
    nodes = {n["id"]: n["events"] for n in body["nodes"]}
    assert body["edges"] and all(e["source"] in nodes and e["target"] in nodes
                                 for e in body["edges"])
    weights = [e["weight"] for e in body["edges"]]
    assert weights == sorted(weights, reverse=True)
    heavy = client.get("/api/actors", params={"min_weight": 2, "limit": 3}).json()
    assert len(heavy["edges"]) <= 3 and all(e["weight"] >= 2 for e in heavy["edges"])
    usa = client.get("/api/actors", params={"actor": "USA"}).json()
    assert any(e["source"] == "USA" for e in usa["edges"])


def test_export_streams_csv_and_jsonl(client: TestClient) -> None:
    total = client.get("/api/events", params={"limit": 0}).json()["total"]
    response = client.get("/api/export", params={"format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == total
    lines = client.get("/api/export", params={"format": "jsonl",
                                              "category": "ASSAULT"}).text.splitlines()
    records = [json.loads(line) for line in lines]
    assert records and all(r["event"] == "ASSAULT" for r in records)
    assert client.get("/api/export", params={"format": "xml"}).status_code == 422


def test_dashboard_at_root_and_api_404_stays_json(stores: dict[str, Path],
                                                  tmp_path: Path) -> None:
    static = tmp_path / "static"
    static.mkdir()
    (static / "index.html").write_text("<!doctype html><title>eventwire</title>")
    ro = tmp_path / "copy.duckdb"
    shutil.copy(stores["ro"], ro)
    with TestClient(create_app(ro, static_dir=static)) as c:
        assert "<title>eventwire</title>" in c.get("/").text
        missing = c.get("/api/nothing/here")
        assert missing.status_code == 404 and missing.json() == {"detail": "Not Found"}
        assert c.get("/api/health").json()["ok"] is True


def test_docs_are_served(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/events/{event_id}", "/api/articles/{key}", "/api/stats",
            "/api/actors", "/api/export", "/api/corrections", "/api/health"} <= set(paths)


# -- corrections -----------------------------------------------------------------
def test_corrections_disabled_without_token(client: TestClient) -> None:
    event_id = all_events(client)[0]["id"]
    body = {"event_id": event_id, "field": "status", "value": "wrong", "author": "a"}
    assert client.post("/api/corrections", json=body).status_code == 403
    assert client.post("/api/corrections", json=body, headers=auth()).status_code == 403


def test_corrections_need_the_token(writer: TestClient) -> None:
    event_id = all_events(writer)[0]["id"]
    body = {"event_id": event_id, "field": "status", "value": "wrong", "author": "a"}
    assert writer.post("/api/corrections", json=body).status_code == 401
    assert writer.post("/api/corrections", json=body,
                       headers=auth("wrong")).status_code == 401
    assert writer.post("/api/corrections", json=body,
                       headers={"Authorization": TOKEN}).status_code == 401
    assert writer.get("/api/corrections").json()["corrections"] == []


def test_invalid_corrections(writer: TestClient) -> None:
    event_id = all_events(writer)[0]["id"]
    for field, value in (("event", "PARTY"), ("status", "maybe"), ("actor.9.code", "USA"),
                         ("actor.0.code", "usa; drop"), ("id", "x"), ("cluster", "nope")):
        response = writer.post("/api/corrections", headers=auth(), json={
            "event_id": event_id, "field": field, "value": value, "author": "a"})
        assert response.status_code == 422, (field, value)
        assert response.json()["detail"]
    missing = writer.post("/api/corrections", headers=auth(), json={
        "event_id": "0000000000000000", "field": "status", "value": "wrong", "author": "a"})
    assert missing.status_code == 404
    no_author = writer.post("/api/corrections", headers=auth(), json={
        "event_id": event_id, "field": "status", "value": "wrong"})
    assert no_author.status_code == 422


def test_big_body_is_413(writer: TestClient) -> None:
    body = {"event_id": "x", "field": "status", "value": "wrong", "author": "a",
            "note": "n" * 70_000}
    assert writer.post("/api/corrections", json=body, headers=auth()).status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"note": "'
        for _ in range(20):
            yield b"n" * 4096
        yield b'"}'

    response = writer.post("/api/corrections", content=chunks(),
                           headers={**auth(), "Content-Type": "application/json"})
    assert response.status_code == 413


def test_a_correction_is_applied_everywhere(writer: TestClient) -> None:
    target = next(e for e in all_events(writer) if e["event"] != "PROTEST" and e["actor"])
    response = writer.post("/api/corrections", headers=auth(), json={
        "event_id": target["id"], "field": "event", "value": "PROTEST", "author": "analyst",
        "note": "a march, not a meeting"})
    assert response.status_code == 201
    body = response.json()
    assert body["correction"]["old_value"] == target["event"]
    assert body["event"]["event"] == "PROTEST" and body["event"]["corrected"] == ["event"]

    listed = {e["id"]: e for e in all_events(writer, category="PROTEST")}
    assert listed[target["id"]]["event"] == "PROTEST"
    detail = writer.get(f"/api/events/{target['id']}").json()
    assert detail["event"]["event"] == "PROTEST"
    assert detail["original"]["event"] == target["event"]
    assert [c["new_value"] for c in detail["corrections"]] == ["PROTEST"]
    exported = [json.loads(line) for line in writer.get(
        "/api/export", params={"format": "jsonl", "category": "PROTEST"}).text.splitlines()]
    assert any(r["id"] == target["id"] and r["event"] == "PROTEST" for r in exported)
    rows = csv.DictReader(io.StringIO(writer.get("/api/export", params={"format": "csv"}).text))
    assert next(r for r in rows if r["id"] == target["id"])["event"] == "PROTEST"
    log = writer.get("/api/corrections").json()["corrections"]
    assert log[0]["event_id"] == target["id"] and log[0]["author"] == "analyst"
    own = writer.get("/api/corrections", params={"event_id": target["id"]}).json()
    assert [c["id"] for c in own["corrections"]] == [log[0]["id"]]

    code = writer.post("/api/corrections", headers=auth(), json={
        "event_id": target["id"], "field": "actor.0.code", "value": "UNO", "author": "analyst"})
    assert code.status_code == 201 and code.json()["event"]["actor"][0]["code"] == "UNO"
    assert target["id"] in {e["id"] for e in all_events(writer, actor="UNO")}


def test_marked_wrong_leaves_the_default_views(writer: TestClient) -> None:
    target = all_events(writer)[-1]
    response = writer.post("/api/corrections", headers=auth(), json={
        "event_id": target["id"], "field": "status", "value": "wrong", "author": "analyst"})
    assert response.status_code == 201 and response.json()["event"]["status"] == "wrong"
    assert target["id"] not in {e["id"] for e in all_events(writer)}
    assert target["id"] in {e["id"] for e in all_events(writer, include_wrong="true")}
    log = writer.get("/api/corrections", params={"limit": 1, "offset": 0}).json()
    assert [c["field"] for c in log["corrections"]] == ["status"]
    older = writer.get("/api/corrections", params={"limit": 10, "offset": 1}).json()
    assert "status" not in [c["field"] for c in older["corrections"]]
