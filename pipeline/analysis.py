"""One document end to end: clean and normalise, annotate once, extract, summarise."""

from __future__ import annotations

from pipeline.extract import (
    extract_figures,
    extract_people,
    extract_solutions_problems,
    extract_statements,
)
from pipeline.nlp import annotate, words_in
from pipeline.normalize import clean_article
from pipeline.records import DocumentSummary, Record
from pipeline.summarize import document_kind, keywords, summarize


def analyze_record(record: Record) -> DocumentSummary:
    """The structured summary of one ingested record (offsets index the normalised text)."""
    record = clean_article(record)
    text = record.text
    doc = annotate(text)
    people = extract_people(doc, author=record.author)
    kind = document_kind(record.title, text)
    statements = extract_statements(doc, people, kind=kind)
    solutions, problems = extract_solutions_problems(doc, statements, people)
    for solution in solutions:
        solution.words = words_in(doc, solution.start, solution.end)
    organizations = list(dict.fromkeys(o for p in people for o in p.organizations))
    return DocumentSummary(
        id=record.id or record.content_hash(),
        title=record.title,
        text=text,
        source=record.source,
        url=record.url,
        published=record.published,
        author=record.author,
        kind=kind,
        summary=summarize(doc, record.title),
        keywords=keywords(doc),
        people=people,
        organizations=organizations,
        statements=statements,
        solutions=solutions,
        problems=problems,
        figures=extract_figures(text),
        origin=record.origin,
    )


def analyze(text: str, *, title: str | None = None, **metadata: str | None) -> DocumentSummary:
    """Analyse a text given directly (the Python API); without `title`, its first line is the title."""
    if title is None:
        lines = text.strip().split("\n", 1)
        title, body = lines[0].strip(), (lines[1] if len(lines) > 1 else "")
    else:
        body = text
    lead = metadata.pop("lead", None) or metadata.pop("sapo", None) or ""
    known = {k: metadata.get(k) for k in ("id", "url", "source", "published", "author")}
    return analyze_record(Record(title=title, lead=lead, body=body, origin="<analyze>", **known))
