"""The app, its exit codes and error messages, and the one way a command lists things.

A listing command is written as ``def name(out, ds, ...own options) -> None``; `listing`
adds the options every listing shares (``--format``, ``--sources``, the exports,
``--data-dir``), loads the dataset, and turns an unknown name or bad output options into
a usage error with exit code 2.
"""

from __future__ import annotations

import functools
import inspect
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from rca.cli import options
from rca.query.names import UnknownName
from rca.text import ECHOED, cut

if TYPE_CHECKING:
    from rca.model import Dataset

EXIT_DATA = 1
EXIT_USAGE = 2

CONTEXT = {"help_option_names": ["-h", "--help"]}


def error(message: str) -> None:
    """A message for the user on stderr; a control character in it (from an argument or a
    file) is written as an escape such as \\x1b, never sent to the terminal."""
    if sys.stderr is not None:
        sys.stderr.write(f"rca: {visible(message)}\n")


def visible(text: str) -> str:
    """``text`` with each unsafe character written as an escape (the one gate's)."""
    from rca.text import escaped

    return escaped(text)


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    error(message)
    raise typer.Exit(code)


def named(names: list[str] | None) -> list[str]:
    """The names of repeated ``-c`` options, each of which may hold several (kaz,uzb); a
    ``-c`` given with no name in it at all is a usage error."""
    given = [part.strip() for name in names or [] for part in name.split(",") if part.strip()]
    if names and not given:
        fail("--country needs a state's name or code, e.g. -c kaz or -c kaz,uzb")
    return given


#: the command that lists the known names of each kind
LISTS = {"country": "rca countries", "group": "rca countries",
         "resolution": "rca resolutions", "theme": "rca themes", "source": "rca sources"}


#: the most names an error message lists
LISTED = 20
#: the most problems of a broken dataset a command other than `rca validate` shows
PROBLEMS_SHOWN = 20


def usage_error(err: UnknownName) -> NoReturn:
    given = cut(err.given, ECHOED)
    message = f"unknown {err.what} '{given}'."
    if err.ambiguous:
        message = (f"'{given}' could be more than one {err.what}: "
                   f"{', '.join(err.suggestions)}{', …' if err.more else ''}; say which.")
    elif err.suggestions:
        message += f" Did you mean: {', '.join(err.suggestions)}?"
    elif err.known and len(err.known) <= LISTED:
        message += f" Known: {', '.join(err.known)}."
    elif err.what.startswith("state"):
        blocs = [name.removesuffix(" (a bloc)") for name in err.known
                 if name.endswith(" (a bloc)")]
        message += (" Give a state by its ISO code or its name as the UN file spells it "
                    "(KAZ, Kazakhstan)" + (f", or a bloc: {', '.join(blocs)}." if blocs
                                            else "."))
    else:
        message += f" '{LISTS.get(err.what, 'rca --help')}' lists them."
    blocs = [name.removesuffix(" (a bloc)") for name in err.known if name.endswith(" (a bloc)")]
    if blocs and (err.ambiguous or err.suggestions):  # the blocs are always worth naming
        message += (f" Blocs: {', '.join(blocs)}; any other with --bloc NAME=STATE,STATE,... "
                    "(NATO=USA,GBR,FRA,...)")
    fail(message)


class Session:
    """What the global options chose, for the commands of one run."""

    def __init__(self) -> None:
        self.data_dir: str | None = None
        self.dataset: Dataset | None = None
        #: rca was started with its standard output closed (``rca votes >&-``)
        self.stdout_closed = False

    def load(self, data_dir: str | None = None, every_problem: bool = False) -> Dataset:
        """The validated dataset; on any problem, list them (the first `PROBLEMS_SHOWN`
        unless ``every_problem``) and exit 1."""
        if data_dir is not None and data_dir != self.data_dir:
            self.data_dir, self.dataset = data_dir, None
        if self.dataset is None:
            from rca.dataset.cache import load
            from rca.dataset.files import DataError, data_dir_from

            folder = data_dir_from(self.data_dir)
            try:
                self.dataset = load(folder)
            except DataError as err:
                shown = err.problems if every_problem else err.problems[:PROBLEMS_SHOWN]
                for problem in shown:
                    sys.stderr.write(f"{visible(str(problem))}\n")
                count = len(err.problems)
                more = (f" (the first {PROBLEMS_SHOWN} above; 'rca validate' lists them all)"
                        if len(shown) < count else "")
                fail(f"{count:,} problem{'s' if count != 1 else ''} in the dataset at "
                     f"{folder}{more}", EXIT_DATA)
        return self.dataset


session = Session()


def _pipe_safe(func: Callable[..., None]) -> Callable[..., None]:
    """A reader that stops early (``rca votes | head -1``) ends the command quietly, exit 0;
    an unknown name or output options that do not go together are usage errors."""

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> None:
        from rca.render.output import OutputError

        try:
            func(*args, **kwargs)
            sys.stdout.flush()  # so that a pipe closed after the last write is caught here too
        except BrokenPipeError:
            silence_stdout()
            raise typer.Exit(0) from None
        except UnknownName as err:
            usage_error(err)
        except OutputError as err:
            fail(str(err), EXIT_USAGE if err.usage else EXIT_DATA)

    return run


def reflow(doc: str | None) -> str | None:
    """Help text as paragraphs: the lines of a paragraph joined, so that the help wraps
    at the window's width; indented paragraphs (examples) kept line by line."""
    if not doc:
        return doc
    first, *rest = [
        p if p.startswith((" ", "\b")) else " ".join(line.strip() for line in p.splitlines())
        for p in inspect.cleandoc(doc).split("\n\n")]
    # Typer dedents the paragraphs after the first as one text whose first line does not
    # count: starting that text with an empty line keeps the examples indented
    return first + ("\n\n\n" + "\n\n".join(rest) if rest else "")


def command(typer_app: typer.Typer, name: str | None = None) -> Callable[..., Any]:
    """Register a command of ``typer_app`` (under ``name``) that a closed pipe ends quietly."""

    def register(func: Callable[..., None]) -> Callable[..., None]:
        typer_app.command(name, help=reflow(func.__doc__))(_pipe_safe(func))
        return func

    return register


#: the options `listing` adds to a command: (parameter name, its Annotated type)
_SHARED = (("fmt", options.Format, "table"), ("sources", options.Sources, False),
           ("export_svg", options.ExportSvg, None), ("export_html", options.ExportHtml, None),
           ("width", options.Width, None), ("no_pager", options.NoPager, False),
           ("fields", options.Fields, None),
           ("data_dir", options.DataDir, None))


def _evaluated(annotation: Any, func: Callable[..., Any]) -> Any:
    """An annotation written as text (``from __future__ import annotations``), as a type."""
    return eval(annotation, func.__globals__) if isinstance(annotation, str) else annotation


def listing(typer_app: typer.Typer, name: str | None = None,
            dataset: bool = True) -> Callable[..., Any]:
    """Register a command that lists things: ``func(out, ds, **own)`` (``ds`` only when
    ``dataset``), given the shared output options and the loaded dataset."""

    def register(func: Callable[..., None]) -> Callable[..., None]:
        own = [p.replace(annotation=_evaluated(p.annotation, func)) for p in
               list(inspect.signature(func).parameters.values())[2 if dataset else 1:]]
        shared = [inspect.Parameter(pname, inspect.Parameter.KEYWORD_ONLY, annotation=kind,
                                    default=default) for pname, kind, default in _SHARED]

        @functools.wraps(func)
        def run(**kwargs: Any) -> None:
            from rca.render.output import Output

            fields = tuple(dict.fromkeys(part.strip() for given in kwargs.pop("fields") or []
                                         for part in given.split(",") if part.strip()))
            out = Output(kwargs.pop("fmt"), kwargs.pop("sources"), kwargs.pop("export_svg"),
                         kwargs.pop("export_html"), width=kwargs.pop("width"),
                         pager=not kwargs.pop("no_pager"), fields=fields)
            if session.stdout_closed and not out.record:
                fail("the standard output is closed: there is nowhere to write the answer",
                     EXIT_DATA)
            data_dir = kwargs.pop("data_dir")
            if dataset:
                func(out, session.load(data_dir), **kwargs)
            else:
                func(out, **kwargs)

        params = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own] + shared
        run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in params}
        del run.__wrapped__  # Typer must read the new signature, not the wrapped one
        typer_app.command(name, help=reflow(func.__doc__))(_pipe_safe(run))
        return func

    return register


def silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def cite(ds: Dataset) -> Callable[[str], str]:
    """A footnote for a source id of ``ds``."""
    from rca.text import citation

    return lambda source_id: citation(ds.sources[source_id])


app = typer.Typer(
    name="rca",
    help=reflow(
        "Explore Russia–Central Asia relations from a curated, sourced dataset.\n\n"
        "Every command has --help with examples. On a terminal answers are tables, and long "
        "ones open in a pager; in a pipe they are tab-separated text.\n\n"
        "Examples:\n\n"
        "  rca country kazakhstan\n\n"
        "  rca votes --resolution ES-11/1\n\n"
        "  rca themes security\n\n"
        "  rca votes --format csv > votes.csv\n\n"
        "  rca sources iwpr-year"
    ),
    no_args_is_help=True,
    add_completion=True,
    context_settings=CONTEXT,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from rca import __version__
        from rca.dataset.files import data_date

        date = data_date()
        typer.echo(f"rca {__version__}" + (f", data as of {date}" if date else ""))
        raise typer.Exit()


@app.callback()
def main_options(
    data_dir: options.DataDir = None,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
    debug: bool = typer.Option(
        False, "--debug", help="Show the full traceback of an internal error (also: RCA_DEBUG=1)."
    ),
) -> None:
    session.data_dir, session.dataset = data_dir, None
    if debug:
        os.environ["RCA_DEBUG"] = "1"
