"""Draw a `Table` with Rich, one row per item wherever the window allows it.

The table's own layout is tried first, then its compact layouts, then the widest short
columns are folded, one at a time, into the column of prose as labelled lines. Only a
window narrower than `BLOCKS_BELOW` gets one block per row, every field labelled. A table
may name other tables to draw ``instead`` when its columns do not fit (a vote matrix turned
on its side). Text from the data is never read as Rich markup.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping
from typing import Any

from rca.render.blocks import NARROW, PAD, WIDE_CAP, WIDE_MIN, Table, as_text, shown
from rca.text import NBSP, clean

#: the only links a terminal or an export is given
WEB = ("https://", "http://")
#: the least a short column is narrowed to when a table does not fit
SHORTEST = 8
#: the least a column cut with … keeps; narrower, it is left out
CLIPPED_LEAST = 8
#: below this many columns a table is drawn as one block per row
BLOCKS_BELOW = 50

Spec = tuple[Any, ...]  # (heading, [fields], optional joiner)

#: Rich wraps at every Unicode space, the no-break space (`NBSP`) too, so a cell hides it
#: behind `HELD` while its lines are divided
HELD = "\ue000"


@functools.cache
def _kept_type() -> Any:
    from rich.containers import Lines
    from rich.text import Text

    class Kept(Text):
        """A Rich text whose non-breaking spaces do not break."""

        def wrap(self, console: Any, width: int, **options: Any) -> Lines:
            if NBSP not in self.plain or HELD in self.plain:
                return super().wrap(console, width, **options)
            held = self.copy()
            held.plain = self.plain.replace(NBSP, HELD)  # the same length: styles stay
            lines = Text.wrap(held, console, width, **options)
            for line in lines:
                line.plain = line.plain.replace(HELD, " ")  # a space again, as copied
            return lines

    return Kept


def _kept(text: Any) -> Any:
    """``text`` (a Rich text) as one whose non-breaking spaces hold."""
    kept = _kept_type()()
    kept.append(text)
    return kept


def _words(line: str) -> list[str]:
    """The words of a line as a terminal keeps them: a non-breaking space joins."""
    return [word.replace(HELD, NBSP) for word in line.replace(NBSP, HELD).split()]


class Column:
    """One column as drawn: its cells, what it takes and how far it may narrow."""

    def __init__(self, heading: str, parts: list[str], joiner: str | None, cells: list[Any],
                 wide: bool, width: int, least: int, longest: int, whole: bool,
                 clip: bool) -> None:
        self.heading, self.parts, self.joiner, self.cells = heading, parts, joiner, cells
        #: wide: prose that may wrap; width: what it takes (its longest line, or its least
        #: width for prose); least: the narrowest it can be without cutting a word;
        #: whole: on one line, never narrowed (a chart); clip: cut with … where it must
        self.wide, self.width, self.least, self.longest = wide, width, least, longest
        self.whole, self.clip = whole, clip


def _cell(table: Table, row: Mapping[str, Any], parts: list[str], joiner: str | None,
          tagged: Collection[str]) -> Any:
    from rich.text import Text

    text = _kept(Text())
    for rank, part in enumerate(parts):
        if isinstance(part, tuple):  # a folded column of several fields: one labelled line
            heading, group, join = part
            inner = _cell(table, row, list(group), join, ())
            if inner:
                inner.stylize("dim")
                if text:
                    text.append("\n")
                text.append(f"{_lower(heading)}: ", style="dim")
                text.append_text(inner)
            continue
        value = shown(table, row, part)
        plain = clean(as_text(value, ", " if rank else "\n"), keep_newlines=True)
        if not plain:
            continue
        style = value[1] if isinstance(value, tuple) else (
            "" if rank == 0 or joiner else "dim")
        if text:
            text.append(joiner if joiner is not None else "\n")
        if part in tagged or (rank and part in table.tagged):
            text.append(f"{_lower(table.label(part))}: ", style="dim")
        start = len(text)
        text.append(plain, style=style)
        if part in table.links and plain.startswith(WEB):
            text.stylize(f"link {plain}", start, start + len(plain))
        if isinstance(value, tuple) and len(value) > 2:  # spans to highlight
            for begin, end in value[2]:
                text.stylize("bold reverse", start + begin, start + end)
    return text


def _lower(label: str) -> str:
    """A label as it reads inside a sentence: 'theme', but 'UN record'."""
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def _columns(table: Table, layout: list[Spec],
             tagged: Collection[str] = ()) -> list[Column]:
    from rich.cells import cell_len

    known = set(table.fields)
    columns = []
    for heading, parts, *rest in layout:
        parts = [part for part in parts
                 if (isinstance(part, tuple) and set(part[1]) & known) or part in known]
        joiner = rest[0] if rest else None
        cells = [_cell(table, row, parts, joiner, tagged) for row in table.rows]
        lines = [line for c in cells for line in c.plain.split("\n")]
        wide = any(part in table.wide for part in parts)
        if wide and joiner is not None:
            # fields on one line: they fit whole, or the next layout is tried
            width = max([cell_len(heading)] + [cell_len(line) for line in lines])
        elif wide:
            # room for its longest word, so that an id is not cut where it can fit (a web
            # address may fold: it stays one link)
            words = [cell_len(w) for line in lines for w in _words(line)
                     if not w.startswith(WEB)]
            longest_word = max([0, *words])
            width = min(max(WIDE_MIN, longest_word), WIDE_CAP)
        else:
            longest = max([cell_len(heading)] + [cell_len(line) for line in lines])
            clipped = any(part in table.clip for part in parts)
            width = (min(longest, WIDE_MIN) if clipped
                     else longest if any(part in table.whole for part in parts)
                     else min(longest, table.narrow or NARROW))
        words = [cell_len(w) for line in [*lines, heading] for w in _words(line)]
        least = min(max([1, *words]), table.narrow or NARROW)
        longest = max([cell_len(heading)] + [cell_len(line) for line in lines])
        whole = any(part in table.whole for part in parts)
        clip = any(part in table.clip for part in parts)
        columns.append(Column(heading, parts, joiner, cells, wide, width, least, longest,
                              whole, clip))
    return columns


def _needed(columns: list[Column]) -> int:
    return sum(c.width + PAD for c in columns) - PAD


def _folded(table: Table, layout: list[Spec], width: int) -> list[Column]:
    """Fold the widest short columns, then any other column of prose, into the first
    column of prose until the table fits."""
    specs = [(s[0], list(s[1]), *s[2:]) for s in layout]
    target = next((i for i, s in enumerate(specs) if any(p in table.wide for p in s[1])), None)
    tagged: set[str] = set()
    columns = _columns(table, specs)
    while target is not None and _needed(columns) > width:
        movable = [i for i, c in enumerate(columns) if i not in (0, target) and not c.wide]
        if not movable:
            movable = [i for i, c in enumerate(columns) if i > target and c.wide]
        if not movable:
            break
        widest = max(movable, key=lambda i: columns[i].width)
        moved = specs.pop(widest)
        if widest < target:
            target -= 1
        if len(moved[1]) > 1 and len(moved) > 2:  # kept as one: Y-N-A: 100-11-58
            specs[target][1].append((moved[0], tuple(moved[1]), moved[2]))
        else:
            specs[target][1].extend(moved[1])
        if len(moved[1]) == 1:
            table.labels.setdefault(moved[1][0], moved[0])
        tagged.update(moved[1][:1] if columns[widest].wide else moved[1])
        columns = _columns(table, specs, tagged)
    return columns


def fitting(table: Table, width: int) -> list[Column] | None:
    """The columns of the first of the table's own layouts that fits ``width`` unchanged."""
    for layout in _layouts(table):
        columns = _columns(table, layout)
        if _needed(columns) <= width:
            return columns
    return None


def _layouts(table: Table) -> list[list[Spec]]:
    first = table.layout or [(table.label(f), [f]) for f in table.fields]
    return [first, *table.compact]


def draw(table: Table, console: Any) -> None:
    columns = fitting(table, console.width)
    if columns is not None:
        _grid(table, columns, console)
        return
    turned = [fitting(other, console.width) for other in table.instead]
    if turned and all(turned):
        for other, its_columns in zip(table.instead, turned, strict=True):
            _grid(other, its_columns or [], console)
        return
    layout = [spec for spec in _layouts(table)[-1] if not set(spec[1]) <= set(table.optional)]
    if console.width < max(BLOCKS_BELOW, table.blocks_below):  # too narrow to fold: blocks
        columns = _columns(table, layout)
        _squeezed(columns, console.width, cut=False)
        if _needed(columns) <= console.width:
            _grid(table, columns, console)
        else:
            _stacked(table, console)
        return
    columns = _folded(table, layout, console.width)
    _squeezed(columns, console.width, cut=False)
    _squeezed(columns, console.width, cut=True)
    _grid(table, columns, console)


def _squeezed(columns: list[Column], width: int, cut: bool) -> None:
    """Narrow the widest short columns to their longest word (with ``cut``, down to
    `SHORTEST`) and the columns of prose to `WIDE_MIN`, until the table fits."""
    def floor(c: Column) -> int:
        return SHORTEST if cut else max(SHORTEST, c.least)

    while _needed(columns) > width:
        clipped = [c for c in columns if c.clip]
        if clipped:
            if clipped[0].width <= CLIPPED_LEAST:
                columns.remove(clipped[0])
            else:
                clipped[0].width -= 1
            continue
        short = [c for c in columns if not c.wide and not c.whole and c.width > floor(c)]
        prose = [c for c in columns if c.wide and c.width > WIDE_MIN]
        if not short and not prose:
            break
        widest = max(short or prose, key=lambda c: c.width)
        widest.width -= 1


def _grid(table: Table, columns: list[Column], console: Any) -> None:
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    grid = RichTable(
        title=Text(clean(table.title), style="bold") if table.title else None,
        title_justify="left",
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True,
        show_lines=table.lines, show_header=table.header,
    )
    widths = _shared(table, columns, console.width)
    for column, width in zip(columns, widths, strict=True):
        heading = Text(clean(column.heading))
        if any(part in table.clip for part in column.parts):
            grid.add_column(heading, overflow="ellipsis", no_wrap=True, width=width)
        else:
            grid.add_column(heading, overflow="fold", width=width)
    for number in range(len(table.rows)):
        grid.add_row(*[c.cells[number] for c in columns])
    console.print(grid)
    caption = _caption(table)
    if caption:  # the window's width, not the table's
        console.print(caption, overflow="fold")


def _shared(table: Table, columns: list[Column], width: int) -> list[int]:
    """Every column's width: short ones as measured, the room left shared out among the
    columns of prose (and clipped ones), each up to its longest line."""
    widths = [c.width for c in columns]
    growing = [i for i, c in enumerate(columns)
               if c.wide or set(c.parts) & set(table.clip)]
    room = width - _needed(columns)
    while room > 0 and growing:
        for i in list(growing):
            if room <= 0:
                break
            if widths[i] >= columns[i].longest:
                growing.remove(i)
                continue
            widths[i] += 1
            room -= 1
    return widths


def _caption(table: Table) -> Any:
    from rich.text import Text

    text = table.caption if table.terminal_caption is None else table.terminal_caption
    return Text(clean(text, keep_newlines=True), style="dim") if text else None


def _stacked(table: Table, console: Any) -> None:
    """A window too narrow for columns: one block per row, one labelled line per field."""
    from rich.text import Text

    if table.title:
        console.print(Text(clean(table.title), style="bold"))
    known = set(table.fields)
    parts: list[Any] = []
    for heading, fields, *joiner in _layouts(table)[0]:
        fields = [p for p in fields if p in known]
        # fields on one line that hold no prose are one figure: Y-N-A: 100-11-58
        if len(fields) > 1 and joiner and not any(p in table.wide for p in fields):
            parts.append((heading, fields, joiner[0]))
        else:
            parts.extend(fields)
    for row in table.rows:
        console.print()
        for part in parts:
            if isinstance(part, tuple):
                heading, fields, joiner = part
                text = _cell(table, row, fields, joiner, ())
                label = heading
            else:
                text = _cell(table, row, [part], None, ())
                label = table.label(part)
            if not text:
                continue
            first, *rest = text.split("\n")
            out = _kept(Text(f"{label}: ", style="bold"))
            out.append_text(first)
            for more in rest:
                out.append("\n  ")
                out.append_text(more)
            console.print(out, overflow="fold")
    caption = _caption(table)
    if caption:
        console.print()
        console.print(caption, overflow="fold")
