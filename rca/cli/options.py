"""Every option and argument more than one command takes, declared once."""

from __future__ import annotations

from typing import Annotated, Any

import typer


def complete(kind: str) -> Any:
    """Shell completion of country, resolution, theme or source names from the data files."""

    def candidates(ctx: typer.Context, incomplete: str) -> list[str]:
        from rca.cli.complete import candidates as find

        folder = ctx.params.get("data_dir") or (ctx.parent.params.get("data_dir")
                                                 if ctx.parent else None)
        return find(kind, incomplete, folder)

    return candidates


def _format_names(incomplete: str) -> list[str]:
    from rca.render.formats import FORMATS

    return [name for name in FORMATS if name.startswith(incomplete)]


def _check_format(value: str) -> str:
    from rca.render.formats import FORMATS

    name = value.strip().lower()
    if name not in FORMATS:
        raise typer.BadParameter(f"'{value}' is not one of {', '.join(FORMATS)}.")
    return name


def _check_width(value: int | None) -> int | None:
    if value is not None and not 20 <= value <= 1000:
        raise typer.BadParameter(f"{value} is not a width from 20 to 1000 columns.")
    return value


def _check_date(value: str | None) -> str | None:
    if value is not None:
        from rca.dates import check_date

        wrong = check_date(value)
        if wrong:
            raise typer.BadParameter(f"'{value}' is not {wrong}")
    return value


def _check_span(ctx: typer.Context, param: Any, value: str | None) -> str | None:
    """A date bound, and --from no later than --to (whichever of the two comes last)."""
    value = _check_date(value)
    since = value if param.name == "since" else ctx.params.get("since")
    until = value if param.name == "until" else ctx.params.get("until")
    if since and until:
        from rca.dates import date_range

        low, high = date_range(since, until)
        if low > high:
            raise typer.BadParameter(f"--from {since} comes after --to {until}")
    return value


def _check_db(value: str | None) -> str | None:
    """An empty --db (an unset variable in a script) never means the default database."""
    if value is not None and not value.strip():
        raise typer.BadParameter("an empty path: give the database file, or leave --db out "
                                 "for the default")
    return value


Format = Annotated[str, typer.Option(
    "--format", "-f", metavar="FORMAT", callback=_check_format, autocompletion=_format_names,
    show_default=False,
    help="Output: table (the default), tsv, json, csv, yaml or markdown.")]
Width = Annotated[int | None, typer.Option(
    "--width", "-w", metavar="N", callback=_check_width,
    help="Draw the tables N columns wide, on a terminal and in exports.")]
Fields = Annotated[list[str] | None, typer.Option(
    "--fields", metavar="A,B,...", show_default=False,
    help="Only these fields, in this order, in json, csv, tsv, yaml or markdown (as "
    "--fields resolution,country,vote); an unknown one lists those there are.")]
NoPager = Annotated[bool, typer.Option(
    "--no-pager", help="Print a long answer without the pager (also: an empty RCA_PAGER).")]
Sources = Annotated[bool, typer.Option(
    "--sources", "-s", help="Number the sources in the tables and list the full citations "
    "below.")]
ExportSvg = Annotated[str | None, typer.Option(
    "--export-svg", metavar="FILE",
    help="Also save the tables as drawn on a terminal, as an SVG picture.")]
ExportHtml = Annotated[str | None, typer.Option(
    "--export-html", metavar="FILE",
    help="Also save the tables as drawn on a terminal, as a web page.")]
DataDir = Annotated[str | None, typer.Option(
    "--data-dir", metavar="DIR", envvar="RCA_DATA_DIR", show_envvar=False,
    help="Use the dataset in DIR instead of the shipped one (also: RCA_DATA_DIR).")]

Countries = Annotated[list[str] | None, typer.Option(
    "--country", "-c", metavar="NAME", autocompletion=complete("country"),
    help="Only this state; repeat it, or give several as kaz,uzb.")]
AllStates = Annotated[bool, typer.Option(
    "--all", help="Every state in the dataset.")]
Group = Annotated[str | None, typer.Option(
    "--group", "-g", metavar="GROUP", help="Every state of a group: central-asia, russia or "
    "comparators ('rca countries' shows each state's group).")]
Resolutions = Annotated[list[str] | None, typer.Option(
    "--resolution", "-r", metavar="SYMBOL", autocompletion=complete("resolution"),
    help="Only this resolution, as A/RES/ES-11/1 or ES-11/1; repeat it, or give several as "
    "ES-11/1,ES-11/3.")]
Themes = Annotated[list[str] | None, typer.Option(
    "--theme", "-t", metavar="THEME", autocompletion=complete("theme"),
    help="Only this theme (repeatable).")]
Against = Annotated[str, typer.Option(
    "--against", "-a", metavar="NAME", autocompletion=complete("country"), show_default=False,
    help="The state to compare with (default: Russia).")]
Since = Annotated[str | None, typer.Option(
    "--from", metavar="DATE", callback=_check_span,
    help="From this date: YYYY, YYYY-MM or YYYY-MM-DD.")]
Until = Annotated[str | None, typer.Option(
    "--to", metavar="DATE", callback=_check_span, help="Up to this date, included.")]
Db = Annotated[str | None, typer.Option(
    "--db", metavar="PATH", envvar="RCA_HISTORY_DB", show_envvar=False, callback=_check_db,
    help="The history database (default: RCA_HISTORY_DB, else the user data folder).")]
