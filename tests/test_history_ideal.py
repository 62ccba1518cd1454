"""rca history ideal: dynamic ideal points, on data drawn from the model and on the record."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from rich.cells import cell_len
from test_history_samples import UN_SAMPLE, VOETEN_SAMPLE, imported
from test_screen import ESCAPE, RCA

from conftest import Terminal, rca, reference
from rca.history.ideal import estimate

STATES, YEARS, PER_YEAR, ABSENT = 100, 30, 60, 0.08


def draw(seed: int = 7, falling: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Votes from the model: random-walk positions, an ordered probit per roll call with
    two thresholds; state 0 (the reference) stays at +1.5, state 1 crosses the axis (and,
    if ``falling``, state 2 crosses it the other way)."""
    rng = np.random.default_rng(seed)
    start = rng.normal(0, 1, STATES)
    x = start[:, None] + np.cumsum(rng.normal(0, 0.05, (STATES, YEARS)), axis=1)
    x[0] = 1.5
    x[1] = np.linspace(-1.5, 1.5, YEARS)
    if falling:
        x[2] = np.linspace(1.5, -1.5, YEARS)
    n = PER_YEAR * YEARS
    year_of = np.repeat(np.arange(YEARS), PER_YEAR)
    slope = rng.normal(0, 1.5, n)
    middle, half = rng.normal(0, 1, n), rng.uniform(0.2, 0.8, n)
    utility = slope[:, None] * x[:, year_of].T + rng.normal(0, 1, (n, STATES))
    votes = np.where(utility > (middle + half)[:, None], 2,
                     np.where(utility > (middle - half)[:, None], 1, 0)).astype(np.int8)
    votes[rng.random((n, STATES)) < ABSENT] = -1
    return x, votes, year_of


def test_the_estimate_recovers_positions_drawn_from_the_model() -> None:
    truth, votes, year_of = draw()
    found = estimate(votes, year_of, list(range(YEARS)), reference=0)
    r = [np.corrcoef(truth[:, t], found.ideal[:, t])[0, 1] for t in range(YEARS)]
    assert min(r) >= 0.9 and np.mean(r) >= 0.95
    assert (found.ideal[0] > 0).all()
    # the moving state is followed: its path rises with the truth, from below to above zero
    assert np.corrcoef(truth[1], found.ideal[1])[0, 1] >= 0.9
    assert found.ideal[1, 0] < 0 < found.ideal[1, -1]
    assert ((found.low <= found.ideal) & (found.ideal <= found.high)).all()


def test_the_estimate_is_the_same_however_the_votes_are_cut_into_blocks(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from rca.history import ideal

    _, votes, year_of = draw(5)
    votes[17] = -1  # a roll call on which nobody voted counts for nothing
    whole = estimate(votes, year_of, list(range(YEARS)), reference=0)
    without = estimate(np.delete(votes, 17, axis=0), np.delete(year_of, 17),
                       list(range(YEARS)), reference=0)
    monkeypatch.setattr(ideal, "BLOCK", 4_999)  # blocks that end inside roll calls
    cut = estimate(votes, year_of, list(range(YEARS)), reference=0)
    assert whole.iterations == cut.iterations == without.iterations
    for found in (cut, without):
        assert np.allclose(found.ideal, whole.ideal, atol=1e-9)
        assert np.allclose(found.high - found.low, whole.high - whole.low, atol=1e-9)


def test_a_state_year_on_few_votes_gets_a_wider_band() -> None:
    _, votes, year_of = draw(3)
    votes[year_of == 10, 5] = -1
    votes[np.flatnonzero(year_of == 10)[:2], 5] = 2
    found = estimate(votes, year_of, list(range(YEARS)), reference=0)
    width = found.high - found.low
    assert width[5, 10] > 1.25 * np.median(width[5])
    assert found.votes[5, 10] == 2


def test_a_gap_of_years_in_the_record_is_as_many_steps_of_the_walk() -> None:
    # no roll calls at all in years 10-19, and state 2 not a member from year 4 to 19: the
    # file's years are 0-9 and 20-29, and the walk from 9 to 20 is eleven years, not one
    truth, votes, year_of = draw(11, falling=True)
    votes[(year_of >= 4) & (year_of < 20), 2] = -1
    held = (year_of < 10) | (year_of >= 20)
    years = [year for year in range(YEARS) if not 10 <= year < 20]
    index = np.searchsorted(years, year_of[held])
    found = estimate(votes[held], index, years, reference=0)
    r = [np.corrcoef(truth[:, year], found.ideal[:, t])[0, 1] for t, year in enumerate(years)]
    assert min(r) >= 0.9, r

    def move(x: np.ndarray, state: int, a: int, b: int) -> float:
        """A state's move from column a to column b, in the spread of those two years."""
        return float((x[state, b] - x[state, a]) / x[:, [a, b]].std())

    # the moves across the gap are the truth's, not shrunk as if they took one year (when
    # the walk took one step from a year of the file to the next, state 1's came out at
    # under a third of the truth's and state 2's at seven tenths)
    for state, before in ((1, 9), (2, 3)):
        seen = move(found.ideal, state, years.index(before), years.index(20))
        real = move(truth, state, before, 20)
        assert 0.75 <= seen / real <= 1.33, (state, seen, real)
    assert found.votes[2, years.index(20)] > 0 and found.votes[2, years.index(3)] > 0
    # the same estimate as with the empty years in the list, estimated from no votes
    spelled = estimate(votes[held], year_of[held], list(range(YEARS)), reference=0)
    assert spelled.iterations == found.iterations
    assert np.allclose(spelled.ideal[:, years], found.ideal, atol=1e-9)
    assert np.allclose(spelled.high[:, years] - spelled.low[:, years],
                       found.high - found.low, atol=1e-9)
    assert not spelled.votes[:, 10:20].any()


@pytest.fixture(scope="module", params=["undl", "voeten"])
def sample_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = UN_SAMPLE if request.param == "undl" else VOETEN_SAMPLE
    return str(imported(tmp_path_factory, reference(path), request.param))


def test_the_real_record_puts_the_united_states_and_israel_at_one_end(sample_db: str) -> None:
    run = rca("history", "ideal", "--all", "--from", "2013", "--to", "2013", "--format",
              "json", RCA_HISTORY_DB=sample_db)
    assert run.exit_code == 0, run.stderr
    rows = json.loads(run.stdout)
    ideal = {row["country"]: row["ideal"] for row in rows}
    ranked = sorted(ideal, key=ideal.__getitem__, reverse=True)
    assert set(ranked[:3]) >= {"USA", "ISR"}
    for far in ("CUB", "IRN", "SYR"):
        assert ideal[far] < ideal["RUS"] < ideal["USA"]
        assert ranked.index(far) > len(ranked) * 0.6
    assert {row["source"] for row in rows} == {"computed"}


def test_rows_carry_the_fields_and_the_distance_to_the_against_state(sample_db: str) -> None:
    run = rca("history", "ideal", "-c", "kaz", "-c", "uzb", "-c", "rus", "--format",
              "csv",
              RCA_HISTORY_DB=sample_db)
    assert run.exit_code == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert list(rows[0]) == ["country", "name", "year", "ideal", "low", "high", "votes",
                             "distance", "source"]
    assert {row["country"] for row in rows} == {"KAZ", "UZB", "RUS"}
    assert all(row["distance"] == "0.0" for row in rows if row["country"] == "RUS")
    years = [int(row["year"]) for row in rows if row["country"] == "KAZ"]
    assert min(years) >= 1992


def test_an_unknown_state_is_a_usage_error(sample_db: str) -> None:
    run = rca("history", "ideal", "-c", "kazakstann", RCA_HISTORY_DB=sample_db)
    assert run.exit_code == 2
    assert "Traceback" not in run.stderr + run.stdout


def test_other_commands_never_import_numpy(tmp_path: Path) -> None:
    code = ("import sys; sys.argv = ['rca', 'country', 'kaz', '--format', 'json'];"
            "from rca.cli.main import main\ntry:\n main()\nexcept SystemExit: pass\n"
            "print('numpy' in sys.modules, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, cwd=tmp_path)
    assert done.stderr.strip().splitlines()[-1] == "False", done.stderr
    assert json.loads(done.stdout)


def test_the_estimate_is_kept_in_the_database_for_the_next_call(sample_db: str) -> None:
    import sqlite3

    first = rca("history", "ideal", "-c", "kaz", "--format", "json", RCA_HISTORY_DB=sample_db)
    with sqlite3.connect(sample_db) as db:
        spans = [span for (span,) in db.execute("SELECT span FROM ideal_points")]
    assert spans
    second = rca("history", "ideal", "-c", "kaz", "--format", "json", RCA_HISTORY_DB=sample_db)
    assert first.exit_code == second.exit_code == 0
    assert json.loads(first.stdout) == json.loads(second.stdout)
    with sqlite3.connect(sample_db) as db:  # altered behind rca's back: the next call reads it
        db.execute("UPDATE ideal_points SET ideal = zeroblob(length(ideal))")
    zeroed = rca("history", "ideal", "-c", "kaz", "--format", "json", RCA_HISTORY_DB=sample_db)
    assert {row["ideal"] for row in json.loads(zeroed.stdout)} == {0.0}
    with sqlite3.connect(sample_db) as db:
        db.execute("UPDATE ideal_points SET ideal = x'00'")
    broken = rca("history", "ideal", "-c", "kaz", "--format", "json", RCA_HISTORY_DB=sample_db)
    assert json.loads(broken.stdout) == json.loads(first.stdout)  # computed again


def test_an_estimate_kept_by_the_earlier_walk_is_not_read(un_db: str) -> None:
    # the sample has sessions 1, 47 and 68 only: 1946 to 1992 was one step of the walk
    import sqlite3

    args = ("history", "ideal", "-c", "rus", "--to", "1992", "--format", "json")
    first = json.loads(rca(*args, RCA_HISTORY_DB=un_db).stdout)
    assert [row["year"] for row in first] == [1946, 1992]
    span = "0000-01-01/1992-12-31"
    with sqlite3.connect(un_db) as db:  # as an earlier rca kept it: under the bare span
        (key,), = db.execute("SELECT span FROM ideal_points WHERE span LIKE ?", (span + "%",))
        assert key != span
        db.execute("INSERT INTO ideal_points SELECT ?, years, states, zeroblob(length(ideal)), "
                   "low, high, votes, iterations FROM ideal_points WHERE span = ?", (span, key))
        db.execute("DELETE FROM ideal_points WHERE span = ?", (key,))
    again = json.loads(rca(*args, RCA_HISTORY_DB=un_db).stdout)
    assert again == first and 0.0 not in {row["ideal"] for row in again}


FP_HEADER = "ccode\tiso3c\tCountryname\tyear\tNVotesFP\tIdealPointFP\tQ5%FP\tQ50%FP\tQ95%FP"


def test_the_published_file_in_its_recent_edition(tmp_path: Path) -> None:
    path = tmp_path / "IdealpointestimatesAll_Jul2025.tab"
    path.write_text("\n".join([
        FP_HEADER,
        "2\tUSA\tUnited States\t2020\t80\t2.9\t2.8\t2.9\t3.0",
        "705\tKAZ\tKazakhstan\t2020\t78\t-0.4\t-0.5\t-0.4\t-0.3",
        "365\tRUS\tRussia\t2020\t80\t-0.9\t-1.0\t-0.9\t-0.8",
        "705\tKAZ\tKazakhstan\t2021\t77\tNA\tNA\tNA\tNA",
    ]) + "\n", encoding="utf-8")
    run = rca("history", "ideal", "-c", "kaz", "--published", str(path), "--format", "csv")
    assert run.exit_code == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert [(r["country"], r["year"], r["ideal"], r["low"], r["high"], r["votes"],
             r["distance"], r["source"]) for r in rows] == [
        ("KAZ", "2020", "-0.4", "-0.5", "-0.3", "78", "0.5", "published")]


def test_the_older_edition_counts_years_from_sessions(tmp_path: Path) -> None:
    path = tmp_path / "old.csv"
    path.write_text("ccode,session,Countryname,IdealPointAll\n"
                    "705,47,Kazakhstan,-0.2\n365,47,Russia,0.1\n", encoding="utf-8")
    run = rca("history", "ideal", "-c", "kaz", "-c", "rus", "--published", str(path),
              "--format", "json")
    assert run.exit_code == 0, run.stderr
    rows = json.loads(run.stdout)
    assert [(r["country"], r["year"], r["ideal"], r["distance"]) for r in rows] == [
        ("KAZ", 1992, -0.2, 0.3), ("RUS", 1992, 0.1, 0.0)]


@pytest.mark.parametrize(("line", "message"), [
    ("705\tKAZ\tKazakhstan\t2020\t78\tabc\t1\t1\t1", "IdealPointFP is not a number"),
    ("705\tKAZ\tKazakhstan\t2020.5\t78\t1\t1\t1\t1", "not whole"),
    ("705\tKAZ\tKazakhstan\t2020", "4 fields where the header has 9"),
    ("705\tK1\tKazakhstan\t2020\t78\t1\t1\t1\t1", "no state code"),
])
def test_a_bad_row_of_the_published_file_names_its_line(
        tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.tab"
    path.write_text(f"{FP_HEADER}\n2\tUSA\tUnited States\t2020\t80\t2.9\t2.8\t2.9\t3.0\n"
                    f"{line}\n", encoding="utf-8")
    run = rca("history", "ideal", "--all", "--published", str(path))
    assert run.exit_code == 1
    assert f"{path}:3: " in run.stderr and message in run.stderr
    assert "Traceback" not in run.stderr


def test_a_file_that_is_not_the_published_layout(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    run = rca("history", "ideal", "--published", str(path))
    assert run.exit_code == 1 and f"{path}:1: not a published ideal-point file" in run.stderr


def test_the_years_of_largest_movement_relative_to_the_against_state(sample_db: str) -> None:
    rows = json.loads(rca("history", "ideal", "-c", "kaz", "-c", "rus", "--format", "json",
                          RCA_HISTORY_DB=sample_db).stdout)
    distance = {row["year"]: row["distance"] for row in rows if row["country"] == "KAZ"}
    years = sorted(distance)
    steps = {b: round(distance[b] - distance[a], 3) for a, b in pairwise(years)}
    run = rca("history", "ideal", "-c", "kaz", "-c", "rus", RCA_HISTORY_DB=sample_db)
    moved = run.rows("Years of largest movement relative to RUS (change in distance)")
    assert moved and len(moved) <= 3 and {row[0] for row in moved} == {"KAZ"}
    largest = sorted(steps, key=lambda year: -abs(steps[year]))[:len(moved)]
    assert sorted(int(row[1]) for row in moved) == sorted(largest)
    for row in moved:
        assert abs(float(row[2]) - steps[int(row[1])]) < 0.002


def test_a_pipe_names_every_event_of_a_year_of_largest_movement(
        sample_db: str, data_copy: Path) -> None:
    """The events beside a year are the timeline's events of that state and year, all of
    them, however many (here three more in 2014): only a terminal shortens the list."""
    records = data_copy / "records.yaml"
    extra = "".join(f"""- id: evt-test-kaz-2014-{n}
  kind: event
  theme: economic
  countries: [KAZ]
  date: '2014-0{n}-01'
  statement: A test event.
  sources: [commentary]
""" for n in (1, 2, 3))
    records.write_text(records.read_text(encoding="utf-8") + extra, encoding="utf-8")
    env = {"RCA_HISTORY_DB": sample_db, "RCA_DATA_DIR": str(data_copy)}
    run = rca("history", "ideal", "-c", "kaz", "-c", "rus", **env)
    moved = run.rows("Years of largest movement relative to RUS (change in distance)")
    assert "2014" in [row[1] for row in moved]
    for row in moved:
        year = row[1]
        timeline = rca("timeline", "-c", "kaz", "--from", year, "--to", year, "--kind", "event",
                       "--format", "json", **env)
        events = [m["key"] for m in json.loads(timeline.stdout)]
        assert row[3] == (", ".join(events) or "—"), year
        assert len(events) > 4 or year != "2014"


@pytest.fixture(scope="module")
def un_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(imported(tmp_path_factory, reference(UN_SAMPLE), "undl"))


BRAILLE = re.compile("[\u2801-\u28ff]")


def test_on_an_80x24_terminal_the_first_screen_is_the_chart_and_the_largest_moves(
        terminal: Callable[..., Terminal], un_db: str) -> None:
    if shutil.which("less") is None and not os.environ.get("CI"):
        pytest.skip("less is not installed")
    screen = terminal(80, 24)
    screen.start(f"{RCA} history ideal -c kaz -c uzb -c rus --db {shlex.quote(un_db)}")
    shown = screen.wait_for("UZB      2017")
    lines = shown.splitlines()
    assert lines[0].startswith("Ideal point per year, computed by rca")
    assert all(cell_len(line) <= 80 for line in lines)
    # the plot: a value axis, braille lines ending in their codes, a year axis below
    plot = [line for line in lines if re.match(r"^ *-?\d?\.?\d* ?[│┤]", line)]
    assert len(plot) >= 6 and any(BRAILLE.search(line) for line in plot)
    for code in ("KAZ", "UZB", "RUS"):
        assert any(line.endswith(f" {code}") for line in plot), code
    axis = next(i for i, line in enumerate(lines) if re.match(r"^ *└[─┬]+$", line))
    years = [int(y) for y in re.findall(r"\b\d{4}\b", lines[axis + 1])]
    # the chosen states' years (Kazakhstan's from 1992), not Russia's from 1946
    assert len(years) >= 4 and years == sorted(years) and 1992 <= years[0] < years[-1] <= 2017
    legend = lines[axis + 2]
    assert "KAZ Kazakhstan" in legend and "UZB Uzbekistan" in legend
    assert "RUS Russia (reference)" in legend
    # under it, on the same screen: the years of largest movement, with their events
    assert "Years of largest movement relative to RUS (change in distance)" in shown
    assert re.search(r"^KAZ +2014 +-0\.163 +evt-eaeu-treaty-2014", shown, re.M)
    assert "[exit" not in shown  # the per-year table waits in the pager
    screen.keys("q")
    assert "[exit 0]" in screen.wait_for("[exit")


def test_the_chart_fits_narrower_windows_and_never_reaches_a_pipe(un_db: str) -> None:
    for width in ("60", "100"):
        run = rca("history", "ideal", "-c", "kaz", "-c", "rus", "--no-pager",
                  RCA_HISTORY_DB=un_db, TTY_COMPATIBLE="1", COLUMNS=width, LINES="30")
        lines = [ESCAPE.sub("", line).rstrip() for line in run.stdout.splitlines()]
        assert lines[0].startswith("Ideal point per year")
        assert max(cell_len(line) for line in lines) <= int(width)
        assert any(re.match(r"^ *└[─┬]+$", line) for line in lines)
    piped = rca("history", "ideal", "-c", "kaz", "-c", "rus", RCA_HISTORY_DB=un_db)
    assert piped.stdout.startswith("# Ideal points per year")
    assert not BRAILLE.search(piped.stdout) and "└" not in piped.stdout


@pytest.mark.parametrize("flag", ["--export-svg", "--export-html"])
def test_the_chart_is_saved_by_an_export(un_db: str, tmp_path: Path, flag: str) -> None:
    target = tmp_path / ("ideal.svg" if "svg" in flag else "ideal.html")
    run = rca("history", "ideal", "-c", "kaz", "-c", "uzb", "-c", "rus", flag, str(target),
              RCA_HISTORY_DB=un_db)
    assert run.exit_code == 0, run.stderr
    assert run.stdout.startswith("# Ideal points per year")  # the pipe as without it
    saved = html.unescape(target.read_text(encoding="utf-8"))
    assert BRAILLE.search(saved) and "└" in saved
    for text in ("KAZ Kazakhstan", "RUS Russia (reference)", "Years of largest movement"):
        assert text.replace(" ", "\u00a0") in saved or text in saved, text
    mine = tmp_path / "mine.svg"  # a file rca did not make is never replaced
    mine.write_text("my drawing", encoding="utf-8")
    refused = rca("history", "ideal", "-c", "kaz", flag, str(mine), RCA_HISTORY_DB=un_db)
    assert refused.exit_code == 1 and "cannot save the export" in refused.stderr
    assert mine.read_text(encoding="utf-8") == "my drawing"


def test_a_group_chooses_its_states(un_db: str) -> None:
    run = rca("history", "ideal", "--group", "central-asia", "--format", "json",
              RCA_HISTORY_DB=un_db)
    assert run.exit_code == 0, run.stderr
    assert {row["country"] for row in json.loads(run.stdout)} == {
        "KAZ", "KGZ", "TJK", "TKM", "UZB"}
    wrong = rca("history", "ideal", "--group", "nowhere", RCA_HISTORY_DB=un_db)
    assert wrong.exit_code == 2 and "central-asia" in wrong.stderr


def test_the_largest_moves_name_the_memberships_taken_up_that_year(un_db: str) -> None:
    # Belarus joined the Collective Security Treaty in 1993 (the dataset's membership)
    args = ("history", "ideal", "-c", "blr", "--from", "1992", "--to", "1993")
    run = rca(*args, RCA_HISTORY_DB=un_db)
    assert run.exit_code == 0, run.stderr
    title = "Years of largest movement relative to RUS (change in distance)"
    assert run.header(title) == ["country", "year", "change", "events", "memberships"]
    assert [(row[0], row[1], row[4]) for row in run.rows(title)] == [
        ("BLR", "1993", "CSTO member")]
    shown = rca(*args, "--no-pager", RCA_HISTORY_DB=un_db, TTY_COMPATIBLE="1", NO_COLOR="1",
                COLUMNS="80")
    assert re.search(r"^BLR +1993 +-?\d\.\d+ +CSTO member", shown.stdout, re.M)


def test_a_name_from_the_file_reaches_the_chart_as_text_only(tmp_path: Path) -> None:
    path = tmp_path / "named.tab"
    path.write_text("\n".join([
        FP_HEADER,
        *(f"705\tKAZ\tKazakh\x1b]0;owned\x07stan\x1b[2J\t{year}\t78\t{-0.4 + year % 3 / 10}"
          f"\t-0.5\t-0.4\t-0.3" for year in range(2000, 2010)),
        *(f"365\tRUS\tRussia\t{year}\t80\t-0.9\t-1.0\t-0.9\t-0.8" for year in range(2000, 2010)),
    ]) + "\n", encoding="utf-8")
    run = rca("history", "ideal", "-c", "kaz", "--published", str(path), "--no-pager",
              TTY_COMPATIBLE="1", NO_COLOR="1", COLUMNS="80")
    assert run.exit_code == 0, run.stderr
    assert "Ideal point per year, published by" in run.stdout
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout
    assert "KAZ Kazakh]0;ownedstan[2J" in run.stdout
