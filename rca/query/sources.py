"""Where each source is cited, and how often."""

from __future__ import annotations

from typing import NamedTuple

from rca.model import Dataset
from rca.query.profile import ordered_resolutions


class Citation(NamedTuple):
    """One place a source is cited: what kind of item, which one, and a line about it."""

    what: str
    key: str
    text: str


def cited_by(ds: Dataset, source_id: str) -> list[Citation]:
    """Every item in the dataset that names the source, in file order."""
    found: list[Citation] = []
    for c in ds.countries.values():
        if source_id in c.sources:
            found.append(Citation("country", c.iso3, c.name))
        for n in c.native_names:
            if source_id in n.sources:
                found.append(Citation("name", c.iso3, f"{n.name} ({n.language})"))
    for o in ds.organisations.values():
        if source_id in o.sources:
            found.append(Citation("organisation", o.id, o.name))
    for m in ds.memberships:
        if source_id in m.sources:
            found.append(Citation("membership", f"{m.country} {m.org}",
                                  f"{m.status}" + (f" since {m.since}" if m.since else "")))
    for r in ordered_resolutions(ds):
        if source_id in r.sources:
            found.append(Citation("resolution", r.symbol, r.short))
    for (symbol, iso3), v in ds.votes.items():
        if source_id in v.sources:
            found.append(Citation("vote", f"{symbol} {iso3}", v.vote))
    for rec in ds.records:
        if source_id in rec.sources:
            found.append(Citation(rec.kind, rec.id, rec.statement))
    return found


def citation_counts(ds: Dataset) -> dict[str, int]:
    """How many items cite each source."""
    counts = dict.fromkeys(ds.sources, 0)
    items: list[tuple[str, ...]] = [
        *(c.sources for c in ds.countries.values()),
        *(n.sources for c in ds.countries.values() for n in c.native_names),
        *(o.sources for o in ds.organisations.values()),
        *(m.sources for m in ds.memberships),
        *(r.sources for r in ds.resolutions.values()),
        *(v.sources for v in ds.votes.values()),
        *(r.sources for r in ds.records),
    ]
    for sources in items:
        for source in sources:
            counts[source] = counts.get(source, 0) + 1
    return counts
