"""Analysis commands: alignment (figures computed by hand), compare, timeline, outlook."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import rca
from rca.dataset.files import default_data_dir

# -- a small hand-made dataset ---------------------------------------------------------

#: votes by resolution: RUS is the reference state. Worked out by hand:
#:   AAA  same on all four                      -> n 4, identical 4, one-abstained 0
#:   BBB  A/Y (half), Y/N (no), A/A (same), NV  -> n 3, identical 1, one-abstained 1, NV 1
#:   CCC  did not vote at all                   -> n 0, figures absent, NV 4
#:   DDD  N/Y (no), none, Y/A (half), Y/Y       -> n 3, identical 1, one-abstained 1, unknown 1
#: Voting coincidence counts only the resolutions where both voted Y or N:
#:   AAA  Y/Y, N/N, Y/Y                         -> yes/no 3, identical 3: 1.0
#:   BBB  Y/N                                   -> yes/no 1, identical 0: 0.0
#:   CCC  none                                  -> yes/no 0: no figure
#:   DDD  N/Y, Y/Y                              -> yes/no 2, identical 1: 0.5
VOTES = {
    "RUS": ["Y", "N", "A", "Y"],
    "AAA": ["Y", "N", "A", "Y"],
    "BBB": ["A", "Y", "A", "NV"],
    "CCC": ["NV", "NV", "NV", "NV"],
    "DDD": ["N", None, "Y", "Y"],
}
SYMBOLS = [f"A/RES/99/{i}" for i in range(1, 5)]


def small_dataset(folder: Path) -> Path:
    folder.mkdir()
    src = "  sources: [ref]\n"
    (folder / "dataset.yaml").write_text("- as_of: '2026-01-01'\n  title: A test dataset\n",
                                         encoding="utf-8")
    (folder / "sources.yaml").write_text(
        "- id: ref\n  title: A hand-made table\n  publisher: Tests\n  quality: reference\n",
        encoding="utf-8")
    countries = "".join(
        f"- iso3: {code}\n  iso2: {code[:2]}\n  name: State {code}\n  official_name: The {code}\n"
        f"  capital: {code} City\n  group: {'russia' if code == 'RUS' else 'central-asia'}\n"
        + src for code in VOTES)
    (folder / "countries.yaml").write_text(countries, encoding="utf-8")
    (folder / "organisations.yaml").write_text(
        "- id: club\n  short: CLUB\n  name: The Club\n" + src, encoding="utf-8")
    (folder / "memberships.yaml").write_text("[]\n", encoding="utf-8")
    resolutions = "".join(
        f"- symbol: {s}\n  short: Test {i}\n  date: '2023-0{i}-01'\n  title: Test resolution {i}\n"
        "  totals: {yes: 100, no: 10, abstain: 50, non_voting: 33}\n" + src
        for i, s in enumerate(SYMBOLS, start=1))
    (folder / "resolutions.yaml").write_text(resolutions, encoding="utf-8")
    votes = "".join(
        f"- resolution: {s}\n  country: {code}\n  vote: {vote}\n" + src
        for code, row in VOTES.items() for s, vote in zip(SYMBOLS, row, strict=True) if vote)
    (folder / "votes.yaml").write_text(votes, encoding="utf-8")
    (folder / "themes.yaml").write_text(
        "- id: diplomatic\n  name: Diplomatic\n  description: Votes.\n", encoding="utf-8")
    (folder / "records.yaml").write_text(
        "- id: one-event\n  kind: event\n  theme: diplomatic\n  countries: [AAA]\n"
        "  date: '2023-02'\n  statement: Something happened.\n" + src, encoding="utf-8")
    assert rca("validate", "--data-dir", str(folder)).exit_code == 0
    return folder


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return small_dataset(tmp_path / "small")


def aligned(folder: Path, *args: str) -> dict[str, dict]:
    """Each state's alignment on its own resolutions, as counted by hand below."""
    run = rca("alignment", "--data-dir", str(folder), "--format", "json", "--per-state", *args)
    assert run.exit_code == 0, run.stderr
    return {item["country"]: item for item in json.loads(run.stdout)}


def test_alignment_figures_match_a_hand_count(small: Path) -> None:
    found = aligned(small)
    assert found["AAA"] == {"country": "AAA", "name": "State AAA", "against": "RUS", "n": 4,
                            "agreement": 1.0,
                            "index": 1.0, "non_votes": 0, "unknown": 0, "coincidence": 1.0,
                            "yes_no": 3, "few_votes": True, "base": "own"}
    assert (found["BBB"]["n"], found["BBB"]["non_votes"]) == (3, 1)
    assert found["BBB"]["agreement"] == pytest.approx(1 / 3, abs=1e-4)
    assert found["BBB"]["index"] == pytest.approx((1 + 0.5) / 3, abs=1e-4)
    assert (found["DDD"]["n"], found["DDD"]["unknown"]) == (3, 1)
    assert found["DDD"]["agreement"] == pytest.approx(1 / 3, abs=1e-4)
    assert found["DDD"]["index"] == pytest.approx(0.5, abs=1e-4)
    assert [(found[s]["yes_no"], found[s]["coincidence"]) for s in ("BBB", "CCC", "DDD")] == [
        (1, 0.0), (0, None), (2, 0.5)]


def test_a_state_with_only_non_votes_has_no_figures_not_zero(small: Path) -> None:
    ccc = aligned(small)["CCC"]
    assert (ccc["n"], ccc["agreement"], ccc["index"], ccc["non_votes"]) == (0, None, None, 4)
    table = rca("alignment", "--data-dir", str(small))
    row = next(r for r in table.rows() if r[0] == "CCC")
    assert row[2:4] == ["–", "–"]


def test_alignment_is_sorted_by_index_with_the_uncountable_last(small: Path) -> None:
    run = rca("alignment", "--data-dir", str(small), "--format", "json")
    assert [item["country"] for item in json.loads(run.stdout)] == ["AAA", "BBB", "DDD", "CCC"]


def test_alignment_over_chosen_resolutions_and_against_another_state(small: Path) -> None:
    two = aligned(small, "-r", "99/1", "-r", "99/2", "-c", "BBB")
    assert list(two) == ["BBB"]
    assert (two["BBB"]["n"], two["BBB"]["agreement"], two["BBB"]["index"]) == (2, 0.0, 0.25)
    versus = aligned(small, "--against", "AAA")
    assert versus["RUS"]["index"] == 1.0 and "AAA" not in versus


def test_alignment_draws_a_bar_per_state_on_a_terminal(small: Path) -> None:
    run = rca("alignment", "--data-dir", str(small), TTY_COMPATIBLE="1", NO_COLOR="1")
    assert "█" * 15 in run.stdout  # AAA, index 1.0
    assert "█" * 8 + "░" * 7 in run.stdout  # BBB, index 0.5


def test_by_default_every_state_is_measured_on_the_same_resolutions(small: Path) -> None:
    own, common = aligned(small), json.loads(rca(
        "alignment", "--data-dir", str(small), "--format", "json").stdout)
    # DDD has no sourced vote on one resolution: the common base leaves it out for all
    assert own["DDD"]["unknown"] == 1 and all(item["unknown"] == 0 for item in common)
    assert {item["base"] for item in common} == {"common"}
    for item in common:
        assert item["n"] + item["non_votes"] == own["AAA"]["n"] - 1
    shown = rca("alignment", "--data-dir", str(small))
    assert "All measured on the same 3 resolutions" in shown.stdout


def test_a_figure_on_few_votes_is_flagged_on_screen_and_in_json() -> None:
    data = json.loads(rca("alignment", "-g", "central-asia", "--format", "json").stdout)
    assert all(item["few_votes"] == (item["n"] < 10 or (item["yes_no"] < 5
                                     and item["coincidence"] is not None)) for item in data)
    screen = rca("alignment", "-g", "central-asia", "--no-pager", TTY_COMPATIBLE="1",
                 COLUMNS="80")
    kaz = next(line for line in screen.stdout.splitlines() if "Kazakhstan" in line)
    assert re.search(r"\b\d+\s+few\b", re.sub(r"\x1b\[[0-9;]*m", "", kaz)), kaz
    assert "Y/N" in screen.stdout and "rca history alignment" in screen.stdout


def test_alignment_on_the_shipped_dataset_counts_only_known_votes() -> None:
    data = json.loads(rca("alignment", "--format", "json", "--per-state").stdout)
    resolutions = len(json.loads(rca("votes", "-c", "rus", "--format", "json").stdout)) \
        + sum(1 for r in rca("votes", "-c", "rus").rows() if r[3].startswith("?"))
    for item in data:
        assert item["against"] == "RUS" and item["country"] != "RUS"
        assert item["n"] + item["non_votes"] + item["unknown"] == resolutions
        if item["n"]:
            assert 0 <= item["agreement"] <= item["index"] <= 1


# -- compare ---------------------------------------------------------------------------


def test_compare_puts_states_side_by_side_and_marks_differences() -> None:
    run = rca("compare", "kazakhstan", "uzbekistan")
    assert run.exit_code == 0, run.stderr
    members = {row[0]: row for row in run.rows("Memberships")}
    assert members["CSTO"][1].startswith("founding member") and members["CSTO"][2].startswith(
        "suspended")
    assert members["CSTO"][3] == "≠" and members["SCO"][3] == ""
    votes = {row[0]: row for row in run.rows("UN General Assembly votes")}
    assert votes["ES-11/1"][2:] == ["A", "NV", "≠"]
    assert votes["ES-11/3"][2:] == ["N", "N", ""]
    other = {row[0]: row for row in rca("compare", "kaz", "tjk").rows("UN General Assembly votes")}
    assert other["ES-11/9"][2:] == ["A", "?", "?"], "an unknown vote is not a difference"


def test_compare_json_has_a_field_per_state() -> None:
    data = json.loads(rca("compare", "kg", "tj", "tm", "--format", "json").stdout)
    assert data["countries"] == ["KGZ", "TJK", "TKM"]
    for row in data["votes"]:
        assert {"resolution", "date", "KGZ", "TJK", "TKM", "differs", "weak_sources_only",
                "doubtful", "sources", "un_record"} == set(row)
        # each state's vote cell carries its own sources, and the UN file's vote (none here)
        assert set(row["sources"]) == set(row["un_record"]) == {"KGZ", "TJK", "TKM"}
        assert all(row["sources"][s] or row[s] is None for s in ("KGZ", "TJK", "TKM"))
        assert set(row["un_record"].values()) == {None}
    assert any(row["topic"] == "military" and row["KGZ"] for row in data["facts"])


@pytest.mark.parametrize("args", [["kazakhstan"], ["kaz", "KZ"], ["kaz", "atlantis"]])
def test_compare_needs_two_known_states(args: list[str]) -> None:
    run = rca("compare", *args)
    assert run.exit_code == 2 and run.stdout == ""


# -- timeline --------------------------------------------------------------------------


def test_timeline_is_in_date_order_with_partial_dates_first() -> None:
    run = rca("timeline", "--from", "2022", "--to", "2022-12")
    dates = [row[0] for row in run.rows("Timeline")]
    assert dates, run.stdout
    padded = [d + "-00" * (2 - d.count("-")) for d in dates]
    assert padded == sorted(padded)
    assert all(d.startswith("2022") for d in dates)
    assert "2022" in dates and dates.index("2022") < dates.index("2022-01-06")


def test_timeline_mixes_events_and_votes() -> None:
    rows = rca("timeline", "--country", "tajikistan", "--from", "2022-03", "--to", "2022-05").rows(
        "Timeline")
    kinds = {row[1] for row in rows}
    assert {"event", "vote"} <= kinds
    vote = next(row for row in rows if row[2] == "A/RES/ES-11/2")
    assert "TJK A" in vote[4]


def test_timeline_filters_by_theme_and_keeps_region_wide_events() -> None:
    rows = rca("timeline", "-c", "kaz", "--theme", "security").rows("Timeline")
    assert rows and {row[1] for row in rows} == {"event", "fact"}, (
        "votes belong to diplomacy, and memberships have no theme")
    diplomatic = rca("timeline", "-c", "kaz", "-t", "diplomatic", "--from", "2022-10",
                     "--to", "2022-10").rows("Timeline")
    assert any(row[3] == "KAZ, KGZ, TJK, TKM, UZB, RUS" for row in diplomatic)


@pytest.mark.parametrize("bad", ["2022-13", "yesterday", "2022-02-30"])
def test_timeline_refuses_a_date_that_is_not_one(bad: str) -> None:
    run = rca("timeline", "--from", bad)
    assert run.exit_code == 2 and bad in run.stderr


def test_an_empty_timeline_says_so() -> None:
    run = rca("timeline", "--from", "1800", "--to", "1801")
    assert run.exit_code == 0
    assert "The dataset has no events, facts dated to the month or day, membership " \
        "changes or UN votes from 1800 to 1801." in run.stdout


# -- outlook ---------------------------------------------------------------------------


def test_outlook_shows_both_scenarios_with_what_feeds_them_and_signposts() -> None:
    data = json.loads(rca("outlook", "--format", "json").stdout)
    assert [s["claim"] for s in data] == ["C22", "C23"]
    for scenario in data:
        assert scenario["by"] == "commentary author"
        assert scenario["builds_on"] and all(r["kind"] == "assessment"
                                             for r in scenario["builds_on"])
        assert scenario["signposts"]
        for post in scenario["signposts"]:
            assert post["record"]["sources"] and post["record"]["kind"] in ("fact", "event")
            assert post["reading"] and post["by"], "a reading is a judgement, and says whose"


def test_outlook_tables_and_footnotes() -> None:
    run = rca("outlook", "--sources")
    assert run.exit_code == 0, run.stderr
    assert "# Scenario 1: scenario-renewed-role" in run.stdout
    assert run.rows("Signposts: what would show it unfolding")
    assert run.rows("Sources")


def test_a_signpost_on_a_record_that_is_not_a_scenario_is_an_error(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    path = data / "records.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  claim: C21\n", "  claim: C21\n  builds_on: [russia-weaker-a-year-on]\n")
    path.write_text(text, encoding="utf-8")
    run = rca("validate", "--data-dir", str(data))
    assert run.exit_code == 1
    assert "only a scenario has 'builds_on'; 'foothold-eroding' is assessment" in run.stderr


def test_a_reversed_range_is_a_usage_error() -> None:
    run = rca("timeline", "--from", "2023", "--to", "2022")
    assert run.exit_code == 2 and "--from 2023 comes after --to 2022" in run.stderr


def test_timeline_votes_keep_their_marks_and_doubts() -> None:
    rows = rca("timeline", "-c", "iran", "--from", "2022-10-12", "--to", "2022-10-12").rows(
        "Timeline")
    vote = next(row for row in rows if row[1] == "vote")
    assert "IRN NV" in vote[4] and "doubtful" in vote[4]
    rows = rca("timeline", "-c", "usa", "--from", "2022-03-02", "--to", "2022-03-02").rows(
        "Timeline")
    assert "USA Y*" in next(row for row in rows if row[1] == "vote")[4], "weak sources only"
    data = json.loads(rca("timeline", "-c", "iran", "--from", "2022-10-12", "--to",
                          "2022-10-12", "--format", "json").stdout)
    assert next(m for m in data if m["what"] == "vote")["states"] == ["IRN"]


def test_compare_json_says_the_same_of_each_vote_as_votes_json() -> None:
    import json as _json

    compared = _json.loads(rca("compare", "kaz", "uzb", "--format", "json").stdout)["votes"]
    cells = {(v["resolution"], v["country"]): v for v in _json.loads(
        rca("votes", "-c", "kaz", "-c", "uzb", "--format", "json").stdout)}
    for row in compared:
        mine = [cells.get((row["resolution"], code)) for code in ("KAZ", "UZB")]
        votes = [c["vote"] if c else None for c in mine]
        assert [row["KAZ"], row["UZB"]] == votes, row
        known = {v for v in votes if v is not None}
        assert row["differs"] is (True if len(known) > 1 else None if None in votes else False)
        assert row["weak_sources_only"] == [code for code, c in zip(("KAZ", "UZB"), mine,
                                                                   strict=True)
                                            if c and c["weak_sources_only"]], row
    assert any(row["differs"] is None for row in compared), "an unknown vote is not agreement"
