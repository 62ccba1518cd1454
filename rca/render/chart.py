"""A line chart for a terminal: one line per series across the years, in braille dots.

Each character cell holds 2 x 4 dots, so a chart 70 columns wide has 140 steps across the
years. The lines are told apart without colour too: each ends in its state's code at the
right edge, the legend names them, and the reference line is dashed. A line is broken where
a series skips more than one year (a state not yet a member), and a lone year is a small
cross. The years are those of the chosen states; the reference line is cut to them. The
drawing is plain text with styles; `Output` hands it to Rich, on a terminal or in an
export only: a pipe never gets it.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

#: the bit of each dot of a braille cell, by (column, row) inside the cell
DOTS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))
#: the colours of the lines in turn; the reference line is red and dashed
PALETTE = ("cyan", "magenta", "green", "yellow", "bright_blue", "bright_white",
           "dark_orange", "bright_green")
REFERENCE_STYLE = "red"
AXIS_STYLE = "dim"
#: at most this many lines (the reference apart): more would be a tangle
MOST_LINES = len(PALETTE)
#: the plot's least and largest number of text rows
LEAST_ROWS, MOST_ROWS = 8, 16
#: a gap between years longer than this breaks a line
LONGEST_STEP = 2

Run = tuple[str, str]  # text and its Rich style ("" for none)
Line = list[Run]


@dataclass(frozen=True)
class Series:
    """One line: a state's value per year, in year order."""

    code: str
    name: str
    points: tuple[tuple[int, float], ...]
    reference: bool = False


@dataclass
class Chart:
    """A block of an answer drawn only on a terminal (and in exports): ``below`` is how many
    lines of the answer should still fit on the first screen under it."""

    title: str
    series: list[Series]
    below: int = 0
    styles: dict[str, str] = field(default_factory=dict)

    def style(self, series: Series) -> str:
        if series.reference:
            return REFERENCE_STYLE
        if series.code not in self.styles:
            self.styles[series.code] = PALETTE[len(self.styles) % len(PALETTE)]
        return self.styles[series.code]


def nice_step(span: float, most: int) -> float:
    """The smallest of 1, 2, 2.5, 5 times a power of ten that cuts ``span`` into at most
    ``most`` parts."""
    if span <= 0:
        return 1.0
    raw = span / max(most, 1)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= raw:
            return float(factor * power)
    return float(10 * power)  # pragma: no cover - the loop always returns


def _decimals(step: float) -> int:
    """The fewest decimals that write every multiple of ``step`` exactly (0.25: 2)."""
    return next((d for d in range(4) if abs(round(step, d) - step) < 1e-9), 4)


def year_step(years: int, columns: int) -> int:
    """The step between labelled years, so that labels of four digits keep two spaces apart."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100):
        if years / step * 6 <= columns:
            return step
    return 200


class _Canvas:
    def __init__(self, columns: int, rows: int) -> None:
        self.columns, self.rows = columns, rows
        self.mask = [[0] * columns for _ in range(rows)]
        self.owner: list[list[int]] = [[-1] * columns for _ in range(rows)]

    def dot(self, x: int, y: int, owner: int) -> None:
        if 0 <= x < self.columns * 2 and 0 <= y < self.rows * 4:
            self.mask[y // 4][x // 2] |= DOTS[x % 2][y % 4]
            self.owner[y // 4][x // 2] = owner

    def segment(self, a: tuple[int, int], b: tuple[int, int], owner: int,
                dashed: bool) -> None:
        steps = max(abs(b[0] - a[0]), abs(b[1] - a[1]), 1)
        for k in range(steps + 1):
            if dashed and k % 4 >= 2:
                continue
            self.dot(round(a[0] + (b[0] - a[0]) * k / steps),
                     round(a[1] + (b[1] - a[1]) * k / steps), owner)

    def cross(self, x: int, y: int, owner: int) -> None:
        for dx, dy in ((0, 0), (-1, 0), (1, 0), (0, -1), (0, 1)):
            self.dot(x + dx, y + dy, owner)


def plot(chart: Chart, width: int, height: int) -> list[Line]:
    """The chart as lines of styled text, at most ``width`` columns each and about
    ``height`` lines (the plot keeps at least `LEAST_ROWS` rows)."""
    drawn = [s for s in chart.series if s.points]
    chosen = [year for s in drawn if not s.reference for year, _ in s.points]
    if chosen:  # the years of the chosen states; the reference only where it meets them
        first, last = min(chosen), max(chosen)
        drawn = [s if not s.reference else Series(s.code, s.name, tuple(
            (year, value) for year, value in s.points if first <= year <= last), True)
            for s in drawn]
        drawn = [s for s in drawn if s.points]
    if not drawn:
        return []
    years = [year for s in drawn for year, _ in s.points]
    values = [value for s in drawn for _, value in s.points]
    first, last = min(years), max(years)
    low, high = min(values), max(values)
    pad = (high - low) * 0.05 or 0.5
    low, high = low - pad, high + pad
    legend = _legend(chart, drawn, width)
    title = len(textwrap.wrap(chart.title, width))
    rows = max(LEAST_ROWS, min(MOST_ROWS, height - title - 2 - len(legend)))
    step = nice_step(high - low, max(3, rows // 2 + 1))
    decimals = _decimals(step)
    ticks = [k * step for k in range(math.ceil(low / step), math.floor(high / step) + 1)]
    labels = [f"{0.0 if abs(t) < step / 1e6 else t:.{decimals}f}" for t in ticks]
    margin = max(len(label) for label in labels)
    codes = max(len(s.code) for s in drawn)
    columns = width - margin - 1 - (codes + 1)
    canvas = _Canvas(columns, rows)

    def x_of(year: int) -> int:
        return round((year - first) / (last - first) * (columns * 2 - 1)) if last > first \
            else columns - 1

    def y_of(value: float) -> int:
        return round((high - value) / (high - low) * (rows * 4 - 1))

    order = sorted(range(len(drawn)), key=lambda i: not drawn[i].reference)
    ends: list[tuple[int, int]] = []  # (row of the last point, series)
    for i in order:
        series = drawn[i]
        dots = [(year, (x_of(year), y_of(value))) for year, value in series.points]
        for k, (year, at) in enumerate(dots):
            joined = False
            if k and year - dots[k - 1][0] <= LONGEST_STEP:
                canvas.segment(dots[k - 1][1], at, i, series.reference)
                joined = True
            if k + 1 < len(dots) and dots[k + 1][0] - year <= LONGEST_STEP:
                joined = True
            if not joined:
                canvas.cross(*at, i)
        ends.append((dots[-1][1][1] // 4, i))
    right = _end_labels(ends, rows)
    tick_row = {min(rows - 1, y_of(t) // 4): label for t, label in zip(ticks, labels,
                                                                       strict=True)}
    lines: list[Line] = [[(text, "bold")] for text in textwrap.wrap(chart.title, width)]
    for r in range(rows):
        line: Line = [(tick_row.get(r, "").rjust(margin) + ("┤" if r in tick_row else "│"),
                       AXIS_STYLE)]
        for c in range(columns):
            mask, owner = canvas.mask[r][c], canvas.owner[r][c]
            line.append((chr(0x2800 + mask) if mask else " ",
                         chart.style(drawn[owner]) if mask else ""))
        if r in right:
            series = drawn[right[r]]
            line.append((" " + series.code, chart.style(series)))
        lines.append(_merged(line))
    lines.extend(_year_axis(first, last, margin, columns, x_of))
    lines.extend(legend)
    return lines


def _end_labels(ends: list[tuple[int, int]], rows: int) -> dict[int, int]:
    """Each series' code on the row of its last point, or the nearest free row."""
    taken: dict[int, int] = {}
    for row, series in sorted(ends):
        for distance in range(rows):
            for candidate in (row + distance, row - distance):
                if 0 <= candidate < rows and candidate not in taken:
                    taken[candidate] = series
                    break
            else:
                continue
            break
    return taken


def _year_axis(first: int, last: int, margin: int, columns: int,
               x_of: Callable[[int], int]) -> list[Line]:
    step = year_step(last - first, columns)
    years = [y for y in range(math.ceil(first / step) * step, last + 1, step)] or [first]
    axis = ["─"] * columns
    text = [" "] * (columns + 4)
    free = 0
    for year in years:
        column = x_of(year) // 2
        axis[column] = "┬"
        label = str(year)
        start = max(0, min(column - len(label) // 2, columns + 4 - len(label)))
        if start < free:
            continue
        text[start:start + len(label)] = label
        free = start + len(label) + 1
    return [[(" " * margin + "└" + "".join(axis), AXIS_STYLE)],
            [(" " * (margin + 1) + "".join(text).rstrip(), AXIS_STYLE)]]


def _legend(chart: Chart, drawn: list[Series], width: int) -> list[Line]:
    """The series named, as many to a line as fit: a solid or dashed mark, code and name."""
    lines: list[Line] = []
    line: Line = []
    used = 0
    for series in drawn:
        mark = "╌╌" if series.reference else "━━"
        name = series.name + (" (reference)" if series.reference else "")
        text = f" {series.code} {name}"
        size = len(mark) + len(text) + (3 if line else 0)
        if line and used + size > width:
            lines.append(line)
            line, used = [], 0
            size -= 3
        if line:
            line.append(("   ", ""))
        line.extend([(mark, chart.style(series)), (text[:width - len(mark)], "")])
        used += size
    if line:
        lines.append(line)
    return lines


def _merged(line: Line) -> Line:
    """Neighbouring runs of one style joined, so that a line is a few runs, not one a cell."""
    merged: Line = []
    for text, style in line:
        if merged and merged[-1][1] == style:
            merged[-1] = (merged[-1][0] + text, style)
        else:
            merged.append((text, style))
    return merged


def plain(lines: list[Line]) -> str:
    """The chart's text without styles (for a test or a look in a debugger)."""
    return "\n".join("".join(text for text, _ in line).rstrip() for line in lines)
