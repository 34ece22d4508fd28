"""The archive report: one self-contained HTML file built from an output folder."""

from pipeline.report.html import write_report

__all__ = ["write_report"]
