"""The report as a person sees it: headless Chromium opens report.html offline, draws the charts, and
the page's scripts log no error. Skipped where no Chromium is installed (CI installs Debian's)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.run import SAMPLE, run

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0", "--window-size=1280,2400"]  # fmt: skip


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine")
def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run([SAMPLE / "sample-006-009-thoi-su.jsonl", SAMPLE / "sample-010-012-dia-phuong.csv"], out, workers=1)
    shot = tmp_path / "report.png"
    cmd = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}",
           (out / "report.html").as_uri()]  # fmt: skip
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    assert not console, console  # no script error, no console.error
    assert shot.exists() and shot.stat().st_size > 20_000
    from PIL import Image

    image = Image.open(shot).convert("L")
    colours = image.getcolors(maxcolors=1 << 16) or []
    assert len(colours) > 50, "screenshot is blank"  # text, bars and lines drawn
