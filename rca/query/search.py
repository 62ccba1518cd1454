"""Records whose text has every word of a query, and where those words are."""

from __future__ import annotations

import re

from rca.model import Dataset, Record
from rca.query.names import normalise
from rca.query.profile import date_key

_WORD = re.compile(r"\w+", re.UNICODE)


def query_words(text: str) -> list[str]:
    return normalise(text).split()


def record_text(record: Record) -> str:
    figures = " ".join(f"{f.value} {f.unit} {f.wording} {f.note}" for f in record.figures)
    return " ".join((record.id.replace("-", " "), record.statement, record.contested,
                     record.note, record.by, figures))


def matches(words: list[str], text: str) -> bool:
    """Every query word starts some word of the text (case and accents ignored)."""
    present = set(normalise(text).split())
    return all(any(w.startswith(q) for w in present) for q in words)


def search(ds: Dataset, text: str) -> list[Record]:
    words = query_words(text)
    if not words:
        return []
    found = [r for r in ds.records if matches(words, record_text(r))]
    return sorted(found, key=lambda r: (date_key(r.date), r.id))


def highlights(words: list[str], text: str) -> list[tuple[int, int]]:
    """Where in ``text`` the words that a query word starts are, as (start, end) spans."""
    spans = []
    for match in _WORD.finditer(text):
        folded = normalise(match.group())
        if any(part.startswith(q) for part in folded.split() for q in words):
            spans.append(match.span())
    return spans
