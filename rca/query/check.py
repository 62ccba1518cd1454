"""The curated votes held against the UN's own record of them."""

from __future__ import annotations

from typing import Any

from rca.model import Dataset
from rca.query.profile import ordered_countries, ordered_resolutions

FINDINGS = ("contradicted", "missing from the record", "only in the record")


def against_record(ds: Dataset, record: dict[tuple[str, str], str | None]) -> list[dict[str, Any]]:
    """Every cell where the dataset and the record disagree, or one of them is silent.

    ``record`` maps (symbol, state) to the record's vote, None where it has none.
    """
    found = []
    for r in ordered_resolutions(ds):
        for c in ordered_countries(ds):
            vote = ds.votes.get((r.symbol, c.iso3))
            theirs = record.get((r.symbol, c.iso3))
            if vote is None and theirs is None:
                continue
            if vote is None:
                finding = FINDINGS[2]
            elif theirs is None:
                finding = FINDINGS[1]
            elif theirs != vote.vote:
                finding = FINDINGS[0]
            else:
                continue
            found.append({"resolution": r.symbol, "country": c.iso3,
                          "vote": vote.vote if vote else None, "un_record": theirs,
                          "finding": finding, "sources": list(vote.sources) if vote else []})
    return sorted(found, key=lambda row: FINDINGS.index(row["finding"]))



def tally(ds: Dataset, record: dict[tuple[str, str], str | None],
          found: list[dict[str, Any]]) -> dict[str, int]:
    """How many curated votes there are, how many the record confirms, and how many cells
    have each finding."""
    counts = {finding: sum(row["finding"] == finding for row in found) for finding in FINDINGS}
    return {"curated": len(ds.votes),
            "confirmed": sum(record.get(key) == vote.vote for key, vote in ds.votes.items()),
            **counts}
