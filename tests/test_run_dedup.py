"""Duplicates and resumed runs: every input document exactly once in documents.jsonl or errors.jsonl."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.run import run

BODY = "Ông Trần Văn Bình cho biết tỉnh sẽ tăng cường kiểm tra an toàn thực phẩm trong dịp Tết."


def _lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_run_same_text_twice_is_processed_once(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(f"Tỉnh kiểm tra thực phẩm\n\n{BODY}", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(f"Tỉnh kiểm tra thực phẩm\n\n{BODY}", encoding="utf-8")
    stats = run([tmp_path / "in"], tmp_path / "out", workers=1)
    assert stats.documents == 1
    (error,) = _lines(tmp_path / "out" / "errors.jsonl")
    assert error["id"] == "b" and "duplicate of document 'a'" in error["error"]


def test_run_different_texts_sharing_an_id_are_both_kept(tmp_path: Path) -> None:
    rows = [{"id": "x1", "title": "Bài một", "body": BODY}, {"id": "x1", "title": "Bài hai", "body": BODY + " Hết."}]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    run([src], tmp_path / "out", workers=1)
    ids = [d["id"] for d in _lines(tmp_path / "out" / "documents.jsonl")]
    assert ids[0] == "x1" and ids[1].startswith("x1~") and len(ids) == 2


def test_run_resume_logs_nothing_twice(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "ok", "title": "Tin", "body": BODY}, ensure_ascii=False) + "\n{broken\n",
                   encoding="utf-8")  # fmt: skip
    out = tmp_path / "out"
    run([src], out, workers=1)
    before = (_lines(out / "documents.jsonl"), _lines(out / "errors.jsonl"))
    stats = run([src], out, workers=1, resume=True)
    assert (stats.documents, stats.errors, stats.skipped) == (0, 0, 1)
    assert (_lines(out / "documents.jsonl"), _lines(out / "errors.jsonl")) == before


def test_run_resume_keeps_logged_duplicates_once(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for name in ("a", "b"):
        (tmp_path / "in" / f"{name}.txt").write_text(f"Tỉnh kiểm tra thực phẩm\n\n{BODY}", encoding="utf-8")
    out = tmp_path / "out"
    run([tmp_path / "in"], out, workers=1)
    stats = run([tmp_path / "in"], out, workers=1, resume=True)
    assert (stats.documents, stats.errors, stats.skipped) == (0, 0, 2)
    assert len(_lines(out / "documents.jsonl")) == len(_lines(out / "errors.jsonl")) == 1
