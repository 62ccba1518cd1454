"""Shared helpers: run the real CLI and make broken copies of the shipped dataset."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main
import typer.testing
from typer.testing import CliRunner

from rca.cli.main import every_command
from rca.dataset.files import default_data_dir

app = every_command()

#: Typer's test runner turns the app into a Click command on every call, which costs more
#: than most commands take to run; the app does not change during a run, so it is built once.
_COMMAND = typer.main.get_command(app)
if hasattr(typer.testing, "_get_command"):
    typer.testing._get_command = lambda _app: _COMMAND  # type: ignore[attr-defined]

#: The shared reference material beside the project (its copy in CI too)
SHARED = Path(__file__).resolve().parents[2] / "shared" / "reference"
REFERENCE_VOTES = SHARED / "unga" / "votes.csv"
#: the votes a review found on archived pages, one row per page
REVIEWED_VOTES = SHARED / "review-2026" / "votes_found.csv"


def reference(path: Path) -> Path:
    """A reference file; missing, it skips the test on a developer's machine and fails it in
    CI, where the shared folder is always laid beside the project."""
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the reference file {path} is missing")
        pytest.skip(f"{path.name} is not beside the project")
    return path

#: The environment every in-process run starts from: a plain, pinned-width pipe, with no
#: history imported (a developer's own import in their data folder never reaches a test)
_HOME = tempfile.mkdtemp(prefix="rca-test-home-")
BASE_ENV = {"RCA_CACHE_DIR": tempfile.mkdtemp(prefix="rca-test-cache-"),
            "COLUMNS": "100", "NO_COLOR": None, "FORCE_COLOR": None, "TTY_COMPATIBLE": None,
            "RCA_DATA_DIR": None, "TERM": "xterm-256color",
            "RCA_HISTORY_DB": str(Path(_HOME) / "none" / "history.sqlite3"),
            "XDG_DATA_HOME": str(Path(_HOME) / "data")}


class Run:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr

    def rows(self, title: str | None = None) -> list[list[str]]:
        """The tab-separated rows of the plain-mode table (after the heading ``# title``)."""
        lines = self.stdout.splitlines()
        if title is not None:
            lines = lines[lines.index(f"# {title}") + 1:]
        while lines and lines[0].startswith("# "):
            lines = lines[1:]
        rows = []
        for line in lines[1:]:  # skip the header
            if not line or line.startswith("# "):
                break
            rows.append(line.split("\t"))
        return rows

    def header(self, title: str | None = None) -> list[str]:
        lines = self.stdout.splitlines()
        start = lines.index(f"# {title}") + 1 if title is not None else 0
        while lines[start].startswith("# "):
            start += 1
        return lines[start].split("\t")


def rca(*args: str, **env: str | None) -> Run:
    """Run rca in-process, as in a pipe unless the environment says otherwise."""
    result = CliRunner().invoke(app, list(args), env={**BASE_ENV, **env})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


#: the escape codes of colour, cursor and links a terminal is sent
ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\]8;[^\x1b]*\x1b\\")


def drawn(*args: str, width: int = 80, height: int = 24) -> list[str]:
    """What a terminal of that size shows, drawn in-process: being a terminal is a setting."""
    run = rca(*args, "--no-pager", TTY_COMPATIBLE="1", COLUMNS=str(width), LINES=str(height))
    assert run.exit_code == 0, run.stderr
    return [ESCAPE.sub("", line).rstrip().replace("\u00a0", " ")
            for line in run.stdout.splitlines()]


def as_json(*args: str) -> Any:
    """What ``rca ARGS --format json`` prints, read; the run must succeed."""
    run = rca(*args, "--format", "json")
    assert run.exit_code == 0, run.stderr
    return json.loads(run.stdout)


def profile_item(country: str, key: str) -> dict[str, Any]:
    """The first object anywhere in ``rca country COUNTRY``'s json whose id or key is
    ``key``."""
    found: list[dict[str, Any]] = []

    def walk(o: Any) -> None:
        if isinstance(o, dict):
            if key in (o.get("id"), o.get("key")):
                found.append(o)
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)

    walk(as_json("country", country))
    assert found, f"{key} not in rca country {country}"
    return found[0]


def timeline_shows(expected: dict[str, tuple[str, str, str]], since: str) -> dict[str, Any]:
    """Assert that ``rca timeline --from SINCE`` shows each expected event (key: its date, words
    of its text and a state it names) with its sources, in date order, in json and in the plain
    table; return the json's events by key."""
    events = as_json("timeline", "--from", since)
    by_key = {e["key"]: e for e in events}
    for key, (date, words, state) in expected.items():
        assert key in by_key, f"{key} is not on the timeline from {since}"
        event = by_key[key]
        assert event["date"] == date and words in event["text"], event
        assert state in event["states"] and event["sources"], event
    dates = [e["date"] for e in events]
    assert dates == sorted(dates)
    table = rca("timeline", "--from", since)
    assert table.exit_code == 0, table.stderr
    assert set(expected) <= {row[2] for row in table.rows()}, "the plain table shows them too"
    return by_key


def rca_process(
    *args: str, cwd: Path | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run rca as a separate process (``python -m rca``), for pipes and exit codes."""
    full_env = {k: v for k, v in os.environ.items()
                if k not in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "RCA_DATA_DIR")}
    full_env["RCA_CACHE_DIR"] = BASE_ENV["RCA_CACHE_DIR"] or ""
    full_env["RCA_HISTORY_DB"] = BASE_ENV["RCA_HISTORY_DB"] or ""
    full_env["XDG_DATA_HOME"] = BASE_ENV["XDG_DATA_HOME"] or ""
    full_env.update(env)
    return subprocess.run([sys.executable, "-m", "rca", *args], capture_output=True, text=True,
                          env=full_env, cwd=cwd, timeout=60)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped dataset that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    return target


def replace_in(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace text in a data file; return the 1-based line of the first change."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


# -- a real terminal: tmux at a given size --------------------------------------------------

@pytest.fixture(scope="module")
def tmux() -> str:
    found = shutil.which("tmux")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is needed to test rca on a real terminal")
        pytest.skip("tmux is not installed")
    return found


class Terminal:
    """One tmux session of a given size running one shell command."""

    def __init__(self, tmux: str, folder: Path, width: int, height: int) -> None:
        self.tmux, self.width, self.height = tmux, width, height
        self.socket = str(folder / f"tmux-{uuid.uuid4().hex[:8]}")

    def _run(self, *args: str) -> str:
        return subprocess.run([self.tmux, "-S", self.socket, *args], capture_output=True,
                              text=True, check=False).stdout

    def start(self, command: str, **env: str) -> None:
        env = {"RCA_HISTORY_DB": BASE_ENV["RCA_HISTORY_DB"] or "", **env}
        settings = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        unset = "-u PAGER -u LESS -u RCA_PAGER -u COLUMNS -u LINES -u TTY_COMPATIBLE"
        # the shell outlives an interrupt of the command (a handler, not an ignored signal,
        # so that the command still gets it)
        script = (f"trap 'true' INT; env {unset} {settings} {command}; "
                  "printf '[exit %s]' $?; sleep 60")
        self._run("new-session", "-d", "-x", str(self.width), "-y", str(self.height),
                  "sh", "-c", script)

    def screen(self) -> str:
        return self._run("capture-pane", "-p")

    def wait_for(self, text: str, timeout: float = 20) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared on the screen:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        self._run("send-keys", *keys)

    def close(self) -> None:
        self._run("kill-server")


@pytest.fixture
def terminal(tmux: str, tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    opened: list[Terminal] = []

    def open_one(width: int = 80, height: int = 24) -> Terminal:
        one = Terminal(tmux, tmp_path, width, height)
        opened.append(one)
        return one

    yield open_one
    for one in opened:
        one.close()


#: rows of the synthetic voting file that the interrupt tests import: enough for the
#: import to still be writing when the signal comes
BIG_ROWS = 400_000


@pytest.fixture(scope="session")
def big_votes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A full-size synthetic voting file (the benchmark's), written once for every worker."""
    import fcntl

    sys.path.insert(0, str(Path(__file__).resolve().parent / "bench"))
    from history import generate

    shared = tmp_path_factory.getbasetemp().parent  # the same folder for every xdist worker
    big = shared / f"votes-{BIG_ROWS}.csv"
    with (shared / "votes.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not big.exists():
            generate(big.with_suffix(".part"), BIG_ROWS)
            big.with_suffix(".part").rename(big)
    return big
