"""Start-up cost of rca, as a ratio to importing its libraries, measured in the same run.

    python tests/bench/startup.py [--runs N]

Each command runs N times as a separate process with the same interpreter; the table gives
the median wall time and its ratio to the baseline `python -c "import typer, rich.console,
rich.table"`. Ratios, not absolute times, are what to compare between machines. Not a test:
pytest does not collect it and CI does not run it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

BASELINE = [sys.executable, "-c", "import typer, rich.console, rich.table"]
#: the installed command, as a user runs it; else the module with the same interpreter
_INSTALLED = shutil.which("rca")
RCA = [_INSTALLED] if _INSTALLED else [sys.executable, "-m", "rca"]
COMMANDS = {
    "rca country kazakhstan": ["country", "kazakhstan"],
    "rca votes": ["votes"],
    "rca votes --format json": ["votes", "--format", "json"],
    "rca themes security": ["themes", "security"],
    "rca --help": ["--help"],
}


def median_time(argv: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                       check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    plain = {k: v for k, v in os.environ.items() if k not in ("TTY_COMPATIBLE", "FORCE_COLOR")}
    table = {**plain, "TTY_COMPATIBLE": "1", "COLUMNS": "100"}
    # an installed package has its bytecode compiled at install time, as typer and rich do
    import compileall

    import rca

    compileall.compile_dir(os.path.dirname(rca.__file__), quiet=1)
    complete = {**plain, "_RCA_COMPLETE": "complete_bash", "COMP_WORDS": "rca country ka",
                "COMP_CWORD": "2"}
    cases: list[tuple[str, str, list[str], dict[str, str]]] = [
        ("baseline (import typer, rich)", "-", BASELINE, plain)]
    for label, argv in COMMANDS.items():
        for mode, env in (("pipe", plain), ("table", table)):
            cases.append((label, mode, [*RCA, *argv], env))
    # one key press: what the shell asks for `rca country ka<TAB>`
    cases.append(("completion: rca country ka<TAB>", "-", RCA, complete))
    median_time([*RCA, "votes"], 1, plain)  # fill rca's dataset cache
    for _label, _mode, argv, env in cases:  # warm the file cache
        median_time(argv, 1, env)
    # round-robin: each round runs every case once, so that a slow spell of the machine
    # weighs on the baseline and the commands alike
    times: list[list[float]] = [[] for _ in cases]
    for _ in range(args.runs):
        for index, (_label, _mode, argv, env) in enumerate(cases):
            times[index].append(median_time(argv, 1, env))
    medians = [statistics.median(t) for t in times]
    base = medians[0]
    print(f"{'command':32} {'output':6} {'median s':>9} {'ratio':>6}")
    for (label, mode, _argv, _env), wall in zip(cases, medians, strict=True):
        print(f"{label:32} {mode:6} {wall:9.3f} {wall / base:6.2f}")


if __name__ == "__main__":
    main()
