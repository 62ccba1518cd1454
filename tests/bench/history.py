"""Import a full-size UN voting file and query it: time, peak memory, query time.

    python tests/bench/history.py [--rows 900000] [--runs 7] [--keep FILE]

Writes a synthetic file in the UN Digital Library's 2026 layout (the header exactly as
`shared/reference/undl/FORMAT.md` quotes it, ``X`` for non-voting, totals written as
decimals and matching the rows, about 400 bytes a row as in the real file: long quoted
titles with commas, agenda titles, subjects, a link), then runs, each as its own process
as a user would:

- the floor: ``python -c "import typer, rich.console, rich.table"``, what any rca command
  costs before it does anything;
- ``rca history import`` (wall time and peak resident memory);
- ``rca history alignment --by year`` (the five Central Asian states);
- the yearly alignment of every state with Russia, through ``rca.history.alignment_by``.

Each figure is also given as a ratio to the floor measured in the same run, so that the
numbers compare across machines. Not a test.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: the header of the 6 February 2026 edition, exactly
HEADER = ("undl_id,ms_code,ms_name,ms_vote,date,session,resolution,draft,committee_report,"
          "meeting,title,agenda_title,subjects,vote_note,total_yes,total_no,"
          "total_abstentions,total_non_voting,total_ms,undl_link")
TOPICS = ["Question of Palestine", "Nuclear disarmament", "Human rights situation in the "
          "Islamic Republic of Iran", "Necessity of ending the economic, commercial and "
          "financial embargo imposed by the United States of America against Cuba",
          "Territorial integrity of Ukraine", "Situation of human rights in the Autonomous "
          "Republic of Crimea and the city of Sevastopol, Ukraine", "Prevention of an arms "
          "race in outer space", "Right of peoples to self-determination",
          "Report of the Special Committee on Israeli Practices", "Global health and "
          "foreign policy: \"a healthier world\""]
SUBJECTS = ["DISARMAMENT|NUCLEAR WEAPONS", "HUMAN RIGHTS|UKRAINE--TERRITORIAL INTEGRITY",
            "TERRITORIES OCCUPIED BY ISRAEL--SETTLEMENT POLICY", "DECOLONIZATION"]
STATES = ["KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "USA", "CHN", "IND", "BLR", "UKR", "ARM",
          "AZE", "MNG", "TUR", "IRN"]
ALL_STATES = """
import sys
from pathlib import Path
from rca.history import alignment_by, open_db
found = alignment_by(open_db(Path(sys.argv[1])), "RUS", None, "year")
assert len(found) > 1000, len(found)
"""


def state_codes(count: int) -> list[str]:
    codes = list(STATES)
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for a in letters:
        for b in letters:
            if len(codes) >= count:
                return codes
            code = f"X{a}{b}"
            if code not in codes:
                codes.append(code)
    return codes


def roll_call_votes(rng: random.Random, states: list[str]) -> list[str]:
    lean = rng.random()
    votes = []
    for _ in states:
        roll = rng.random()
        votes.append("Y" if roll < lean else "N" if roll < lean + 0.1 else
                     "A" if roll < lean + 0.3 else "" if roll < lean + 0.32 else "X")
    return votes


def generate(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    states = state_codes(193)
    resolutions = rows // len(states) + 1
    written = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)  # CRLF line ends, as the published file
        handle.write(HEADER + "\r\n")
        for number in range(resolutions):
            year = 1946 + number * 79 // resolutions
            session = year - 1945
            symbol = f"A/RES/{session}/{number % 400 + 1}"
            topic = rng.choice(TOPICS)
            title = f"{topic}, session {session} : resolution / adopted by the General Assembly"
            date = f"{year}-{rng.randint(9, 12):02d}-{rng.randint(1, 28):02d}"
            votes = roll_call_votes(rng, states)[: rows - written]
            totals = [f"{float(n)}" for n in (
                votes.count("Y"), votes.count("N"), votes.count("A"),
                votes.count("X") + votes.count(""), len(votes))]
            record = 4_000_000 + number
            for code, vote in zip(states, votes, strict=False):
                out.writerow([record, code, f"State {code}", vote, date, session, symbol,
                              f"A/{session}/L.{number % 90}", "",
                              f"A/{session}/PV.{number % 120}",
                              title, f"Agenda item {number % 150}: {topic}",
                              rng.choice(SUBJECTS), "", *totals,
                              f"https://digitallibrary.un.org/record/{record}"])
            written += len(votes)
            if written >= rows:
                return


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """Wall time (s), peak resident memory (MiB), exit status and output of one process."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True)
    assert child.stdout is not None
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    return wall, usage.ru_maxrss / 1024, child.returncode, output  # KiB -> MiB


def median(argv: list[str], env: dict[str, str], runs: int) -> float:
    run(argv, env)  # warm the file cache and rca's dataset cache
    times = []
    for _ in range(runs):
        wall, _, status, output = run(argv, env)
        if status:
            sys.exit(f"{' '.join(argv)} failed: {output}")
        times.append(wall)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=900_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the synthetic file here and keep it")
    args = parser.parse_args()
    rca = [sys.executable, "-m", "rca"]  # the rca this Python imports, as the query does
    with tempfile.TemporaryDirectory(prefix="rca-history-") as tmp:
        source = args.keep or Path(tmp) / "unga_votes.csv"
        if not source.exists():
            start = time.perf_counter()
            generate(source, args.rows)
            print(f"generated {args.rows:,} rows, {source.stat().st_size / 2**20:.0f} MiB, "
                  f"in {time.perf_counter() - start:.1f} s")
        db = Path(tmp) / "history.sqlite3"
        env = {**os.environ, "RCA_HISTORY_DB": str(db),
               "RCA_CACHE_DIR": str(Path(tmp) / "cache"), "TTY_COMPATIBLE": "0"}
        floor_argv = [sys.executable, "-c", "import typer, rich.console, rich.table"]
        floor = median(floor_argv, env, args.runs)
        floor_rss = run(floor_argv, env)[1]
        print(f"floor (python -c 'import typer, rich.console, rich.table'): {floor:.3f} s, "
              f"{floor_rss:.0f} MiB")
        wall, peak, status, output = run([*rca, "history", "import", str(source)], env)
        if status:
            sys.exit(f"import failed: {output}")
        print(output.strip())
        print(f"import: {wall:.2f} s = {wall / floor:.0f}x the floor (target <= 5 s); peak "
              f"memory {peak:.0f} MiB = {peak / floor_rss:.1f}x the floor (target <= 100 MiB)")
        print(f"database: {db.stat().st_size / 2**20:.1f} MiB")
        five = median([*rca, "history", "alignment", "--by", "year", "--format", "json"],
                      env, args.runs)
        print(f"rca history alignment --by year (5 states): median {five:.3f} s = "
              f"{five / floor:.1f}x the floor")
        every = median([sys.executable, "-c", ALL_STATES, str(db)], env, args.runs)
        print(f"alignment_by every state with RUS, by year: median {every:.3f} s = "
              f"{every / floor:.1f}x the floor (target about 0.3 s), start-up included")


if __name__ == "__main__":
    main()
