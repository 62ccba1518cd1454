"""Figures that have grown old: the newest figure on a topic, years before the data's date."""

from __future__ import annotations

from rca.dates import date_span
from rca.model import Dataset, Record

#: how many years older than the dataset's date a newest figure may be before it is stale
YEARS = 3


def stale_figures(ds: Dataset) -> list[tuple[Record, str]]:
    """Facts whose newest figure is over `YEARS` years older than the dataset's date, where no
    other fact on the same topic and states (in whatever order they are named) has a newer
    one."""
    if not ds.as_of:
        return []
    limit = f"{int(ds.as_of[:4]) - YEARS:04d}{ds.as_of[4:]}"
    newest: dict[tuple[str | None, tuple[str, ...]], str] = {}
    facts = [r for r in ds.records if r.kind == "fact" and r.figures]
    for r in facts:
        key = (r.topic, tuple(sorted(r.countries)))
        newest[key] = max(newest.get(key, ""), *(f.as_of for f in r.figures))
    found = []
    for r in facts:
        mine, best = max(f.as_of for f in r.figures), newest[(r.topic, tuple(sorted(r.countries)))]
        if date_span(best)[1] < limit and mine == best:
            found.append((r, mine))
    return found
