"""`rca history ideal`: each state's position on the UN's main axis, year by year."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from rca.cli import options
from rca.cli.app import fail, listing, named
from rca.cli.history import (
    Every,
    chosen_states,
    history_app,
    open_history,
    state_names,
    states_named,
)

if TYPE_CHECKING:
    from rca.render.output import Output

FIELDS = ("country", "name", "year", "ideal", "low", "high", "votes", "distance", "source")


@listing(history_app, "ideal", dataset=False)
def history_ideal(
    out: Output, country_names: options.Countries = None, every: Every = False,
    group: options.Group = None, since: options.Since = None, until: options.Until = None,
    against_name: options.Against = "RUS", db: options.Db = None,
    published: Annotated[str | None, typer.Option(
        "--published", metavar="FILE",
        help="Show the published estimates of Bailey, Strezhnev and Voeten from FILE (their "
        "IdealPointFP or IdealPointAll edition) instead of rca's own; the scales differ."
    )] = None,
) -> None:
    """Each state's ideal point per year: one axis estimated from every recorded vote.

    A dynamic ordered probit (Yes > Abstain > No; not voting and not a member are missing),
    positions following a random walk from year to year, estimated by EM; higher is
    closer to the United States, which is positive. low and high bound a 90 % band: a
    state-year on few votes gets a wide one. distance is to --against (Russia by default)
    in the same year.

    On a terminal a chart comes first: one line per state across the years, the --against
    state dashed for reference; then the years in which each state's distance to it changed
    most, with the dataset's events and memberships of that year. A pipe gets the tables.

    Without --country or --group: the five Central Asian states and the --against state.

    Examples:

      rca history ideal -c kaz -c uzb -c rus

      rca history ideal --group central-asia --from 1992 --export-svg ideal.svg

      rca history ideal --all --from 1992 --format csv
    """
    from rca.cli.app import session
    from rca.history.ideal import estimate, from_db, keep, kept
    from rca.history.queries import date_range
    from rca.history.store import db_path

    default = [c.iso3 for c in session.load().countries.values() if c.group == "central-asia"]
    names_given = [*named(country_names or []), *_group(group)]
    if published is not None:
        _published(out, published, names_given, every, since, until, against_name, default)
        return
    connection = open_history(db)
    against = states_named(connection, [against_name])[0]
    chosen = chosen_states(connection, names_given, every, [*default, against])
    span = date_range(since, until)
    table, year_of, years, codes = from_db(connection, *span)
    if not years:
        fail("no roll calls in that range: there is nothing to estimate")
    if "USA" not in codes:
        fail("the imported file has no votes of the United States, which orients the axis")
    found = kept(connection, "/".join(span), years, len(codes))
    if found is None:
        found = estimate(table, year_of, years, codes.index("USA"))
        keep(db_path(connection), "/".join(span), found)
    wanted = chosen if chosen is not None else codes
    names = state_names(connection, wanted)
    ref = codes.index(against) if against in codes else None
    rows: list[dict[str, Any]] = []
    for code in wanted:
        if code not in codes:
            continue
        i = codes.index(code)
        for t, year in enumerate(years):
            if not found.votes[i, t]:
                continue
            distance = None
            if ref is not None and found.votes[ref, t]:
                distance = round(abs(float(found.ideal[i, t] - found.ideal[ref, t])), 3)
            rows.append({"country": code, "name": names[code], "year": year,
                         "ideal": round(float(found.ideal[i, t]), 3),
                         "low": round(float(found.low[i, t]), 3),
                         "high": round(float(found.high[i, t]), 3),
                         "votes": int(found.votes[i, t]), "distance": distance,
                         "source": "computed"})
    reference = []
    if ref is not None:
        reference = [(year, float(found.ideal[ref, t])) for t, year in enumerate(years)
                     if found.votes[ref, t]]
    against_name_shown = (state_names(connection, [against])[against] if ref is not None
                          else against)
    out.show(rows, lambda: _blocks(out, rows, against, against_name_shown, reference),
             fields=FIELDS, title="rca history ideal")


def _group(group: str | None) -> list[str]:
    """The states of a group of the curated dataset, by code."""
    if group is None:
        return []
    from rca.cli.app import session
    from rca.query.profile import ordered_countries, resolve_group

    ds = session.load()
    return [c.iso3 for c in ordered_countries(ds, [resolve_group(ds, group)])]


def _blocks(out: Output, rows: list[dict[str, Any]], against: str, against_name: str,
            reference: list[tuple[int, float]],
            whose: str = "computed by rca") -> list[Any]:
    """On a terminal the chart, the years of largest movement and the table; in a pipe the
    table, then the years (the chart is never in a pipe)."""
    from rca.render.chart import Chart

    moves = _moves(rows, against)
    tables = _tables(rows, whose)
    if not out.rich and not out.record:
        return [*tables, moves]
    chart = _chart(rows, against, against_name, reference, whose, below=4 + len(moves.rows))
    if not out.rich:  # an export made from a pipe: the pipe's order, the chart first
        return [chart, *tables, moves] if isinstance(chart, Chart) else [*tables, moves]
    return [chart, moves, *tables]


def _chart(rows: list[dict[str, Any]], against: str, against_name: str,
           reference: list[tuple[int, float]], whose: str, below: int) -> Any:
    """One line per state, the --against state dashed for reference."""
    from rca.render.blocks import Note
    from rca.render.chart import MOST_LINES, Chart, Series
    from rca.text import clean

    by_state: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row["country"] != against:
            by_state.setdefault(row["country"], []).append(row)
    if len(by_state) > MOST_LINES:
        return Note(f"The chart draws at most {MOST_LINES} states besides {against}: choose "
                    "them with --country or --group.")
    series = [Series(clean(code), clean(path[0]["name"]),
                     tuple((r["year"], r["ideal"]) for r in path))
              for code, path in by_state.items()]
    if reference:
        series.append(Series(clean(against), clean(against_name), tuple(reference),
                             reference=True))
    return Chart(f"Ideal point per year, {whose} (higher: closer to the United States)",
                 series, below=below)


def _moves(rows: list[dict[str, Any]], against: str, most: int = 3) -> Any:
    """For each state, the years its distance to ``against`` changed most from the year
    before, each with the curated dataset's events of that year for the state and the
    memberships it took up (or had suspended) that year."""
    from itertools import pairwise

    from rca.cli.app import session
    from rca.query.timeline import timeline
    from rca.render.blocks import Table

    ds = session.load()
    found = []
    by_state: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row["country"] != against and row["distance"] is not None:
            by_state.setdefault(row["country"], []).append(row)
    for code, path in by_state.items():
        steps = [(round(b["distance"] - a["distance"], 3), b) for a, b in pairwise(path)]
        steps.sort(key=lambda step: -abs(step[0]))
        for change, row in sorted(steps[:most], key=lambda step: step[1]["year"]):
            events = [m.key for m in timeline(ds, [code] if code in ds.countries else [], [],
                                             str(row["year"]), str(row["year"]))
                      if m.what == "event"]
            joined = [f"{ds.organisations[m.org].short if m.org in ds.organisations else m.org}"
                      f" {m.status}" for m in ds.memberships
                      if m.country == code and m.since[:4] == str(row["year"])]
            found.append({"country": code, "year": row["year"], "change": change,
                          "events": ", ".join(events) or "—",
                          "memberships": ", ".join(joined) or "—"})
    return Table(f"Years of largest movement relative to {against} (change in distance)",
                 ["country", "year", "change", "events", "memberships", "both"], found,
                 terminal_only=("both",), clip=("both",),
                 layout=[("Country", ["country"]), ("Year", ["year"]), ("Change", ["change"]),
                         ("Events; memberships", ["both"])],
                 show={"both": lambda r: "; ".join(
                     part for part in (r["events"], r["memberships"]) if part != "—") or "—"})


def _published(out: Output, file: str, names: list[str], every: bool,
               since: str | None, until: str | None, against_name: str,
               default: list[str]) -> None:
    """The rows of a published file, never mixed with rca's own estimate."""
    from pathlib import Path

    from rca.cli.app import EXIT_DATA, error
    from rca.history import HistoryError
    from rca.history.published import read_published

    try:
        estimates = read_published(Path(file))
    except HistoryError as err:
        error(str(err))
        raise typer.Exit(EXIT_DATA) from None
    known = {e.country: e.name for e in estimates}
    against = _code(against_name, known)
    wanted = None if every else [_code(n, known) for n in names] or [*default, against]
    first = int(since[:4]) if since else -10**6
    last = int(until[:4]) if until else 10**6
    ref = {e.year: e.ideal for e in estimates if e.country == against}
    shown = [e for e in estimates
             if (wanted is None or e.country in wanted) and first <= e.year <= last]
    shown.sort(key=lambda e: (wanted.index(e.country) if wanted else 0, e.country, e.year))
    rows = [{"country": e.country, "name": e.name, "year": e.year, "ideal": e.ideal,
             "low": e.low, "high": e.high, "votes": e.votes,
             "distance": round(abs(e.ideal - ref[e.year]), 3) if e.year in ref else None,
             "source": "published"} for e in shown]
    reference = sorted((year, ideal) for year, ideal in ref.items())
    out.show(rows, lambda: _blocks(out, rows, against, known[against], reference,
                                   "published by Bailey, Strezhnev and Voeten"),
             fields=FIELDS, title="rca history ideal")


def _code(name: str, known: dict[str, str]) -> str:
    """A state of the published file by code or name; unknown: a usage error."""
    from rca.query.names import UnknownName, resolve_country

    given = name.strip()
    if given.upper() in known:
        return given.upper()
    by_name = {v.casefold(): k for k, v in known.items()}
    if given.casefold() in by_name:
        return by_name[given.casefold()]
    from rca.cli.app import session

    try:
        code = resolve_country(session.load().countries, given)
    except UnknownName as err:
        fail(str(err))
    if code not in known:
        fail(f"the published file has no estimates of {code}")
    return code


def _tables(rows: list[dict[str, Any]], whose: str = "computed by rca") -> list[Any]:
    from rca.render.blocks import Table

    fields = list(FIELDS[:-1])
    return [Table(f"Ideal points per year ({whose}; higher: closer to the United States)",
                  fields, rows,  # narrower: the state by its code alone
                  compact=[[(f.capitalize(), [f]) for f in fields if f != "name"]])]
