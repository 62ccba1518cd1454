"""Voting alignment: how closely one state's UN General Assembly votes match another's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from rca.model import Dataset
from rca.query.profile import (
    VoteCell,
    doubtful,
    ordered_countries,
    ordered_resolutions,
    rests_on_weak,
    vote_matrix,
)

#: the votes that count towards agreement; "NV" (did not vote) on either side leaves a
#: resolution out, and so does a vote the dataset has no source for
CAST = ("Y", "N", "A")
#: a figure resting on fewer votes than this is flagged as resting on few
FEW_VOTES = 10
#: and a voting coincidence on fewer Y/N pairs than this
FEW_YES_NO = 5


@dataclass(frozen=True)
class Tally:
    """Counts over the votes compared, and the two figures drawn from them."""

    n: int  # votes where both cast Y, N or A
    identical: int  # of those, the same vote
    one_abstained: int  # of those, one abstained and the other voted Y or N

    @property
    def agreement(self) -> float | None:
        """Identical votes / votes counted; None (not 0) when none can be counted."""
        return self.identical / self.n if self.n else None

    @property
    def index_of_agreement(self) -> float | None:
        """(Identical votes + half of those where exactly one side abstained) / counted."""
        return (self.identical + 0.5 * self.one_abstained) / self.n if self.n else None


def coincidence(identical_yes_no: int, yes_no: int) -> float | None:
    """Voting coincidence as the US State Department's reports "Voting Practices in the
    United Nations" compute it: identical votes / votes where both voted Y or N
    (abstentions and non-votes left out); None when there are none."""
    return identical_yes_no / yes_no if yes_no else None


@dataclass(frozen=True)
class Alignment(Tally):
    """How one state's votes compare with those of the reference state."""

    country: str = ""
    against: str = ""
    non_votes: int = 0  # resolutions left out because either side did not vote
    unknown: int = 0  # resolutions left out because the dataset has no vote for either side
    yes_no: int = 0  # of the n, resolutions where both voted Y or N
    identical_yes_no: int = 0  # of those, the same vote

    @property
    def coincidence(self) -> float | None:
        return coincidence(self.identical_yes_no, self.yes_no)

    @property
    def few_votes(self) -> bool:
        """Whether the figures rest on too few votes to rank by: fewer than `FEW_VOTES`
        counted, or a coincidence on fewer than `FEW_YES_NO` Y/N pairs."""
        return self.n < FEW_VOTES or (self.yes_no < FEW_YES_NO and self.coincidence is not None)


def common_resolutions(ds: Dataset, states: list[str], symbols: list[str]) -> list[str]:
    """Of ``symbols``, those on which every one of ``states`` has a sourced vote."""
    return [s for s in symbols if all((s, state) in ds.votes for state in states)]


def alignment(
    ds: Dataset, against: str, countries: list[str], resolutions: list[str],
    common: bool = False,
) -> list[Alignment]:
    """Each state's alignment with ``against``, highest index first (uncountable last).
    With ``common``, every state is measured on the same resolutions: those on which it,
    every other chosen state and ``against`` have a sourced vote."""
    chosen = [r.symbol for r in ordered_resolutions(ds)
              if not resolutions or r.symbol in resolutions]
    states = countries or [c.iso3 for c in ordered_countries(ds) if c.iso3 != against]
    if common:
        chosen = common_resolutions(ds, [against, *states], chosen)
    found = []
    for state in states:
        n = identical = one_abstained = non_votes = unknown = yes_no = same_yes_no = 0
        for symbol in chosen:
            theirs, mine = ds.votes.get((symbol, against)), ds.votes.get((symbol, state))
            if theirs is None or mine is None:
                unknown += 1
            elif theirs.vote not in CAST or mine.vote not in CAST:
                non_votes += 1
            else:
                n += 1
                if theirs.vote == mine.vote:
                    identical += 1
                elif "A" in (theirs.vote, mine.vote):
                    one_abstained += 1
                if "A" not in (theirs.vote, mine.vote):
                    yes_no += 1
                    same_yes_no += theirs.vote == mine.vote
        found.append(Alignment(n, identical, one_abstained, state, against, non_votes, unknown,
                               yes_no, same_yes_no))
    order = {iso3: rank for rank, iso3 in enumerate(states)}
    return sorted(found, key=lambda a: (a.index_of_agreement is None,
                                        -(a.index_of_agreement or 0.0), order[a.country]))


#: why a cell of the vote matrix is uncertain: the dataset has no sourced vote for it; the
#: vote rests only on weak sources; the dataset notes a doubt about it
UNKNOWN, WEAK, DOUBTFUL = "unknown", "weak", "doubtful"


def uncertainty(ds: Dataset, cell: VoteCell) -> tuple[str, ...]:
    """Why the cell's vote is uncertain (``unknown``, or ``weak`` and ``doubtful`` as they
    apply); empty when it is not."""
    vote = cell.vote
    if vote is None:
        return (UNKNOWN,)
    return tuple(why for why, applies in ((WEAK, rests_on_weak(ds, vote)),
                                          (DOUBTFUL, doubtful(vote))) if applies)


class Uncertain(NamedTuple):
    cell: VoteCell
    why: tuple[str, ...]


def uncertain_votes(ds: Dataset, countries: list[str],
                    resolutions: list[str]) -> list[Uncertain]:
    """Every uncertain cell of the vote matrix of ``countries`` x ``resolutions`` (every
    resolution when none is given): state by state, in the order given, each in date
    order."""
    rows = vote_matrix(ds, countries, resolutions)
    found = []
    for column in range(len(countries)):
        for _resolution, cells in rows:
            why = uncertainty(ds, cells[column])
            if why:
                found.append(Uncertain(cells[column], why))
    return found
