"""`rca themes`: pressure points by theme, state by state."""

import json
import re

from rich.cells import cell_len

from conftest import rca

THEMES = ["security", "economic", "societal", "diplomatic", "outlook"]


def test_themes_are_listed_with_counts_that_add_up() -> None:
    run = rca("themes")
    assert run.exit_code == 0
    header = run.header()
    rows = {row[0]: dict(zip(header, row, strict=True)) for row in run.rows()}
    assert list(rows) == THEMES
    for row in rows.values():
        assert int(row["points"]) == sum(int(row[k]) for k in ("fact", "event", "assessment",
                                                               "scenario"))
    assert int(rows["security"]["points"]) > 0


def records(theme: str, table: str, *options: str) -> list[dict[str, str]]:
    """The rows of one table of ``rca themes THEME``; "State by state": of every state's."""
    run = rca("themes", theme, *options)
    assert run.exit_code == 0, run.stderr
    titles = [table] if table != "State by state" else [
        line[2:] for line in run.stdout.splitlines()
        if re.fullmatch(r"# [A-Z][\w ]+ \([A-Z]{3}\)", line)]
    return [dict(zip(run.header(t), row, strict=True)) for t in titles for row in run.rows(t)]


def test_each_state_has_a_heading_over_its_points() -> None:
    run = rca("themes", "security")
    headings = [line[2:] for line in run.stdout.splitlines()
                if re.fullmatch(r"# [A-Z][\w ]+ \([A-Z]{3}\)", line)]
    assert headings[:3] == ["Kazakhstan (KAZ)", "Kyrgyzstan (KGZ)", "Tajikistan (TJK)"]
    for heading in headings:
        iso3 = heading[-4:-1]
        rows = [dict(zip(run.header(heading), row, strict=True)) for row in run.rows(heading)]
        assert rows and all(row["countries"] == "all five" or iso3 in row["countries"]
                            for row in rows), heading


def test_country_option_keeps_that_states_points_and_the_region_wide_ones() -> None:
    mine = records("security", "State by state", "-c", "tajikistan")
    assert mine and all("TJK" in row["countries"] or row["countries"] == "all five"
                        for row in mine)
    everything = records("security", "State by state")
    assert len(mine) < len(everything)
    assert records("security", "Region-wide", "-c", "tjk") == records("security",
                                                                      "Region-wide")
    counts = {row[0]: int(row[1]) for row in rca("themes", "-c", "tjk").rows()}
    whole = {row[0]: int(row[1]) for row in rca("themes").rows()}
    assert all(counts[t] <= whole[t] for t in whole) and counts != whole


def test_security_points_state_by_state() -> None:
    rows = records("security", "State by state")
    ids = [row["id"] for row in rows]
    assert "kaz-csto-deployment-2022" in ids
    assert "islamic-state-rockets-2022" in ids
    assert all(row["countries"] != "region" for row in rows)
    assert rows[0]["countries"].startswith("KAZ")
    region = records("security", "Region-wide")
    assert {row["id"] for row in region} >= {"csto-not-mobilised-for-armenia",
                                             "security-provider-role-lost"}
    assert all(row["countries"] == "region" for row in region)


def test_economic_and_societal_points() -> None:
    economic = {row["id"]: row for row in records("economic", "State by state")}
    for claim in ("economic-basis-weakened", "sanctions-leverage"):
        assert economic[claim]["countries"] == "all five"
        assert economic[claim]["kind"] == "assessment, by commentary author"
    remittances = economic["eco-remit-tjk-2024"]
    assert remittances["topic"] == "economy" and remittances["countries"] == "TJK"
    assert "remittances: 45 % of GDP (as of 2024" in remittances["figures"]
    societal = records("societal", "State by state")
    relocation = next(row for row in societal if row["id"] == "russian-relocation-strain")
    assert "hundreds of thousands" in relocation["statement"].lower()


def test_outlook_scenarios_are_region_wide() -> None:
    rows = records("outlook", "Region-wide")
    assert {row["kind"] for row in rows} == {"scenario, by commentary author"}


def test_theme_matching_is_forgiving() -> None:
    assert rca("themes", "SECURITY").exit_code == 0
    assert "# Economic" in rca("themes", "econ").stdout


def test_unknown_theme_is_a_usage_error() -> None:
    run = rca("themes", "securty")
    assert run.exit_code == 2
    assert "Did you mean: security" in run.stderr


def test_terminal_table_fits_the_width() -> None:
    run = rca("themes", "security", TTY_COMPATIBLE="1", NO_COLOR="1", COLUMNS="80")
    assert max(cell_len(line) for line in run.stdout.splitlines()) <= 80
    assert "Peaceful protests" in run.stdout


FIVE = ("KAZ", "KGZ", "TJK", "TKM", "UZB")


def _listed(theme: str, state: str) -> list[dict]:
    run = rca("themes", theme, "-c", state, "--format", "json")
    assert run.exit_code == 0, run.stderr
    return json.loads(run.stdout)


def test_pressure_points_mean_one_thing_in_every_command() -> None:
    themes = [row["id"] for row in json.loads(rca("themes", "--format", "json").stdout)]
    compared = json.loads(rca("compare", *FIVE, "--format", "json").stdout)
    by_theme = {row["theme"]: row for row in compared["pressure_points"]}
    for state in FIVE:
        summary = json.loads(rca("country", state, "--only", "summary",
                                 "--format", "json").stdout)["summary"]["points_by_theme"]
        counted = {row["id"]: row["points"] for row in json.loads(
            rca("themes", "-c", state, "--format", "json").stdout)}
        for theme in themes:
            listed = [row["id"] for row in _listed(theme, state)]
            assert summary.get(theme, 0) == len(listed) == counted[theme], (state, theme)
            assert sorted(by_theme[theme][state]) == sorted(listed), (state, theme)


def test_a_theme_for_one_state_opens_on_that_state_in_date_order() -> None:
    run = rca("themes", "security", "-c", "tjk")
    headings = [line for line in run.stdout.splitlines() if line.startswith("# ")
                and not line.startswith("# by ")]
    assert headings[1] == "# Tajikistan (TJK)", headings
    for state in ("tjk", "kgz,tjk", "uzb"):
        rows = _listed("security", state)
        named = [row for row in rows if row["countries"] != "region"]
        first = state.split(",")[0].upper()
        lead = [row for row in named if first in row["countries"]]
        assert named[:len(lead)] == lead, "the state asked for comes first"
        dates = [row["date"] or "9999" for row in lead]  # undated last
        assert dates == sorted(dates), (state, dates)
