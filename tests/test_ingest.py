"""Reading articles: every format, every bad-input case named in one clear line.

Fixtures in ``tests/data/ingest/`` are small real-looking news items; inputs that
would be awkward to keep in git (binary blobs, invalid UTF-8, a 50 MB file) are made
in ``tmp_path``.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
import tracemalloc
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.ingest import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, looks_english, read_inputs
from eventwire.ingest.language import language_evidence
from eventwire.model import Article, Failure

DATA = Path(__file__).resolve().parent / "data" / "ingest"
STORY = (DATA / "story.txt").read_text(encoding="utf-8")


def read(*inputs: str | Path, published: date | None = None,
         max_bytes: int = DEFAULT_MAX_BYTES) -> list[Article | Failure]:
    return list(read_inputs([str(i) for i in inputs], published=published, max_bytes=max_bytes))


def label(result: Article | Failure) -> str:
    """An article's doc_id, or a failure's input name."""
    return result.doc_id if isinstance(result, Article) else result.input_name


def only(results: list[Article | Failure]) -> Article | Failure:
    assert len(results) == 1, results
    return results[0]


def failure(results: list[Article | Failure]) -> Failure:
    result = only(results)
    assert isinstance(result, Failure), result
    return result


def article(results: list[Article | Failure]) -> Article:
    result = only(results)
    assert isinstance(result, Article), result
    return result


# --- plain text --------------------------------------------------------------------

def test_txt_title_line_and_body() -> None:
    path = DATA / "story.txt"
    art = article(read(path))
    assert art.doc_id == str(path)
    assert art.title == "Protesters clash with police in Santiago"
    assert art.text.startswith("SANTIAGO (Wire) — Chilean police fired tear gas")
    assert "Police arrested 40 people" in art.text
    assert art.full_text == STORY  # offsets into full_text refer to the file as written
    assert art.published is None


def test_txt_crlf_normalised_and_bom_stripped() -> None:
    crlf = article(read(DATA / "crlf_story.txt"))
    assert crlf.title == "Yemen truce extended by two months"
    assert "\r" not in crlf.text and crlf.text.startswith("ADEN (Wire) — Yemen’s warring parties")
    bom = article(read(DATA / "bom_story.txt"))
    assert bom.title is None
    assert bom.text == ("Ghana and Nigeria signed a trade agreement in Accra on Monday, "
                        "officials said.\n")


def test_published_override_replaces_every_date() -> None:
    override = date(2020, 1, 2)
    results = read(DATA / "story.txt", DATA / "page.html", DATA / "articles.jsonl",
                   published=override)
    articles = [r for r in results if isinstance(r, Article)]
    assert len(articles) >= 5
    assert {a.published for a in articles} == {override}
    # With the override, a record's own bad date is not used, so it is not an error.
    assert not any(isinstance(r, Failure) and r.code == "E011" for r in results)


# --- HTML --------------------------------------------------------------------------

def test_html_main_text_and_metadata() -> None:
    art = article(read(DATA / "page.html"))
    assert art.title == "Kenyan police arrest 23 after Nairobi fuel protests"
    assert art.published == date(2023, 7, 12)
    assert art.url == "https://ledger.example.com/world/2023/07/kenya-fuel-protests"
    assert art.source == "Daily Ledger"
    assert "Kenyan police fired tear gas and arrested 23 people on Wednesday" in art.text
    assert "Raila Odinga accused the government" in art.text
    for boilerplate in ("Subscribe for $1", "Ten recipes", "Cookie settings",
                        "All rights reserved"):
        assert boilerplate not in art.text


def test_html_without_article_text_is_e005(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text("<html><head><title>Daily Ledger</title></head><body><nav><a href='/'>"
                    "Home</a></nav><footer>© 2023 Daily Ledger</footer></body></html>",
                    encoding="utf-8")
    fail = failure(read(page))
    assert fail.code == "E005"
    assert fail.input_name == str(page)
    assert "no extractable article text" in fail.reason


# --- JSONL -------------------------------------------------------------------------

def test_jsonl_records_and_bad_lines_in_order() -> None:
    path = DATA / "articles.jsonl"
    results = read(path)
    assert [label(r) for r in results] == [
        "wire-001", "wire-002", f"{path}:3", f"{path}:4", f"{path}:5", f"{path}:7", "wire-007",
    ]
    first, second = results[0], results[1]
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.title == "Turkey and Greece agree to resume talks"
    assert first.published == date(2021, 1, 11) and first.source == "Wire"
    assert first.url == "https://wire.example.org/2021/01/11/turkey-greece"
    assert second.published == date(2022, 3, 4)  # ISO datetime with Z
    bad_json, no_text, bad_date = results[2], results[3], results[4]
    assert isinstance(bad_json, Failure) and bad_json.code == "E006"
    assert "malformed JSON" in bad_json.reason
    assert isinstance(no_text, Failure) and no_text.code == "E007"
    assert no_text.reason == "record has no 'text' or 'html' (fields present: id, title, published)"
    assert isinstance(bad_date, Failure) and bad_date.code == "E011"
    assert "'12/11/2019'" in bad_date.reason


def test_jsonl_html_record_is_extracted() -> None:
    html_record = read(DATA / "articles.jsonl")[-1]
    assert isinstance(html_record, Article)
    assert html_record.doc_id == "wire-007" and html_record.title == "Chile protests"
    assert "Chilean police fired tear gas" in html_record.text
    assert "Home" not in html_record.text
    assert html_record.published == date(2019, 11, 12)


def test_jsonl_line_errors_do_not_stop_the_file(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = {"id": "ok", "text": "Protesters marched on parliament in Accra on Friday."}
    path.write_bytes(b'{"id": "bad", "text": "caf\xe9"}\n'
                     + b'{"id": "big", "text": "' + b"x" * 500 + b'"}\n'
                     + b"[1, 2]\n"
                     + json.dumps(good).encode() + b"\n")
    results = read(path, max_bytes=300)
    assert [type(r).__name__ for r in results] == ["Failure", "Failure", "Failure", "Article"]
    utf8, big, array = results[:3]
    assert str(utf8) == (f"{path}:1: line is not valid UTF-8 (byte 0xe9 at offset 26 of the "
                         "line) [E003]")
    assert str(big).startswith(f"{path}:2: line is over the 300 bytes limit")
    assert str(array) == f"{path}:3: expected a JSON object, got list [E006]"


def test_large_jsonl_streams_without_loading_the_file(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    body = ("Police in the capital arrested several protesters on Monday after a march "
            "against rising fuel prices turned violent, officials said. ") * 3
    with path.open("w", encoding="utf-8") as f:
        for i in range(10_000):
            f.write(json.dumps({"id": f"a{i}", "text": body}) + "\n")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        count = sum(1 for r in read_inputs([str(path)]) if isinstance(r, Article))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 10_000
    assert size > 4_000_000 and peak < size / 20, (size, peak)


# --- CSV ---------------------------------------------------------------------------

def test_csv_rows_quotes_and_multiline_fields() -> None:
    path = DATA / "articles.csv"
    results = read(path)
    assert len(results) == 3
    iran, venezuela, bad = results
    assert isinstance(iran, Article) and iran.doc_id == "csv-1"
    assert '"unacceptable"' in iran.text and iran.url == "https://wire.example.org/iran"
    assert isinstance(venezuela, Article) and venezuela.title is None
    assert venezuela.text.endswith("crime against humanity.")
    assert "\nOpposition leader Juan Guaidó" in venezuela.text
    assert str(bad) == (f"{path}:5: invalid published date 'yesterday'; expected YYYY-MM-DD "
                        "or an ISO datetime [E011]")


def test_csv_without_text_column_is_one_failure() -> None:
    path = DATA / "no_text_column.csv"
    fail = failure(read(path))
    assert str(fail) == (f"{path}: no 'text' or 'html' column (columns: id, headline, body, "
                         "published) [E007]")


def test_csv_big_field_is_read(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    body = "Soldiers and rebels fought in the hills near the border for a third day. " * 4000
    path.write_text(f'id,text\nlong-1,"{body}"\n', encoding="utf-8")
    art = article(read(path))
    assert len(art.text) == len(body) > 131_072  # csv's default field limit


# --- language ----------------------------------------------------------------------

def test_french_and_arabic_files_are_e008() -> None:
    french, arabic = read(DATA / "french.txt", DATA / "arabic.txt")
    assert isinstance(french, Failure) and french.code == "E008"
    assert french.reason.startswith("text is not English (")
    assert isinstance(arabic, Failure) and arabic.code == "E008"
    assert "not in the Latin script" in arabic.reason


@pytest.mark.parametrize("text", [
    "El gobierno de España anunció el martes nuevas medidas para combatir la inflación. "
    "Según el ministro, los precios de la energía se congelarán hasta el final del año.",
    "Die Bundesregierung hat am Dienstag neue Maßnahmen gegen die Inflation angekündigt. "
    "Nach Angaben des Ministers sollen die Energiepreise bis zum Jahresende gedeckelt werden.",
    "Правительство России во вторник объявило о новых мерах по борьбе с инфляцией.",
    "中国政府周二宣布了一系列新的经济措施，以应对物价上涨。财政部长表示，补贴将覆盖数百万低收入家庭。",
    (DATA / "french.txt").read_text(encoding="utf-8"),
    (DATA / "arabic.txt").read_text(encoding="utf-8"),
])
def test_foreign_paragraphs_rejected(text: str) -> None:
    assert not looks_english(text), language_evidence(text)


@pytest.mark.parametrize("text", [
    "Protesters clash with police in Santiago",
    "Government announces new budget cuts today",
    "Lula da Silva meets Macron in Paris",
    "Al-Shabaab fighters attack army base in southern Somalia",
    "Le chat est noir",  # under five words: too little evidence, accepted
    STORY,
])
def test_english_headlines_and_stories_accepted(text: str) -> None:
    assert looks_english(text), language_evidence(text)


# --- bad files ---------------------------------------------------------------------

def test_empty_and_blank_files_are_e001(tmp_path: Path) -> None:
    empty, blank = tmp_path / "empty.txt", tmp_path / "blank.txt"
    empty.write_bytes(b"")
    blank.write_bytes(b"\n  \r\n\t\n")
    assert str(failure(read(empty))) == f"{empty}: file is empty (0 bytes) [E001]"
    assert failure(read(blank)).code == "E001"


def test_binary_file_is_e002(tmp_path: Path) -> None:
    blob = tmp_path / "photo.txt"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    fail = failure(read(blob))
    assert fail.code == "E002"
    assert fail.reason == "file looks binary, not text (NUL byte at offset 8)"
    controls = tmp_path / "controls.txt"
    controls.write_bytes(b"\x01\x02\x03\x04\x05abc" * 100)
    assert failure(read(controls)).code == "E002"


def test_invalid_utf8_reports_byte_offset(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Police arrested the café owner in Montréal.".encode("latin-1"))
    assert str(failure(read(latin1))) == (
        f"{latin1}: file is not valid UTF-8 (byte 0xe9 at offset 23); re-save it as UTF-8 [E003]")
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("Police arrested protesters.".encode("utf-16"))
    assert "UTF-16" in failure(read(utf16)).reason


def test_50_mb_file_is_e004_without_reading_it(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    huge = tmp_path / "dump.txt"
    with huge.open("wb") as f:
        f.seek(50 * 1024 * 1024 - 1)
        f.write(b"\n")

    def refuse(self: Path) -> bytes:
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert str(failure(read(huge))) == (
        f"{huge}: file is 52.4 MB, over the 20.0 MB limit; split it or raise max_bytes [E004]")


def test_missing_and_unsupported_inputs(tmp_path: Path) -> None:
    assert str(failure(read(tmp_path / "nope.txt"))) == (
        f"{tmp_path / 'nope.txt'}: input not found: no such file or directory [E010]")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    assert str(failure(read(pdf))) == (
        f"{pdf}: unsupported input type '.pdf'; expected .txt, .html, .htm, .jsonl, .csv, "
        ".rss, .atom, .xml, .warc, .warc.gz [E009]")


def test_mixed_directory(tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (tmp_path / "d_notes.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    sub = tmp_path / "feeds"
    sub.mkdir()
    (sub / "wire.jsonl").write_text(
        json.dumps({"id": "w1", "text": "Troops withdrew from the disputed town on Sunday."})
        + "\n{broken\n", encoding="utf-8")
    results = read(tmp_path)
    summary = [(r.doc_id if isinstance(r, Article) else f"{r.input_name} {r.code}")
               for r in results]
    assert summary == [
        str(tmp_path / "a_good.txt"),
        f"{tmp_path / 'b_empty.txt'} E001",
        f"{tmp_path / 'c_blob.txt'} E002",
        f"{tmp_path / 'd_notes.pdf'} E009",
        "w1",
        f"{sub / 'wire.jsonl'}:2 E006",
    ]
    assert set(SUPPORTED_SUFFIXES) == {".txt", ".html", ".htm", ".jsonl", ".csv",
                                       ".rss", ".atom", ".xml", ".warc", ".warc.gz"}


# --- stdin -------------------------------------------------------------------------

def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_text_article(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, STORY.encode("utf-8"))
    art = article(read("-"))
    assert art.doc_id == "<stdin>" and art.title == "Protesters clash with police in Santiago"


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [json.dumps({"id": "s1", "text": "Rebels shelled the airport on Friday."}),
             "not json", json.dumps({"text": "Ministers met in Brussels to discuss sanctions."})]
    _stdin(monkeypatch, ("\n  " + "\n".join(lines) + "\n").encode("utf-8"))
    results = read("-")
    assert [label(r) for r in results] == ["s1", "<stdin>:3", "<stdin>:4"]
    assert str(results[1]) == ("<stdin>:3: malformed JSON (Expecting value at column 1); "
                               "each line must be one JSON object [E006]")


def test_empty_stdin_is_e001(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"")
    assert str(failure(read("-"))) == "<stdin>: file is empty (0 bytes) [E001]"


# --- property: nothing escapes -----------------------------------------------------

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([*SUPPORTED_SUFFIXES, ".xml"]))
def test_arbitrary_bytes_never_raise(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        results = list(read_inputs([str(path)]))
    assert results and all(isinstance(r, Article | Failure) for r in results)
    for r in results:
        if isinstance(r, Failure):
            assert r.input_name.startswith(str(path)) and r.code.startswith("E")
            assert "\n" not in str(r)
