"""Two sides over every recorded vote: a state, or a bloc, against another.

On each roll call a side takes a position: a state the vote the file records for it, a
bloc the position of its members that day (`bloc_position`). A roll call counts where both
sides have one, and gives one pair of positions; every figure is counted from those pairs
as `rca history alignment` counts them for two states, so that a state against a state
gives the same agreement, index and coincidence as ``history alignment`` does.

A state is never compared with itself: when one side is a state and the other a bloc it
belongs to, the bloc's position is taken without that state.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from rca.history.queries import BUCKETS, SHOWN, chosen_roll_calls, numbers, reading
from rca.history.records import ISSUES, HistoryError, Period
from rca.history.store import NO_ROW, NOT_VOTING
from rca.query.blocs import Member

#: the positions of the matrix, in the order shown
POSITIONS = ("Y", "N", "A", "NV")
_TOTALS = "total_yes, total_no, total_abstentions, total_non_voting"


class Side(NamedTuple):
    """One side of a comparison: a state (its one member, counted throughout) or a bloc."""

    name: str  # a state's code, or the bloc's name
    title: str
    members: tuple[Member, ...]
    bloc: bool = False
    without: str = ""  # the state of the other side, left out of this bloc


def state_side(code: str, title: str = "") -> Side:
    """A state as a side; ``title``, its name, is left empty where it is only the code."""
    return Side(code, "" if title == code else title, (Member(code),))


class Parted(NamedTuple):
    """A roll call on which the two sides took different positions, one not abstaining."""

    date: str
    symbol: str
    record: str  # undl_id, or Voeten's rcid
    title: str
    a: str  # Y, N or A
    b: str
    yes: int  # the roll call's totals: as the file records them, else counted from its rows
    no: int
    abstain: int
    non_voting: int

    @property
    def opposite(self) -> bool:
        """One voted Y and the other N (the rest: one abstained)."""
        return "A" not in (self.a, self.b)

    @property
    def margin(self) -> int:
        """How contested the vote was: the difference between yes and no, 0 a tie."""
        return abs(self.yes - self.no)


class Compared(NamedTuple):
    a: Side
    b: Side
    by: str  # year, session or period
    overall: Period  # every roll call compared (key "")
    trend: list[Period]  # per year, session or period, oldest first
    positions: dict[tuple[str, str], int]  # (a's, b's) -> roll calls, for every pair
    issues_by: str  # "issue" (Voeten's flags), "subject" (UN subject headings) or ""
    issues: list[Period]  # per issue area (key: its name), most roll calls first
    parted: list[Parted]  # every roll call where they parted, most contested first
    first_date: str = ""
    last_date: str = ""


def bloc_position(letters: list[str]) -> str:
    """A bloc's position from its members' letters on one roll call.

    Members with no row (``-``: not UN members then) do not count. If none is left, the bloc
    has no position (``-``). If more of them did not vote than voted, the bloc did not vote
    (``V``). Otherwise its position is the one more of its voting members took than any
    other; a tie between two or three positions makes it an abstention (``A``): a bloc split
    that way neither supports nor opposes.
    """
    present = [letter for letter in letters if letter != NO_ROW]
    if not present:
        return NO_ROW
    counts = {vote: present.count(vote) for vote in "YNA"}
    cast = sum(counts.values())
    if len(present) - cast > cast:
        return NOT_VOTING
    top = max(counts.values())
    leaders = [vote for vote, count in counts.items() if count == top]
    return leaders[0] if len(leaders) == 1 else "A"


def _positioner(side: Side, number: dict[str, int]) -> Callable[[str, str], str]:
    """The function that gives the side's letter on a roll call: (votes, date) -> letter."""
    known = [(number[m.country], m) for m in side.members if m.country in number]
    if not side.bloc:
        if not known:
            return lambda votes, date: NO_ROW
        at = known[0][0]
        return lambda votes, date: votes[at]
    always = all(not m.since and not m.until for _, m in known)
    if always:
        places = [at for at, _ in known]
        return lambda votes, date: bloc_position([votes[at] for at in places])
    return lambda votes, date: bloc_position(
        [votes[at] for at, m in known if m.counts_on(date)])


Pairs = dict[str, int]  # two letters (a's, b's) -> roll calls


def period_of(pairs: Pairs, a: Side, b: Side, key: str) -> Period:
    """The figures of a span of roll calls, from how often each pair of letters occurred."""
    n = same = half = non = yes_no = same_yes_no = 0
    for pair, count in pairs.items():
        if NOT_VOTING in pair:
            non += count
            continue
        n += count
        alike = pair[0] == pair[1]
        same += count * alike
        if "A" in pair:
            half += count * (not alike)
        else:
            yes_no += count
            same_yes_no += count * alike
    return Period(n, same, half, a.name, b.name, key, non, yes_no, same_yes_no)


def without(bloc: Side, state: Side) -> Side:
    """The bloc with the other side's state left out, if it is a member."""
    if not bloc.bloc or state.bloc or state.name not in {m.country for m in bloc.members}:
        return bloc
    kept = tuple(m for m in bloc.members if m.country != state.name)
    return bloc._replace(members=kept, without=state.name)


def _in_file(side: Side, number: dict[str, int]) -> Side:
    """A bloc with only the members the file has votes of."""
    if not side.bloc:
        return side
    return side._replace(members=tuple(m for m in side.members if m.country in number))


def _issue_flags(db: sqlite3.Connection) -> bool:
    with reading(db):
        row = db.execute("SELECT value FROM meta WHERE key = 'issues'").fetchone()
    return bool(row and row[0] == "1")


def subject_groups(subjects: str) -> list[str]:
    """The UN subject headings of a roll call, each cut to its part before ``--``:
    ``UKRAINE--TERRITORIAL INTEGRITY|ARMED CONFLICTS`` -> UKRAINE, ARMED CONFLICTS."""
    groups = (heading.split("--")[0].strip() for heading in subjects.split("|"))
    return list(dict.fromkeys(group for group in groups if group))


def compare(
    db: sqlite3.Connection, a: Side, b: Side, by: str = "year",
    since: int | str | None = None, until: int | str | None = None,
    issue: str | None = None, subject: str | None = None,
) -> Compared:
    """Every figure of two sides over the roll calls chosen as ``history alignment``
    chooses them (date span, Voeten issue, UN subject)."""
    if by not in BUCKETS:
        raise HistoryError(f"cannot group by '{by}' (year, session or period)")
    number = numbers(db)
    a, b = _in_file(without(a, b), number), _in_file(without(b, a), number)
    mine, theirs = _positioner(a, number), _positioner(b, number)
    flags = _issue_flags(db)
    issue_columns = list(ISSUES.items()) if flags else []
    columns = (f"date, session, symbol, coalesce(undl_id, rcid, ''), votes, {_TOTALS}"
               + "".join(f", {column}" for _, column in issue_columns))
    bucket = BUCKETS[by]
    trend: dict[str, Pairs] = {}
    # per issue flags (Voeten's) or subject headings as the file gives them; shared out
    # to the issue areas once, at the end
    tagged: dict[Any, Pairs] = {}
    parted: list[Parted] = []
    first = last = ""
    for row in chosen_roll_calls(db, columns, since, until, issue, subject):
        date, votes = row[0], row[4]
        x, y = mine(votes, date), theirs(votes, date)
        if x == NO_ROW or y == NO_ROW:
            continue
        first, last, pair = first or date, date, x + y
        _count(trend, bucket(date, row[1]), pair)
        _count(tagged, row[9:-2] if flags else row[-2], pair)
        if x != y and NOT_VOTING not in pair:
            parted.append(_parted(row, x, y))
    parted.sort(key=lambda p: (not p.opposite, p.margin, p.date))
    every = _added(trend.values())
    areas: dict[str, list[Pairs]] = {}
    for tags, counts in tagged.items():
        names = ([name for (name, _), on in zip(issue_columns, tags, strict=True) if on]
                 if flags else subject_groups(tags))
        for name in names:
            areas.setdefault(name, []).append(counts)
    letters = ("Y", "N", "A", NOT_VOTING)
    positions = {(SHOWN[x], SHOWN[y]): every.get(x + y, 0) for x in letters for y in letters}
    if flags:
        issues = [period_of(_added(areas[name]), a, b, name) for name in ISSUES
                  if name in areas]
    else:
        issues = sorted((period_of(_added(counts), a, b, name)
                         for name, counts in areas.items()),
                        key=lambda p: (-(p.n + p.non_votes), p.key))
    return Compared(a, b, by, period_of(every, a, b, ""),
                    [period_of(counts, a, b, key) for key, counts in trend.items()], positions,
                    "issue" if flags else "subject" if areas else "", issues, parted,
                    first, last)


def _added(many: Iterable[Pairs]) -> Pairs:
    total: Pairs = {}
    for counts in many:
        for pair, count in counts.items():
            total[pair] = total.get(pair, 0) + count
    return total


def _count(buckets: dict[Any, Pairs], key: Any, pair: str) -> None:
    counts = buckets.get(key)
    if counts is None:
        counts = buckets[key] = {}
    counts[pair] = counts.get(pair, 0) + 1


def _parted(row: tuple[Any, ...], a: str, b: str) -> Parted:
    """The roll call's totals are the file's where it records them, else its rows'."""
    date, _session, symbol, record, votes, *given = row[:9]
    yes, no, abstain, non_voting = (votes.count(letter) if total is None else int(total)
                                    for total, letter in zip(given, "YNA" + NOT_VOTING,
                                                             strict=True))
    return Parted(date, symbol, record, row[-1], a, b, yes, no, abstain, non_voting)
