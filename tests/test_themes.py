"""`rca themes`: pressure points by theme, state by state."""

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


def records(theme: str, table: str) -> list[dict[str, str]]:
    run = rca("themes", theme)
    assert run.exit_code == 0, run.stderr
    header = run.header(table)
    return [dict(zip(header, row, strict=True)) for row in run.rows(table)]


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
    assert "45 percent of GDP (as of 2024" in remittances["figures"]
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
    assert max(len(line) for line in run.stdout.splitlines()) <= 80
    assert "Peaceful protests" in run.stdout
