"""Commands about the dataset itself: check it, describe its files, copy it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rca.cli import options
from rca.cli.app import (
    CONTEXT,
    EXIT_DATA,
    app,
    command,
    fail,
    listing,
    reflow,
    session,
    visible,
)

if TYPE_CHECKING:
    from rca.model import Dataset
    from rca.render.output import Output


@command(app)
def validate(data_dir: options.DataDir = None) -> None:
    """Check every data file; print each problem as file:line: message.

    Exit 0 with a one-line summary when the dataset is sound, 1 when it has problems.
    Warnings (exit 0) on stderr: figures long out of date, and sources without a title,
    a date or an address whose note does not say why.

    Examples:

      rca validate

      rca validate --data-dir ./my-data
    """
    from rca.dataset.files import data_dir_from
    from rca.text import dataset_summary

    ds = session.load(data_dir, every_problem=True)
    from rca.query.stale import stale_figures

    for record, newest in stale_figures(ds):
        topic = f" ({record.topic})" if record.topic else ""
        sys.stderr.write(f"records.yaml: warning: '{record.id}'{topic} has figures as "
                         f"of {newest} at the newest, over three years before the dataset's "
                         f"date {ds.as_of}, and nothing newer on its topic\n")
    from rca.dataset.validate import citation_summary, citation_warnings

    citations = citation_warnings(data_dir_from(session.data_dir))
    for warning in citations:
        sys.stderr.write(f"{warning.problem()}\n")
    if citations:
        sys.stderr.write(f"{citation_summary(citations)}\n")
    typer.echo(visible(f"ok: {data_dir_from(session.data_dir)}: {dataset_summary(ds)}; "
                       "every reference resolves"))


def _kind_names(incomplete: str) -> list[str]:
    from rca.dataset.schema import KINDS_OF_RECORD

    return [name for name in KINDS_OF_RECORD if name.startswith(incomplete)]


@command(app)
def schema(
    kind: Annotated[str | None, typer.Argument(
        metavar="[KIND]", autocompletion=_kind_names,
        help="One kind: source, country, organisation, membership, resolution, vote, theme or "
        "record.")] = None,
) -> None:
    """The JSON Schema of the data files, for editors that check YAML as you type.

    Without KIND: one object mapping each data file to its schema. With KIND: that schema.

    Examples:

      rca schema record > records.schema.json

      rca schema
    """
    import json

    from rca.dataset.jsonschema import schema_of
    from rca.dataset.schema import KINDS_OF_RECORD
    from rca.query.names import UnknownName

    found = schema_of(kind)
    if found is None:
        raise UnknownName("kind", kind or "", [], list(KINDS_OF_RECORD))
    typer.echo(json.dumps(found, indent=2, ensure_ascii=False))


data_app = typer.Typer(
    help=reflow("Work with dataset folders: the one in use, and copies of your own.\n\n"
                "The shipped dataset is the one in use unless --data-dir or RCA_DATA_DIR names "
                "another.\n\nExamples:\n\n  rca data info\n\n  rca data copy ./my-data"),
    no_args_is_help=True, context_settings=CONTEXT,
)
app.add_typer(data_app, name="data")


@listing(data_app, "info")
def data_info(out: Output, ds: Dataset) -> None:
    """What the dataset in use is: its date, its folder and what it holds.

    Examples:

      rca data info

      rca data info --format json
    """
    from rca import __version__
    from rca.render.tables import status_table
    from rca.results import dataset_obj

    data = {"version": __version__, **dataset_obj(ds)}
    out.show(data, lambda: [status_table(data, "The dataset")], title="rca data info")


@command(data_app, "copy")
def data_copy(
    target: Annotated[str, typer.Argument(metavar="DIR", help="A new or empty folder.")],
) -> None:
    """Write the shipped dataset into DIR, as a starting point for a dataset of your own.

    DIR must not exist, or be empty: rca never overwrites a file.

    Examples:

      rca data copy ./my-data

      rca --data-dir ./my-data country kazakhstan

      RCA_DATA_DIR=./my-data rca validate
    """
    from rca.dataset.files import DATA_FILES, CopyError, copy_dataset

    folder = Path(target)
    try:
        copy_dataset(folder)
    except CopyError as err:
        fail(str(err), EXIT_DATA if err.written else 2)
    typer.echo(visible(f"copied {len(DATA_FILES)} data files to {folder}; "
                       f"use it with --data-dir {folder} or RCA_DATA_DIR={folder}"))
