"""Query results as tables: which columns a user sees, and how they stack on a terminal.

Column names are the field names of the plain (tab-separated) output, so they stay the
same whichever command shows a kind of record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rca.analysis import Alignment, Comparison, Moment, differs, highlights
from rca.model import Country, Dataset, Membership, Record, Resolution, Source, Vote
from rca.query import Citation, Profile, ThemeCount, VoteCell, countries_label
from rca.render import Table

if TYPE_CHECKING:
    from rca.history import Period

UNKNOWN = "?"
VOTE_STYLES = {
    "Y": "bold green", "N": "bold red", "A": "yellow", "NV": "dim", UNKNOWN: "dim italic",
}
#: the mark on a vote that rests on a single source
SINGLE = "*"
LEGEND = (
    "Y yes · N no · A abstain · NV did not vote · ? no sourced record in the dataset "
    f"(UN Digital Library codes) · {SINGLE} one source only"
)
LOW = "low confidence"
LOW_LEGEND = (
    f"{LOW}: a weak source (a wiki copy, an aggregator), or a claim other sources contradict"
)

RECORD_COLUMNS = ["Id", "Theme", "Topic", "Kind", "Date", "States", "Statement", "Figures",
                  "Confidence", "Contested", "Note", "Sources"]
#: on a terminal: who, what and when beside what is said and who says so
RECORD_LAYOUT = [
    ("Record", ["Id", "Kind", "Date", "States", "Theme", "Topic", "Confidence"]),
    ("Statement / sources", ["Statement", "Figures", "Contested", "Note", "Sources"]),
]


def vote_cell(vote: Vote | None) -> tuple[str, str]:
    code = vote.vote if vote else UNKNOWN
    mark = SINGLE if vote and len(vote.sources) == 1 else ""
    return code + mark, VOTE_STYLES[code]


def kind_cell(record: Record) -> list[str]:
    """The kind, whose judgement it is, and marks for contested or weakly sourced points."""
    cell = [record.kind]
    if record.by:
        cell.append(f"by {record.by}")
    if record.contested:
        cell.append("contested")
    if record.confidence == "low":
        cell.append(LOW)
    return cell


def record_table(ds: Dataset, title: str, records: list[Record]) -> Table:
    table = Table(title, RECORD_COLUMNS, wide=("Statement",), lines=True, layout=RECORD_LAYOUT)
    for r in records:
        confidence = (r.confidence, "yellow") if r.confidence == "low" else r.confidence
        table.add(r.id, r.theme, r.topic, kind_cell(r), r.date, countries_label(ds, r.countries),
                  r.statement, [f.text for f in r.figures], confidence,
                  (f"contested: {r.contested}", "yellow") if r.contested else "",
                  f"note: {r.note}" if r.note else "", list(r.sources))
    table.caption = marks_legend(records)
    return table


def marks_legend(records: list[Record]) -> str:
    """What the marks in the Kind column mean, for the marks the records carry."""
    parts = []
    if any(r.by for r in records):
        parts.append("by …: whose judgement it is")
    if any(r.contested for r in records):
        parts.append("contested: other sources dispute it (what they say is under Contested, "
                     "or with the record: rca search ID)")
    if any(r.confidence == "low" for r in records):
        parts.append(LOW_LEGEND)
    return " · ".join(parts)


def fact_table(ds: Dataset, title: str, records: list[Record]) -> Table:
    """Standing facts: the topic and the year first, then the fact and its figures."""
    table = record_table(ds, title, records)
    table.layout = [
        ("Topic / year", ["Topic", "Date", "Kind", "Id", "States", "Confidence"]),
        ("Fact / sources", ["Statement", "Figures", "Contested", "Note", "Sources"]),
    ]
    return table


def membership_table(ds: Dataset, memberships: list[tuple[str, Membership | None]]) -> Table:
    table = Table("Memberships", ["Organisation", "Status", "Since", "Note", "Sources"],
                  wide=("Note",), lines=True,
                  layout=[("Organisation", ["Organisation", "Status", "Since"]),
                          ("Note / sources", ["Note", "Sources"])])
    for org_id, membership in memberships:
        org = ds.organisations[org_id]
        label = f"{org.short} ({org.name})"
        if membership is None:
            table.add(label, ("not in the dataset", "dim"), "", "", "")
        else:
            table.add(label, membership.status, membership.since, membership.note,
                      list(membership.sources))
    return table


def profile_tables(ds: Dataset, found: Profile) -> list[Table]:
    votes = Table("UN General Assembly votes",
                  ["Resolution", "Date", "Title", "Vote", "Note", "Sources"],
                  caption=LEGEND, lines=True,
                  layout=[("Resolution", ["Resolution", "Date", "Title"]), ("Vote", ["Vote"]),
                          ("Sources", ["Sources", "Note"])])
    for cell in found.votes:
        r = cell.resolution
        votes.add(r.code, r.date, r.short, vote_cell(cell.vote),
                  cell.vote.note if cell.vote else "",
                  list(cell.vote.sources) if cell.vote else "")
    points = [r for records in found.pressure_points.values() for r in records]
    return [
        membership_table(ds, found.memberships),
        fact_table(ds, "Profile facts", found.facts),
        votes,
        record_table(ds, "Pressure points", points),
        record_table(ds, "Events", found.events),
    ]


def vote_matrix_table(
    states: list[str], rows: list[tuple[Resolution, list[VoteCell]]], sources: bool = False
) -> Table:
    """Resolutions x states; with ``sources``, each row also lists what backs it."""
    extra = ["Sources"] if sources else []
    table = Table("UN General Assembly votes",
                  ["Resolution", "Date", "Title", *states, "Yes", "No", "Abstain", "Non-voting",
                   *extra],
                  caption=LEGEND, lines=True, wide=("Title",),
                  layout=[("Resolution", ["Resolution", "Date", "Title"]),
                          *[(iso3, [iso3]) for iso3 in states],
                          ("Y-N-A", ["Yes", "No", "Abstain"], "-"), ("NV", ["Non-voting"]),
                          *[(name, [name]) for name in extra]])
    notes = []
    for r, cells in rows:
        t = r.totals
        backing = list(r.sources) + [s for c in cells if c.vote for s in c.vote.sources]
        table.add(r.code, r.date, r.short, *[vote_cell(cell.vote) for cell in cells],
                  t.yes, t.no, t.abstain, t.non_voting,
                  *([list(dict.fromkeys(backing))] if sources else []))
        if r.note:
            notes.append(f"{r.code}: {r.note}")
        notes.extend(f"{cell.country} on {r.code}: {cell.vote.note}"
                     for cell in cells if cell.vote and cell.vote.note)
    if notes:
        table.caption += "\nNotes: " + " | ".join(notes)
    return table


def theme_count_table(counts: list[ThemeCount], kinds: tuple[str, ...]) -> Table:
    table = Table("Themes", ["Theme", "Points", *kinds, "Description"], wide=("Description",))
    for count in counts:
        table.add(count.theme.id, count.total, *[count.by_kind.get(k, 0) for k in kinds],
                  count.theme.description)
    return table


def country_list_table(countries: list[Country]) -> Table:
    table = Table("States", ["ISO3", "ISO2", "Name", "Official name", "Capital", "Group",
                             "Also known as"], wide=("Also known as", "Official name"))
    for c in countries:
        table.add(c.iso3, c.iso2, c.name, c.official_name, c.capital, c.group, list(c.aliases))
    return table


def citation(source: Source) -> str:
    """A reference-list entry: who, what, when, where."""
    who = ", ".join(part for part in (source.author, source.publisher) if part)
    parts = [part for part in (who, source.label, source.date_label, source.url) if part]
    text = " ".join(part if part.endswith(".") else f"{part}." for part in parts)
    return f"{text} ({source.note})" if source.note else text


def source_list_table(sources: list[Source], counts: dict[str, int]) -> Table:
    table = Table("Sources", ["Id", "Title", "Author", "Publisher", "Date", "URL", "Cited"],
                  wide=("Title",),
                  layout=[("Id", ["Id", "Date"]), ("Title", ["Title", "Author", "Publisher"]),
                          ("URL", ["URL"]), ("Cited", ["Cited"])])
    for s in sources:
        table.add(s.id, s.label, s.author, s.publisher, s.date_label, s.url, counts.get(s.id, 0))
    return table


def source_table(source: Source) -> Table:
    table = Table("", ["Field", "Value"], wide=("Value",))
    for name, value in (("Id", source.id), ("Title", source.title),
                        ("Description", source.description), ("Author", source.author),
                        ("Publisher", source.publisher), ("Date", source.date_label),
                        ("URL", source.url), ("Note", source.note)):
        if value:
            table.add(name, value)
    return table


def cited_by_table(citations: list[Citation]) -> Table:
    table = Table("Cited by", ["What", "Key", "Text"], wide=("Text",))
    for c in citations:
        table.add(c.what, c.key, c.text)
    return table


# -- analysis --------------------------------------------------------------------------

#: the width of the index bar on a terminal
BAR = 15


def ratio_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def bar(value: float | None) -> tuple[str, str]:
    if value is None:
        return "", ""
    filled = round(value * BAR)
    return "█" * filled + "░" * (BAR - filled), "cyan"


def alignment_table(ds: Dataset, rows: list[Alignment], against: str) -> Table:
    name = ds.countries[against].name
    table = Table(f"Voting alignment with {name} ({against})",
                  ["State", "Name", "Index", "Agreement", "n", "Non-votes", "Unknown", "Bar"],
                  caption=ALIGNMENT_LEGEND,
                  layout=[("State", ["State", "Name"], " "), ("Index", ["Index"]),
                          ("Bar", ["Bar"]), ("Agreement", ["Agreement"]), ("n", ["n"]),
                          ("NV", ["Non-votes"]), ("Unknown", ["Unknown"])])
    for a in rows:
        table.add(a.country, ds.countries[a.country].name, ratio_text(a.index_of_agreement),
                  ratio_text(a.agreement), a.n, a.non_votes, a.unknown,
                  bar(a.index_of_agreement))
    return table


ALIGNMENT_LEGEND = (
    "Index: (identical votes + half of those where exactly one side abstained) / n. "
    "Agreement: identical votes / n. n: resolutions where both voted Y, N or A, so n "
    "differs from state to state (choose resolutions with -r to compare like with like). "
    "Non-votes (NV): left out because either side did not vote; Unknown: left out because "
    "the dataset has no sourced vote for either side. – : nothing to count."
)


COMPARE_LEGEND = (
    "≠ the states differ · ? a vote the dataset has no source for (not counted as a "
    "difference) · * a vote that rests on one source"
)


def fact_summary(record: Record) -> str:
    """A profile fact in a few words: its figures (or its id), with its marks."""
    marks = [mark for mark, on in (("contested", bool(record.contested)),
                                   ("low confidence", record.confidence == "low")) if on]
    text = "; ".join(f.text for f in record.figures)
    text = f"{text} [{record.id}]" if text else record.id
    return f"{text} ({', '.join(marks)})" if marks else text


def comparison_tables(ds: Dataset, c: Comparison) -> list[Table]:
    """One table per part; "≠" marks rows whose known values differ, "?" unknown ones."""

    def table(title: str, first: str, detail: str = "", marked: bool = True,
              wide: bool = True) -> Table:
        return Table(title, [first, *([detail] if detail else []), *c.countries,
                             *(["Differs"] if marked else [])],
                     wide=tuple(c.countries) if wide else (), lines=True, caption=COMPARE_LEGEND)

    def mark(values: list[Any], uncertain: bool) -> Any:
        return ("≠", "bold yellow") if differs(values) else "?" if uncertain else ""

    members = table("Memberships", "Organisation")
    for org, row in c.memberships.items():
        keys = [(m.status, m.since) if m else None for m in row.values()]
        style = "bold yellow" if differs(keys) else ""
        cells = [([f"{m.status}" + (f" since {m.since}" if m.since else ""),
                   *([m.note] if m.note else [])] if m else ["not in the dataset"], style)
                 for m in row.values()]
        members.add(ds.organisations[org].short, *cells, mark(keys, None in keys))
    facts = table("Profile facts", "Topic", marked=False)
    facts.caption = marks_legend([r for row in c.facts.values() for rs in row.values()
                                  for r in rs])
    for topic, frow in c.facts.items():
        facts.add(topic, *[[fact_summary(r) for r in records] for records in frow.values()])
    votes = table("UN General Assembly votes", "Resolution", "Date", wide=False)
    for symbol, vrow in c.votes.items():
        codes = [v.vote if v else None for v in vrow.values()]
        style = "bold yellow" if differs(codes) else ""
        resolution = ds.resolutions[symbol]
        votes.add(resolution.code, resolution.date,
                  *[(vote_cell(v)[0], style or vote_cell(v)[1]) for v in vrow.values()],
                  mark(codes, None in codes))
    points = table("Pressure points", "Theme")
    for theme, prow in c.pressure_points.items():
        counts = [len(records) for records in prow.values()]
        style = "bold yellow" if differs(counts) else ""
        points.add(theme, *[([f"{len(rs)}", *[r.id for r in rs]], style)
                            for rs in prow.values()], mark(counts, False))
    return [members, facts, votes, points]


def timeline_table(moments: list[Moment]) -> Table:
    table = Table("Timeline", ["Date", "What", "Key", "States", "Text", "Sources"],
                  wide=("Text",), lines=True,
                  layout=[("Date", ["Date", "What"]), ("Key", ["Key", "States"]),
                          ("Text / sources", ["Text", "Sources"])])
    for m in moments:
        style = "bold" if m.what == "vote" else ""
        table.add(m.date, m.what, m.key, ", ".join(m.states), (m.text, style), list(m.sources))
    if any(m.what == "vote" for m in moments):
        table.caption = LEGEND
    return table


def search_table(ds: Dataset, records: list[Record], words: list[str]) -> Table:
    """The matching records with every column of a statement table, words highlighted."""
    table = record_table(ds, "Matches", records)
    at = table.columns.index("Statement")
    for row, record in zip(table.rows, records, strict=True):
        row[at] = (record.statement, "", highlights(words, record.statement))
    return table


def signpost_table(ds: Dataset, scenario: Record) -> Table:
    table = Table("Signposts: what would show it unfolding",
                  ["Record", "Kind", "Date", "States", "Statement", "Reading", "By", "Sources"],
                  wide=("Statement", "Reading"), lines=True,
                  layout=[("Record", ["Record", "Kind", "Date", "States"]),
                          ("Statement / sources", ["Statement", "Sources"]),
                          ("Reading (a judgement)", ["Reading", "By"])])
    records = {r.id: r for r in ds.records}
    for s in scenario.signposts:
        r = records[s.record]
        table.add(r.id, kind_cell(r), r.date, countries_label(ds, r.countries), r.statement,
                  s.reading, f"by {s.by}", list(r.sources))
    return table


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float | None]) -> str:
    """One character per value from 0 to 1; a space where there is nothing to count."""
    return "".join(" " if v is None else SPARKS[round(v * (len(SPARKS) - 1))] for v in values)


def history_alignment_tables(found: list[Period], by: str, against: str) -> list[Table]:
    """A chart line per state (index over time), then every figure."""
    states = list(dict.fromkeys(p.country for p in found))
    keys = sorted({p.key for p in found}, key=lambda k: (len(k), k) if by == "year" else k)
    if by == "session":
        keys = sorted(keys, key=lambda k: (not k.isdigit(), int(k) if k.isdigit() else 0, k))
    chart = Table(f"Index of agreement with {against}, by {by}",
                  ["State", "From", "To", "Chart", "Mean index"], whole=("Chart",),
                  caption="Chart: one mark per " + by + ", ▁ = 0 to █ = 1; "
                  "a space where nothing could be counted.")
    for state in states:
        mine = {p.key: p for p in found if p.country == state}
        values = [mine[k].index_of_agreement if k in mine else None for k in keys]
        known = [v for v in values if v is not None]
        mean = sum(known) / len(known) if known else None
        chart.add(state, keys[0] if keys else "", keys[-1] if keys else "",
                  (sparkline(values), "cyan"), ratio_text(mean))
    figures = Table("Figures", ["State", by.capitalize(), "n", "Agreement", "Index",
                                "Non-votes"])
    for p in found:
        figures.add(p.country, p.key, p.n, ratio_text(p.agreement),
                    ratio_text(p.index_of_agreement), p.non_votes)
    return [chart, figures]
