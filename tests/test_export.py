"""Exports: plover-jsonl, csv, parquet and gdelt on coded articles; round trips; CAMEO."""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.data import load_data
from eventwire.errors import UsageError
from eventwire.export import (
    CSV_COLUMNS,
    EXPORT_FORMATS,
    GDELT_COLUMNS,
    PARQUET_SCHEMA,
    ROW_FIELDS,
    canonical_row,
    rows_from_cursor,
    write_export,
)
from eventwire.export.cameo import actor_type, cameo_event, cameo_tables
from eventwire.export.gdelt import geo_type, global_event_id
from eventwire.model import CATEGORIES, Article
from eventwire.pipeline import Pipeline

ARTICLES = [
    Article(
        "kharkiv-1",
        "Russian forces shelled the city of Kharkiv on Tuesday, killing three civilians, "
        "Ukrainian officials said. President Zelensky condemned the attack and called on "
        "NATO to send more air defence systems.",
        title="Russian shelling kills three in Kharkiv", published=date(2022, 5, 12),
        url="https://news.example.org/kharkiv", source="Example News"),
    Article(
        "nairobi-1",
        "NAIROBI, March 3 - Police in Nairobi arrested 40 protesters on Friday after "
        "thousands marched against a new finance bill. Opposition leader Raila Odinga "
        "accused the government of silencing dissent.",
        published=date(2023, 3, 4), url="https://wire.example.com/nairobi",
        source="Example Wire"),
    Article(
        "ohio-1",
        "The United States will provide $50 million in humanitarian aid to Sudan, the "
        "State Department said on Monday. Officials met Sudanese envoys in Columbus, Ohio.",
        published=date(2023, 6, 14), url=None, source="Example Daily"),
]


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    """Canonical rows as the store would give them: each event one mention of itself
    and one of a second outlet's report."""
    pipeline = Pipeline()
    out = []
    for article in ARTICLES:
        for event in pipeline.code(article):
            mentions = [
                {"id": event.id, "doc_id": article.doc_id, "url": article.url,
                 "source": article.source},
                {"id": f"{event.id}-b", "doc_id": f"{article.doc_id}-b",
                 "url": "https://other.example.net/story", "source": "Other Outlet"},
            ]
            out.append({**event.to_dict(), "num_mentions": 2, "num_sources": 2,
                        "source_url": article.url,
                        "published": article.published.isoformat() if article.published
                        else None,
                        "mentions": mentions})
    assert len(out) >= 5, "the sample articles should give several events"
    return out


def _export(rows: list[dict[str, Any]], fmt: str) -> str:
    stream = io.StringIO()
    assert write_export(rows, fmt, stream) == len(rows)
    return stream.getvalue()


# --- plover-jsonl --------------------------------------------------------------------

def test_plover_jsonl_keeps_every_field_in_order(rows: list[dict[str, Any]]) -> None:
    lines = _export(rows, "plover-jsonl").split("\n")[:-1]
    assert len(lines) == len(rows)
    for line, row in zip(lines, rows, strict=True):
        record = json.loads(line)
        assert tuple(record) == ROW_FIELDS
        assert record == {name: row[name] for name in ROW_FIELDS}


def test_canonical_row_fills_missing_and_drops_unknown_fields() -> None:
    row = canonical_row({"id": "e1", "event": "AID", "store_rowid": 7,
                         "date": date(2024, 2, 29), "mode": ("troops",),
                         "event_loc": {"lat": float("nan"), "extra": 1}})
    assert tuple(row) == ROW_FIELDS
    assert "store_rowid" not in row
    assert row["date"] == "2024-02-29" and row["mode"] == ["troops"]
    assert row["actor"] == [] and row["mentions"] == [] and row["attribution"] is None
    assert row["event_loc"]["lat"] is None and "extra" not in row["event_loc"]
    with pytest.raises(UsageError, match="'id'"):
        canonical_row({"event": "AID"})


# --- csv -----------------------------------------------------------------------------

def test_csv_has_documented_columns_and_aligned_lists(rows: list[dict[str, Any]]) -> None:
    records = list(csv.DictReader(io.StringIO(_export(rows, "csv"))))
    assert len(records) == len(rows)
    assert tuple(records[0]) == CSV_COLUMNS
    for record, row in zip(records, rows, strict=True):
        assert record["id"] == row["id"] and record["event"] == row["event"]
        assert record["num_mentions"] == "2" and record["published"] == row["published"]
        assert len(record["actor_text"].split(";")) == len(record["actor_codes"].split(";"))
        assert record["mention_sources"].split(";")[1] == "Other Outlet"
        if row["event_loc"]:
            assert record["place_country"] == (row["event_loc"]["country_code"] or "")


# --- parquet -------------------------------------------------------------------------

def test_parquet_has_typed_columns(rows: list[dict[str, Any]], tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert write_export(rows, "parquet", path) == len(rows)
    con = duckdb.connect()
    types = _types(con, f"SELECT * FROM read_parquet('{path}')")
    assert tuple(types) == ROW_FIELDS
    assert types["date"] == "DATE" and types["published"] == "DATE"
    assert types["event_scale"] == "DOUBLE" and types["num_mentions"] == "BIGINT"
    assert types["mode"] == "VARCHAR[]"
    assert types["actor"].startswith("STRUCT(entity_text VARCHAR") and types["actor"].endswith("[]")
    assert types["mentions"].endswith("[]")
    back = list(rows_from_cursor(con.execute(f"SELECT * FROM read_parquet('{path}')")))
    assert [canonical_row(r) for r in back] == [canonical_row(r) for r in rows]


def _types(con: duckdb.DuckDBPyConnection, query: str) -> dict[str, str]:
    return {row[0]: row[1] for row in con.execute(f"DESCRIBE {query}").fetchall()}


def test_parquet_types_do_not_depend_on_the_data(tmp_path: Path) -> None:
    """No rows, or a row with nothing but an id, still give the full typed schema."""
    con = duckdb.connect()
    schema = _types(con, "SELECT " + ", ".join(
        f'NULL::{kind} AS "{name}"' for name, kind in PARQUET_SCHEMA.items()))
    assert tuple(schema) == ROW_FIELDS
    for name, rows in (("empty", []), ("bare", [{"id": "x"}])):
        path = tmp_path / f"{name}.parquet"
        write_export(rows, "parquet", path)
        assert _types(con, f"SELECT * FROM read_parquet('{path}')") == schema


@pytest.mark.parametrize("out", ["-", sys.stdout, io.StringIO(), io.BytesIO()])
def test_parquet_refuses_streams(out: Any) -> None:
    with pytest.raises(UsageError, match="needs an output file path"):
        write_export([], "parquet", out)


def test_parquet_into_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        write_export([], "parquet", tmp_path / "nowhere" / "events.parquet")


def test_unknown_format_names_the_choices() -> None:
    with pytest.raises(UsageError, match="plover-jsonl, csv, parquet, gdelt"):
        write_export([], "xml", io.StringIO())
    assert EXPORT_FORMATS == ("plover-jsonl", "csv", "parquet", "gdelt")


def test_text_formats_write_to_a_path(rows: list[dict[str, Any]], tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    assert write_export(rows, "plover-jsonl", path) == len(rows)
    assert path.read_text(encoding="utf-8") == _export(rows, "plover-jsonl")


# --- gdelt ---------------------------------------------------------------------------

INT_COLUMNS = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass",
               "NumMentions", "NumSources", "NumArticles", "Actor1Geo_Type",
               "Actor2Geo_Type", "ActionGeo_Type", "ActionGeo_FeatureID", "DATEADDED"}
FLOAT_COLUMNS = {"FractionDate", "GoldsteinScale", "ActionGeo_Lat", "ActionGeo_Long"}


def test_gdelt_lines_have_constant_columns_of_documented_types(
        rows: list[dict[str, Any]]) -> None:
    lines = _export(rows, "gdelt").split("\n")
    assert lines[-1] == ""
    header, body = lines[0].split("\t"), [line.split("\t") for line in lines[1:-1]]
    assert tuple(header) == GDELT_COLUMNS and len(header) == 61
    assert len(body) == len(rows)
    for cells, row in zip(body, rows, strict=True):
        assert len(cells) == len(header)
        record = dict(zip(header, cells, strict=True))
        for name in INT_COLUMNS:
            assert record[name] == "" or int(record[name]) >= 0, name
        for name in FLOAT_COLUMNS:
            assert record[name] == "" or float(record[name]) == float(record[name]), name
        assert -10 <= float(record["GoldsteinScale"]) <= 10
        assert record["EventRootCode"] == record["EventCode"][:2]
        assert record["EventBaseCode"] == record["EventCode"][:3]
        assert int(record["QuadClass"]) == row["quad_code"]
        assert int(record["GLOBALEVENTID"]) == global_event_id(row["id"])
        assert record["SQLDATE"] == row["date"].replace("-", "")
        assert record["NumMentions"] == "2" and record["NumArticles"] == "2"
        assert record["SOURCEURL"] == (row["source_url"] or "")
        if row["actor"] and row["actor"][0]["code"] and len(row["actor"][0]["code"]) == 3:
            assert record["Actor1Code"].startswith(record["Actor1CountryCode"])


def test_gdelt_codes_the_sample_events(rows: list[dict[str, Any]]) -> None:
    body = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True))
            for line in _export(rows, "gdelt").splitlines()[1:]]
    shelling = next(r for r in body if r["Actor1Name"] == "Russian forces")
    assert shelling["Actor1Code"] == "RUSMIL" and shelling["EventRootCode"] == "19"
    assert shelling["ActionGeo_Type"] == "4" and shelling["ActionGeo_CountryCode"] == "UKR"
    assert shelling["ActionGeo_FullName"].endswith("Ukraine")
    assert shelling["ActionGeo_FeatureID"] == "706483"
    nato = next(r for r in body if r["Actor2Name"] == "NATO")
    assert nato["Actor2Type1Code"] == "IGO" and nato["Actor2CountryCode"] == ""
    assert any(r["EventRootCode"] == "17" and r["ActionGeo_CountryCode"] == "KEN"
               for r in body), "the Nairobi arrests are a CAMEO 17 event in Kenya"


def test_gdelt_cells_never_break_the_table() -> None:
    row = {"id": "t", "event": "PROTEST", "quad_code": 4, "sentence": "a\tb\nc",
           "actor": [{"entity_text": "tab\there\r\nand line", "code": None, "sector": "CVL"}]}
    lines = _export([row], "gdelt").splitlines()
    assert len(lines) == 2 and len(lines[1].split("\t")) == len(GDELT_COLUMNS)


def test_gdelt_geo_type() -> None:
    assert geo_type(None, "USA") == 0
    assert geo_type(1, "USA") == geo_type(1, "FRA") == 1
    assert (geo_type(2, "USA"), geo_type(2, "FRA"), geo_type(3, "FRA")) == (2, 5, 5)
    assert (geo_type(4, "USA"), geo_type(5, "FRA")) == (3, 4)


# --- CAMEO mapping -------------------------------------------------------------------

def test_cameo_mapping_covers_all_sixteen_categories() -> None:
    tables = cameo_tables()
    assert set(tables.categories) == set(CATEGORIES) and len(CATEGORIES) == 16
    plover = load_data("plover.json")["categories"]
    for category in CATEGORIES:
        for mode in ["", *plover[category]["modes"]]:
            cameo = cameo_event(category, [mode] if mode else [])
            assert cameo is not None and cameo.root in tables.roots
            assert -10 <= cameo.goldstein <= 10


@pytest.mark.parametrize(("category", "modes", "contexts", "code"), [
    ("AGREE", [], [], "030"),
    ("CONSULT", ["visit"], [], "042"),
    ("ACCUSE", ["investigate"], [], "090"),
    ("ACCUSE", ["allege"], [], "112"),
    ("RETREAT", ["ceasefire"], [], "0871"),
    ("COOPERATE", [], ["military"], "062"),
    ("PROTEST", ["riot"], [], "145"),
    ("COERCE", ["arrest"], [], "173"),
    ("ASSAULT", [], [], "180"),
    ("ASSAULT", [], ["military"], "190"),
    ("ASSAULT", ["firearms"], ["military"], "193"),
    ("ASSAULT", ["unconventional"], [], "204"),
])
def test_cameo_codes_follow_the_conversion_table(
        category: str, modes: list[str], contexts: list[str], code: str) -> None:
    cameo = cameo_event(category, modes, contexts)
    assert cameo is not None and cameo.code == code


def test_cameo_sector_types() -> None:
    assert [actor_type(s) for s in ("GOV", "MIL", "COP", "REB", "JUD", "BUS")] == [
        "GOV", "MIL", "COP", "REB", "JUD", "BUS"]
    assert (actor_type("JRN"), actor_type("MED"), actor_type("PTY"), actor_type(None)) == (
        "MED", "HLH", "", "")
    assert cameo_event("NOT-A-CATEGORY") is None


# --- property-based round trips ------------------------------------------------------

texts = st.text(max_size=12)
maybe_text = st.none() | texts
ints = st.none() | st.integers(min_value=-(2**63), max_value=2**63 - 1)
floats = st.none() | st.floats(allow_nan=False, allow_infinity=False)
dates = st.none() | st.dates(min_value=date(1, 1, 1)).map(date.isoformat)
entities = st.fixed_dictionaries({"entity_text": maybe_text, "code": maybe_text,
                                  "sector": maybe_text, "start": ints, "end": ints})
mentions = st.fixed_dictionaries({"id": maybe_text, "doc_id": maybe_text,
                                  "url": maybe_text, "source": maybe_text})
location = st.fixed_dictionaries({
    "extracted_place": maybe_text, "resolved_place": maybe_text, "geonameid": ints,
    "lat": floats, "lon": floats, "country_code": maybe_text, "admin1": maybe_text,
    "feature_code": maybe_text, "resolution": ints, "start": ints, "end": ints,
    "basis": maybe_text})
event_rows = st.fixed_dictionaries({
    "id": texts, "doc_id": maybe_text, "event": maybe_text,
    "mode": st.lists(maybe_text, max_size=3), "context": st.lists(texts, max_size=3),
    "quad_code": ints, "event_scale": floats,
    "actor": st.lists(entities, max_size=3), "recipient": st.lists(entities, max_size=2),
    "event_text": maybe_text,
    "trigger": st.none() | st.fixed_dictionaries({"start": ints, "end": ints}),
    "text_info": st.none() | st.fixed_dictionaries(
        {"sequence": ints, "start": ints, "end": ints}),
    "sentence": maybe_text, "auxiliary": st.lists(texts, max_size=2),
    "attribution": st.none() | st.fixed_dictionaries(
        {"entity_text": maybe_text, "code": maybe_text, "cue": maybe_text}),
    "dead": ints, "injured": ints, "arrested": ints, "date": dates,
    "date_raw": maybe_text, "date_precision": maybe_text, "date_basis": maybe_text,
    "date_start": ints, "date_end": ints,
    "event_loc": st.none() | location, "confidence": floats,
    "coder": st.none() | st.dictionaries(texts, maybe_text, max_size=3),
    "num_mentions": ints, "num_sources": ints, "source_url": maybe_text,
    "published": dates, "mentions": st.lists(mentions, max_size=3),
})
ROUND_TRIP = settings(max_examples=60, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture])


@ROUND_TRIP
@given(generated=st.lists(event_rows, max_size=4))
def test_plover_jsonl_round_trip(generated: list[dict[str, Any]]) -> None:
    rows = generated
    # Split on "\n" only: strings may hold U+0085 or U+2028, which str.splitlines breaks.
    back = [json.loads(line) for line in _export(rows, "plover-jsonl").split("\n")[:-1]]
    assert len(back) == len(rows)
    for got, want in zip(back, rows, strict=True):
        for name in ROW_FIELDS:
            assert got[name] == want[name], name


@ROUND_TRIP
@given(generated=st.lists(event_rows, max_size=4))
def test_parquet_round_trip(generated: list[dict[str, Any]], tmp_path: Path) -> None:
    rows = generated
    path = tmp_path / "round.parquet"
    assert write_export(rows, "parquet", path) == len(rows)
    con = duckdb.connect()
    back = list(rows_from_cursor(con.execute("SELECT * FROM read_parquet(?)", [str(path)])))
    assert len(back) == len(rows)
    for got, want in zip(back, rows, strict=True):
        got_row = canonical_row(got)
        for name in ROW_FIELDS:
            assert got_row[name] == want[name], name
