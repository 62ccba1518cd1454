"""Partial dates, as the dataset, the voting files and the options write them.

A date may be a year (2022), a month (2022-03) or a day (2022-03-02). A partial date stands
for the whole span it names, and sorts before the full dates inside it.
"""

from __future__ import annotations

import re

#: a year, a month or a day, written with ASCII digits
_PARTS = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")


def check_date(text: str) -> str | None:
    """None if ``text`` is a real YYYY, YYYY-MM or YYYY-MM-DD date, else what is wrong."""
    import datetime

    match = _PARTS.match(text)
    if not match:
        return "a date written YYYY, YYYY-MM or YYYY-MM-DD"
    year, month, day = match.groups()
    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return "a real date"
    return None


def date_key(date: str) -> str:
    """Partial dates sort before the full dates they contain: 2022 < 2022-01 < 2022-01-05;
    an undated item sorts last."""
    return date or "9999"


def date_span(date: str) -> tuple[str, str]:
    """The first and last day a partial date covers: 2022-03 -> 2022-03-01, 2022-03-31 (as
    text to compare with, so every month ends on the 31st)."""
    parts = date.split("-")
    start = "-".join(parts + ["01"] * (3 - len(parts)))
    end = "-".join(parts + (["12", "31"] if len(parts) == 1 else ["31"] if len(parts) == 2
                            else []))
    return start, end


def date_range(since: int | str | None, until: int | str | None) -> tuple[str, str]:
    """The inclusive first and last day of ``since`` to ``until``, each a partial date (or
    a year as a number); no bound where one is None. ValueError for anything else."""
    def bound(value: int | str | None, widest: str, side: int) -> str:
        if value is None:
            return widest
        text = str(value).strip()
        if check_date(text):
            raise ValueError(f"'{value}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
        return date_span(text)[side]

    return bound(since, "0000-01-01", 0), bound(until, "9999-12-31", 1)

