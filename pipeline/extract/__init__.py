"""Extraction: pure functions over the annotated Doc that return plain records."""

from pipeline.extract.figures import extract_figures
from pipeline.extract.people import extract_people
from pipeline.extract.solutions import extract_solutions_problems
from pipeline.extract.statements import extract_statements

__all__ = ["extract_figures", "extract_people", "extract_solutions_problems", "extract_statements"]
