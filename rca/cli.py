"""The command line: parse arguments, resolve names, query, render, set the exit code."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from rca import __version__
from rca.load import DataError, data_dir_from
from rca.model import Dataset
from rca.names import UnknownName, resolve_country, resolve_resolution, resolve_theme

if TYPE_CHECKING:
    from rca.render import Sink, Table

EXIT_DATA = 1
EXIT_USAGE = 2


def error(message: str) -> None:
    """A message for the user on stderr, never with escape codes."""
    sys.stderr.write(f"rca: {message}\n")

app = typer.Typer(
    name="rca",
    help=(
        "Explore Russia–Central Asia relations from a curated, sourced dataset.\n\n"
        "Examples:\n\n"
        "  rca country kazakhstan\n\n"
        "  rca votes --resolution ES-11/1\n\n"
        "  rca themes security\n\n"
        "  rca votes --format csv > votes.csv\n\n"
        "  rca sources iwpr-year"
    ),
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _pipe_safe(func: Callable[..., None]) -> Callable[..., None]:
    """A reader that stops early (``rca votes | head -1``) ends the command quietly, exit 0."""

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            func(*args, **kwargs)
            sys.stdout.flush()  # so that a pipe closed after the last write is caught here too
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(0) from None

    return run


def command(typer_app: typer.Typer, name: str | None = None) -> Callable[..., Any]:
    """Register a command of ``typer_app`` (under ``name``) that a closed pipe ends quietly."""

    def register(func: Callable[..., None]) -> Callable[..., None]:
        typer_app.command(name)(_pipe_safe(func))
        return func

    return register


class State:
    data_dir: str | None = None
    dataset: Dataset | None = None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rca {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    data_dir: str | None = typer.Option(
        None,
        "--data-dir",
        metavar="DIR",
        help="Use the dataset in DIR instead of the shipped one (also: RCA_DATA_DIR).",
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
    debug: bool = typer.Option(
        False, "--debug", help="Show the full traceback of an internal error (also: RCA_DEBUG=1)."
    ),
) -> None:
    State.data_dir = data_dir
    State.dataset = None
    if debug:
        os.environ["RCA_DEBUG"] = "1"


def dataset() -> Dataset:
    """The validated dataset; on any problem, list them all and exit 1."""
    if State.dataset is None:
        from rca.cache import load

        folder = data_dir_from(State.data_dir)
        try:
            State.dataset = load(folder)
        except DataError as err:
            for problem in err.problems:
                sys.stderr.write(f"{problem}\n")
            count = len(err.problems)
            error(f"{count} problem{'s' if count != 1 else ''} in the dataset at {folder}")
            raise typer.Exit(EXIT_DATA) from None
    return State.dataset


def usage_error(err: UnknownName) -> NoReturn:
    message = f"unknown {err.what} '{err.given}'."
    if err.ambiguous:
        message = (f"'{err.given}' could be more than one {err.what}: "
                   f"{', '.join(err.suggestions)}{', …' if err.more else ''}; say which.")
    elif err.suggestions:
        message += f" Did you mean: {', '.join(err.suggestions)}?"
    elif err.known:
        message += f" Known: {', '.join(err.known)}."
    else:
        message += f" 'rca {err.what}s' lists them."
    error(message)
    raise typer.Exit(EXIT_USAGE)


# -- options every listing command shares ----------------------------------------------

FORMAT_HELP = "Output: table (default), json, csv, yaml or markdown."


def _format_names(incomplete: str) -> list[str]:
    from rca.formats import FORMATS

    return [name for name in FORMATS if name.startswith(incomplete)]


def _check_format(value: str) -> str:
    from rca.formats import FORMATS

    if value not in FORMATS:
        raise typer.BadParameter(f"'{value}' is not one of {', '.join(FORMATS)}.")
    return value


FORMAT = typer.Option("table", "--format", "-f", metavar="FORMAT", help=FORMAT_HELP,
                      callback=_check_format, autocompletion=_format_names)
SOURCES = typer.Option(False, "--sources", "-s",
                       help="Number the sources in the tables and list the full citations below.")
EXPORT_SVG = typer.Option(None, "--export-svg", metavar="FILE",
                          help="Also save the tables as drawn on a terminal, as an SVG picture.")
EXPORT_HTML = typer.Option(None, "--export-html", metavar="FILE",
                           help="Also save the tables as drawn on a terminal, as a web page.")
DATA_DIR = typer.Option(None, "--data-dir", metavar="DIR",
                        help="Use the dataset in DIR instead of the shipped one "
                        "(also: RCA_DATA_DIR).")


def _use_data_dir(data_dir: str | None) -> None:
    if data_dir is not None:
        State.data_dir = data_dir
        State.dataset = None


def _start(data_dir: str | None, fmt: str, sources: bool = False, svg: str | None = None,
           html: str | None = None) -> tuple[Out, Dataset]:
    """What every listing command does first: check its output options, load the dataset."""
    out = Out(fmt, sources, svg, html)
    _use_data_dir(data_dir)
    return out, dataset()


class Out:
    """Where a command's answer goes: a machine format on stdout, or tables through a sink."""

    def __init__(
        self, fmt: str, sources: bool = False, svg: str | None = None, html: str | None = None
    ) -> None:
        self.fmt, self.sources, self.svg, self.html = fmt, sources, svg, html
        if self.machine and (self.svg or self.html):
            error("--export-svg and --export-html save tables: use them with --format table")
            raise typer.Exit(EXIT_USAGE)
        if self.machine and self.sources:
            error("--sources numbers the sources of tables; json, csv, yaml and markdown always "
                  "carry source ids ('rca sources --format json' is the bibliography)")
            raise typer.Exit(EXIT_USAGE)
        for target in (self.svg, self.html):
            if target and not Path(target).resolve().parent.is_dir():
                error(f"cannot save the export: no folder {Path(target).resolve().parent}")
                raise typer.Exit(EXIT_USAGE)
        self._sink: Sink | None = None

    @property
    def machine(self) -> bool:
        return self.fmt != "table"

    def emit(self, data: Any, sections: tuple[str, ...] = (),
             fields: tuple[str, ...] = ()) -> None:
        from rca.formats import write

        write(self.fmt, data, sys.stdout, sections, fields)

    @property
    def sink(self) -> Sink:
        if self._sink is None:
            from rca.render import Sink

            self._sink = Sink(footnotes=self.sources, record=bool(self.svg or self.html))
        return self._sink

    def tables(self, tables: list[Table]) -> None:
        for table in tables:
            self.sink.table(table)

    def finish(self, ds: Dataset, title: str) -> None:
        from rca.views import citation

        self.sink.footnotes(lambda source_id: citation(ds.sources[source_id]))
        try:
            self.sink.export(self.svg, self.html, title)
        except OSError as err:
            error(f"cannot save the export: {err.strerror or err}: {err.filename or ''}")
            raise typer.Exit(EXIT_DATA) from None


def _complete(kind: str) -> Any:
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        from rca.complete import candidates

        folder = ctx.params.get("data_dir") or (ctx.parent.params.get("data_dir")
                                                 if ctx.parent else None)
        return candidates(kind, incomplete, folder)

    return complete


# -- country ---------------------------------------------------------------------------


@command(app)
def country(
    name: str = typer.Argument(
        ..., metavar="NAME", help="Name, ISO code or common alternative, in any case.",
        autocompletion=_complete("country"),
    ),
    fmt: str = FORMAT,
    sources: bool = SOURCES,
    export_svg: str | None = EXPORT_SVG,
    export_html: str | None = EXPORT_HTML,
    data_dir: str | None = DATA_DIR,
) -> None:
    """One state's profile: memberships, profile facts, UN votes, pressure points, events.

    Examples:

      rca country kazakhstan

      rca country KG            (ISO alpha-2)

      rca country "Kyrgyz Republic" --sources

      rca country uzb --format json
    """
    from rca.query import profile

    out, ds = _start(data_dir, fmt, sources, export_svg, export_html)
    try:
        iso3 = resolve_country(ds.countries, name)
    except UnknownName as err:
        usage_error(err)
    found = profile(ds, iso3)
    if out.machine:
        from rca.export import PROFILE_SECTIONS, profile_obj

        out.emit(profile_obj(ds, found), PROFILE_SECTIONS)
        return
    from rca.views import profile_tables

    c = found.country
    aka = f"; also {', '.join(c.aliases)}" if c.aliases else ""
    out.sink.heading(f"{c.name} ({c.iso3} / {c.iso2})",
                     f"{c.official_name}; capital {c.capital}{aka}  "
                     f"[sources: {', '.join(c.sources)}]")
    out.tables(profile_tables(ds, found))
    if found.region_wide:
        out.sink.note(f"{found.region_wide} region-wide points are listed with "
                      "'rca themes THEME'.")
    out.finish(ds, f"rca country {c.name}")


# -- countries -------------------------------------------------------------------------


@command(app)
def countries(
    fmt: str = FORMAT,
    export_svg: str | None = EXPORT_SVG,
    export_html: str | None = EXPORT_HTML,
    data_dir: str | None = DATA_DIR,
) -> None:
    """The states in the dataset, one line each.

    Examples:

      rca countries

      rca countries --format csv
    """
    from rca.query import ordered_countries

    out, ds = _start(data_dir, fmt, False, export_svg, export_html)
    chosen = ordered_countries(ds)
    if out.machine:
        from rca.export import country_obj

        out.emit([country_obj(c) for c in chosen])
        return
    from rca.views import country_list_table

    out.tables([country_list_table(chosen)])
    out.finish(ds, "rca countries")


# -- votes -----------------------------------------------------------------------------


@command(app)
def votes(
    country_names: list[str] | None = typer.Option(
        None, "--country", "-c", metavar="NAME", help="Only this state (repeatable).",
        autocompletion=_complete("country"),
    ),
    resolution_names: list[str] | None = typer.Option(
        None, "--resolution", "-r", metavar="SYMBOL",
        help="Only this resolution, as A/RES/ES-11/1 or ES-11/1 (repeatable).",
        autocompletion=_complete("resolution"),
    ),
    fmt: str = FORMAT,
    sources: bool = SOURCES,
    export_svg: str | None = EXPORT_SVG,
    export_html: str | None = EXPORT_HTML,
    data_dir: str | None = DATA_DIR,
) -> None:
    """UN General Assembly votes: resolutions x states, with the recorded totals.

    A vote marked * rests on one source only; ? means the dataset has no sourced vote.

    Examples:

      rca votes

      rca votes --country kazakhstan --country uzbekistan

      rca votes --resolution ES-11/1 --resolution 68/262 --sources

      rca votes --format json          (one object per known vote)
    """
    from rca.query import ordered_countries, vote_matrix

    out, ds = _start(data_dir, fmt, sources, export_svg, export_html)
    try:
        chosen = [resolve_country(ds.countries, n) for n in country_names or []]
        symbols = [resolve_resolution(ds.resolutions, n) for n in resolution_names or []]
    except UnknownName as err:
        usage_error(err)
    if not chosen:
        chosen = [c.iso3 for c in ordered_countries(ds, ("central-asia", "russia"))]
    chosen = list(dict.fromkeys(chosen))
    rows = vote_matrix(ds, chosen, symbols)
    if out.machine:
        from rca.export import VOTE_FIELDS, vote_obj

        out.emit([vote_obj(cell) for _r, cells in rows for cell in cells if cell.vote],
                 fields=VOTE_FIELDS)
        return
    from rca.views import vote_matrix_table

    out.tables([vote_matrix_table(chosen, rows, sources=sources)])
    out.finish(ds, "rca votes")


# -- themes ----------------------------------------------------------------------------


@command(app)
def themes(
    theme: str | None = typer.Argument(
        None, metavar="[THEME]", help="A theme, e.g. security, economic, societal.",
        autocompletion=_complete("theme"),
    ),
    fmt: str = FORMAT,
    sources: bool = SOURCES,
    export_svg: str | None = EXPORT_SVG,
    export_html: str | None = EXPORT_HTML,
    data_dir: str | None = DATA_DIR,
) -> None:
    """The themes and their pressure points; with THEME, its points state by state.

    Examples:

      rca themes

      rca themes security

      rca themes econ --sources     (a unique start of a theme is enough)

      rca themes societal --format markdown
    """
    from rca.model import KINDS
    from rca.query import theme_counts, theme_points

    out, ds = _start(data_dir, fmt, sources, export_svg, export_html)
    if theme is None:
        counts = theme_counts(ds)
        if out.machine:
            from rca.export import theme_count_obj

            out.emit([theme_count_obj(count, KINDS) for count in counts])
            return
        from rca.views import theme_count_table

        out.tables([theme_count_table(counts, KINDS)])
        out.finish(ds, "rca themes")
        return
    try:
        theme_id = resolve_theme(ds.themes, theme)
    except UnknownName as err:
        usage_error(err)
    chosen = ds.themes[theme_id]
    states, region = theme_points(ds, theme_id)
    if out.machine:
        from rca.export import RECORD_FIELDS, record_obj

        out.emit([record_obj(r) for r in states + region], fields=RECORD_FIELDS)
        return
    from rca.views import record_table

    out.sink.heading(chosen.name, chosen.description)
    out.tables([record_table(ds, "State by state", states),
                record_table(ds, "Region-wide", region)])
    out.finish(ds, f"rca themes {theme_id}")


# -- sources ---------------------------------------------------------------------------


@command(app, "sources")
def sources_command(
    source_id: str | None = typer.Argument(
        None, metavar="[ID]", help="A source id, or a unique start of one.",
        autocompletion=_complete("source"),
    ),
    fmt: str = FORMAT,
    export_svg: str | None = EXPORT_SVG,
    export_html: str | None = EXPORT_HTML,
    data_dir: str | None = DATA_DIR,
) -> None:
    """The bibliography; with ID, one source and everything in the dataset that cites it.

    Examples:

      rca sources

      rca sources commentary

      rca sources iwpr-year     (a unique start of an id is enough)

      rca sources --format csv > sources.csv
    """
    from rca.names import resolve_source
    from rca.query import citation_counts, cited_by

    out, ds = _start(data_dir, fmt, False, export_svg, export_html)
    if source_id is None:
        counts = citation_counts(ds)
        listed = sorted(ds.sources.values(), key=lambda s: s.id)
        if out.machine:
            from rca.export import source_obj

            out.emit([source_obj(s, counts.get(s.id, 0)) for s in listed])
            return
        from rca.views import source_list_table

        out.tables([source_list_table(listed, counts)])
        out.finish(ds, "rca sources")
        return
    try:
        chosen = ds.sources[resolve_source(ds.sources, source_id)]
    except UnknownName as err:
        usage_error(err)
    citations = cited_by(ds, chosen.id)
    if out.machine:
        from rca.export import SOURCE_SECTIONS, citation_obj, source_obj

        out.emit({**source_obj(chosen), "cited_by": [citation_obj(c) for c in citations]},
                 SOURCE_SECTIONS)
        return
    from rca.views import citation, cited_by_table, source_table

    out.sink.heading(chosen.id, citation(chosen))
    out.tables([source_table(chosen), cited_by_table(citations)])
    out.finish(ds, f"rca sources {chosen.id}")


# -- alignment -------------------------------------------------------------------------


@command(app)
def alignment(
    against_name: str = typer.Option(
        "RUS", "--against", "-a", metavar="NAME",
        help="The state to compare with (default: Russia).", autocompletion=_complete("country"),
    ),
    country_names: list[str] | None = typer.Option(
        None, "--country", "-c", metavar="NAME", help="Only this state (repeatable).",
        autocompletion=_complete("country"),
    ),
    resolution_names: list[str] | None = typer.Option(
        None, "--resolution", "-r", metavar="SYMBOL",
        help="Count only this resolution (repeatable).", autocompletion=_complete("resolution"),
    ),
    fmt: str = FORMAT,
    export_svg: str | None = EXPORT_SVG,
    export_html: str | None = EXPORT_HTML,
    data_dir: str | None = DATA_DIR,
) -> None:
    """How closely each state's UN General Assembly votes match another state's.

    Over the resolutions where both voted Y, N or A: agreement is the share of identical
    votes; the index of agreement also counts half for each resolution where exactly one
    of the two abstained. Sorted by index.

    Examples:

      rca alignment

      rca alignment --against USA --country kazakhstan --country uzbekistan

      rca alignment -r ES-11/1 -r ES-11/4 -r ES-11/6 --format json
    """
    from rca.analysis import alignment as align

    out, ds = _start(data_dir, fmt, False, export_svg, export_html)
    try:
        against = resolve_country(ds.countries, against_name)
        chosen = [resolve_country(ds.countries, n) for n in country_names or []]
        symbols = [resolve_resolution(ds.resolutions, n) for n in resolution_names or []]
    except UnknownName as err:
        usage_error(err)
    rows = align(ds, against, list(dict.fromkeys(chosen)), symbols)
    if out.machine:
        from rca.export import ALIGNMENT_FIELDS, alignment_obj

        out.emit([alignment_obj(a) for a in rows], fields=ALIGNMENT_FIELDS)
        return
    from rca.views import alignment_table

    out.tables([alignment_table(ds, rows, against)])
    out.finish(ds, "rca alignment")


# -- compare ---------------------------------------------------------------------------


@command(app)
def compare(
    names: list[str] = typer.Argument(
        ..., metavar="STATE STATE [STATE...]", help="Two or more states.",
        autocompletion=_complete("country"),
    ),
    fmt: str = FORMAT,
    export_svg: str | None = EXPORT_SVG,
    export_html: str | None = EXPORT_HTML,
    data_dir: str | None = DATA_DIR,
) -> None:
    """States side by side: memberships, profile facts, votes, pressure points per theme.

    Rows where the states differ are marked with ≠.

    Examples:

      rca compare kazakhstan uzbekistan

      rca compare kg tj tm --format csv
    """
    from rca.analysis import compare as side_by_side

    out, ds = _start(data_dir, fmt, False, export_svg, export_html)
    try:
        states = list(dict.fromkeys(resolve_country(ds.countries, n) for n in names))
    except UnknownName as err:
        usage_error(err)
    if len(states) < 2:
        error("compare needs at least two different states, e.g. rca compare kaz uzb")
        raise typer.Exit(EXIT_USAGE)
    found = side_by_side(ds, states)
    if out.machine:
        from rca.export import COMPARISON_SECTIONS, comparison_obj

        out.emit(comparison_obj(ds, found), COMPARISON_SECTIONS)
        return
    from rca.views import comparison_tables

    out.sink.heading(" / ".join(f"{ds.countries[s].name} ({s})" for s in states))
    out.tables(comparison_tables(ds, found))
    out.finish(ds, "rca compare " + " ".join(states))


# -- timeline --------------------------------------------------------------------------


def _date_option(value: str | None) -> str | None:
    if value is not None:
        from rca.validate import check_date

        wrong = check_date(value)
        if wrong:
            raise typer.BadParameter(f"'{value}' is not {wrong}")
    return value


@command(app)
def timeline(
    country_names: list[str] | None = typer.Option(
        None, "--country", "-c", metavar="NAME",
        help="Only events concerning this state, and its votes (repeatable).",
        autocompletion=_complete("country"),
    ),
    theme_names: list[str] | None = typer.Option(
        None, "--theme", "-t", metavar="THEME", help="Only this theme (repeatable).",
        autocompletion=_complete("theme"),
    ),
    since: str | None = typer.Option(
        None, "--from", metavar="DATE", help="From this date: YYYY, YYYY-MM or YYYY-MM-DD.",
        callback=_date_option,
    ),
    until: str | None = typer.Option(
        None, "--to", metavar="DATE", help="Up to this date, included.", callback=_date_option,
    ),
    fmt: str = FORMAT,
    sources: bool = SOURCES,
    export_svg: str | None = EXPORT_SVG,
    export_html: str | None = EXPORT_HTML,
    data_dir: str | None = DATA_DIR,
) -> None:
    """Events and UN votes in date order.

    A date given as a year or a month comes before the days inside it. Region-wide events
    stay in when you choose states; votes are shown for the chosen states (default: the
    five and Russia).

    Examples:

      rca timeline --from 2022 --to 2022-12

      rca timeline --country tajikistan --theme security

      rca timeline --from 2022-09 --format json
    """
    from rca.analysis import timeline as in_order
    from rca.query import ordered_countries

    out, ds = _start(data_dir, fmt, sources, export_svg, export_html)
    try:
        states = list(dict.fromkeys(resolve_country(ds.countries, n)
                                    for n in country_names or []))
        themes_chosen = [resolve_theme(ds.themes, n) for n in theme_names or []]
    except UnknownName as err:
        usage_error(err)
    if since and until:
        from rca.analysis import date_span

        if date_span(since)[0] > date_span(until)[1]:
            error(f"--from {since} comes after --to {until}")
            raise typer.Exit(EXIT_USAGE)
    voters = states or [c.iso3 for c in ordered_countries(ds, ("central-asia", "russia"))]
    moments = in_order(ds, states, themes_chosen, since or "", until or "", voters)
    if out.machine:
        from rca.export import MOMENT_FIELDS, moment_obj

        out.emit([moment_obj(m) for m in moments], fields=MOMENT_FIELDS)
        return
    from rca.views import timeline_table

    out.tables([timeline_table(moments)])
    if not moments:
        out.sink.note("Nothing in the dataset falls in that range.")
    out.finish(ds, "rca timeline")


# -- search ----------------------------------------------------------------------------


@command(app)
def search(
    text: list[str] = typer.Argument(..., metavar="WORDS...", help="Words to look for."),
    fmt: str = FORMAT,
    sources: bool = SOURCES,
    export_svg: str | None = EXPORT_SVG,
    export_html: str | None = EXPORT_HTML,
    data_dir: str | None = DATA_DIR,
) -> None:
    """Every record whose text has all the words (in any case; a word's start is enough).

    Examples:

      rca search remittances

      rca search csto armenia

      rca search "201st base" --format json
    """
    from rca.analysis import query_words
    from rca.analysis import search as find

    out, ds = _start(data_dir, fmt, sources, export_svg, export_html)
    wanted = " ".join(text)
    words = query_words(wanted)
    if not words:
        error("give at least one word with a letter or digit in it, e.g. rca search csto")
        raise typer.Exit(EXIT_USAGE)
    found = find(ds, wanted)
    if out.machine:
        from rca.export import RECORD_FIELDS, record_obj

        out.emit([record_obj(r) for r in found], fields=RECORD_FIELDS)
        return
    from rca.views import search_table

    if found:
        out.tables([search_table(ds, found, words)])
    out.sink.note(f"{len(found)} record{'s' if len(found) != 1 else ''} "
                  f"match{'es' if len(found) == 1 else ''} '{wanted}'.")
    out.finish(ds, f"rca search {wanted}")


# -- outlook ---------------------------------------------------------------------------


@command(app)
def outlook(
    fmt: str = FORMAT,
    sources: bool = SOURCES,
    export_svg: str | None = EXPORT_SVG,
    export_html: str | None = EXPORT_HTML,
    data_dir: str | None = DATA_DIR,
) -> None:
    """The commentary's two scenarios, what they build on, and the signposts to watch.

    Examples:

      rca outlook

      rca outlook --sources

      rca outlook --format json
    """
    out, ds = _start(data_dir, fmt, sources, export_svg, export_html)
    scenarios = [r for r in ds.records if r.kind == "scenario"]
    if out.machine:
        from rca.export import scenario_obj

        out.emit([scenario_obj(ds, r) for r in scenarios])
        return
    from rca.views import record_table, signpost_table

    records = {r.id: r for r in ds.records}
    for number, scenario in enumerate(scenarios, start=1):
        out.sink.heading(f"Scenario {number}: {scenario.id}",
                         f"({scenario.kind}, by {scenario.by})")
        out.tables([record_table(ds, "The scenario", [scenario])])
        if scenario.builds_on:
            out.tables([record_table(ds, "Builds on",
                                     [records[i] for i in scenario.builds_on])])
        if scenario.signposts:
            out.tables([signpost_table(ds, scenario)])
    if not scenarios:
        out.sink.note("The dataset holds no scenarios.")
    out.finish(ds, "rca outlook")


# -- history ---------------------------------------------------------------------------

history_app = typer.Typer(
    help=(
        "Every recorded UN General Assembly vote since 1946, from the UN Digital Library's "
        "voting file.\n\nExamples:\n\n  rca history import 2025_UNGA_voting.csv\n\n"
        "  rca history alignment --by year --from 1992"
    ),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(history_app, name="history")

DB = typer.Option(None, "--db", metavar="PATH",
                  help="The history database (default: RCA_HISTORY_DB, else the user data "
                  "folder).")


def _db_path(db: str | None) -> Path:
    from rca.history import default_db

    return Path(db) if db else default_db()


def _history_failed(err: Exception) -> NoReturn:
    for line in str(err).splitlines():
        error(line)
    raise typer.Exit(EXIT_DATA)


def _history_db(db: str | None) -> Any:
    from rca.history import HistoryError, open_db

    try:
        return open_db(_db_path(db))
    except HistoryError as err:
        _history_failed(err)


def _history_states(connection: Any, names: list[str]) -> list[str]:
    """ISO codes for what the user typed: a code in the imported file, or a known name."""
    from rca.history import known_states

    codes = known_states(connection)
    chosen = []
    for name in names:
        if name.upper() in codes:
            chosen.append(name.upper())
            continue
        try:
            chosen.append(resolve_country(dataset().countries, name))
        except UnknownName as err:
            usage_error(err)
    missing = [code for code in chosen if code not in codes]
    if missing:
        error(f"the imported file has no votes of {', '.join(missing)}")
        raise typer.Exit(EXIT_USAGE)
    return list(dict.fromkeys(chosen))


@command(history_app, "import")
def history_import(
    file: str = typer.Argument(..., metavar="FILE", help="The voting data CSV file."),
    db: str | None = DB,
    skip_bad: bool = typer.Option(
        False, "--skip-bad", help="Import the good rows and report the bad ones skipped."),
) -> None:
    """Import the UN Digital Library's General Assembly voting file (CSV).

    Download it from https://digitallibrary.un.org/record/4060887 (about 360 MB). The
    import streams the file and writes a new database that replaces the old one only when
    it succeeds: rows with an unknown vote code, a date that cannot be read or no
    resolution refuse the import and leave the database as it was, unless --skip-bad.

    Examples:

      rca history import ~/Downloads/2025_UNGA_voting.csv

      rca history import votes.csv --db ./history.sqlite3 --skip-bad
    """
    import sqlite3

    from rca.history import HistoryError, import_file

    source = Path(file)
    if not source.is_file():
        error(f"no such file: {source}")
        raise typer.Exit(EXIT_USAGE)
    target = _db_path(db)
    progress, finish = _progress_bar(source.name)
    try:
        summary = import_file(source, target, skip_bad, progress)
    except HistoryError as err:
        finish()
        _history_failed(err)
    except (OSError, sqlite3.Error) as err:
        finish()
        _history_failed(Exception(f"cannot import into {target}: {err}"))
    finish()
    for bad in summary.bad:
        sys.stderr.write(f"{source.name}:{bad.line}: {bad.message}\n")
    if summary.bad_total > len(summary.bad):
        sys.stderr.write(f"... and {summary.bad_total - len(summary.bad)} more\n")
    if summary.bad and not skip_bad:
        error(f"{summary.bad_total} bad row{'s' if summary.bad_total != 1 else ''}: nothing "
              f"imported, {target} is unchanged (--skip-bad imports the other rows)")
        raise typer.Exit(EXIT_DATA)
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


@command(history_app, "status")
def history_status(db: str | None = DB, fmt: str = FORMAT) -> None:
    """What is imported: from which file, when, and how much.

    Example:

      rca history status
    """
    from rca.history import HistoryError, status

    try:
        found = status(_db_path(db))
    except HistoryError as err:
        _history_failed(err)
    data = {"database": str(found.path), "file": found.meta.get("file", ""),
            "file_size": int(found.meta.get("file_size", 0)),
            "file_modified": found.meta.get("file_modified", ""),
            "imported": found.meta.get("imported", ""), "rows": int(found.meta.get("rows", 0)),
            "skipped": int(found.meta.get("skipped", 0)), "resolutions": found.resolutions,
            "votes": found.votes, "states": found.states, "first_date": found.first_date,
            "last_date": found.last_date}
    out = Out(fmt)
    if out.machine:
        out.emit(data)
        return
    from rca.render import Table

    table = Table("UN voting history", ["Field", "Value"], wide=("Value",))
    for key, value in data.items():
        table.add(key, f"{value:,}" if isinstance(value, int) else value)
    out.tables([table])


def _check_by(value: str) -> str:
    if value not in ("year", "session", "period"):
        raise typer.BadParameter(f"'{value}' is not one of year, session, period.")
    return value


@command(history_app, "alignment")
def history_alignment(
    against_name: str = typer.Option("RUS", "--against", "-a", metavar="NAME",
                                     help="The state to compare with (default: Russia).",
                                     autocompletion=_complete("country")),
    country_names: list[str] | None = typer.Option(
        None, "--country", "-c", metavar="NAME",
        help="A state (repeatable; default: the five Central Asian states).",
        autocompletion=_complete("country")),
    since: int | None = typer.Option(None, "--from", metavar="YEAR", help="From this year."),
    until: int | None = typer.Option(None, "--to", metavar="YEAR", help="Up to this year."),
    by: str = typer.Option("year", "--by", metavar="year|session|period",
                           help="One figure per year, per session, or before and from "
                           "24 February 2022.", callback=_check_by,
                           autocompletion=lambda: ["year", "session", "period"]),
    fmt: str = FORMAT,
    db: str | None = DB,
) -> None:
    """Alignment with Russia (or another state) over every recorded vote, per year.

    The same figures as 'rca alignment': agreement (identical votes / n) and the index of
    agreement ((identical + half of those where exactly one side abstained) / n), over the
    resolutions where both voted Y, N or A.

    Examples:

      rca history alignment --by year --from 1992

      rca history alignment --by period

      rca history alignment -c kaz -c uzb --against USA --format csv
    """
    from rca.history import alignment_by

    connection = _history_db(db)
    out = Out(fmt)
    against = _history_states(connection, [against_name])[0]
    default = [c.iso3 for c in dataset().countries.values() if c.group == "central-asia"]
    states = _history_states(connection, country_names or default)
    found = alignment_by(connection, against, [s for s in states if s != against], by,
                         since, until)
    if out.machine:
        from rca.export import period_obj

        out.emit([period_obj(p, by) for p in found])
        return
    from rca.views import history_alignment_tables

    out.tables(history_alignment_tables(found, by, against))


@command(history_app, "votes")
def history_votes(
    country_names: list[str] = typer.Option(
        ..., "--country", "-c", metavar="NAME", help="A state (repeatable).",
        autocompletion=_complete("country")),
    since: int | None = typer.Option(None, "--from", metavar="YEAR", help="From this year."),
    until: int | None = typer.Option(None, "--to", metavar="YEAR", help="Up to this year."),
    search_text: str | None = typer.Option(None, "--search", metavar="TEXT",
                                           help="Only resolutions whose title has these "
                                           "words."),
    fmt: str = FORMAT,
    db: str | None = DB,
) -> None:
    """The recorded votes of the chosen states, with the resolutions' titles.

    Examples:

      rca history votes -c kaz -c rus --from 2014 --search ukraine

      rca history votes -c turkmenistan --from 2022 --format csv
    """
    from rca.history import recorded_votes

    connection = _history_db(db)
    out = Out(fmt)
    states = _history_states(connection, country_names)
    words = (search_text or "").split()
    found = recorded_votes(connection, states, since, until, words)
    if out.machine:
        out.emit([{"date": v.date, "resolution": v.symbol, "title": v.title,
                   "country": code, "vote": v.votes[code]}
                  for v in found for code in states if code in v.votes])
        return
    from rca.render import Table

    table = Table("Recorded votes", ["Date", "Resolution", "Title", *states],
                  wide=("Title",))
    for v in found:
        table.add(v.date, v.symbol, v.title, *[v.votes.get(code, "") for code in states])
    out.tables([table])
    out.sink.note(f"{len(found):,} resolution{'s' if len(found) != 1 else ''}.")


# -- validate --------------------------------------------------------------------------


@command(app)
def validate(data_dir: str | None = DATA_DIR) -> None:
    """Check every data file; print each problem as file:line: message.

    Exit 0 with a one-line summary when the dataset is sound, 1 when it has problems.

    Examples:

      rca validate

      rca validate --data-dir ./my-data
    """
    _use_data_dir(data_dir)
    ds = dataset()
    folder = data_dir_from(State.data_dir)
    facts = sum(1 for r in ds.records if r.kind == "fact")
    typer.echo(
        f"ok: {folder}: {len(ds.sources)} sources, {len(ds.countries)} states, "
        f"{len(ds.organisations)} organisations, {len(ds.memberships)} memberships, "
        f"{len(ds.resolutions)} resolutions, {len(ds.votes)} votes, {len(ds.themes)} themes, "
        f"{len(ds.records)} records ({facts} facts); every reference resolves"
    )


# -- schema ----------------------------------------------------------------------------


def _kind_names(incomplete: str) -> list[str]:
    from rca.schema import KINDS_OF_RECORD

    return [name for name in KINDS_OF_RECORD if name.startswith(incomplete)]


@command(app)
def schema(
    kind: str | None = typer.Argument(
        None, metavar="[KIND]", help="One kind: source, country, organisation, membership, "
        "resolution, vote, theme or record.", autocompletion=_kind_names,
    ),
) -> None:
    """The JSON Schema of the data files, for editors that check YAML as you type.

    Without KIND: one object mapping each data file to its schema. With KIND: that schema.

    Examples:

      rca schema record > records.schema.json

      rca schema
    """
    import json

    from rca.jsonschema import file_schema
    from rca.schema import KINDS_OF_RECORD

    if kind is None:
        out = {k.file: file_schema(k) for k in KINDS_OF_RECORD.values()}
    else:
        chosen = KINDS_OF_RECORD.get(kind) or next(
            (k for k in KINDS_OF_RECORD.values() if kind in (k.file, k.file[:-5])), None)
        if chosen is None:
            usage_error(UnknownName("kind", kind, [], list(KINDS_OF_RECORD)))
        out = file_schema(chosen)
    typer.echo(json.dumps(out, indent=2, ensure_ascii=False))


# -- data ------------------------------------------------------------------------------

data_app = typer.Typer(
    help="Work with dataset folders.\n\nExample:\n\n  rca data copy ./my-data",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(data_app, name="data")


@command(data_app, "copy")
def data_copy(
    target: str = typer.Argument(..., metavar="DIR", help="A new or empty folder."),
) -> None:
    """Write the shipped dataset into DIR, as a starting point for a dataset of your own.

    DIR must not exist, or be empty: rca never overwrites a file.

    Examples:

      rca data copy ./my-data

      rca --data-dir ./my-data country kazakhstan

      RCA_DATA_DIR=./my-data rca validate
    """
    import shutil
    from pathlib import Path

    from rca.load import DATA_FILES, default_data_dir

    folder = Path(target)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        error(f"{folder} already exists and is not an empty folder; nothing was written")
        raise typer.Exit(EXIT_USAGE)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name in DATA_FILES:
            shutil.copyfile(default_data_dir() / name, folder / name)
    except OSError as err:
        error(f"cannot write {err.filename or folder}: {err.strerror or err}")
        raise typer.Exit(EXIT_DATA) from None
    typer.echo(f"copied {len(DATA_FILES)} data files to {folder}; "
               f"use it with --data-dir {folder} or RCA_DATA_DIR={folder}")


# -- entry point -----------------------------------------------------------------------


def main() -> None:
    """Run the app; a closed pipe ends quietly, an unexpected bug ends with a short note."""
    try:
        app(prog_name="rca")
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(130)
    except UnicodeEncodeError as err:
        error(f"the output's encoding ({err.encoding}) cannot show some of the characters rca "
              "writes; set PYTHONIOENCODING=utf-8")
        sys.exit(1)
    except OSError as err:  # a full disk, a closed terminal: the system's, not rca's
        error(f"cannot write the output: {err.strerror or err}")
        sys.exit(1)
    except Exception as err:  # an rca bug, not the user's: no traceback unless asked
        if os.environ.get("RCA_DEBUG"):
            raise
        error(f"internal error: {type(err).__name__}: {err}")
        error("please report it with the command you ran; RCA_DEBUG=1 shows the traceback")
        sys.exit(1)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    main()
