"""Draw a `Table` with Rich: columns that fit the window, or one block per row if none do."""

from __future__ import annotations

from typing import Any

from rca.render.output import NARROW, PAD, WIDE_CAP, WIDE_MIN, Table, as_text, shown


def _cells(table: Table, layout: list[tuple[Any, ...]]) -> list[list[Any]]:
    from rich.text import Text

    cells: list[list[Any]] = []
    for row in table.rows:
        line = []
        for _heading, parts, *joiner in layout:
            text = Text()
            for rank, part in enumerate(parts):
                value = shown(table, row, part)
                plain = as_text(value, ", " if rank else "\n")
                if not plain:
                    continue
                style = value[1] if isinstance(value, tuple) else (
                    "" if rank == 0 or joiner else "dim")
                if text:
                    text.append(joiner[0] if joiner else "\n")
                start = len(text)
                text.append(plain, style=style)
                if isinstance(value, tuple) and len(value) > 2:  # spans to highlight
                    for begin, end in value[2]:
                        text.stylize("bold reverse", start + begin, start + end)
            line.append(text)
        cells.append(line)
    return cells


def draw(table: Table, console: Any) -> None:
    from rich import box
    from rich.table import Table as RichTable

    grid = RichTable(
        title=table.title or None, title_justify="left", title_style="bold",
        caption=table.caption or None, caption_justify="left", box=box.SIMPLE_HEAD,
        pad_edge=False, expand=bool(table.wide), show_lines=table.lines,
    )
    known = set(table.fields)
    layout = [
        (spec[0], [part for part in spec[1] if part in known], *spec[2:])
        for spec in table.layout or [(table.label(f), [f]) for f in table.fields]
    ]
    cells = _cells(table, layout)
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
        _stacked(table, [spec[0] for spec in layout], cells, console)
        return
    for line in cells:
        grid.add_row(*line)
    console.print(grid)


def _stacked(table: Table, headings: list[str], cells: list[list[Any]], console: Any) -> None:
    """A table too wide for the window: one block per row, one line per column."""
    from rich.text import Text

    if table.title:
        console.print(Text(table.title, style="bold"))
    for line in cells:
        console.print()
        for heading, text in zip(headings, line, strict=True):
            if text:
                first, *rest = text.split("\n")
                out = Text(f"{heading}: ", style="bold")
                out.append_text(first)
                for more in rest:
                    out.append("\n  ")
                    out.append_text(more)
                console.print(out, overflow="fold")
    if table.caption:
        console.print()
        console.print(Text(table.caption, style="dim"), overflow="fold")
