"""`rca votes`: the states x resolutions matrix."""

import csv
import json
from pathlib import Path

import pytest
from rich.cells import cell_len

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


# Cells filled after the review's table was drawn up, each with the address of the page that states
# it; the test below checks that the vote cites a source at that address.
FOUND_SINCE = {
    ("ES-11/9", "MNG", "A"): "https://gordonua.com/news/politics/henassambleja-oon-podderzhala-",
    ("ES-11/3", "MNG", "A"): "https://isee.mn/n/34126",
}


def reviewed_votes() -> set[tuple[str, str, str]]:
    """(resolution code, state, vote) as the pages the review found state them."""
    found = set(FOUND_SINCE)
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


def test_each_vote_filled_since_the_review_cites_the_page_that_states_it() -> None:
    for (code, state, vote), address in FOUND_SINCE.items():
        (cell,) = json.loads(rca("votes", "-r", code, "-c", state, "--format", "json").stdout)
        assert cell["vote"] == vote, (code, state)
        urls = [json.loads(rca("sources", s, "--format", "json").stdout)["url"]
                for s in cell["sources"]]
        assert any(url.startswith(address) for url in urls), (code, state)


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


# -- the uncertain cells --------------------------------------------------------------------

def uncertain(*args: str, **env: str) -> dict[tuple[str, str], dict[str, object]]:
    run = rca("votes", "--uncertain", *args, "--format", "json", **env)
    assert run.exit_code == 0, run.stderr
    return {(row["resolution"], row["country"]): row for row in json.loads(run.stdout)}


def expected_uncertain(*args: str) -> dict[tuple[str, str], list[str]]:
    """Why each cell is uncertain, worked out from the known votes of `rca votes --format
    json` alone: a cell of the grid with no object is unknown; a vote is weak where it rests
    on weak sources only, doubtful where it has a note or a contested report."""
    known = json.loads(rca("votes", *args, "--format", "json").stdout)
    states = list(dict.fromkeys(v["country"] for v in known))
    symbols = list(dict.fromkeys(v["resolution"] for v in known))
    votes = {(v["resolution"], v["country"]): v for v in known}
    found: dict[tuple[str, str], list[str]] = {}
    for symbol in symbols:
        for state in states:
            v = votes.get((symbol, state))
            why = ["unknown"] if v is None else [
                reason for reason, applies in (("weak", v["weak_sources_only"]),
                                               ("doubtful", v["note"] or v["contested"]))
                if applies]
            if why:
                found[symbol, state] = why
    return found


@pytest.mark.parametrize("args", [(), ("--all",)])
def test_uncertain_lists_every_unknown_weak_and_doubtful_cell(args: tuple[str, ...]) -> None:
    wanted = expected_uncertain(*args)
    listed = uncertain(*args)
    assert {key: row["why"] for key, row in listed.items()} == wanted
    assert "doubtful" in listed["A/RES/ES-11/2", "TKM"]["why"]
    assert listed["A/RES/ES-11/2", "TKM"]["vote"] == "NV"
    assert "did not comment" in str(listed["A/RES/ES-11/2", "TKM"]["note"])
    kinds = {why for whys in wanted.values() for why in whys}
    assert kinds == {"unknown", "weak", "doubtful"}, "the data has cells of every kind"


def test_every_marked_cell_of_the_grid_is_listed_as_uncertain_and_no_other() -> None:
    listed = {(symbol.removeprefix("A/RES/"), state): row["why"]
              for (symbol, state), row in uncertain("--all").items()}
    marks = {"?": "unknown", "*": "weak", "~": "doubtful"}
    run = rca("votes", "--all")
    states = [name for name in run.header() if len(name) == 3 and name.isupper()]
    marked = {}
    for code, row in matrix("--all").items():
        for state in states:
            why = [reason for mark, reason in marks.items() if mark in row[state]]
            if why:
                marked[code, state] = why
    assert marked == listed


def test_an_uncertain_cell_carries_its_vote_sources_and_their_quality() -> None:
    quality = {s["id"]: s["quality"] for s in json.loads(rca("sources", "-f", "json").stdout)}
    known = {(v["resolution"], v["country"]): v
             for v in json.loads(rca("votes", "--all", "--format", "json").stdout)}
    for key, row in uncertain("--all").items():
        vote = known.get(key)
        assert row["vote"] == (vote["vote"] if vote else None), key
        assert row["sources"] == (vote["sources"] if vote else []), key
        assert row["source_quality"] == {s: quality[s] for s in row["sources"]}, key
        assert row["note"] == (vote["note"] if vote else None), key
        assert row["un_record"] is None, "no UN file imported"


def test_uncertain_takes_the_filters_of_the_grid() -> None:
    listed = uncertain("-c", "turkmenistan", "-r", "ES-11/2,ES-11/7,ES-11/1")
    assert set(listed) == {("A/RES/ES-11/2", "TKM"), ("A/RES/ES-11/7", "TKM")}
    assert [row["why"] for row in listed.values()] == [["doubtful"], ["unknown"]]
    assert uncertain("-c", "rus", "-r", "ES-11/1") == {}
    run = rca("votes", "--uncertain", "-c", "rus", "-r", "ES-11/1")
    assert run.rows() == [] and "# 0 uncertain votes" in run.stdout


@pytest.mark.parametrize("fmt", ["table", "tsv", "csv", "yaml", "markdown"])
def test_uncertain_in_every_format(fmt: str) -> None:
    import yaml

    run = rca("votes", "--uncertain", "-c", "tkm,kaz", "-r", "ES-11/2,ES-11/7", "-f", fmt)
    assert run.exit_code == 0, run.stderr
    if fmt == "yaml":
        rows = yaml.safe_load(run.stdout)
        found = {(r["country"], r["resolution"]): r["why"] for r in rows}
    elif fmt == "markdown":
        lines = [line.strip("|").split(" | ") for line in run.stdout.splitlines()]
        header = [cell.strip() for cell in lines[0]]
        rows = [dict(zip(header, (c.strip() for c in line), strict=True)) for line in lines[2:]]
        found = {(r["country"], r["resolution"]): r["why"] for r in rows}
    else:
        lines = run.rows() if fmt == "table" else list(
            csv.reader(run.stdout.splitlines(), delimiter="," if fmt == "csv" else "\t"))[1:]
        header = run.header() if fmt == "table" else run.stdout.splitlines()[0].split(
            "," if fmt == "csv" else "\t")
        rows = [dict(zip(header, line, strict=True)) for line in lines]
        found = {(r["country"], r["resolution"].removeprefix("A/RES/")): r["why"]
                 for r in rows}
    found = {(state, symbol.removeprefix("A/RES/")): why for (state, symbol), why in
             found.items()}
    joined = {key: why if isinstance(why, str) else "; ".join(why) for key, why in found.items()}
    assert {key: why.replace(", ", "; ") for key, why in joined.items()} == {
        ("TKM", "ES-11/2"): "doubtful", ("TKM", "ES-11/7"): "unknown",
        ("KAZ", "ES-11/7"): "weak; doubtful"}


def test_uncertain_gives_the_un_files_vote_once_one_is_imported(tmp_path: Path) -> None:
    from test_history_check import imported

    env = imported(tmp_path)  # the file has a TJK vote on ES-11/9, which the dataset lacks
    row = uncertain("-c", "tjk", "-r", "ES-11/9", **env)["A/RES/ES-11/9", "TJK"]
    assert (row["vote"], row["why"], row["un_record"]) == (None, ["unknown"], "A")
    run = rca("votes", "--uncertain", "-c", "tjk", "-r", "ES-11/9", **env)
    assert run.rows()[0][run.header().index("un_record")] == "A"
    assert "# UN record: the imported UN file's vote" in run.stdout


# -- the doubt mark on the grid, and the one legend ----------------------------------------

def terminal_lines(*args: str, width: int = 80) -> list[str]:
    run = rca(*args, "--no-pager", TTY_COMPATIBLE="1", NO_COLOR="1", COLUMNS=str(width),
              LINES="24")
    assert run.exit_code == 0, run.stderr
    return [line.rstrip() for line in run.stdout.splitlines()]


def test_the_grid_marks_tkms_doubtful_es_11_2_at_80_columns() -> None:
    assert matrix()["ES-11/2"]["TKM"] == "NV~", "in a pipe"
    lines = terminal_lines("votes")
    header = next(line for line in lines if line.startswith("Resolution "))
    row = next(line for line in lines if line.startswith("ES-11/2"))
    at = header.index("TKM")
    assert row[at:at + 4].rstrip() == "NV~", row
    assert max(cell_len(line) for line in lines) <= 80
    assert any(line.startswith("~ TKM on ES-11/2: doubtful") for line in lines)


def test_the_turned_grid_marks_doubts_and_points_to_the_list() -> None:
    lines = terminal_lines("votes", "--all")
    header = next(line for line in lines if line.startswith("State "))
    row = next(line for line in lines if line.startswith("TKM Turkmenistan"))
    codes = [c["resolution"] for c in json.loads(rca("resolutions", "-f", "json").stdout)]
    number = str(codes.index("A/RES/ES-11/2") + 1)
    at = header.index(f" {number} ") + 1
    assert row[at:at + 4].rstrip() == "NV~", row
    text = " ".join(lines)
    assert "TKM on ES-11/2" in text and "rca votes --uncertain" in text


def legend_lines(stdout: str) -> list[str]:
    """The legend of the votes in a pipe: the comment line that opens with 'Y yes' and the
    one after it."""
    lines = stdout.splitlines()
    at = [i for i, line in enumerate(lines) if line.startswith("# Y yes")]
    assert at, stdout[-500:]
    return [line for i in at for line in lines[i:i + 2]]


def test_the_legend_reads_the_same_under_every_table_of_votes() -> None:
    plainly = "? no sourced vote in the dataset (rca history check compares with the UN file)"
    runs = {args: rca(*args).stdout for args in (
        ("votes",), ("votes", "--all"), ("country", "kaz"), ("country", "kaz", "--only", "votes"),
        ("compare", "kaz", "tkm"), ("timeline", "-c", "tkm", "--from", "2022-03"))}
    legends = {args: legend_lines(out) for args, out in runs.items()}
    first = legends["votes",]
    assert f"# {plainly}" in first
    for args, legend in legends.items():
        assert legend == first * (len(legend) // len(first)), args
    # on a terminal wide enough not to wrap them, the same two lines
    for args in (("votes",), ("country", "kaz"), ("country", "kaz", "--only", "votes"),
                 ("compare", "kaz", "tkm"), ("votes", "--uncertain")):
        shown = terminal_lines(*args, width=200)
        for line in first:
            assert line.removeprefix("# ") in shown, (args, line)


def test_sources_number_each_vote_on_its_cell_and_the_resolution_on_its_row() -> None:
    run = rca("votes", "-c", "kaz", "-c", "uzb", "-r", "ES-11/7", "--sources")
    header, row = run.header("UN General Assembly votes"), run.rows("UN General Assembly votes")[0]
    number = {n: source for n, source, _citation in run.rows("Sources")}

    def cited(cell: str) -> list[str]:
        return [number[part] for part in cell.split() if part.startswith("[")]

    resolution = json.loads(rca("resolutions", "ES-11/7", "--format", "json").stdout)[0]
    votes = json.loads(rca("votes", "-c", "kaz", "-c", "uzb", "-r", "ES-11/7",
                           "--format", "json").stdout)
    assert cited(row[header.index("sources")]) == resolution["sources"]
    for vote in votes:
        cell = row[header.index(vote["country"])]
        assert cell.split()[0].rstrip("*~") == vote["vote"]
        assert cited(cell) == vote["sources"], vote["country"]
    assert cited(row[header.index("KAZ")]) != cited(row[header.index("sources")])
