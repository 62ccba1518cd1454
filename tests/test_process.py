"""rca as a user runs it: a separate process, pipes, help, version, any folder."""

from pathlib import Path

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

    run = rca("--version")
    assert run.exit_code == 0 and run.stdout.strip() == f"rca {__version__}"


def test_runs_from_any_folder_as_a_module(tmp_path: Path) -> None:
    proc = rca_process("country", "tajikistan", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Tajikistan (TJK / TJ)" in proc.stdout
    assert "\x1b" not in proc.stdout


def test_exit_codes_as_a_process(tmp_path: Path) -> None:
    assert rca_process("country", "nowhere-land").returncode == 2
    assert rca_process("votes", "--no-such-option").returncode == 2
    assert rca_process("countries", RCA_DATA_DIR=str(tmp_path)).returncode == 1


def test_closed_pipe_ends_quietly() -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        f'"{sys.executable}" -m rca votes --country kaz --country china | head -1',
        shell=True, capture_output=True, text=True, timeout=60,
    )
    assert proc.stdout.startswith("# ")
    assert proc.stderr == ""
