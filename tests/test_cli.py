"""The CLI end to end on the embedded sample and on broken input: every output CONTRACT.md names."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.run import SAMPLE

runner = CliRunner()
SUMMARY_KEYS = {"id", "title", "source", "url", "published", "author", "kind", "summary", "keywords", "people",
                "organizations", "statements", "solutions", "problems", "figures"}  # fmt: skip


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    result = runner.invoke(app, ["run", "--out", str(out), "--workers", "2", "--quiet"])
    assert result.exit_code == 0, result.output
    return out


def test_cli_sample_writes_every_output(sample_run: Path) -> None:
    for name in ("documents.jsonl", "errors.jsonl", "report.html", "vnpipe.duckdb"):
        assert (sample_run / name).exists(), name
    for table in ("documents", "people", "statements", "solutions", "problems", "themes"):
        assert (sample_run / "tables" / f"{table}.parquet").exists(), table


def test_cli_sample_schema_and_counts(sample_run: Path) -> None:
    docs = _lines(sample_run / "documents.jsonl")
    assert len(docs) >= 14 and not _lines(sample_run / "errors.jsonl")
    assert len({d["id"] for d in docs}) == len(docs)
    kinds = {d["kind"] for d in docs}
    assert {"news", "speech"} <= kinds
    for d in docs:
        assert d.keys() >= SUMMARY_KEYS
        assert d["people"], d["id"]
        for st in d["statements"]:
            assert d["text"][st["start"] : st["end"]] == st["text"]
            assert st["type"] in ("direct", "indirect")
        assert len(d["summary"]) <= 3
    con = duckdb.connect(str(sample_run / "vnpipe.duckdb"), read_only=True)
    assert con.execute("select count(*) from documents").fetchone()[0] == len(docs)
    people_rows = con.execute("select count(*) from people").fetchone()[0]
    assert people_rows == sum(len(d["people"]) for d in docs)
    assert len(pd.read_parquet(sample_run / "tables" / "statements.parquet")) == sum(len(d["statements"]) for d in docs)


def test_cli_broken_document_goes_to_errors(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    good = {"id": "a1", "title": "UBND tỉnh họp bàn", "body": "Ông Nguyễn Văn An cho biết tỉnh sẽ tăng cường kiểm tra."}
    src.write_text(json.dumps(good, ensure_ascii=False) + "\n{not json\n" + json.dumps({"id": "a2"}) + "\n",
                   encoding="utf-8")  # fmt: skip
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(src), "--out", str(out), "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    assert [d["id"] for d in _lines(out / "documents.jsonl")] == ["a1"]
    errors = _lines(out / "errors.jsonl")
    assert len(errors) == 2 and all(e["error"] and e["source"].startswith(str(src)) for e in errors)


def test_cli_resume_processes_only_the_rest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = SAMPLE / "sample-006-009-thoi-su.jsonl"
    assert runner.invoke(app, ["run", str(first), "--out", str(out), "--workers", "1", "-q"]).exit_code == 0
    with open(out / "documents.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"id": "torn')  # a line cut by a killed run
    result = runner.invoke(app, ["run", str(SAMPLE), "--out", str(out), "--resume", "--workers", "1"])
    assert result.exit_code == 0, result.output
    ids = [d["id"] for d in _lines(out / "documents.jsonl")]
    assert len(ids) == len(set(ids)) >= 14


def test_cli_no_readable_input_fails_with_reason(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(tmp_path / "missing"), "--out", str(tmp_path / "o")])
    assert result.exit_code != 0
    assert "no readable input" in result.output


def test_cli_sample_themes_label_solutions(sample_run: Path, tmp_path: Path) -> None:
    themes = pd.read_parquet(sample_run / "tables" / "themes.parquet")
    assert len(themes) >= 2 and (themes["size"] > 0).all()
    labels = set(themes["label"])
    solutions = [s for d in _lines(sample_run / "documents.jsonl") for s in d["solutions"]]
    assert solutions and all(s["theme"] in labels or s["theme"] is None for s in solutions)
    assert (sample_run / "themes.joblib").exists()
    by_month = pd.read_parquet(sample_run / "tables" / "themes_by_month.parquet")
    by_source = pd.read_parquet(sample_run / "tables" / "themes_by_source.parquet")
    assert by_month["solutions"].sum() == by_source["solutions"].sum() == len(solutions)
    # a later archive reuses the fitted model: its solutions get the same theme names
    out = tmp_path / "later"
    first = SAMPLE / "sample-006-009-thoi-su.jsonl"
    result = runner.invoke(app, ["run", str(first), "--out", str(out), "--workers", "1", "-q",
                                 "--themes-from", str(sample_run)])  # fmt: skip
    assert result.exit_code == 0, result.output
    later = [s["theme"] for d in _lines(out / "documents.jsonl") for s in d["solutions"]]
    assert later and set(later) <= labels | {None}
