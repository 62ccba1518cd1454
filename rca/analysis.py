"""Analysis over the dataset: voting alignment, side-by-side comparison, timeline, search.

Plain answers only; `views` draws them and `export` turns them into data.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from rca.model import TOPICS, Dataset, Membership, Record, Resolution, Vote
from rca.names import normalise
from rca.query import date_key, ordered_countries, ordered_resolutions

# -- alignment -------------------------------------------------------------------------

#: the votes that count towards agreement; "NV" (did not vote) on either side leaves a
#: resolution out, and so does a vote the dataset has no source for
CAST = ("Y", "N", "A")


class Alignment(NamedTuple):
    """How one state's votes compare with those of the reference state."""

    country: str
    against: str
    n: int  # resolutions where both cast Y, N or A
    identical: int  # of those, the same vote
    one_abstained: int  # of those, one abstained and the other voted Y or N
    non_votes: int  # resolutions left out because either side did not vote
    unknown: int  # resolutions left out because the dataset has no vote for either side

    @property
    def agreement(self) -> float | None:
        return agreement(self.n, self.identical)

    @property
    def index_of_agreement(self) -> float | None:
        return index_of_agreement(self.n, self.identical, self.one_abstained)


def agreement(n: int, identical: int) -> float | None:
    """Identical votes / resolutions counted; None (not 0) when none can be counted."""
    return identical / n if n else None


def index_of_agreement(n: int, identical: int, one_abstained: int) -> float | None:
    """(Identical votes + half of those where exactly one side abstained) / counted."""
    return (identical + 0.5 * one_abstained) / n if n else None


def alignment(
    ds: Dataset, against: str, countries: list[str], resolutions: list[str]
) -> list[Alignment]:
    """Each state's alignment with ``against``, highest index first (uncountable last)."""
    chosen = [r.symbol for r in ordered_resolutions(ds)
              if not resolutions or r.symbol in resolutions]
    states = countries or [c.iso3 for c in ordered_countries(ds) if c.iso3 != against]
    found = []
    for state in states:
        n = identical = one_abstained = non_votes = unknown = 0
        for symbol in chosen:
            theirs, mine = ds.votes.get((symbol, against)), ds.votes.get((symbol, state))
            if theirs is None or mine is None:
                unknown += 1
            elif theirs.vote not in CAST or mine.vote not in CAST:
                non_votes += 1
            else:
                n += 1
                if theirs.vote == mine.vote:
                    identical += 1
                elif "A" in (theirs.vote, mine.vote):
                    one_abstained += 1
        found.append(Alignment(state, against, n, identical, one_abstained, non_votes, unknown))
    order = {iso3: rank for rank, iso3 in enumerate(states)}
    return sorted(found, key=lambda a: (a.index_of_agreement is None,
                                        -(a.index_of_agreement or 0.0), order[a.country]))


# -- compare ---------------------------------------------------------------------------


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
    points = {theme: {iso3: [r for r in ds.records if r.theme == theme and iso3 in r.countries
                             and r.kind != "event" and not r.topic] for iso3 in states}
              for theme in ds.themes}
    return Comparison(states, memberships, facts, votes, points)


# -- timeline --------------------------------------------------------------------------


class Moment(NamedTuple):
    """One dated item on the timeline: an event, or a vote of the chosen states."""

    date: str
    what: str  # "event" or "vote"
    key: str  # record id or resolution symbol
    states: tuple[str, ...]  # ISO codes, or ("region",)
    text: str
    sources: tuple[str, ...]


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
    cells = []
    doubts = []
    sources = list(resolution.sources)
    for iso3 in states:
        vote = ds.votes.get((resolution.symbol, iso3))
        if vote is None:
            cells.append(f"{iso3} ?")
            continue
        cells.append(f"{iso3} {vote.vote}{'*' if len(vote.sources) == 1 else ''}")
        sources.extend(vote.sources)
        if vote.note:
            doubts.append(f"{iso3}: {vote.note}")
    t = resolution.totals
    text = (f"UN General Assembly {resolution.code}, {resolution.short} "
            f"(adopted {t.yes}-{t.no}-{t.abstain}): {', '.join(cells)}")
    if doubts:
        text += f" (note: {'; '.join(doubts)})"
    return Moment(resolution.date, "vote", resolution.symbol, tuple(states), text,
                  tuple(dict.fromkeys(sources)))


# -- search ----------------------------------------------------------------------------

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
