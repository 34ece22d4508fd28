"""Shared fixtures: paths to ../shared (skipped cleanly when absent) and analysed documents."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "dan-van-toa-dam.txt"
DEV_GOLD = SHARED / "eval" / "dev-gold"


def shared_path(path: Path) -> Path:
    """The path, or a skip when ../shared is not beside the project (a fresh clone)."""
    if not path.exists():
        pytest.skip(f"{path} not available (../shared is absent)")
    return path


@pytest.fixture(scope="session")
def seed_summary():
    """The seed article analysed end to end, as a CONTRACT dict."""
    import pipeline

    return pipeline.analyze(shared_path(SEED).read_text(encoding="utf-8")).to_dict()
