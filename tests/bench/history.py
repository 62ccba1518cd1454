"""Import a full-size UN voting file and query it: time, peak memory, query time.

    python tests/bench/history.py [--rows 900000] [--keep FILE]

Writes a synthetic file in the UN Digital Library's format (the columns of
`shared/reference/undl/FORMAT.md`, about 400 bytes a row as in the real file: long quoted
titles with commas, agenda titles, subjects, a link), then runs, each as its own process
as a user would: `rca history import` (wall time and peak resident memory) and
`rca history alignment --by year` (wall time, median of several runs). Targets: import
under 10 s and 100 MiB; the query under 0.3 s. Not a test.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COLUMNS = ["undl_id", "ms_code", "ms_name", "ms_vote", "resolution", "title", "modality",
           "draft", "committee_report", "meeting", "agenda_title", "subjects", "date", "yes",
           "no", "abstentions", "non_voting", "total", "undl_link"]
TOPICS = ["Question of Palestine", "Nuclear disarmament", "Human rights situation in the "
          "Islamic Republic of Iran", "Necessity of ending the economic, commercial and "
          "financial embargo imposed by the United States of America against Cuba",
          "Territorial integrity of Ukraine", "Situation of human rights in the Autonomous "
          "Republic of Crimea and the city of Sevastopol, Ukraine", "Prevention of an arms "
          "race in outer space", "Right of peoples to self-determination",
          "Report of the Special Committee on Israeli Practices", "Global health and "
          "foreign policy: \"a healthier world\""]
STATES = ["KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "USA", "CHN", "IND", "BLR", "UKR", "ARM",
          "AZE", "MNG", "TUR", "IRN"]


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


def generate(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    states = state_codes(193)
    resolutions = rows // len(states) + 1
    written = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(COLUMNS)
        for number in range(resolutions):
            year = 1946 + number * 79 // resolutions
            session = year - 1945
            symbol = f"A/RES/{session}/{number % 400 + 1}"
            topic = rng.choice(TOPICS)
            title = f"{topic}, session {session}: resolution / adopted by the General Assembly"
            date = f"{year}-{rng.randint(9, 12):02d}-{rng.randint(1, 28):02d} 00:00:00"
            lean = rng.random()
            for code in states:
                if written >= rows:
                    return
                roll = rng.random()
                vote = ("Y" if roll < lean else "N" if roll < lean + 0.1 else
                        "A" if roll < lean + 0.3 else "" if roll < lean + 0.32 else "NV")
                out.writerow([4_000_000 + number, code, f"State {code}", vote, symbol, title,
                              "Voted", f"A/{session}/L.{number % 90}", "",
                              f"A/{session}/PV.{number % 120}",
                              f"Agenda item {number % 150}: {topic}",
                              "DISARMAMENT|HUMAN RIGHTS", date, 120, 10, 30, 33, 193,
                              f"https://digitallibrary.un.org/record/{4_000_000 + number}"])
                written += 1


def run(argv: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
    return time.perf_counter() - start, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=900_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the synthetic file here and keep it")
    args = parser.parse_args()
    rca = [shutil.which("rca") or sys.executable, *([] if shutil.which("rca") else
                                                  ["-m", "rca"])]
    with tempfile.TemporaryDirectory(prefix="rca-history-") as tmp:
        source = args.keep or Path(tmp) / "unga_votes.csv"
        if not source.exists():
            start = time.perf_counter()
            generate(source, args.rows)
            print(f"generated {args.rows:,} rows, {source.stat().st_size / 2**20:.0f} MiB, "
                  f"in {time.perf_counter() - start:.1f} s")
        env = {**os.environ, "RCA_HISTORY_DB": str(Path(tmp) / "history.sqlite3"),
               "RCA_CACHE_DIR": str(Path(tmp) / "cache"), "TTY_COMPATIBLE": "0"}
        wall, done = run([*rca, "history", "import", str(source)], env)
        if done.returncode:
            sys.exit(f"import failed: {done.stderr}")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB -> MiB
        print(done.stdout.strip())
        print(f"import: {wall:.2f} s (target < 10 s), peak memory {peak:.0f} MiB "
              f"(target < 100 MiB)")
        query = [*rca, "history", "alignment", "--by", "year", "--format", "json"]
        run(query, env)  # warm the dataset cache and the file cache
        times = [run(query, env)[0] for _ in range(args.runs)]
        print(f"rca history alignment --by year: median {statistics.median(times):.3f} s "
              f"(target < 0.3 s), start-up included")


if __name__ == "__main__":
    main()
