"""The dated record in date order: events, dated facts, membership changes and UN votes.

A fact is on the timeline when its date names a month or a day: in this dataset a fact
dated by its year alone gives the year a figure or a standing was reported, not the day
something happened (the treaty signed on 5 October 2012 is dated; the base's personnel
"in 2012" is not). A membership is on it from its ``since``, the day the state took up its
standing in the organisation, whatever the precision.
"""

from __future__ import annotations

from typing import NamedTuple

from rca.dates import date_key, date_span
from rca.model import Dataset, Membership, Record, Resolution
from rca.query.profile import doubtful, ordered_resolutions, rests_on_weak

#: the kinds of item the timeline holds, in the order they sort on one date
KINDS = ("event", "fact", "membership", "vote")
#: the theme the votes belong to: with --theme, votes appear only under it
VOTE_THEME = "diplomatic"

#: what a membership's status says happened on its ``since``
STANDING = {"founding member": "Founding member of {org}", "member": "Joins {org}",
            "associate": "Associate member of {org}", "observer": "Observer of {org}",
            "suspended": "Membership of {org} suspended", "non-member": "Leaves {org}"}


class Moment(NamedTuple):
    """One dated item on the timeline: an event, a fact, a state's standing in an
    organisation from the day it began, or a vote of the chosen states."""

    date: str
    what: str  # its kind: "event", "fact", "membership" or "vote"
    key: str  # record id, "KAZ csto" for a membership, or resolution symbol
    states: tuple[str, ...]  # ISO codes, or ("region",)
    text: str  # a record's statement, a membership's standing; empty for a vote
    sources: tuple[str, ...]
    resolution: Resolution | None = None
    votes: tuple[CastVote, ...] = ()
    membership: Membership | None = None

    @property
    def kind(self) -> str:
        return self.what


class CastVote(NamedTuple):
    """A chosen state's vote on a resolution of the timeline (code None: no sourced vote)."""

    country: str
    code: str | None
    weak: bool = False
    note: str = ""  # the doubt noted, or what other sources report instead
    doubtful: bool = False


def dated_fact(record: Record) -> bool:
    """A fact dated to the month or the day: a milestone, not a figure's year."""
    return record.kind == "fact" and record.date.count("-") >= 1


def kinds_looked_for(kinds: tuple[str, ...] | list[str], themes: list[str]) -> tuple[str, ...]:
    """The kinds a timeline of ``themes`` can hold: a membership has no theme, so --theme
    leaves memberships out, and votes stay only under the diplomatic theme."""
    return tuple(k for k in KINDS if k in kinds and not (
        themes and (k == "membership" or (k == "vote" and VOTE_THEME not in themes))))


def timeline(
    ds: Dataset, states: list[str], themes: list[str], since: str = "", until: str = "",
    vote_states: list[str] | None = None, kinds: tuple[str, ...] | list[str] = KINDS,
) -> list[Moment]:
    """The items of ``kinds`` in date order (each kind in `KINDS` order on one date);
    partial dates come before the days they contain."""
    low = date_span(since)[0] if since else ""
    high = date_span(until)[1] if until else ""
    wanted = kinds_looked_for(kinds, themes)

    def in_range(date: str) -> bool:
        start, end = date_span(date)
        return (not low or end >= low) and (not high or start <= high)

    moments = []
    for r in ds.records:
        if not ((r.kind == "event" and r.date) or dated_fact(r)) or r.kind not in wanted:
            continue
        if not in_range(r.date) or (themes and r.theme not in themes):
            continue
        if states and not r.region_wide and not set(states) & set(r.countries):
            continue
        moments.append(Moment(r.date, r.kind, r.id, r.countries, r.statement, r.sources))
    if "membership" in wanted:
        for m in ds.memberships:
            if m.since and in_range(m.since) and (not states or m.country in states):
                moments.append(membership_moment(ds, m))
    voters = vote_states or states
    if "vote" in wanted:
        for resolution in ordered_resolutions(ds):
            if in_range(resolution.date):
                moments.append(vote_moment(ds, resolution, voters))
    return sorted(moments, key=lambda m: (date_key(m.date), KINDS.index(m.what), m.key))


def membership_moment(ds: Dataset, m: Membership) -> Moment:
    """A state's standing in an organisation, on the day it began."""
    org = ds.organisations[m.org]
    text = STANDING.get(m.status, m.status + " of {org}").format(
        org=f"the {org.short} ({org.name})")
    return Moment(m.since, "membership", f"{m.country} {m.org}", (m.country,),
                  text + (f": {m.note}" if m.note else ""), m.sources, membership=m)


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
