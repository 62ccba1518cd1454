"""States side by side: memberships, profile facts, votes and pressure points."""

from __future__ import annotations

from typing import Any, NamedTuple

from rca.dates import date_key
from rca.model import TOPICS, Dataset, Membership, Record, Vote
from rca.query.profile import ordered_resolutions, state_points


class Comparison(NamedTuple):
    """States side by side; every mapping goes from ISO code to that state's answer."""

    countries: list[str]
    #: organisation id -> state -> its standing (None: not in the dataset)
    memberships: dict[str, dict[str, Membership | None]]
    #: topic -> state -> its profile facts on the topic, oldest first
    facts: dict[str, dict[str, list[Record]]]
    #: resolution symbol -> state -> its vote (None: no sourced vote)
    votes: dict[str, dict[str, Vote | None]]
    #: theme id -> state -> its pressure points in the theme
    pressure_points: dict[str, dict[str, list[Record]]]


def differs(values: list[Any]) -> bool:
    """The known values are not all the same (an unknown one is no value, not a difference)."""
    return len({v for v in values if v is not None}) > 1


def votes_differ(values: list[Any]) -> bool | None:
    """Whether the votes differ: True when the known ones do, None when they agree but a vote
    is unknown (which could differ), False only when every vote is known and the same."""
    if differs(values):
        return True
    return None if any(v is None for v in values) else False


def compare(ds: Dataset, states: list[str]) -> Comparison:
    by_pair = {(m.org, m.country): m for m in ds.memberships}
    memberships = {org: {iso3: by_pair.get((org, iso3)) for iso3 in states}
                   for org in ds.organisations}
    facts: dict[str, dict[str, list[Record]]] = {}
    for topic in TOPICS:
        row = {iso3: sorted((r for r in ds.records if r.kind == "fact" and r.topic == topic
                             and iso3 in r.countries), key=lambda r: date_key(r.date))
               for iso3 in states}
        if any(row.values()):
            facts[topic] = row
    votes = {r.symbol: {iso3: ds.votes.get((r.symbol, iso3)) for iso3 in states}
             for r in ordered_resolutions(ds)}
    points = {theme: {iso3: state_points(ds, theme, iso3) for iso3 in states}
              for theme in ds.themes}
    return Comparison(states, memberships, facts, votes, points)

