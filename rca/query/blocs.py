"""Blocs of states from the curated memberships: who counts in an organisation, and when.

A bloc is one of the dataset's organisations (``csto``, ``eaeu``, ``sco``, ``cis``) or its
group of the five Central Asian states (``central-asia``). The dataset records one standing
per state and organisation, with the day it began (``since``), and a state counts in the
bloc on the days that standing makes it a member:

- member, founding member, associate: from ``since`` on (without a date: throughout);
- suspended: from the organisation's founding (the earliest ``since`` of its founding
  members) to the day before ``since``, the day of the suspension;
- observer, non-member: never.

A ``since`` written as a year or a month stands for its first day. The group of the five
counts each of them throughout.
"""

from __future__ import annotations

from typing import NamedTuple

from rca.model import Dataset

#: the standings that make a state count in a bloc from the day they began
COUNTED = ("member", "founding member", "associate")
SUSPENDED = "suspended"
#: the countries.yaml group that is a bloc of its own
GROUP = "central-asia"


class Member(NamedTuple):
    """A state of a bloc and the days it counts: ``since`` <= day < ``until``."""

    country: str
    since: str = ""  # the first day counted, YYYY-MM-DD; "" from the first vote
    until: str = ""  # the first day no longer counted; "" to the last vote
    status: str = ""  # its standing in the dataset ("" for a bloc defined on the command line)

    def counts_on(self, day: str) -> bool:
        return (not self.since or self.since <= day) and (not self.until or day < self.until)


class Bloc(NamedTuple):
    name: str  # an organisation by its short name (CSTO), central-asia, or as given with --bloc
    title: str  # CSTO (Collective Security Treaty Organization)
    members: tuple[Member, ...]


def first_day(date: str) -> str:
    """2015-08-01 from 2015-08, 2015-01-01 from 2015; a full date as it is."""
    return date + "-01-01"[len(date) - 4:] if date and len(date) < 10 else date


def curated_blocs(ds: Dataset) -> dict[str, Bloc]:
    """Each organisation of the dataset by its id, then the five by their group's name."""
    blocs: dict[str, Bloc] = {}
    order = {code: rank for rank, code in enumerate(ds.countries)}
    for org in ds.organisations.values():
        standings = sorted((m for m in ds.memberships if m.org == org.id),
                           key=lambda m: order.get(m.country, len(order)))
        founded = min((first_day(m.since) for m in standings
                       if m.status == "founding member" and m.since), default="")
        members = []
        for m in standings:
            if m.status in COUNTED:
                members.append(Member(m.country, first_day(m.since), "", m.status))
            elif m.status == SUSPENDED and m.since:
                members.append(Member(m.country, founded, first_day(m.since), m.status))
        blocs[org.id] = Bloc(org.short, f"{org.short} ({org.name})", tuple(members))
    five = tuple(Member(c.iso3) for c in ds.countries.values() if c.group == GROUP)
    if five and GROUP not in blocs:
        blocs[GROUP] = Bloc(GROUP, "the five Central Asian states", five)
    return blocs


def named_bloc(name: str, codes: list[str]) -> Bloc:
    """A bloc given on the command line: every state counted throughout."""
    return Bloc(name, name, tuple(Member(code) for code in dict.fromkeys(codes)))
