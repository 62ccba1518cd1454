"""Answers as typed values: the one field list of every kind of answer.

Each kind of answer is a frozen record class (`answer`); its fields, in order, are the json and
yaml keys, the csv and tsv header and what ``--fields`` chooses from. A command builds its
answer here and hands it to the output, which writes it in a machine format (`plain`) or draws
tables from it; being frozen, an answer cannot have a display cell written into it. An answer
reads like a mapping (``row["vote"]``) so that a table can name its columns by field.

The names are part of rca's interface: scripts depend on them, and the README lists them.
Every answer of a kind has every field, empty ones as null (or an empty list). A field made
with ``part(spread=True)`` holds fields named by the data (a state's code, a kind of
record), written in its place.

`answer` is a dataclass without the cost: the standard library's dataclasses compile methods
for each class when it is defined, which for these forty kinds was a third of rca's start-up;
here every kind shares one ``__init__``, and type checkers see a frozen dataclass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from rca.model import (
    KINDS,
    REGION,
    Country,
    Dataset,
    Figure,
    Membership,
    Record,
    Resolution,
    Source,
)
from rca.query.profile import Profile, ThemeCount, VoteCell, doubtful, rests_on_weak
from rca.text import vote_text

if TYPE_CHECKING:
    from typing import dataclass_transform

    from rca.history import Period, RecordedVote, Status
    from rca.history.compare import Compared, Parted, Side
    from rca.query.compare import Comparison
    from rca.query.search import Hit
    from rca.query.sources import Citation
    from rca.query.timeline import CastVote, Moment
    from rca.query.votes import Alignment, Uncertain
else:
    def dataclass_transform(**_: Any) -> Any:
        return lambda decorator: decorator

Obj = Mapping[str, Any]
#: the imported UN record's vote per (resolution symbol, state); empty without an import
UNRecord = Mapping[tuple[str, str], "str | None"]
Kind = TypeVar("Kind", bound="type[Result]")


class _Part:
    __slots__ = ("factory", "spread")

    def __init__(self, factory: Callable[[], Any], spread: bool) -> None:
        self.factory, self.spread = factory, spread


def part(*, default_factory: Callable[[], Any] = dict, spread: bool = False) -> Any:
    """A field whose default is made anew for each answer; ``spread``: a dict of fields
    named by the data, written in the field's place."""
    return _Part(default_factory, spread)


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


@dataclass_transform(frozen_default=True, field_specifiers=(part,))
def answer(cls: Kind) -> Kind:
    """Make ``cls`` a kind of answer: its annotated fields, in order, with their defaults."""
    if cls.__bases__ != (Result,):
        raise TypeError(f"{cls.__name__}: an answer is made from Result alone")
    names: list[str] = []
    spread: list[str] = []
    defaults: dict[str, Callable[[], Any]] = {}
    for name, hint in cls.__dict__.get("__annotations__", {}).items():
        if str(hint).startswith(("ClassVar", "typing.ClassVar")):
            continue
        names.append(name)
        value = cls.__dict__.get(name, _Part)
        if isinstance(value, _Part):
            defaults[name] = value.factory
            spread += [name] if value.spread else []
            delattr(cls, name)
        elif isinstance(value, (list, dict, set)):  # one object shared by every answer
            raise TypeError(f"{cls.__name__}.{name}: a list, dict or set default needs part()")
        elif value is not _Part:
            defaults[name] = _constant(value)
    cls._names, cls._spread, cls._defaults = tuple(names), tuple(spread), defaults
    return cls


class Result(Mapping[str, Any]):
    """A typed answer: its fields, read by name as a mapping, in order; frozen."""

    #: the list fields of a single answer, written as sections in csv and markdown
    SECTIONS: ClassVar[tuple[str, ...]] = ()
    _names: ClassVar[tuple[str, ...]] = ()
    _spread: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Callable[[], Any]]] = {}
    #: fields left out of the answer when they are None (the parts of a profile not asked for)
    _optional: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if any(base is not Result and issubclass(base, Result) for base in cls.__bases__):
            raise TypeError(f"{cls.__name__}: an answer is made from Result alone")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        names = self._names
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__} takes {len(names)} fields")
        values = dict(zip(names, args, strict=False))
        for name, value in kwargs.items():
            if name not in names or name in values:
                raise TypeError(f"{type(self).__name__}: unexpected or repeated {name!r}")
            values[name] = value
        for name in names[len(args):]:
            if name not in values:
                if name not in self._defaults:
                    raise TypeError(f"{type(self).__name__} needs {name!r}")
                values[name] = self._defaults[name]()
        if self._spread:  # a field named twice would be written twice
            keys = [key for key, _ in self._pairs_of(values)]
            if len(keys) != len(set(keys)):
                raise ValueError(f"{type(self).__name__}: a field is named twice in {keys}")
        object.__setattr__(self, "__dict__", values)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"an answer is frozen: {type(self).__name__}.{name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"an answer is frozen: {type(self).__name__}.{name}")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self._pairs())})"

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The field names every answer of this kind has (a spread field's are the data's)."""
        return tuple(name for name in cls._names if name not in cls._spread)

    def _pairs(self) -> Iterator[tuple[str, Any]]:
        return self._pairs_of(self.__dict__)

    def _pairs_of(self, values: dict[str, Any]) -> Iterator[tuple[str, Any]]:
        for name in self._names:
            if name in self._spread:
                yield from values[name].items()
            elif values[name] is not None or name not in self._optional:
                yield name, values[name]

    def __getitem__(self, key: str) -> Any:
        values = self.__dict__
        if key in values and key not in self._spread:
            if values[key] is None and key in self._optional:
                raise KeyError(key)
            return values[key]
        for name in self._spread:
            if key in values[name]:
                return values[name][key]
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self._pairs())

    def __len__(self) -> int:
        return sum(1 for _ in self._pairs())


def plain(value: Any) -> Any:
    """An answer as plain data (dicts, lists, texts, numbers) for the machine formats."""
    if isinstance(value, Result):
        return {name: plain(item) for name, item in value._pairs()}
    if isinstance(value, Mapping):
        return {name: plain(item) for name, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def _text(value: str) -> str | None:
    return value or None


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


@answer
class FigureRow(Result):
    measures: str | None
    value: float | int | None
    unit: str
    as_of: str
    wording: str | None
    note: str | None


def figure_obj(figure: Figure) -> FigureRow:
    return FigureRow(_text(figure.measures), figure.number, figure.unit, figure.as_of,
                     _text(figure.wording), _text(figure.note))


@answer
class RecordRow(Result):
    """A statement: a fact, event, assessment or scenario."""

    id: str
    theme: str
    topic: str | None
    kind: str
    date: str | None
    countries: Any  # a list of ISO codes, or "region"
    statement: str
    by: str | None
    claim: str | None
    confidence: str | None
    contested: str | None
    note: str | None
    figures: list[FigureRow]
    sources: list[str]


def record_obj(record: Record) -> RecordRow:
    countries = REGION if record.region_wide else list(record.countries)
    return RecordRow(record.id, record.theme, _text(record.topic), record.kind,
                     _text(record.date), countries, record.statement, _text(record.by),
                     _text(record.claim), _text(record.confidence), _text(record.contested),
                     _text(record.note), [figure_obj(f) for f in record.figures],
                     list(record.sources))


@answer
class HitRow(Result):
    """A search hit. ``by``: whose judgement it is; ``contested``: what other sources say;
    ``matched``: the fields a word of the query was found in; ``found``: the text of each
    of them besides ``text``, ``by``, ``contested`` and the ids (of every field, when the
    query was the item's id)."""

    kind: str
    id: str
    date: str | None
    countries: Any
    theme: str | None
    by: str | None
    text: str
    contested: str | None
    matched: list[str]
    found: dict[str, str]
    sources: list[str]
    score: float


def hit_obj(hit: Hit) -> HitRow:
    from rca.query.search import field_text

    item = hit.item
    countries: Any = REGION if item.countries == (REGION,) else list(item.countries)
    shown = {f.name for f in item.fields} if hit.tier == 0 else set(hit.matched)
    found = {f.name: f.text for f in item.fields
             if f.name in shown and f.text and f.column != "ident"
             and f.name not in (item.main, "by", "contested")}
    return HitRow(item.kind, item.id, _text(item.date), countries, _text(item.theme),
                  _text(field_text(item, "by")), field_text(item, item.main),
                  _text(field_text(item, "contested") if item.main != "contested" else ""),
                  list(hit.matched), found, list(item.sources), round(hit.score, 3))


@answer
class VoteRow(Result):
    """One state's vote on one resolution; ``vote`` is null where the dataset has none;
    ``doubtful``: the dataset notes a doubt or a contested report; ``un_record``: the
    imported UN file's vote (null without an import, or where the file has none)."""

    resolution: str
    date: str
    title: str
    short: str
    country: str
    vote: str | None
    weak_sources_only: bool | None
    doubtful: bool | None
    note: str | None
    contested: str | None
    sources: list[str]
    un_record: str | None


def vote_obj(ds: Dataset, cell: VoteCell, record: UNRecord | None = None) -> VoteRow:
    r, v = cell.resolution, cell.vote
    return VoteRow(r.symbol, r.date, r.title, r.short, cell.country, v.vote if v else None,
                   rests_on_weak(ds, v) if v else None, doubtful(v) if v else None,
                   _text(v.note) if v else None, _text(v.contested) if v else None,
                   list(v.sources) if v else [],
                   (record or {}).get((r.symbol, cell.country)))


@answer
class UncertainRow(Result):
    """An uncertain cell; ``why`` lists ``unknown`` (no sourced vote), or ``weak`` (it
    rests only on weak sources) and ``doubtful`` (a doubt is noted, or a contested report)
    as they apply; ``source_quality`` gives the quality of each source, by id."""

    country: str
    resolution: str
    date: str
    short: str
    vote: str | None
    why: list[str]
    note: str | None
    contested: str | None
    sources: list[str]
    source_quality: dict[str, str | None]
    un_record: str | None


def uncertain_obj(ds: Dataset, found: Uncertain, un_record: str | None) -> UncertainRow:
    r, v = found.cell.resolution, found.cell.vote
    sources = list(v.sources) if v else []
    return UncertainRow(found.cell.country, r.symbol, r.date, r.short, v.vote if v else None,
                        list(found.why), _text(v.note) if v else None,
                        _text(v.contested) if v else None, sources,
                        {s: ds.sources[s].quality if s in ds.sources else None
                         for s in sources}, un_record)


@answer
class ResolutionRow(Result):
    resolution: str
    date: str
    title: str
    short: str
    yes: int | None
    no: int | None
    abstain: int | None
    non_voting: int | None
    draft: str | None
    meeting: str | None
    record: int | None
    record_url: str | None
    document: str | None
    press_release: str | None
    symbol_confirmed: bool
    note: str | None
    sources: list[str]


def resolution_obj(r: Resolution) -> ResolutionRow:
    t = r.totals
    return ResolutionRow(r.symbol, r.date, r.title, r.short, t.yes, t.no, t.abstain,
                         t.non_voting, _text(r.draft), _text(r.meeting), r.record or None,
                         _text(r.record_url), _text(r.document), _text(r.press_release),
                         r.symbol_confirmed, _text(r.note), list(r.sources))


@answer
class MembershipRow(Result):
    organisation: str
    organisation_name: str
    country: str
    status: str | None
    since: str | None
    note: str | None
    sources: list[str]


def membership_obj(ds: Dataset, org_id: str, country: str, m: Membership | None) -> MembershipRow:
    org = ds.organisations[org_id]
    return MembershipRow(org.short, org.name, country, m.status if m else None,
                         _text(m.since) if m else None, _text(m.note) if m else None,
                         list(m.sources) if m else [])


@answer
class CountryRow(Result):
    iso3: str
    iso2: str
    name: str
    official_name: str
    capital: str
    group: str
    aliases: list[str]
    native_names: list[str]
    sources: list[str]


def country_obj(c: Country) -> CountryRow:
    return CountryRow(c.iso3, c.iso2, c.name, c.official_name, c.capital, c.group,
                      list(c.aliases), [n.name for n in c.native_names], list(c.sources))


@answer
class SummaryMembership(Result):
    organisation: str
    status: str | None
    since: str | None


@answer
class CellRow(Result):
    """One state's vote cell, as the summary and the timeline give it."""

    resolution: str
    code: str
    country: str
    vote: str | None
    weak_sources_only: bool | None
    doubtful: bool | None
    sources: list[str]
    un_record: str | None


@answer
class KeyFigure(Result):
    topic: str
    record: str
    figure: FigureRow
    contested: bool
    confidence: str | None


@answer
class Summary(Result):
    """The profile in brief: memberships, votes, points per theme, the key figures."""

    memberships: list[SummaryMembership]
    votes: list[CellRow]
    points_by_theme: dict[str, int]
    key_figures: list[KeyFigure]


@answer
class ProfileAnswer(Result):
    """A state: its own fields, then the lists (sections); ``summary`` only where asked."""

    SECTIONS: ClassVar[tuple[str, ...]] = ("memberships", "votes", "facts", "pressure_points",
                                           "events")

    #: the state's own fields, those of its `CountryRow`
    state: dict[str, Any] = part(default_factory=dict, spread=True)
    memberships: list[MembershipRow] | None = None
    votes: list[VoteRow] | None = None
    facts: list[RecordRow] | None = None
    pressure_points: list[RecordRow] | None = None
    events: list[RecordRow] | None = None
    summary: Summary | None = None

    _optional = ("memberships", "votes", "facts", "pressure_points", "events", "summary")


#: the parts of a profile, in order, as ``--only`` names them, and the json field of each
PROFILE_PARTS = {"summary": "summary", "memberships": "memberships", "facts": "facts",
                 "votes": "votes", "points": "pressure_points", "events": "events"}


def profile_obj(ds: Dataset, found: Profile, parts: tuple[str, ...] = tuple(PROFILE_PARTS),
                record: UNRecord | None = None) -> ProfileAnswer:
    """A state's profile with the ``parts`` asked for (``--only`` names)."""
    c = found.country

    def asked(name: str, make: Any) -> Any:
        return make() if name in parts else None

    return ProfileAnswer(
        dict(country_obj(c)),
        memberships=asked("memberships", lambda: [membership_obj(ds, org, c.iso3, m)
                                                  for org, m in found.memberships]),
        votes=asked("votes", lambda: [vote_obj(ds, cell, record) for cell in found.votes]),
        facts=asked("facts", lambda: [record_obj(r) for r in found.facts]),
        pressure_points=asked("points", lambda: [record_obj(r) for rs in
                                                 found.pressure_points.values() for r in rs]),
        events=asked("events", lambda: [record_obj(r) for r in found.events]),
        summary=asked("summary", lambda: summary_obj(ds, found, record)),
    )


def key_figures(found: Profile) -> list[tuple[Record, Figure]]:
    """Per topic of the state's own profile facts (memberships aside: those whose first
    state it is), the figure of the latest date, with its fact."""
    from rca.dates import date_key

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


def summary_obj(ds: Dataset, found: Profile, record: UNRecord | None = None) -> Summary:
    return Summary(
        [SummaryMembership(ds.organisations[org].short, m.status if m else None,
                           _text(m.since) if m else None) for org, m in found.memberships],
        [CellRow(v.resolution, cell.resolution.code, v.country, v.vote, v.weak_sources_only,
                     v.doubtful, v.sources, v.un_record)
         for cell in found.votes for v in [vote_obj(ds, cell, record)]],
        {theme: len(records) for theme, records in found.pressure_points.items()},
        [KeyFigure(r.topic, r.id, figure_obj(f), bool(r.contested), _text(r.confidence))
         for r, f in key_figures(found)])


@answer
class ThemeRow(Result):
    id: str
    name: str
    description: str
    points: int
    kinds: dict[str, int] = part(default_factory=dict, spread=True)


def theme_count_obj(count: ThemeCount, kinds: tuple[str, ...] = KINDS) -> ThemeRow:
    return ThemeRow(count.theme.id, count.theme.name, count.theme.description, count.total,
                    {kind: count.by_kind.get(kind, 0) for kind in kinds})


@answer
class SourceRow(Result):
    id: str
    title: str | None
    description: str | None
    author: str | None
    publisher: str | None
    date: str | None
    date_estimated: bool
    url: str | None
    quality: str | None
    note: str | None
    #: {"cited": n} in the bibliography
    cited: dict[str, int] = part(default_factory=dict, spread=True)


def source_obj(source: Source, cited: int | None = None) -> SourceRow:
    return SourceRow(source.id, _text(source.title), _text(source.description),
                     _text(source.author), _text(source.publisher), _text(source.date),
                     source.date_estimated, _text(source.url), _text(source.quality),
                     _text(source.note), {} if cited is None else {"cited": cited})


@answer
class CitationRow(Result):
    what: str
    key: str
    text: str


@answer
class SourceAnswer(Result):
    """One source and everything in the dataset that cites it."""

    SECTIONS: ClassVar[tuple[str, ...]] = ("cited_by",)

    source: dict[str, Any] = part(default_factory=dict, spread=True)
    cited_by: list[CitationRow] = part(default_factory=list)


def source_answer(source: Source, cited_by: list[Citation]) -> SourceAnswer:
    return SourceAnswer(dict(source_obj(source)),
                        [CitationRow(c.what, c.key, c.text) for c in cited_by])


@answer
class AlignmentRow(Result):
    """One state's alignment; ``base`` says which resolutions were counted: ``common``
    (those every chosen state has a sourced vote on) or ``own`` (each state's own)."""

    country: str
    name: str
    against: str
    n: int
    agreement: float | None
    index: float | None
    non_votes: int
    unknown: int
    coincidence: float | None
    yes_no: int
    few_votes: bool
    base: str


def alignment_obj(ds: Dataset, a: Alignment, base: str) -> AlignmentRow:
    return AlignmentRow(a.country, ds.countries[a.country].name, a.against, a.n,
                        rounded(a.agreement), rounded(a.index_of_agreement), a.non_votes,
                        a.unknown, rounded(a.coincidence), a.yes_no, a.few_votes, base)


@answer
class ComparedRow(Result):
    """A row of a comparison: what is compared, a value per state under its ISO code,
    whether the known values differ (null where they agree but one is unknown)."""

    first: dict[str, Any] = part(default_factory=dict, spread=True)
    states: dict[str, Any] = part(default_factory=dict, spread=True)
    marks: dict[str, Any] = part(default_factory=dict, spread=True)


@answer
class ComparisonAnswer(Result):
    SECTIONS: ClassVar[tuple[str, ...]] = ("memberships", "facts", "votes", "pressure_points")

    countries: list[str]
    memberships: list[ComparedRow]
    facts: list[ComparedRow]
    votes: list[ComparedRow]
    pressure_points: list[ComparedRow]


def comparison_obj(ds: Dataset, c: Comparison, record: UNRecord | None = None) -> ComparisonAnswer:
    """Rows with a field per state (its ISO code), and whether the known values differ (for
    votes: null when they agree but one is unknown; ``weak_sources_only`` names the states
    whose vote rests on weak sources only, ``doubtful`` those the dataset has a doubt of;
    ``sources`` and ``un_record`` give each state's sources and the imported UN file's vote)."""
    from rca.query.compare import differs, votes_differ

    memberships = []
    for org, row in c.memberships.items():
        keys = [(m.status, m.since) if m else None for m in row.values()]
        memberships.append(ComparedRow(
            {"organisation": ds.organisations[org].short},
            {iso3: {"status": m.status, "since": _text(m.since), "note": _text(m.note)}
             if m else None for iso3, m in row.items()}, {"differs": differs(keys)}))
    facts = [ComparedRow({"topic": topic}, {iso3: [r.id for r in records]
                                            for iso3, records in row.items()})
             for topic, row in c.facts.items()]
    votes = []
    for symbol, vrow in c.votes.items():
        codes = {iso3: v.vote if v else None for iso3, v in vrow.items()}
        votes.append(ComparedRow(
            {"resolution": symbol, "date": ds.resolutions[symbol].date}, codes,
            {"differs": votes_differ(list(codes.values())),
             "weak_sources_only": [iso3 for iso3, v in vrow.items()
                                   if v and rests_on_weak(ds, v)],
             "doubtful": [iso3 for iso3, v in vrow.items() if v and doubtful(v)],
             "sources": {iso3: list(v.sources) if v else [] for iso3, v in vrow.items()},
             "un_record": {iso3: (record or {}).get((symbol, iso3)) for iso3 in vrow}}))
    points = [ComparedRow({"theme": theme}, {iso3: [r.id for r in rs] for iso3, rs in prow.items()},
                          {"differs": differs([len(rs) for rs in prow.values()])})
              for theme, prow in c.pressure_points.items()]
    return ComparisonAnswer(list(c.countries), memberships, facts, votes, points)


@answer
class MomentRow(Result):
    """A moment of the timeline; its ``kind`` and ``id`` are its ``what`` and ``key`` under
    the names statements use; ``votes``: for a vote, each chosen state's cell."""

    date: str
    what: str
    key: str
    states: Any
    text: str
    sources: list[str]
    kind: str
    id: str
    votes: list[CellRow]


def moment_obj(ds: Dataset, m: Moment, record: UNRecord | None = None) -> MomentRow:
    states: Any = REGION if m.states == (REGION,) else list(m.states)
    text = m.text if m.resolution is None else vote_sentence(m.resolution, m.votes)
    votes = []
    if m.resolution is not None:
        r = m.resolution
        for v in m.votes:
            vote = ds.votes.get((r.symbol, v.country))
            votes.append(CellRow(r.symbol, r.code, v.country, v.code, v.weak if v.code else None,
                                     v.doubtful if v.code else None,
                                     list(vote.sources) if vote else [],
                                     (record or {}).get((r.symbol, v.country))))
    return MomentRow(m.date, m.what, m.key, states, text, list(m.sources), m.what, m.key,
                     votes)


def vote_sentence(resolution: Resolution, votes: tuple[CastVote, ...]) -> str:
    """A resolution and the chosen states' votes in one line, for the timeline."""
    t = resolution.totals
    cells = ", ".join(f"{v.country} {vote_text(v.code, v.weak, v.doubtful)}" for v in votes)
    text = (f"UN General Assembly {resolution.code}, {resolution.short} "
            f"(adopted {t.yes}-{t.no}-{t.abstain}): {cells}")
    doubts = [f"{v.country}: {v.note}" for v in votes if v.note]
    return text + (f" (note: {'; '.join(doubts)})" if doubts else "")


@answer
class SignpostRow(Result):
    record: RecordRow
    reading: str
    by: str


@answer
class ScenarioRow(Result):
    """A scenario, what it builds on and its signposts."""

    scenario: dict[str, Any] = part(default_factory=dict, spread=True)
    builds_on: list[RecordRow] = part(default_factory=list)
    signposts: list[SignpostRow] = part(default_factory=list)


def scenario_obj(ds: Dataset, scenario: Record, states: list[str] | None = None) -> ScenarioRow:
    """A scenario (with ``states``, what concerns them or the whole region)."""
    from rca.query.profile import concerns_any

    records = {r.id: r for r in ds.records}
    chosen = states or []
    return ScenarioRow(dict(record_obj(scenario)),
                       [record_obj(records[i]) for i in scenario.builds_on
                        if concerns_any(records[i], chosen)],
                       [SignpostRow(record_obj(records[s.record]), s.reading, s.by)
                        for s in scenario.signposts if concerns_any(records[s.record], chosen)])


@answer
class Figures(Result):
    """The figures of one span of roll calls."""

    n: int
    agreement: float | None
    index: float | None
    non_votes: int
    coincidence: float | None
    yes_no: int


def figures_obj(p: Period) -> Figures:
    return Figures(p.n, rounded(p.agreement), rounded(p.index_of_agreement), p.non_votes,
                   rounded(p.coincidence), p.yes_no)


@answer
class PeriodRow(Result):
    """Alignment over one year, session or period: the span is named by ``by``."""

    country: str
    against: str
    span: dict[str, Any] = part(default_factory=dict, spread=True)
    figures: dict[str, Any] = part(default_factory=dict, spread=True)


def period_obj(p: Period, by: str) -> PeriodRow:
    key: Any = int(p.key) if by == "year" else p.key
    return PeriodRow(p.country, p.against, {by: key}, dict(figures_obj(p)))


@answer
class Mismatch(Result):
    resolution: str
    record: str
    date: str
    counted: list[int | None]
    recorded: list[int | None]


@answer
class StatusAnswer(Result):
    """What is imported. The rows of the file are its votes, plus its rows that record no
    vote (``not_members``: Voeten's code 9), the rows given twice (``repeats``) and the bad
    rows skipped; ``mismatched`` counts the roll calls whose rows miss the totals the file
    records for them, and ``mismatches`` names the first of them."""

    database: str
    file: str
    format: str
    file_size: int
    file_modified: str
    imported: str
    rows: int
    votes: int
    not_members: int
    repeats: int
    skipped: int
    roll_calls: int
    resolutions: int
    states: int
    first_date: str
    last_date: str
    mismatched: int
    mismatches: list[Mismatch]


def status_obj(found: Status) -> StatusAnswer:
    meta = found.meta
    return StatusAnswer(
        str(found.path), meta.get("file", ""), meta.get("format", ""),
        int(meta.get("file_size", 0)), meta.get("file_modified", ""), meta.get("imported", ""),
        int(meta.get("rows", 0)), found.votes, int(meta.get("not_members", 0)),
        int(meta.get("repeats", 0)), int(meta.get("skipped", 0)), found.roll_calls,
        found.resolutions, found.states, found.first_date, found.last_date, found.mismatched,
        [Mismatch(m.symbol, m.record, m.date, list(m.counted[:3]), list(m.expected[:3]))
         for m in found.mismatches])


@answer
class RecordedVoteRow(Result):
    date: str
    resolution: str
    title: str
    country: str
    vote: str


def recorded_vote_obj(v: RecordedVote, country: str) -> RecordedVoteRow:
    return RecordedVoteRow(v.date, v.symbol, v.title, country, v.votes[country])


@answer
class MemberRow(Result):
    side: str
    bloc: str
    country: str
    since: str | None
    until: str | None
    status: str | None


def members_obj(side: str, s: Side) -> list[MemberRow]:
    return [MemberRow(side, s.name, m.country, _text(m.since), _text(m.until), _text(m.status))
            for m in s.members]


@answer
class PartedRow(Result):
    date: str
    resolution: str
    record: str | None
    title: str
    a: str
    b: str
    yes: int
    no: int
    abstain: int
    non_voting: int
    margin: int


def parted_obj(p: Parted) -> PartedRow:
    return PartedRow(p.date, p.symbol, _text(p.record), p.title, p.a, p.b, p.yes, p.no,
                     p.abstain, p.non_voting, p.margin)


@answer
class PositionRow(Result):
    a: str
    b: str
    count: int


@answer
class SpanRow(Result):
    """The figures of a year, session or period (``trend``) or an issue (``issues``)."""

    span: dict[str, Any] = part(default_factory=dict, spread=True)
    figures: dict[str, Any] = part(default_factory=dict, spread=True)


@answer
class ComparedAnswer(Result):
    """Two sides compared: who they are, the figures over every roll call, then the
    sections (at most ``limit`` of the roll calls where they parted)."""

    SECTIONS: ClassVar[tuple[str, ...]] = ("members", "trend", "positions", "issues", "parted")

    a: str
    a_name: str | None
    a_kind: str
    b: str
    b_name: str | None
    b_kind: str
    left_out: str | None
    first_date: str | None
    last_date: str | None
    overall: dict[str, Any] = part(default_factory=dict, spread=True)
    issues_by: str | None = None
    parted_total: int = 0
    members: list[MemberRow] = part(default_factory=list)
    trend: list[SpanRow] = part(default_factory=list)
    positions: list[PositionRow] = part(default_factory=list)
    issues: list[SpanRow] = part(default_factory=list)
    parted: list[PartedRow] = part(default_factory=list)


def compared_obj(c: Compared, limit: int | None = None) -> ComparedAnswer:
    a, b = c.a, c.b
    return ComparedAnswer(
        a.name, _text(a.title), "bloc" if a.bloc else "state",
        b.name, _text(b.title), "bloc" if b.bloc else "state",
        _text(a.without or b.without), _text(c.first_date), _text(c.last_date),
        dict(figures_obj(c.overall)), _text(c.issues_by), len(c.parted),
        (members_obj("a", a) if a.bloc else []) + (members_obj("b", b) if b.bloc else []),
        [SpanRow({c.by: int(p.key) if c.by == "year" else p.key}, dict(figures_obj(p)))
         for p in c.trend],
        [PositionRow(x, y, count) for (x, y), count in c.positions.items()],
        [SpanRow({"issue": p.key}, dict(figures_obj(p))) for p in c.issues],
        [parted_obj(p) for p in c.parted[:limit]],
    )


@answer
class DatasetAnswer(Result):
    """The dataset's date, folder and counts, for scripts that check how current it is."""

    as_of: str
    #: the newest date a record or a vote carries: how far the record runs
    latest: str
    title: str
    folder: str
    sources: int
    #: sources_news, sources_primary, ...
    quality: dict[str, int] = part(default_factory=dict, spread=True)
    states: int = 0
    resolutions: int = 0
    votes: int = 0
    records: int = 0


def dataset_obj(ds: Dataset) -> DatasetAnswer:
    quality: dict[str, int] = {}
    for source in ds.sources.values():
        quality[source.quality] = quality.get(source.quality, 0) + 1
    from rca.dates import date_span

    dated = [r.date for r in ds.records if r.date] + [r.date for r in ds.resolutions.values()]
    latest = max(dated, key=lambda d: date_span(d)[1], default="")
    return DatasetAnswer(ds.as_of, latest, ds.title, ds.folder, len(ds.sources),
                         {f"sources_{q}": n for q, n in sorted(quality.items())},
                         len(ds.countries), len(ds.resolutions), len(ds.votes), len(ds.records))
