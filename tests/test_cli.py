"""The `eventwire extract` command: formats, exit codes, failures named on stderr."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from eventwire.cli import main

STORY = ("Protesters clash with police in Santiago\n\n"
         "SANTIAGO (Wire) — Chilean police fired tear gas at thousands of protesters "
         "who marched on the presidential palace on Tuesday. Police arrested 40 people, "
         "officials said.\n")


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    result = runner.invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_extract_txt_to_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    code, out, err = run("extract", str(path), "--format", "jsonl", "--published", "2019-11-12")
    assert code == 0, err
    events = [json.loads(line) for line in out.splitlines()]
    assert {"ASSAULT", "COERCE"} <= {e["event"] for e in events}
    assert all(e["doc_id"] == str(path) for e in events)
    arrest = next(e for e in events if e["event"] == "COERCE")
    assert arrest["arrested"] == 40
    assert arrest["actor"][0]["code"] == "CHL"


def test_mixed_directory_codes_good_files_and_names_bad_ones(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    code, out, err = run("extract", str(tmp_path), "--format", "jsonl")
    assert code == 1
    assert "empty.txt" in err and "blob.txt" in err
    assert any(json.loads(line)["doc_id"].endswith("good.txt") for line in out.splitlines())


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("extract")[0] == 2
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    code, _, err = run("extract", str(path), "--published", "12/11/2019")
    assert code == 2 and "YYYY-MM-DD" in err


def test_stdin_and_csv_output() -> None:
    code, out, _ = run("extract", "-", "--format", "csv", stdin=STORY)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {r["doc_id"] for r in rows} == {"<stdin>"}


def test_output_file_and_table(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    target = tmp_path / "events.json"
    code, _, err = run("extract", str(path), "--format", "json", "-o", str(target))
    assert code == 0
    assert json.loads(target.read_text(encoding="utf-8"))
    assert "1 article(s) coded" in err
    code, out, _ = run("extract", str(path), "--format", "table")
    assert code == 0 and "COERCE" in out


def test_ugly_article_shouting_headline_and_invisible_characters(tmp_path: Path) -> None:
    path = tmp_path / "ugly.txt"
    path.write_text(
        "BREAKING!!! POLICE FIRE TEAR GAS AT PROTESTERS IN LAGOS\n\n"
        "LAGOS —\u00a0Nigerian   police fired tear gas at   protesters on Tuesday.\u200b "
        "Officials said 12 people were arrested.\r\n\r\nSHARE THIS: Facebook | Twitter | Email\n\n"
        "Read more: Why Nigeria protests matter\n\n(c) 2024 Wire Inc. All rights reserved.\n",
        encoding="utf-8")
    code, out, _ = run("extract", str(path), "--format", "jsonl")
    assert code == 0
    events = [json.loads(line) for line in out.splitlines()]
    assert sorted(e["event"] for e in events) == ["ASSAULT", "COERCE"]
    arrest = next(e for e in events if e["event"] == "COERCE")
    assert arrest["arrested"] == 12 and arrest["sentence"].startswith("Officials said")
