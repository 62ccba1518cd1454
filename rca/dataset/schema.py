"""What each data file may hold: its fields, their types and what they refer to.

The validator enforces these rules and nothing else; the README documents them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rca.model import CONFIDENCE, KINDS, MEMBERSHIP_STATUSES, QUALITIES, TOPICS, VOTE_CODES


@dataclass(frozen=True)
class Field:
    """One field of a record.

    ``type`` is one of: ``str``, ``id``, ``iso3``, ``iso2``, ``symbol``, ``claim``,
    ``date``, ``url``, ``int``, ``number``, ``bool``, ``strs`` (a list of strings),
    ``states`` (a list of states, or the single word ``region``),
    ``map`` (a nested record, see ``fields``) or ``maps`` (a list of them).
    ``ref`` names the kind of record the value (or each list item) must point at.
    """

    type: str
    required: bool = True
    choices: tuple[str, ...] = ()
    ref: str = ""
    fields: dict[str, Field] = field(default_factory=dict)
    help: str = ""


@dataclass(frozen=True)
class Kind:
    """A kind of record and the file that holds a list of them."""

    name: str
    file: str
    key: tuple[str, ...]
    fields: dict[str, Field]
    help: str = ""


SOURCES = Field("strs", ref="source", help="ids of the sources in sources.yaml (at least one)")

KINDS_OF_RECORD: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "dataset",
            "dataset.yaml",
            ("as_of",),
            {
                "as_of": Field("date", help="the day the dataset was last brought up to date"),
                "title": Field("str"),
                "note": Field("str", False),
            },
            "the dataset itself: what it is and how current (exactly one entry)",
        ),
        Kind(
            "source",
            "sources.yaml",
            ("id",),
            {
                "id": Field("id"),
                "title": Field("str", False, help="the work's own title"),
                "description": Field("str", False, help="what the work is, where it has no title"),
                "author": Field("str", False),
                "publisher": Field("str", False),
                "date": Field("date", False, help="publication date; absent means n.d."),
                "date_estimated": Field("bool", False),
                "url": Field("url", False),
                "quality": Field(
                    "str", choices=QUALITIES,
                    help="primary: the UN's own record or an official text; reference: a "
                    "scholarly dataset or reference work; news: a news agency or newspaper; "
                    "weak: a forum, blog, aggregator, mirror, anonymous or temporary site",
                ),
                "note": Field("str", False),
            },
            "a work cited by other records",
        ),
        Kind(
            "country",
            "countries.yaml",
            ("iso3",),
            {
                "iso3": Field("iso3"),
                "iso2": Field("iso2"),
                "name": Field("str"),
                "official_name": Field("str"),
                "capital": Field("str"),
                "group": Field("str", choices=("central-asia", "russia", "comparator")),
                "aliases": Field("strs", False),
                "native_names": Field(
                    "maps",
                    False,
                    fields={
                        "name": Field("str", help="the name as written in its own script"),
                        "language": Field("str", help="the language, e.g. Kazakh, Russian"),
                        "sources": SOURCES,
                    },
                    help="the state's name in Russian and its national languages",
                ),
                "sources": SOURCES,
            },
            "a state",
        ),
        Kind(
            "organisation",
            "organisations.yaml",
            ("id",),
            {
                "id": Field("id"),
                "short": Field("str"),
                "name": Field("str"),
                "sources": SOURCES,
            },
            "an international organisation",
        ),
        Kind(
            "membership",
            "memberships.yaml",
            ("org", "country"),
            {
                "org": Field("id", ref="organisation"),
                "country": Field("iso3", ref="country"),
                "status": Field("str", choices=MEMBERSHIP_STATUSES),
                "since": Field("date", False),
                "note": Field("str", False),
                "sources": SOURCES,
            },
            "a state's standing in an organisation",
        ),
        Kind(
            "resolution",
            "resolutions.yaml",
            ("symbol",),
            {
                "symbol": Field("symbol"),
                "short": Field("str"),
                "date": Field("date"),
                "title": Field("str"),
                "totals": Field(
                    "map",
                    fields={
                        "yes": Field("int"),
                        "no": Field("int"),
                        "abstain": Field("int"),
                        "non_voting": Field("int"),
                    },
                ),
                "record": Field("int", False, help="UN Digital Library record number"),
                "document": Field("url", False, help="the text, if the symbol is known"),
                "draft": Field("str", False, help="the draft's symbol, e.g. A/ES-11/L.16/Rev.1"),
                "meeting": Field("str", False, help="the plenary meeting, e.g. A/ES-11/PV.23"),
                "press_release": Field("url", False, help="the UN press release of the meeting"),
                "symbol_confirmed": Field("bool", False),
                "note": Field("str", False),
                "sources": SOURCES,
            },
            "a UN General Assembly resolution adopted by recorded vote",
        ),
        Kind(
            "vote",
            "votes.yaml",
            ("resolution", "country"),
            {
                "resolution": Field("symbol", ref="resolution"),
                "country": Field("iso3", ref="country"),
                "vote": Field("str", choices=tuple(VOTE_CODES)),
                "note": Field("str", False, help="a doubt about this vote, and why"),
                "contested": Field("str", False, help="what other sources report instead"),
                "weak_only": Field(
                    "bool", False,
                    help="true where no source stronger than a weak one is known for this vote",
                ),
                "sources": SOURCES,
            },
            "one state's vote on one resolution",
        ),
        Kind(
            "theme",
            "themes.yaml",
            ("id",),
            {
                "id": Field("id"),
                "name": Field("str"),
                "description": Field("str"),
            },
            "a group of pressure points",
        ),
        Kind(
            "record",
            "records.yaml",
            ("id",),
            {
                "id": Field("id"),
                "kind": Field("str", choices=KINDS),
                "theme": Field("id", ref="theme"),
                "countries": Field(
                    "states", ref="country", help="ISO alpha-3 codes, or the single word region"
                ),
                "date": Field("date", False, help="when it happened or what it refers to"),
                "statement": Field("str"),
                "by": Field("str", False, help="whose judgement (assessments and scenarios)"),
                "claim": Field("claim", False, help="the commentary's claim number, C01 to C23"),
                "contested": Field("str", False, help="what other sources dispute, and how"),
                "note": Field("str", False, help="what a reader should know to read it right"),
                "topic": Field(
                    "str", False, choices=TOPICS, help="for profile facts: what the fact is about"
                ),
                "confidence": Field(
                    "str",
                    False,
                    choices=CONFIDENCE,
                    help="high: two or more agreeing sources; medium: one reputable source; "
                    "low: a weak source, or one that others contradict",
                ),
                "figures": Field(
                    "maps",
                    False,
                    fields={
                        "measures": Field(
                            "str", False,
                            help="what the number is of, in a few words ('Russians in the "
                            "population', 'remittances'); required where the state's summary "
                            "can show the figure: facts with a topic other than membership",
                        ),
                        "value": Field("number"),
                        "unit": Field("str", help="the unit alone: percent, km, USD billion"),
                        "as_of": Field("date"),
                        "wording": Field("str", False, help="the source's own words"),
                        "note": Field("str", False, help="what the figure counts, and caveats"),
                    },
                ),
                "builds_on": Field(
                    "strs", False, ref="record",
                    help="scenarios: ids of the assessments the scenario follows from",
                ),
                "signposts": Field(
                    "maps",
                    False,
                    fields={
                        "record": Field("id", ref="record", help="a sourced record"),
                        "reading": Field("str", help="what it would tell about the scenario"),
                        "by": Field("str", help="whose reading it is"),
                    },
                    help="scenarios: sourced records that would show whether it is unfolding",
                ),
                "sources": SOURCES,
            },
            "a statement: a fact, an event, an assessment or a scenario",
        ),
    )
}

KIND_BY_FILE = {kind.file: kind for kind in KINDS_OF_RECORD.values()}
