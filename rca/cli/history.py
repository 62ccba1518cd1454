"""`rca history`: import the UN voting file, and ask it about the long view."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from rca.cli import options
from rca.cli.app import CONTEXT, EXIT_DATA, app, command, error, fail, listing, session

if TYPE_CHECKING:
    import sqlite3

    from rca.history import ImportSummary
    from rca.render.output import Output

history_app = typer.Typer(
    help=(
        "Every recorded UN General Assembly vote since 1946, from the UN Digital Library's "
        "voting file.\n\nExamples:\n\n  rca history import 2025_UNGA_voting.csv\n\n"
        "  rca history alignment --by year --from 1992"
    ),
    no_args_is_help=True,
    context_settings=CONTEXT,
)
app.add_typer(history_app, name="history")


def _db_path(db: str | None) -> Path:
    from rca.history import default_db

    return Path(db) if db else default_db()


def _failed(err: Exception) -> NoReturn:
    for line in str(err).splitlines():
        error(line)
    raise typer.Exit(EXIT_DATA)


def _open(db: str | None) -> sqlite3.Connection:
    from rca.history import HistoryError, open_db

    try:
        return open_db(_db_path(db))
    except HistoryError as err:
        _failed(err)


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date else None


def _states(connection: sqlite3.Connection, names: list[str]) -> list[str]:
    """ISO codes for what the user typed: a code in the imported file, or a known name."""
    from rca.history import known_states
    from rca.query.names import resolve_country

    codes = known_states(connection)
    chosen = [name.upper() if name.upper() in codes
              else resolve_country(session.load().countries, name) for name in names]
    missing = [code for code in chosen if code not in codes]
    if missing:
        fail(f"the imported file has no votes of {', '.join(missing)}")
    return list(dict.fromkeys(chosen))


@command(history_app, "import")
def history_import(
    file: Annotated[str, typer.Argument(metavar="FILE", help="The voting data CSV file.")],
    db: options.Db = None,
    skip_bad: Annotated[bool, typer.Option(
        "--skip-bad", help="Import the good rows and report the bad ones skipped.")] = False,
) -> None:
    """Import the UN Digital Library's General Assembly voting file (CSV).

    Download it from https://digitallibrary.un.org/record/4060887 (about 360 MB). The import
    streams the file and writes a new database that replaces the old one only when it
    succeeds: rows with an unknown vote code, a date that cannot be read or no resolution
    refuse the import and leave the database as it was, unless --skip-bad.

    Examples:

      rca history import ~/Downloads/2025_UNGA_voting.csv

      rca history import votes.csv --db ./history.sqlite3 --skip-bad
    """
    import sqlite3

    from rca.history import HistoryError, import_file

    source, target = Path(file), _db_path(db)
    if not source.is_file():
        fail(f"no such file: {source}")
    progress, finish = _progress_bar(source.name)
    try:
        summary = import_file(source, target, skip_bad, progress)
    except (HistoryError, OSError, sqlite3.Error) as err:
        finish()
        _failed(err if isinstance(err, HistoryError) else
                Exception(f"cannot import into {target}: {err}"))
    finish()
    _report(summary, source, target, skip_bad)


def _report(summary: ImportSummary, source: Path, target: Path, skip_bad: bool) -> None:
    for bad in summary.bad:
        sys.stderr.write(f"{source.name}:{bad.line}: {bad.message}\n")
    if summary.bad_total > len(summary.bad):
        sys.stderr.write(f"... and {summary.bad_total - len(summary.bad)} more\n")
    if summary.bad and not skip_bad:
        fail(f"{summary.bad_total} bad row{'s' if summary.bad_total != 1 else ''}: nothing "
             f"imported, {target} is unchanged (--skip-bad imports the other rows)", EXIT_DATA)
    skipped = f", {summary.bad_total} bad rows skipped" if summary.bad_total else ""
    typer.echo(f"imported {summary.votes:,} votes on {summary.resolutions:,} resolutions, "
               f"{summary.first_year}-{summary.last_year}, {summary.states} states"
               f"{skipped}; database: {target}")


def _progress_bar(label: str) -> tuple[Any, Any]:
    """A Rich progress bar on stderr when it is a terminal; no-ops otherwise."""
    if not sys.stderr.isatty() or os.environ.get("TTY_COMPATIBLE") == "0":
        return None, lambda: None
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    bar = Progress("[progress.description]{task.description}", BarColumn(), DownloadColumn(),
                   TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    task = bar.add_task(f"importing {label}", total=None)
    bar.start()

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    return update, bar.stop


@listing(history_app, "status", dataset=False)
def history_status(out: Output, db: options.Db = None) -> None:
    """What is imported: from which file, when, and how much.

    Example:

      rca history status
    """
    from rca.history import HistoryError, status
    from rca.render.fields import status_obj
    from rca.render.tables import status_table

    try:
        data = status_obj(status(_db_path(db)))
    except HistoryError as err:
        _failed(err)
    out.show(data, lambda: [status_table(data)], title="rca history status")


def _check_by(value: str) -> str:
    if value not in ("year", "session", "period"):
        raise typer.BadParameter(f"'{value}' is not one of year, session, period.")
    return value


@listing(history_app, "alignment", dataset=False)
def history_alignment(
    out: Output, against_name: options.Against = "RUS",
    country_names: options.Countries = None, since: options.Since = None,
    until: options.Until = None,
    by: Annotated[str, typer.Option(
        "--by", metavar="year|session|period", callback=_check_by,
        autocompletion=lambda: ["year", "session", "period"],
        help="One figure per year, per session, or before and from 24 February 2022.")] = "year",
    db: options.Db = None,
) -> None:
    """Alignment with Russia (or another state) over every recorded vote, per year.

    Without --country: the five Central Asian states.

    The same figures as 'rca alignment': agreement (identical votes / n) and the index of
    agreement ((identical + half of those where exactly one side abstained) / n), over the
    resolutions where both voted Y, N or A.

    Examples:

      rca history alignment --by year --from 1992

      rca history alignment --by period

      rca history alignment -c kaz -c uzb --against USA --format csv
    """
    from rca.history import alignment_by
    from rca.render.fields import period_obj
    from rca.render.tables import history_alignment_tables

    connection = _open(db)
    against = _states(connection, [against_name])[0]
    default = [c.iso3 for c in session.load().countries.values() if c.group == "central-asia"]
    states = [s for s in _states(connection, country_names or default) if s != against]
    found = alignment_by(connection, against, states, by, _year(since), _year(until))
    rows = [period_obj(p, by) for p in found]
    out.show(rows, lambda: history_alignment_tables(found, rows, by, against),
             title="rca history alignment")


@listing(history_app, "votes", dataset=False)
def history_votes(
    out: Output,
    country_names: Annotated[list[str], typer.Option(
        "--country", "-c", metavar="NAME", help="A state (repeatable).",
        autocompletion=options.complete("country"))],
    since: options.Since = None, until: options.Until = None,
    search_text: Annotated[str | None, typer.Option(
        "--search", metavar="TEXT",
        help="Only resolutions whose title has these words.")] = None,
    db: options.Db = None,
) -> None:
    """The recorded votes of the chosen states, with the resolutions' titles.

    Examples:

      rca history votes -c kaz -c rus --from 2014 --search ukraine

      rca history votes -c turkmenistan --from 2022 --format csv
    """
    from rca.history import recorded_votes
    from rca.render.fields import recorded_vote_obj
    from rca.render.views import recorded_votes_view

    connection = _open(db)
    states = _states(connection, country_names)
    found = recorded_votes(connection, states, _year(since), _year(until),
                           (search_text or "").split())
    data = [recorded_vote_obj(v, code) for v in found for code in states if code in v.votes]
    out.show(data, lambda: recorded_votes_view(found, states), title="rca history votes")

