"""The questions the imported history answers.

Alignment counts in Python over each roll call's string of votes (a letter per state):
the roll calls of one year (or session, or period) on which the reference state voted
alike are joined into one string, and each state's votes are the characters at its
number, taken with one slice and counted with ``str.count``. Every state over 75 years
is then a few thousand slices, not a join of a million rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rca.history.records import (
    ISSUES,
    PERIODS,
    WAR,
    HistoryError,
    Mismatch,
    Period,
    RecordedVote,
    Status,
)
from rca.history.store import NO_ROW, NOT_VOTING, damaged, db_path, open_db

SHOWN = {"Y": "Y", "N": "N", "A": "A", NOT_VOTING: "NV"}
BUCKETS: dict[str, Callable[[str, str], str]] = {
    "year": lambda date, session: date[:4],
    "session": lambda date, session: session,
    "period": lambda date, session: PERIODS[0] if date < WAR else PERIODS[1],
}


@contextmanager
def reading(db: sqlite3.Connection) -> Iterator[None]:
    """Turn an SQLite error from a damaged database into a HistoryError."""
    try:
        yield
    except sqlite3.DatabaseError as err:
        raise damaged(db_path(db), err) from None


def date_range(since: int | str | None, until: int | str | None) -> tuple[str, str]:
    """Inclusive ISO dates; a year (2014, "2014") or a month ("2014-03") stands for its
    whole span. HistoryError for anything else."""
    from rca import dates

    try:
        return dates.date_range(since, until)
    except ValueError as err:
        raise HistoryError(str(err)) from None


# -- what is imported ------------------------------------------------------------------


def status(path: Path) -> Status:
    db = open_db(path)
    with reading(db):
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        roll_calls, first, last, symbols = db.execute(
            "SELECT count(*), min(date), max(date), count(DISTINCT CASE symbol WHEN '' "
            "THEN 'id' || id ELSE symbol END) FROM roll_calls").fetchone()
        votes = sum(len(v) - v.count(NO_ROW) for (v,) in db.execute(
            "SELECT votes FROM roll_calls"))
        states = db.execute("SELECT count(*) FROM states").fetchone()[0]
        found = mismatches(db)
    return Status(path, meta, symbols, votes, states, first or "", last or "", roll_calls,
                  len(found), tuple(found[:10]), meta.get("issues") == "1")


def imported_span(db: sqlite3.Connection) -> tuple[str, str]:
    """The first and last date of the imported roll calls."""
    with reading(db):
        first, last = db.execute("SELECT min(date), max(date) FROM roll_calls").fetchone()
    return str(first or ""), str(last or "")


def mismatches(db: sqlite3.Connection) -> list[Mismatch]:
    """Every roll call whose rows do not add up to the totals the file records for it."""
    with reading(db):
        rows = db.execute(
            "SELECT symbol, coalesce(undl_id, rcid, ''), date, total_yes, total_no, "
            "total_abstentions, total_non_voting, total_ms, votes FROM roll_calls "
            "WHERE totals_ok = 0 ORDER BY date, id").fetchall()
    found = []
    for symbol, record, date, *expected, votes in rows:
        counted = (votes.count("Y"), votes.count("N"), votes.count("A"),
                   votes.count(NOT_VOTING), len(votes) - votes.count(NO_ROW))
        found.append(Mismatch(symbol, record, date, tuple(expected), counted))
    return found


def numbers(db: sqlite3.Connection) -> dict[str, int]:
    with reading(db):
        return dict(db.execute("SELECT code, number FROM states").fetchall())


# -- choosing roll calls ---------------------------------------------------------------


def chosen_roll_calls(db: sqlite3.Connection, columns: str, since: int | str | None,
            until: int | str | None, issue: str | None, subject: str | None,
            words: Iterable[str] = ()) -> list[tuple[Any, ...]]:
    """Roll calls in the date span (oldest first) with the issue flag, subject and words:
    ``columns`` then subjects and title."""
    where = ["date >= ?", "date <= ?"]
    if issue is not None:
        where.append(f"{issue_column(db, issue)} = 1")
    with reading(db):
        rows = db.execute(
            f"SELECT {columns}, coalesce(subjects, ''), title FROM roll_calls "
            f"WHERE {' AND '.join(where)} ORDER BY date, id", date_range(since, until)
        ).fetchall()
    wanted = subject.casefold() if subject else ""
    words = [word.casefold() for word in words]
    if not wanted and not words:
        return rows
    return [row for row in rows
            if wanted in row[-2].casefold() and all(w in row[-1].casefold() for w in words)]


def issue_column(db: sqlite3.Connection, issue: str) -> str:
    """The flag column of one of Voeten's issues; HistoryError if unknown or not imported."""
    column = ISSUES.get(issue.strip().lower().replace("_", "-").replace(" ", "-"))
    if column is None:
        raise HistoryError(f"unknown issue '{issue}' (known: {', '.join(ISSUES)})")
    with reading(db):
        flagged = db.execute(f"SELECT count({column}) FROM roll_calls").fetchone()[0]
    if not flagged:
        raise HistoryError("the imported history has no issue flags: they come with Erik "
                           "Voeten's roll-call file (rcid, ccode, vote, ..., me, nu, di, hr, "
                           "co, ec), not with the UN Digital Library's")
    return column


# -- alignment -------------------------------------------------------------------------


def alignment_by(
    db: sqlite3.Connection, against: str, countries: list[str] | None, by: str,
    since: int | str | None = None, until: int | str | None = None,
    issue: str | None = None, subject: str | None = None,
) -> list[Period]:
    """Per state and per year, session or period: the same figures as `rca alignment`.

    ``countries`` None means every state in the history but ``against``, by code;
    ``since`` and ``until`` are inclusive ISO dates (a year or month stands for its whole
    span); ``issue`` is one of Voeten's issues (`ISSUES`), ``subject`` part of a UN subject
    heading (any case). Rows come per state, each state's buckets oldest first; a state has
    a row for a bucket when at least one of its roll calls has a row for both states.
    """
    if by not in BUCKETS:
        raise HistoryError(f"cannot group by '{by}' (year, session or period)")
    number = numbers(db)
    if against not in number:
        return []
    if countries is None:
        states = sorted(code for code in number if code != against)
    else:
        states = [code for code in countries if code in number]
    groups, firsts = _grouped(db, number[against], by, since, until, issue, subject)
    width = len(number)
    found: list[Period] = []
    for state in dict.fromkeys(states):
        at = number[state]
        for key, by_vote in groups.items():
            counts = _count(by_vote, at, width)
            if counts is not None:
                n, same, half, nv, yes_no, same_yes_no = counts
                found.append(Period(n, same, half, state, against, key, nv, yes_no, same_yes_no))
    order = {state: rank for rank, state in enumerate(dict.fromkeys(states))}
    found.sort(key=lambda p: (order[p.country], firsts[p.key]))
    return found


def by_index(found: list[Period]) -> list[Period]:
    """The same rows, the states ranked by their index of agreement over all their counted
    roll calls (closest first; a state with nothing counted last, ties by code)."""
    totals: dict[str, list[float]] = {}
    for p in found:
        weight = totals.setdefault(p.country, [0.0, 0.0])
        if p.n and p.index_of_agreement is not None:
            weight[0] += p.index_of_agreement * p.n
            weight[1] += p.n
    rank = {state: (-(w[0] / w[1]) if w[1] else 1.0, state) for state, w in totals.items()}
    return sorted(found, key=lambda p: rank[p.country])


def _grouped(db: sqlite3.Connection, ref: int, by: str, since: int | str | None,
             until: int | str | None, issue: str | None, subject: str | None,
             ) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """Per bucket, per vote of the reference state: its roll calls' votes, joined."""
    bucket = BUCKETS[by]
    lists: dict[str, dict[str, list[str]]] = {}
    firsts: dict[str, str] = {}
    for date, session, votes, _subjects, _title in chosen_roll_calls(
            db, "date, session, votes", since, until, issue, subject):
        mine = votes[ref]
        if mine == NO_ROW:
            continue
        key = bucket(date, session)
        firsts.setdefault(key, date)
        lists.setdefault(key, {}).setdefault(mine, []).append(votes)
    joined = {key: {vote: "".join(found) for vote, found in by_vote.items()}
              for key, by_vote in lists.items()}
    return joined, firsts


def _count(by_vote: dict[str, str], at: int, width: int) -> tuple[int, ...] | None:
    """(n, identical, one abstained, non-votes, yes/no, identical yes/no) or None if the
    state has no row on any of these roll calls."""
    n = same = half = non = yes_no = same_yes_no = 0
    present = False
    for mine, joined in by_vote.items():
        theirs = joined[at::width]
        y, no, a = theirs.count("Y"), theirs.count("N"), theirs.count("A")
        rows = len(theirs) - theirs.count(NO_ROW)
        present = present or rows > 0
        if mine == NOT_VOTING:
            non += rows
            continue
        cast = y + no + a
        identical = theirs.count(mine)
        n, same, non = n + cast, same + identical, non + rows - cast
        half += y + no if mine == "A" else a
        if mine != "A":
            yes_no, same_yes_no = yes_no + y + no, same_yes_no + identical
    return (n, same, half, non, yes_no, same_yes_no) if present else None


# -- votes -----------------------------------------------------------------------------


def recorded_votes(
    db: sqlite3.Connection, countries: list[str], since: int | str | None = None,
    until: int | str | None = None, words: list[str] | None = None,
    issue: str | None = None, subject: str | None = None, limit: int | None = None,
) -> list[RecordedVote]:
    """The recorded votes of ``countries``, oldest first; only titles with every word (any
    case), only roll calls with the issue flag or subject heading; at most ``limit``, the
    latest."""
    from collections import deque

    number = numbers(db)
    chosen = [(code, number[code]) for code in dict.fromkeys(countries) if code in number]
    # a limit beyond any file's size (it may not fit a C integer) keeps everything
    found: deque[RecordedVote] = deque(maxlen=limit if limit is None or limit < 2**31
                                       else None)
    for symbol, date, session, record, votes, subjects, title in chosen_roll_calls(
            db, "symbol, date, session, coalesce(undl_id, rcid, ''), votes", since, until,
            issue, subject, words or []):
        mine = {code: SHOWN[votes[at]] for code, at in chosen if votes[at] != NO_ROW}
        if not mine:
            continue
        found.append(RecordedVote(date, symbol, title, mine, session, record, subjects))
    return list(found)


def un_votes(db: sqlite3.Connection, cells: Iterable[tuple[str, str]]
             ) -> dict[tuple[str, str], str | None]:
    """The file's vote (Y, N, A, NV) for each (symbol, state); None where it has none.

    When several roll calls share a symbol (separate votes on paragraphs or amendments),
    the vote on the resolution as a whole is the one taken: the last roll call (by date,
    then by order in the file) that is not flagged as an amendment or a paragraph vote,
    or the last of them all if every one is flagged.
    """
    cells = list(cells)
    number = numbers(db)
    symbols = sorted({symbol.strip() for symbol, _ in cells})
    marks = ", ".join("?" for _ in symbols)
    taken: dict[str, str] = {}
    with reading(db):
        rows = db.execute(
            f"SELECT symbol, votes FROM roll_calls WHERE symbol IN ({marks}) "
            "ORDER BY symbol, coalesce(amend, 0) = 0 AND coalesce(para, 0) = 0, date, id",
            symbols).fetchall() if symbols else []
    for symbol, votes in rows:
        taken[symbol] = votes  # the last row per symbol is the one preferred
    found: dict[tuple[str, str], str | None] = {}
    for symbol, state in cells:
        votes = taken.get(symbol.strip())
        at = number.get(state.strip().upper())
        letter = votes[at] if votes is not None and at is not None else NO_ROW
        found[symbol, state] = SHOWN.get(letter)
    return found
