"""The UN Digital Library's General Assembly voting file, imported into SQLite and queried.

The file (one row per state per adopted resolution, about 900,000 rows) is read as a
stream: memory stays flat whatever its size. It is written into a new database file that
replaces the old one only when the whole import has succeeded, so a failed import leaves
the existing database exactly as it was, and importing a file twice gives the same data.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NamedTuple

from rca.query.votes import Tally

#: where to download the file, for the message shown when nothing is imported yet
DOWNLOAD = "https://digitallibrary.un.org/record/4060887"
#: canonical column name -> what it is; the first four are required
REQUIRED = ("ms_code", "ms_vote", "resolution", "date")
OPTIONAL = ("title", "ms_name", "undl_id", "undl_link")
VOTES = {"Y": "Y", "N": "N", "A": "A", "NV": "NV", "": "NV"}
#: the date that splits the record into the two named periods
WAR = "2022-02-24"
PERIODS = (f"before {WAR}", f"from {WAR}")
SCHEMA_VERSION = "1"
#: rows written to SQLite at a time
BATCH = 20_000


class HistoryError(Exception):
    """A problem the user can fix: no database, a file without the needed columns."""


class BadRow(NamedTuple):
    line: int
    message: str


class ImportSummary(NamedTuple):
    rows: int
    votes: int
    resolutions: int
    states: int
    first_year: int
    last_year: int
    bad: list[BadRow]
    bad_total: int


# -- where the database lives ----------------------------------------------------------


def default_db() -> Path:
    """``--db``'s default: ``RCA_HISTORY_DB``, else the platform's user data folder."""
    chosen = os.environ.get("RCA_HISTORY_DB")
    if chosen:
        return Path(chosen)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        base = Path(os.environ["LOCALAPPDATA"]) / "rca"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / "rca"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "rca"
    return base / "history.sqlite3"


def open_db(path: Path) -> sqlite3.Connection:
    """The imported database, read-only; HistoryError if there is none."""
    if not path.is_file():
        raise HistoryError(
            f"no UN voting history is imported yet (looked for {path}).\n"
            f"Download the General Assembly voting data CSV from {DOWNLOAD}, then run:\n"
            "  rca history import FILE.csv")
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        version = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.DatabaseError as err:
        raise HistoryError(f"{path} is not an rca history database ({err}); "
                           "import the file again with rca history import FILE.csv") from None
    if not version or version[0] != SCHEMA_VERSION:
        raise HistoryError(f"{path} was made by another version of rca; "
                           "import the file again with rca history import FILE.csv")
    return db


# -- reading the file ------------------------------------------------------------------


def column_key(name: str) -> str:
    """Compare column names without case, plural s, hyphens or underscores."""
    key = re.sub(r"[\s_-]+", "_", name.strip().lstrip("\ufeff").lower()).strip("_")
    key = key.removesuffix("s") if key.endswith("s") and not key.endswith("ss") else key
    return {"ms_vote": "ms_vote", "abstention": "abstention"}.get(key, key)


def map_columns(header: list[str]) -> dict[str, int]:
    """Positions of the columns rca reads; HistoryError naming any required one missing."""
    wanted = {column_key(name): name for name in (*REQUIRED, *OPTIONAL)}
    found: dict[str, int] = {}
    for position, name in enumerate(header):
        key = column_key(name)
        if key in wanted and wanted[key] not in found:
            found[wanted[key]] = position
    missing = [name for name in REQUIRED if name not in found]
    if missing:
        raise HistoryError(
            f"the file lacks the column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)} (its header has: {', '.join(h.strip() for h in header)})")
    return found


class _Counting(io.RawIOBase):
    """A binary file that counts the bytes read through it, for the progress bar."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        got = self.raw.readinto(buffer)  # type: ignore[attr-defined]
        self.count += got or 0
        return got or 0


_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SESSION = re.compile(r"A/RES/(ES-\d+|S-\d+|\d+)/|A/RES/\d+\s*\(([IVXLC]+)\)")


def parse_date(text: str) -> str | None:
    """YYYY-MM-DD from ``2022-03-02`` or ``2022-03-02 00:00:00``; None if not a real date."""
    match = _DATE.match(text.strip())
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        return None


def session_of(symbol: str) -> str:
    """78 from A/RES/78/123, ES-11 from A/RES/ES-11/1, 26 from A/RES/2758(XXVI)."""
    match = _SESSION.match(symbol.strip())
    if not match:
        return ""
    if match.group(1):
        return match.group(1)
    roman, total, last = match.group(2), 0, 0
    for letter in reversed(roman):
        value = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}[letter]
        total, last = (total - value, last) if value < last else (total + value, value)
    return str(total)


def import_file(
    source: Path, target: Path, skip_bad: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportSummary:
    """Import ``source`` into a new database that replaces ``target`` only on success.

    Bad rows (unknown vote code, unparseable date, no resolution, too few fields) refuse
    the import unless ``skip_bad``; either way they are returned with their line numbers.
    """
    total_bytes = source.stat().st_size
    target.parent.mkdir(parents=True, exist_ok=True)
    building = target.with_name(f".{target.name}.{os.getpid()}.importing")
    building.unlink(missing_ok=True)
    db = sqlite3.connect(building)
    try:
        summary = _load(source, db, skip_bad, progress, total_bytes)
        db.close()
        if summary.bad and not skip_bad:
            building.unlink(missing_ok=True)
        else:
            os.replace(building, target)
        return summary
    except BaseException:
        db.close()
        building.unlink(missing_ok=True)
        raise


def _load(source: Path, db: sqlite3.Connection, skip_bad: bool,
          progress: Callable[[int, int], None] | None, total_bytes: int) -> ImportSummary:
    db.executescript("""
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        PRAGMA temp_store = MEMORY;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE resolutions (
            id INTEGER PRIMARY KEY, symbol TEXT NOT NULL UNIQUE, date TEXT NOT NULL,
            year INTEGER NOT NULL, session TEXT NOT NULL, title TEXT NOT NULL);
        CREATE TABLE states (code TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE votes (
            resolution INTEGER NOT NULL, country TEXT NOT NULL, vote TEXT NOT NULL,
            PRIMARY KEY (resolution, country)) WITHOUT ROWID;
    """)
    resolutions: dict[str, int] = {}
    states: dict[str, str] = {}
    dates: dict[str, str | None] = {}
    bad: list[BadRow] = []
    bad_total = rows = 0
    batch: list[tuple[int, str, str]] = []
    with source.open("rb") as raw:
        counting = _Counting(raw)
        text = io.TextIOWrapper(io.BufferedReader(counting, 1 << 20), encoding="utf-8-sig",
                                errors="replace", newline="")
        reader = csv.reader(text)
        try:
            header = next(reader)
        except StopIteration:
            raise HistoryError(f"{source} is empty") from None
        at = map_columns(header)
        i_code, i_vote, i_res, i_date = (at[name] for name in REQUIRED)
        i_title, i_name = at.get("title"), at.get("ms_name")
        width = max(at.values()) + 1
        insert = "INSERT OR REPLACE INTO votes VALUES (?, ?, ?)"
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                bad_total += 1
                if len(bad) < 50:
                    bad.append(BadRow(reader.line_num, f"unreadable row: {err}"))
                continue
            rows += 1
            problem = ""
            if len(row) < width:
                problem = f"{len(row)} fields where at least {width} are needed (a cut line?)"
            else:
                vote = VOTES.get(row[i_vote].strip().upper())
                symbol = row[i_res].strip()
                code = row[i_code].strip().upper()
                if vote is None:
                    problem = f"unknown vote code '{row[i_vote]}' (expected Y, N, A or NV)"
                elif not symbol:
                    problem = "no resolution symbol"
                elif not code:
                    problem = "no state code"
                else:
                    number = resolutions.get(symbol)
                    if number is None:
                        raw_date = row[i_date]
                        if raw_date not in dates:  # each resolution's date is read once
                            dates[raw_date] = parse_date(raw_date)
                        date = dates[raw_date]
                        if date is None:
                            problem = f"unreadable date '{raw_date}'"
                        else:
                            number = resolutions[symbol] = len(resolutions) + 1
                            title = row[i_title].strip() if i_title is not None else ""
                            db.execute("INSERT INTO resolutions VALUES (?, ?, ?, ?, ?, ?)",
                                       (number, symbol, date, int(date[:4]),
                                        session_of(symbol), title))
                    if number is not None:
                        if code not in states:
                            states[code] = row[i_name].strip() if i_name is not None else ""
                        batch.append((number, code, vote))
            if problem:
                bad_total += 1
                if len(bad) < 50:
                    bad.append(BadRow(reader.line_num, problem))
                continue
            if len(batch) >= BATCH:
                db.executemany(insert, batch)
                batch.clear()
                if progress:
                    progress(counting.count, total_bytes)
        db.executemany(insert, batch)
    if progress:
        progress(total_bytes, total_bytes)
    db.executemany("INSERT INTO states VALUES (?, ?)", sorted(states.items()))
    db.execute("CREATE INDEX votes_by_country ON votes (country, resolution)")
    years = db.execute("SELECT min(year), max(year) FROM resolutions").fetchone()
    votes = db.execute("SELECT count(*) FROM votes").fetchone()[0]
    stat = source.stat()
    meta = {
        "schema": SCHEMA_VERSION,
        "file": str(source.resolve()),
        "file_size": str(stat.st_size),
        "file_modified": dt.datetime.fromtimestamp(stat.st_mtime, dt.timezone.utc)
        .isoformat(timespec="seconds"),
        "imported": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "rows": str(rows),
        "skipped": str(bad_total if skip_bad else 0),
    }
    db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
    db.commit()
    return ImportSummary(rows, votes, len(resolutions), len(states), years[0] or 0,
                         years[1] or 0, bad, bad_total)


# -- questions -------------------------------------------------------------------------


class Status(NamedTuple):
    path: Path
    meta: dict[str, str]
    resolutions: int
    votes: int
    states: int
    first_date: str
    last_date: str


def status(path: Path) -> Status:
    db = open_db(path)
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    resolutions, first, last = db.execute(
        "SELECT count(*), min(date), max(date) FROM resolutions").fetchone()
    votes = db.execute("SELECT count(*) FROM votes").fetchone()[0]
    states = db.execute("SELECT count(*) FROM states").fetchone()[0]
    return Status(path, meta, resolutions, votes, states, first or "", last or "")


def known_states(db: sqlite3.Connection) -> dict[str, str]:
    return dict(db.execute("SELECT code, name FROM states").fetchall())


@dataclass(frozen=True)
class Period(Tally):
    """Alignment of one state with the reference state over one year, session or period."""

    country: str = ""
    against: str = ""
    key: str = ""  # the year, session or period
    non_votes: int = 0


BUCKETS = {
    "year": "CAST(r.year AS TEXT)",
    "session": "r.session",
    "period": f"CASE WHEN r.date < '{WAR}' THEN '{PERIODS[0]}' ELSE '{PERIODS[1]}' END",
}


def alignment_by(
    db: sqlite3.Connection, against: str, countries: list[str], by: str,
    since: int | None = None, until: int | None = None,
) -> list[Period]:
    """Per state and per year, session or period: the same figures as `rca alignment`."""
    marks = ", ".join("?" for _ in countries)
    cast = "('Y', 'N', 'A')"
    sql = f"""
        SELECT b.country, {BUCKETS[by]} AS bucket, min(r.date) AS first,
            sum(a.vote IN {cast} AND b.vote IN {cast}),
            sum(a.vote IN {cast} AND b.vote = a.vote),
            sum(a.vote IN {cast} AND b.vote IN {cast} AND a.vote != b.vote
                AND (a.vote = 'A' OR b.vote = 'A')),
            sum(a.vote = 'NV' OR b.vote = 'NV')
        FROM votes AS a
        JOIN votes AS b ON b.resolution = a.resolution
        JOIN resolutions AS r ON r.id = a.resolution
        WHERE a.country = ? AND b.country IN ({marks})
            AND r.year >= ? AND r.year <= ?
        GROUP BY b.country, bucket
    """
    found = db.execute(sql, (against, *countries, since if since is not None else -1,
                             until if until is not None else 99999)).fetchall()
    order = {code: rank for rank, code in enumerate(countries)}
    rows = sorted(found, key=lambda r: (order[r[0]], r[2]))
    return [Period(n, same, half, country, against, bucket, nv)
            for country, bucket, _first, n, same, half, nv in rows]


class RecordedVote(NamedTuple):
    date: str
    symbol: str
    title: str
    votes: dict[str, str]


def recorded_votes(
    db: sqlite3.Connection, countries: list[str], since: int | None = None,
    until: int | None = None, words: list[str] | None = None,
) -> list[RecordedVote]:
    """The recorded votes of ``countries``, oldest first, optionally only titles with words."""
    marks = ", ".join("?" for _ in countries)
    where = ["r.year >= ?", "r.year <= ?"]
    params: list[Any] = [since if since is not None else -1,
                         until if until is not None else 99999]
    for word in words or []:
        where.append("r.title LIKE ? ESCAPE '\\'")
        params.append("%" + word.replace("\\", "\\\\").replace("%", "\\%")
                      .replace("_", "\\_") + "%")
    sql = f"""
        SELECT r.id, r.date, r.symbol, r.title, v.country, v.vote
        FROM resolutions AS r JOIN votes AS v ON v.resolution = r.id AND v.country IN ({marks})
        WHERE {' AND '.join(where)}
        ORDER BY r.date, r.id
    """
    found: dict[int, RecordedVote] = {}
    for number, date, symbol, title, country, vote in db.execute(sql, (*countries, *params)):
        item = found.get(number)
        if item is None:
            item = found[number] = RecordedVote(date, symbol, title, {})
        item.votes[country] = vote
    return list(found.values())
