"""Dynamic ideal points: one axis, positions that follow a random walk from year to year.

Each roll call's ordinal vote (Y > A > N) is read as two binary choices, one per cut point
(Y against A or N; Y or A against N), each a probit on a latent utility
``alpha + beta * x``; a state's position ``x`` moves from one year to the next by a normal
step whose variance is one calendar year's times the years between: a file without the
years between two of its years, or a state absent from them, is walked across the whole
gap, as if the missing years had been estimated from no votes. The estimate is
expectation-maximisation: the latent utilities' truncated-normal means, then each choice's
parameters by ridge regression, then each state's path by a Kalman filter and smoother
over the years, whose variances give each point its band.

Only the votes cast are held, as flat lists in the order of the choices, and each step
runs over blocks of whole choices small enough to stay in the processor's cache, writing
into arrays made once: a record the size of the UN's (about 6,200 roll calls, 1.8 million
binary choices) takes about a twentieth of a second an iteration, and the command stays
near 130 MB.

numpy is imported by this module only, which only ``rca history ideal`` imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

#: the variance of the random walk's step over one calendar year: between two years of the
#: record the variances of the years between add up, so that 1946 to 1992 in a file with no
#: roll calls between is 46 steps, not one (as if the empty years were estimated, missing)
STEP_VARIANCE = 0.1
#: the prior variance of a state's first position, and of each choice's two parameters
PRIOR_VARIANCE = 1.0
ITEM_PRIOR = 25.0
#: the 90 % band's half width in standard deviations
Z90 = 1.6448536269514722


@dataclass(frozen=True)
class Estimate:
    """Positions by state (rows) and year (columns), their 90 % bands and vote counts."""

    years: list[int]
    ideal: Array
    low: Array
    high: Array
    votes: NDArray[np.int64]
    iterations: int


#: votes per block of the E step: a block's arrays stay in the processor's cache
BLOCK = 32_768
_ERFC = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)


def _mills(z: Array, out: Array, t: Array, e: Array) -> Array:
    """phi(z) / Phi(z) into ``out``, without underflow far in the left tail: erfc by
    Abramowitz and Stegun 7.1.26, whose exponential is phi's own, so that it cancels.
    ``t`` and ``e`` are scratch arrays of z's size; nothing is allocated."""
    np.abs(z, out=t)
    t *= 0.3275911 / np.sqrt(2.0)
    t += 1.0
    np.divide(1.0, t, out=t)
    np.multiply(t, _ERFC[4], out=out)
    for c in reversed(_ERFC[:4]):
        out += c
        out *= t
    np.multiply(z, z, out=e)
    e *= -0.5
    np.exp(e, out=e)
    # right of zero Phi(z) = 1 - poly * e / 2; left of it poly * e / 2, whose e cancels
    np.multiply(out, e, out=t)
    t *= -0.5
    t += 1.0
    np.divide(e, t, out=e)
    np.divide(2.0, out, out=out)
    # the right side's value where z >= 0, by arithmetic (a masked copy is far slower)
    np.greater_equal(z, 0.0, out=t)
    e -= out
    e *= t
    out += e
    out *= 1.0 / np.sqrt(2.0 * np.pi)
    return out


def _smooth(precision: Array, info: Array, steps: Array) -> tuple[Array, Array]:
    """Each state's posterior mean and variance per year under the random walk, given each
    year's summed precision and information from its votes (states are rows) and the walk's
    variance from each year to the next (``steps``, one fewer than the years)."""
    states, years = precision.shape
    mean = np.zeros((states, years))
    var = np.zeros((states, years))
    m, v = np.zeros(states), np.full(states, PRIOR_VARIANCE)
    for t in range(years):
        if t:
            v = v + steps[t - 1]
        new_v = 1.0 / (1.0 / v + precision[:, t])
        m = new_v * (m / v + info[:, t])
        v = new_v
        mean[:, t], var[:, t] = m, v
    for t in range(years - 2, -1, -1):
        ahead = var[:, t] + steps[t]
        gain = var[:, t] / ahead
        mean[:, t] = mean[:, t] + gain * (mean[:, t + 1] - mean[:, t])
        var[:, t] = var[:, t] + gain * gain * (var[:, t + 1] - ahead)
    return mean, var


class _Votes:
    """The votes cast, as flat lists in item order (two binary choices per roll call: Y
    against the rest; Y or A against N), cut into blocks of whole items. A state not
    voting, or not yet a member, costs nothing."""

    def __init__(self, votes: NDArray[np.int8], year_of: NDArray[np.int64],
                 n_years: int) -> None:
        n_calls, n_states = votes.shape
        self.n_years, self.n_cells = n_years, n_states * n_years
        call, state = np.nonzero(votes >= 0)
        cast = votes[call, state]
        cell = state * n_years + year_of[call]  # a state's year, an index into x.ravel()
        self.counts = np.bincount(cell, minlength=self.n_cells).reshape(n_states, n_years)
        item = np.concatenate([call, call + n_calls])
        #: each vote's state-year, and +1 where the state chose the choice's upper side
        self.cells = np.concatenate([cell, cell])
        self.sign = np.concatenate([np.where(cast == 2, 1.0, -1.0),
                                    np.where(cast >= 1, 1.0, -1.0)])
        # items numbered anew, only those with a vote; each block starts on an item
        starts = np.flatnonzero(np.diff(item, prepend=-1))
        self.n_items = len(starts)
        self.votes_per_item = np.diff(np.append(starts, len(item)))
        self.n = self.votes_per_item.astype(np.float64)
        self.item_starts = starts
        marks = np.searchsorted(starts, np.arange(0, len(item), BLOCK), side="right") - 1
        edges = np.unique(np.append(marks, self.n_items))
        self.blocks = [(int(i), int(j)) for i, j in pairwise(edges)]
        self.size = len(item)
        self.longest = max((self._end(j) - int(starts[i]) for i, j in self.blocks), default=0)

    def _end(self, item: int) -> int:
        """Where the votes of the items before ``item`` end."""
        return int(self.item_starts[item]) if item < self.n_items else self.size

    def start(self, n_states: int) -> Array:
        """Each state's share of upper-side choices over the whole record, standardised."""
        states = self.cells // self.n_years
        share = (np.bincount(states, weights=self.sign > 0, minlength=n_states)
                 / np.maximum(np.bincount(states, minlength=n_states), 1))
        result: Array = (share - share.mean()) / (float(share.std()) or 1.0)
        return result

    @staticmethod
    def _expected(mu: Array, sign: Array, out: Array, t: Array, e: Array) -> None:
        """The E step: each latent utility's mean given ``mu``, truncated at zero on the
        side chosen, into ``out`` (``mu`` is overwritten; ``t`` and ``e`` are scratch)."""
        np.multiply(sign, mu, out=out)
        _mills(out, mu, t, e)
        np.multiply(sign, mu, out=t)
        np.multiply(sign, out, out=out)  # sign * sign * mu: mu again
        out += t

    def step(self, x: Array, var: Array, alpha: Array, beta: Array) -> tuple[Array, Array]:
        """The E step and the items' M step, block by block, in place on ``alpha`` and
        ``beta``; then the E step again with the new items, whose precision and
        information about each state-year are summed and returned for the paths' M step.
        A block holds whole items, which depend on nothing outside it but the paths."""
        precision = np.zeros(self.n_cells)
        info = np.zeros(self.n_cells)
        flat_x, flat_var = x.ravel(), var.ravel()
        xo, vo, mu, ystar, t, e = (np.empty(self.longest) for _ in range(6))
        for first, last in self.blocks:
            lo, hi = int(self.item_starts[first]), self._end(last)
            size = hi - lo
            cells, sign = self.cells[lo:hi], self.sign[lo:hi]
            x_, v_, mu_, y_ = xo[:size], vo[:size], mu[:size], ystar[:size]
            t_, e_ = t[:size], e[:size]
            np.take(flat_x, cells, out=x_)
            np.take(flat_var, cells, out=v_)
            counts = self.votes_per_item[first:last]
            a_old = np.repeat(alpha[first:last], counts)
            np.multiply(np.repeat(beta[first:last], counts), x_, out=mu_)
            mu_ += a_old
            self._expected(mu_, sign, y_, t_, e_)
            # M step for the items: a ridge regression of the utilities on the positions
            offsets = self.item_starts[first:last] - lo
            sx = np.add.reduceat(x_, offsets)
            np.multiply(x_, x_, out=t_)
            t_ += v_
            sxx = np.add.reduceat(t_, offsets)
            sy = np.add.reduceat(y_, offsets)
            np.multiply(x_, y_, out=t_)
            sxy = np.add.reduceat(t_, offsets)
            a11, a12, a22 = self.n[first:last] + 1 / ITEM_PRIOR, sx, sxx + 1 / ITEM_PRIOR
            det = a11 * a22 - a12 * a12
            alpha[first:last] = (a22 * sy - a12 * sxy) / det
            beta[first:last] = (a11 * sxy - a12 * sy) / det
            # the E step again with the new items; then each vote's precision and
            # information about its state's position that year
            a_new = np.repeat(alpha[first:last], counts)
            b = np.repeat(beta[first:last], counts)
            np.multiply(b, x_, out=mu_)
            mu_ += a_new
            self._expected(mu_, sign, y_, t_, e_)
            y_ -= a_new
            y_ *= b
            precision += np.bincount(cells, b * b, self.n_cells)
            info += np.bincount(cells, y_, self.n_cells)
        return precision, info


def estimate(votes: NDArray[np.int8], year_of: NDArray[np.int64], years: list[int],
             reference: int, max_iter: int = 300, tolerance: float = 1e-7) -> Estimate:
    """Positions from ``votes`` (roll calls by states: 2 Y, 1 A, 0 N, -1 missing), each roll
    call's year index ``year_of``, oriented so that state ``reference`` is positive."""
    n_states, n_years = votes.shape[1], len(years)
    steps = STEP_VARIANCE * np.diff(np.asarray(years, dtype=np.float64))
    if (steps <= 0).any():
        raise ValueError("the years must be given in increasing order")
    cast = _Votes(votes, year_of, n_years)
    x = np.tile(cast.start(n_states)[:, None], (1, n_years))
    voted = cast.counts.ravel() > 0
    var = np.ones_like(x)
    alpha = np.zeros(cast.n_items)
    beta = np.zeros(cast.n_items)
    iteration = 0
    while iteration < max_iter:
        iteration += 1
        precision, info = cast.step(x, var, alpha, beta)
        new_x, var = _smooth(precision.reshape(n_states, n_years),
                             info.reshape(n_states, n_years), steps)
        # the scale drifts slowly under EM: stop when the order and spacing have settled,
        # in the state-years with votes (the others follow from them and are never shown)
        change = 1.0 - float(np.corrcoef(new_x.ravel()[voted], x.ravel()[voted])[0, 1])
        x = new_x
        if change < tolerance:
            break
    if x[reference].mean() < 0:
        x = -x
    sd = np.sqrt(var)
    return Estimate(years, x, x - Z90 * sd, x + Z90 * sd, cast.counts, iteration)


_CODES = {"Y": 2, "A": 1, "N": 0}


def from_db(db: object, since: str, until: str) -> tuple[NDArray[np.int8], NDArray[np.int64],
                                                         list[int], list[str]]:
    """The votes of the roll calls between two dates: a matrix of roll calls by states, each
    roll call's year index, the years and the states' codes by number."""
    import sqlite3

    assert isinstance(db, sqlite3.Connection)
    codes = [code for _, code in db.execute("SELECT number, code FROM states ORDER BY number")]
    rows = db.execute("SELECT year, votes FROM roll_calls WHERE date BETWEEN ? AND ? "
                      "ORDER BY date, id", (since, until)).fetchall()
    years = sorted({year for year, _ in rows})
    index = {year: i for i, year in enumerate(years)}
    table = np.full((len(rows), len(codes)), -1, dtype=np.int8)
    lookup = np.full(256, -1, dtype=np.int8)
    for letter, value in _CODES.items():
        lookup[ord(letter)] = value
    for i, (_, text) in enumerate(rows):
        raw = np.frombuffer(text.encode("ascii", "replace")[:len(codes)], dtype=np.uint8)
        table[i, :len(raw)] = lookup[raw]
    year_of = np.array([index[year] for year, _ in rows], dtype=np.int64)
    return table, year_of, years, codes


_CACHE = """CREATE TABLE IF NOT EXISTS ideal_points (
    span TEXT PRIMARY KEY, years TEXT NOT NULL, states INTEGER NOT NULL,
    ideal BLOB NOT NULL, low BLOB NOT NULL, high BLOB NOT NULL, votes BLOB NOT NULL,
    iterations INTEGER NOT NULL)"""


def _key(span: str) -> str:
    """The key of an estimate kept: its span of dates and the walk it was made with, so that
    an estimate of an earlier model (which walked from one year of the file to the next as
    one step, whatever the gap) is never read as this one's."""
    return f"{span} walk {STEP_VARIANCE} a calendar year"


def kept(db: object, span: str, years: list[int], states: int) -> Estimate | None:
    """The estimate an earlier call kept for the same span of dates, if it fits."""
    import sqlite3

    assert isinstance(db, sqlite3.Connection)
    try:
        row = db.execute("SELECT years, states, ideal, low, high, votes, iterations "
                         "FROM ideal_points WHERE span = ?", (_key(span),)).fetchone()
    except sqlite3.Error:
        return None
    shape = (states, len(years))
    if row is None or row[0] != ",".join(map(str, years)) or row[1] != states:
        return None
    try:
        arrays = [np.frombuffer(blob, dtype=np.float64).reshape(shape) for blob in row[2:5]]
        counts = np.frombuffer(row[5], dtype=np.int64).reshape(shape)
    except (TypeError, ValueError):
        return None  # not what rca wrote: computed again
    return Estimate(years, arrays[0], arrays[1], arrays[2], counts, int(row[6]))


def keep(path: str, span: str, found: Estimate) -> None:
    """Keep an estimate in the history database, in one transaction; where the database
    cannot be written, the next call computes it again."""
    import sqlite3

    try:
        db = sqlite3.connect(path, timeout=5)
        try:
            with db:
                db.execute(_CACHE)
                db.execute("INSERT OR REPLACE INTO ideal_points VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           (_key(span), ",".join(map(str, found.years)), found.ideal.shape[0],
                            found.ideal.tobytes(), found.low.tobytes(), found.high.tobytes(),
                            np.ascontiguousarray(found.votes, dtype=np.int64).tobytes(),
                            found.iterations))
        finally:
            db.close()
    except sqlite3.Error:
        pass
