"""`rca history compare` over a full-size history, as a ratio to the framework's floor.

    python tests/bench/compare.py [--rows 900000] [--runs 9] [--keep FILE]

Writes the synthetic UN file of `history.py` (79 years, 193 states, about 4,700 roll
calls), imports it once, then runs each case as its own process, round-robin so that a
slow spell of the machine weighs on the floor and the commands alike:

- the floor: ``python -c "import typer, rich.console, rich.table"``, what any rca command
  costs before it does anything;
- ``rca history compare KAZ RUS`` as json, in a pipe and drawn as on a terminal;
- ``rca history compare KAZ csto`` (a bloc of the curated memberships) in a pipe.

The target is a median at most twice the floor's. Not a test: pytest does not collect it
and CI does not run it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from history import generate  # the synthetic file of the history benchmark

FLOOR = [sys.executable, "-c", "import typer, rich.console, rich.table"]
RCA = [sys.executable, "-m", "rca", "history", "compare"]
TARGET = 2.0


def wall(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, check=False)
    if done.returncode:
        sys.exit(f"{' '.join(argv)} failed: {done.stderr}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=900_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--keep", type=Path, help="write the synthetic file here and keep it")
    args = parser.parse_args()
    # an installed package has its bytecode compiled at install time, as typer and rich do
    import compileall

    import rca

    compileall.compile_dir(os.path.dirname(rca.__file__), quiet=1)
    with tempfile.TemporaryDirectory(prefix="rca-compare-") as tmp:
        source = args.keep or Path(tmp) / "unga_votes.csv"
        if not source.exists():
            generate(source, args.rows)
        db = Path(tmp) / "history.sqlite3"
        plain = {**os.environ, "RCA_HISTORY_DB": str(db),
                 "RCA_CACHE_DIR": str(Path(tmp) / "cache"), "TTY_COMPATIBLE": "0"}
        terminal = {**plain, "TTY_COMPATIBLE": "1", "COLUMNS": "100"}
        wall([sys.executable, "-m", "rca", "history", "import", str(source)], plain)
        cases = [
            ("floor: import typer, rich.console, rich.table", FLOOR, plain),
            ("compare KAZ RUS --format json", [*RCA, "KAZ", "RUS", "--format", "json"], plain),
            ("compare KAZ RUS, in a pipe", [*RCA, "KAZ", "RUS"], plain),
            ("compare KAZ RUS, on a terminal", [*RCA, "KAZ", "RUS"], terminal),
            ("compare KAZ csto, in a pipe", [*RCA, "KAZ", "csto"], plain),
        ]
        for _label, argv, env in cases:  # warm the file cache and rca's dataset cache
            wall(argv, env)
        times: list[list[float]] = [[] for _ in cases]
        for _ in range(args.runs):
            for index, (_label, argv, env) in enumerate(cases):
                times[index].append(wall(argv, env))
    medians = [statistics.median(t) for t in times]
    floor = medians[0]
    print(f"{'case':48} {'median s':>9} {'ratio':>6}")
    for (label, _argv, _env), median in zip(cases, medians, strict=True):
        mark = "  over the target" if median / floor > TARGET else ""
        print(f"{label:48} {median:9.3f} {median / floor:6.2f}{mark}")
    print(f"target: at most {TARGET:.0f}x the floor")


if __name__ == "__main__":
    main()
