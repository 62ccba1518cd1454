"""Questions asked of the model, answered as plain data. No output formatting here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from rca.dates import date_key
from rca.model import REGION, TOPICS, Country, Dataset, Membership, Record, Resolution, Theme, Vote

#: The order states are listed in: the five, then Russia, then comparators.
GROUP_ORDER = {"central-asia": 0, "russia": 1, "comparator": 2}


def ordered_countries(ds: Dataset, groups: Iterable[str] | None = None) -> list[Country]:
    wanted = set(groups) if groups is not None else None
    chosen = [c for c in ds.countries.values() if wanted is None or c.group in wanted]
    return sorted(chosen, key=lambda c: (GROUP_ORDER.get(c.group, 9), c.name))


def groups(ds: Dataset) -> list[str]:
    """The groups the states of the dataset belong to, in the usual order."""
    return list(dict.fromkeys(c.group for c in ordered_countries(ds)))


def resolve_group(ds: Dataset, given: str) -> str:
    """The group ``given`` names (singular or plural, any case), or a unique start of one."""
    from rca.query.names import choose, normalise

    known = groups(ds)
    index: dict[str, str] = {}
    for group in known:
        index[normalise(group)] = group
        index.setdefault(normalise(group) + "s", group)
    return choose("group", given, index, {group: group for group in known})


def ordered_resolutions(ds: Dataset) -> list[Resolution]:
    return sorted(ds.resolutions.values(), key=lambda r: (r.date, r.symbol))


def rests_on_weak(ds: Dataset, vote: Vote) -> bool:
    """Every source of the vote is a weak one (a forum, a blog, a mirror...)."""
    return vote.weak_only or all(ds.sources[s].quality == "weak" for s in vote.sources
                                 if s in ds.sources)


def doubtful(vote: Vote) -> bool:
    """The dataset records a doubt about the vote (``note``) or what other sources report
    instead (``contested``)."""
    return bool(vote.note or vote.contested)


class VoteCell(NamedTuple):
    resolution: Resolution
    country: str
    vote: Vote | None  # None: the dataset holds no sourced vote for this cell


class Profile(NamedTuple):
    country: Country
    memberships: list[tuple[str, Membership | None]]  # (organisation id, membership)
    votes: list[VoteCell]
    facts: list[Record]  # standing facts with a topic, by topic then date
    #: theme id -> the state's pressure points in the theme (`state_points`), in theme order
    pressure_points: dict[str, list[Record]]
    events: list[Record]
    region_wide: int  # of the pressure points, how many are region-wide


def concerns(record: Record, iso3: str) -> bool:
    return iso3 in record.countries


def profile(ds: Dataset, iso3: str) -> Profile:
    country = ds.countries[iso3]
    by_org = {m.org: m for m in ds.memberships if m.country == iso3}
    memberships = [(org, by_org.get(org)) for org in ds.organisations]
    votes = [cells[0] for _resolution, cells in vote_matrix(ds, [iso3], [])]
    mine = [r for r in ds.records if concerns(r, iso3)]
    topic_rank = {topic: rank for rank, topic in enumerate(TOPICS)}
    facts = sorted((r for r in mine if r.kind == "fact" and r.topic),
                   key=lambda r: (topic_rank[r.topic], date_key(r.date)))
    points: dict[str, list[Record]] = {}
    for theme in ds.themes:
        chosen = state_points(ds, theme, iso3)
        if chosen:
            points[theme] = chosen
    events = sorted((r for r in mine if r.kind == "event"), key=lambda r: date_key(r.date))
    region_wide = sum(1 for rs in points.values() for r in rs if r.region_wide)
    return Profile(country, memberships, votes, facts, points, events, region_wide)


def state_points(ds: Dataset, theme: str, iso3: str) -> list[Record]:
    """A state's pressure points in a theme: every record of the theme (fact, event,
    assessment or scenario) that names the state or concerns the whole region, in date
    order. This is what `rca themes THEME -c STATE` lists, and every count of a state's
    pressure points counts these."""
    return sorted((r for r in ds.records if r.theme == theme and concerns_any(r, [iso3])),
                  key=lambda r: date_key(r.date))


def vote_matrix(
    ds: Dataset, countries: list[str], resolutions: list[str]
) -> list[tuple[Resolution, list[VoteCell]]]:
    """One row per resolution (in date order), one cell per state."""
    rows = []
    for resolution in ordered_resolutions(ds):
        if resolutions and resolution.symbol not in resolutions:
            continue
        cells = [VoteCell(resolution, iso3, ds.votes.get((resolution.symbol, iso3)))
                 for iso3 in countries]
        rows.append((resolution, cells))
    return rows


class ThemeCount(NamedTuple):
    theme: Theme
    total: int
    by_kind: dict[str, int]


def concerns_any(record: Record, states: Iterable[str]) -> bool:
    """Whether the record concerns one of ``states`` (every record, when none are given);
    a region-wide record concerns them all."""
    chosen = set(states)
    return not chosen or record.region_wide or bool(chosen & set(record.countries))


def state_order(ds: Dataset) -> dict[str, int]:
    """Each state's place in the usual order (the five, Russia, then the others)."""
    return {c.iso3: i for i, c in enumerate(ordered_countries(ds))}


def lead_order(ds: Dataset, first: Iterable[str] = ()) -> dict[str, int]:
    """Each state's rank as a heading: the states asked for first, in the order asked,
    then the usual order."""
    asked = list(dict.fromkeys(first))
    usual = state_order(ds)
    return {**{iso3: rank - len(usual) - len(asked) for rank, iso3 in enumerate(asked)},
            **{iso3: rank for iso3, rank in usual.items() if iso3 not in asked}}


def by_lead_state(ds: Dataset, records: Iterable[Record],
                  first: Iterable[str] = ()) -> dict[str, list[Record]]:
    """Records under the first of their states (the states asked for first, then the usual
    order), the headings in that order and each heading's records in date order."""
    order = lead_order(ds, first)
    groups: dict[str, list[Record]] = {}
    for record in records:
        groups.setdefault(min(record.countries, key=lambda c: order.get(c, 99)),
                          []).append(record)
    ranked = sorted(groups.items(), key=lambda item: order.get(item[0], 99))
    return {iso3: sorted(rs, key=lambda r: date_key(r.date)) for iso3, rs in ranked}


def theme_counts(ds: Dataset, states: Iterable[str] = ()) -> list[ThemeCount]:
    counts = []
    chosen = list(states)
    for theme in ds.themes.values():
        mine = [r for r in ds.records if r.theme == theme.id and concerns_any(r, chosen)]
        by_kind: dict[str, int] = {}
        for record in mine:
            by_kind[record.kind] = by_kind.get(record.kind, 0) + 1
        counts.append(ThemeCount(theme, len(mine), by_kind))
    return counts


def theme_points(ds: Dataset, theme: str,
                 states: Iterable[str] = ()) -> tuple[list[Record], list[Record]]:
    """A theme's records: those naming states (state by state), and the region-wide ones;
    with ``states``, only those that concern them."""
    chosen = list(states)
    order = lead_order(ds, chosen)
    mine = [r for r in ds.records if r.theme == theme and concerns_any(r, chosen)]
    named = [r for r in mine if not r.region_wide]
    named.sort(key=lambda r: (min(order.get(c, 99) for c in r.countries), date_key(r.date)))
    region = sorted((r for r in mine if r.region_wide), key=lambda r: date_key(r.date))
    return named, region


def countries_label(ds: Dataset, codes: tuple[str, ...]) -> str:
    """'KAZ', 'KGZ, TJK', 'all five' or 'region'."""
    if codes == (REGION,):
        return "region"
    five = {c.iso3 for c in ds.countries.values() if c.group == "central-asia"}
    if set(codes) == five and len(five) > 1:
        return "all five"
    return ", ".join(codes)
