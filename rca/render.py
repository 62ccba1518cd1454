"""One output sink: Rich tables on a terminal, plain tab-separated text everywhere else.

A table is described once (`Table`) and drawn by whichever mode the sink is in. The plain
mode never imports Rich, never wraps or cuts a cell and never writes an escape code, so
that `rca votes | cut -f2` and friends work.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

#: A cell: plain text; a list of texts (one per line on a terminal, comma-separated in
#: plain mode); or (text, Rich style) for colour on a terminal, optionally with a list of
#: (start, end) spans of the text to highlight: (text, style, spans).
Cell = Any


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    caption: str = ""
    #: columns (by header) that hold long prose and may wrap on a terminal
    wide: tuple[str, ...] = ()
    #: rule lines between rows on a terminal, for tables of long statements
    lines: bool = False
    #: on a terminal, columns shown stacked in one: (heading, [columns]); the first column
    #: of each stack is shown plain, the others dim. Plain mode always has every column.
    #: A third element, if given, joins the parts on one line instead.
    layout: list[tuple[Any, ...]] = field(default_factory=list)
    #: columns (by header) shown on one line however long, such as a chart; a window too
    #: narrow for them gets one block per row
    whole: tuple[str, ...] = ()

    def add(self, *cells: Cell) -> None:
        self.rows.append(list(cells))


#: the column that holds source ids; numbered like footnotes when the sink asks for them
SOURCES_COLUMN = "Sources"

#: the most a column of codes, dates or ids takes on a terminal before it wraps
NARROW = 32
#: the least a column of prose gets on a terminal; narrower windows get one block per row
WIDE_MIN = 24
#: the room a column takes beyond its text: a space on each side
PAD = 2
#: words longer than this (long URLs) may fold inside a column of prose
WIDE_CAP = 40


def wants_table(stream: TextIO) -> bool:
    """Tables on a terminal (or where the environment says the output is one)."""
    if os.environ.get("TTY_COMPATIBLE") == "0":
        return False
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _text(cell: Cell, joiner: str = ", ") -> str:
    text = cell[0] if isinstance(cell, tuple) else cell
    if isinstance(text, list):
        return joiner.join(str(part) for part in text)
    return "" if text is None else str(text)


class Sink:
    """Where a command's output goes; decides between table and plain mode once."""

    def __init__(
        self,
        stream: TextIO | None = None,
        table: bool | None = None,
        footnotes: bool = False,
        record: bool = False,
    ) -> None:
        self.stream = stream or sys.stdout
        self.table_mode = wants_table(self.stream) if table is None else table
        self._console: Any = None
        self._recorder: Any = None
        self._first = True
        #: the reader closed the pipe: nothing more goes to the stream
        self.closed = False
        #: with footnotes on, each "Sources" cell shows numbers; `footnotes()` lists them
        self.footnotes_on = footnotes
        self.cited: dict[str, int] = {}
        #: keep a Rich rendering of everything shown, for `export()`
        self.record = record

    def _write(self, text: str) -> None:
        """Plain output; a reader that has gone (``| head -1``) only ends the writing."""
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
    def recorder(self) -> Any:
        """The console that records a Rich rendering for export, whatever the mode."""
        if self._recorder is None:
            if self.table_mode:
                self._recorder = self.console
            else:
                import io

                from rich.console import Console

                width = int(os.environ.get("COLUMNS", "0") or 0) or 120
                self._recorder = Console(file=io.StringIO(), record=True, width=width,
                                         force_terminal=True, highlight=False,
                                         color_system="truecolor")
        return self._recorder

    def _rich_consoles(self) -> list[Any]:
        consoles = [self.console] if self.table_mode else []
        if self.record and not self.table_mode:
            consoles.append(self.recorder)
        return consoles

    @property
    def console(self) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(
                file=self.stream,
                color_system=None if os.environ.get("NO_COLOR") else "auto",
                highlight=False,
                force_terminal=self.table_mode or None,
                record=self.record,
            )
            self._console.on_broken_pipe = self._reader_gone
        return self._console

    def _gap(self) -> None:
        if not self._first:
            self._write("\n")
        self._first = False

    def heading(self, text: str, sub: str = "") -> None:
        self._gap()
        for console in self._rich_consoles():
            extra = f"  {_escape(sub)}" if sub else ""
            console.print(f"[bold]{_escape(text)}[/bold]{extra}")
        if not self.table_mode:
            self._write(f"# {text}" + (f"  {sub}" if sub else "") + "\n")
        self._first = True

    def note(self, text: str) -> None:
        """A remark after the tables: dim on a terminal, a ``#`` comment in plain mode."""
        self._gap()
        for console in self._rich_consoles():
            console.print(_escape(text), style="dim")
        if not self.table_mode:
            self._write(f"# {text}\n")

    def table(self, table: Table) -> None:
        self._gap()
        if self.footnotes_on and SOURCES_COLUMN in table.columns:
            table = self._numbered(table)
        for console in self._rich_consoles():
            self._rich_table(table, console)
        if not self.table_mode:
            self._plain_table(table)

    def _numbered(self, table: Table) -> Table:
        """The table with source ids replaced by footnote numbers, in order of first use."""
        at = table.columns.index(SOURCES_COLUMN)
        rows = []
        for row in table.rows:
            ids = row[at] if isinstance(row[at], list) else [row[at]] if row[at] else []
            numbers = [self.cited.setdefault(i, len(self.cited) + 1) for i in ids]
            rows.append([*row[:at], " ".join(f"[{n}]" for n in numbers), *row[at + 1:]])
        return dataclasses.replace(table, rows=rows)

    def footnotes(self, citation: Callable[[str], str]) -> None:
        """The works cited in the tables shown, numbered as in their "Sources" cells."""
        if not self.footnotes_on or not self.cited:
            return
        notes = Table("Sources", ["No", "Id", "Citation"], wide=("Citation",),
                      layout=[("No", ["No"]), ("Citation", ["Citation", "Id"])])
        for source_id, number in self.cited.items():
            notes.add(f"[{number}]", source_id, citation(source_id))
        self.footnotes_on = False
        self.table(notes)

    def export(self, svg: str | None, html: str | None, title: str) -> None:
        """Save what was shown, as drawn on a terminal, to an SVG picture or a web page."""
        if svg:
            self.recorder.save_svg(svg, title=title, clear=False)
        if html:
            self.recorder.save_html(html, clear=False)

    def _plain_table(self, table: Table) -> None:
        write = self._write
        if table.title:
            write(f"# {table.title}\n")
        write("\t".join(table.columns) + "\n")
        for row in table.rows:
            write("\t".join(_flat(_text(cell)) for cell in row) + "\n")
        for line in table.caption.splitlines():
            write(f"# {line}\n")

    def _rich_table(self, table: Table, console: Any) -> None:
        from rich import box
        from rich.table import Table as RichTable
        from rich.text import Text

        grid = RichTable(
            title=table.title or None,
            title_justify="left",
            title_style="bold",
            caption=table.caption or None,
            caption_justify="left",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            expand=bool(table.wide),
            show_lines=table.lines,
        )
        position = {header: index for index, header in enumerate(table.columns)}
        layout = [
            (spec[0], [part for part in spec[1] if part in position], *spec[2:])
            for spec in table.layout or [(header, [header]) for header in table.columns]
        ]
        cells: list[list[Any]] = []
        for row in table.rows:
            shown = []
            for _heading, parts, *joiner in layout:
                text = Text()
                for rank, part in enumerate(parts):
                    cell = row[position[part]]
                    value = _text(cell, ", " if rank else "\n")
                    if not value:
                        continue
                    plain_style = "" if rank == 0 or joiner else "dim"
                    style = cell[1] if isinstance(cell, tuple) else plain_style
                    if text:
                        text.append(joiner[0] if joiner else "\n")
                    start = len(text)
                    text.append(value, style=style)
                    if isinstance(cell, tuple) and len(cell) > 2:  # spans to highlight
                        for begin, end in cell[2]:
                            text.stylize("bold reverse", start + begin, start + end)
                shown.append(text)
            cells.append(shown)
        needed = 0
        for index, (heading, parts, *_joiner) in enumerate(layout):
            if any(part in table.wide for part in parts):
                # wide enough for its longest word, so that no id or URL is cut in two
                # while a one-block-per-row layout could show it whole
                longest_word = max([0] + [len(word) for row in cells
                                          for word in row[index].plain.split()])
                least = min(max(WIDE_MIN, longest_word), WIDE_CAP)
                grid.add_column(heading, overflow="fold", ratio=1, min_width=least)
                needed += least + PAD
            else:
                longest = max([len(heading)] + [len(line) for row in cells
                                                for line in row[index].plain.split("\n")])
                width = longest if any(part in table.whole for part in parts) else min(
                    longest, NARROW)
                grid.add_column(heading, overflow="fold", width=width)
                needed += width + PAD
        if needed > console.width:
            self._stacked(table, [spec[0] for spec in layout], cells, console)
            return
        for shown in cells:
            grid.add_row(*shown)
        console.print(grid)

    def _stacked(
        self, table: Table, headings: list[str], cells: list[list[Any]], console: Any
    ) -> None:
        """A table too wide for the window: one block per row, one line per column."""
        from rich.text import Text

        if table.title:
            console.print(Text(table.title, style="bold"))
        for shown in cells:
            console.print()
            for heading, text in zip(headings, shown, strict=True):
                if text:
                    first, *rest = text.split("\n")
                    line = Text(f"{heading}: ", style="bold")
                    line.append_text(first)
                    for more in rest:
                        line.append("\n  ")
                        line.append_text(more)
                    console.print(line, overflow="fold")
        if table.caption:
            console.print()
            console.print(Text(table.caption, style="dim"), overflow="fold")


def _flat(text: str) -> str:
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
