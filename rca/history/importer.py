"""Importing a voting file: read every row, keep every vote, write a new database.

The file is read once, as a stream; what is kept in memory is one string of votes per
roll call (a letter per state), a few kilobytes each. The database is written into a
temporary file beside the target and renamed over it only when the import succeeds, so a
refused or failed import leaves the existing database exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from rca.history.readers import UNDL_TOTALS, Reader, RollCall, date_of, reader_for
from rca.history.records import BadKind, BadRow, HistoryError, ImportSummary, Mismatch
from rca.history.source import Bad, VotingFile
from rca.history.store import (
    MADE_BY,
    NO_ROW,
    NOT_VOTING,
    SCHEMA,
    SCHEMA_VERSION,
    building_path,
    check_target,
    only_import,
    sweep,
)

#: bad rows kept with their message, and line numbers kept per kind of problem
FIRST_BAD = 50
FIRST_LINES = 5
FIRST_MISMATCHES = 10
#: what no voting file comes near, so that the cost of an import is bounded whatever the
#: file's shape: the Assembly has held about 6,500 recorded votes since 1946, and its
#: members, past ones included, have had about 200 codes and a few names each
MAX_ROLL_CALLS = 20_000
MAX_STATES = 400
MAX_NAMES = 50
#: rows between two calls of the progress callback
PROGRESS_EVERY = 20_000
DASH = ord(NO_ROW)
SHOWN = {"Y": "Y", "N": "N", "A": "A", NOT_VOTING: "NV"}

Progress = Callable[[int, int], None]


class BadRows:
    """The bad rows: the first few with their messages, and per kind a count and lines."""

    def __init__(self) -> None:
        self.first: list[BadRow] = []
        self.kinds: dict[str, BadKind] = {}
        self.total = 0

    def add(self, line: int, bad: Bad) -> None:
        self.total += 1
        if len(self.first) < FIRST_BAD:
            self.first.append(BadRow(line, bad.message, bad.kind))
        kind = self.kinds.get(bad.kind)
        if kind is None:
            self.kinds[bad.kind] = BadKind(bad.kind, 1, [line], bad.message)
            return
        if len(kind.lines) < FIRST_LINES:
            kind.lines.append(line)
        self.kinds[bad.kind] = kind._replace(rows=kind.rows + 1)

    def described(self) -> str:
        return "; ".join(f"{k.kind}: {k.rows:,} (line {', '.join(map(str, k.lines))}"
                         f"{', ...' if k.rows > len(k.lines) else ''})"
                         for k in self.kinds.values())


class Implausible(Exception):
    """What shows that a file is not a voting file, whatever its rows say."""


class Collected:
    """Every roll call and state read so far, with each state's names by latest date."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.calls: dict[str, RollCall] = {}
        self.states: dict[str, int] = {}
        self.names: list[dict[str, str]] = []
        self.rows = self.votes = self.repeats = self.not_members = 0

    def add(self, row: list[str]) -> None:
        key, code, vote, name = self.reader.parse(row)
        if vote is None:
            self.not_members += 1
            return
        call = self.calls.get(key)
        if call is None:
            if len(self.calls) == MAX_ROLL_CALLS:
                raise Implausible(f"more than {MAX_ROLL_CALLS:,} roll calls, where the General "
                                  "Assembly has held about 6,500 recorded votes since 1946")
            call = self.calls[key] = self.reader.roll_call(row)
        elif row[self.reader.i_date] != call.raw_date:
            date_of(row, self.reader.i_date)  # a row whose date cannot be read is a bad row
        number = self.states.get(code)
        if number is None:
            if len(self.states) == MAX_STATES:
                raise Implausible(f"more than {MAX_STATES} state codes, where the United "
                                  "Nations has had about 200 members in all its history")
            number = self.states[code] = len(self.states)
            self.names.append({})
        votes = call.votes
        if len(votes) <= number:
            votes.extend(b"-" * (number + 1 - len(votes)))
        old = votes[number]
        if old == DASH:
            votes[number] = ord(vote)
            self.votes += 1
        elif old == ord(vote):
            self.repeats += 1
            return
        else:
            raise self._conflict(call, code, chr(old), vote)
        known = self.names[number]
        if name and known.get(name, "") < call.date:
            if name not in known and len(known) == MAX_NAMES:
                raise Implausible(f"more than {MAX_NAMES} names for the state {code}")
            known[name] = call.date

    def _conflict(self, call: RollCall, code: str, old: str, new: str) -> Bad:
        what = call.symbol or "roll call"
        if not call.key.startswith("\0"):
            what += f" (record {call.key})"
        return Bad("a state's vote given twice, differently",
                   f"a second vote of {code} on {what}: {SHOWN[new]}, where an earlier row "
                   f"has {SHOWN[old]}")


def _read(source: Path, progress: Progress | None
          ) -> tuple[Collected, BadRows, os.stat_result | None]:
    tally = BadRows()
    with VotingFile(source) as src:
        collected = Collected(reader_for(src.header()))
        for line, row in src.rows():
            collected.rows += 1
            if progress and not collected.rows % PROGRESS_EVERY:
                progress(src.position(), src.size)
            if isinstance(row, Bad):
                tally.add(line, row)
                continue
            try:
                collected.add(row)
            except Bad as bad:
                tally.add(line, bad)
            except Implausible as why:
                raise HistoryError(f"{source}:{line}: the file has {why}; it is not a voting "
                                   "file rca can import, and nothing was written") from None
        if progress:
            progress(src.size, src.size)
    return collected, tally, src.info


def _counted(votes: str) -> tuple[int, ...]:
    present = len(votes) - votes.count(NO_ROW)
    return (votes.count("Y"), votes.count("N"), votes.count("A"), votes.count(NOT_VOTING),
            present)


def totals_check(call: RollCall, votes: str) -> Mismatch | None:
    """A Mismatch if the roll call's rows do not add up to its recorded totals."""
    expected = tuple(call.fields.get(name) for name in UNDL_TOTALS)
    counted = _counted(votes)
    if all(want is None or want == got for want, got in zip(expected, counted, strict=True)):
        return None
    record = call.fields.get("undl_id") or call.fields.get("rcid") or ""
    return Mismatch(call.symbol, str(record), call.date,
                    tuple(None if e is None else int(e) for e in expected), counted)


def import_file(source: Path, target: Path, skip_bad: bool = False,
                progress: Progress | None = None) -> ImportSummary:
    """Import ``source`` into a new database that replaces ``target`` only on success.

    Bad rows refuse the import unless ``skip_bad``; either way they are returned, the
    first few with their lines and all of them counted by kind. The summary's bad rows
    being non-empty without ``skip_bad`` means nothing was written.
    """
    check_target(target, source)
    kept = f"{target} is unchanged" if target.exists() else "nothing was written"
    try:
        collected, tally, info = _read(source, progress)
    except OSError as err:
        raise HistoryError(f"cannot read {source}: {err.strerror or err}") from None
    kind = collected.reader.format
    if not collected.votes and (skip_bad or not tally.total):
        why = (f"all {tally.total:,} rows are bad: {tally.described()}" if tally.total
               else "it has a header but no rows")
        raise HistoryError(f"{source} holds no votes to import ({why}); {kept}")
    calls = sorted(collected.calls.values(), key=lambda call: call.date)
    width = len(collected.states)
    texts = [call.votes.ljust(width, b"-").decode("ascii") for call in calls]
    checks = [totals_check(call, text) if kind == "undl" else None
              for call, text in zip(calls, texts, strict=True)]
    mismatches = [m for m in checks if m is not None]
    summary = ImportSummary(
        collected.rows, collected.votes, len({c.symbol or c.key for c in calls}), width,
        int(calls[0].date[:4]) if calls else 0, int(calls[-1].date[:4]) if calls else 0,
        tally.first, tally.total, tuple(tally.kinds.values()), len(calls), collected.repeats,
        collected.not_members, len(mismatches), tuple(mismatches[:FIRST_MISMATCHES]), kind)
    if tally.total and not skip_bad:
        return summary
    meta = _meta(source, info, summary, skip_bad)
    try:
        _write(target, source, collected, calls, texts, checks, meta)
    except OSError as err:  # the reason only: the file it names is rca's temporary one
        raise HistoryError(f"cannot write {target}: {err.strerror or err}; {kept}") from None
    except sqlite3.Error as err:
        raise HistoryError(f"cannot write {target}: {err}; {kept}") from None
    return summary


def _meta(source: Path, info: os.stat_result | None, summary: ImportSummary,
          skip_bad: bool) -> dict[str, str]:
    """What the database says of itself: who made it, from which file (as it was opened)."""
    now = dt.datetime.now(dt.timezone.utc)
    modified = info.st_mtime if info is not None else 0.0
    return {
        "schema": SCHEMA_VERSION, "made_by": MADE_BY, "format": summary.format,
        "file": str(source.resolve()), "file_size": str(info.st_size if info else 0),
        "file_modified": dt.datetime.fromtimestamp(modified, dt.timezone.utc)
        .isoformat(timespec="seconds"),
        "imported": now.isoformat(timespec="seconds"), "rows": str(summary.rows),
        "skipped": str(summary.bad_total if skip_bad else 0),
        "repeats": str(summary.repeats), "not_members": str(summary.not_members),
        "mismatched": str(summary.mismatched),
        "issues": "1" if summary.format == "voeten" else "0",
    }


def _write(target: Path, source: Path, collected: Collected, calls: list[RollCall],
           texts: list[str], checks: list[Mismatch | None], meta: dict[str, str]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with only_import(target):
        sweep(target)
        _build(target, source, collected, calls, texts, checks, meta)


def _build(target: Path, source: Path, collected: Collected, calls: list[RollCall],
           texts: list[str], checks: list[Mismatch | None], meta: dict[str, str]) -> None:
    building = building_path(target)
    try:  # made inside: an interrupt that comes as it is made still removes it
        _create(building)
        db = sqlite3.connect(building)
        try:
            db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
            _insert(db, collected, calls, texts, checks)
            db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
            db.commit()
        finally:
            db.close()
        check_target(target, source)
        os.replace(building, target)
    finally:
        building.unlink(missing_ok=True)


def _create(building: Path) -> None:
    """Make the import's temporary file: a new one, never a file or link already there.

    The name holds this process's id, so a file of that name is a leftover of a killed
    import that ran under the same id; it is removed and the file made anew.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        os.close(os.open(building, flags, 0o644))
    except FileExistsError:
        building.unlink()
        os.close(os.open(building, flags, 0o644))


def _insert(db: sqlite3.Connection, collected: Collected, calls: list[RollCall],
            texts: list[str], checks: list[Mismatch | None]) -> None:
    for code, number in collected.states.items():
        names = collected.names[number]
        latest = max(names.items(), key=lambda item: (item[1], item[0]), default=("", ""))
        db.execute("INSERT INTO states VALUES (?, ?, ?, ?)", (number, code, *latest))
        db.executemany("INSERT INTO state_names VALUES (?, ?, ?)",
                       [(code, name, date) for name, date in names.items()])
    for number, (call, text, check) in enumerate(zip(calls, texts, checks, strict=True), start=1):
        fields = dict(call.fields)
        if collected.reader.format == "undl":
            fields["totals_ok"] = None if all(
                fields.get(n) is None for n in UNDL_TOTALS) else int(check is None)
        fields.update(id=number, symbol=call.symbol, date=call.date, year=int(call.date[:4]),
                      votes=text, title=fields.get("title") or "")
        columns = ", ".join(fields)
        marks = ", ".join("?" for _ in fields)
        db.execute(f"INSERT INTO roll_calls ({columns}) VALUES ({marks})",
                   list(fields.values()))
