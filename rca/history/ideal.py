"""Dynamic ideal points: one axis, positions that follow a random walk from year to year.

Each roll call's ordinal vote (Y > A > N) is read as two binary choices, one per cut point
(Y against A or N; Y or A against N), each a probit on a latent utility
``alpha + beta * x``; a state's position ``x`` moves from one year to the next by a normal
step. The estimate is expectation-maximisation: the latent utilities' truncated-normal
means, then each choice's parameters by ridge regression, then each state's path by a
Kalman filter and smoother over the years, whose variances give each point its band.

numpy is imported by this module only, which only ``rca history ideal`` imports.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

#: the variance of a year's step of the random walk
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


def _mills(z: Array) -> Array:
    """phi(z) / Phi(z), computed without underflow far in the left tail."""
    u = np.abs(z) / np.sqrt(2.0)
    t = 1.0 / (1.0 + 0.3275911 * u)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (
        -1.453152027 + t * 1.061405429))))
    # erfc(u) = poly * exp(-u^2): the exponential cancels against phi's
    left = 2.0 / (np.sqrt(2.0 * np.pi) * poly)
    phi = np.exp(-0.5 * z * z) / np.sqrt(2.0 * np.pi)
    right = phi / (1.0 - 0.5 * poly * np.exp(-u * u))
    chosen: Array = np.where(z < 0, left, right)
    return chosen


def _smooth(precision: Array, info: Array) -> tuple[Array, Array]:
    """Each state's posterior mean and variance per year under the random walk, given each
    year's summed precision and information from its votes (states are rows)."""
    states, years = precision.shape
    mean = np.zeros((states, years))
    var = np.zeros((states, years))
    m, v = np.zeros(states), np.full(states, PRIOR_VARIANCE)
    for t in range(years):
        if t:
            v = v + STEP_VARIANCE
        new_v = 1.0 / (1.0 / v + precision[:, t])
        m = new_v * (m / v + info[:, t])
        v = new_v
        mean[:, t], var[:, t] = m, v
    for t in range(years - 2, -1, -1):
        ahead = var[:, t] + STEP_VARIANCE
        gain = var[:, t] / ahead
        mean[:, t] = mean[:, t] + gain * (mean[:, t + 1] - mean[:, t])
        var[:, t] = var[:, t] + gain * gain * (var[:, t + 1] - ahead)
    return mean, var


def estimate(votes: NDArray[np.int8], year_of: NDArray[np.int64], years: list[int],
             reference: int, max_iter: int = 300, tolerance: float = 1e-7) -> Estimate:
    """Positions from ``votes`` (roll calls by states: 2 Y, 1 A, 0 N, -1 missing), each roll
    call's year index ``year_of``, oriented so that state ``reference`` is positive."""
    order = np.argsort(year_of, kind="stable")
    votes, year_of = votes[order], year_of[order]
    n_years = len(years)
    starts = np.searchsorted(year_of, np.arange(n_years))
    present = np.flatnonzero(np.bincount(year_of, minlength=n_years))
    # two binary choices per roll call: Y against the rest; Y or A against N
    choice = np.concatenate([(votes == 2), (votes >= 1)]).astype(np.float64)
    seen = np.concatenate([votes >= 0, votes >= 0])
    item_year = np.concatenate([year_of, year_of])
    cast = seen.astype(np.float64)
    per_year = np.add.reduceat(cast[:len(votes)], starts[present], axis=0)
    counts = np.zeros((n_years, votes.shape[1]), dtype=np.int64)
    counts[present] = per_year.astype(np.int64)

    # a start from each state's share of yes votes, standardised
    share = (choice * cast).sum(0) / np.maximum(cast.sum(0), 1)
    x = np.tile(((share - share.mean()) / (share.std() or 1.0))[:, None], (1, n_years))
    alpha = np.zeros(len(choice))
    beta = np.zeros(len(choice))
    all_starts = np.searchsorted(item_year[np.argsort(item_year, kind="stable")],
                                 np.arange(n_years))
    by_year = np.argsort(item_year, kind="stable")
    var = np.ones_like(x)
    iteration = 0
    while iteration < max_iter:
        iteration += 1
        xi = x[:, item_year].T  # items by states: each state's position in the item's year
        vi = var[:, item_year].T
        # M step for the items, on the latent utilities of the last E step
        mu = alpha[:, None] + beta[:, None] * xi
        ystar = mu + np.where(choice > 0, _mills(mu), -_mills(-mu))
        n = cast.sum(1)
        sx = (cast * xi).sum(1)
        sxx = (cast * (xi * xi + vi)).sum(1)
        sy = (cast * ystar).sum(1)
        sxy = (cast * xi * ystar).sum(1)
        a11, a12, a22 = n + 1 / ITEM_PRIOR, sx, sxx + 1 / ITEM_PRIOR
        det = a11 * a22 - a12 * a12
        alpha = (a22 * sy - a12 * sxy) / det
        beta = (a11 * sxy - a12 * sy) / det
        # E step again with the new items, then each state's path
        mu = alpha[:, None] + beta[:, None] * xi
        ystar = mu + np.where(choice > 0, _mills(mu), -_mills(-mu))
        prec_items = cast * (beta * beta)[:, None]
        info_items = cast * beta[:, None] * (ystar - alpha[:, None])
        precision = np.zeros((x.shape[0], n_years))
        info = np.zeros((x.shape[0], n_years))
        has = present
        precision[:, has] = np.add.reduceat(prec_items[by_year], all_starts[has], axis=0).T
        info[:, has] = np.add.reduceat(info_items[by_year], all_starts[has], axis=0).T
        new_x, var = _smooth(precision, info)
        # the scale drifts slowly under EM: stop when the order and spacing have settled
        change = 1.0 - float(np.corrcoef(new_x.ravel(), x.ravel())[0, 1])
        x = new_x
        if change < tolerance:
            break
    if x[reference].mean() < 0:
        x = -x
    sd = np.sqrt(var)
    return Estimate(years, x, x - Z90 * sd, x + Z90 * sd, counts.T, iteration)


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


def kept(db: object, span: str, years: list[int], states: int) -> Estimate | None:
    """The estimate an earlier call kept for the same span of dates, if it fits."""
    import sqlite3

    assert isinstance(db, sqlite3.Connection)
    try:
        row = db.execute("SELECT years, states, ideal, low, high, votes, iterations "
                         "FROM ideal_points WHERE span = ?", (span,)).fetchone()
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
                           (span, ",".join(map(str, found.years)), found.ideal.shape[0],
                            found.ideal.tobytes(), found.low.tobytes(), found.high.tobytes(),
                            np.ascontiguousarray(found.votes, dtype=np.int64).tobytes(),
                            found.iterations))
        finally:
            db.close()
    except sqlite3.Error:
        pass
