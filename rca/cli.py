"""The command line: parse arguments, resolve names, query, render, set the exit code."""

from __future__ import annotations

import os
import sys
from typing import NoReturn

import typer

from rca import __version__
from rca.load import DataError, data_dir_from
from rca.model import Dataset
from rca.names import UnknownName, resolve_country, resolve_resolution, resolve_theme
from rca.render import Sink, error

EXIT_DATA = 1
EXIT_USAGE = 2

app = typer.Typer(
    name="rca",
    help=(
        "Explore Russia–Central Asia relations from a curated, sourced dataset.\n\n"
        "Examples:\n\n"
        "  rca country kazakhstan\n\n"
        "  rca votes --resolution ES-11/1\n\n"
        "  rca themes security"
    ),
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


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
) -> None:
    State.data_dir = data_dir
    State.dataset = None


def dataset() -> Dataset:
    """The validated dataset; on any problem, list them all and exit 1."""
    if State.dataset is None:
        from rca.validate import load_dataset

        folder = data_dir_from(State.data_dir)
        try:
            State.dataset = load_dataset(folder)
        except DataError as err:
            for problem in err.problems:
                sys.stderr.write(f"{problem}\n")
            count = len(err.problems)
            error(f"{count} problem{'s' if count != 1 else ''} in the dataset at {folder}")
            raise typer.Exit(EXIT_DATA) from None
    return State.dataset


def usage_error(err: UnknownName) -> NoReturn:
    message = f"unknown {err.what} '{err.given}'."
    if err.suggestions:
        message += f" Did you mean: {', '.join(err.suggestions)}?"
    else:
        message += f" Known: {', '.join(err.known)}."
    error(message)
    raise typer.Exit(EXIT_USAGE)


# -- country ---------------------------------------------------------------------------


@app.command()
def country(
    name: str = typer.Argument(
        ..., metavar="NAME", help="Name, ISO code or common alternative, in any case."
    ),
) -> None:
    """One state's profile: memberships, UN votes, pressure points and events.

    Examples:

      rca country kazakhstan

      rca country KG            (ISO alpha-2)

      rca country "Kyrgyz Republic"
    """
    from rca.query import profile
    from rca.views import profile_tables

    ds = dataset()
    try:
        iso3 = resolve_country(ds.countries, name)
    except UnknownName as err:
        usage_error(err)
    found = profile(ds, iso3)
    c = found.country
    sink = Sink()
    aka = f"; also {', '.join(c.aliases)}" if c.aliases else ""
    sink.heading(f"{c.name} ({c.iso3} / {c.iso2})",
                 f"{c.official_name}; capital {c.capital}{aka}  "
                 f"[sources: {', '.join(c.sources)}]")
    for table in profile_tables(ds, found):
        sink.table(table)
    if found.region_wide:
        sink.note(f"{found.region_wide} region-wide points are listed with 'rca themes THEME'.")


# -- countries -------------------------------------------------------------------------


@app.command()
def countries() -> None:
    """The states in the dataset, one line each.

    Example:

      rca countries
    """
    from rca.query import ordered_countries
    from rca.views import country_list_table

    Sink().table(country_list_table(ordered_countries(dataset())))


# -- votes -----------------------------------------------------------------------------


@app.command()
def votes(
    country_names: list[str] | None = typer.Option(
        None, "--country", "-c", metavar="NAME", help="Only this state (repeatable)."
    ),
    resolution_names: list[str] | None = typer.Option(
        None, "--resolution", "-r", metavar="SYMBOL",
        help="Only this resolution, as A/RES/ES-11/1 or ES-11/1 (repeatable).",
    ),
) -> None:
    """UN General Assembly votes: resolutions x states, with the recorded totals.

    Examples:

      rca votes

      rca votes --country kazakhstan --country uzbekistan

      rca votes --resolution ES-11/1 --resolution 68/262
    """
    from rca.query import ordered_countries, vote_matrix
    from rca.views import vote_matrix_table

    ds = dataset()
    try:
        chosen = [resolve_country(ds.countries, n) for n in country_names or []]
        symbols = [resolve_resolution(ds.resolutions, n) for n in resolution_names or []]
    except UnknownName as err:
        usage_error(err)
    if not chosen:
        chosen = [c.iso3 for c in ordered_countries(ds, ("central-asia", "russia"))]
    chosen = list(dict.fromkeys(chosen))
    Sink().table(vote_matrix_table(chosen, vote_matrix(ds, chosen, symbols)))


# -- themes ----------------------------------------------------------------------------


@app.command()
def themes(
    theme: str | None = typer.Argument(
        None, metavar="[THEME]", help="A theme, e.g. security, economic, societal."
    ),
) -> None:
    """The themes and their pressure points; with THEME, its points state by state.

    Examples:

      rca themes

      rca themes security

      rca themes econ           (a unique start of a theme is enough)
    """
    from rca.model import KINDS
    from rca.query import theme_counts, theme_points
    from rca.views import record_table, theme_count_table

    ds = dataset()
    sink = Sink()
    if theme is None:
        sink.table(theme_count_table(theme_counts(ds), KINDS))
        return
    try:
        theme_id = resolve_theme(ds.themes, theme)
    except UnknownName as err:
        usage_error(err)
    chosen = ds.themes[theme_id]
    states, region = theme_points(ds, theme_id)
    sink.heading(chosen.name, chosen.description)
    sink.table(record_table(ds, "State by state", states))
    sink.table(record_table(ds, "Region-wide", region))


# -- entry point -----------------------------------------------------------------------


def main() -> None:
    """Run the app; a closed pipe ends quietly, an unexpected bug ends with a short note."""
    try:
        app()
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(130)
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
