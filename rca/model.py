"""The dataset as immutable records. Nothing here knows that YAML exists."""

from __future__ import annotations

from typing import NamedTuple

#: UN Digital Library vote codes and what they mean.
VOTE_CODES = {"Y": "yes", "N": "no", "A": "abstain", "NV": "did not vote"}
KINDS = ("fact", "event", "assessment", "scenario")
TOPICS = ("membership", "military", "border", "population", "language", "economy")
CONFIDENCE = ("high", "medium", "low")
MEMBERSHIP_STATUSES = (
    "member", "founding member", "associate", "observer", "suspended", "non-member",
)
REGION = "region"
#: what a source is worth, strongest first
QUALITIES = ("primary", "reference", "news", "weak")


class Source(NamedTuple):
    id: str
    publisher: str = ""
    title: str = ""
    description: str = ""
    author: str = ""
    date: str = ""
    date_estimated: bool = False
    url: str = ""
    quality: str = ""
    note: str = ""


class Country(NamedTuple):
    iso3: str
    iso2: str
    name: str
    official_name: str
    capital: str
    group: str
    aliases: tuple[str, ...] = ()
    native_names: tuple[NativeName, ...] = ()
    sources: tuple[str, ...] = ()


class NativeName(NamedTuple):
    name: str
    language: str
    sources: tuple[str, ...] = ()


class Organisation(NamedTuple):
    id: str
    short: str
    name: str
    sources: tuple[str, ...] = ()


class Membership(NamedTuple):
    org: str
    country: str
    status: str
    since: str = ""
    note: str = ""
    sources: tuple[str, ...] = ()


class Totals(NamedTuple):
    yes: int
    no: int
    abstain: int
    non_voting: int


class Resolution(NamedTuple):
    symbol: str
    short: str
    date: str
    title: str
    totals: Totals
    document: str = ""
    record: int = 0
    draft: str = ""
    meeting: str = ""
    press_release: str = ""
    symbol_confirmed: bool = True
    note: str = ""
    sources: tuple[str, ...] = ()

    @property
    def code(self) -> str:
        """The symbol without the ``A/RES/`` prefix: ``ES-11/1``, ``68/262``."""
        return self.symbol.removeprefix("A/RES/")

    @property
    def record_url(self) -> str:
        return f"https://digitallibrary.un.org/record/{self.record}" if self.record else ""


class Vote(NamedTuple):
    resolution: str
    country: str
    vote: str
    note: str = ""
    contested: str = ""
    weak_only: bool = False
    sources: tuple[str, ...] = ()


class Theme(NamedTuple):
    id: str
    name: str
    description: str


class Figure(NamedTuple):
    value: float
    unit: str
    as_of: str
    wording: str = ""
    note: str = ""
    measures: str = ""  # what the number is of: "Russians in the population", "remittances"

    @property
    def number(self) -> int | float:
        """The value as written: 238, not 238.0."""
        return int(self.value) if float(self.value).is_integer() else self.value


class Signpost(NamedTuple):
    """A record that would tell whether a scenario is unfolding, and why: a judgement."""

    record: str
    reading: str
    by: str


class Record(NamedTuple):
    """A statement in the dataset: a fact, an event, an assessment or a scenario."""

    id: str
    kind: str
    theme: str
    countries: tuple[str, ...]
    statement: str
    sources: tuple[str, ...]
    date: str = ""
    by: str = ""
    claim: str = ""
    contested: str = ""
    note: str = ""
    figures: tuple[Figure, ...] = ()
    topic: str = ""
    confidence: str = ""
    builds_on: tuple[str, ...] = ()  # scenarios: the assessments they follow from
    signposts: tuple[Signpost, ...] = ()  # scenarios: what would show them unfolding

    @property
    def region_wide(self) -> bool:
        return self.countries == (REGION,)


class Dataset(NamedTuple):
    sources: dict[str, Source]
    countries: dict[str, Country]
    organisations: dict[str, Organisation]
    memberships: tuple[Membership, ...]
    resolutions: dict[str, Resolution]
    votes: dict[tuple[str, str], Vote]
    themes: dict[str, Theme]
    records: tuple[Record, ...]
    folder: str = ""
    as_of: str = ""  # the day the dataset was last brought up to date
    title: str = ""
