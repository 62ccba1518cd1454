"""The two published voting files, row by row: the UN Digital Library's and Voeten's.

Each reader turns a CSV row into ``(roll call key, state code, vote letter, state name)``
and, for the first row of a roll call, into a `RollCall` with what the file says about it.
Problems raise `Bad`, which the importer reports with the row's line.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from typing import Protocol

from rca.dataset.files import escaped
from rca.history.records import HistoryError
from rca.history.source import Bad, quoted
from rca.history.store import NOT_VOTING

Value = str | int | None


class RollCall:
    """One recorded vote of the Assembly: what the file says about it, and each state's
    vote as a letter at the state's number (``-`` where the file has no row)."""

    __slots__ = ("date", "fields", "key", "raw_date", "symbol", "votes")

    def __init__(self, key: str, symbol: str, date: str, fields: dict[str, Value],
                 raw_date: str = "") -> None:
        self.key = key
        self.symbol = symbol
        self.date = date
        self.fields = fields
        self.votes = bytearray()
        #: the date as its first row writes it: a later row writing it otherwise is read
        self.raw_date = raw_date


class Reader(Protocol):
    format: str
    i_date: int

    def parse(self, row: list[str]) -> tuple[str, str, str | None, str]: ...

    def roll_call(self, row: list[str]) -> RollCall: ...


def column_key(name: str) -> str:
    """Compare column names without case, plural s, hyphens, spaces or underscores."""
    key = re.sub(r"[\s_-]+", "_", name.strip().lstrip("\ufeff").lower()).strip("_")
    return key[:-1] if key.endswith("s") and not key.endswith("ss") else key


def find_columns(header: list[str], required: tuple[str, ...], optional: tuple[str, ...],
                 aliases: dict[str, str] | None = None) -> dict[str, int]:
    """Positions of the columns wanted (or of their other names, ``aliases``); HistoryError
    naming any required one missing."""
    wanted = {column_key(name): name for name in (*required, *optional)}
    wanted.update({column_key(other): name for other, name in (aliases or {}).items()})
    found: dict[str, int] = {}
    for position, name in enumerate(header):
        canonical = wanted.get(column_key(name))
        if canonical is not None and canonical not in found:
            found[canonical] = position
    missing = [name for name in required if name not in found]
    if missing:
        given = escaped(", ".join(h.strip() for h in header))
        given = given if len(given) <= 300 else given[:300] + "..."
        raise HistoryError(
            f"the file lacks the column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)} (its header has: {given}); is it the General Assembly "
            "voting data CSV?")
    return found


def reader_for(header: list[str]) -> Reader:
    """Voeten's file if the header has rcid, ccode and vote; else the UN Digital Library's."""
    keys = {column_key(name) for name in header}
    if {"rcid", "ccode", "vote"} <= keys:
        return VoetenReader(header)
    return UndlReader(header)


# -- values ----------------------------------------------------------------------------

# digits are [0-9]: \d would take the digits of any script; after the day, only a time of
# day (and a time zone) may follow, so that '1946-01-01 garbage' is not read as a date
_ISO = re.compile(r"\s*([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
                  r"(?:[ T][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?"
                  r"(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?\s*$")
_US = re.compile(r"\s*([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\s*$")
_SESSION = re.compile(r"A/RES/(ES-\d+|S-\d+|\d+)/|A/RES/\d+\s*\(([IVXLC]+)\)")


def parse_date(text: str) -> str | None:
    """YYYY-MM-DD from ``2022-03-02``, ``2022-03-02 00:00:00`` or ``3/2/2022``; None for
    anything else, a date with more after it included."""
    iso = _ISO.match(text)
    us = None if iso else _US.match(text)
    try:
        if iso:
            return dt.date(*(int(part) for part in iso.groups())).isoformat()
        if us:
            month, day, year = (int(part) for part in us.groups())
            return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
    return None


def session_of(symbol: str) -> str:
    """78 from A/RES/78/123, ES-11 from A/RES/ES-11/1, 26 from A/RES/2758(XXVI)."""
    match = _SESSION.match(symbol.strip())
    if not match:
        return ""
    if match.group(1):
        return match.group(1)
    total, last = 0, 0
    for letter in reversed(match.group(2)):
        value = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}[letter]
        total, last = (total - value, last) if value < last else (total + value, value)
    return str(total)


#: the largest count or flag a voting file has any reason to hold
LARGEST = 10**9


def whole_number(text: str, what: str) -> int | None:
    """120 from ``120``, ``120.0`` or `` 120 ``; None for a blank; Bad otherwise."""
    text = text.strip()
    if not text:
        return None
    try:  # ASCII only: Python would read fullwidth or Arabic-Indic digits as numbers too
        value = float(text) if text.isascii() else -1.0
    except ValueError:
        value = -1.0
    if value < 0 or not value.is_integer() or value > LARGEST:
        raise Bad(f"unreadable {what}", f"unreadable {what} '{quoted(text)}'")
    return int(value)


#: the most text a roll call's row may give it (title, agenda, subjects, notes, link: a
#: few hundred characters in the real files), the longest state name and state code
MAX_CALL_TEXT = 8_000
MAX_NAME = 200
MAX_CODE = 16


def _bounded(fields: dict[str, Value], symbol: str) -> dict[str, Value]:
    length = len(symbol) + sum(len(value) for value in fields.values() if isinstance(value, str))
    if length > MAX_CALL_TEXT:
        raise Bad("a roll call described at more length than any real one",
                  f"{length:,} characters of title, subjects and notes for one roll call, "
                  f"more than the {MAX_CALL_TEXT:,} rca reads (a real one has a few hundred)")
    return fields


def _state(code: str, name: str) -> None:
    if len(code) > MAX_CODE or len(name) > MAX_NAME:
        raise Bad("a state code or name longer than any real one",
                  f"a state code or name longer than any real one ('{quoted(code or name)}')")


def date_of(row: list[str], at: int) -> str:
    date = parse_date(row[at])
    if date is None:
        raise Bad("unreadable date", f"unreadable date '{quoted(row[at])}'")
    return date


def _width(at: dict[str, int], row: list[str]) -> None:
    width = max(at.values()) + 1
    if len(row) < width:
        raise Bad("too few fields",
                  f"{len(row)} fields where at least {width} are needed (a cut line?)")


# -- the UN Digital Library's file -----------------------------------------------------

UNDL_REQUIRED = ("ms_code", "ms_vote", "resolution", "date")
UNDL_TEXT = ("session", "draft", "committee_report", "meeting", "title", "agenda_title",
             "subjects", "vote_note", "undl_link")
UNDL_TOTALS = ("total_yes", "total_no", "total_abstentions", "total_non_voting", "total_ms")
#: the totals as the Digital Library's data dictionary of September 2024 names them
UNDL_ALIASES = {"yes": "total_yes", "no": "total_no", "abstentions": "total_abstentions",
                "non_voting": "total_non_voting"}
UNDL_VOTES = {"Y": "Y", "N": "N", "A": "A", "X": NOT_VOTING, "NV": NOT_VOTING,
              "": NOT_VOTING}


class UndlReader:
    format = "undl"

    def __init__(self, header: list[str]) -> None:
        self.at = find_columns(header, UNDL_REQUIRED,
                               ("undl_id", "ms_name", *UNDL_TEXT, *UNDL_TOTALS), UNDL_ALIASES)
        self.width = max(self.at.values()) + 1
        self.i_code, self.i_vote, self.i_symbol, self.i_date = (
            self.at[name] for name in UNDL_REQUIRED)
        self.i_id = self.at.get("undl_id")
        self.i_name = self.at.get("ms_name")

    def parse(self, row: list[str]) -> tuple[str, str, str | None, str]:
        if len(row) < self.width:
            _width(self.at, row)
        raw = row[self.i_vote]
        vote = UNDL_VOTES.get(raw) or UNDL_VOTES.get(raw.strip().upper())
        if vote is None:
            raise Bad("unknown vote code",
                      f"unknown vote code '{quoted(raw)}' (expected Y, N, A, or X for not voting)")
        symbol = row[self.i_symbol].strip()
        if not symbol:
            raise Bad("no resolution symbol", "no resolution symbol")
        code = row[self.i_code].strip().upper()
        if not code:
            raise Bad("no state code", "no state code")
        record = row[self.i_id].strip() if self.i_id is not None else ""
        name = row[self.i_name] if self.i_name is not None else ""
        _state(code, name)
        return record or "\0" + symbol, code, vote, name

    def roll_call(self, row: list[str]) -> RollCall:
        date = date_of(row, self.i_date)
        symbol = row[self.i_symbol].strip()
        fields: dict[str, Value] = {
            name: row[self.at[name]] for name in UNDL_TEXT if name in self.at}
        for name in UNDL_TOTALS:
            if name in self.at:
                fields[name] = whole_number(row[self.at[name]], "total")
        fields["session"] = str(fields.get("session") or "").strip() or session_of(symbol)
        if self.i_id is not None:
            fields["undl_id"] = row[self.i_id].strip() or None
        key = str(fields.get("undl_id") or "\0" + symbol)
        return RollCall(key, symbol, date, _bounded(fields, symbol), row[self.i_date])


# -- Voeten's roll-call file -----------------------------------------------------------

VOETEN_REQUIRED = ("rcid", "ccode", "vote", "date")
VOETEN_FLAGS = ("me", "nu", "di", "hr", "co", "ec", "amend", "para", "importantvote")
VOETEN_VOTES = {"1": "Y", "2": "A", "3": "N", "8": NOT_VOTING, "9": None}
COW_TABLE = Path(__file__).with_name("cow_to_iso3.csv")


def cow_to_iso3() -> dict[str, str]:
    """The Correlates of War number -> ISO alpha-3 table shipped with rca."""
    with COW_TABLE.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {row["ccode"].strip(): row["iso3"].strip() for row in rows}


def _plain_number(text: str) -> str:
    """``365`` from ``365``, ``365.0``, `` 365 `` or ``0365``."""
    text = text.strip()
    text = text[:-2] if text.endswith(".0") else text
    return str(int(text)) if text.isascii() and text.isdigit() else text


class VoetenReader:
    format = "voeten"

    def __init__(self, header: list[str]) -> None:
        self.at = find_columns(header, VOETEN_REQUIRED,
                               ("session", "unres", "short", "descr", "countryname",
                                *VOETEN_FLAGS))
        self.width = max(self.at.values()) + 1
        self.i_id, self.i_code, self.i_vote, self.i_date = (
            self.at[name] for name in VOETEN_REQUIRED)
        self.i_name = self.at.get("countryname")
        self.codes = cow_to_iso3()

    def parse(self, row: list[str]) -> tuple[str, str, str | None, str]:
        if len(row) < self.width:
            _width(self.at, row)
        raw = row[self.i_vote]
        if raw in VOETEN_VOTES or _plain_number(raw) in VOETEN_VOTES:
            vote = VOETEN_VOTES[raw if raw in VOETEN_VOTES else _plain_number(raw)]
        else:
            raise Bad("unknown vote code",
                      f"unknown vote code '{quoted(raw)}' (expected 1, 2, 3, 8 or 9)")
        record = _plain_number(row[self.i_id])
        if not record:
            raise Bad("no roll call number", "no roll call number (rcid)")
        number = row[self.i_code]
        code = self.codes.get(number) or self.codes.get(_plain_number(number))
        if code is None:
            raise Bad("unknown country number",
                      f"unknown country number (ccode) '{quoted(number)}'")
        name = row[self.i_name] if self.i_name is not None else ""
        _state(code, name)
        return record, code, vote, name

    def roll_call(self, row: list[str]) -> RollCall:
        date = date_of(row, self.i_date)
        symbol = row[self.at["unres"]].strip() if "unres" in self.at else ""
        if symbol.startswith("R/"):
            symbol = "A/RES/" + symbol[2:]
        fields: dict[str, Value] = {"rcid": _plain_number(row[self.i_id])}
        for name in VOETEN_FLAGS:
            if name in self.at:
                column = "important" if name == "importantvote" else name
                fields[column] = whole_number(row[self.at[name]], f"{name} flag")
        session = row[self.at["session"]].strip() if "session" in self.at else ""
        fields["session"] = _plain_number(session) or session_of(symbol)
        texts = [row[self.at[name]] for name in ("descr", "short") if name in self.at]
        fields["title"] = next((text for text in texts if text.strip()), "")
        return RollCall(str(fields["rcid"]), symbol, date, _bounded(fields, symbol),
                        row[self.i_date])
