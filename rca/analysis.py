"""Analysis over the dataset: voting alignment, side-by-side comparison, timeline, search.

Plain answers only; `views` draws them and `export` turns them into data.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from rca.model import REGION, TOPICS, Dataset, Record, Resolution
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
        """Identical votes / resolutions counted; None when none can be counted."""
        return self.identical / self.n if self.n else None

    @property
    def index_of_agreement(self) -> float | None:
        """Index of agreement: (identical + half of the one-abstained) / counted."""
        return (self.identical + 0.5 * self.one_abstained) / self.n if self.n else None


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

#: a vote the dataset has no source for
UNKNOWN = "?"


class Row(NamedTuple):
    """One line of a comparison: a label and a value per state."""

    label: str
    values: dict[str, str]
    detail: str = ""  # e.g. the date of a resolution

    @property
    def differs(self) -> bool:
        """The known values are not all the same ("?" is no value, not a difference)."""
        return len({v for v in self.values.values() if v != UNKNOWN}) > 1

    @property
    def uncertain(self) -> bool:
        """Some value is unknown, so the states may differ where nothing shows it."""
        return UNKNOWN in self.values.values()


class Comparison(NamedTuple):
    countries: list[str]
    memberships: list[Row]
    facts: list[Row]
    votes: list[Row]
    pressure_points: list[Row]


def fact_summary(record: Record) -> str:
    """A profile fact in a few words: its figures if it has any, else its id."""
    if not record.figures:
        return record.id
    parts = []
    for f in record.figures:
        value = int(f.value) if float(f.value).is_integer() else f.value
        parts.append(f"{value:,} {f.unit} ({f.as_of})")
    return f"{'; '.join(parts)} [{record.id}]"


def compare(ds: Dataset, states: list[str]) -> Comparison:
    memberships = []
    for org in ds.organisations.values():
        values = {}
        for iso3 in states:
            m = next((m for m in ds.memberships if m.org == org.id and m.country == iso3), None)
            values[iso3] = (f"{m.status} since {m.since}" if m and m.since
                            else m.status if m else "not in the dataset")
        memberships.append(Row(org.short, values))
    facts = []
    for topic in TOPICS:
        values = {}
        for iso3 in states:
            mine = sorted((r for r in ds.records if r.kind == "fact" and r.topic == topic
                           and iso3 in r.countries), key=lambda r: date_key(r.date))
            values[iso3] = "\n".join(fact_summary(r) for r in mine)
        if any(values.values()):
            facts.append(Row(topic, values))
    votes = []
    for resolution in ordered_resolutions(ds):
        values = {}
        for iso3 in states:
            vote = ds.votes.get((resolution.symbol, iso3))
            values[iso3] = vote.vote if vote else UNKNOWN
        votes.append(Row(resolution.code, values, resolution.date))
    points = []
    for theme in ds.themes.values():
        values = {}
        for iso3 in states:
            ids = [r.id for r in ds.records if r.theme == theme.id and iso3 in r.countries
                   and r.kind != "event" and not r.topic]
            values[iso3] = f"{len(ids)}: {', '.join(ids)}" if ids else "0"
        points.append(Row(theme.id, values))
    return Comparison(states, memberships, facts, votes, points)


# -- timeline --------------------------------------------------------------------------


class Moment(NamedTuple):
    """One dated item on the timeline: an event, or a vote of the chosen states."""

    date: str
    what: str  # "event" or "vote"
    key: str  # record id or resolution symbol
    states: str
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
        label = REGION if r.region_wide else ", ".join(r.countries)
        moments.append(Moment(r.date, "event", r.id, label, r.statement, r.sources))
    voters = vote_states or states
    if not themes or "diplomatic" in themes:
        for resolution in ordered_resolutions(ds):
            if in_range(resolution.date):
                moments.append(vote_moment(ds, resolution, voters))
    return sorted(moments, key=lambda m: (date_key(m.date), m.what == "vote", m.key))


def vote_moment(ds: Dataset, resolution: Resolution, states: list[str]) -> Moment:
    cells = []
    sources = list(resolution.sources)
    for iso3 in states:
        vote = ds.votes.get((resolution.symbol, iso3))
        cells.append(f"{iso3} {vote.vote if vote else '?'}")
        if vote:
            sources.extend(vote.sources)
    t = resolution.totals
    text = (f"UN General Assembly {resolution.code}, {resolution.short} "
            f"(adopted {t.yes}-{t.no}-{t.abstain}): {', '.join(cells)}")
    return Moment(resolution.date, "vote", resolution.symbol, ", ".join(states), text,
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
