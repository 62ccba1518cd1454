"""`rca history compare`: two states, or a state and a bloc, over every recorded vote."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from rca.cli import options
from rca.cli.app import fail, listing, session
from rca.cli.history import (
    Issue,
    Subject,
    asked,
    check_by,
    history_app,
    known_codes,
    open_history,
    state_names,
    states_named,
)

if TYPE_CHECKING:
    import sqlite3

    from rca.history.compare import Side
    from rca.query.blocs import Bloc
    from rca.render.output import Output

SideName = Annotated[str, typer.Argument(
    metavar="STATE|BLOC", autocompletion=options.complete("state or bloc"),
    help="A state the imported file knows (code or name), or a bloc: csto, eaeu, sco, cis, "
    "central-asia, or one defined with --bloc.")]
By = Annotated[str, typer.Option(
    "--by", metavar="year|session|period", callback=check_by,
    autocompletion=lambda: ["year", "session", "period"],
    help="The trend per year, per session, or before and from 24 February 2022.")]
Blocs = Annotated[list[str] | None, typer.Option(
    "--bloc", metavar="NAME=STATE,STATE,...",
    help="A bloc for this command: its name, then its states by code or name, each counted "
    "throughout (repeatable).")]
Limit = Annotated[int, typer.Option(
    "--limit", min=0, help="At most this many of the votes where they parted (0: all).")]


def _named_blocs(connection: sqlite3.Connection, given: list[str]) -> dict[str, Bloc]:
    """The blocs of --bloc, by their names in any case."""
    from rca.query.blocs import named_bloc

    blocs = {}
    for text in given:
        name, equals, codes = text.partition("=")
        states = [code.strip() for code in codes.split(",") if code.strip()]
        if not equals or not name.strip() or not states:
            fail(f"--bloc takes NAME=STATE,STATE,... (got '{text}')")
        blocs[name.strip().casefold()] = named_bloc(name.strip(), states_named(connection, states))
    return blocs


def _bloc_side(bloc: Bloc) -> Side:
    from rca.history.compare import Side

    return Side(bloc.name, bloc.title, bloc.members, bloc=True)


def _side(connection: sqlite3.Connection, given: str, named: dict[str, Bloc]) -> Side:
    """A bloc of --bloc; else a state's code; else a bloc of the dataset; else a state by
    any name the file or the dataset gives it. Unknown: a usage error with suggestions."""
    import difflib

    from rca.history import resolve_state
    from rca.history.compare import state_side
    from rca.query.blocs import curated_blocs
    from rca.query.names import UnknownName, normalise, resolve_country

    if given.strip().casefold() in named:
        return _bloc_side(named[given.strip().casefold()])
    known = known_codes(connection)
    if given.strip().upper() in known:
        code = given.strip().upper()
        return state_side(code, state_names(connection, [code])[code])
    ds = session.load()
    blocs = {normalise(name): bloc for name, bloc in curated_blocs(ds).items()}
    key = normalise(given)
    if key in blocs:
        return _bloc_side(blocs[key])
    try:
        code = resolve_state(connection, given)
    except UnknownName as err:
        try:
            code = resolve_country(ds.countries, given)
        except UnknownName:
            close = [f"{blocs[name].name} (a bloc)"
                     for name in difflib.get_close_matches(key, list(blocs), n=3, cutoff=0.6)]
            raise UnknownName("state or bloc", given, close + err.suggestions,
                              [*(f"{b.name} (a bloc)" for b in blocs.values()), *err.known],
                              ambiguous=err.ambiguous and not close, more=err.more) from None
        if code not in known:
            fail(f"the imported file has no votes of {code}")
    return state_side(code, state_names(connection, [code])[code])


@listing(history_app, "compare", dataset=False)
def history_compare(
    out: Output, first: SideName, second: SideName, since: options.Since = None,
    until: options.Until = None, by: By = "year", issue: Issue = None, subject: Subject = None,
    bloc_texts: Blocs = None, limit: Limit = 10, db: options.Db = None,
) -> None:
    """Two states, or a state and a bloc, over every recorded vote.

    The trend per year (agreement, index of agreement and voting
    coincidence, with a bar per year on a terminal); how often each pair of
    positions occurred; the same figures per issue area (Voeten's issue
    flags, or the UN file's subject headings); and the votes where the two
    parted: Y against N first, then one abstaining, the closest yes-no
    margin first.

    A bloc counts each member between the dates of its standing in the
    dataset; its position on a vote is the one most of its members voting
    that day took (a tie: A; more of them not voting than voting: NV). A
    state is not counted in a bloc it is compared with.

    Examples:

      rca history compare kaz rus

      rca history compare kazakhstan csto --from 1992 --limit 5

      rca history compare uzb sco --by period --format json

      rca history compare kaz five --bloc five=kgz,tjk,tkm,uzb
    """
    from rca.history.compare import compare
    from rca.render.history_compare import compared_view
    from rca.results import compared_obj

    connection = open_history(db)
    named = _named_blocs(connection, bloc_texts or [])
    a, b = _side(connection, first, named), _side(connection, second, named)
    if (a.name, a.bloc) == (b.name, b.bloc):
        fail(f"compare needs two different sides, e.g. rca history compare {a.name} rus")
    for bloc, state in ((a, b), (b, a)):
        if bloc.bloc and not state.bloc and {m.country for m in bloc.members} <= {state.name}:
            fail(f"the bloc {bloc.name} has no member but {state.name}, which is not compared "
                 "with itself")
    found = asked(lambda: compare(connection, a, b, by, since, until, issue, subject))
    data = compared_obj(found, limit or None)
    out.show(data, lambda: compared_view(found, data, out.rich),
             title=f"rca history compare {a.name} {b.name}")
