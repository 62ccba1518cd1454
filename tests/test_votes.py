"""`rca votes`: the states x resolutions matrix."""

import csv
import json

import pytest

from conftest import REFERENCE_VOTES, REVIEWED_VOTES, rca, reference


def matrix(*args: str) -> dict[str, dict[str, str]]:
    run = rca("votes", *args)
    assert run.exit_code == 0, run.stderr
    header = run.header()
    return {row[0]: dict(zip(header, row, strict=True)) for row in run.rows()}


def test_default_matrix_is_the_five_and_russia_on_every_resolution() -> None:
    run = rca("votes")
    assert run.header()[:9] == ["resolution", "date", "title", "KAZ", "KGZ", "TJK", "TKM", "UZB",
                                "RUS"]
    rows = matrix()
    assert list(rows)[:2] == ["68/262", "ES-11/1"]
    dates = [row["date"] for row in rows.values()]
    assert dates == sorted(dates)


def test_es_11_1_positions_of_the_five() -> None:
    row = matrix()["ES-11/1"]
    assert [row[c] for c in ("KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS")] == \
        ["A", "A", "A", "NV", "NV", "N"]
    assert row["title"] == "Aggression against Ukraine"
    assert (row["yes"], row["no"], row["abstain"], row["non_voting"]) == ("141", "5", "35", "12")


def test_legend_explains_every_code() -> None:
    out = rca("votes").stdout
    for words in ("Y yes", "N no", "A abstain", "NV did not vote", "* weak sources only",
                  "~ doubtful", "? no sourced vote in the dataset (rca history check compares "
                  "with the UN file)"):
        assert words in out


def reviewed_votes() -> set[tuple[str, str, str]]:
    """(resolution code, state, vote) as the pages the review found state them."""
    found = set()
    with reference(REVIEWED_VOTES).open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            symbol = row["resolution"].split(" [")[0].removeprefix("A/RES/")
            if "Supporting a lasting peace" in row["resolution"]:  # adopted symbol not found
                symbol = "ES-11, 2026-02-24"
            found.add((symbol, row["state"], row["vote"].split(" (")[0]))
    return found


def test_every_vote_shown_matches_the_reference_table() -> None:
    wanted: dict[tuple[str, str], str] = {}
    with reference(REFERENCE_VOTES).open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = row["resolution"].removeprefix("A/RES/"), row["country_iso3"]
            wanted[key] = row["vote"]
    states = sorted({state for _res, state in wanted})
    args = [arg for state in states for arg in ("--country", state)]
    shown = matrix(*args)
    for (code, state), vote in wanted.items():
        assert shown[code][state].rstrip("*~") == vote, (code, state)
    # every cell known beyond the reference table is one a reviewed page states
    reviewed = reviewed_votes()
    for code, row in shown.items():
        for state in states:
            if (code, state) not in wanted and row[state] != "?" and code.startswith(("ES", "6")):
                assert (code, state, row[state].rstrip("*~")) in reviewed, (code, state)


def test_a_vote_resting_on_weak_sources_only_is_marked_and_says_so() -> None:
    data = json.loads(rca("votes", "--format", "json", *[
        arg for c in ("usa", "ukr", "mng", "tur", "kaz") for arg in ("-c", c)]).stdout)
    weak = {(v["resolution"].removeprefix("A/RES/"), v["country"]) for v in data
            if v["weak_sources_only"]}
    assert weak, "the dataset marks the votes it has only weak sources for"
    shown = matrix("-c", "usa", "-c", "ukr", "-c", "mng", "-c", "tur", "-c", "kaz")
    for code, row in shown.items():
        for state in ("USA", "UKR", "MNG", "TUR", "KAZ"):
            assert row[state].rstrip("~").endswith("*") == ((code, state) in weak), (code, state)


def test_filters_by_country_and_resolution_in_any_form() -> None:
    rows = matrix("--country", "Kyrgyz Republic", "-c", "uz", "--resolution", "A/RES/ES-11/3",
                  "-r", "es-11/4")
    assert list(rows) == ["ES-11/3", "ES-11/4"]
    assert set(rows["ES-11/3"]) >= {"KGZ", "UZB"} and "KAZ" not in rows["ES-11/3"]
    assert rows["ES-11/3"]["KGZ"] == "N"


def test_comparator_states_can_be_shown() -> None:
    assert matrix("--country", "china", "-r", "68/262")["68/262"]["CHN"] == "A"


def test_unknown_resolution_is_a_usage_error_with_suggestion() -> None:
    run = rca("votes", "--resolution", "ES-11/19")
    assert run.exit_code == 2
    assert "unknown resolution 'ES-11/19'" in run.stderr and "Did you mean" in run.stderr


def test_unknown_option_is_a_usage_error() -> None:
    run = rca("votes", "--colour")
    assert run.exit_code == 2


def test_terminal_output_is_a_coloured_table() -> None:
    run = rca("votes", TTY_COMPATIBLE="1", COLUMNS="100")
    assert "\x1b[" in run.stdout
    assert "\t" not in run.stdout
    assert "Aggression against" in run.stdout


def test_no_color_on_a_terminal_has_no_escape_codes() -> None:
    run = rca("votes", TTY_COMPATIBLE="1", NO_COLOR="1")
    assert "\x1b" not in run.stdout
    assert "ES-11/1" in run.stdout


def test_pipe_output_is_plain_and_never_cut() -> None:
    run = rca("votes", COLUMNS="20")
    assert "\x1b" not in run.stdout
    assert "Russia suspended from Human Rights Council" in run.stdout


#: one cell per resolution, as the reference vote table records it (checked in full against
#: the table itself above, when it is beside the project)
SAMPLE = [("68/262", "UZB", "A"), ("ES-11/1", "TKM", "NV"), ("ES-11/2", "KGZ", "A"),
          ("ES-11/3", "KAZ", "N"), ("ES-11/4", "TJK", "A"), ("ES-11/5", "UZB", "A"),
          ("ES-11/6", "TKM", "NV"), ("ES-11/7", "USA", "N"), ("ES-11/8", "USA", "A"),
          ("ES-11/9", "KAZ", "A"), ("80/223", "RUS", "N"), ("ES-11, 2026-02-24", "TKM", "NV"),
          ("ES-11/7", "KAZ", "A*~"), ("ES-11/1", "USA", "Y*"), ("ES-11/2", "UZB", "?"),
          ("ES-11/9", "TJK", "?")]


@pytest.mark.parametrize(("code", "state", "shown"), SAMPLE)
def test_a_sample_of_cells_across_every_resolution(code: str, state: str, shown: str) -> None:
    assert matrix("-c", state, "-r", code)[code][state] == shown


def test_the_sample_covers_every_resolution() -> None:
    assert {code for code, _s, _v in SAMPLE} == set(matrix())
