"""What a command hands the output: tables, headings, notes and charts, and the sizes a
terminal draws them by. Neither the output object nor the terminal's drawing is imported
here, so both can take these without importing each other."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rca.render.chart import Chart
from rca.render.formats import cell

#: A terminal cell: plain text; a list of texts (one per line on a terminal); or
#: (text, Rich style), optionally with (start, end) spans of the text to highlight.
Shown = Any


@dataclass
class Table:
    """Rows of plain data, named by field, and how a terminal shows them.

    ``fields`` are the field names, in order: the pipe's header and the keys of each row.
    On a terminal: ``labels`` gives a field's heading (default: its name, capitalised) and
    ``show`` how a row's value is shown (default: the value as text); ``wide`` fields hold
    prose that may wrap; ``lines`` puts rule lines between rows; ``layout`` stacks fields in
    one column, as (heading, [fields]) with the first field plain and the others dim, or
    (heading, [fields], joiner) on one line; ``compact`` gives layouts to try in turn when
    ``layout`` is too wide; ``whole`` fields stay on one line however long (a chart);
    ``terminal_only`` fields are never in a pipe; ``optional`` ones are left out first when
    the table does not fit; ``clip`` fields never wrap and end in … where they do not fit;
    ``tagged`` ones carry their label when stacked under another; ``links`` hold a web
    address, made a link; ``instead`` are tables to show when the columns do not fit (a
    matrix turned on its side); ``header`` shows the column headings; ``terminal_caption``
    replaces the caption on a terminal; ``narrow`` lets the short columns grow wider than
    usual (for long ids); ``blocks_below`` makes a row a block of labelled fields below
    that width, for a table of many short figures. The plain mode always has every field.
    """

    title: str
    fields: list[str]
    rows: Sequence[Mapping[str, Any]] = field(default_factory=list)
    caption: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    show: dict[str, Callable[[Any], Shown]] = field(default_factory=dict)
    wide: tuple[str, ...] = ()
    lines: bool = False
    layout: list[tuple[Any, ...]] = field(default_factory=list)
    whole: tuple[str, ...] = ()
    terminal_only: tuple[str, ...] = ()
    compact: list[list[tuple[Any, ...]]] = field(default_factory=list)
    optional: tuple[str, ...] = ()
    clip: tuple[str, ...] = ()
    tagged: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    instead: list[Table] = field(default_factory=list)
    header: bool = True
    terminal_caption: str | None = None
    #: the most a short column takes before it wraps (0: `NARROW`)
    narrow: int = 0
    blocks_below: int = 0

    def label(self, name: str) -> str:
        return self.labels.get(name) or name.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Heading:
    text: str
    sub: str = ""


@dataclass(frozen=True)
class Note:
    """A remark after the tables: dim on a terminal, a ``#`` comment in plain mode."""

    text: str


Block = Table | Heading | Note | Chart

#: the field that holds source ids; numbered like footnotes when asked for
SOURCES_FIELD = "sources"
#: beside a cell ``field``, ``row[CITED + field]`` holds the ids of that cell's own sources,
#: numbered on the cell itself when footnotes are asked for
CITED = "_cited_"

#: the most a column of codes, dates or ids takes on a terminal before it wraps
NARROW = 32
#: the least a column of prose gets on a terminal; narrower windows get one block per row
WIDE_MIN = 24
#: the room between two columns: a space each side of a blank rule
PAD = 2
#: words longer than this (long URLs) may fold inside a column of prose; a shorter one,
#: under half of an 80-column window (a source id), stays whole
WIDE_CAP = 39


def shown(table: Table, row: Mapping[str, Any], name: str) -> Shown:
    """What a reader sees of one field of a row (in a pipe: its text, without style)."""
    how = table.show.get(name)
    return how(row) if how is not None else row.get(name)


def as_text(value: Shown, joiner: str) -> str:
    text = value[0] if isinstance(value, tuple) else value
    if isinstance(text, (list, tuple)):
        return joiner.join(as_text(part, joiner) for part in text)
    if isinstance(text, Mapping):
        return cell(text, joiner)
    if text is None:
        return ""
    if isinstance(text, bool):
        return "yes" if text else ""
    return str(text)
