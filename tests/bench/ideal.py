"""`rca history ideal` over a full-size history: seconds, peak memory, and the ratio to
`rca history alignment` on the same database.

    python tests/bench/ideal.py [--rows 1200000] [--runs 3] [--keep FILE]

Writes the synthetic UN file of `history.py` (79 years, 193 states; 1,200,000 rows are
about 6,200 roll calls), imports it once, then runs, round-robin, each as its own process:
``rca history alignment --all --format json`` (the baseline) and ``rca history ideal --all
--format json``. rca keeps an estimate in the database for the next call: it is removed
before each run of ``ideal``, so that every run estimates. The targets: the estimate in at
most 60 s and under 1 GB of peak memory (each process's own). Not a test: pytest does not
collect it and CI does not run it.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from history import generate  # the synthetic file of the history benchmark

RCA = [sys.executable, "-m", "rca", "history"]


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, processor seconds and the peak resident memory (MB) of one process:
    on a busy machine the processor seconds say more than the wall clock."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True)
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"{' '.join(argv)} failed: {errors}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # KiB -> MiB


def forget(db: Path) -> None:
    """Remove the estimates rca keeps, so that the next call estimates again."""
    with sqlite3.connect(db) as connection:
        connection.execute("DROP TABLE IF EXISTS ideal_points")
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_200_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the synthetic file here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rca-ideal-") as tmp:
        source = args.keep or Path(tmp) / "unga_votes.csv"
        if not source.exists():
            generate(source, args.rows)
        db = Path(tmp) / "history.sqlite3"
        env = {**os.environ, "RCA_HISTORY_DB": str(db),
               "RCA_CACHE_DIR": str(Path(tmp) / "cache"), "TTY_COMPATIBLE": "0"}
        run([*RCA, "import", str(source)], env)
        baseline = [*RCA, "alignment", "--all", "--format", "json"]
        ideal = [*RCA, "ideal", "--all", "--format", "json"]
        run(baseline, env)  # warm the file cache and the dataset cache
        base_times, ideal_times, cpu_times, peak = [], [], [], 0.0
        for _ in range(args.runs):
            base_times.append(run(baseline, env)[0])
            forget(db)
            seconds, cpu, memory = run(ideal, env)
            ideal_times.append(seconds)
            cpu_times.append(cpu)
            peak = max(peak, memory)
        kept_seconds = run(ideal, env)[0]  # the estimate kept by the last run, read
    base, est = statistics.median(base_times), statistics.median(ideal_times)
    print(f"alignment --all (baseline): {base:8.2f} s")
    print(f"ideal --all:                {est:8.2f} s  ratio {est / base:6.1f}  (runs: "
          + ", ".join(f"{t:.1f}" for t in ideal_times) + ")")
    print(f"ideal --all, processor:     {statistics.median(cpu_times):8.2f} s")
    print(f"ideal --all, kept estimate: {kept_seconds:8.2f} s")
    print(f"peak memory of ideal:       {peak:8.0f} MB")
    print("targets: at most 60 s and 1024 MB" + (
        "" if est <= 60 and peak <= 1024 else "  (missed)"))


if __name__ == "__main__":
    main()
