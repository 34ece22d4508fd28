"""Tables: CSV (streamed with the csv module) and Parquet (read in batches): one row per document."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator

import pyarrow.parquet as pq

from pipeline.ingest.decoding import iter_text_lines
from pipeline.ingest.errors import EMPTY_FILE, RejectedInput
from pipeline.ingest.fields import KNOWN_FIELDS, record_from_mapping
from pipeline.ingest.sources import Item, Source

PARQUET_BATCH_ROWS = 1024
"""Rows materialised as Python objects at a time; a row group is never read whole into Python."""

_CSV_FIELD_LIMIT = 2**31 - 1  # article bodies exceed csv's 128 KiB default; C long is 32-bit on Windows
_CSV_DELIMITERS = ",;\t|"


def read_csv(source: Source) -> Iterator[Item]:
    """Rows after the header, origin `file:N` (N = 1-based data row); delimiter guessed from the header."""
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    with source.open() as stream:
        lines = iter_text_lines(stream)
        header = next(lines, None)
        if header is None:
            return
        reader = csv.DictReader(itertools.chain([header], lines), delimiter=_guess_delimiter(header))
        for number, row in enumerate(reader, 1):
            yield record_from_mapping(row, source.at(number))


def read_parquet(source: Source) -> Iterator[Item]:
    """Rows in batches, reading only the columns that map to Record fields (wide tables stay cheap)."""
    with source.open_seekable() as stream:
        if stream.seek(0, io.SEEK_END) == 0:
            raise RejectedInput(EMPTY_FILE)
        stream.seek(0)
        table = pq.ParquetFile(stream)
        columns = [name for name in table.schema_arrow.names if name.strip().lower() in KNOWN_FIELDS]
        number = 0
        for batch in table.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns):
            for row in batch.to_pylist():
                number += 1
                yield record_from_mapping(row, source.at(number))


def _guess_delimiter(header: str) -> str:
    """The candidate delimiter most frequent in the header line; a comma when none appears."""
    counts = {delimiter: header.count(delimiter) for delimiter in _CSV_DELIMITERS}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","
