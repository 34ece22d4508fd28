"""Local and Dask engines give the same documents (Dask on a cluster on loopback)."""

from __future__ import annotations

from pathlib import Path

from pipeline.run import SAMPLE, run


def _documents(out: Path) -> list[str]:
    return (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()


def test_run_dask_matches_local(tmp_path: Path) -> None:
    from dask.distributed import LocalCluster

    inputs = [SAMPLE / "sample-006-009-thoi-su.jsonl", SAMPLE / "sample-010-012-dia-phuong.csv"]
    local = run(inputs, tmp_path / "local", workers=1)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:  # fmt: skip
        remote = run(inputs, tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address)
    assert local.documents == remote.documents == 7
    assert _documents(tmp_path / "local") == _documents(tmp_path / "dask")
