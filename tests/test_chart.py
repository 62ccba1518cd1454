"""The terminal chart of `rca history ideal`, drawn as text: every line named, none too wide."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from rca.render.chart import Chart, Series, plain, plot


def chart(*series: Series) -> Chart:
    return Chart("Ideal point per year", list(series))


@pytest.mark.parametrize("width", [20, 40, 80, 132])
def test_lines_ending_together_each_keep_their_code_and_fit_the_width(width: int) -> None:
    same = tuple((year, 0.5) for year in range(1992, 2026))
    drawn = plain(plot(chart(Series("KAZ", "Kazakhstan", same),
                             Series("UZB", "Uzbekistan", same),
                             Series("RUS", "Russia", same, reference=True)), width, 20))
    lines = drawn.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    ends = [line.rsplit(" ", 1)[-1] for line in lines if re.search("[│┤]", line)
            and line.endswith(("KAZ", "UZB", "RUS"))]
    assert sorted(ends) == ["KAZ", "RUS", "UZB"]


def test_a_line_breaks_where_a_state_has_no_votes_for_years() -> None:
    gap = ((1992, 0.0), (1993, 0.0), (2010, 0.0), (2011, 0.0))
    joined = tuple((year, 0.0) for year in range(1992, 2012))
    row = next(line for line in plain(plot(chart(Series("KAZ", "K", gap)), 80, 12))
               .splitlines() if line.endswith("KAZ"))
    full = next(line for line in plain(plot(chart(Series("KAZ", "K", joined)), 80, 12))
                .splitlines() if line.endswith("KAZ"))
    assert re.search(r"[⠀-⣿] {20,}[⠀-⣿]", row)  # two pieces, blank between
    assert not re.search(r"[⠀-⣿] +[⠀-⣿]", full)  # one unbroken line


def test_the_year_axis_labels_years_in_order_under_their_ticks() -> None:
    lines = plain(plot(chart(Series("RUS", "Russia", tuple(
        (year, year / 100) for year in range(1946, 2026)))), 80, 16)).splitlines()
    axis = next(i for i, line in enumerate(lines) if "└" in line)
    years = [int(y) for y in re.findall(r"\d{4}", lines[axis + 1])]
    assert years == list(range(1950, 2030, 10))
    for year in years:  # each label sits under a tick
        middle = lines[axis + 1].index(str(year)) + 1
        assert "┬" in lines[axis][middle - 1:middle + 2], year
