"""Writers: every format parses back to the values of the events written."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.errors import UsageError
from eventwire.model import (
    AUXILIARY,
    CATEGORIES,
    Attribution,
    Entity,
    Event,
    Failure,
    Span,
    TextInfo,
)
from eventwire.output import CSV_COLUMNS, FORMATS, write_events, write_failures
from eventwire.output.formats import truncate

SENTENCE = ("Chilean police fired tear gas at thousands of protesters who marched on the "
            "presidential palace on Tuesday, and arrested 40 people, officials said.")


def chile_event(**changes: Any) -> Event:
    base = Event(
        id="a1b2c3d4-0",
        doc_id="samples/txt/chile-protests.txt",
        event="COERCE",
        mode=("arrest",),
        context=("protest", "human_rights"),
        quad_code=4,
        event_scale=-7.0,
        actor=(Entity("Chilean police", "CHLCOP", "COP", 43, 57),),
        recipient=(Entity("protesters", None, "OPP", 81, 91),
                   Entity("students", "CHLEDU", "EDU", 95, 103)),
        event_text="arrested 40 people",
        trigger=Span(150, 158, "arrested"),
        text_info=TextInfo(sequence=0, start=43, end=210),
        sentence=SENTENCE,
        auxiliary=("historical",),
        attribution=Attribution("officials", "CHLGOV", "said"),
        dead=None,
        injured=3,
        arrested=40,
        date=date(2019, 11, 12),
        date_raw="on Tuesday", date_precision="day", date_basis="weekday",
        event_loc={"extracted_place": "Santiago", "resolved_place": "Santiago",
                   "geonameid": 3871336, "lat": -33.45694, "lon": -70.64827,
                   "country_code": "CHL", "admin1": "Santiago Metropolitan",
                   "feature_code": "PPLC", "resolution": 4, "start": 60, "end": 68,
                   "basis": "clause"},
        confidence=0.875,
        coder={"method": "rules", "version": "0.1.0"},
    )
    return replace(base, **changes)


def protest_event() -> Event:
    return chile_event(id="a1b2c3d4-1", event="PROTEST", mode=("demonstrate",), context=(),
                       quad_code=3, event_scale=-3.5,
                       actor=(Entity("thousands of protesters — «students»", None, "OPP", 63, 91),),
                       recipient=(), event_text="marched on the presidential palace",
                       trigger=Span(96, 103, "marched"), auxiliary=(), attribution=None,
                       injured=None, arrested=None, date=None, confidence=0.5)


def written(events: list[Event], fmt: str) -> tuple[int, str]:
    stream = io.StringIO()
    count = write_events(events, fmt, stream)
    return count, stream.getvalue()


def test_jsonl_lines_are_the_plover_records() -> None:
    events = [chile_event(), protest_event()]
    count, text = written(events, "jsonl")
    assert count == 2
    records = [json.loads(line) for line in text.splitlines()]
    assert records == [e.to_dict() for e in events]
    first = records[0]
    assert first["date"] == "2019-11-12" and first["arrested"] == 40
    assert first["actor"][0] == {"entity_text": "Chilean police", "code": "CHLCOP",
                                 "sector": "COP", "start": 43, "end": 57}
    assert first["trigger"] == {"start": 150, "end": 158}
    assert "—" in text and "«students»" in text  # ensure_ascii=False keeps the text readable


def test_json_is_one_array_and_empty_is_valid() -> None:
    count, text = written([chile_event(), protest_event()], "json")
    parsed = json.loads(text)
    assert count == 2 and [r["event"] for r in parsed] == ["COERCE", "PROTEST"]
    assert parsed[1]["date"] is None and parsed[1]["attribution"] is None
    assert written([], "json") == (0, "[]\n")


def test_json_streams_from_a_generator() -> None:
    seen: list[int] = []

    def events() -> Iterator[Event]:
        for i in range(3):
            seen.append(i)
            yield chile_event(id=f"e{i}")

    stream = io.StringIO()
    count = write_events(events(), "json", stream)
    text = stream.getvalue()
    assert count == 3 and seen == [0, 1, 2]
    assert [r["id"] for r in json.loads(text)] == ["e0", "e1", "e2"]


def test_csv_flattened_columns_and_values() -> None:
    count, text = written([chile_event(), protest_event()], "csv")
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    rows = list(reader)
    assert count == 2 and len(rows) == 2
    row = rows[0]
    assert row["id"] == "a1b2c3d4-0" and row["doc_id"] == "samples/txt/chile-protests.txt"
    assert row["event"] == "COERCE" and row["mode"] == "arrest"
    assert row["context"] == "protest;human_rights"
    assert row["quad_code"] == "4" and float(row["event_scale"]) == -7.0
    assert row["actor_codes"] == "CHLCOP" and row["actor_sectors"] == "COP"
    assert row["actor_text"] == "Chilean police"
    # One slot per recipient, aligned; the unresolved one is empty.
    assert row["recipient_codes"] == ";CHLEDU" and row["recipient_text"] == "protesters;students"
    assert row["recipient_sectors"] == "OPP;EDU"
    assert row["sentence"] == SENTENCE  # commas inside a field survive quoting
    assert row["auxiliary"] == "historical" and row["attribution"] == "officials"
    assert (row["dead"], row["injured"], row["arrested"]) == ("", "3", "40")
    assert row["date"] == "2019-11-12" and float(row["confidence"]) == 0.875
    other = rows[1]
    assert other["recipient_codes"] == "" and other["date"] == "" and other["attribution"] == ""
    assert other["actor_text"] == "thousands of protesters — «students»"


def test_table_is_readable_and_fits_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    long_doc = chile_event(doc_id="/data/archive/2019/11/12/" + "very-long-name-" * 10 + ".txt")
    count, text = written([long_doc, protest_event()], "table")
    lines = text.splitlines()
    assert count == 2 and len(lines) == 4
    assert lines[0].split() == ["doc", "category", "actor", "recipient", "trigger", "place",
                                "date", "flags"]
    assert all(len(line) <= 120 for line in lines)
    assert "COERCE" in lines[2] and "2019-11-12" in lines[2] and "Santiago CHL" in lines[2]
    assert "Chilean police [CHLCOP]" in lines[2]
    assert "hist" in lines[2] and "arr=40" in lines[2] and "inj=3" in lines[2]
    assert lines[2].startswith("…") and ".txt" in lines[2]  # long doc ids keep their end
    assert "PROTEST" in lines[3] and "marched" in lines[3]


@pytest.mark.parametrize(("columns", "limit"), [(40, 88), (100, 100), (173, 173), (200, 200)])
def test_table_width_follows_terminal_with_a_floor(monkeypatch: pytest.MonkeyPatch,
                                                   columns: int, limit: int) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    _, text = written([chile_event(), protest_event()], "table")
    widths = [len(line) for line in text.splitlines()]
    assert max(widths) <= limit
    assert widths[1] == limit  # the rule under the header spans the table


def test_table_default_width_and_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr("shutil.get_terminal_size", lambda fallback=(0, 0): os.terminal_size(
        fallback))
    count, text = written([], "table")
    lines = text.splitlines()
    assert count == 0 and lines[-1] == "(no events)"
    assert 110 <= len(lines[1]) <= 120  # the (120, 24) fallback when not on a terminal


def test_truncate() -> None:
    assert truncate("short", 10) == "short"
    assert truncate("tear gas\nand water", 40) == "tear gas and water"
    assert truncate("presidential palace", 10) == "president…"
    assert truncate("samples/txt/chile.txt", 10, keep_end=True) == "…chile.txt"
    assert all(len(truncate("x" * n, 7)) <= 7 for n in range(20))


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown output format 'xml'"):
        write_events([chile_event()], "xml", io.StringIO())
    assert FORMATS == ("jsonl", "json", "csv", "table")


def test_write_failures_one_line_each() -> None:
    failures = [Failure("feed.jsonl:3", "malformed JSON (Expecting value at column 1)", "E006"),
                Failure("notes.pdf", "unsupported input type '.pdf'", "E009")]
    stream = io.StringIO()
    assert write_failures(failures, stream) == 2
    assert stream.getvalue() == ("feed.jsonl:3: malformed JSON (Expecting value at column 1) "
                                 "[E006]\nnotes.pdf: unsupported input type '.pdf' [E009]\n")


# --- property: JSONL round trip ----------------------------------------------------

_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
_opt_code = st.none() | st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=9)
_entity = st.builds(Entity, entity_text=_text, code=_opt_code, sector=_opt_code,
                    start=st.integers(0, 10_000), end=st.integers(0, 10_000))
_count = st.none() | st.integers(0, 10_000)
_events = st.builds(
    Event,
    id=_text, doc_id=_text, event=st.sampled_from(CATEGORIES),
    mode=st.lists(_text, max_size=3).map(tuple), context=st.lists(_text, max_size=3).map(tuple),
    quad_code=st.integers(0, 4), event_scale=st.floats(-10, 10, allow_nan=False),
    actor=st.lists(_entity, max_size=3).map(tuple),
    recipient=st.lists(_entity, max_size=3).map(tuple),
    event_text=_text, trigger=st.builds(Span, st.integers(0, 999), st.integers(0, 999), _text),
    text_info=st.builds(TextInfo, st.integers(0, 99), st.integers(0, 999), st.integers(0, 999)),
    sentence=_text,
    auxiliary=st.lists(st.sampled_from(AUXILIARY), max_size=2, unique=True).map(tuple),
    attribution=st.none() | st.builds(Attribution, _text, _opt_code, _text),
    dead=_count, injured=_count, arrested=_count, date=st.none() | st.dates(),
    event_loc=st.none() | st.dictionaries(_text, _text | st.integers(), max_size=3),
    confidence=st.floats(0, 1), coder=st.dictionaries(_text, _text, max_size=2),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_events, max_size=5))
def test_jsonl_round_trip(events: list[Event]) -> None:
    count, text = written(events, "jsonl")
    lines = text.split("\n")
    assert count == len(events) and lines[-1] == "" and len(lines) == len(events) + 1
    for line, event in zip(lines, events, strict=False):
        record = json.loads(line)
        assert record == event.to_dict()
        assert record["date"] == (event.date.isoformat() if event.date else None)


def test_coded_event_json_has_exactly_the_plover_fields() -> None:
    from eventwire import extract

    record = extract("Kenyan police arrested twelve activists in Nairobi.")[0].to_dict()
    assert set(record) == {
        "id", "doc_id", "event", "mode", "context", "quad_code", "event_scale", "actor",
        "recipient", "event_text", "trigger", "text_info", "sentence", "auxiliary",
        "attribution", "dead", "injured", "arrested", "date", "date_raw", "date_precision",
        "date_basis", "date_start", "date_end", "event_loc", "confidence", "coder"}
    assert set(record["actor"][0]) == {"entity_text", "code", "sector", "start", "end"}
    loc = record["event_loc"]
    assert set(loc) == {"extracted_place", "resolved_place", "geonameid", "lat", "lon",
                        "country_code", "admin1", "feature_code", "resolution", "start",
                        "end", "basis"}
    assert (loc["resolved_place"], loc["country_code"], loc["basis"]) == (
        "Nairobi", "KEN", "clause")
    assert set(record["text_info"]) == {"sequence", "start", "end"}
