"""The UN record checks the curated votes: `un_record` in votes json, and `rca history check`."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import rca

HEADER = ("undl_id,ms_code,ms_name,ms_vote,date,session,resolution,draft,committee_report,"
          "meeting,title,agenda_title,subjects,vote_note,total_yes,total_no,total_abstentions,"
          "total_non_voting,total_ms,undl_link")


def row(record: int, code: str, vote: str, date: str, symbol: str) -> str:
    return (f"{record},{code},STATE {code},{vote},{date},ES-11,{symbol},,,,A title,,,,"
            "1.0,1.0,1.0,0.0,3.0,")


def imported(tmp_path: Path) -> dict[str, str]:
    """A small file: on ES-11/1 it agrees with the dataset on KAZ and RUS and contradicts it
    on KGZ (the dataset has A); on ES-11/9 it has a TJK vote the dataset lacks."""
    rows = [row(1, "KAZ", "A", "2022-03-02", "A/RES/ES-11/1"),
            row(1, "RUS", "N", "2022-03-02", "A/RES/ES-11/1"),
            row(1, "KGZ", "Y", "2022-03-02", "A/RES/ES-11/1"),
            row(2, "TJK", "A", "2025-12-03", "A/RES/ES-11/9")]
    source = tmp_path / "votes.csv"
    source.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    env = {"RCA_HISTORY_DB": str(tmp_path / "history.sqlite3")}
    run = rca("history", "import", str(source), **env)
    assert run.exit_code == 0, run.stderr
    return env


def test_votes_json_carries_the_un_record_of_each_cell(tmp_path: Path) -> None:
    env = imported(tmp_path)
    data = json.loads(rca("votes", "-c", "kaz", "-c", "kgz", "-c", "uzb", "-r", "ES-11/1",
                          "-f", "json", **env).stdout)
    record = {v["country"]: (v["vote"], v["un_record"]) for v in data}
    assert record == {"KAZ": ("A", "A"), "KGZ": ("A", "Y"), "UZB": ("NV", None)}
    plain = json.loads(rca("votes", "-c", "kaz", "-r", "ES-11/1", "-f", "json",
                           RCA_HISTORY_DB=str(tmp_path / "none.sqlite3")).stdout)
    assert plain[0]["un_record"] is None, "no history imported: null"


def test_check_lists_what_the_record_contradicts_or_lacks_and_fails_on_a_contradiction(
        tmp_path: Path) -> None:
    env = imported(tmp_path)
    run = rca("history", "check", "-f", "json", **env)
    assert run.exit_code == 1
    found = {(f["resolution"], f["country"]): f for f in json.loads(run.stdout)}
    assert found["A/RES/ES-11/1", "KGZ"]["finding"] == "contradicted"
    assert found["A/RES/ES-11/1", "KGZ"]["un_record"] == "Y"
    assert found["A/RES/ES-11/9", "TJK"]["finding"] == "only in the record"
    assert found["A/RES/ES-11/1", "UZB"]["finding"] == "missing from the record"
    assert ("A/RES/ES-11/1", "KAZ") not in found and ("A/RES/ES-11/1", "RUS") not in found
    assert json.loads(rca("votes", "-c", "tjk", "-r", "ES-11/9", "-f", "json").stdout) == [], \
        "a vote only the record has is never written into the dataset"


def test_the_vote_table_marks_what_the_record_confirms_and_shows_what_only_it_has(
        tmp_path: Path) -> None:
    env = imported(tmp_path)
    rows = {r[0]: r for r in rca("votes", "-c", "kaz", "-c", "kgz", "-c", "tjk", **env).rows()}
    assert rows["ES-11/1"][3:5] == ["A✓", "A≠Y"]
    assert rows["ES-11/9"][5] == "(A)", "the record's vote where the dataset has none"
    plain = {r[0]: r for r in rca("votes", "-c", "kaz", "-c", "tjk",
                                  RCA_HISTORY_DB=str(tmp_path / "none.sqlite3")).rows()}
    assert plain["ES-11/1"][3] == "A" and plain["ES-11/9"][4] == "?"


def test_check_ends_with_one_verdict_line(tmp_path: Path) -> None:
    import re

    env = imported(tmp_path)
    run = rca("history", "check", **env)
    last = run.stdout.rstrip().splitlines()[-1]
    found = re.fullmatch(r"# ([0-9,]+) curated votes: 2 confirmed by the UN file, 1 "
                         r"contradicted, ([0-9,]+) not in it \(the file runs from 2022-03-02 "
                         r"to 2025-12-03\); 1 vote only in the file", last)
    assert found, last
    curated, missing = (int(g.replace(",", "")) for g in found.groups())
    assert curated == 2 + 1 + missing  # every curated vote is confirmed, contradicted or not in it
    listed = json.loads(rca("history", "check", "-f", "json", **env).stdout)
    assert missing == sum(f["finding"] == "missing from the record" for f in listed)


def test_status_shows_the_roll_calls_and_those_whose_rows_miss_their_totals(
        tmp_path: Path) -> None:
    env = imported(tmp_path)  # each roll call records 1-1-1; ES-11/9 has one row, an A
    data = json.loads(rca("history", "status", "-f", "json", **env).stdout)
    assert (data["roll_calls"], data["resolutions"], data["mismatched"]) == (2, 2, 1)
    assert [m["resolution"] for m in data["mismatches"]] == ["A/RES/ES-11/9"]
    assert data["mismatches"][0]["counted"] == [0, 0, 1] and \
        data["mismatches"][0]["recorded"] == [1, 1, 1]
    assert data["rows"] == data["votes"] + data["not_members"] + data["repeats"] + \
        data["skipped"]
    shown = rca("history", "status", **env).stdout
    assert "A/RES/ES-11/9 (2025-12-03): rows 0-0-1, file 1-1-1" in shown


def test_a_voeten_status_explains_its_rows_beyond_its_votes(tmp_path: Path) -> None:
    from test_history_queries import KAZ, RUS, UZB, VOETEN, voeten_rows

    rows = voeten_rows(11, "1992-10-02", "R/47/10", {RUS: 1, KAZ: 2, UZB: 9})
    source = tmp_path / "v.csv"
    source.write_text("\n".join([VOETEN, *rows]) + "\n", encoding="utf-8")
    env = {"RCA_HISTORY_DB": str(tmp_path / "h.sqlite3")}
    assert rca("history", "import", str(source), **env).exit_code == 0
    data = json.loads(rca("history", "status", "-f", "json", **env).stdout)
    assert (data["format"], data["rows"], data["votes"], data["not_members"]) == \
        ("voeten", 3, 2, 1)


def test_a_message_s_command_line_can_be_copied_as_it_is(tmp_path: Path) -> None:
    run = rca("history", "status", RCA_HISTORY_DB=str(tmp_path / "none.sqlite3"))
    assert run.exit_code == 1
    assert "\n  rca history import FILE.csv\n" in "\n" + run.stderr
    assert run.stderr.startswith("rca: no UN voting history is imported yet")


def test_one_cell_says_the_same_in_every_command_and_format(tmp_path: Path) -> None:
    """KGZ on ES-11/1: the dataset's A, which the imported file contradicts with Y."""
    env = imported(tmp_path)
    kgz = "KGZ"
    profile = json.loads(rca("country", "kgz", "--only", "summary,votes", "-f", "json",
                             **env).stdout)
    vote = next(v for v in profile["votes"] if v["resolution"] == "A/RES/ES-11/1")
    brief = next(v for v in profile["summary"]["votes"] if v["resolution"] == "A/RES/ES-11/1")
    moment = next(m for m in json.loads(rca("timeline", "-c", kgz, "--from", "2022-03-02",
                                            "--to", "2022-03-02", "-f", "json", **env).stdout)
                  if m["what"] == "vote")["votes"][0]
    compared = next(r for r in json.loads(rca("compare", "kgz", "kaz", "-f", "json",
                                              **env).stdout)["votes"]
                    if r["resolution"] == "A/RES/ES-11/1")
    (ref,) = json.loads(rca("votes", "-c", kgz, "-r", "ES-11/1", "-f", "json", **env).stdout)
    assert (ref["vote"], ref["un_record"]) == ("A", "Y")
    for cell in (vote, brief, moment):
        assert cell["country"] == kgz
        assert (cell["vote"], cell["un_record"], cell["weak_sources_only"],
                cell["doubtful"]) == ("A", "Y", ref["weak_sources_only"], ref["doubtful"]), cell
        assert cell["sources"] == ref["sources"] != []
    assert (compared[kgz], compared["un_record"][kgz]) == ("A", "Y")
    assert compared["sources"][kgz] == vote["sources"]
    # and the terminal shows the same mark wherever the cell is drawn
    summary = rca("country", "kgz", TTY_COMPATIBLE="1", NO_COLOR="1", **env).stdout
    assert "ES-11/1\u00a0A≠Y" in summary or "ES-11/1 A≠Y" in summary, summary
    table = {r[0]: r for r in rca("country", "kgz", "--only", "votes", **env).rows()}
    assert table["ES-11/1"][3] == "A≠Y"
    side = rca("compare", "kgz", "kaz", TTY_COMPATIBLE="1", NO_COLOR="1", COLUMNS="100",
               **env).stdout
    assert "A≠Y" in side and "A✓" in side, side
    line = rca("timeline", "-c", kgz, "--from", "2022-03-02", "--to", "2022-03-02",
               TTY_COMPATIBLE="1", NO_COLOR="1", COLUMNS="100", **env).stdout
    assert "UN file: KGZ A≠Y" in line and "the imported UN file agrees" in line, line
