"""Speed and memory, measured side by side in one run (the machine is noisy: compare ratios).

    python benchmarks/speed_memory.py [--archive ../shared/corpora/vietnews-heldout-3k.jsonl.gz]
        [--throughput-docs 200] [--memory-small 300] [--memory-large 0 (= whole archive)] [--workers-docs 400]

Prints, for the same articles:
- whole single-process run (vnpipe run --workers 1) against the naive underthesea chain
  (`ner()` on every sentence, which re-runs chunk -> pos_tag -> word_tokenize);
- peak memory of a run on the small slice against the whole archive;
- two workers against one.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARCHIVE = ROOT.parent / "shared" / "corpora" / "vietnews-heldout-3k.jsonl.gz"


def slice_archive(archive: Path, n: int, folder: Path) -> Path:
    out = folder / f"slice-{n}.jsonl"
    with gzip.open(archive, "rt", encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in itertools.islice(src, n) if n else src:
            dst.write(line)
    return out


def timed_run(inputs: Path, out: Path, workers: int) -> tuple[float, int]:
    """Seconds and peak resident memory (KiB) of one `vnpipe run` in its own process."""
    probe = (
        "import resource, subprocess, sys, time;"
        "t = time.perf_counter();"
        "r = subprocess.run(sys.argv[1:]);"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)"
    )
    cmd = [sys.executable, "-c", probe, sys.executable, "-m", "pipeline", "run", str(inputs), "--out", str(out),
           "--workers", str(workers), "--quiet"]  # fmt: skip
    seconds, rss, code = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
    if code != "0":
        raise SystemExit(f"vnpipe run failed on {inputs}")
    return float(seconds), int(rss)


def naive_chain_seconds(inputs: Path) -> float:
    """underthesea's ner() on every sentence of every article: the afternoon-hack baseline."""
    from underthesea import ner, sent_tokenize

    with open(inputs, encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    ner("Khởi động mô hình.")
    start = time.perf_counter()
    for r in records:
        text = "\n".join(part for part in (r.get("title"), r.get("sapo"), r.get("body")) if part)
        for paragraph in text.split("\n"):
            for sentence in sent_tokenize(paragraph):
                ner(sentence)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    ap.add_argument("--throughput-docs", type=int, default=200)
    ap.add_argument("--memory-small", type=int, default=300)
    ap.add_argument("--memory-large", type=int, default=0, help="0 = the whole archive")
    ap.add_argument("--workers-docs", type=int, default=400)
    ap.add_argument("--skip", nargs="*", default=[], choices=["throughput", "memory", "workers"])
    args = ap.parse_args()
    if not args.archive.exists():
        raise SystemExit(f"archive not found: {args.archive} (the benchmark needs ../shared)")
    os.chdir(ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if "throughput" not in args.skip:
            docs = slice_archive(args.archive, args.throughput_docs, folder)
            ours, _ = timed_run(docs, folder / "t1", 1)
            naive = naive_chain_seconds(docs)
            n = args.throughput_docs
            print(f"throughput on {n} articles: vnpipe run --workers 1 {ours:.1f} s ({n / ours:.1f} docs/s, "
                  f"whole run incl. start-up and outputs); underthesea ner() chain {naive:.1f} s "
                  f"({n / naive:.1f} docs/s); speed-up x{naive / ours:.2f}")  # fmt: skip
        if "memory" not in args.skip:
            small = slice_archive(args.archive, args.memory_small, folder)
            large = slice_archive(args.archive, args.memory_large, folder)
            with open(large, encoding="utf-8") as fh:
                n_large = sum(1 for _ in fh)
            _, rss_small = timed_run(small, folder / "m1", 1)
            _, rss_large = timed_run(large, folder / "m2", 1)
            print(f"peak memory: {args.memory_small} articles {rss_small / 1024:.0f} MiB, {n_large} articles "
                  f"{rss_large / 1024:.0f} MiB; ratio x{rss_large / rss_small:.2f}")  # fmt: skip
        if "workers" not in args.skip:
            docs = slice_archive(args.archive, args.workers_docs, folder)
            one, _ = timed_run(docs, folder / "w1", 1)
            two, _ = timed_run(docs, folder / "w2", 2)
            same = (folder / "w1" / "documents.jsonl").read_bytes() == (folder / "w2" / "documents.jsonl").read_bytes()
            print(f"workers on {args.workers_docs} articles: 1 worker {one:.1f} s, 2 workers {two:.1f} s; "
                  f"speed-up x{one / two:.2f}; identical documents.jsonl: {same}")  # fmt: skip


if __name__ == "__main__":
    main()
