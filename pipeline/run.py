"""The orchestration of a run: ingest -> analyse (local processes or a Dask cluster) -> store -> report.

Records stream through in bounded batches, so memory does not grow with the archive. Every
input document ends up exactly once in documents.jsonl or errors.jsonl; with `resume`, what
an earlier (possibly killed) run into the same folder finished is kept and skipped.
"""

from __future__ import annotations

import itertools
import os
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.ingest import iter_records
from pipeline.records import IngestError, Record
from pipeline.store import (
    DOCUMENTS,
    ERRORS,
    SOLUTION_WORDS,
    DoneState,
    JsonlLog,
    done_state,
    write_database,
    write_tables,
)

SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "sample"
SOLUTION_WORDS_KEY = "_solution_words"  # travels from worker to writer beside the CONTRACT payload


class RunError(Exception):
    """The run itself cannot proceed (no readable input, unwritable output): a one-line reason."""


@dataclass
class RunStats:
    documents: int = 0
    errors: int = 0
    skipped: int = 0
    out: Path = field(default_factory=Path)


def process_record(record: Record) -> tuple[str, dict[str, Any]]:
    """Analyse one record in a worker; any failure becomes an error line for that document only."""
    from pipeline.analysis import analyze_record

    try:
        summary = analyze_record(record)
        payload = summary.to_dict()
        payload[SOLUTION_WORDS_KEY] = [list(s.words) for s in summary.solutions]
        return "ok", payload
    except Exception as exc:  # one broken document never stops a run
        reason = f"{type(exc).__name__}: {exc}".strip()
        tb = traceback.extract_tb(exc.__traceback__)
        where = f" (at {tb[-1].name}:{tb[-1].lineno})" if tb else ""
        return "error", IngestError(record.origin, reason + where, id=record.id).to_dict()


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


class LocalEngine:
    """A pool of worker processes (or the current process when workers == 1)."""

    def __init__(self, workers: int):
        self.workers = max(1, workers)
        self._pool = None
        if self.workers > 1:
            import multiprocessing as mp

            self._pool = mp.get_context("spawn" if os.name == "nt" else "fork").Pool(self.workers)

    def map(self, records: list[Record]) -> Iterator[tuple[str, dict[str, Any]]]:
        if self._pool is None:
            return map(process_record, records)
        return self._pool.imap(process_record, records, chunksize=1)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()


class DaskEngine:
    """Documents distributed over a running Dask distributed scheduler; results in input order."""

    def __init__(self, scheduler: str):
        from dask.distributed import Client

        self.client = Client(scheduler, timeout="30s")

    def map(self, records: list[Record]) -> Iterator[tuple[str, dict[str, Any]]]:
        futures = self.client.map(process_record, records, pure=False)
        return iter(self.client.gather(futures))

    def close(self) -> None:
        self.client.close()


def _identified(records: Iterable[Record | IngestError], done: DoneState, stats: RunStats, errors: JsonlLog):
    """Records with their ids; duplicates and ingest errors go straight to the error log.

    The same text twice (by content hash) is processed once and the copy logged as a duplicate;
    two different texts that share an id are both kept, the second under `id~hash`. With `done`
    from an earlier run, what it finished is skipped and what it logged is not logged again.
    """
    seen_ids: set[str] = set()
    seen_hashes: dict[str, str] = dict(done.hashes)
    for item in records:
        if isinstance(item, IngestError):
            if (item.source, item.error) not in done.errors:
                errors.write(item.to_dict())
                stats.errors += 1
            continue
        content = item.content_hash()
        doc_id = item.id or content
        if doc_id in seen_ids or done.id_hashes.get(doc_id, content) != content:
            doc_id = f"{doc_id}~{content[:8]}"  # another text under an id already taken
        item.id = doc_id
        if doc_id in done.ids:
            stats.skipped += 1
            continue
        first = seen_hashes.get(content)
        if first is not None:
            reason = f"duplicate of document '{first}' (same text): processed once"
            errors.write(IngestError(item.origin, reason, doc_id).to_dict())
            stats.errors += 1
            continue
        seen_ids.add(doc_id)
        seen_hashes[content] = doc_id
        yield item


def run(
    inputs: list[Path] | None,
    out: Path,
    *,
    workers: int | None = None,
    resume: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
    batch_size: int = 64,
    themes_from: Path | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> RunStats:
    """Process every document under `inputs` (the embedded sample when empty) into `out`."""
    inputs = list(inputs) if inputs else [SAMPLE]
    if not any(Path(p).exists() for p in inputs):
        raise RunError(f"no readable input: {', '.join(map(str, inputs))}")
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".vnpipe-write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        raise RunError(f"cannot write to output folder {out}: {exc.strerror or exc}") from exc
    stats = RunStats(out=out)
    done = done_state(out) if resume else DoneState()
    documents = JsonlLog(out / DOCUMENTS, resume=resume)
    errors = JsonlLog(out / ERRORS, resume=resume)
    solution_words = JsonlLog(out / SOLUTION_WORDS, resume=resume)
    if engine == "dask":
        if not scheduler:
            raise RunError("--engine dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
        executor: LocalEngine | DaskEngine = DaskEngine(scheduler)
    else:
        executor = LocalEngine(workers or os.cpu_count() or 1)
    if engine == "dask" or executor.workers > 1:
        _warm_up_finish()
    try:
        records = _identified(iter_records(inputs), done, stats, errors)
        for batch in _batches(records, batch_size):
            for record, (status, payload) in zip(batch, executor.map(batch), strict=True):
                if status == "ok":
                    words = payload.pop(SOLUTION_WORDS_KEY, None)
                    payload["content_hash"] = record.content_hash()
                    documents.write(payload)
                    if words:
                        solution_words.write({"id": payload["id"], "words": words})
                    stats.documents += 1
                else:
                    errors.write(payload)
                    stats.errors += 1
            documents.flush()
            errors.flush()
            solution_words.flush()
            if on_progress:
                on_progress(len(batch))
    finally:
        executor.close()
        documents.close()
        errors.close()
        solution_words.close()
    finish(out, themes_from=themes_from)
    return stats


def _warm_up_finish() -> None:
    """Import what the end of the run needs (scikit-learn, spaCy's displacy for the report) while the
    workers analyse documents: this process only waits for them meanwhile."""
    import importlib
    import threading

    def load() -> None:
        for module in ("pipeline.aggregate", "pipeline.themes", "pipeline.report", "spacy.displacy"):
            importlib.import_module(module)

    threading.Thread(target=load, name="vnpipe-warm-up", daemon=True).start()


def finish(out: Path, *, themes_from: Path | None = None) -> None:
    """Themes over the archive, then tables, database and report, rebuilt from the complete results."""
    from pipeline.aggregate import assign_themes
    from pipeline.report import write_report

    write_tables(out, aggregates=assign_themes(out, themes_from=themes_from))
    write_database(out)
    write_report(out)
