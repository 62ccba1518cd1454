"""What the history package hands back: its error, the import's summary, the answers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from rca.query.votes import Tally, coincidence

#: where to download the UN file, for the message shown when nothing is imported yet
DOWNLOAD = "https://digitallibrary.un.org/record/4060887"
#: the date that splits the record into the two named periods
WAR = "2022-02-24"
#: the two periods, named by their dates: up to the day before Russia's full-scale invasion
#: of Ukraine, and from that day
PERIODS = ("to 2022-02-23", f"from {WAR}")
#: the issues of Voeten's file: the name a user gives -> its column
ISSUES = {"palestine": "me", "nuclear": "nu", "disarmament": "di", "human-rights": "hr",
          "colonialism": "co", "development": "ec"}


class HistoryError(Exception):
    """A problem the user can fix: no database, a file rca cannot read, a bad target."""


class BadRow(NamedTuple):
    line: int
    message: str
    kind: str = ""


class BadKind(NamedTuple):
    """All bad rows with one kind of problem: how many, and where the first few are."""

    kind: str
    rows: int
    lines: list[int]
    example: str  # the first one's full message


class Mismatch(NamedTuple):
    """A roll call whose rows do not add up to the totals the file records for it.

    ``expected`` and ``counted`` are (yes, no, abstentions, non-voting, member states);
    an expected figure the file leaves blank is None and is not compared.
    """

    symbol: str
    record: str  # undl_id, or Voeten's rcid
    date: str
    expected: tuple[int | None, ...]
    counted: tuple[int, ...]


class ImportSummary(NamedTuple):
    rows: int
    votes: int
    resolutions: int  # distinct symbols (a roll call without one counts once)
    states: int
    first_year: int
    last_year: int
    bad: list[BadRow]  # the first few, each with its line
    bad_total: int
    bad_kinds: tuple[BadKind, ...] = ()
    roll_calls: int = 0
    repeats: int = 0  # rows identical to an earlier one, ignored
    not_members: int = 0  # Voeten's code 9: the state was not a member, no vote
    mismatched: int = 0  # roll calls whose rows do not add up to their totals
    mismatches: tuple[Mismatch, ...] = ()  # the first few
    format: str = ""  # "undl" or "voeten"


class Status(NamedTuple):
    path: Path
    meta: dict[str, str]
    resolutions: int
    votes: int
    states: int
    first_date: str
    last_date: str
    roll_calls: int = 0
    mismatched: int = 0
    mismatches: tuple[Mismatch, ...] = ()  # the first few; `mismatches(db)` gives them all
    issues: bool = False  # the history has Voeten's issue flags


@dataclass(frozen=True)
class Period(Tally):
    """Alignment of one state with the reference state over one year, session or period."""

    country: str = ""
    against: str = ""
    key: str = ""  # the year, session or period
    non_votes: int = 0  # roll calls where either side did not vote
    yes_no: int = 0  # roll calls where both voted Y or N
    identical_yes_no: int = 0  # of those, the same vote

    @property
    def coincidence(self) -> float | None:
        """Identical votes / roll calls where both voted Y or N (`coincidence`)."""
        return coincidence(self.identical_yes_no, self.yes_no)


def keys_in_order(found: list[Period], by: str) -> list[str]:
    """The years, sessions (those of the regular sessions before the special ones) or the
    two periods of an alignment, in order."""
    if by == "period":
        return [*PERIODS]
    keys = {p.key for p in found}
    if by == "session":
        return sorted(keys, key=lambda k: (not k.isdigit(), int(k) if k.isdigit() else 0, k))
    return sorted(keys, key=lambda k: (len(k), k))


def over_range(periods: list[Period]) -> tuple[str, str, float | None]:
    """Of one state's periods, in order: the first and the last with a roll call counted,
    and the index of agreement over all their roll calls, each period weighing by its n."""
    counted = [p for p in periods if p.n]
    total = sum(p.n for p in counted)
    index = sum((p.index_of_agreement or 0) * p.n for p in counted) / total if total else None
    return (counted[0].key, counted[-1].key, index) if counted else ("", "", None)


class RecordedVote(NamedTuple):
    date: str
    symbol: str
    title: str
    votes: dict[str, str]  # state -> Y, N, A or NV, for the states that have a row
    session: str = ""
    record: str = ""  # undl_id, or Voeten's rcid
    subjects: str = ""
