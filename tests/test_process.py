"""rca as a user runs it: a separate process, pipes, help, version, any folder."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import rca, rca_process


def test_help_lists_commands_with_examples() -> None:
    run = rca("--help")
    assert run.exit_code == 0
    for command in ("country", "countries", "votes", "themes"):
        assert command in run.stdout
    assert "rca country kazakhstan" in run.stdout
    for command in ("country", "votes", "themes", "countries"):
        sub = rca(command, "--help")
        assert sub.exit_code == 0
        assert "Example" in sub.stdout and f"rca {command}" in sub.stdout


def test_version() -> None:
    from rca import __version__
    from rca.dataset.files import data_date

    run = rca("--version")
    assert run.exit_code == 0
    assert run.stdout.strip() == f"rca {__version__}, data as of {data_date()}"


def test_runs_from_any_folder_as_a_module(tmp_path: Path) -> None:
    proc = rca_process("country", "tajikistan", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Tajikistan (TJK / TJ)" in proc.stdout
    assert "\x1b" not in proc.stdout


def test_exit_codes_as_a_process(tmp_path: Path) -> None:
    assert rca_process("country", "nowhere-land").returncode == 2
    assert rca_process("votes", "--no-such-option").returncode == 2
    assert rca_process("countries", RCA_DATA_DIR=str(tmp_path)).returncode == 1


@pytest.mark.parametrize("reader", ["head -1", "true", "head -c 10"])
@pytest.mark.parametrize("args", ["votes --country kaz --country china", "country kazakhstan",
                                  "votes --format json", "sources", "--help", "votes --help"])
def test_closed_pipe_ends_quietly(reader: str, args: str) -> None:
    proc = subprocess.run(
        ["bash", "-c", f'set -o pipefail; "{sys.executable}" -m rca {args} | {reader}'],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.stderr == ""
    assert proc.returncode == 0, "pipefail: rca itself exited 0"


BUGGY = ("import sys, rca.query.profile as q\n"
         "def broken(*args):\n"
         "    raise ZeroDivisionError('a bug in rca')\n"
         "q.profile = broken\n"
         "sys.argv = ['rca', *sys.argv[1:]]\n"
         "from rca.cli.main import main\n"
         "main()\n")


def run_buggy(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", BUGGY, *args], capture_output=True, text=True,
                          timeout=60, env={**os.environ, **env})


def test_a_bug_gives_a_short_message_and_how_to_report_it() -> None:
    proc = run_buggy("country", "kazakhstan")
    assert proc.returncode == 1
    assert "rca: internal error: ZeroDivisionError: a bug in rca" in proc.stderr
    assert "report" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(("args", "env"), [(["--debug"], {}), ([], {"RCA_DEBUG": "1"})])
def test_debug_shows_the_traceback(args: list[str], env: dict[str, str]) -> None:
    proc = run_buggy(*args, "country", "kazakhstan", **env)
    assert proc.returncode == 1
    assert "Traceback" in proc.stderr and "ZeroDivisionError" in proc.stderr


@pytest.mark.parametrize("env", ["", "TTY_COMPATIBLE=1 "])
def test_a_closed_pipe_still_leaves_a_complete_export(tmp_path: Path, env: str) -> None:
    target = tmp_path / "profile.html"
    proc = subprocess.run(
        ["bash", "-c", f'set -o pipefail; {env}"{sys.executable}" -m rca country kazakhstan --full '
                       f'--export-html "{target}" | head -1'],
        capture_output=True, text=True, timeout=60,
    )
    assert (proc.returncode, proc.stderr) == (0, "")
    saved = target.read_text(encoding="utf-8")
    assert "Memberships" in saved and "Events" in saved, "the whole profile, not the first line"


def test_a_start_that_fits_several_names_lists_them() -> None:
    proc = rca_process("sources", "iwpr")
    assert proc.returncode == 2
    assert "'iwpr' could be more than one source: iwpr-" in proc.stderr


def test_an_output_encoding_that_cannot_show_the_text_is_a_clear_error() -> None:
    proc = rca_process("compare", "kaz", "uzb", PYTHONIOENCODING="cp1252")
    assert proc.returncode == 1
    assert "set PYTHONIOENCODING=utf-8" in proc.stderr and "internal error" not in proc.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_a_clear_error() -> None:
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "rca", "sources"], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=60)
    assert proc.returncode == 1
    assert "cannot write the output" in proc.stderr and "internal error" not in proc.stderr
