"""Query results as plain data (dicts, lists, texts, numbers) for json, yaml, csv and markdown.

The field names here are part of rca's interface: scripts depend on them, and the README
lists them. Every object of a kind has every field, empty ones as null (or an empty list).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rca.analysis import Alignment, Comparison, Moment, differs
from rca.model import REGION, Country, Dataset, Figure, Membership, Record, Resolution, Source
from rca.query import Citation, Profile, ThemeCount, VoteCell

if TYPE_CHECKING:
    from rca.history import Period

Obj = dict[str, Any]

#: the fields of each kind of object, for the header of an empty csv or markdown answer
RECORD_FIELDS = ("id", "theme", "topic", "kind", "date", "countries", "statement", "by", "claim",
                 "confidence", "contested", "note", "figures", "sources")
VOTE_FIELDS = ("resolution", "date", "title", "short", "country", "vote", "note", "sources")
MOMENT_FIELDS = ("date", "what", "key", "states", "text", "sources")
ALIGNMENT_FIELDS = ("country", "against", "n", "agreement", "index", "non_votes", "unknown")

#: the list fields of a country profile and of a single source, shown as sections in csv
#: (one row each, tagged with the section) and markdown (a table each)
PROFILE_SECTIONS = ("memberships", "votes", "facts", "pressure_points", "events")
SOURCE_SECTIONS = ("cited_by",)


def _text(value: str) -> str | None:
    return value or None


def figure_obj(figure: Figure) -> Obj:
    return {"value": figure.number, "unit": figure.unit, "as_of": figure.as_of,
            "wording": _text(figure.wording), "note": _text(figure.note)}


def record_obj(record: Record) -> Obj:
    countries = REGION if record.region_wide else list(record.countries)
    return {
        "id": record.id, "theme": record.theme, "topic": _text(record.topic),
        "kind": record.kind, "date": _text(record.date), "countries": countries,
        "statement": record.statement, "by": _text(record.by), "claim": _text(record.claim),
        "confidence": _text(record.confidence), "contested": _text(record.contested),
        "note": _text(record.note), "figures": [figure_obj(f) for f in record.figures],
        "sources": list(record.sources),
    }


def vote_obj(cell: VoteCell) -> Obj:
    """A known vote cell (callers leave out the cells the dataset has no vote for)."""
    assert cell.vote is not None
    r = cell.resolution
    return {"resolution": r.symbol, "date": r.date, "title": r.title, "short": r.short,
            "country": cell.country, "vote": cell.vote.vote, "note": _text(cell.vote.note),
            "sources": list(cell.vote.sources)}


def resolution_obj(r: Resolution) -> Obj:
    t = r.totals
    return {"resolution": r.symbol, "date": r.date, "title": r.title, "short": r.short,
            "yes": t.yes, "no": t.no, "abstain": t.abstain, "non_voting": t.non_voting,
            "record": r.record or None, "record_url": _text(r.record_url),
            "document": _text(r.document), "symbol_confirmed": r.symbol_confirmed,
            "note": _text(r.note), "sources": list(r.sources)}


def membership_obj(ds: Dataset, org_id: str, country: str, m: Membership | None) -> Obj:
    return {"organisation": ds.organisations[org_id].short, "country": country,
            "status": m.status if m else None, "since": _text(m.since) if m else None,
            "note": _text(m.note) if m else None, "sources": list(m.sources) if m else []}


def country_obj(c: Country) -> Obj:
    return {"iso3": c.iso3, "iso2": c.iso2, "name": c.name, "official_name": c.official_name,
            "capital": c.capital, "group": c.group, "aliases": list(c.aliases),
            "sources": list(c.sources)}


def profile_obj(ds: Dataset, found: Profile) -> Obj:
    c = found.country
    return {
        **country_obj(c),
        "memberships": [membership_obj(ds, org, c.iso3, m) for org, m in found.memberships],
        "votes": [vote_obj(cell) for cell in found.votes if cell.vote],
        "facts": [record_obj(r) for r in found.facts],
        "pressure_points": [record_obj(r) for rs in found.pressure_points.values() for r in rs],
        "events": [record_obj(r) for r in found.events],
    }


def theme_count_obj(count: ThemeCount, kinds: tuple[str, ...]) -> Obj:
    return {"id": count.theme.id, "name": count.theme.name,
            "description": count.theme.description, "points": count.total,
            **{kind: count.by_kind.get(kind, 0) for kind in kinds}}


def source_obj(source: Source, cited: int | None = None) -> Obj:
    obj: Obj = {"id": source.id, "title": _text(source.title),
                "description": _text(source.description), "author": _text(source.author),
                "publisher": _text(source.publisher), "date": _text(source.date),
                "date_estimated": source.date_estimated, "url": _text(source.url),
                "note": _text(source.note)}
    if cited is not None:
        obj["cited"] = cited
    return obj


def citation_obj(c: Citation) -> Obj:
    return {"what": c.what, "key": c.key, "text": c.text}


def alignment_obj(a: Alignment) -> Obj:
    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 4)

    return {"country": a.country, "against": a.against, "n": a.n,
            "agreement": rounded(a.agreement), "index": rounded(a.index_of_agreement),
            "non_votes": a.non_votes, "unknown": a.unknown}


COMPARISON_SECTIONS = ("memberships", "facts", "votes", "pressure_points")


def comparison_obj(ds: Dataset, c: Comparison) -> Obj:
    """Rows with a field per state (its ISO code), and whether the known values differ."""
    memberships = []
    for org, row in c.memberships.items():
        keys = [(m.status, m.since) if m else None for m in row.values()]
        memberships.append({"organisation": ds.organisations[org].short,
                            **{iso3: {"status": m.status, "since": _text(m.since),
                                      "note": _text(m.note)} if m else None
                               for iso3, m in row.items()},
                            "differs": differs(keys)})
    facts = [{"topic": topic, **{iso3: [r.id for r in records] for iso3, records in row.items()}}
             for topic, row in c.facts.items()]
    votes = []
    for symbol, vrow in c.votes.items():
        codes = {iso3: v.vote if v else None for iso3, v in vrow.items()}
        votes.append({"resolution": symbol, "date": ds.resolutions[symbol].date, **codes,
                      "differs": differs(list(codes.values()))})
    points = [{"theme": theme, **{iso3: [r.id for r in rs] for iso3, rs in prow.items()},
               "differs": differs([len(rs) for rs in prow.values()])}
              for theme, prow in c.pressure_points.items()]
    return {"countries": list(c.countries), "memberships": memberships, "facts": facts,
            "votes": votes, "pressure_points": points}


def moment_obj(m: Moment) -> Obj:
    states: Any = REGION if m.states == (REGION,) else list(m.states)
    return {"date": m.date, "what": m.what, "key": m.key, "states": states, "text": m.text,
            "sources": list(m.sources)}


def scenario_obj(ds: Dataset, scenario: Record) -> Obj:
    records = {r.id: r for r in ds.records}
    return {**record_obj(scenario),
            "builds_on": [record_obj(records[i]) for i in scenario.builds_on],
            "signposts": [{"record": record_obj(records[s.record]), "reading": s.reading,
                           "by": s.by} for s in scenario.signposts]}


def period_obj(p: Period, by: str) -> Obj:
    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 4)

    key: Any = int(p.key) if by == "year" else p.key
    return {"country": p.country, "against": p.against, by: key, "n": p.n,
            "agreement": rounded(p.agreement), "index": rounded(p.index_of_agreement),
            "non_votes": p.non_votes}
