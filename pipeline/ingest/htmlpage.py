"""Article pages: main text and metadata extracted with trafilatura, navigation and footers left out."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import trafilatura

from pipeline.ingest.decoding import check_text, decode_bytes
from pipeline.ingest.errors import NO_ARTICLE
from pipeline.ingest.fields import finish, normalize_date
from pipeline.ingest.limits import MAX_DOCUMENT_BYTES, read_limited
from pipeline.ingest.sources import Item, Source
from pipeline.records import IngestError, Record


def read_html(source: Source) -> Iterator[Item]:
    """One page is one document, id'd by its file stem; body paragraphs are separated by newlines."""
    with source.open() as stream:
        data = read_limited(stream, MAX_DOCUMENT_BYTES, "HTML page")
    check_text(data)
    page = extract_article(decode_bytes(data))
    title = (page.get("title") or "").strip()
    body = _drop_repeated_title((page.get("text") or "").strip(), title)
    if not body:
        yield IngestError(source=source.origin, id=source.stem or None, error=NO_ARTICLE)
        return
    yield finish(
        Record(
            title=title,
            body=body,
            id=source.stem or None,
            url=page.get("url") or None,
            source=page.get("sitename") or page.get("hostname") or None,
            published=normalize_date(page.get("date")),
            author=page.get("author") or None,
            origin=source.origin,
        )
    )


def extract_article(markup: str) -> dict[str, Any]:
    """trafilatura's main-text extraction with metadata, as a dict (empty when nothing was found).

    Reader comments are excluded: they are not the article. trafilatura 1.x returns a dict, 2.x a
    Document; both are accepted.
    """
    page = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False)
    if page is None:
        return {}
    return page if isinstance(page, dict) else page.as_dict()


def _drop_repeated_title(body: str, title: str) -> str:
    """The page's <h1> usually opens the extracted text too; keep it once, as the title."""
    first, _, rest = body.partition("\n")
    if title and " ".join(first.split()) == " ".join(title.split()):
        return rest.strip()
    return body
