"""`rca history`: import the UN voting file into SQLite, and the questions it answers."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import rca

#: the header of the UN Digital Library's file, 6 February 2026 edition
HEADER = ("undl_id,ms_code,ms_name,ms_vote,date,session,resolution,draft,committee_report,"
          "meeting,title,agenda_title,subjects,vote_note,total_yes,total_no,"
          "total_abstentions,total_non_voting,total_ms,undl_link")


def write(path: Path, rows: list[str], header: str = HEADER, bom: bool = True) -> Path:
    text = "\r\n".join([header, *rows]) + "\r\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def vote_rows(symbol: str, date: str, title: str, votes: dict[str, str]) -> list[str]:
    """The rows of one roll call, its record number and totals as the file gives them."""
    quoted = '"' + title.replace('"', '""') + '"'
    record = 4_000_000 + sum(map(ord, symbol + date))
    cast = list(votes.values())
    totals = ",".join(f"{n}.0" for n in (cast.count("Y"), cast.count("N"), cast.count("A"),
                                         len(cast) - cast.count("Y") - cast.count("N")
                                         - cast.count("A"), len(cast)))
    return [f"{record},{code},State {code},{vote},{date},,{symbol},,,,{quoted},,,,{totals},"
            f"https://digitallibrary.un.org/record/{record}" for code, vote in votes.items()]


#: RUS is the reference. By hand, for KAZ:
#:   1991 (two resolutions): Y/Y same; N/A one abstained      -> n 2, identical 1, half 1
#:   2022-03-02: N/A one abstained                             -> n 1, identical 0, half 1
#:   2023: Y/NV (empty cell: not voting)                       -> n 0, non-votes 1
#: TKM never votes                                             -> n 0 everywhere
#: Voting coincidence (both Y or N only): 1991 Y/Y -> 1 of 1; 2022 and 2023 none -> no figure
ROWS = [
    *vote_rows("A/RES/46/1", "1991-09-17", 'Admission of "new" members, first', {
        "RUS": "Y", "KAZ": "Y", "TKM": "NV"}),
    *vote_rows("A/RES/46/2", "1991-10-01 00:00:00", "A title,\nwith a newline", {
        "RUS": "N", "KAZ": "A", "TKM": "NV"}),
    *vote_rows("A/RES/ES-11/1", "2022-03-02", "Aggression against Ukraine", {
        "RUS": "N", "KAZ": "A", "TKM": "NV"}),
    *vote_rows("A/RES/78/5", "2023-10-10", "Some resolution", {
        "RUS": "Y", "KAZ": "", "TKM": "NV"}),
]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"RCA_HISTORY_DB": str(tmp_path / "db" / "history.sqlite3")}


@pytest.fixture
def imported(tmp_path: Path, env: dict[str, str]) -> dict[str, str]:
    source = write(tmp_path / "votes.csv", ROWS)
    run = rca("history", "import", str(source), **env)
    assert run.exit_code == 0, run.stderr
    assert run.stderr == "", "no progress bar in a pipe"
    assert "imported 12 votes on 4 resolutions, 1991-2023, 3 states" in run.stdout
    return env


def table(db: str, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


def test_quoted_titles_bom_time_stamps_and_empty_cells_are_read(imported: dict[str, str]) -> None:
    db = imported["RCA_HISTORY_DB"]
    titles = dict(table(db, "SELECT symbol, title FROM resolutions"))
    assert titles["A/RES/46/1"] == 'Admission of "new" members, first'
    assert titles["A/RES/46/2"] == "A title,\nwith a newline"
    dates = dict(table(db, "SELECT symbol, date FROM resolutions"))
    assert dates["A/RES/46/2"] == "1991-10-01"
    votes = dict(table(db, "SELECT country, vote FROM votes JOIN resolutions r "
                           "ON r.id = resolution WHERE r.symbol = 'A/RES/78/5'"))
    assert votes["KAZ"] == "NV", "an empty vote cell counts as not voting"
    assert dict(table(db, "SELECT symbol, session FROM resolutions"))["A/RES/ES-11/1"] == "ES-11"


def by(imported: dict[str, str], *args: str) -> list[dict]:
    run = rca("history", "alignment", "--format", "json", *args, **imported)
    assert run.exit_code == 0, run.stderr
    return json.loads(run.stdout)


def test_alignment_by_year_matches_a_hand_count(imported: dict[str, str]) -> None:
    found = {(i["country"], i["year"]): i for i in by(imported, "-c", "KAZ", "-c", "TKM")}
    assert found["KAZ", 1991] == {"country": "KAZ", "against": "RUS", "year": 1991, "n": 2,
                                  "agreement": 0.5, "index": 0.75, "non_votes": 0,
                                  "coincidence": 1.0, "yes_no": 1}
    assert (found["KAZ", 2022]["yes_no"], found["KAZ", 2022]["coincidence"]) == (0, None)
    assert found["KAZ", 2022]["index"] == 0.5 and found["KAZ", 2022]["agreement"] == 0.0
    assert (found["KAZ", 2023]["n"], found["KAZ", 2023]["index"]) == (0, None)
    assert found["KAZ", 2023]["non_votes"] == 1
    assert all(i["n"] == 0 and i["index"] is None for k, i in found.items() if k[0] == "TKM")


def test_alignment_by_period_splits_at_the_invasion(imported: dict[str, str]) -> None:
    found = {i["period"]: i for i in by(imported, "-c", "kazakhstan", "--by", "period")}
    assert found["to 2022-02-23"]["n"] == 2
    assert found["from 2022-02-24"]["n"] == 1 and found["from 2022-02-24"]["non_votes"] == 1
    sessions = {i["session"] for i in by(imported, "-c", "KAZ", "--by", "session")}
    assert sessions == {"46", "ES-11", "78"}


def test_alignment_years_can_be_limited(imported: dict[str, str]) -> None:
    years = {i["year"] for i in by(imported, "-c", "KAZ", "--from", "2000", "--to", "2022")}
    assert years == {2022}


def test_alignment_chart_on_a_terminal(imported: dict[str, str]) -> None:
    run = rca("history", "alignment", "-c", "KAZ", TTY_COMPATIBLE="1", NO_COLOR="1",
              **imported)
    assert run.exit_code == 0, run.stderr
    assert "▆▅ " in run.stdout  # 0.75, 0.5 and a year with nothing to count


def test_votes_with_titles_and_search(imported: dict[str, str]) -> None:
    run = rca("history", "votes", "-c", "kaz", "-c", "rus", "--search", "ukraine", **imported)
    rows = run.rows("Recorded votes")
    assert rows == [["2022-03-02", "A/RES/ES-11/1", "Aggression against Ukraine", "A", "N"]]
    data = json.loads(rca("history", "votes", "-c", "KAZ", "--from", "1991", "--to", "1991",
                          "--format", "json", **imported).stdout)
    assert [(v["resolution"], v["vote"]) for v in data] == [("A/RES/46/1", "Y"),
                                                            ("A/RES/46/2", "A")]


def test_status_says_what_is_imported(imported: dict[str, str], tmp_path: Path) -> None:
    data = json.loads(rca("history", "status", "--format", "json", **imported).stdout)
    assert data["file"] == str((tmp_path / "votes.csv").resolve())
    assert (data["resolutions"], data["votes"], data["states"]) == (4, 12, 3)
    assert (data["first_date"], data["last_date"]) == ("1991-09-17", "2023-10-10")


@pytest.mark.parametrize("args", [["status"], ["alignment"], ["votes", "-c", "kaz"]])
def test_without_an_import_the_commands_say_how_to_get_one(env: dict[str, str],
                                                          args: list[str]) -> None:
    run = rca("history", *args, **env)
    assert run.exit_code == 1
    assert "digitallibrary.un.org/record/4060887" in run.stderr
    assert "rca history import" in run.stderr


def test_plural_and_hyphenated_column_names_are_matched(tmp_path: Path,
                                                        env: dict[str, str]) -> None:
    header = ("Undl-Id,MS_Codes,ms-names,ms_votes,Dates,Sessions,Resolutions,drafts,"
              "committee-reports,meetings,titles,agenda-titles,Subjects,vote-notes,total-yes,"
              "total_no,Total-Abstentions,total-non-voting,total-ms,undl-links")
    source = write(tmp_path / "plural.csv", ROWS, header=header, bom=False)
    run = rca("history", "import", str(source), **env)
    assert run.exit_code == 0, run.stderr
    assert by(env, "-c", "KAZ")[0]["n"] == 2


def test_a_file_without_a_required_column_is_refused(tmp_path: Path,
                                                     env: dict[str, str]) -> None:
    source = write(tmp_path / "cut.csv", [r.rsplit(",", 0)[0] for r in ROWS],
                   header=HEADER.replace("ms_vote", "member_vote"))
    run = rca("history", "import", str(source), **env)
    assert run.exit_code == 1
    assert "lacks the column ms_vote" in run.stderr
    assert not Path(env["RCA_HISTORY_DB"]).exists()


def test_bad_rows_refuse_the_import_and_leave_the_database_as_it_was(
        imported: dict[str, str], tmp_path: Path) -> None:
    db = Path(imported["RCA_HISTORY_DB"])
    before = db.read_bytes()
    rows = [*ROWS,
            *vote_rows("A/RES/79/1", "2024-10-01", "Fine", {"RUS": "Y", "KAZ": "Yes"}),
            *vote_rows("A/RES/79/2", "sometime", "Bad date", {"RUS": "Y"}),
            *vote_rows("", "2024-10-02", "No symbol", {"RUS": "Y"})]
    source = write(tmp_path / "bad.csv", rows)
    run = rca("history", "import", str(source), **imported)
    assert run.exit_code == 1
    lines = source.read_text(encoding="utf-8-sig").splitlines()

    def line_of(marker: str) -> int:
        return next(n for n, line in enumerate(lines, start=1) if marker in line)

    assert f"bad.csv:{line_of(',KAZ,State KAZ,Yes,')}: unknown vote code 'Yes'" in run.stderr
    assert f"bad.csv:{line_of('sometime')}: unreadable date 'sometime'" in run.stderr
    assert f"bad.csv:{line_of('No symbol')}: no resolution symbol" in run.stderr
    assert "nothing imported" in run.stderr and "unchanged" in run.stderr
    assert db.read_bytes() == before


def test_skip_bad_imports_the_rest_and_says_what_it_skipped(tmp_path: Path,
                                                            env: dict[str, str]) -> None:
    rows = [*ROWS, *vote_rows("A/RES/79/1", "2024-10-01", "Fine", {"RUS": "Y", "KAZ": "Yes"})]
    source = write(tmp_path / "bad.csv", rows)
    run = rca("history", "import", str(source), "--skip-bad", **env)
    assert run.exit_code == 0, run.stderr
    assert "unknown vote code 'Yes'" in run.stderr
    assert "1 bad row skipped" in run.stdout
    assert json.loads(rca("history", "status", "-f", "json", **env).stdout)["skipped"] == 1


def test_a_truncated_last_line_is_reported_with_its_line(tmp_path: Path,
                                                         env: dict[str, str]) -> None:
    source = write(tmp_path / "cut.csv", ROWS)
    raw = source.read_bytes()
    source.write_bytes(raw[: raw.rindex(b'"Some resol') + 5])  # cut inside the last row
    run = rca("history", "import", str(source), **env)
    assert run.exit_code == 1
    assert "cut.csv:" in run.stderr and "a cut line?" in run.stderr


def test_importing_twice_gives_the_same_data_and_a_new_edition_replaces_it(
        imported: dict[str, str], tmp_path: Path) -> None:
    db = imported["RCA_HISTORY_DB"]
    query = "SELECT r.symbol, r.date, r.title, v.country, v.vote FROM votes v " \
            "JOIN resolutions r ON r.id = v.resolution ORDER BY 1, 4"
    first = table(db, query)
    assert rca("history", "import", str(tmp_path / "votes.csv"), **imported).exit_code == 0
    assert table(db, query) == first
    newer = write(tmp_path / "newer.csv", [
        *ROWS, *vote_rows("A/RES/79/1", "2024-10-01", "Newer", {"RUS": "Y", "KAZ": "Y"})])
    assert rca("history", "import", str(newer), **imported).exit_code == 0
    assert len(table(db, query)) == len(first) + 2
    status = json.loads(rca("history", "status", "-f", "json", **imported).stdout)
    assert status["file"].endswith("newer.csv")


def test_unknown_state_and_missing_file_are_usage_errors(imported: dict[str, str],
                                                         tmp_path: Path) -> None:
    assert rca("history", "votes", "-c", "atlantis", **imported).exit_code == 2
    run = rca("history", "votes", "-c", "china", **imported)
    assert run.exit_code == 2 and "no votes of CHN" in run.stderr
    assert rca("history", "import", str(tmp_path / "nope.csv"), **imported).exit_code == 2


def test_alignment_ranks_the_states_closest_first(tmp_path: Path) -> None:
    rows = [*vote_rows("A/RES/46/1", "1991-09-17", "One", {
                "RUS": "Y", "KAZ": "N", "UZB": "Y", "KGZ": "A"}),
            *vote_rows("A/RES/46/2", "1991-10-01", "Two", {
                "RUS": "N", "KAZ": "Y", "UZB": "N", "KGZ": "A"})]
    env = {"RCA_HISTORY_DB": str(tmp_path / "h.sqlite3")}
    assert rca("history", "import", str(write(tmp_path / "v.csv", rows)), **env).exit_code == 0
    for args in (("--all",), ("-c", "kaz", "-c", "kgz", "-c", "uzb")):
        found = json.loads(rca("history", "alignment", *args, "-f", "json", **env).stdout)
        assert [i["country"] for i in found] == ["UZB", "KGZ", "KAZ"], args  # 1, 0.5, 0
        shown = rca("history", "alignment", *args, **env).stdout
        assert shown.index("\nUZB") < shown.index("\nKGZ") < shown.index("\nKAZ")
    period = rca("history", "alignment", "--all", "--by", "period", **env).stdout
    assert "two marks, to 2022-02-23 and from 2022-02-24" in period
    assert "before 2022" not in period


def test_limit_0_means_all_and_r_takes_a_comma_list(imported: dict[str, str]) -> None:
    every = json.loads(rca("history", "votes", "-c", "kaz", "-f", "json", **imported).stdout)
    unlimited = rca("history", "votes", "-c", "kaz", "--limit", "0", "-f", "json", **imported)
    assert unlimited.exit_code == 0 and json.loads(unlimited.stdout) == every
    one = json.loads(rca("history", "votes", "-c", "kaz", "--limit", "1", "-f", "json",
                         **imported).stdout)
    assert one == every[-1:] or one == every[:1]
    listed = json.loads(rca("votes", "-c", "kaz", "-r", "ES-11/1,ES-11/3", "-f", "json").stdout)
    assert {v["resolution"] for v in listed} == {"A/RES/ES-11/1", "A/RES/ES-11/3"}
    apart = json.loads(rca("votes", "-c", "kaz", "-r", "ES-11/1", "-r", "ES-11/3", "-f",
                           "json").stdout)
    assert listed == apart
