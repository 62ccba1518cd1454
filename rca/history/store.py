"""Where the history database lives, what is in it, and opening it safely.

A roll call's votes are one string with a letter per state (the state's ``number``):
``Y``, ``N``, ``A``, ``V`` (present or absent, not voting) or ``-`` (no row: not a member
then). The views ``votes`` and ``resolutions`` give the same data one row per vote, for
anyone who opens the database with another tool.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

from rca.history.records import DOWNLOAD, HistoryError
from rca.text import cut

SCHEMA_VERSION = "2"
#: what ``meta.made_by`` says in every database rca writes
MADE_BY = "rca history"
NO_ROW = "-"
NOT_VOTING = "V"
AGAIN = "import the file again with rca history import FILE"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE states (
    number INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    last_date TEXT NOT NULL);
CREATE TABLE state_names (
    code TEXT NOT NULL, name TEXT NOT NULL, last_date TEXT NOT NULL,
    PRIMARY KEY (code, name)) WITHOUT ROWID;
CREATE TABLE roll_calls (
    id INTEGER PRIMARY KEY, undl_id TEXT, rcid TEXT, symbol TEXT NOT NULL,
    date TEXT NOT NULL, year INTEGER NOT NULL, session TEXT NOT NULL,
    draft TEXT, committee_report TEXT, meeting TEXT, title TEXT NOT NULL,
    agenda_title TEXT, subjects TEXT, vote_note TEXT, undl_link TEXT,
    total_yes INTEGER, total_no INTEGER, total_abstentions INTEGER,
    total_non_voting INTEGER, total_ms INTEGER, totals_ok INTEGER,
    me INTEGER, nu INTEGER, di INTEGER, hr INTEGER, co INTEGER, ec INTEGER,
    amend INTEGER, para INTEGER, important INTEGER,
    votes TEXT NOT NULL);
CREATE INDEX roll_calls_by_date ON roll_calls (date);
CREATE INDEX roll_calls_by_symbol ON roll_calls (symbol);
CREATE VIEW votes AS
    SELECT r.id AS resolution, s.code AS country,
        CASE substr(r.votes, s.number + 1, 1) WHEN 'V' THEN 'NV'
            ELSE substr(r.votes, s.number + 1, 1) END AS vote
    FROM roll_calls AS r JOIN states AS s
    WHERE substr(r.votes, s.number + 1, 1) != '-';
CREATE VIEW resolutions AS
    SELECT id, symbol, date, year, session, title, undl_id, rcid FROM roll_calls;
"""


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection; any character in the path is quoted for the URI."""
    return sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)


def not_ours(path: Path, why: str = "") -> HistoryError:
    detail = f" ({why})" if why else ""
    return HistoryError(f"{path} is not an rca history database{detail}; {AGAIN}")


def read_meta(db: sqlite3.Connection, path: Path) -> dict[str, str]:
    """The database's meta table; HistoryError unless rca wrote it."""
    try:
        rows = db.execute("SELECT key, value FROM meta").fetchall()
    except sqlite3.DatabaseError as err:
        raise not_ours(path, str(err)) from None
    meta = {str(key): str(value) for key, value in rows}
    if meta.get("made_by") != MADE_BY and not (meta.get("schema") == "1" and _first(db)):
        raise not_ours(path)
    return meta


def _first(db: sqlite3.Connection) -> bool:
    """Whether the database has the tables of rca's first history schema."""
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    return {"meta", "resolutions", "states", "votes", "votes_by_country"} <= tables


def open_db(path: Path) -> sqlite3.Connection:
    """The imported database, read-only; HistoryError if there is none, it cannot be read
    or it is not one rca wrote: its tables and views exactly as rca makes them, its votes
    one letter per state, its meta what an import writes."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise HistoryError(
            f"no UN voting history is imported yet (looked for {path}).\n"
            f"Download the General Assembly voting data CSV from {DOWNLOAD}, then run:\n"
            "  rca history import FILE.csv") from None
    except OSError as err:  # a name too long, a loop of links
        raise HistoryError(f"cannot read {path}: {err.strerror or err}") from None
    if not stat.S_ISREG(info.st_mode):
        raise not_ours(path, "not a regular file")
    why = _cannot_open(path)
    if why:
        raise HistoryError(f"cannot read {path}: {why}")
    try:
        db = connect_read_only(path)
    except sqlite3.Error as err:
        raise not_ours(path, str(err)) from None
    try:
        meta = read_meta(db, path)
        if meta.get("schema") != SCHEMA_VERSION:
            raise HistoryError(f"{path} was made by another version of rca; {AGAIN}")
        _check_shape(db, path, meta)
    except HistoryError:
        db.close()
        raise
    except sqlite3.DatabaseError as err:
        db.close()
        raise damaged(path, err) from None
    return db


def _cannot_open(path: Path) -> str:
    """Why the file cannot be opened for reading ("" if it can), which SQLite would report
    only as a file that is not a database."""
    try:
        with path.open("rb"):
            return ""
    except OSError as err:
        return str(err.strerror or err)


@functools.cache
def _made() -> dict[str, tuple[str, str]]:
    """Each table, index and view an import makes: its type and its SQL as SQLite keeps it."""
    db = sqlite3.connect(":memory:")
    try:
        db.executescript(SCHEMA)
        return {name: (kind, sql) for kind, name, sql in db.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")}
    finally:
        db.close()


#: the meta keys an import writes as whole numbers
NUMERIC_META = ("file_size", "rows", "skipped", "repeats", "not_members", "mismatched", "issues")
#: the longest meta value an import writes (a path, at most a few thousand characters)
LONGEST_META = 8192


def _check_shape(db: sqlite3.Connection, path: Path, meta: dict[str, str]) -> None:
    """HistoryError unless the database is shaped as an import leaves it. Queries then meet
    only rca's own tables and views (no view of a crafted database can loop), every votes
    string has one letter per state, and the states are numbered 0, 1, 2, ... once each."""
    made = _made()
    found = {name: (kind, sql) for kind, name, sql in db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")}
    for name, shape in made.items():
        if found.get(name) != shape:
            raise damaged(path, f"its {shape[0]} {name} is not the one rca makes")
    foreign = sorted(name for name, (kind, _) in found.items()
                     if name not in made and kind not in ("table", "index"))
    if foreign:
        raise damaged(path, f"it has {found[foreign[0]][0]} {foreign[0]}, which rca never makes")
    for key, value in meta.items():
        if len(value) > LONGEST_META or (key in NUMERIC_META and not (
                value.isascii() and value.isdigit() and len(value) < 19)):
            raise damaged(path, f"its meta value {key} is not one an import writes")
    count, low, high = db.execute("SELECT count(*), min(number), max(number) FROM states"
                                  ).fetchone()
    if count and (low, high) != (0, count - 1):
        raise damaged(path, "its states are not numbered from 0, once each")
    wrong = db.execute("SELECT symbol FROM roll_calls WHERE length(votes) != ? OR "
                       "votes GLOB '*[^YNAV-]*' LIMIT 1", (count,)).fetchone()
    if wrong is not None:
        raise damaged(path, f"the votes of {cut(str(wrong[0])) or 'a roll call'} are not one "
                            f"letter for each of its {count} states")


def damaged(path: Path | str, err: Exception | str) -> HistoryError:
    return HistoryError(f"{path} is not an rca history database or is damaged ({err}); {AGAIN}")


def db_path(db: sqlite3.Connection) -> str:
    """The file behind a connection, for messages."""
    for _, name, file in db.execute("PRAGMA database_list"):
        if name == "main":
            return str(file)
    return "the history database"


def check_target(target: Path, source: Path) -> None:
    """Refuse a target that is the source, is not a regular file, or is another database."""
    try:
        info = target.lstat()
    except FileNotFoundError:
        return
    except OSError as err:
        raise HistoryError(f"cannot use {target} as the database: {err.strerror or err}"
                           ) from None
    if source.exists() and os.path.samefile(source, target):
        raise HistoryError(f"{target} is the file being imported; choose another --db")
    if not stat.S_ISREG(info.st_mode):
        kind = "a symbolic link" if stat.S_ISLNK(info.st_mode) else "not a regular file"
        raise HistoryError(f"{target} is {kind}; rca writes its history only to a plain "
                           "file of its own, so it leaves this alone (choose another --db)")
    why = _cannot_open(target)
    if why:
        raise HistoryError(f"cannot read {target} ({why}), so rca cannot tell whether it is "
                           "a history database of its own; it leaves it alone (choose another "
                           "--db, or make it readable)")
    try:
        db = connect_read_only(target)
        try:
            read_meta(db, target)
        finally:
            db.close()
    except (sqlite3.Error, HistoryError):
        raise HistoryError(f"{target} exists and is not an rca history database; rca will "
                           "not overwrite it (choose another --db, or remove it)") from None


def building_path(target: Path) -> Path:
    """The temporary file an import writes, beside the target, named with the process id."""
    return target.with_name(f".{target.name}.{os.getpid()}.importing")


@contextlib.contextmanager
def only_import(target: Path) -> Iterator[None]:
    """Hold the lock that lets one import at a time write ``target``; HistoryError at once
    if another import holds it. The lock is a file beside the target, removed after."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks of this kind
        yield
        return
    lock = target.with_name(f".{target.name}.lock")
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    while True:
        try:
            descriptor = os.open(lock, flags, 0o644)
        except OSError as err:
            raise HistoryError(f"cannot lock {target} for the import ({lock}: "
                               f"{err.strerror or err})") from None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(descriptor)
            raise HistoryError(f"another import into {target} is running; rca imports one "
                               "file at a time into a database: run this one when it ends"
                               ) from None
        try:  # the file locked must still be the one of that name (not one just removed)
            same = os.path.samestat(os.fstat(descriptor), lock.lstat())
        except OSError:
            same = False
        if same:
            break
        os.close(descriptor)
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)
        os.close(descriptor)


def sweep(target: Path) -> list[Path]:
    """Remove the temporary files of imports whose process no longer runs."""
    removed = []
    start, end = f".{target.name}.", ".importing"
    for leftover in target.parent.iterdir():
        name = leftover.name
        pid = name[len(start):-len(end)] if name.startswith(start) and name.endswith(end) else ""
        if pid.isdigit() and int(pid) != os.getpid() and not _running(int(pid)):
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
    return removed


def _running(pid: int) -> bool:
    if sys.platform == "win32":  # signal 0 is not a harmless probe there: keep every file
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True
