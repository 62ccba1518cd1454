"""The dataset as immutable records. Nothing here knows that YAML exists."""

from __future__ import annotations

from dataclasses import dataclass, field

#: UN Digital Library vote codes and what they mean.
VOTE_CODES = {"Y": "yes", "N": "no", "A": "abstain", "NV": "did not vote"}
KINDS = ("fact", "event", "assessment", "scenario")
TOPICS = ("membership", "military", "border", "population", "language", "economy")
CONFIDENCE = ("high", "medium", "low")
MEMBERSHIP_STATUSES = (
    "member", "founding member", "associate", "observer", "suspended", "non-member",
)
REGION = "region"


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str = ""
    title: str = ""
    description: str = ""
    author: str = ""
    date: str = ""
    date_estimated: bool = False
    url: str = ""
    note: str = ""

    @property
    def label(self) -> str:
        """The title, or the description in brackets where the work has no known title."""
        return self.title or f"[{self.description}]"

    @property
    def date_label(self) -> str:
        if not self.date:
            return "n.d."
        return f"{self.date} (estimated)" if self.date_estimated else self.date


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name: str
    official_name: str
    capital: str
    group: str
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Organisation:
    id: str
    short: str
    name: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Membership:
    org: str
    country: str
    status: str
    since: str = ""
    note: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Totals:
    yes: int
    no: int
    abstain: int
    non_voting: int

    def __str__(self) -> str:
        return f"{self.yes}-{self.no}-{self.abstain}, {self.non_voting} NV"


@dataclass(frozen=True)
class Resolution:
    symbol: str
    short: str
    date: str
    title: str
    totals: Totals
    document: str = ""
    record: int = 0
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


@dataclass(frozen=True)
class Vote:
    resolution: str
    country: str
    vote: str
    note: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Figure:
    value: float
    unit: str
    as_of: str
    wording: str = ""
    note: str = ""


@dataclass(frozen=True)
class Record:
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

    @property
    def region_wide(self) -> bool:
        return self.countries == (REGION,)


@dataclass(frozen=True)
class Dataset:
    sources: dict[str, Source]
    countries: dict[str, Country]
    organisations: dict[str, Organisation]
    memberships: tuple[Membership, ...]
    resolutions: dict[str, Resolution]
    votes: dict[tuple[str, str], Vote]
    themes: dict[str, Theme]
    records: tuple[Record, ...]
    folder: str = field(default="", compare=False)
