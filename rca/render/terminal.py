"""Draw a `Table` with Rich, one row per item wherever the window allows it.

Rich sizes and wraps the columns; rca decides the layout. The table's own layout is tried
first, then its compact layouts, then the widest short columns are folded, one at a time,
into the column of prose as labelled lines, until Rich can draw it without cutting a word.
Only a window narrower than `BLOCKS_BELOW` gets one block per row, every field labelled. A
table may name other tables to draw ``instead`` when its columns do not fit (a vote matrix
turned on its side). Text from the data is never read as Rich markup. The output imports
this module only to draw on a terminal or for an export, so a pipe never loads Rich.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Collection, Mapping
from typing import Any, NamedTuple

from rich import box
from rich.cells import cell_len, chop_cells
from rich.console import Console
from rich.containers import Lines
from rich.measure import Measurement
from rich.table import Table as RichTable
from rich.text import Text

from rca.render.blocks import NARROW, PAD, WIDE_CAP, WIDE_MIN, Table, as_text, shown
from rca.render.chart import Chart, plot
from rca.text import NBSP, clean

#: the only links a terminal or an export is given
WEB = ("https://", "http://")
#: the least a short column is cut to, before the prose is, where a table does not fit
SHORTEST = 8
#: the least a column cut with … keeps; narrower, it wraps as prose
CLIPPED_LEAST = 24
#: a width no window has, to measure what a table needs
UNBOUNDED = 100_000
#: from this many columns a table stays one row per item, as the README promises
TABLES_FROM = 80
#: below this many columns a table is drawn as one block per row
BLOCKS_BELOW = 50

Spec = tuple[Any, ...]  # (heading, [fields], optional joiner)

#: Rich wraps at every Unicode space, the no-break space (`NBSP`) too, so a cell hides it
#: behind `HELD` while its lines are divided
HELD = "\ue000"


class Size(NamedTuple):
    """What a cell needs across: its longest word (a non-breaking space joins), its longest
    word with held runs let go, and its longest line. As a least width a word asks for at
    most `WIDE_CAP`; a longer one may fold."""

    word: int
    single: int
    line: int


class Kept(Text):
    """A Rich text whose non-breaking spaces do not break, and which tells Rich how
    narrow it can be: ``whole``, its longest line; else its longest word (a web
    address may fold, staying one link, and so may a word over `WIDE_CAP`)."""

    whole = False
    #: loose: a held run may be let go at its spaces, so its words count one by one
    loose = False
    #: the text measured, and its `Size`
    sized: tuple[str | None, Size] = (None, Size(0, 0, 0))

    def wrap(self, console: Any, width: int, *, justify: Any = None,
             overflow: Any = None, tab_size: int = 8, no_wrap: bool | None = None) -> Lines:
        """Rich's wrap, each line divided where `divided` says, and each non-breaking
        space a plain one again."""
        if no_wrap or self.no_wrap:
            return super().wrap(console, width, justify=justify, overflow=overflow,
                                tab_size=tab_size, no_wrap=no_wrap)
        justify = justify or self.justify or "default"
        overflow = overflow or self.overflow or "fold"
        lines = Lines()
        for line in self.split(allow_blank=True):
            parts = line.divide(divided(line.plain, width, fold=overflow == "fold"))
            for part in parts:
                part.rstrip_end(width)
                part.plain = part.plain.replace(NBSP, " ")  # the same length: styles stay
            parts.justify(console, width, justify=justify, overflow=overflow)
            for part in parts:
                part.truncate(width, overflow=overflow)
            lines.extend(parts)
        return lines

    def size(self) -> Size:
        plain = self.plain
        if self.sized[0] != plain:  # measured once: a table is measured many times
            lines = plain.split("\n")
            words = [cell_len(word) for line in lines for word in _words(line)
                     if not word.startswith(WEB)]
            single = [cell_len(word) for word in plain.split() if not word.startswith(WEB)]
            self.sized = (plain, Size(max(words, default=0), max(single, default=0),
                                      max(cell_len(line) for line in lines)))
        return self.sized[1]

    def __rich_measure__(self, console: Any, options: Any) -> Measurement:
        size = self.size()
        least = size.line if self.whole else min(size.single if self.loose else size.word,
                                                  WIDE_CAP)
        return Measurement(least, size.line)


def _kept(text: Any) -> Any:
    """``text`` (a Rich text) as one whose non-breaking spaces hold."""
    kept = Kept()
    kept.append(text)
    return kept


#: in a word longer than its line, where a hyphen lets it break
AFTER = "\ue001"
#: a word, or the part of a long word up to a hyphen, and the spaces after it
_PIECE = re.compile(rf"\s*(?:[^\s{AFTER}]+{AFTER}?|{AFTER})\s*")


def divided(plain: str, width: int, fold: bool) -> list[int]:
    """Where a line of ``plain`` is divided to fit ``width``: at spaces, not at those a
    non-breaking space holds unless its run of words is longer than the line; a word longer
    than the line breaks after a hyphen (a source id, a date), and is cut only if a part of
    it is still too long (or runs on, cropped, without ``fold``)."""

    def run(found: re.Match[str]) -> str:
        words = found[0]
        if cell_len(words) <= width:
            return words
        return " ".join(word if cell_len(word.rstrip(",;:.")) <= width else  # a comma may fold
                        re.sub(r"(?<=\w)[-–](?=\w)", AFTER, word) for word in words.split(HELD))

    breaks, used = [], 0
    for piece in _PIECE.finditer(re.sub(r"\S+", run, plain.replace(NBSP, HELD))):
        start, size = piece.start(), cell_len(piece[0].rstrip())
        if used and used + size > width:
            breaks.append(start)
            used = 0
        if size > width and fold:
            *cut, last = chop_cells(piece[0], width)
            for part in cut:
                start += len(part)
                breaks.append(start)
            used = cell_len(last)
        else:
            used += cell_len(piece[0])
    return [at for at in breaks if at]


def _words(line: str) -> list[str]:
    """The words of a line as a terminal keeps them: a non-breaking space joins."""
    return [word.replace(HELD, NBSP) for word in line.replace(NBSP, HELD).split()]


def _cell(table: Table, row: Mapping[str, Any], parts: list[str], joiner: str | None,
          tagged: Collection[str]) -> Any:
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


def _columns(table: Table, layout: list[Spec], tagged: Collection[str] = (),
             loose: bool = False) -> list[Column]:
    """The columns a layout draws: each heading, its parts and its cells, and how it
    wraps: only prose, unless ``loose`` lets the short columns wrap at their words too; a
    chart never; a clipped column is cut with …."""
    known = set(table.fields)
    columns = []
    for heading, parts, *rest in layout:
        parts = [part for part in parts
                 if (isinstance(part, tuple) and set(part[1]) & known) or part in known]
        joiner = rest[0] if rest else None
        cells = [_cell(table, row, parts, joiner, tagged) for row in table.rows]
        kind = next((k for k, fields in (("whole", table.whole), ("clip", table.clip),
                                         ("wide", table.wide))
                     if any(part in fields for part in parts)), "short")
        for text in cells:  # fields joined on a line fit whole, or not at all
            text.whole = kind == "whole" or (not loose and (kind != "wide" or bool(joiner)))
            text.loose = loose
        columns.append(Column(heading, cells, kind))
    return columns


class Column:
    """One column as laid out: its heading, what it shows and how it wraps."""

    def __init__(self, heading: str, cells: list[Any], kind: str) -> None:
        self.heading, self.cells, self.kind = heading, cells, kind

    @property
    def wide(self) -> bool:
        return self.kind == "wide"


def _rich(table: Table, columns: list[Column], console: Any, firm: bool = True) -> Any:
    """The Rich table of ``columns``: Rich sizes and wraps them. Prose gets at least
    `WIDE_MIN` (unless not ``firm``), a short column at most ``narrow``; a column cut with
    … takes the room the others leave."""
    grid = Grid(
        title=Text(clean(table.title), style="bold") if table.title else None,
        title_justify="left",
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True,
        show_lines=table.lines, show_header=table.header,
    )
    clipped = [c for c in columns if c.kind == "clip"]
    room = None
    if clipped:  # what the others leave, as Rich lays them out
        rest = _rich(table, [c for c in columns if c.kind != "clip"], console, firm)
        room = console.width - _span(rest, console).maximum - PAD * len(clipped)
        if room < CLIPPED_LEAST:  # too narrow to cut with …: the column wraps, as prose
            for column in clipped:
                column.kind = "wide"
                for cell in column.cells:
                    cell.whole = False
    for column in columns:
        heading = Text(clean(column.heading))
        if column.kind == "clip":
            longest = max(_span(c, console).maximum for c in [heading, *column.cells])
            grid.add_column(heading, overflow="ellipsis", no_wrap=True,
                            width=min(longest, room or 0))
        elif column.kind == "whole":  # on one line; a window too narrow wraps it, never cuts
            grid.add_column(heading, overflow="fold")
        elif column.wide:
            grid.add_column(heading, overflow="fold", min_width=WIDE_MIN if firm else None)
        else:
            grid.add_column(heading, overflow="fold", max_width=table.narrow or NARROW)
    for number in range(len(table.rows)):
        grid.add_row(*[c.cells[number] for c in columns])
    grid.prose = tuple(c.wide for c in columns)
    return grid


class Grid(RichTable):
    """Rich's table, but where its columns must narrow, the widest gives way first, as
    in Rich, only never below what it holds: first each column's longest word, then
    prose down to `WIDE_MIN`, then the short columns down to `SHORTEST`. Rich's own
    way narrows the widest column whatever it holds, and folds an id that fits."""

    #: for each column, whether it holds prose
    prose: tuple[bool, ...] = ()

    def least(self, console: Any) -> int:
        """The narrowest the table can be drawn without cutting a word."""
        options = console.options.update_width(UNBOUNDED)
        return sum(self._measure_column(console, options, column).minimum
                   for column in self.columns) + self._extra_width

    def _calculate_column_widths(self, console: Any, options: Any) -> list[int]:
        self._measuring = (console, options)
        return list(super()._calculate_column_widths(console, options))

    def _collapse_widths(  # type: ignore[override]  # Rich's is a classmethod
            self, widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
        least = [self._measure_column(*self._measuring, column).minimum
                 for column in self.columns]
        pads = [self._get_padding_width(i) for i in range(len(widths))]
        words = [pad + max([cell.size().line if cell.whole else cell.size().word
                            for cell in column.cells if isinstance(cell, Kept)], default=0)
                 for pad, column in zip(pads, self.columns, strict=True)]
        floors = [  # what each column keeps, first, then second, then at last
            [max(pair) for pair in zip(words, least, strict=True)],  # words whole
            least,
            [pad + WIDE_MIN if prose else words
             for pad, prose, words in zip(pads, self.prose, least, strict=True)],
            [pad + (WIDE_MIN if prose else SHORTEST)
             for pad, prose in zip(pads, self.prose, strict=True)],
            [pad + SHORTEST for pad in pads],
        ]
        widths = list(widths)
        for floor in floors:  # the widest column above its floor gives up a cell
            while sum(widths) > max_width:
                above = [i for i, width in enumerate(widths)
                         if wrapable[i] and width > floor[i]]
                if not above:
                    break
                widths[max(above, key=lambda i: widths[i])] -= 1
        return widths


def _span(renderable: Any, console: Any) -> Any:
    # measured as if the window had no edge: Rich would clamp what it needs to the window
    return Measurement.get(console, console.options.update_width(UNBOUNDED), renderable)


def _fits(grid: Any, console: Any) -> bool:
    """Whether Rich can draw ``grid`` in the window without cutting a word."""
    return bool(grid.least(console) <= console.width)


def fitting(table: Table, console: Any) -> Any:
    """The Rich table of the first of the table's own layouts that fits, or None."""
    for layout in _layouts(table):
        grid = _rich(table, _columns(table, layout), console)
        if _fits(grid, console):
            return grid
    return None


def _layouts(table: Table) -> list[list[Spec]]:
    first = table.layout or [(table.label(f), [f]) for f in table.fields]
    return [first, *table.compact]


def _folded(table: Table, layout: list[Spec], console: Any) -> Any:
    """Fold the widest short columns, then any other column of prose, into the first
    column of prose as labelled lines, until the table fits."""
    specs = [(s[0], list(s[1]), *s[2:]) for s in layout]
    target = next((i for i, s in enumerate(specs) if any(p in table.wide for p in s[1])), None)
    tagged: set[str] = set()
    columns = _columns(table, specs)
    grid = _rich(table, columns, console)
    while target is not None and not _fits(grid, console):
        movable = [i for i, c in enumerate(columns) if i not in (0, target) and not c.wide]
        if not movable:
            movable = [i for i, c in enumerate(columns) if i > target and c.wide]
        if not movable:
            break
        widest = max(movable, key=lambda i: max(
            [c.size().line for c in columns[i].cells], default=0))
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
        grid = _rich(table, columns, console)
    if _fits(grid, console):
        return grid
    return _rich(table, _columns(table, specs, tagged, loose=True), console, firm=False)


def draw(table: Table, console: Any) -> None:
    grid = fitting(table, console)
    if grid is None:
        turned = [fitting(other, console) for other in table.instead]
        if turned and all(g is not None for g in turned):
            for other, its_grid in zip(table.instead, turned, strict=True):
                _print(other, its_grid, console)
            return
        layout = [spec for spec in _layouts(table)[-1]
                  if not set(spec[1]) <= set(table.optional)]
        prose = any(part in table.wide for spec in layout for part in spec[1])
        if console.width < max(BLOCKS_BELOW, table.blocks_below) or (
                not prose and console.width < TABLES_FROM):
            # too narrow to fold, or no prose to fold into: the columns wrapped at their
            # words, else blocks, so that no figure is cut (from `TABLES_FROM` columns a
            # table stays a table, a word too long for its column folding)
            grid = _rich(table, _columns(table, layout, loose=True), console)
            if not _fits(grid, console):
                _stacked(table, console)
                return
        else:
            grid = _folded(table, layout, console)
    _print(table, grid, console)


def _print(table: Table, grid: Any, console: Any) -> None:
    console.print(grid)
    caption = _caption(table)
    if caption:  # the window's width, not the table's
        console.print(caption)


class _Whole:
    """One Rich text printed as itself: `Console.print` would join a text into a plain one,
    losing the non-breaking spaces a `Kept` text holds."""

    def __init__(self, text: Any) -> None:
        self.text = text

    def __rich_console__(self, console: Any, options: Any) -> Any:
        yield self.text


#: the most a legend's item (a mark and its meaning) takes before its words may part
ITEM_HELD = 30


def _caption(table: Table) -> Any:
    """The legend under a table: each short item, a mark and its meaning, held on one line,
    and the dot between two items kept at the end of a line, never at the start of one."""
    text = table.caption if table.terminal_caption is None else table.terminal_caption
    if not text:
        return None
    lines = [f"{NBSP}· ".join(item.replace(" ", NBSP) if len(item) <= ITEM_HELD else item
                              for item in line.split(" · "))
             for line in clean(text, keep_newlines=True).split("\n")]
    caption = _kept(Text("\n".join(lines), style="dim"))
    caption.overflow = "fold"
    return _Whole(caption)


def _stacked(table: Table, console: Any) -> None:
    """A window too narrow for columns: one block per row, one labelled line per field."""
    if table.title:
        console.print(Text(clean(table.title), style="bold"))
    known = set(table.fields)
    layout = _layouts(table)[0]
    if {p for spec in layout for p in spec[1]} <= set(table.terminal_only) & set(table.whole):
        # a drawing made for columns (a line of figures set in fixed places): its fields
        layout = [(table.label(f), [f]) for f in table.fields if f not in table.terminal_only]
    parts: list[Any] = []
    for heading, fields, *joiner in layout:
        fields = [p for p in fields if p in known]
        # fields on one line that hold no prose are one figure: Y-N-A: 100-11-58
        if len(fields) > 1 and joiner and not any(p in table.wide for p in fields):
            parts.append((heading, fields, joiner[0]))
        else:
            parts.extend(fields)
    keyed = not table.header and len(parts) == 2  # a list of names and values
    for row in table.rows:
        if not keyed:
            console.print()
        for part in parts[1:] if keyed else parts:
            if isinstance(part, tuple):
                heading, fields, joiner = part
                text = _cell(table, row, fields, joiner, ())
                label = heading
            else:
                text = _cell(table, row, [part], None, ())
                label = as_text(shown(table, row, parts[0]), ", ") if keyed else table.label(part)
            if not text:
                continue
            first, *rest = text.split("\n")
            # a value that names itself ("note: …", "draft A/…", "by rca editors",
            # "symbol unconfirmed") needs no label before it
            opening = first.plain.split(" ", 1)[0].rstrip(":").casefold()
            named = label.casefold().split()
            said = bool(named) and opening in (named[0], named[-1])
            out = _kept(Text("" if said else f"{clean(label)}: ", style="bold"))
            out.append_text(first)
            for more in rest:  # indented, unless the indent would cut a line that fits
                out.append("\n  " if more.cell_len <= console.width - 2 else "\n")
                out.append_text(more)
            out.overflow = "fold"
            console.print(_Whole(out))  # printed alone, so that its own wrapping holds
    caption = _caption(table)
    if caption:
        console.print()
        console.print(caption)


def console(stream: Any, width: int | None, terminal: bool, record: bool, height: int | None = None,
            colour: bool = True) -> Console:
    """A console that draws on ``stream``: in colour unless ``NO_COLOR`` is set, as wide as
    asked (80 where a width is out of reason: ``COLUMNS=0``)."""
    system: Any = "auto" if colour and not os.environ.get("NO_COLOR") else None
    drawn = Console(file=stream, color_system=system, highlight=False, record=record,
                    force_terminal=terminal or None, width=width, height=height,
                    legacy_windows=False if height else None)
    if not 20 <= drawn.width <= 10_000:
        drawn.width = 80
    return drawn


def recorder(width: int) -> Console:
    """A console that only records, for an export made where the answer goes to a pipe."""
    return Console(file=io.StringIO(), record=True, width=width, force_terminal=True,
                   highlight=False, color_system="truecolor")


def heading(on: Console, text: str, sub: str = "") -> None:
    line = Text(clean(text), style="bold")
    if sub:
        line.append(f"  {clean(sub)}")
    on.print(line)


def note(on: Console, text: str) -> None:
    on.print(Text(clean(text, keep_newlines=True), style="dim"))


def chart(on: Console, drawing: Chart, height: int) -> None:
    """A chart, at most ``height`` lines where the plot allows it."""
    for line in plot(drawing, on.width, height):
        text = Text(no_wrap=True, overflow="crop")
        for part, style in line:  # names come from an imported file: cleaned
            text.append(clean(part), style=style or None)
        on.print(text)


def svg(drawn: Console, title: str, mark: str) -> str:
    """What ``drawn`` recorded, as an SVG picture that carries ``mark``."""
    from rich._export_format import CONSOLE_SVG_FORMAT

    return drawn.export_svg(title=title, clear=False, code_format=CONSOLE_SVG_FORMAT.replace(
        "<style>", f"{mark}\n    <style>", 1))


def html(drawn: Console, mark: str) -> str:
    """What ``drawn`` recorded, as a web page that carries ``mark``."""
    from rich._export_format import CONSOLE_HTML_FORMAT

    return drawn.export_html(clear=False, code_format=CONSOLE_HTML_FORMAT.replace(
        "<head>", f"<head>\n{mark}", 1))
