"""The one output object: a command hands it a result and it decides where that goes.

A machine format (json, csv, yaml, markdown) is written from the result's plain data. In
table mode the same data is shown as tables: Rich tables on a terminal, tab-separated text
in a pipe, whose header names are the data's field names. The plain mode never imports Rich,
never wraps or cuts a cell and never writes an escape code, so that `rca votes | cut -f2`
works. A reader that closes the pipe early only ends the writing; exports still complete.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from rca.render.blocks import (
    CITED,
    SOURCES_FIELD,
    Block,
    Heading,
    Table,
    as_text,
    shown,
)
from rca.render.chart import Chart
from rca.render.formats import MACHINE_FORMATS, picked, write
from rca.results import Result, plain
from rca.text import NBSP, clean, spreadsheet_safe


class OutputError(Exception):
    """Output options that do not go together, or an export that cannot be saved."""

    def __init__(self, message: str, usage: bool = True) -> None:
        super().__init__(message)
        self.usage = usage


def wants_table(stream: TextIO) -> bool:
    """Rich tables on a terminal (or where the environment says the output is one)."""
    if os.environ.get("TTY_COMPATIBLE") == "0":
        return False
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return True
    return _isatty(stream)


class Output:
    """Where a command's answer goes; decides between machine, Rich and plain text once.

    On a terminal an answer longer than the window goes through a pager, as git's does:
    ``RCA_PAGER``, else ``PAGER``, else ``less -R`` (with ``LESS=FRX`` unless ``LESS`` is
    set); an empty value, or ``pager=False``, turns it off. A pipe never gets one.
    """

    def __init__(
        self, fmt: str = "table", footnotes: bool = False, svg: str | None = None,
        html: str | None = None, stream: TextIO | None = None, width: int | None = None,
        pager: bool = True, fields: tuple[str, ...] = (),
    ) -> None:
        self.fmt = fmt
        self.svg, self.html = svg, html
        self.fields = fields
        if fields and not self.machine:
            raise OutputError("--fields chooses the fields of json, csv, tsv, yaml and "
                              "markdown: use it with --format")
        if self.machine and (svg or html):
            raise OutputError("--export-svg and --export-html save tables: use them with "
                              "--format table")
        if self.machine and footnotes:
            raise OutputError("--sources numbers the sources of tables; json, csv, tsv, yaml "
                              "and markdown always carry source ids ('rca sources --format json' "
                              "is the bibliography)")
        if self.machine and width:
            raise OutputError("--width sets the width of tables: use it with --format table")
        for target in (svg, html):
            if target and not Path(target).resolve().parent.is_dir():
                raise OutputError(f"cannot save the export: no folder "
                                  f"{Path(target).resolve().parent}")
            if target:
                replaceable(Path(target))
        self.stream = stream or sys.stdout
        self.rich = fmt == "table" and wants_table(self.stream)
        self.record = bool(svg or html)
        self.width = width
        self.footnotes_on = footnotes
        self.cited: dict[str, int] = {}
        self.closed = False
        self._console: Any = None
        self._recorder: Any = None
        self._first = True
        self._paged: Any = None
        self._height = 0
        self._pager = pager_command() if pager and self.rich and _isatty(self.stream) else None

    @property
    def machine(self) -> bool:
        return self.fmt in MACHINE_FORMATS

    # -- the one entry point ---------------------------------------------------------------

    def show(
        self, data: Any, blocks: Callable[[], Sequence[Block]], *,
        sections: tuple[str, ...] = (), fields: tuple[str, ...] = (), title: str = "rca",
        cite: Callable[[str], str] | None = None,
    ) -> None:
        """Write ``data`` in a machine format, or draw ``blocks()`` from it as tables.

        ``sections`` names the list fields of a single object (one csv table each);
        ``fields`` heads an empty csv or markdown answer; ``cite`` writes a footnote.
        """
        if self.machine:
            if isinstance(data, Result):
                sections = sections or data.SECTIONS
            data = plain(data)
            if self.fields:
                try:
                    data = picked(data, self.fields, fields)
                except ValueError as err:
                    raise OutputError(str(err)) from None
                sections, fields = tuple(s for s in sections if s in self.fields), self.fields
            write(self.fmt, data, self.stream, sections, fields)
            return
        for block in blocks():
            self.block(block)
        if cite is not None:
            self.footnotes(cite)
        self.export(title)
        self.finish()

    def block(self, block: Block) -> None:
        if isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Heading):
            self.heading(block.text, block.sub)
        elif isinstance(block, Chart):
            self.chart(block)
        else:
            self.note(block.text)

    # -- writing ------------------------------------------------------------------------

    def _write(self, text: str) -> None:
        if self.closed:
            return
        try:
            self.stream.write(text)
        except BrokenPipeError:
            self._reader_gone()

    def _reader_gone(self) -> None:
        """Send the rest to nowhere and carry on, so that exports are still complete."""
        self.closed = True
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.stream.fileno())

    @property
    def terminal(self) -> Any:
        """The drawing for a terminal (`rca.render.terminal`), loaded the first time
        something is drawn: the one place that puts off loading Rich, which a pipe never
        needs."""
        from rca.render import terminal

        return terminal

    @property
    def console(self) -> Any:
        if self._console is None:
            width = self.width or columns() or None
            self._console = self.terminal.console(self.stream, width, self.rich, self.record)
            if self._pager:
                import io

                real, self._paged = self._console, io.StringIO()
                self._console = self.terminal.console(
                    self._paged, real.width, True, self.record, real.height,
                    colour=bool(real.color_system))
                self._height = real.height
            self._console.on_broken_pipe = self._reader_gone
        return self._console

    @property
    def recorder(self) -> Any:
        """The console that records a Rich rendering for export, whatever the mode."""
        if self._recorder is None:
            self._recorder = self.console if self.rich else self.terminal.recorder(
                self.width or columns() or 120)
        return self._recorder

    def finish(self) -> None:
        """Hand what was drawn for a terminal to the pager, or write it if it fits."""
        if self._paged is None:
            return
        text, self._paged = self._paged.getvalue(), None
        if text.count("\n") < self._height or not self._pager or not page(self._pager, text):
            self._write(text)

    def _rich_consoles(self) -> list[Any]:
        consoles = [self.console] if self.rich else []
        if self.record and not self.rich:
            consoles.append(self.recorder)
        return consoles

    def _gap(self) -> None:
        if self._first:
            pass
        elif self.rich:
            self.console.print()
        else:
            self._write("\n")
        self._first = False

    def heading(self, text: str, sub: str = "") -> None:
        from_rich = self._rich_consoles()
        self._gap()
        for console in from_rich:
            self.terminal.heading(console, text, sub)
        if not self.rich:
            self._write(f"# {clean(text)}" + (f"  {clean(sub)}" if sub else "") + "\n")
        self._first = True

    def note(self, text: str) -> None:
        from_rich = self._rich_consoles()
        self._gap()
        for console in from_rich:
            self.terminal.note(console, text)
        if not self.rich:
            self._write(f"# {clean(text)}\n")

    def chart(self, chart: Chart) -> None:
        """A chart, on a terminal and in exports only: a pipe gets the tables without it.
        On a terminal it takes the window's height less the ``below`` lines that should
        still be seen under it on the first screen (the pager's prompt takes one)."""
        from_rich = self._rich_consoles()
        if not from_rich:
            return
        if self.rich:
            self._gap()
        for console in from_rich:
            self.terminal.chart(console, chart, (self._height or console.height) - 1 - chart.below)
            if not self.rich:  # an export made from a pipe: the pipe's text has no gap
                console.print()

    def table(self, table: Table) -> None:
        self._gap()
        if self.footnotes_on and (SOURCES_FIELD in table.fields or _cites(table)):
            table = self._numbered(table)
        for console in self._rich_consoles():
            self.terminal.draw(table, console)
        if not self.rich:
            self._plain_table(table)

    def _numbered(self, table: Table) -> Table:
        """The table with source ids replaced by footnote numbers, in order of first use."""
        def marks(ids: list[str]) -> str:
            return " ".join(f"[{self.cited.setdefault(i, len(self.cited) + 1)}]" for i in ids)

        rows = []
        for row in table.rows:
            numbered = dict(row)
            if SOURCES_FIELD in table.fields:
                numbered[SOURCES_FIELD] = marks(row.get(SOURCES_FIELD) or [])
            for key in [k for k in row if k.startswith(CITED)]:
                field = key[len(CITED):]
                cited = marks(row[key])
                shown_key = f"_{field}" if f"_{field}" in row else field
                value = row.get(shown_key)
                text, style = value if isinstance(value, tuple) else (value, "")
                if cited:
                    numbered[shown_key] = (f"{'' if text is None else text} {cited}", style)
            rows.append(numbered)
        show = {k: v for k, v in table.show.items() if k != SOURCES_FIELD}
        instead = [self._numbered(t) if SOURCES_FIELD in t.fields or _cites(t) else t
                   for t in table.instead]
        return dataclasses.replace(table, rows=rows, show=show, instead=instead)

    def footnotes(self, citation: Callable[[str], str]) -> None:
        """The works cited in the tables shown, numbered as in their sources cells."""
        if not self.footnotes_on or not self.cited:
            return
        rows = [{"number": f"[{number}]", "id": source_id, "citation": citation(source_id)}
                for source_id, number in self.cited.items()]
        notes = Table("Sources", ["number", "id", "citation"], rows, wide=("citation",),
                      labels={"number": "No"},
                      layout=[("No", ["number"]), ("Citation", ["citation", "id"])])
        self.footnotes_on = False
        self.table(notes)

    def export(self, title: str) -> None:
        """Save what was shown, as drawn on a terminal, to an SVG picture or a web page."""
        if self.svg:
            save(Path(self.svg), self.terminal.svg(self.recorder, clean(title), EXPORT_MARK))
        if self.html:
            save(Path(self.html), self.terminal.html(self.recorder, EXPORT_MARK))

    def _plain_table(self, table: Table) -> None:
        write_ = self._write
        if table.title:
            write_(f"# {clean(table.title)}\n")
        fields = [f for f in table.fields if f not in table.terminal_only]
        write_("\t".join(fields) + "\n")
        for row in table.rows:
            write_("\t".join(_flat(as_text(shown(table, row, f), ", ")) for f in fields)
                   + "\n")
        for line in table.caption.splitlines():
            write_(f"# {clean(line)}\n")


#: what every export of rca carries, so that a later export may replace it
EXPORT_MARK = "<!-- drawn by rca -->"


def replaceable(target: Path) -> None:
    """Raise OutputError unless ``target`` is new, or an earlier export of rca: an export
    never replaces a file rca did not make, nor follows a link or writes to a device."""
    try:
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise OutputError(f"cannot save the export: {target} is not a plain file",
                              usage=False)
        if target.exists():
            with target.open("rb") as handle:
                head = handle.read(4096)
            if EXPORT_MARK.encode() not in head:
                raise OutputError(f"cannot save the export: {target} exists and is not an "
                                  "export of rca, which does not replace it (remove it or "
                                  "choose another name)", usage=False)
    except OSError as err:
        raise OutputError(f"cannot save the export: {err.strerror or err}: {target}",
                          usage=False) from None


def save(target: Path, text: str) -> None:
    """Write an export: into a new file beside the target, then renamed over it. A failure
    (a full disk, a folder that cannot be written) names the target, never the temporary
    file, and leaves the target as it was."""
    replaceable(target)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with open(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, target)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise OutputError(f"cannot save the export {target}: {err.strerror or err}",
                          usage=False) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _isatty(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def columns() -> int:
    """The width COLUMNS asks for, or 0 when it is unset or not a number."""
    value = os.environ.get("COLUMNS", "").strip()
    return int(value) if value.isdigit() and value.isascii() and 20 <= int(value) < 10_000 else 0


def pager_command() -> list[str] | None:
    """The pager to run, as arguments; None when it is turned off."""
    import shlex

    value = os.environ.get("RCA_PAGER")
    if value is None:
        value = os.environ.get("PAGER", "less -R")
    try:
        return shlex.split(value) or None
    except ValueError:
        return None


def page(command: list[str], text: str) -> bool:
    """Show ``text`` through the pager; False when the pager cannot be started or fails
    (exits with an error), so that the caller prints the answer instead of losing it."""
    import signal
    import subprocess

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    try:
        pager = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # the pager answers Ctrl-C
    try:
        assert pager.stdin is not None
        with contextlib.suppress(BrokenPipeError, OSError):
            pager.stdin.write(text.encode("utf-8", "replace"))
            pager.stdin.close()
        code = pager.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return code == 0


def _flat(text: str) -> str:
    """A cell of the tab-separated text: on one line, cleaned, and never a formula; the
    non-breaking spaces that keep a pair together on a terminal are plain spaces here."""
    return spreadsheet_safe(clean(text).replace(NBSP, " "))


def _cites(table: Table) -> bool:
    """Whether a row of ``table`` names the sources of one of its cells."""
    return any(key.startswith(CITED) for row in table.rows for key in row)
