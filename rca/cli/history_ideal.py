"""`rca history ideal`: each state's position on the UN's main axis, year by year."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rca.cli import options
from rca.cli.app import fail, listing
from rca.cli.history import Every, _chosen, _names, _open, _states, history_app

if TYPE_CHECKING:
    from rca.render.output import Output

FIELDS = ("country", "name", "year", "ideal", "low", "high", "votes", "distance", "source")


@listing(history_app, "ideal", dataset=False)
def history_ideal(
    out: Output, country_names: options.Countries = None, every: Every = False,
    since: options.Since = None, until: options.Until = None,
    against_name: options.Against = "RUS", db: options.Db = None,
) -> None:
    """Each state's ideal point per year: one axis estimated from every recorded vote.

    A dynamic ordered probit (Yes > Abstain > No; not voting and not a member are missing),
    positions following a random walk from year to year, estimated by EM; higher is
    closer to the United States, which is positive. low and high bound a 90 % band: a
    state-year on few votes gets a wide one. distance is to --against (Russia by default)
    in the same year.

    Without --country: the five Central Asian states and the --against state.

    Examples:

      rca history ideal -c kaz -c uzb -c rus

      rca history ideal --all --from 1992 --format csv
    """
    from rca.cli.app import session
    from rca.history.ideal import estimate, from_db, keep, kept
    from rca.history.queries import date_span
    from rca.history.store import db_path

    connection = _open(db)
    against = _states(connection, [against_name])[0]
    default = [c.iso3 for c in session.load().countries.values() if c.group == "central-asia"]
    chosen = _chosen(connection, country_names, every, [*default, against])
    span = date_span(since, until)
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
    names = _names(connection, wanted)
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
    out.show(rows, lambda: _tables(rows), fields=FIELDS, title="rca history ideal")


def _tables(rows: list[dict[str, Any]]) -> list[Any]:
    from rca.render.output import Table

    return [Table("Ideal points per year (computed; higher: closer to the United States)",
                  list(FIELDS[:-1]), rows)]
