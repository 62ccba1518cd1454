"""`rca history`: import the UN voting file, and ask it about the long view."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from rca.cli import options
from rca.cli.app import (
    CONTEXT,
    EXIT_DATA,
    app,
    command,
    error,
    fail,
    listing,
    named,
    reflow,
    session,
    visible,
)

if TYPE_CHECKING:
    import sqlite3

    from rca.history import ImportSummary
    from rca.model import Dataset
    from rca.render.output import Output

T = TypeVar("T")

history_app = typer.Typer(
    help=reflow(
        "Every recorded UN General Assembly vote since 1946, from the UN Digital Library's "
        "voting file (or Erik Voeten's dataset), imported once into a local database.\n\n"
        "Import the file first; the other commands read the database.\n\n"
        "Examples:\n\n  rca history import 2025_UNGA_voting.csv\n\n"
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
    """The message on stderr, its first line marked as rca's; the lines after it (a command
    to run, an address) as they are, so that they can be copied."""
    first, *rest = str(err).splitlines() or [""]
    error(first)
    for line in rest:
        sys.stderr.write(visible(line) + "\n")
    raise typer.Exit(EXIT_DATA)


def open_history(db: str | None) -> sqlite3.Connection:
    from rca.history import HistoryError, open_db

    try:
        return open_db(_db_path(db))
    except HistoryError as err:
        _failed(err)


def states_named(connection: sqlite3.Connection, names: list[str]) -> list[str]:
    """ISO codes for what the user typed: any state the imported file knows, by code or
    name, or a state of the curated dataset (whose names the file may spell otherwise)."""
    from rca.history import known_states, resolve_state
    from rca.query.names import UnknownName, resolve_country

    chosen = []
    for name in named(names):
        try:
            chosen.append(resolve_state(connection, name))
        except UnknownName as unknown:
            try:
                code = resolve_country(session.load().countries, name)
            except UnknownName:
                raise unknown from None  # the file's suggestions, not the dataset's
            if code not in known_states(connection):
                fail(f"the imported file has no votes of {code}")
            chosen.append(code)
    return list(dict.fromkeys(chosen))


def chosen_states(connection: sqlite3.Connection, names: list[str] | None, every: bool,
            default: list[str]) -> list[str] | None:
    """The states asked for; None for every state in the file (``--all``)."""
    if every:
        return None
    return states_named(connection, names or default)


@command(history_app, "import")
def history_import(
    file: Annotated[str, typer.Argument(metavar="FILE", help="The voting data CSV file.")],
    db: options.Db = None,
    skip_bad: Annotated[bool, typer.Option(
        "--skip-bad", help="Import the good rows and report the bad ones skipped.")] = False,
) -> None:
    """Import the UN Digital Library's General Assembly voting file, or Erik Voeten's.

    FILE is a .csv, .csv.gz or .zip as downloaded: the UN's from
    https://digitallibrary.un.org/record/4060887 (about 360 MB), or Voeten's roll-call file
    from Harvard Dataverse (hdl:1902.1/12379), recognised by its header. The import
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
    if file == "-":
        fail("rca imports the voting file from its path, not from standard input; save it, "
             "then import the saved file")
    try:
        found, plain = source.exists(), source.is_file()
    except OSError as err:  # a name too long, a loop of links
        fail(f"cannot read {source}: {err.strerror or err}")
    if not found:
        fail(f"no such file: {source}")
    if not plain:
        from rca.history.source import not_a_file

        fail(not_a_file(source))
    progress, finish = _progress_bar(source.name)
    try:
        summary = import_file(source, target, skip_bad, progress)
    except (HistoryError, OSError, sqlite3.Error) as err:
        finish()
        _failed(err if isinstance(err, HistoryError) else
                Exception(f"cannot import into {target}: {err}"))
    finally:  # an interrupt too: the bar goes and the cursor comes back
        finish()
    _report(summary, source, target, skip_bad)


def _report(summary: ImportSummary, source: Path, target: Path, skip_bad: bool) -> None:
    """One line per kind of bad row, the totals that do not add up, then the summary."""
    from rca.text import plural, yes_no_abstain

    for kind in summary.bad_kinds:
        more = kind.rows - 1
        others = ", ".join(str(n) for n in kind.lines[1:]) + (", …" if kind.rows > len(
            kind.lines) else "")
        tail = f" ({more:,} more like it: line {others})" if more else ""
        sys.stderr.write(visible(f"{source.name}:{kind.lines[0]}: {kind.example}{tail}") + "\n")
    if summary.bad_total and not skip_bad:
        fail(f"{summary.bad_total:,} bad row{'s' if summary.bad_total != 1 else ''}: nothing "
             f"imported, {target} is unchanged (--skip-bad imports the other rows)", EXIT_DATA)
    for m in summary.mismatches:
        sys.stderr.write(visible(f"{source.name}: {m.symbol} ({m.date}): the rows count "
                                 f"{yes_no_abstain(m.counted)} where the file records "
                                 f"{yes_no_abstain(m.expected)}") + "\n")
    notes = [plural(summary.roll_calls, "roll call")
             if summary.roll_calls != summary.resolutions else "",
             f"{plural(summary.bad_total, 'bad row')} skipped" if summary.bad_total else "",
             f"{plural(summary.repeats, 'repeated row')} ignored" if summary.repeats else "",
             f"{plural(summary.mismatched, 'roll call')} whose rows miss their totals "
             "(listed above)" if summary.mismatched else ""]
    extra = "".join(f", {note}" for note in notes if note)
    typer.echo(visible(f"imported {plural(summary.votes, 'vote')} on "
                       f"{plural(summary.resolutions, 'resolution')}, "
                       f"{summary.first_year}-{summary.last_year}, "
                       f"{plural(summary.states, 'state')}{extra}; database: {target}"))


def _progress_bar(label: str) -> tuple[Any, Any]:
    """A Rich progress bar on stderr when it is a terminal; no-ops otherwise."""
    if not sys.stderr.isatty() or os.environ.get("TTY_COMPATIBLE") == "0":
        return None, lambda: None
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    bar = Progress("[progress.description]{task.description}", BarColumn(), DownloadColumn(),
                   TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    from rich.markup import escape

    task = bar.add_task(f"importing {escape(label)}", total=None)
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
    from rca.render.tables import status_table
    from rca.results import status_obj

    try:
        data = status_obj(status(_db_path(db)))
    except HistoryError as err:
        _failed(err)
    out.show(data, lambda: [status_table(data)], title="rca history status")


def known_codes(connection: sqlite3.Connection) -> dict[str, str]:
    from rca.history import known_states

    return known_states(connection)


def state_names(connection: sqlite3.Connection, codes: list[str]) -> dict[str, str]:
    """Each code's name: the curated one where the dataset has the state, else the file's,
    title-cased; a file that names no states (Voeten's published one) leaves the code."""
    from rca.text import name_case

    curated = session.load().countries
    known = known_codes(connection)
    return {code: curated[code].name if code in curated else
            name_case(known[code]) if known.get(code) else code for code in codes}


def asked(query: Callable[[], T]) -> T:
    """A query's answer; a filter the history cannot answer is a data error."""
    from rca.history import HistoryError

    try:
        return query()
    except HistoryError as err:
        _failed(err)


def _issue_names(incomplete: str) -> list[str]:
    from rca.history import ISSUES

    return [name for name in ISSUES if name.startswith(incomplete)]


Every = Annotated[bool, typer.Option("--all", help="Every state the imported file knows.")]
Issue = Annotated[str | None, typer.Option(
    "--issue", metavar="ISSUE", autocompletion=_issue_names,
    help="Only votes of one of Voeten's issue areas: palestine, nuclear, disarmament, "
    "human-rights, colonialism or development (a history imported from his file).")]
Subject = Annotated[str | None, typer.Option(
    "--subject", metavar="TEXT",
    help="Only votes whose UN subject headings contain TEXT (the UN file).")]


def check_by(value: str) -> str:
    if value not in ("year", "session", "period"):
        raise typer.BadParameter(f"'{value}' is not one of year, session, period.")
    return value


@listing(history_app, "alignment", dataset=False)
def history_alignment(
    out: Output, against_name: options.Against = "RUS",
    country_names: options.Countries = None, since: options.Since = None,
    until: options.Until = None,
    by: Annotated[str, typer.Option(
        "--by", metavar="year|session|period", callback=check_by,
        autocompletion=lambda: ["year", "session", "period"],
        help="One figure per year, per session, or before and from 24 February 2022.")] = "year",
    every: Every = False, issue: Issue = None, subject: Subject = None,
    db: options.Db = None,
) -> None:
    """Alignment with Russia (or another state) over every recorded vote, per year.

    Without --country: the five Central Asian states. The states come closest first: ranked
    by their index of agreement over all the roll calls counted.

    The same figures as 'rca alignment': agreement (identical votes / n) and the index of
    agreement ((identical + half of those where exactly one side abstained) / n), over the
    resolutions where both voted Y, N or A; and voting coincidence (identical / the
    resolutions where both voted Y or N), as the US State Department reports it.

    Examples:

      rca history alignment --by year --from 1992

      rca history alignment --by period

      rca history alignment -c kaz -c uzb --against USA --format csv
    """
    from rca.history import alignment_by
    from rca.history.queries import by_index
    from rca.render.tables import history_alignment_tables
    from rca.results import Figures, period_obj

    connection = open_history(db)
    against = states_named(connection, [against_name])[0]
    default = [c.iso3 for c in session.load().countries.values() if c.group == "central-asia"]
    states = chosen_states(connection, country_names, every, default)
    found = by_index(asked(lambda: alignment_by(connection, against, states and [
        s for s in states if s != against], by, since, until, issue, subject)))
    rows = [period_obj(p, by) for p in found]
    out.show(rows, lambda: history_alignment_tables(
        found, rows, by, against, state_names(connection, [p.country for p in found])),
             fields=("country", "against", by, *Figures.names()), title="rca history alignment")


@listing(history_app, "votes", dataset=False)
def history_votes(
    out: Output,
    country_names: options.Countries = None, every: Every = False,
    since: options.Since = None, until: options.Until = None, issue: Issue = None,
    subject: Subject = None,
    limit: Annotated[int | None, typer.Option(
        "--limit", min=0, help="At most this many resolutions, the latest (0: all).")] = None,
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
    from rca.render.views import recorded_votes_view
    from rca.results import RecordedVoteRow, recorded_vote_obj

    connection = open_history(db)
    if not country_names and not every:
        fail("choose states with --country NAME (repeatable), or --all")
    states = chosen_states(connection, country_names, every, []) or sorted(known_codes(connection))
    found = asked(lambda: recorded_votes(connection, states, since, until,
                                          (search_text or "").split(), issue, subject,
                                          limit or None))
    data = [recorded_vote_obj(v, code) for v in found for code in states if code in v.votes]
    out.show(data, lambda: recorded_votes_view(found, states, state_names(connection, states)),
             fields=RecordedVoteRow.names(), title="rca history votes")



@listing(history_app, "check")
def history_check(out: Output, ds: Dataset, db: options.Db = None) -> None:
    """Check the curated votes against the imported UN record.

    Lists every vote in the dataset that the UN file contradicts or lacks, and the cells the
    dataset lacks that the file has. Exits 1 if the file contradicts any curated vote. The
    dataset is never changed: the file can only confirm or challenge it.

    Examples:

      rca history check

      rca history check --format csv > disagreements.csv
    """
    from rca.history.queries import imported_span
    from rca.query.check import against_record, tally
    from rca.render.blocks import Note
    from rca.render.tables import check_table
    from rca.text import check_verdict

    connection = open_history(db)
    record = _un_record(ds, connection)
    found = against_record(ds, record)
    first, last = asked(lambda: imported_span(connection))
    verdict = check_verdict(tally(ds, record, found), first, last)
    out.show(found, lambda: [check_table(found), Note(verdict)], title="rca history check")
    if any(row["finding"] == "contradicted" for row in found):
        raise typer.Exit(EXIT_DATA)


def _un_record(ds: Dataset, connection: sqlite3.Connection
               ) -> dict[tuple[str, str], str | None]:
    from rca.history import un_votes

    cells = [(r, c) for r in ds.resolutions for c in ds.countries]
    return un_votes(connection, cells)

