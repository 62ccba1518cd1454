"""Query results as plain data: the one field list of every kind of answer.

json, yaml, csv and markdown are written from these objects, and the tables a terminal or a
pipe shows are drawn from them too, so a field has one name everywhere. The names are part of
rca's interface: scripts depend on them, and the README lists them. Every object of a kind has
every field, empty ones as null (or an empty list).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rca.model import REGION, Country, Dataset, Figure, Membership, Record, Resolution, Source
from rca.query.profile import Profile, ThemeCount, VoteCell, doubtful, rests_on_weak
from rca.text import vote_text

if TYPE_CHECKING:
    from rca.history import Period, RecordedVote, Status
    from rca.history.compare import Compared, Parted, Side
    from rca.query.compare import Comparison
    from rca.query.search import Hit
    from rca.query.sources import Citation
    from rca.query.timeline import CastVote, Moment
    from rca.query.votes import Alignment, Uncertain

Obj = dict[str, Any]

#: the fields of each kind of object, for the header of an empty csv or markdown answer
RECORD_FIELDS = ("id", "theme", "topic", "kind", "date", "countries", "statement", "by", "claim",
                 "confidence", "contested", "note", "figures", "sources")
VOTE_FIELDS = ("resolution", "date", "title", "short", "country", "vote", "weak_sources_only",
               "note", "contested", "sources", "un_record")
#: an uncertain cell of the vote matrix: the state, the resolution, the vote the dataset
#: has (null: none), why it is uncertain, the doubt noted, the sources and what each is
#: worth, and the imported UN file's vote
UNCERTAIN_FIELDS = ("country", "resolution", "date", "short", "vote", "why", "note",
                    "contested", "sources", "source_quality", "un_record")
#: a search hit: what it is, its id, the text it is shown by, and where the words were found
SEARCH_FIELDS = ("kind", "id", "date", "countries", "theme", "by", "text", "contested",
                 "matched", "found", "sources", "score")
#: a moment's `kind` and `id` are its `what` and `key` under the names statements use
MOMENT_FIELDS = ("date", "what", "key", "states", "text", "sources", "kind", "id")
ALIGNMENT_FIELDS = ("country", "name", "against", "n", "agreement", "index", "non_votes",
                    "unknown", "coincidence", "yes_no", "few_votes", "base")

#: the list fields of a country profile and of a single source, shown as sections in csv
#: (one row each, tagged with the section) and markdown (a table each)
PROFILE_SECTIONS = ("memberships", "votes", "facts", "pressure_points", "events")
SOURCE_SECTIONS = ("cited_by",)
COMPARED_SECTIONS = ("members", "trend", "positions", "issues", "parted")
COMPARISON_SECTIONS = ("memberships", "facts", "votes", "pressure_points")


def _text(value: str) -> str | None:
    return value or None


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def figure_obj(figure: Figure) -> Obj:
    return {"measures": _text(figure.measures), "value": figure.number, "unit": figure.unit,
            "as_of": figure.as_of,
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


def hit_obj(hit: Hit) -> Obj:
    """A search hit. ``by``: whose judgement it is; ``contested``: what other sources say;
    ``matched``: the fields a word of the query was found in; ``found``: the text of each
    of them besides ``text``, ``by``, ``contested`` and the ids (of every field, when the
    query was the item's id)."""
    from rca.query.search import field_text

    item = hit.item
    countries: Any = REGION if item.countries == (REGION,) else list(item.countries)
    shown = {f.name for f in item.fields} if hit.tier == 0 else set(hit.matched)
    found = {f.name: f.text for f in item.fields
             if f.name in shown and f.text and f.column != "ident"
             and f.name not in (item.main, "by", "contested")}
    return {"kind": item.kind, "id": item.id, "date": _text(item.date),
            "countries": countries, "theme": _text(item.theme),
            "by": _text(field_text(item, "by")), "text": field_text(item, item.main),
            "contested": _text(field_text(item, "contested") if item.main != "contested"
                               else ""), "matched": list(hit.matched),
            "found": found, "sources": list(item.sources), "score": round(hit.score, 3)}


def vote_obj(ds: Dataset, cell: VoteCell) -> Obj:
    """One state's vote on one resolution; ``vote`` is null where the dataset has none."""
    r, v = cell.resolution, cell.vote
    return {"resolution": r.symbol, "date": r.date, "title": r.title, "short": r.short,
            "country": cell.country, "vote": v.vote if v else None,
            "weak_sources_only": rests_on_weak(ds, v) if v else None,
            "note": _text(v.note) if v else None, "contested": _text(v.contested) if v else None,
            "sources": list(v.sources) if v else []}


def uncertain_obj(ds: Dataset, found: Uncertain, un_record: str | None) -> Obj:
    """An uncertain cell; ``why`` lists ``unknown`` (no sourced vote), or ``weak`` (it
    rests only on weak sources) and ``doubtful`` (a doubt is noted, or a contested report)
    as they apply; ``source_quality`` gives the quality of each source, by id."""
    r, v = found.cell.resolution, found.cell.vote
    sources = list(v.sources) if v else []
    return {"country": found.cell.country, "resolution": r.symbol, "date": r.date,
            "short": r.short, "vote": v.vote if v else None, "why": list(found.why),
            "note": _text(v.note) if v else None,
            "contested": _text(v.contested) if v else None, "sources": sources,
            "source_quality": {s: ds.sources[s].quality if s in ds.sources else None
                               for s in sources},
            "un_record": un_record}


def matrix_obj(ds: Dataset, r: Resolution, cells: list[VoteCell]) -> Obj:
    """A row of the vote matrix: the resolution, each state's vote under its code, totals."""
    t = r.totals
    backing = list(r.sources) + [s for c in cells if c.vote for s in c.vote.sources]
    return {"resolution": r.code, "date": r.date, "title": r.short,
            **{c.country: c.vote.vote if c.vote else None for c in cells},
            "yes": t.yes, "no": t.no, "abstain": t.abstain, "non_voting": t.non_voting,
            "sources": list(dict.fromkeys(backing))}


def resolution_obj(r: Resolution) -> Obj:
    t = r.totals
    return {"resolution": r.symbol, "date": r.date, "title": r.title, "short": r.short,
            "yes": t.yes, "no": t.no, "abstain": t.abstain, "non_voting": t.non_voting,
            "draft": _text(r.draft), "meeting": _text(r.meeting),
            "record": r.record or None, "record_url": _text(r.record_url),
            "document": _text(r.document), "press_release": _text(r.press_release),
            "symbol_confirmed": r.symbol_confirmed, "note": _text(r.note),
            "sources": list(r.sources)}


def membership_obj(ds: Dataset, org_id: str, country: str, m: Membership | None) -> Obj:
    org = ds.organisations[org_id]
    return {"organisation": org.short, "organisation_name": org.name, "country": country,
            "status": m.status if m else None, "since": _text(m.since) if m else None,
            "note": _text(m.note) if m else None, "sources": list(m.sources) if m else []}


def country_obj(c: Country) -> Obj:
    return {"iso3": c.iso3, "iso2": c.iso2, "name": c.name, "official_name": c.official_name,
            "capital": c.capital, "group": c.group, "aliases": list(c.aliases),
            "native_names": [n.name for n in c.native_names], "sources": list(c.sources)}


def profile_obj(ds: Dataset, found: Profile) -> Obj:
    c = found.country
    return {
        **country_obj(c),
        "memberships": [membership_obj(ds, org, c.iso3, m) for org, m in found.memberships],
        "votes": [vote_obj(ds, cell) for cell in found.votes],
        "facts": [record_obj(r) for r in found.facts],
        "pressure_points": [record_obj(r) for rs in found.pressure_points.values() for r in rs],
        "events": [record_obj(r) for r in found.events],
    }


#: the parts of a profile, in order, as ``--only`` names them, and the json field of each
PROFILE_PARTS = {"summary": "summary", "memberships": "memberships", "facts": "facts",
                 "votes": "votes", "points": "pressure_points", "events": "events"}


def key_figures(found: Profile) -> list[tuple[Record, Figure]]:
    """Per topic of the state's own profile facts (memberships aside: those whose first
    state it is), the figure of the latest date, with its fact."""
    from rca.query.profile import date_key

    latest: dict[str, tuple[Record, Figure]] = {}
    for record in found.facts:
        if record.topic == "membership" or not record.countries or (
                record.countries[0] != found.country.iso3):
            continue
        for figure in record.figures:
            known = latest.get(record.topic)
            if known is None or date_key(figure.as_of) >= date_key(known[1].as_of):
                latest[record.topic] = (record, figure)
    return list(latest.values())


def summary_obj(ds: Dataset, found: Profile) -> Obj:
    """The profile in brief: memberships, votes, points per theme, the key figures."""
    return {
        "memberships": [{"organisation": ds.organisations[org].short,
                         "status": m.status if m else None,
                         "since": _text(m.since) if m else None}
                        for org, m in found.memberships],
        "votes": [{"resolution": cell.resolution.symbol, "code": cell.resolution.code,
                   "vote": cell.vote.vote if cell.vote else None,
                   "weak_sources_only": rests_on_weak(ds, cell.vote) if cell.vote else None,
                   "doubtful": doubtful(cell.vote) if cell.vote else None}
                  for cell in found.votes],
        "points_by_theme": {theme: len(records)
                            for theme, records in found.pressure_points.items()},
        "key_figures": [{"topic": r.topic, "record": r.id, "figure": figure_obj(f),
                         "contested": bool(r.contested), "confidence": _text(r.confidence)}
                        for r, f in key_figures(found)],
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
                "quality": _text(source.quality), "note": _text(source.note)}
    if cited is not None:
        obj["cited"] = cited
    return obj


def citation_obj(c: Citation) -> Obj:
    return {"what": c.what, "key": c.key, "text": c.text}


def alignment_obj(ds: Dataset, a: Alignment, base: str) -> Obj:
    """One state's alignment; ``base`` says which resolutions were counted: ``common``
    (those every chosen state has a sourced vote on) or ``own`` (each state's own)."""
    return {"country": a.country, "name": ds.countries[a.country].name, "against": a.against,
            "n": a.n, "agreement": rounded(a.agreement), "index": rounded(a.index_of_agreement),
            "non_votes": a.non_votes, "unknown": a.unknown,
            "coincidence": rounded(a.coincidence), "yes_no": a.yes_no,
            "few_votes": a.few_votes, "base": base}


def comparison_obj(ds: Dataset, c: Comparison) -> Obj:
    """Rows with a field per state (its ISO code), and whether the known values differ (for
    votes: null when they agree but one is unknown; ``weak_sources_only`` names the states
    whose vote rests on weak sources only)."""
    from rca.query.compare import differs, votes_differ

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
                      "differs": votes_differ(list(codes.values())),
                      "weak_sources_only": [iso3 for iso3, v in vrow.items()
                                            if v and rests_on_weak(ds, v)],
                      "doubtful": [iso3 for iso3, v in vrow.items() if v and doubtful(v)]})
    points = [{"theme": theme, **{iso3: [r.id for r in rs] for iso3, rs in prow.items()},
               "differs": differs([len(rs) for rs in prow.values()])}
              for theme, prow in c.pressure_points.items()]
    return {"countries": list(c.countries), "memberships": memberships, "facts": facts,
            "votes": votes, "pressure_points": points}


def moment_obj(m: Moment) -> Obj:
    states: Any = REGION if m.states == (REGION,) else list(m.states)
    text = m.text if m.resolution is None else vote_sentence(m.resolution, m.votes)
    return {"date": m.date, "what": m.what, "key": m.key, "states": states, "text": text,
            "sources": list(m.sources), "kind": m.what, "id": m.key}


def scenario_obj(ds: Dataset, scenario: Record, states: list[str] | None = None) -> Obj:
    """A scenario, what it builds on and its signposts (with ``states``, those that concern
    them or the whole region)."""
    from rca.query.profile import concerns_any

    records = {r.id: r for r in ds.records}
    chosen = states or []
    return {**record_obj(scenario),
            "builds_on": [record_obj(records[i]) for i in scenario.builds_on
                          if concerns_any(records[i], chosen)],
            "signposts": [{"record": record_obj(records[s.record]), "reading": s.reading,
                           "by": s.by} for s in scenario.signposts
                          if concerns_any(records[s.record], chosen)]}


def period_obj(p: Period, by: str) -> Obj:
    key: Any = int(p.key) if by == "year" else p.key
    return {"country": p.country, "against": p.against, by: key, "n": p.n,
            "agreement": rounded(p.agreement), "index": rounded(p.index_of_agreement),
            "non_votes": p.non_votes, "coincidence": rounded(p.coincidence), "yes_no": p.yes_no}


def status_obj(found: Status) -> Obj:
    """What is imported. The rows of the file are its votes, plus its rows that record no
    vote (``not_members``: Voeten's code 9), the rows given twice (``repeats``) and the bad
    rows skipped; ``mismatched`` counts the roll calls whose rows miss the totals the file
    records for them, and ``mismatches`` names the first of them."""
    meta = found.meta
    return {"database": str(found.path), "file": meta.get("file", ""),
            "format": meta.get("format", ""), "file_size": int(meta.get("file_size", 0)),
            "file_modified": meta.get("file_modified", ""), "imported": meta.get("imported", ""),
            "rows": int(meta.get("rows", 0)), "votes": found.votes,
            "not_members": int(meta.get("not_members", 0)),
            "repeats": int(meta.get("repeats", 0)), "skipped": int(meta.get("skipped", 0)),
            "roll_calls": found.roll_calls, "resolutions": found.resolutions,
            "states": found.states, "first_date": found.first_date,
            "last_date": found.last_date, "mismatched": found.mismatched,
            "mismatches": [{"resolution": m.symbol, "record": m.record, "date": m.date,
                            "counted": list(m.counted[:3]), "recorded": list(m.expected[:3])}
                           for m in found.mismatches]}


def recorded_vote_obj(v: RecordedVote, country: str) -> Obj:
    return {"date": v.date, "resolution": v.symbol, "title": v.title, "country": country,
            "vote": v.votes[country]}


def figures_obj(p: Period) -> Obj:
    """The figures of one span of roll calls, as `period_obj` gives them."""
    return {"n": p.n, "agreement": rounded(p.agreement), "index": rounded(p.index_of_agreement),
            "non_votes": p.non_votes, "coincidence": rounded(p.coincidence), "yes_no": p.yes_no}


def members_obj(side: str, s: Side) -> list[Obj]:
    return [{"side": side, "bloc": s.name, "country": m.country, "since": _text(m.since),
             "until": _text(m.until), "status": _text(m.status)} for m in s.members]


def parted_obj(p: Parted) -> Obj:
    return {"date": p.date, "resolution": p.symbol, "record": _text(p.record),
            "title": p.title, "a": p.a, "b": p.b, "yes": p.yes, "no": p.no,
            "abstain": p.abstain, "non_voting": p.non_voting, "margin": p.margin}


def compared_obj(c: Compared, limit: int | None = None) -> Obj:
    """Two sides compared: who they are, the figures over every roll call, then the
    sections (at most ``limit`` of the roll calls where they parted)."""
    a, b = c.a, c.b
    return {
        "a": a.name, "a_name": _text(a.title), "a_kind": "bloc" if a.bloc else "state",
        "b": b.name, "b_name": _text(b.title), "b_kind": "bloc" if b.bloc else "state",
        "left_out": _text(a.without or b.without), "first_date": _text(c.first_date),
        "last_date": _text(c.last_date), **figures_obj(c.overall),
        "issues_by": _text(c.issues_by), "parted_total": len(c.parted),
        "members": (members_obj("a", a) if a.bloc else []) + (
            members_obj("b", b) if b.bloc else []),
        "trend": [{c.by: int(p.key) if c.by == "year" else p.key, **figures_obj(p)}
                  for p in c.trend],
        "positions": [{"a": x, "b": y, "count": count} for (x, y), count in c.positions.items()],
        "issues": [{"issue": p.key, **figures_obj(p)} for p in c.issues],
        "parted": [parted_obj(p) for p in c.parted[:limit]],
    }


def dataset_obj(ds: Dataset) -> Obj:
    """The dataset's date, folder and counts, for scripts that check how current it is."""
    quality: dict[str, int] = {}
    for source in ds.sources.values():
        quality[source.quality] = quality.get(source.quality, 0) + 1
    return {"as_of": ds.as_of, "title": ds.title, "folder": ds.folder,
            "sources": len(ds.sources), **{f"sources_{q}": n for q, n in sorted(quality.items())},
            "states": len(ds.countries), "resolutions": len(ds.resolutions),
            "votes": len(ds.votes), "records": len(ds.records)}


def vote_sentence(resolution: Resolution, votes: tuple[CastVote, ...]) -> str:
    """A resolution and the chosen states' votes in one line, for the timeline."""
    t = resolution.totals
    cells = ", ".join(f"{v.country} {vote_text(v.code, v.weak, v.doubtful)}" for v in votes)
    text = (f"UN General Assembly {resolution.code}, {resolution.short} "
            f"(adopted {t.yes}-{t.no}-{t.abstain}): {cells}")
    doubts = [f"{v.country}: {v.note}" for v in votes if v.note]
    return text + (f" (note: {'; '.join(doubts)})" if doubts else "")
