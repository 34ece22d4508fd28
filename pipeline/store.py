"""Outputs of a run: documents.jsonl and errors.jsonl (append-only, crash-safe), Parquet tables and DuckDB.

The JSONL files are the source of truth: each line is written whole and flushed, a torn last
line (from a killed run) is cut off on resume, and tables and the database are rebuilt from
them into temporary files that replace the old ones atomically.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

DOCUMENTS = "documents.jsonl"
ERRORS = "errors.jsonl"
# the segmented words of each document's solutions, for grouping them into themes at the end of a run
SOLUTION_WORDS = ".solution-words.jsonl"
TABLES = "tables"
DATABASE = "vnpipe.duckdb"

_STR, _INT, _BOOL, _FLOAT = pa.string(), pa.int64(), pa.bool_(), pa.float64()
_STRS = pa.list_(pa.string())
SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("id", _STR), ("title", _STR), ("source", _STR), ("url", _STR), ("published", _STR),
        ("author", _STR), ("kind", _STR), ("summary", _STRS), ("keywords", _STRS),
        ("n_people", _INT), ("n_statements", _INT), ("n_solutions", _INT), ("n_problems", _INT),
        ("text", _STR),
    ]),
    "people": pa.schema([
        ("doc_id", _STR), ("name", _STR), ("aliases", _STRS), ("roles", _STRS), ("organizations", _STRS),
    ]),
    "statements": pa.schema([
        ("doc_id", _STR), ("speaker", _STR), ("speaker_is_person", _BOOL), ("type", _STR), ("cue", _STR),
        ("text", _STR), ("start", _INT), ("end", _INT),
    ]),
    "solutions": pa.schema([
        ("doc_id", _STR), ("text", _STR), ("proposer", _STR), ("theme", _STR), ("start", _INT), ("end", _INT),
    ]),
    "problems": pa.schema([
        ("doc_id", _STR), ("text", _STR), ("raised_by", _STR), ("start", _INT), ("end", _INT),
    ]),
    "figures": pa.schema([("doc_id", _STR), ("value", _FLOAT), ("unit", _STR), ("text", _STR)]),
    "themes": pa.schema([
        ("theme_id", _INT), ("label", _STR), ("size", _INT), ("top_words", _STRS), ("representative", _STR),
        ("n_documents", _INT), ("first_date", _STR), ("last_date", _STR),
    ]),
    "themes_by_month": pa.schema([
        ("theme_id", _INT), ("label", _STR), ("month", _STR), ("solutions", _INT), ("documents", _INT),
    ]),
    "themes_by_source": pa.schema([
        ("theme_id", _INT), ("label", _STR), ("source", _STR), ("solutions", _INT), ("documents", _INT),
    ]),
}  # fmt: skip


def _rows(table: str, doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows one structured summary contributes to `table`."""
    doc_id = doc["id"]
    if table == "documents":
        counts = {f"n_{k}": len(doc.get(k) or []) for k in ("people", "statements", "solutions", "problems")}
        return [{**{k: doc.get(k) for k in SCHEMAS["documents"].names}, **counts}]
    if table in ("people", "statements", "solutions", "problems", "figures"):
        return [{"doc_id": doc_id, **item} for item in doc.get(table) or []]
    return []


class JsonlLog:
    """An append-only JSONL file; every line is written whole and flushed to disk."""

    def __init__(self, path: Path, *, resume: bool):
        self.path = path
        if resume and path.exists():
            _cut_torn_tail(path)
        self._fh = open(path, "a" if resume else "w", encoding="utf-8")  # noqa: SIM115

    def write(self, obj: dict[str, Any]) -> None:
        self._fh.write(json.dumps(obj, ensure_ascii=False) + "\n")

    def flush(self) -> None:
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        self.flush()
        self._fh.close()


def _cut_torn_tail(path: Path) -> None:
    """Drop a last line that a killed run left without its newline (or as broken JSON)."""
    with open(path, "rb+") as fh:
        data = fh.read()
        keep = data.rfind(b"\n") + 1
        if keep < len(data):
            fh.truncate(keep)


def iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    if not path.exists():
        return
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.endswith("\n") and line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError:
                    continue


@dataclass
class DoneState:
    """What an earlier run into the same folder finished: a resumed run skips it and logs nothing twice."""

    ids: set[str] = field(default_factory=set)  # of documents and of logged failures
    hashes: dict[str, str] = field(default_factory=dict)  # content hash -> id of the processed document
    id_hashes: dict[str, str] = field(default_factory=dict)  # id of a processed document -> its content hash
    errors: set[tuple[str, str]] = field(default_factory=set)  # (source, reason) of logged failures


def done_state(out: Path) -> DoneState:
    state = DoneState()
    for d in iter_jsonl(out / DOCUMENTS):
        if "id" in d:
            state.ids.add(str(d["id"]))
            if d.get("content_hash"):
                state.hashes[d["content_hash"]] = str(d["id"])
                state.id_hashes[str(d["id"])] = d["content_hash"]
    for e in iter_jsonl(out / ERRORS):
        if e.get("id"):
            state.ids.add(str(e["id"]))
        state.errors.add((str(e.get("source")), str(e.get("error"))))
    return state


def write_tables(out: Path, batch_size: int = 500, aggregates: dict[str, list[dict[str, Any]]] | None = None) -> None:
    """Parquet tables from documents.jsonl, streamed in batches, each file replaced atomically.

    `aggregates` holds the rows of the tables computed over the whole archive (themes and their
    counts by month and by source), which no single document yields.
    """
    folder = out / TABLES
    folder.mkdir(parents=True, exist_ok=True)
    writers = {name: pq.ParquetWriter(folder / f".{name}.parquet.tmp", schema) for name, schema in SCHEMAS.items()}
    buffers: dict[str, list[dict[str, Any]]] = {name: [] for name in SCHEMAS}

    def flush(name: str) -> None:
        if buffers[name]:
            writers[name].write_table(pa.Table.from_pylist(buffers[name], schema=SCHEMAS[name]))
            buffers[name].clear()

    try:
        for doc in iter_jsonl(out / DOCUMENTS):
            for name in SCHEMAS:
                buffers[name].extend(_rows(name, doc))
                if len(buffers[name]) >= batch_size:
                    flush(name)
        for name, rows in (aggregates or {}).items():
            buffers[name].extend(rows)
        for name in SCHEMAS:
            flush(name)
    finally:
        for w in writers.values():
            w.close()
    for name in SCHEMAS:
        os.replace(folder / f".{name}.parquet.tmp", folder / f"{name}.parquet")


def write_database(out: Path) -> None:
    """vnpipe.duckdb with one table per Parquet file (plus `errors`), replaced atomically."""
    import duckdb

    tmp = out / f".{DATABASE}.tmp"
    tmp.unlink(missing_ok=True)
    # bounded memory whatever the archive size: DuckDB spills to disk past its limit
    con = duckdb.connect(str(tmp), config={"memory_limit": "256MB", "threads": 1, "preserve_insertion_order": False})
    try:
        for name in SCHEMAS:
            path = (out / TABLES / f"{name}.parquet").as_posix()
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet('{path}')")
        errors = list(iter_jsonl(out / ERRORS))
        con.execute("CREATE TABLE errors (source VARCHAR, id VARCHAR, error VARCHAR)")
        if errors:
            con.executemany(
                "INSERT INTO errors VALUES (?, ?, ?)", [(e.get("source"), e.get("id"), e.get("error")) for e in errors]
            )
    finally:
        con.close()
    os.replace(tmp, out / DATABASE)
