"""What a person sees: rca on a real terminal (tmux) at 80x24 and 120 columns, the pager
included, and the line budgets of the main answers at 80 columns."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import ESCAPE, Terminal, as_json, drawn

RCA = f"{shlex.quote(sys.executable)} -m rca"


def test_the_first_screen_of_a_profile_is_its_summary(terminal: Callable[..., Terminal]) -> None:
    if shutil.which("less") is None and not os.environ.get("CI"):
        pytest.skip("less is not installed")
    for command in ("country kazakhstan", "country kazakhstan --full"):
        screen = terminal(80, 24)
        screen.start(f"{RCA} {command}")
        shown = screen.wait_for("ES-11/1 A")
        assert "Kazakhstan (KAZ / KZ)" in shown.splitlines()[0], command
        assert re.search(r"^CSTO +founding member since 1992-05-15", shown, re.M)
        assert all(cell_len(line) <= 80 for line in shown.splitlines())
        if command.endswith("--full"):
            assert "[exit" not in shown  # the pager holds the rest
            screen.keys("q")
        else:  # the summary fits the screen, with the way to the rest
            assert "rca country kaz --full" in shown
        assert "[exit 0]" in screen.wait_for("[exit")


def test_a_long_answer_goes_through_the_pager_on_a_terminal_only(terminal: Callable[..., Terminal],
        tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    copy = "import sys; open(sys.argv[1], 'w').write(sys.stdin.read())"
    pager = f"{sys.executable} -c {shlex.quote(copy)} {paged}"
    screen = terminal(80, 24)
    screen.start(f"{RCA} country kazakhstan --full", RCA_PAGER=pager)
    screen.wait_for("[exit 0]")
    text = ESCAPE.sub("", paged.read_text(encoding="utf-8"))
    assert text.startswith("Kazakhstan (KAZ / KZ)")
    assert "Events" in text and len(text.splitlines()) > 200
    # a short answer, a pipe, --no-pager and an empty RCA_PAGER print without one
    for command, env in ((f"{RCA} themes", {}), (f"{RCA} country kaz | cat", {}),
                         (f"{RCA} country kaz --full --no-pager", {}),
                         (f"{RCA} country kaz --full", {"RCA_PAGER": ""}),
                         (f"{RCA} country kaz", {})):
        paged.unlink(missing_ok=True)
        again = terminal(80, 24)
        again.start(command, **({"RCA_PAGER": pager} | env))
        again.wait_for("[exit 0]")
        assert not paged.exists(), command


def test_pager_from_pager_variable_and_a_missing_pager(terminal: Callable[..., Terminal],
        tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    screen = terminal(80, 24)
    screen.start(f"{RCA} votes --all", PAGER=f"tee {paged}")
    screen.wait_for("[exit 0]")
    assert "Kazakhstan" in paged.read_text(encoding="utf-8")
    missing = terminal(80, 24)
    missing.start(f"{RCA} votes --all", RCA_PAGER="no-such-pager-here")
    shown = missing.wait_for("[exit 0]")  # no pager to be had: the answer is printed
    assert "KAZ on ES-11/7" in shown


def test_a_pager_that_fails_does_not_lose_the_answer(terminal: Callable[..., Terminal]) -> None:
    screen = terminal(80, 24)
    screen.start(f"{RCA} votes --all", RCA_PAGER="false")
    shown = screen.wait_for("[exit 0]")  # the pager exited with an error: printed instead
    assert "KAZ on ES-11/7" in shown


def test_wide_terminal_puts_a_resolution_on_one_line(terminal: Callable[..., Terminal]) -> None:
    screen = terminal(120, 40)
    screen.start(f"{RCA} votes --no-pager")
    shown = screen.wait_for("[exit 0]")
    assert re.search(r"^ES-11/1†? +2022-03-02 +Aggression against Ukraine +A +A +A +NV +NV +N ",
                     shown, re.M)
    assert all(cell_len(line) <= 120 for line in shown.splitlines())


@pytest.mark.parametrize(("width", "height"), [(80, 24), (60, 20)])
def test_the_first_screen_of_each_main_answer_says_what_it_is(width: int, height: int) -> None:
    def first(*args: str) -> list[str]:
        lines = drawn(*args, width=width, height=height)
        assert max(cell_len(line) for line in lines) <= width, args
        return lines[:height]

    from rca.text import vote_text

    summary = as_json("country", "kazakhstan", "--only", "summary")["summary"]
    profile = first("country", "kazakhstan")
    assert profile[0].startswith("Kazakhstan (KAZ / KZ)")
    csto = next(m for m in summary["memberships"] if m["organisation"] == "CSTO")
    assert any(re.match(rf"CSTO +{csto['status']} since {csto['since']}$", line)
               for line in profile)
    votes = " ".join(line for line in profile if line.startswith(("UN votes", " ")))
    for cell in summary["votes"]:  # every vote on the first screen, with its marks
        shown = vote_text(cell["vote"], bool(cell["weak_sources_only"]), bool(cell["doubtful"]))
        assert f"{cell['code']} {shown}" in votes, (cell, votes)
    if height == 24:  # at 80x24 the whole summary fits, with the way to the rest
        assert len(drawn("country", "kazakhstan")) <= 24
        assert any("rca country kaz --full" in line for line in profile)
    matrix = first("votes")
    assert re.match(r"Resolution +KAZ +KGZ +TJK +TKM +UZB +RUS", matrix[1]), matrix[:3]
    assert any(line.startswith("68/262") for line in matrix)
    assert any("100-11-58" in line for line in matrix), "a total keeps its figures together"
    security = first("themes", "security")
    assert security[0].startswith("Security") and "Kazakhstan (KAZ)" in security
    compared = first("compare", "kaz", "uzb")
    assert compared[0] == "Kazakhstan (KAZ) / Uzbekistan (UZB)"
    assert any(re.match(r"CSTO +founding member .*suspended .*≠$", line) for line in compared)
    recent = first("timeline", "--from", "2025-11")
    earliest = as_json("timeline", "--from", "2025-11")[0]
    assert recent[0] == "Timeline" and recent[3].startswith(f"{earliest['date']} "), recent[:5]


@pytest.mark.parametrize(("args", "budget"), [
    (("countries",), 24), (("themes",), 14), (("alignment",), 26), (("votes", "--all"), 45)])
def test_main_answers_fit_their_line_budget_at_80_columns(args: tuple[str, ...],
                                                          budget: int) -> None:
    lines = drawn(*args)
    assert len(lines) <= budget, "\n".join(lines)
    assert max(cell_len(line) for line in lines) <= 80


def test_every_state_is_named_in_the_turned_vote_matrix() -> None:
    from rca.dataset.cache import load
    from rca.dataset.files import default_data_dir

    ds = load(default_data_dir())
    lines = drawn("votes", "--all")
    for country in ds.countries.values():
        assert any(line.startswith(f"{country.iso3} {country.name} ") for line in lines), (
            country.iso3)
    # one numbered column per resolution, and a line naming each number
    assert re.search(r"^State +1 +2 +3 ", "\n".join(lines), re.M)
    for number, resolution in enumerate(sorted(ds.resolutions.values(),
                                               key=lambda r: (r.date, r.symbol)), start=1):
        assert any(re.match(rf"{number} +{re.escape(resolution.code)}", line)
                   for line in lines), resolution.code


def test_tables_stay_tables_at_80_columns() -> None:
    """One row per item: the first field of each row starts a line, never 'Field: value'."""
    for args in (("countries",), ("themes",), ("alignment",), ("sources",),
                 ("timeline", "--from", "2022-01", "--to", "2022-03"), ("search", "csto"),
                 ("themes", "security"), ("compare", "kaz", "kgz", "tjk", "tkm", "uzb")):
        lines = drawn(*args)
        blocks = r"^(ISO3|Name|Theme|State|Id|Date|Record|Topic|Organisation|Resolution): "
        assert not [line for line in lines if re.match(blocks, line)], args
        assert max(cell_len(line) for line in lines) <= 80, args


def test_narrow_windows_get_labelled_blocks() -> None:
    lines = drawn("countries", width=40)
    assert "ISO3/2: KAZ KZ" in lines and "Name: Kazakhstan" in lines and "Capital: Astana" in lines


def test_an_interrupted_import_gives_the_cursor_back(terminal: Callable[..., Terminal],
                                                     tmp_path: Path, big_votes: Path) -> None:
    big, db = big_votes, tmp_path / "history.sqlite3"
    screen = terminal(80, 24)
    screen.start(f"{RCA} history import {shlex.quote(str(big))} --db {shlex.quote(str(db))}")
    screen.wait_for("importing")  # the progress bar, which hides the cursor
    screen.keys("C-c")
    shown = screen.wait_for("[exit")
    # the marker follows the progress line, so the terminal may wrap it
    assert re.search(r"\[exit\s*130\]", shown) and "Traceback" not in shown, shown
    assert screen._run("display-message", "-p", "#{cursor_flag}").strip() == "1"
    assert not db.exists() and not list(tmp_path.glob(".*importing*"))
