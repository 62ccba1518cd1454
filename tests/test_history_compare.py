"""`rca history compare`: two states, or a state and a bloc, on small files in the UN's and
Voeten's layouts, every figure worked out by hand below."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from rich.cells import cell_len
from test_history import vote_rows, write
from test_history_queries import VOETEN, voeten_rows

from conftest import rca

#: Six roll calls (and one before Kazakhstan's first row). Subjects as the UN file writes them.
#:
#:          date        subjects                            RUS KAZ KGZ TJK UZB USA
#:   R1  1991-12-10  DECOLONIZATION                          Y   -   -   -   -   N
#:   R2  2012-11-01  HUMAN RIGHTS--IRAN|ARMED CONFLICTS      N   N   A   N   Y   Y
#:   R3  2012-12-01  HUMAN RIGHTS--SYRIA                     Y   A   Y   N   N   N
#:   R4  2013-03-01  DISARMAMENT                             N   Y   NV  Y   Y   Y
#:   R5  2014-03-27  UKRAINE--TERRITORIAL INTEGRITY          N   A   NV  NV  A   Y
#:   R6  2014-06-01  (none)                                  Y   Y   Y   Y   Y   Y
#:   R7  2014-12-01  HUMAN RIGHTS                            A   NV  A   Y   N   N
#:
#: Totals (the rows': yes-no-abstain): R3 2-3-1 (margin 1), R4 4-1-0 (margin 3),
#: R5 1-1-2 (margin 0).
CALLS = [
    ("A/RES/46/10", "1991-12-10", "Decolonization", "DECOLONIZATION",
     {"RUS": "Y", "USA": "N"}),
    ("A/RES/67/1", "2012-11-01", "Human rights in Iran", "HUMAN RIGHTS--IRAN|ARMED CONFLICTS",
     {"RUS": "N", "KAZ": "N", "KGZ": "A", "TJK": "N", "UZB": "Y", "USA": "Y"}),
    ("A/RES/67/2", "2012-12-01", "Human rights in Syria", "HUMAN RIGHTS--SYRIA",
     {"RUS": "Y", "KAZ": "A", "KGZ": "Y", "TJK": "N", "UZB": "N", "USA": "N"}),
    ("A/RES/67/3", "2013-03-01", "Nuclear disarmament", "DISARMAMENT",
     {"RUS": "N", "KAZ": "Y", "KGZ": "X", "TJK": "Y", "UZB": "Y", "USA": "Y"}),
    ("A/RES/68/262", "2014-03-27", "Territorial integrity of Ukraine",
     "UKRAINE--TERRITORIAL INTEGRITY",
     {"RUS": "N", "KAZ": "A", "KGZ": "X", "TJK": "X", "UZB": "A", "USA": "Y"}),
    ("A/RES/68/300", "2014-06-01", "Something everyone wanted", "",
     {"RUS": "Y", "KAZ": "Y", "KGZ": "Y", "TJK": "Y", "UZB": "Y", "USA": "Y"}),
    ("A/RES/69/1", "2014-12-01", "Human rights", "HUMAN RIGHTS",
     {"RUS": "A", "KAZ": "X", "KGZ": "A", "TJK": "Y", "UZB": "N", "USA": "N"}),
]


def with_subjects(symbol: str, date: str, title: str, subjects: str,
                  votes: dict[str, str], record: int | None = None) -> list[str]:
    """The UN rows of a roll call, with its subject headings in their column (and its
    record number, if given)."""
    rows = []
    for row in vote_rows(symbol, date, title, votes):
        fields = next(csv.reader([row]))
        fields[12] = subjects
        if record is not None:
            fields[0] = str(record)
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow(fields)
        rows.append(out.getvalue())
    return rows


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    source = write(tmp_path / "un.csv", [row for call in CALLS for row in with_subjects(*call)])
    db = {"RCA_HISTORY_DB": str(tmp_path / "history.sqlite3")}
    run = rca("history", "import", str(source), **db)
    assert run.exit_code == 0, run.stderr
    return db


def compared(env: dict[str, str], *args: str) -> dict:
    run = rca("history", "compare", *args, "--format", "json", **env)
    assert run.exit_code == 0, run.stderr
    return json.loads(run.stdout)


def figures(item: dict) -> tuple:
    return (item["n"], item["agreement"], item["index"], item["non_votes"],
            item["coincidence"], item["yes_no"])


def matrix(data: dict) -> dict[tuple[str, str], int]:
    """The pairs that occurred (the 16 objects of ``positions``, the zeros left out)."""
    assert len(data["positions"]) == 16
    return {(p["a"], p["b"]): p["count"] for p in data["positions"] if p["count"]}


# -- two states ------------------------------------------------------------------------


def test_two_states_every_figure_by_hand(env: dict[str, str]) -> None:
    """KAZ against RUS. R1: Kazakhstan has no row, not counted. Then
    R2 N/N same (both Y or N) · R3 A/Y one abstained · R4 Y/N opposite (both Y or N) ·
    R5 A/N one abstained · R6 Y/Y same (both Y or N) · R7 NV/A a non-vote.
    n 5, identical 2, one abstained 2, non-votes 1; both Y or N 3, of which 2 identical:
    agreement 2/5, index (2 + 2/2)/5 = 0.6, coincidence 2/3."""
    data = compared(env, "kaz", "rus")
    assert (data["a"], data["a_kind"], data["b"], data["b_kind"]) == ("KAZ", "state", "RUS",
                                                                      "state")
    assert figures(data) == (5, 0.4, 0.6, 1, 0.6667, 3)
    assert (data["first_date"], data["last_date"]) == ("2012-11-01", "2014-12-01")
    # 2012: R2 same, R3 half -> 0.5, 0.75; both Y or N only R2 -> 1.0
    # 2013: R4 opposite -> 0, 0, coincidence 0 of 1
    # 2014: R5 half, R6 same, R7 NV -> n 2, 0.5, 0.75; both Y or N only R6 -> 1.0
    assert [(t["year"], *figures(t)) for t in data["trend"]] == [
        (2012, 2, 0.5, 0.75, 0, 1.0, 1), (2013, 1, 0.0, 0.0, 0, 0.0, 1),
        (2014, 2, 0.5, 0.75, 1, 1.0, 1)]
    assert matrix(data) == {("N", "N"): 1, ("A", "Y"): 1, ("Y", "N"): 1, ("A", "N"): 1,
                            ("Y", "Y"): 1, ("NV", "A"): 1}


def test_the_same_figures_as_history_alignment(env: dict[str, str]) -> None:
    data = compared(env, "kazakhstan", "RUS")
    run = rca("history", "alignment", "-c", "kaz", "--format", "json", **env)
    aligned = json.loads(run.stdout)
    assert [(a["year"], *figures(a)) for a in aligned] == [
        (t["year"], *figures(t)) for t in data["trend"]]


def test_issue_areas_from_the_un_subject_headings(env: dict[str, str]) -> None:
    """Each heading cut before '--'; a roll call counts in every group it has.
    HUMAN RIGHTS: R2 same, R3 half, R7 NV -> n 2, 0.5, 0.75, coincidence 1 of 1.
    ARMED CONFLICTS: R2 same -> 1.0. DISARMAMENT: R4 opposite -> 0. UKRAINE: R5 half ->
    index 0.5, nothing for coincidence. Most roll calls first, then by name; R1's
    DECOLONIZATION has no vote of Kazakhstan and R6 no heading."""
    data = compared(env, "kaz", "rus")
    assert data["issues_by"] == "subject"
    assert [(i["issue"], *figures(i)) for i in data["issues"]] == [
        ("HUMAN RIGHTS", 2, 0.5, 0.75, 1, 1.0, 1),
        ("ARMED CONFLICTS", 1, 1.0, 1.0, 0, 1.0, 1),
        ("DISARMAMENT", 1, 0.0, 0.0, 0, 0.0, 1),
        ("UKRAINE", 1, 0.0, 0.5, 0, None, 0)]


def test_where_they_parted_opposite_first_then_the_closest(env: dict[str, str]) -> None:
    """R4 (Y against N) comes first although its margin (4-1: 3) is the widest; then the
    votes where one abstained by margin: R5 (1-1: 0) before R3 (2-3: 1), dates aside."""
    data = compared(env, "kaz", "rus")
    assert data["parted_total"] == 3
    assert [(p["resolution"], p["a"], p["b"], p["margin"]) for p in data["parted"]] == [
        ("A/RES/67/3", "Y", "N", 3), ("A/RES/68/262", "A", "N", 0),
        ("A/RES/67/2", "A", "Y", 1)]
    first = data["parted"][0]
    assert (first["date"], first["title"], first["yes"], first["no"], first["abstain"],
            first["non_voting"]) == ("2013-03-01", "Nuclear disarmament", 4, 1, 0, 1)
    limited = compared(env, "kaz", "rus", "--limit", "1")
    assert [p["resolution"] for p in limited["parted"]] == ["A/RES/67/3"]
    assert limited["parted_total"] == 3


def test_dates_and_subjects_choose_the_votes(env: dict[str, str]) -> None:
    """2014 only: R5 half, R6 same, R7 NV. 'human rights' only: R2, R3, R7."""
    data = compared(env, "kaz", "rus", "--from", "2014", "--to", "2014-12")
    assert figures(data) == (2, 0.5, 0.75, 1, 1.0, 1)
    rights = compared(env, "kaz", "rus", "--subject", "human rights")
    assert figures(rights) == (2, 0.5, 0.75, 1, 1.0, 1)
    assert [p["resolution"] for p in rights["parted"]] == ["A/RES/67/2"]
    periods = compared(env, "kaz", "rus", "--by", "period")
    assert [(t["period"], t["n"]) for t in periods["trend"]] == [("to 2022-02-23", 5)]


# -- blocs -----------------------------------------------------------------------------


def test_a_bloc_whose_membership_changes_mid_file(env: dict[str, str]) -> None:
    """Kazakhstan against the CSTO of the curated memberships, without Kazakhstan itself:
    KGZ, TJK and RUS from 1992-05-15, UZB until its suspension on 2012-12-19.
      R1  1991: before the CSTO, no member counts -> not compared
      R2  KGZ A, TJK N, UZB Y, RUS N: N most         -> KAZ N: same (both Y or N)
      R3  KGZ Y, TJK N, UZB N, RUS Y: a 2-2 tie, A   -> KAZ A: same
      R4  UZB out: KGZ NV, TJK Y, RUS N: 1-1, A      -> KAZ Y: one abstained
          (had Uzbekistan's Y counted, the bloc would have voted Y)
      R5  KGZ NV, TJK NV, RUS N: 2 of 3 did not vote -> NV: a non-vote
      R6  all Y                                      -> KAZ Y: same (both Y or N)
      R7  KGZ A, TJK Y, RUS A: A                     -> KAZ NV: a non-vote
    n 4, identical 3, one abstained 1, non-votes 2, both Y or N 2 (both identical):
    agreement 0.75, index 3.5/4 = 0.875, coincidence 1.0."""
    data = compared(env, "kaz", "csto")
    assert (data["b"], data["b_kind"], data["left_out"]) == ("CSTO", "bloc", "KAZ")
    assert [(m["country"], m["since"], m["until"]) for m in data["members"]] == [
        ("KGZ", "1992-05-15", None), ("TJK", "1992-05-15", None),
        ("UZB", "1992-05-15", "2012-12-19"), ("RUS", "1992-05-15", None)]
    assert figures(data) == (4, 0.75, 0.875, 2, 1.0, 2)
    assert (data["first_date"], data["last_date"]) == ("2012-11-01", "2014-12-01")
    # 2012: R2, R3 same; 2013: R4 half, no Y/N pair; 2014: R6 same, R5 and R7 NV
    assert [(t["year"], *figures(t)) for t in data["trend"]] == [
        (2012, 2, 1.0, 1.0, 0, 1.0, 1), (2013, 1, 0.0, 0.5, 0, None, 0),
        (2014, 1, 1.0, 1.0, 2, 1.0, 1)]
    assert matrix(data) == {("N", "N"): 1, ("A", "A"): 1, ("Y", "A"): 1, ("A", "NV"): 1,
                            ("Y", "Y"): 1, ("NV", "A"): 1}
    assert [(p["resolution"], p["a"], p["b"]) for p in data["parted"]] == [
        ("A/RES/67/3", "Y", "A")]


def test_a_bloc_given_on_the_command_line_counts_its_states_throughout(
        env: dict[str, str]) -> None:
    """'others' = KGZ, TJK, UZB, every one counted on every date:
      R2 A, N, Y: a three-way tie, A  -> KAZ N: one abstained
      R3 Y, N, N: N                   -> KAZ A: one abstained
      R4 NV, Y, Y: Y                  -> KAZ Y: same (both Y or N)
      R5 NV, NV, A: NV                -> a non-vote
      R6 Y                            -> KAZ Y: same (both Y or N)
      R7 A, Y, N: A                   -> KAZ NV: a non-vote
    n 4, identical 2, one abstained 2, non-votes 2, both Y or N 2, identical 2."""
    data = compared(env, "kaz", "others", "--bloc", "others=kgz,Tajikistan,UZB")
    assert (data["b"], data["left_out"]) == ("others", None)
    assert [m["country"] for m in data["members"]] == ["KGZ", "TJK", "UZB"]
    assert figures(data) == (4, 0.5, 0.75, 2, 1.0, 2)
    assert [(p["resolution"], p["a"], p["b"]) for p in data["parted"]] == [
        ("A/RES/67/1", "N", "A"), ("A/RES/67/2", "A", "N")]  # both 2-3: by date


def test_a_bloc_half_of_which_did_not_vote_takes_the_voters_position(
        env: dict[str, str]) -> None:
    """'pair' = KGZ, TJK: R2 A, N: a tie, A -> KAZ N: one abstained · R3 Y, N: A -> KAZ A:
    same · R4 NV, Y: one of two voted, so Y -> KAZ Y: same (both Y or N) · R5 NV, NV: NV ·
    R6 Y -> same (both Y or N) · R7 A, Y: A -> KAZ NV. n 4, identical 3, one abstained 1,
    non-votes 2: agreement 0.75, index 0.875; coincidence 2 of 2."""
    data = compared(env, "KAZ", "pair", "--bloc", "pair=kgz,tjk", "--bloc", "x=usa")
    assert figures(data) == (4, 0.75, 0.875, 2, 1.0, 2)


def test_two_blocs_and_a_bloc_first(env: dict[str, str]) -> None:
    """The CSTO against the five: the sides swap the columns of the matrix, not the
    figures. Neither state is left out: both are blocs."""
    one = compared(env, "csto", "central-asia")
    other = compared(env, "central-asia", "csto")
    assert one["left_out"] is None and figures(one) == figures(other)
    assert {(p["b"], p["a"]): p["count"] for p in one["positions"]} == {
        (p["a"], p["b"]): p["count"] for p in other["positions"]}
    assert {m["side"] for m in one["members"]} == {"a", "b"}


# -- Voeten's file ---------------------------------------------------------------------

RUS, KAZ, USA = 365, 705, 2


def test_issue_areas_from_voeten_s_flags(tmp_path: Path) -> None:
    """Roll call 1 (human rights): Y/Y same; 2 (human rights): N/A one abstained;
    3 (no flag): Y/N opposite. Overall n 3, identical 1, one abstained 1: 1/3, 0.5;
    both Y or N: 1 and 3, one identical: 0.5. Human rights: n 2, 0.5, 0.75, 1 of 1.
    Voeten's file records no totals: they are counted from its rows (3: 2-1-0)."""
    rows = [*voeten_rows(1, "10/1/1992", "R/47/1", {RUS: 1, KAZ: 1, USA: 3}, hr=1),
            *voeten_rows(2, "10/2/1992", "R/47/2", {RUS: 3, KAZ: 2, USA: 1}, hr=1),
            *voeten_rows(3, "10/3/1992", "R/47/3", {RUS: 1, KAZ: 3, USA: 1})]
    env = {"RCA_HISTORY_DB": str(tmp_path / "v.sqlite3")}
    assert rca("history", "import", str(write(tmp_path / "v.csv", rows, header=VOETEN)),
               **env).exit_code == 0
    data = compared(env, "kaz", "rus")
    assert figures(data) == (3, 0.3333, 0.5, 0, 0.5, 2)
    assert data["issues_by"] == "issue"
    assert [(i["issue"], *figures(i)) for i in data["issues"]] == [
        ("human-rights", 2, 0.5, 0.75, 0, 1.0, 1)]
    assert [(p["resolution"], p["record"], p["yes"], p["no"], p["margin"])
            for p in data["parted"]] == [("A/RES/47/3", "3", 2, 1, 1),
                                         ("A/RES/47/2", "2", 1, 1, 0)]
    rights = compared(env, "kaz", "rus", "--issue", "human-rights")
    assert figures(rights) == (2, 0.5, 0.75, 0, 1.0, 1)


# -- what a user sees ------------------------------------------------------------------


def test_a_terminal_at_80_columns(env: dict[str, str]) -> None:
    run = rca("history", "compare", "kaz", "csto", TTY_COMPATIBLE="1", NO_COLOR="1",
              COLUMNS="80", **env)
    assert run.exit_code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    assert "\x1b" not in run.stdout
    text = run.stdout
    assert "CSTO (Collective Security Treaty Organization) without KAZ" in text
    # the matrix: a row per position of Kazakhstan, the diagonal marked
    row = next(line.split() for line in lines if line.split()[:1] == ["N"])
    assert row == ["N", "0", "=1", "0", "0"]
    assert "██████████" in text  # 2012: index 1.0, a full bar
    assert "67/3" in text and "Y · A" in text
    for title in ("Every roll call", "Bloc members counted", "By year", "By subject",
                  "Where they parted"):
        assert title in text


@pytest.mark.parametrize("width", ["45", "60", "70"])
def test_every_figure_by_year_keeps_its_label_in_a_narrow_window(env: dict[str, str],
                                                                   width: str) -> None:
    run = rca("history", "compare", "kaz", "csto", TTY_COMPATIBLE="1", NO_COLOR="1",
              COLUMNS=width, **env)
    assert run.exit_code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= int(width)
    start = lines.index(next(line for line in lines if line.startswith("By year")))
    figures = as_json_of(env)["trend"]
    if int(width) < 50:  # one block per year, every figure labelled
        block = lines[start:start + 12]
        assert f"Year: {figures[0]['year']}" in block and f"Y/N: {figures[0]['yes_no']}" in block
    else:  # the heading's labels on one line, each year's figures on one line under them
        heading = lines[start + 1].split()
        assert heading[:3] == ["Year", "n", "Agreement"] and heading[-1] == "Y/N"
        first = lines[start + 3].split()
        assert first[0] == str(figures[0]["year"]) and len(first) in (len(heading),
                                                                       len(heading) - 1)
        assert first[-1] == str(figures[0]["yes_no"])


def as_json_of(env: dict[str, str]) -> dict[str, Any]:
    run = rca("history", "compare", "kaz", "csto", "--format", "json", **env)
    assert run.exit_code == 0, run.stderr
    return dict(json.loads(run.stdout))


def test_a_pipe_has_one_table_per_part_with_the_json_s_names(env: dict[str, str]) -> None:
    run = rca("history", "compare", "kaz", "rus", **env)
    assert run.exit_code == 0, run.stderr
    assert run.header("Every roll call") == ["n", "agreement", "index", "non_votes",
                                             "coincidence", "yes_no"]
    assert run.rows("Every roll call") == [["5", "0.4000", "0.6000", "1", "0.6667", "3"]]
    assert run.header("Positions: KAZ against RUS") == ["a", "b", "count"]
    assert ["NV", "A", "1"] in run.rows("Positions: KAZ against RUS")
    assert [r[1] for r in run.rows("Where they parted")] == ["67/3", "68/262", "67/2"]
    assert "█" not in run.stdout, "the bars are drawn on a terminal only"


def test_csv_yaml_and_markdown(env: dict[str, str]) -> None:
    text = rca("history", "compare", "kaz", "rus", "--format", "csv", **env).stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["section"] == "" and rows[0]["coincidence"] == "0.6667"
    assert sum(1 for r in rows if r["section"] == "positions") == 16
    assert [r["resolution"] for r in rows if r["section"] == "parted"] == [
        "A/RES/67/3", "A/RES/68/262", "A/RES/67/2"]
    data = yaml.safe_load(rca("history", "compare", "kaz", "rus", "--format", "yaml",
                              **env).stdout)
    assert data["positions"][0] == {"a": "Y", "b": "Y", "count": 1}
    markdown = rca("history", "compare", "kaz", "rus", "--format", "markdown", **env).stdout
    assert "## parted" in markdown and "| A/RES/67/3 |" in markdown


def test_a_terminal_shows_the_15_subjects_with_most_roll_calls(tmp_path: Path) -> None:
    """SUBJECT 01 has 1 roll call, SUBJECT 02 two, ... SUBJECT 16 sixteen: a terminal
    shows 16 down to 02 and says one more is left; a pipe has all 16."""
    calls = [with_subjects(f"A/RES/70/{number}{part}", "2015-10-01", "A title",
                           f"SUBJECT {number:02d}", {"RUS": "Y", "KAZ": "Y"},
                           record=100 * number + part)
             for number in range(1, 17) for part in range(number)]
    env = {"RCA_HISTORY_DB": str(tmp_path / "s.sqlite3")}
    source = write(tmp_path / "s.csv", [row for call in calls for row in call])
    assert rca("history", "import", str(source), **env).exit_code == 0
    run = rca("history", "compare", "kaz", "rus", TTY_COMPATIBLE="1", NO_COLOR="1",
              COLUMNS="80", **env)
    assert "SUBJECT 02" in run.stdout and "SUBJECT 01" not in run.stdout
    assert "1 more subject, with fewer roll calls" in run.stdout
    pipe = rca("history", "compare", "kaz", "rus", **env)
    subjects = [row[0] for row in pipe.rows("By subject (UN subject headings, the part "
                                            "before --)")]
    assert subjects == [f"SUBJECT {number:02d}" for number in range(16, 0, -1)]


def test_no_roll_call_in_the_span_is_an_empty_answer(env: dict[str, str]) -> None:
    data = compared(env, "kaz", "rus", "--from", "2030")
    assert figures(data) == (0, None, None, 0, None, 0)
    assert (data["trend"], data["issues"], data["parted"], data["first_date"]) == (
        [], [], [], None)
    assert sum(p["count"] for p in data["positions"]) == 0


def test_the_tables_export_as_a_picture(env: dict[str, str], tmp_path: Path) -> None:
    picture = tmp_path / "compare.svg"
    run = rca("history", "compare", "kaz", "csto", "--export-svg", str(picture), **env)
    assert run.exit_code == 0, run.stderr
    assert "Where they parted" in picture.read_text(encoding="utf-8").replace("&#160;", " ")


# -- refusals --------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "message"), [
    (["kaz", "cstoo"], "unknown state or bloc 'cstoo'. Did you mean: CSTO (a bloc)"),
    (["atlantis", "rus"], "unknown state or bloc 'atlantis'"),
    (["kaz", "KAZ"], "compare needs two different sides"),
    (["kaz", "me", "--bloc", "me=kaz"], "the bloc me has no member but KAZ"),
    (["kaz", "x", "--bloc", "x"], "--bloc takes NAME=STATE,STATE,..."),
    (["kaz", "x", "--bloc", "x=kaz,narnia"], "unknown state 'narnia'"),
    (["kaz", "rus", "--by", "decade"], "'decade' is not one of year, session, period"),
    (["kaz", "rus", "--limit", "-1"], "-1"),
])
def test_usage_errors_exit_2_with_a_message(env: dict[str, str], args: list[str],
                                            message: str) -> None:
    run = rca("history", "compare", *args, **env)
    assert run.exit_code == 2
    assert message in run.stderr
    assert "Traceback" not in run.stderr + run.stdout


def test_data_errors_exit_1(env: dict[str, str], tmp_path: Path) -> None:
    run = rca("history", "compare", "kaz", "rus", "--issue", "nuclear", **env)
    assert run.exit_code == 1 and "no issue flags" in run.stderr
    missing = rca("history", "compare", "kaz", "rus",
                  RCA_HISTORY_DB=str(tmp_path / "none.sqlite3"))
    assert missing.exit_code == 1 and "no UN voting history is imported yet" in missing.stderr
    broken = tmp_path / "broken.sqlite3"
    broken.write_text("not a database", encoding="utf-8")
    run = rca("history", "compare", "kaz", "rus", RCA_HISTORY_DB=str(broken))
    assert run.exit_code == 1 and "is not an rca history database" in run.stderr


def test_a_state_the_file_does_not_know(env: dict[str, str]) -> None:
    """Turkmenistan is in the curated dataset but has no row in this file."""
    run = rca("history", "compare", "turkmenistan", "rus", **env)
    assert run.exit_code == 2 and "the imported file has no votes of TKM" in run.stderr


# -- voting coincidence in rca alignment -------------------------------------------------


def test_rca_alignment_keeps_one_line_per_state_at_80_columns() -> None:
    run = rca("alignment", "--per-state", TTY_COMPATIBLE="1", NO_COLOR="1", COLUMNS="80")
    lines = run.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    kaz = next(i for i, line in enumerate(lines) if line.lstrip().startswith("KAZ Kazakhstan"))
    data = next(a for a in json.loads(rca("alignment", "--format", "json", "--per-state").stdout)
                if a["country"] == "KAZ")
    assert re.search(rf"{data['agreement']:.4f} +{data['coincidence']:.4f} +{data['n']}\s",
                     lines[kaz]), lines[kaz]
    assert "Coinc." in lines[1], "its own column, under a short heading"


# -- the real sample of the UN file ----------------------------------------------------

#: the CSTO as the curated memberships have it, without Kazakhstan: (state, from, until)
CSTO = [("KGZ", "1992-05-15", "9999"), ("TJK", "1992-05-15", "9999"),
        ("UZB", "1992-05-15", "2012-12-19"), ("RUS", "1992-05-15", "9999"),
        ("ARM", "1992-05-15", "9999"), ("BLR", "1993-01-01", "9999")]


Call = tuple[dict[str, str], dict[str, str]]


def by_roll_call(rows: list[dict[str, str]]) -> list[Call]:
    """Per roll call (undl_id): its first row, and each state's Y, N, A or NV."""
    found: dict[str, Call] = {}
    for row in rows:
        _first, votes = found.setdefault(row["undl_id"], (row, {}))
        votes[row["ms_code"]] = row["ms_vote"] if row["ms_vote"] in ("Y", "N", "A") else "NV"
    return list(found.values())


def csto_position(call: dict[str, str], date: str) -> str | None:
    """The rule, restated: members counted that day with a row; NV if more did not vote
    than voted; else the most common vote, a tie giving A; None without members."""
    votes = [call[code] for code, since, until in CSTO if since <= date < until and code in call]
    if not votes:
        return None
    cast = [v for v in votes if v != "NV"]
    if len(votes) - len(cast) > len(cast):
        return "NV"
    counts = {v: cast.count(v) for v in ("Y", "N", "A")}
    top = [v for v, c in counts.items() if c == max(counts.values())]
    return top[0] if len(top) == 1 else "A"


def hand_figures(pairs: list[tuple[str, str]]) -> tuple:
    counted = [(x, y) for x, y in pairs if "NV" not in (x, y)]
    same = sum(x == y for x, y in counted)
    half = sum(x != y and "A" in (x, y) for x, y in counted)
    yes_no = [(x, y) for x, y in counted if "A" not in (x, y)]
    return (len(counted), round(same / len(counted), 4),
            round((same + half / 2) / len(counted), 4), len(pairs) - len(counted),
            round(sum(x == y for x, y in yes_no) / len(yes_no), 4), len(yes_no))


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], list[Call]]:
    from test_history_samples import UN_SAMPLE, imported, sample_rows

    from conftest import reference

    db = imported(tmp_path_factory, reference(UN_SAMPLE), "undl")
    return {"RCA_HISTORY_DB": str(db)}, by_roll_call(sample_rows(UN_SAMPLE))


def test_kazakhstan_and_russia_on_the_sample_match_a_count_from_the_csv(sample: tuple) -> None:
    env, calls = sample
    pairs = [(v["KAZ"], v["RUS"], row) for row, v in calls if "KAZ" in v and "RUS" in v]
    data = compared(env, "kaz", "rus", "--limit", "0")
    assert figures(data) == hand_figures([(x, y) for x, y, _ in pairs])
    assert data["n"] > 100
    parted = [(x != y and "A" not in (x, y), abs(float(r["total_yes"]) - float(r["total_no"])),
               r["date"], r["resolution"]) for x, y, r in pairs
              if x != y and "NV" not in (x, y)]
    parted.sort(key=lambda p: (not p[0], p[1], p[2]))
    assert data["parted_total"] == len(parted)
    assert [p["resolution"] for p in data["parted"][:5]] == [p[3] for p in parted[:5]]
    assert all(p["a"] != p["b"] and "A" not in (p["a"], p["b"]) for p in data["parted"][:5])


def test_kazakhstan_and_the_csto_on_the_sample_match_a_count_from_the_csv(
        sample: tuple) -> None:
    env, calls = sample
    pairs = []
    for row, votes in calls:
        bloc = csto_position(votes, row["date"])
        if "KAZ" in votes and bloc is not None:
            pairs.append((votes["KAZ"], bloc))
    data = compared(env, "kaz", "csto")
    assert figures(data) == hand_figures(pairs)
    assert {(p["a"], p["b"]): p["count"] for p in data["positions"]} == {
        (x, y): pairs.count((x, y)) for x in ("Y", "N", "A", "NV") for y in ("Y", "N", "A", "NV")}


def test_an_unknown_side_names_the_blocs_beside_the_close_states(tmp_path: Path) -> None:
    from test_history import vote_rows, write

    rows = [row.replace("State MCO", "MONACO") for row in vote_rows(
        "A/RES/46/1", "1991-09-17", "One", {"RUS": "Y", "KAZ": "Y", "MCO": "Y"})]
    db = tmp_path / "h.sqlite3"
    assert rca("history", "import", str(write(tmp_path / "v.csv", rows)),
               "--db", str(db)).exit_code == 0
    run = rca("history", "compare", "kaz", "nato", "--db", str(db))
    assert "Did you mean: Monaco (MCO)?" in run.stderr, run.stderr  # the file's name, title-cased
    assert run.exit_code == 2
    assert "Blocs: CSTO, EAEU, SCO, CIS, central-asia" in run.stderr, run.stderr
    assert "--bloc NAME=STATE,STATE" in run.stderr


def test_both_files_name_the_states_alike(tmp_path: Path) -> None:
    from test_history import vote_rows, write
    from test_history_queries import KAZ, RUS, VOETEN, voeten_rows

    undl = [row.replace("State KAZ", "KAZAKHSTAN").replace("State RUS", "RUSSIAN FEDERATION")
            for row in vote_rows("A/RES/47/10", "1992-10-02", "One", {"RUS": "Y", "KAZ": "A"})]
    voeten = voeten_rows(11, "1992-10-02", "R/47/10", {RUS: 1, KAZ: 2})
    titles = []
    for name, rows, header in (("u", undl, None), ("v", voeten, VOETEN)):
        source = write(tmp_path / f"{name}.csv", rows, **({"header": header} if header else {}))
        db = tmp_path / f"{name}.sqlite3"
        assert rca("history", "import", str(source), "--db", str(db)).exit_code == 0
        titles.append(rca("history", "compare", "kaz", "rus", "--db", str(db)
                          ).stdout.splitlines()[0])
    assert all(t.startswith("# Kazakhstan (KAZ) and Russia (RUS)") for t in titles), titles


def test_a_state_the_file_does_not_name_is_shown_by_its_code(tmp_path: Path) -> None:
    """Voeten's published file has no names: a state outside the dataset is its code, not
    its code dressed as a name ('Fra')."""
    fra, deu, kaz = 220, 255, 705
    rows = [*voeten_rows(1, "1992-10-01", "R/47/1", {fra: 1, deu: 1, kaz: 2}),
            *voeten_rows(2, "1992-10-02", "R/47/2", {fra: 3, deu: 1, kaz: 1})]
    db = tmp_path / "v.sqlite3"
    source = write(tmp_path / "voeten.csv", rows, header=VOETEN)
    assert rca("history", "import", str(source), "--db", str(db)).exit_code == 0
    first = rca("history", "compare", "fra", "deu", "--db", str(db)).stdout.splitlines()[0]
    assert first.startswith("# FRA and DEU  "), first
    data = json.loads(rca("history", "compare", "fra", "kaz", "-f", "json", "--db",
                          str(db)).stdout)
    assert (data["a_name"], data["b_name"]) == (None, "Kazakhstan")
