"""The tables of each answer, drawn from the answer's plain data (`rca.results`).

A table's fields are the data's field names, so the pipe's header is the json's; what a
terminal adds is a heading per column, colour, marks and a layout that stacks fields.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from rca.model import KINDS, Dataset, Resolution, Vote
from rca.query.profile import VoteCell, doubtful, rests_on_weak
from rca.render.blocks import CITED, SOURCES_FIELD, Shown, Table
from rca.results import HitRow, Obj, UncertainRow
from rca.text import (
    ALIGNMENT_BASES,
    ALIGNMENT_LEGEND,
    ALIGNMENT_LONG_VIEW,
    COMPARE_LEGEND,
    LEGEND,
    LOW,
    NBSP,
    UNCERTAIN_LEGEND,
    VOTE_STYLES,
    bar,
    countries_label,
    doubts_shown,
    fact_marks,
    fact_summary,
    figure_obj_text,
    key_figure_text,
    legend_for,
    marks_legend,
    plural,
    ratio_text,
    shown_code,
    sparkline,
    vote_text,
    with_record,
    yes_no_abstain,
)

if TYPE_CHECKING:
    from rca.history import Period, RecordedVote
    from rca.query.compare import Comparison
    from rca.query.search import Query

#: on a terminal: who, what and when beside what is said and who says so
RECORD_LAYOUT = [
    ("Record", ["id", "kind", "date", "countries", "theme", "topic", "confidence"]),
    ("Statement / sources", ["statement", "figures", "contested", "note", "sources"]),
]
RECORD_TABLE_FIELDS = ["id", "theme", "topic", "kind", "date", "countries", "statement",
                       "figures", "confidence", "contested", "note", "sources"]


def vote_shown(code: str | None, weak: bool | None, doubted: bool = False) -> tuple[str, str]:
    return vote_text(code, bool(weak), doubted), VOTE_STYLES[code or "?"]


def dataset_vote_shown(ds: Dataset, vote: Vote | None) -> tuple[str, str]:
    """A vote of the dataset (None: no sourced vote) as a terminal shows it."""
    if vote is None:
        return vote_shown(None, None)
    return vote_shown(vote.vote, rests_on_weak(ds, vote), doubtful(vote))


def obj_vote_shown(row: Obj) -> tuple[str, str]:
    """A vote cell of an answer (`VoteRow`, `CellRow`) as a terminal shows it: its
    marks, and what the imported UN record says of it."""
    text, style = vote_shown(row["vote"], row["weak_sources_only"], bool(row["doubtful"]))
    return with_record(text, style, row["vote"], row.get("un_record"))


def kind_shown(row: Obj) -> list[str]:
    """The kind, whose judgement it is, and marks for contested or weakly sourced points."""
    cell = [row["kind"]]
    if row.get("by"):
        cell.append(f"by {row['by']}")
    if row.get("contested"):
        cell.append("contested")
    if row.get("confidence") == "low":
        cell.append(LOW)
    return cell


def record_table(ds: Dataset, title: str, rows: Sequence[Obj]) -> Table:
    return Table(
        title, RECORD_TABLE_FIELDS, rows, caption=marks_legend(rows), wide=("statement",),
        lines=True, layout=RECORD_LAYOUT, labels={"countries": "States"},
        tagged=("theme", "topic", "confidence"),
        show={"kind": kind_shown,
              "countries": lambda r: countries_label(ds, r["countries"]),
              "figures": lambda r: [figure_obj_text(f) for f in r["figures"]],
              "confidence": lambda r: (r["confidence"], "yellow")
              if r["confidence"] == "low" else r["confidence"],
              "contested": lambda r: (f"contested: {r['contested']}", "yellow")
              if r["contested"] else "",
              "note": lambda r: f"note: {r['note']}" if r["note"] else ""})


def fact_table(ds: Dataset, title: str, rows: Sequence[Obj]) -> Table:
    """Standing facts: the topic and the year first, then the fact and its figures."""
    table = record_table(ds, title, rows)
    table.layout = [
        ("Topic / year", ["topic", "date", "kind", "id", "countries", "confidence"]),
        ("Fact / sources", ["statement", "figures", "contested", "note", "sources"]),
    ]
    return table


def membership_table(rows: Sequence[Obj]) -> Table:
    return Table(
        "Memberships", ["organisation", "status", "since", "note", "sources"], rows,
        wide=("note",), lines=True,
        layout=[("Organisation", ["organisation", "status", "since"]),
                ("Note / sources", ["note", "sources"])],
        show={"organisation": lambda r: f"{r['organisation']} ({r['organisation_name']})",
              "status": lambda r: r["status"] or ("not in the dataset", "dim")})


def profile_vote_table(rows: Sequence[Obj]) -> Table:
    return Table(
        "UN General Assembly votes", ["resolution", "date", "short", "vote", "note", "sources"],
        rows, caption=legend_for(r["un_record"] for r in rows), lines=True,
        wide=("short", "sources", "note"), labels={"short": "Title"},
        layout=[("Resolution", ["resolution", "date", "short"]), ("Vote", ["vote"]),
                ("Sources", ["sources", "note"])],
        # narrower: the vote under its resolution's symbol, where the eye looks first
        compact=[[("Resolution", ["resolution", "vote", "date", "short"]),
                  ("Sources", ["sources", "note"])],
                 [("Resolution", ["resolution", "vote", "date", "short", "sources", "note"])]],
        tagged=("vote", "sources"),
        show={"resolution": shown_code,
              "vote": obj_vote_shown})


def profile_tables(ds: Dataset, found: Obj, parts: tuple[str, ...]) -> list[Table]:
    tables: dict[str, Callable[[], Table]] = {
        "memberships": lambda: membership_table(found["memberships"]),
        "facts": lambda: fact_table(ds, "Profile facts", found["facts"]),
        "votes": lambda: profile_vote_table(found["votes"]),
        "points": lambda: record_table(ds, "Pressure points", found["pressure_points"]),
        "events": lambda: record_table(ds, "Events", found["events"]),
    }
    return [make() for part, make in tables.items() if part in parts]


def summary_table(summary: Obj, more: str = "") -> Table:
    """The profile at a glance, one line per item: memberships, votes, points, figures;
    ``more`` says below it how to ask for the rest."""
    rows: list[Obj] = []
    for m in summary["memberships"]:
        status = m["status"] or "not in the dataset"
        rows.append({"field": m["organisation"],
                     "value": status + (f" since{NBSP}{m['since']}" if m["since"] else "")})
    # a resolution and its vote are held together: a line never starts with a bare mark
    # and the dot after it stays on its line: a line never starts with a bare ·
    votes = f"{NBSP}· ".join(f"{v['code']} {obj_vote_shown(v)[0]}".replace(" ", NBSP)
                            for v in summary["votes"])
    rows.append({"field": "UN votes", "value": votes})
    points = ", ".join(f"{theme}{NBSP}{count}"  # a theme and its count held together
                       for theme, count in summary["points_by_theme"].items())
    rows.append({"field": "Pressure points", "value": points or "none"})
    for figure in summary["key_figures"]:
        f = figure["figure"]
        marks = fact_marks(figure["contested"], figure["confidence"])
        text = key_figure_text(f)
        rows.append({"field": figure["topic"].capitalize(),
                     "value": text + (f", {', '.join(marks)}" if marks else "")})
    told = "Figures: the latest per topic (with their records and sources: --only facts)"
    lines = [legend_for(v["un_record"] for v in summary["votes"]),
             *([told] if summary["key_figures"] else []), *([more] if more else [])]
    return Table("At a glance", ["field", "value"], rows, wide=("value",),
                 caption="\n".join(lines), header=False)


def _matrix_row(r: Resolution, cells: list[VoteCell]) -> dict[str, Any]:
    """A row of the drawn vote matrix: the resolution, each state's vote under its code,
    the totals and what backs them."""
    t = r.totals
    backing = list(r.sources) + [s for c in cells if c.vote for s in c.vote.sources]
    return {"resolution": r.code, "date": r.date, "title": r.short,
            **{c.country: c.vote.vote if c.vote else None for c in cells},
            "yes": t.yes, "no": t.no, "abstain": t.abstain, "non_voting": t.non_voting,
            "sources": list(dict.fromkeys(backing))}


def vote_matrix_table(ds: Dataset, states: list[str],
                      found: list[tuple[Resolution, list[VoteCell]]],
                      sources: bool = False,
                      record: dict[tuple[str, str], str | None] | None = None) -> Table:
    """Resolutions x states; with ``sources``, each row also lists what backs it. With the
    imported UN ``record``, a vote it confirms is marked, and a cell only it has is shown
    in brackets (it never becomes a vote of the dataset). A terminal too narrow for the
    states as columns gets the matrix turned: states as rows, resolutions as numbered
    columns, and a table naming each number."""
    extra = ["sources"] if sources else []
    rows = []
    resolution_notes = []
    vote_notes = []
    doubted = []
    for resolution, cells in found:
        row = _matrix_row(resolution, cells)
        row["_noted"] = bool(resolution.note)
        if sources:  # the resolution's own sources in its row, each vote's on its cell
            row[SOURCES_FIELD] = list(resolution.sources)
            for cell in cells:
                row[CITED + cell.country] = list(cell.vote.sources) if cell.vote else []
        if resolution.note:
            resolution_notes.append(f"{resolution.code}: {resolution.note}")
        for cell in cells:
            row[f"_{cell.country}"] = _matrix_cell(ds, resolution, cell, record)
            if cell.vote is not None and doubtful(cell.vote):
                doubted.append(f"{cell.country} on {resolution.code}")
                vote_notes.append(f"{cell.country} on {resolution.code}: " + "; ".join(
                    [*([cell.vote.note] if cell.vote.note else []),
                     *([f"contested: {cell.vote.contested}"] if cell.vote.contested else [])]))
        rows.append(row)
    legend = legend_for((record or {}).values())
    notes = "\nNotes: " + " | ".join(resolution_notes + vote_notes) if (
        resolution_notes or vote_notes) else ""
    on_terminal = "\n".join(
        [legend]
        + (["† a note on the resolution: rca resolutions SYMBOL shows it"]
           if resolution_notes else [])
        + doubts_shown(doubted, vote_notes))
    names = " · ".join(f"{iso3} {ds.countries[iso3].name}" for iso3 in states)
    table = Table(
        "UN General Assembly votes",
        ["resolution", "date", "title", *states, "yes", "no", "abstain", "non_voting", *extra,
         "heading", "totals"],
        rows, caption=legend + notes, wide=("title", *extra), terminal_only=("heading", "totals"),
        terminal_caption=f"{names}\n{on_terminal}",
        labels={**{iso3: iso3 for iso3 in states}, "heading": "Resolution"},
        layout=[("Resolution", ["heading", "title"], "  "),
                *[(iso3, [iso3]) for iso3 in states],
                ("Y-N-A", ["yes", "no", "abstain"], "-"), ("NV", ["non_voting"]),
                *[(name.capitalize(), [name]) for name in extra]],
        compact=[[("Resolution", ["heading", "title"]),
                  *[(iso3, [iso3]) for iso3 in states],
                  ("Y-N-A", ["yes", "no", "abstain"], "-"), ("NV", ["non_voting"]),
                  *[(name.capitalize(), [name]) for name in extra]],
                 # narrower: the totals under the title, so that every state keeps its column
                 [("Resolution", ["heading", "title", "totals"]),
                  *[(iso3, [iso3]) for iso3 in states],
                  *[(name.capitalize(), [name]) for name in extra]]],
        show={**{name: _prepared(name) for name in states},
              "heading": _matrix_heading,
              "totals": lambda r: f"Y-N-A:{NBSP}{r['yes']}-{r['no']}-{r['abstain']} · "
                                  f"NV:{NBSP}{r['non_voting']}",
              "title": lambda r: (r["title"], "dim")})
    table.instead = _turned(ds, states, table, legend, on_terminal)
    return table


def uncertain_table(rows: Sequence[Obj], imported: bool) -> Table:
    """The uncertain cells of the vote matrix, one row each: the state and resolution, the
    vote and its marks, why it is uncertain, the doubt, and the sources with their worth."""
    from rca.query.votes import DOUBTFUL, UNKNOWN, WEAK

    counts = {why: sum(why in row["why"] for row in rows) for why in (UNKNOWN, WEAK, DOUBTFUL)}
    tally = ", ".join(f"{n} {why}" for why, n in counts.items() if n)
    record = ("UN record: the imported UN file's vote" if imported else
              "UN record: none, as no UN voting file is imported (rca history import FILE)")
    caption = (f"{plural(len(rows), 'uncertain vote')}" + (f" ({tally})" if tally else "")
               + f"\n{UNCERTAIN_LEGEND}\n{LEGEND}\n{record}")

    return Table(
        "Uncertain votes", [*UncertainRow.names(), "heading"], rows, caption=caption,
        wide=("note", "sources"),
        labels={"un_record": "UN record", "country": "State", "heading": "Resolution",
                "short": "Title"},
        tagged=("un_record", "source_quality"), terminal_only=("heading",),
        layout=[("State", ["country"]), ("Resolution", ["heading"]),
                ("Vote", ["vote", "un_record"]), ("Why", ["why"]),
                ("Title, note / sources",
                 ["short", "note", "contested", "sources", "source_quality"])],
        show={"resolution": shown_code,
              "heading": lambda r: _matrix_heading({**r, "_noted": False,
                                                    "resolution": shown_code(r)}),
              "vote": lambda r: vote_shown(r["vote"], WEAK in r["why"], DOUBTFUL in r["why"]),
              "contested": lambda r: f"contested: {r['contested']}" if r["contested"] else "",
              "source_quality": lambda r: [q or "?" for q in r["source_quality"].values()]})


def _matrix_heading(row: Obj) -> str:
    """The resolution's key, † when it has a note, and its date unless the key has it."""
    mark = "†" if row["_noted"] else ""
    date = "" if row["date"] in row["resolution"] else f"  {row['date']}"
    return f"{row['resolution']}{mark}{date}"


def _matrix_cell(ds: Dataset, resolution: Resolution, cell: VoteCell,
                 record: dict[tuple[str, str], str | None] | None) -> tuple[str, str]:
    text, style = dataset_vote_shown(ds, cell.vote)
    return with_record(text, style, cell.vote.vote if cell.vote else None,
                       (record or {}).get((resolution.symbol, cell.country)))


def _turned(ds: Dataset, states: list[str], matrix: Table, legend: str,
            notes: str) -> list[Table]:
    """The vote matrix on its side: a row per state, a numbered column per resolution."""
    keys = [str(number) for number in range(1, len(matrix.rows) + 1)]
    rows = [{"country": iso3, "name": ds.countries[iso3].name,
             **{key: row[f"_{iso3}"] for key, row in zip(keys, matrix.rows, strict=True)},
             **{CITED + key: row[CITED + iso3] for key, row in zip(keys, matrix.rows,
                                                                   strict=True)
                if CITED + iso3 in row}}
            for iso3 in states]
    turned = Table("UN General Assembly votes", ["country", "name", *keys], rows,
                   layout=[("State", ["country", "name"], " "),
                           *[(key, [key]) for key in keys]])
    named = [{**row, "number": key} for key, row in zip(keys, matrix.rows, strict=True)]
    extra = [SOURCES_FIELD] if SOURCES_FIELD in matrix.fields else []
    resolutions = Table(
        "", ["number", "heading", "title", "totals", "non_voting", *extra], named,
        wide=("title", *extra), caption=notes,
        labels={"number": "No", "heading": "Resolution", "totals": "Y-N-A", "non_voting": "NV"},
        show={"heading": matrix.show["heading"], "title": matrix.show["title"],
              "totals": lambda r: f"{r['yes']}-{r['no']}-{r['abstain']}"})
    return [turned, resolutions]


def theme_count_table(rows: Sequence[Obj]) -> Table:
    """One line or two per theme: its points, how many of each kind, what it covers."""
    return Table(
        "Themes", ["id", "points", *KINDS, "kinds", "description"], rows,
        wide=("description",), labels={"id": "Theme", "kinds": "F/E/A/S"},
        terminal_only=("kinds",),
        layout=[("Theme", ["id"]), ("Points", ["points"]), ("F/E/A/S", ["kinds"]),
                ("Description", ["description"])],
        show={"kinds": lambda r: "/".join(str(r[kind]) for kind in KINDS)},
        terminal_caption="F/E/A/S: how many of the points are facts, events, assessments "
                         "and scenarios")


def country_list_table(rows: Sequence[Obj]) -> Table:
    """One line per state; the official name and other names end in … where they do not
    fit the window."""
    return Table(
        "States", ["iso3", "iso2", "name", "official_name", "capital", "group", "aliases",
                   "also"], rows,
        labels={"iso3": "ISO3", "iso2": "ISO2", "also": "Official name; also known as"},
        terminal_only=("also",), clip=("also",),
        layout=[("ISO3/2", ["iso3", "iso2"], " "), ("Name", ["name"]),
                ("Capital", ["capital"]), ("Group", ["group"]),
                ("Official name; also known as", ["also"])],
        show={"also": lambda r: "; ".join([r["official_name"], ", ".join(r["aliases"])]
                                          if r["aliases"] else [r["official_name"]])})


def source_list_table(rows: Sequence[Obj]) -> Table:
    return Table(
        "Sources", ["id", "title", "description", "author", "publisher", "date",
                    "date_estimated", "url", "quality", "note", "cited"], rows,
        wide=("title",), labels={"url": "URL"}, links=("url",), tagged=("quality",),
        narrow=39,
        layout=[("Id", ["id", "date", "quality"]),
                ("Title, author, publisher / URL",
                 ["title", "description", "author", "publisher", "note", "url"]),
                ("Cited", ["cited"])],
        show={"description": lambda r: f"[{r['description']}]" if r["description"] else "",
              "date": lambda r: _date(r),
              "date_estimated": lambda r: "estimated" if r["date_estimated"] else ""})


def _date(row: Obj) -> str:
    if not row["date"]:
        return "n.d."
    return f"{row['date']} (estimated)" if row["date_estimated"] else row["date"]


def source_table(row: Obj) -> Table:
    fields = ["id", "title", "description", "author", "publisher", "date", "url", "quality",
              "note"]
    items = [{"field": name, "value": _date(row) if name == "date" else row[name]}
             for name in fields if row.get(name)]
    return Table("", ["field", "value"], items, wide=("value",), links=("value",))


def cited_by_table(rows: Sequence[Obj]) -> Table:
    return Table("Cited by", ["what", "key", "text"], rows, wide=("text",))


# -- analysis ----------------------------------------------------------------------------


#: the ratios of an alignment's figures
RATIOS = ("agreement", "index", "coincidence")


def ratios() -> dict[str, Callable[[Obj], str]]:
    """How a table shows each of `RATIOS`: four decimals, – for none."""
    def ratio(name: str) -> Callable[[Obj], str]:
        return lambda row: ratio_text(row[name])

    return {name: ratio(name) for name in RATIOS}


def alignment_table(ds: Dataset, rows: Sequence[Obj], against: str, base: str,
                    resolutions: int) -> Table:
    name = ds.countries[against].name
    counted = plural(resolutions, "resolution")
    caption = "\n".join((ALIGNMENT_BASES[base].format(count=counted, against=against),
                         f"{ALIGNMENT_LEGEND} {ALIGNMENT_LONG_VIEW}"))
    return Table(
        f"Voting alignment with {name} ({against})",
        ["country", "name", "index", "bar", "agreement", "n", "non_votes", "unknown",
         "coincidence", "yes_no", "few_votes", "counted"], rows,
        caption=caption, terminal_only=("bar", "counted"), optional=("bar",),
        blocks_below=64, labels={"counted": "n", "yes_no": "Y/N", "non_votes": "NV",
                                 "few_votes": "Few votes"},
        layout=[("State", ["country", "name"], " "), ("Index", ["index"]), ("Bar", ["bar"]),
                ("Agreement", ["agreement"]), ("Coincidence", ["coincidence"]),
                ("n", ["counted"]), ("Y/N", ["yes_no"]),
                ("NV", ["non_votes"]), ("Unknown", ["unknown"])],
        compact=[[("State", ["country", "name"], " "), ("Index", ["index"]),
                  ("Bar", ["bar"]), ("Agreement", ["agreement"]), ("Coinc.", ["coincidence"]),
                  ("n", ["counted"]), ("Y/N", ["yes_no"]),
                  ("NV", ["non_votes"]), ("Unkn.", ["unknown"])],
                 [("State", ["country", "name"], " "), ("Index", ["index"]),
                  ("Agree.", ["agreement"]), ("Coinc.", ["coincidence"]),
                  ("n", ["counted"]), ("Y/N", ["yes_no"]),
                  ("NV", ["non_votes"]), ("Unkn.", ["unknown"])],
                 ],
        show={**ratios(), "few_votes": lambda r: "few" if r["few_votes"] else "",
              "counted": lambda r: f"{r['n']}\u00a0few" if r["few_votes"] else str(r["n"]),
              "bar": lambda r: (bar(r["index"]), "cyan")})


def comparison_tables(ds: Dataset, c: Comparison, found: Obj) -> list[Table]:
    """One table per part, a column per state; "≠" marks the rows whose known values
    differ, "?" those with a value not in the dataset. Where a part has a brief cell (the
    values without their notes), a narrow window draws that instead."""
    from rca.query.compare import differs

    states = list(c.countries)

    def table(title: str, first: str, part: str, cell: Any, brief: Any = None,
              compared: Any = None, detail: str = "") -> Table:
        """``cell(value, style, row, state)`` and ``brief(value, style)`` draw a state's
        value; ``compared(value)`` is what differs or not between the states of a row."""
        rows = []
        for values, row in zip(getattr(c, part).values(), found[part], strict=True):
            keys = [compared(value) for value in values.values()] if compared else []
            style = "bold yellow" if differs(keys) else ""
            drawn = {**row, "_differs": ("≠", style) if style else "?" if None in keys else ""}
            for iso3, value in values.items():  # the cells beside the answer's row
                drawn[f"_{iso3}"] = cell(value, style, row, iso3)
                drawn[f"_{iso3}{BRIEF}"] = brief(value, style) if brief else None
            rows.append(drawn)
        fields = [first, *([detail] if detail else []), *states, *(["differs"] if compared else [])]
        briefs = [f"{s}{BRIEF}" for s in states] if brief else []
        shown = Table(title, [*fields, *briefs], rows, labels={s: s for s in states},
                      wide=tuple(states) if brief else (), lines=True, caption=COMPARE_LEGEND,
                      terminal_only=tuple(briefs),
                      show={name: _prepared(name) for name in [*states, "differs", *briefs]})
        if brief:  # narrow windows: the values without the notes
            shown.layout = [(shown.label(f), [f]) for f in fields]
            shown.compact = [[(shown.label(first), [first]),
                              *[(s, [f"{s}{BRIEF}"]) for s in states],
                              *([("≠", ["differs"])] if compared else [])]]
        return shown

    def member(m: Any, style: str, *_: Any) -> Shown:
        return ([m.status + (f" since{NBSP}{m.since}" if m.since else ""),
                 *([m.note] if m.note else [])]
                if m else ["not in the dataset"], style)

    def vote(v: Any, style: str, row: Obj, iso3: str) -> Shown:
        text, colour = with_record(*dataset_vote_shown(ds, v), v.vote if v else None,
                                   row["un_record"].get(iso3))
        return text, style or colour

    members = table("Memberships", "organisation", "memberships", member,
                    lambda m, style: ([m.status, m.since] if m else ["not in the dataset"], style),
                    lambda m: (m.status, m.since) if m else None)
    facts = table("Profile facts", "topic", "facts", lambda rs, *_: [fact_summary(r) for r in rs],
                  lambda rs, _: [plural(len(rs), "fact"),
                                 *[fact_summary(r, ids=False) for r in rs if r.figures]])
    facts.caption = marks_legend([{"by": r.by, "contested": r.contested,
                                   "confidence": r.confidence}
                                  for row in c.facts.values() for rs in row.values() for r in rs])
    votes = table("UN General Assembly votes", "resolution", "votes", vote,
                  compared=lambda v: v.vote if v else None, detail="date")
    votes.caption = f"{COMPARE_LEGEND}\n" + legend_for(
        v for row in found["votes"] for v in row["un_record"].values())
    votes.show["resolution"] = shown_code
    votes.layout = [("Resolution", ["resolution", "date"]), *[(s, [s]) for s in states],
                    ("Differs", ["differs"])]
    points = table("Pressure points", "theme", "pressure_points",
                   lambda rs, style, *_: ([f"{len(rs)}", *[r.id for r in rs]], style),
                   lambda rs, style: (f"{len(rs)}", style), len)
    # a state has tens of points per theme: the terminal draws how many, and says where
    # they are listed (the pipe and json carry their ids)
    points.layout = points.compact[0]
    points.terminal_caption = (COMPARE_LEGEND + " · the number of pressure points per theme; "
                               f"rca themes THEME -c {','.join(s.lower() for s in states)} "
                               "lists them")
    return [members, facts, votes, points]


#: the suffix of the terminal field that holds a state's value without its notes
BRIEF = "_brief"


def _prepared(name: str) -> Any:
    """A terminal cell prepared beside the data under ``_name``, else the value itself."""
    return lambda row: row.get(f"_{name}", row.get(name))


def timeline_table(rows: Sequence[Obj]) -> Table:
    table = Table(
        "Timeline", ["date", "what", "key", "states", "text", "sources"], rows,
        wide=("text",), lines=True,
        layout=[("Date", ["date", "what"]), ("Key", ["key", "states"]),
                ("Text / sources", ["text", "sources"])],
        # narrower: the date, kind, key and states stacked, so that ids stay whole
        compact=[[("Date / key", ["date", "what", "key", "states"]),
                  ("Text / sources", ["text", "sources"])]],
        show={"text": lambda r: (_moment_text(r), "bold" if r["what"] == "vote" else ""),
              "states": lambda r: "region" if r["states"] == "region"
              else ", ".join(r["states"])})
    if any(r["what"] == "vote" for r in rows):
        table.caption = legend_for(c["un_record"] for r in rows for c in r["votes"])
    return table


def _moment_text(row: Obj) -> str:
    """A moment's text; for a vote, each state held to its vote, with what the imported UN
    file says of each cell."""
    import re

    text = str(row["text"])
    if row["what"] == "vote":
        text = re.sub(r"\b([A-Z]{3}) (?=(?:Y|N|A|NV|\?)[*~]*(?:,|$))", rf"\1{NBSP}", text)
    checked = [cell for cell in row["votes"] if cell["un_record"]]
    if not checked:
        return text
    marks = ", ".join(f"{c['country']}{NBSP}{obj_vote_shown(c)[0]}" for c in checked)
    return f"{text} · UN file: {marks}"


def search_table(ds: Dataset, rows: Sequence[Obj], query: Query) -> Table:
    """The hits, best first: what each is, and its text with the words found highlighted
    (the other fields they were found in below it)."""
    from rca.query.search import highlights

    def found(row: Obj) -> Shown:
        lines, spans, at = [], [], 0
        for name, text in row["found"].items():
            head = f"{name.replace('_', ' ')}: "
            spans += [(at + len(head) + a, at + len(head) + b) for a, b in highlights(query, text)]
            lines.append(head + text)
            at += len(head) + len(text) + 2
        return (";\n".join(lines), "dim", spans)  # "; " between them in a pipe

    def contested(row: Obj) -> Shown:
        if not row["contested"]:
            return ""
        head = "contested: "
        return (head + row["contested"], "yellow",
                [(len(head) + a, len(head) + b) for a, b in highlights(query, row["contested"])])

    return Table(
        "Matches", [f for f in HitRow.names() if f not in ("by", "score")], rows,
        wide=("text",), lines=True,
        caption=marks_legend(rows),
        layout=[("Match", ["id", "kind", "date", "countries", "theme"]),
                ("Text / sources", ["text", "contested", "found", "matched", "sources"])],
        labels={"countries": "States", "matched": "Found in"}, tagged=("theme", "matched"),
        show={"id": lambda r: (r["id"], "", highlights(query, r["id"])
                               if set(r["matched"]) & IDENT_FIELDS else []),
              "countries": lambda r: countries_label(ds, r["countries"]) if r["countries"]
              else "",
              "kind": kind_shown,
              "text": lambda r: (r["text"], "", highlights(query, r["text"])),
              "contested": contested, "found": found,
              "matched": lambda r: ", ".join(m.replace("_", " ") for m in r["matched"])})


#: the fields that hold an item's id or symbols
IDENT_FIELDS = {"id", "symbol", "draft", "meeting"}


def signpost_table(ds: Dataset, rows: Sequence[Obj]) -> Table:
    flat = [{**post["record"], "reading": post["reading"], "reading_by": post["by"]}
            for post in rows]
    return Table(
        "Signposts: what would show it unfolding",
        ["id", "kind", "date", "countries", "statement", "reading", "reading_by", "sources"],
        flat, wide=("statement", "reading"), lines=True,
        layout=[("Record", ["id", "kind", "date", "countries"]),
                ("Statement / sources", ["statement", "sources"]),
                ("Reading (a judgement)", ["reading", "reading_by"])],
        show={"kind": kind_shown, "countries": lambda r: countries_label(ds, r["countries"]),
              "reading_by": lambda r: f"by {r['reading_by']}"})


def history_alignment_tables(found: list[Period], rows: Sequence[Obj], by: str,
                             against: str, names: dict[str, str] | None = None) -> list[Table]:
    """A chart line per state (index over time), then every figure."""
    from rca.history import keys_in_order, over_range

    keys = keys_in_order(found, by)
    chart_rows = []
    for state in dict.fromkeys(p.country for p in found):
        mine = {p.key: p for p in found if p.country == state}
        first, last, overall = over_range([mine[k] for k in keys if k in mine])
        chart_rows.append({"country": state, "name": (names or {}).get(state, ""),
                           "from": first, "to": last, "mean_index": ratio_text(overall),
                           "chart": sparkline([mine[k].index_of_agreement if k in mine
                                               else None for k in keys])})
    spans = by != "period"  # two named periods need no first and last
    columns = ["country", "name", *(["from", "to"] if spans else []), "chart", "mean_index"]
    marks = (f"two marks, {' and '.join(keys)}" if not spans else f"one mark per {by}")
    chart = Table(f"Index of agreement with {against}, by {by}", columns, chart_rows,
                  whole=("chart",), labels={"country": "State"}, terminal_only=("name",),
                  layout=[("State", ["country", "name"], " "),
                          *([("From", ["from"]), ("To", ["to"])] if spans else []),
                          ("Chart", ["chart"]), ("Mean index", ["mean_index"])],
                  show={"chart": lambda r: (r["chart"], "cyan")},
                  caption=f"Chart: {marks}, ▁ = 0 to █ = 1; a space where nothing could be "
                  "counted." + (f" From, to: the first and last {by} with a roll call counted."
                                if spans else "") + " Mean index: the index over all those "
                  f"roll calls, each {by} weighing by its n. States closest first.")
    figures = Table("Figures", ["country", by, "n", "agreement", "index", "non_votes",
                                "coincidence", "yes_no"], rows,
                    labels={"country": "State", "non_votes": "NV", "yes_no": "Y/N"},
                    show=ratios(),
                    caption="Coincidence: identical votes / Y/N, the roll calls where both "
                    "voted Y or N (as in the US State Department's reports Voting Practices in "
                    "the United Nations). NV: roll calls where either did not vote.")
    if not found:
        chart.rows, chart.caption = [], "Nothing to count: no roll call of the history falls " \
            "in that range for these states."
    return [chart, figures]


def _status_value(key: str, value: Any) -> str:
    if isinstance(value, int):
        return f"{value:,}"
    if key == "mismatches":  # the roll calls whose rows miss their totals, one a line
        return "\n".join(
            f"{m['resolution'] or m['record']} ({m['date']}): rows "
            f"{yes_no_abstain(m['counted'])}, file {yes_no_abstain(m['recorded'])}"
            for m in value)
    return str(value)


def status_table(data: Obj, title: str = "UN voting history") -> Table:
    rows = [{"field": key, "value": _status_value(key, value)} for key, value in data.items()
            if not (key == "mismatches" and not value)]
    return Table(title, ["field", "value"], rows, wide=("value",), header=False)


def recorded_votes_table(found: list[RecordedVote], states: list[str]) -> Table:
    rows = [{"date": v.date, "resolution": v.symbol, "title": v.title,
             **{code: v.votes.get(code, "") for code in states}} for v in found]
    return Table("Recorded votes", ["date", "resolution", "title", *states], rows,
                 wide=("title",), labels={code: code for code in states})


def check_table(rows: Sequence[Obj]) -> Table:
    return Table("The curated votes against the UN record",
                 ["resolution", "country", "vote", "un_record", "finding", "sources"], rows,
                 labels={"un_record": "UN record"}, wide=("sources",),
                 caption="contradicted: the UN file records another vote · missing from the "
                 "record: the file has no vote for the cell · only in the record: the dataset "
                 "has no sourced vote, the file has one (never copied into the dataset)")


def resolution_table(rows: Sequence[Obj]) -> Table:
    return Table(
        "UN General Assembly resolutions",
        ["resolution", "date", "title", "short", "yes", "no", "abstain", "non_voting", "draft",
         "meeting", "record", "record_url", "document", "press_release", "symbol_confirmed",
         "note", "sources", "totals"], rows, wide=("title", "record_url"), lines=True,
        terminal_only=("totals",), links=("record_url", "document", "press_release"),
        tagged=("record_url", "document", "press_release"),
        labels={"record_url": "UN record"},
        layout=[("Resolution", ["resolution", "date", "symbol_confirmed"]),
                ("Title, totals, UN links and sources",
                 ["title", "totals", "draft", "meeting", "note", "record_url", "document",
                  "press_release", "sources"])],
        show={"symbol_confirmed": lambda r: "" if r["symbol_confirmed"] else
              ("symbol unconfirmed", "yellow"),
              "totals": lambda r: f"{r['yes']}-{r['no']}-{r['abstain']}, {r['non_voting']} NV",
              "draft": lambda r: f"draft {r['draft']}" if r["draft"] else "",
              "meeting": lambda r: f"meeting {r['meeting']}" if r["meeting"] else "",
              "note": lambda r: f"note: {r['note']}" if r["note"] else ""})
