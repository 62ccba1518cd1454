"""The published ideal-point file of Bailey, Strezhnev and Voeten, read in its own layout.

Two editions: the recent one (``ccode, iso3c, Countryname, year, NVotesFP, IdealPointFP``
and quantiles ``Q5%FP`` … ``Q95%FP``) and the older one (``session`` and
``IdealPointAll``; year = session + 1945). Tab- or comma-separated, plain or gzipped. A
row that cannot be read stops the reading with its file and line; ``NA`` is no estimate.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
from pathlib import Path
from typing import NamedTuple

from rca.dataset.files import escaped
from rca.history.records import HistoryError
from rca.history.source import quoted

MISSING = ("", "NA", "NaN", "nan", ".")


class Published(NamedTuple):
    country: str
    name: str
    year: int
    ideal: float
    low: float | None
    high: float | None
    votes: int | None


def _number(text: str, what: str, where: str) -> float | None:
    text = text.strip()
    if text in MISSING:
        return None
    try:
        value = float(text)
    except ValueError:
        raise HistoryError(
            f"{where}: {what} is not a number: '{escaped(quoted(text))}'") from None
    if not math.isfinite(value):
        raise HistoryError(f"{where}: {what} is not a finite number: '{escaped(quoted(text))}'")
    return value


def read_published(path: Path) -> list[Published]:
    """Every estimate of the file; HistoryError naming the file and line of a bad row."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise HistoryError(f"cannot read {path}: {err.strerror or err}") from None
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as err:
            raise HistoryError(f"{path}: not a readable gzip file ({err})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise HistoryError(f"{path}: not UTF-8 text (byte {err.start})") from None
    first = text.split("\n", 1)[0]
    rows = csv.reader(io.StringIO(text), delimiter="\t" if "\t" in first else ",")
    header = [name.strip().strip('"') for name in next(rows, [])]
    column = {name: i for i, name in enumerate(header)}
    if "IdealPointFP" in column and "year" in column:
        ideal, votes, low, high = "IdealPointFP", "NVotesFP", "Q5%FP", "Q95%FP"
    elif "IdealPointAll" in column and "session" in column:
        ideal, votes, low, high = "IdealPointAll", "NVotesAll", "QLoAll", "QHiAll"
    else:
        raise HistoryError(f"{path}:1: not a published ideal-point file: the header needs "
                           "year and IdealPointFP, or session and IdealPointAll")
    if "iso3c" not in column and "ccode" not in column:
        raise HistoryError(f"{path}:1: the header names no state (iso3c or ccode)")
    from rca.history.readers import cow_to_iso3

    cow = cow_to_iso3()
    found = []
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"{path}:{line}"
        if len(row) != len(header):
            raise HistoryError(f"{where}: {len(row)} fields where the header has {len(header)}")

        def cell(name: str, row: list[str] = row) -> str:
            return row[column[name]].strip() if name in column else ""

        code = cell("iso3c").upper() or cow.get(cell("ccode").split(".")[0], "")
        if not (len(code) == 3 and code.isalpha()):
            raise HistoryError(f"{where}: no state code rca knows "
                               f"('{escaped(quoted(cell('iso3c') or cell('ccode')))}')")
        when = _number(cell("year") if "year" in column else cell("session"), "the year", where)
        if when is None or when != int(when):
            raise HistoryError(f"{where}: the year or session is missing or not whole")
        year = int(when) if "year" in column else int(when) + 1945
        point = _number(cell(ideal), ideal, where)
        if point is None:
            continue  # the file has no estimate for this state-year
        count = _number(cell(votes), votes, where)
        found.append(Published(code, cell("Countryname") or code, year, point,
                               _number(cell(low), low, where), _number(cell(high), high, where),
                               None if count is None else int(count)))
    return found
