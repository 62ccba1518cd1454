"""Hostile text on its way out: markup and escape codes from data files and arguments never
reach a terminal, a pipe or an export as anything but text, and odd environments, a closed
output and an interrupt end with a message and the usual exit code."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import rca, rca_process, replace_in

MARKUP = "[/] [bold]loud[/bold] [link=file:///etc/passwd]click[/link] 35 [sic] abstentions"
OLD_NOTE = "in the hall showed 34"


@pytest.fixture
def marked_up(data_copy: Path) -> Path:
    """A dataset whose resolution note, a record's statement and a title carry Rich markup."""
    replace_in(data_copy / "resolutions.yaml", OLD_NOTE, f"{OLD_NOTE} {MARKUP}")
    set_first_statement(data_copy / "records.yaml", f"'{MARKUP}'")
    return data_copy


def set_first_statement(records: Path, value: str) -> None:
    """Give the first record of records.yaml the statement ``value`` (YAML text)."""
    text = records.read_text(encoding="utf-8")
    first = re.search(r"^  statement: .*\n(?:    .*\n)*", text, re.M)
    assert first is not None
    records.write_text(text.replace(first.group(0), f"  statement: {value}\n", 1),
                       encoding="utf-8")


@pytest.mark.parametrize("mode", [{"TTY_COMPATIBLE": "1", "COLUMNS": "100"}, {}])
def test_markup_in_the_data_is_shown_as_written(marked_up: Path, mode: dict[str, str]) -> None:
    assert rca("votes", "--data-dir", str(marked_up), **mode).exit_code == 0
    for args in (("resolutions", "ES-11/1"), ("search", "loud", "--no-pager")):
        run = rca(*args, "--data-dir", str(marked_up), **mode)
        assert run.exit_code == 0, (args, run.stderr)
        flat = re.sub(r"\s+", " ", re.sub(r"\x1b\[[0-9;]*m", "", run.stdout))
        for word in ("[/]", "[bold]loud[/bold]", "[sic]", "[link=file:///etc/passwd]click[/link]"):
            assert word in flat, (args, word, mode)
        assert "file:///etc/passwd\x1b" not in run.stdout and "\x1b]8;" not in run.stdout.split(
            "file:")[0][-20:]


def test_exports_link_only_to_the_web(marked_up: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    run = rca("resolutions", "--data-dir", str(marked_up), "--export-html", str(page))
    assert run.exit_code == 0, run.stderr
    links = re.findall(r'href="([^"]*)"', page.read_text(encoding="utf-8"))
    assert links and all(link.startswith(("https://", "http://")) for link in links), links
    assert "[link=file:///etc/passwd]click[/link]" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("mode", [{"TTY_COMPATIBLE": "1"}, {}])
def test_control_characters_in_arguments_never_reach_the_terminal(mode: dict[str, str]) -> None:
    for args in (("country", "\x1b[31mred"), ("search", "\x1b]0;title\x07csto"),
                 ("votes", "-c", "kaz,\x1b[2Jx"), ("themes", "\x9b31m")):
        run = rca(*args, **mode)
        shown = run.stdout + run.stderr
        for hostile in ("\x1b[31m", "\x1b]0;", "\x07", "\x1b[2J", "\x9b"):
            assert hostile not in shown, (args, hostile)
        if run.exit_code == 2:
            assert "\\x1b" in run.stderr or "\\x9b" in run.stderr, args


def test_a_pipe_keeps_one_record_per_line_whatever_the_text(data_copy: Path) -> None:
    set_first_statement(data_copy / "records.yaml", '"two cells\\nand two lines"')
    run = rca("search", "cells", "--data-dir", str(data_copy))
    assert run.exit_code == 0, run.stderr
    header, row = run.header("Matches"), run.rows("Matches")
    assert len(row) == 1 and len(row[0]) == len(header)
    assert "two cells and two lines" in row[0]


@pytest.mark.parametrize("value", ["abc", "-5", "0", "99999999999999999999", "٨٠"])
def test_any_columns_value_still_draws_and_exports(value: str, tmp_path: Path) -> None:
    svg = tmp_path / "votes.svg"
    plain = rca_process("votes", "--export-svg", str(svg), COLUMNS=value)
    assert plain.returncode == 0 and "Traceback" not in plain.stderr, plain.stderr
    assert svg.stat().st_size > 1000
    drawn = rca_process("countries", COLUMNS=value, TTY_COMPATIBLE="1")
    assert drawn.returncode == 0 and "Kazakhstan" in drawn.stdout, drawn.stderr


def test_width_sets_the_tables_on_a_terminal_and_in_an_export(tmp_path: Path) -> None:
    def drawn(width: str) -> list[str]:
        run = rca("votes", "--width", width, TTY_COMPATIBLE="1", COLUMNS="200")
        return [re.sub(r"\x1b\[[0-9;]*m", "", line).rstrip() for line in run.stdout.splitlines()]

    narrow, wide = drawn("60"), drawn("200")
    assert max(cell_len(line) for line in narrow) <= 60 < max(cell_len(line) for line in wide)
    assert len(narrow) > len(wide)
    svg = tmp_path / "a.svg"
    wide = tmp_path / "b.svg"
    rca("votes", "--export-svg", str(svg), "--width", "60")
    rca("votes", "--export-svg", str(wide), "--width", "160")
    width = re.compile(r'viewBox="0 0 ([0-9.]+)')
    narrow_box = float(width.findall(svg.read_text(encoding="utf-8"))[0])
    wide_box = float(width.findall(wide.read_text(encoding="utf-8"))[0])
    assert wide_box > 2 * narrow_box
    bad = rca("votes", "--width", "5")
    assert bad.exit_code == 2 and "width" in bad.stderr
    assert rca("votes", "--width", "80", "--format", "json").exit_code == 2


def test_format_names_in_any_case_and_tsv_on_a_terminal() -> None:
    for name in ("JSON", "Json", " json"):
        assert rca("countries", "--format", name).stdout.lstrip().startswith("[")
    tsv = rca("countries", "--format", "tsv", TTY_COMPATIBLE="1")
    assert tsv.exit_code == 0 and "\x1b" not in tsv.stdout
    assert tsv.stdout.splitlines()[0].startswith("iso3\tiso2\tname")  # csv with tabs


def test_a_closed_standard_output_is_a_message_not_a_crash(tmp_path: Path) -> None:
    listing = subprocess.run(f'"{sys.executable}" -m rca votes >&-', shell=True,
                             capture_output=True, text=True, timeout=60)
    assert listing.returncode == 1
    assert "standard output is closed" in listing.stderr and "Traceback" not in listing.stderr
    target = tmp_path / "copy"
    copied = subprocess.run(f'"{sys.executable}" -m rca data copy "{target}" >&-',
                            shell=True, capture_output=True, text=True, timeout=60)
    assert copied.returncode == 0, copied.stderr
    assert (target / "records.yaml").is_file()


#: rca started as the installed command starts it, told "up" once rca's first line has run:
#: an interrupt inside Python's own start-up, before any line of rca, is Python's to answer
STARTED = ("import sys; sys.argv = ['rca', 'sources', '--format', 'json']; import rca; "
           "sys.stderr.write('up\\n'); sys.stderr.flush(); "
           "from rca.cli.main import main; main()")


def test_an_interrupt_exits_130_quietly_at_any_moment() -> None:
    env = {**os.environ, "RCA_PAGER": ""}
    interrupted = 0
    for after in (0.01, 0.015, 0.02, 0.03, 0.04, 0.06, 0.08, 0.12):
        proc = subprocess.Popen([sys.executable, "-c", STARTED], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, env=env)
        assert proc.stderr is not None and proc.stderr.readline() == "up\n"
        time.sleep(after)
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=60)
        # 130; or, when the signal comes as Python shuts down after rca is done, the
        # default action of SIGINT (a shell shows 130 for both)
        assert proc.returncode in (0, 130, -signal.SIGINT), (after, proc.returncode, err)
        assert "Traceback" not in err and "KeyboardInterrupt" not in err, (after, err)
        interrupted += proc.returncode != 0
    assert interrupted >= 3


def test_an_unknown_name_points_to_the_listing_command() -> None:
    run = rca("country", "!!!")
    assert run.exit_code == 2
    assert "'rca countries' lists them" in run.stderr or "Known:" in run.stderr
    run = rca("votes", "--group", "nowhere")
    assert run.exit_code == 2 and "central-asia" in run.stderr


def test_an_export_replaces_only_an_earlier_export(tmp_path: Path) -> None:
    svg, html = tmp_path / "votes.svg", tmp_path / "votes.html"
    for _ in range(2):  # an export of rca may be made again over the last one
        assert rca("votes", "--export-svg", str(svg), "--export-html", str(html)).exit_code == 0
    assert "<svg" in svg.read_text(encoding="utf-8")
    mine = tmp_path / "notes.html"
    mine.write_text("my own notes", encoding="utf-8")
    link = tmp_path / "link.svg"
    link.symlink_to(svg)
    for target, option in ((mine, "--export-html"), (link, "--export-svg")):
        run = rca("votes", option, str(target))
        assert run.exit_code == 1 and "cannot save the export" in run.stderr, target
        assert run.stdout == "", "refused before anything is written"
    assert mine.read_text(encoding="utf-8") == "my own notes"
    assert link.is_symlink() and "<svg" in svg.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.svg", "notes.html",
                                                          "votes.html", "votes.svg"]


def test_paths_with_control_characters_are_shown_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "data\x1b[31m"
    copied = rca("data", "copy", str(folder))
    assert copied.exit_code == 0 and "\x1b[31m" not in copied.stdout
    assert "data\\x1b[31m" in copied.stdout
    checked = rca("validate", "--data-dir", str(folder))
    assert checked.exit_code == 0 and "\x1b[31m" not in checked.stdout + checked.stderr
    missing = rca("validate", "--data-dir", str(tmp_path / "gone\x07"))
    assert missing.exit_code == 1 and "\x07" not in missing.stderr and "\\x07" in missing.stderr


def test_a_very_long_argument_is_not_echoed_whole() -> None:
    long = "a" * 100_000
    for args in (("country", long), ("search", long)):
        run = rca(*args)
        assert len(run.stdout) + len(run.stderr) < 2_000, args
        assert "a" * 60 + "…" in run.stdout + run.stderr, args


def test_a_country_option_with_no_name_in_it_is_a_usage_error() -> None:
    for args in (("votes", "-c", ",,,"), ("themes", "security", "-c", " ")):
        run = rca(*args)
        assert run.exit_code == 2 and "--country needs a state" in run.stderr, args
