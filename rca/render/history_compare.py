"""`rca history compare` as blocks: the figures, the trend, the positions, the issue areas
and the votes where the two sides parted, each drawn from the answer's plain data."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rca.history.compare import POSITIONS
from rca.render.blocks import Block, Heading, Note, Table
from rca.render.tables import RATIOS, ratios
from rca.results import Obj
from rca.text import BLOC_RULE, FIGURES_LEGEND, VOTE_STYLES, bar, plural, ratio_text, side_label

if TYPE_CHECKING:
    from rca.history.compare import Compared

#: the width of the index bar of each year on a terminal
BAR = 10
#: the subject headings a terminal shows, those with the most roll calls
SUBJECTS = 15
FIGURES = ("n", "agreement", "index", "non_votes", "coincidence", "yes_no")
LABELS = {"non_votes": "NV", "yes_no": "Y/N", "n": "n"}


def figures_table(title: str, first: str, rows: Sequence[Obj], first_label: str = "") -> Table:
    """A row of figures per issue area or (``first`` empty) for every roll call."""
    fields = [*([first] if first else []), *FIGURES]
    layout = [(first_label or first.capitalize(), [first])] if first else []
    layout += [("n", ["n"]), ("Agreement", ["agreement"]), ("Index", ["index"]),
               ("Coincidence", ["coincidence"]), ("NV", ["non_votes"]), ("Y/N", ["yes_no"])]
    return Table(title, fields, rows, labels=LABELS, layout=layout, show=ratios(),
                 wide=(first,) if first == "issue" else ())


def trend_table(rows: Sequence[Obj], by: str, terminal: bool) -> Table:
    """The figures per year (session, period). On a terminal, a chart of one line per row:
    the figures and a bar of the index, set as one text of fixed-width columns, which a
    terminal draws for 75 years many times faster than a table of eight columns."""
    table = figures_table(f"By {by}", by, rows)
    if not terminal:
        return table
    columns = [(by.capitalize(), by, "<"), ("n", "n", ">"), ("Agreement", "agreement", ">"),
               ("Index", "index", ">"), ("Bar", "bar", "<"),
               ("Coincidence", "coincidence", ">"), ("NV", "non_votes", ">"),
               ("Y/N", "yes_no", ">")]
    cells = [{name: text for name, text in _chart_cells(row, by)} for row in rows]
    widths = {name: max([len(label)] + [len(cell[name]) for cell in cells])
              for label, name, _ in columns}

    def line(texts: dict[str, str], shown: list[tuple[str, str, str]]) -> str:
        return "  ".join(f"{texts[name]:{align}{widths[name]}}"
                         for _, name, align in shown).rstrip()

    # a window too narrow for the bar gets the figures without it, each under its label
    barless = [column for column in columns if column[1] != "bar"]
    for field, shown in (("chart", columns), ("figures", barless)):
        drawn = {id(row): line(cell, shown) for row, cell in zip(rows, cells, strict=True)}
        table.show[field] = functools.partial(_drawn, drawn)
    table.fields += ["chart", "figures"]
    table.terminal_only = table.whole = ("chart", "figures")
    table.layout = [(line({name: label for label, name, _ in columns}, columns), ["chart"])]
    table.compact = [[(line({name: label for label, name, _ in barless}, barless), ["figures"])]]
    return table


def _drawn(lines: dict[int, str], row: Obj) -> str:
    return lines[id(row)]


def _chart_cells(row: Obj, by: str) -> list[tuple[str, str]]:
    index = row["index"]
    return [(by, str(row[by])), ("n", f"{row['n']:,}"),
            *[(name, ratio_text(row[name])) for name in RATIOS],
            ("bar", bar(index, BAR)), ("non_votes", f"{row['non_votes']:,}"),
            ("yes_no", f"{row['yes_no']:,}")]


def positions_table(data: Obj, terminal: bool) -> Table:
    """How often each pair of positions occurred: a matrix on a terminal, else one row per
    pair (the json's ``positions``)."""
    a, b = data["a"], data["b"]
    caption = (f"Rows: {a}'s position; columns: {b}'s. = marks the diagonal, where both "
               "took the same position.")
    if not terminal:
        return Table(f"Positions: {a} against {b}", ["a", "b", "count"], data["positions"],
                     labels={"a": a, "b": b},
                     caption="One row per pair of positions; a = b is the diagonal.")
    counts = {(p["a"], p["b"]): p["count"] for p in data["positions"]}
    rows = []
    for mine in POSITIONS:
        row: dict[str, Any] = {"position": (mine, VOTE_STYLES[mine])}
        for theirs in POSITIONS:
            count = counts[mine, theirs]
            row[theirs] = (f"={count:,}", "bold") if mine == theirs else f"{count:,}"
        rows.append(row)
    return Table(f"Positions: {a} against {b}", ["position", *POSITIONS], rows,
                 labels={"position": f"{a} \\ {b}", **{p: p for p in POSITIONS}},
                 caption=caption)


def parted_table(data: Obj) -> Table:
    a, b = data["a"], data["b"]
    return Table(
        "Where they parted",
        ["date", "resolution", "record", "title", "a", "b", "yes", "no", "abstain",
         "non_voting", "margin"], data["parted"], wide=("title",),
        labels={"a": a, "b": b},
        layout=[("Resolution", ["resolution", "date"]), ("Title", ["title"]),
                ("Votes", ["a", "b"], " · "), ("Y-N-A", ["yes", "no", "abstain"], "-"),
                ("Margin", ["margin"])],
        show={"resolution": lambda r: r["resolution"].removeprefix("A/RES/") or r["record"],
              "a": lambda r: (r["a"], VOTE_STYLES[r["a"]]),
              "b": lambda r: (r["b"], VOTE_STYLES[r["b"]])},
        caption=f"Votes: {a} · {b}. Margin: how far apart yes and no were; the closest "
        "votes come first, those where one voted Y and the other N before those where one "
        "abstained.")


def compared_view(found: Compared, data: Obj, terminal: bool) -> list[Block]:
    """Every part of the answer; on a ``terminal``, the trend as a chart and the positions
    as a matrix."""
    span = (f"{data['first_date']} to {data['last_date']}: " if data["first_date"] else "")
    blocks: list[Block] = [
        Heading(f"{side_label(found.a)} and {side_label(found.b)}",
                f"{span}{plural(data['n'] + data['non_votes'], 'roll call')} where both "
                "had a position"),
        figures_table("Every roll call", "", [{k: data[k] for k in FIGURES}]),
    ]
    if data["members"]:
        blocks.append(Table("Bloc members counted", ["side", "bloc", "country", "since",
                                                     "until", "status"], data["members"],
                            labels={"country": "State"}, caption=BLOC_RULE,
                            layout=[("Bloc", ["bloc"]), ("State", ["country"]),
                                    ("Since", ["since"]), ("Until", ["until"]),
                                    ("Status", ["status"])]))
    if not data["n"] and not data["non_votes"]:
        blocks.append(Note("Nothing to compare: no roll call in that range has a position of "
                           "both sides (try a wider --from/--to, or another --issue or "
                           "--subject)."))
        return blocks
    by = found.by
    blocks.append(trend_table(data["trend"], by, terminal))
    blocks.append(positions_table(data, terminal))
    if data["issues_by"] == "issue":
        blocks.append(figures_table("By issue area (Voeten's issue flags)", "issue",
                                    data["issues"]))
    elif data["issues_by"] == "subject":
        subjects = data["issues"][:SUBJECTS] if terminal else data["issues"]
        blocks.append(figures_table("By subject (UN subject headings, the part before --)",
                                    "issue", subjects, "Subject"))
        if len(subjects) < len(data["issues"]):
            blocks.append(Note(f"{plural(len(data['issues']) - len(subjects), 'more subject')}"
                               ", with fewer roll calls: a pipe or --format json lists them "
                               "all, and --subject TEXT compares on one."))
    blocks.append(parted_table(data))
    shown, total = len(data["parted"]), data["parted_total"]
    more = " (--limit N shows more, --limit 0 all)" if shown < total else ""
    blocks.append(Note(f"{plural(total, 'roll call')} where they parted, {shown} shown{more}."))
    blocks.append(Note(FIGURES_LEGEND))
    return blocks
