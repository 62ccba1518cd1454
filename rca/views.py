"""Query results as tables: which columns a user sees, and how they stack on a terminal.

Column names are the field names of the plain (tab-separated) output, so they stay the
same whichever command shows a kind of record.
"""

from __future__ import annotations

from rca.model import Country, Dataset, Figure, Membership, Record, Resolution, Vote
from rca.query import Profile, ThemeCount, VoteCell, countries_label
from rca.render import Table

UNKNOWN = "?"
VOTE_STYLES = {
    "Y": "bold green", "N": "bold red", "A": "yellow", "NV": "dim", UNKNOWN: "dim italic",
}
LEGEND = (
    "Y yes · N no · A abstain · NV did not vote · ? no sourced record in the dataset "
    "(UN Digital Library codes)"
)

RECORD_COLUMNS = ["Id", "Theme", "Kind", "Date", "States", "Statement", "Figures", "Contested",
                  "Note", "Sources"]
#: on a terminal: who, what and when beside what is said and who says so
RECORD_LAYOUT = [
    ("Record", ["Id", "Kind", "Date", "States", "Theme"]),
    ("Statement / sources", ["Statement", "Figures", "Contested", "Note", "Sources"]),
]


def vote_cell(vote: Vote | None) -> tuple[str, str]:
    code = vote.vote if vote else UNKNOWN
    return code, VOTE_STYLES[code]


def kind_cell(record: Record) -> list[str]:
    """The kind, whose judgement it is, and whether other sources contest it."""
    cell = [record.kind]
    if record.by:
        cell.append(f"by {record.by}")
    if record.contested:
        cell.append("contested")
    return cell


def figure_text(figure: Figure) -> str:
    value = int(figure.value) if float(figure.value).is_integer() else figure.value
    text = f"{value:,} {figure.unit} (as of {figure.as_of})"
    return f"{text}: '{figure.wording}'" if figure.wording else text


def record_table(ds: Dataset, title: str, records: list[Record]) -> Table:
    table = Table(title, RECORD_COLUMNS, wide=("Statement",), lines=True, layout=RECORD_LAYOUT)
    for r in records:
        table.add(r.id, r.theme, kind_cell(r), r.date, countries_label(ds, r.countries),
                  r.statement, [figure_text(f) for f in r.figures],
                  (f"contested: {r.contested}", "yellow") if r.contested else "",
                  f"note: {r.note}" if r.note else "", list(r.sources))
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
        votes,
        record_table(ds, "Pressure points", points),
        record_table(ds, "Events", found.events),
    ]


def vote_matrix_table(states: list[str], rows: list[tuple[Resolution, list[VoteCell]]]) -> Table:
    table = Table("UN General Assembly votes",
                  ["Resolution", "Date", "Title", *states, "Yes", "No", "Abstain", "Non-voting"],
                  caption=LEGEND, lines=True,
                  layout=[("Resolution", ["Resolution", "Date", "Title"]),
                          *[(iso3, [iso3]) for iso3 in states],
                          ("Y-N-A", ["Yes", "No", "Abstain"], "-"), ("NV", ["Non-voting"])])
    notes = []
    for r, cells in rows:
        t = r.totals
        table.add(r.code, r.date, r.short, *[vote_cell(cell.vote) for cell in cells],
                  t.yes, t.no, t.abstain, t.non_voting)
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
