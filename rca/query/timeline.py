"""Events and UN votes in date order, partial dates included."""

from __future__ import annotations

from typing import NamedTuple

from rca.model import Dataset, Resolution
from rca.query.profile import date_key, doubtful, ordered_resolutions, rests_on_weak


class Moment(NamedTuple):
    """One dated item on the timeline: an event, or a vote of the chosen states."""

    date: str
    what: str  # "event" or "vote"
    key: str  # record id or resolution symbol
    states: tuple[str, ...]  # ISO codes, or ("region",)
    text: str  # an event's statement; empty for a vote, whose parts follow
    sources: tuple[str, ...]
    resolution: Resolution | None = None
    votes: tuple[CastVote, ...] = ()


class CastVote(NamedTuple):
    """A chosen state's vote on a resolution of the timeline (code None: no sourced vote)."""

    country: str
    code: str | None
    weak: bool = False
    note: str = ""  # the doubt noted, or what other sources report instead
    doubtful: bool = False


def date_span(date: str) -> tuple[str, str]:
    """The first and last day a partial date covers: 2022-03 -> 2022-03-01, 2022-03-31."""
    parts = date.split("-")
    start = "-".join(parts + ["01"] * (3 - len(parts)))
    end = "-".join(parts + (["12", "31"] if len(parts) == 1 else ["31"] if len(parts) == 2
                            else []))
    return start, end


def timeline(
    ds: Dataset, states: list[str], themes: list[str], since: str = "", until: str = "",
    vote_states: list[str] | None = None,
) -> list[Moment]:
    """Events and votes in date order; partial dates come before the days they contain."""
    low = date_span(since)[0] if since else ""
    high = date_span(until)[1] if until else ""

    def in_range(date: str) -> bool:
        start, end = date_span(date)
        return (not low or end >= low) and (not high or start <= high)

    moments = []
    for r in ds.records:
        if r.kind != "event" or not r.date or not in_range(r.date):
            continue
        if themes and r.theme not in themes:
            continue
        if states and not r.region_wide and not set(states) & set(r.countries):
            continue
        moments.append(Moment(r.date, "event", r.id, r.countries, r.statement, r.sources))
    voters = vote_states or states
    if not themes or "diplomatic" in themes:
        for resolution in ordered_resolutions(ds):
            if in_range(resolution.date):
                moments.append(vote_moment(ds, resolution, voters))
    return sorted(moments, key=lambda m: (date_key(m.date), m.what == "vote", m.key))


def vote_moment(ds: Dataset, resolution: Resolution, states: list[str]) -> Moment:
    cast = []
    sources = list(resolution.sources)
    for iso3 in states:
        vote = ds.votes.get((resolution.symbol, iso3))
        if vote is None:
            cast.append(CastVote(iso3, None))
            continue
        note = vote.note or (f"contested: {vote.contested}" if vote.contested else "")
        cast.append(CastVote(iso3, vote.vote, rests_on_weak(ds, vote), note, doubtful(vote)))
        sources.extend(vote.sources)
    return Moment(resolution.date, "vote", resolution.symbol, tuple(states), "",
                  tuple(dict.fromkeys(sources)), resolution, tuple(cast))
