"""What a terminal or a pipe gets, at any width and in any environment."""

import itertools
import re

import pytest
from rich.cells import cell_len

from conftest import as_json, drawn, rca

COMMANDS = [["country", "uzbekistan", "--full"], ["votes"], ["themes"], ["themes", "security"],
            ["countries"], ["sources", "commentary"], ["alignment"], ["compare", "kaz", "uzb"],
            ["timeline", "--from", "2022-09", "--to", "2022-10"], ["search", "csto"],
            ["outlook"]]
#: the fields a terminal cuts with … where the window is too narrow for them (and below
#: 80 columns, compare shows each state's values without their notes)
CLIPPED = {("countries", "official_name"), ("countries", "aliases")}
ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("width", ["30", "50", "80", "120", "400"])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_terminal_output_fits_the_window_and_loses_nothing(args: list[str], width: str) -> None:
    run = rca(*args, TTY_COMPATIBLE="1", COLUMNS=width)
    assert run.exit_code == 0, run.stderr
    lines = [ESCAPE.sub("", line) for line in run.stdout.splitlines()]
    assert max(cell_len(line) for line in lines) <= int(width)
    screen = "\n".join(lines)
    plain = rca(*args)  # every word of the plain output is on the screen, whole
    previous, fields, title = "", [], ""
    for row in plain.stdout.splitlines():
        header, previous = previous.startswith("# "), row
        if header:
            fields = row.split("\t")
        title = row if row.startswith("# ") else title
        if header or row.startswith("# ") or "\t" not in row:
            continue
        if args[0] == "compare" and title == "# Pressure points":
            # the terminal draws the number of points per theme, not their ids
            assert all(f" {len(cell.split(', ')) - 1} " in f" {screen} "
                       for cell in row.split("\t")[1:-1] if cell), row[:80]
            continue
        for field, value in zip(fields, row.split("\t"), strict=True):
            if (args[0], field) in CLIPPED or (args[0] == "compare" and int(width) < 80):
                continue
            for word in re.split(r"[\s,]+", value):
                if len(word) < int(width) // 2:  # longer words may fold across lines
                    assert word in screen, (width, word)


@pytest.mark.parametrize("env", [{"TERM": "dumb"}, {"LANG": "C", "LC_ALL": "C"},
                                 {"NO_COLOR": "1"}, {"FORCE_COLOR": "1"}])
def test_odd_environments_still_give_readable_output(env: dict[str, str]) -> None:
    run = rca("votes", **env)
    assert run.exit_code == 0
    assert "ES-11/1" in run.stdout
    if "NO_COLOR" in env:
        assert "\x1b" not in run.stdout


@pytest.mark.parametrize("width", ["45", "52", "60", "70", "81", "90", "110", "120", "200"])
def test_the_summary_never_parts_a_resolution_from_its_vote(width: str) -> None:
    run = rca("country", "kazakhstan", "--only", "summary", TTY_COMPATIBLE="1", COLUMNS=width)
    lines = run.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("UN votes"))
    end = next(i for i, line in enumerate(lines) if line.startswith("Pressure points"))
    votes = " ".join(line[len("UN votes"):].strip() for line in lines[start:end])
    pairs = [pair.strip() for pair in votes.replace("\u00a0", " ").split("·")]
    assert len(pairs) == 12 and all(re.fullmatch(r"\S.* (Y|N|A|NV|\?)[*~]*", p) for p in pairs)
    for line in lines[start:end]:
        kept = line[len("UN votes"):].replace("\u00a0", " ").strip()
        assert not re.match(r"(Y|N|A|NV|\?)[*~]*( ·|$)", kept), (width, line)


@pytest.mark.parametrize("width", ["45", "52", "60", "66", "72", "80", "120"])
def test_a_total_stays_one_labelled_figure_at_every_width(width: str) -> None:
    lines = rca("votes", TTY_COMPATIBLE="1", NO_COLOR="1", COLUMNS=width).stdout.splitlines()
    assert any("100-11-58" in line for line in lines), width
    if int(width) in (52, 60):  # the totals under the title, labelled, beside the NV count
        assert "Y-N-A: 100-11-58 · NV: 24" in [line.strip() for line in lines], width
    assert not any(line.strip().startswith(("yes:", "no:", "abstain:")) for line in lines)


@pytest.mark.parametrize("width", ["30", "34", "38", "40"])
def test_a_narrow_summary_names_each_line_and_keeps_each_vote_with_its_resolution(
        width: str) -> None:
    lines = rca("country", "kgz", "--only", "summary", TTY_COMPATIBLE="1", NO_COLOR="1",
                COLUMNS=width).stdout.splitlines()
    assert not any(line.startswith(("Field:", "Value:")) for line in lines)
    if int(width) < 34:  # blocks, each line named by its row
        assert any(line.startswith("UN votes: ") for line in lines), lines
    start = next(i for i, line in enumerate(lines) if line.startswith("UN votes"))
    end = next(i for i, line in enumerate(lines) if line.startswith("Pressure"))
    for line in lines[start:end]:
        kept = line.removeprefix("UN votes").lstrip(": ").replace("\u00a0", " ").strip()
        assert not re.match(r"(Y|N|A|NV|\?)[*~]*( ·|$)", kept), (width, line)
        assert not kept.startswith("·"), (width, line)


@pytest.mark.parametrize("width", ["60", "70", "80", "90", "110"])
def test_no_line_of_the_summary_starts_with_a_dot(width: str) -> None:
    lines = rca("country", "kazakhstan", "--only", "summary", TTY_COMPATIBLE="1",
                NO_COLOR="1", COLUMNS=width).stdout.splitlines()
    assert not any(line.strip().startswith("·") for line in lines), width


@pytest.mark.parametrize("width", ["70", "80", "90"])
def test_a_vote_on_the_timeline_keeps_each_state_with_its_vote(width: str) -> None:
    lines = rca("timeline", "--from", "2025-12", "--to", "2025-12", TTY_COMPATIBLE="1",
                NO_COLOR="1", COLUMNS=width).stdout.splitlines()
    assert any("RUS N" in line for line in lines)
    for line in lines:
        assert not re.search(r"\b(KAZ|KGZ|TJK|TKM|UZB|RUS)\s*$", line), (width, line)


def test_blocks_do_not_say_a_label_twice_and_prose_never_gets_a_sliver() -> None:
    blocks = rca("resolutions", TTY_COMPATIBLE="1", NO_COLOR="1", COLUMNS="45").stdout
    assert "Note: note:" not in blocks and "\nnote: 35 abstentions" in blocks
    outlook = rca("outlook", TTY_COMPATIBLE="1", NO_COLOR="1", COLUMNS="45").stdout
    assert "\nStatement: If Russia accepts" in outlook


@pytest.mark.parametrize("width", ["56", "64", "70", "80", "100"])
def test_compare_never_cuts_a_word_that_fits_its_column(width: str) -> None:
    args = ("compare", "kaz", "kgz", "tjk", "tkm", "uzb")
    words = set(re.findall(r"\S+", rca(*args).stdout.replace("\t", " ")))
    lines = drawn(*args, width=int(width))
    assert max(cell_len(line) for line in lines) <= int(width)
    cuts, starts = [], None
    for above, below in itertools.pairwise(lines):
        if re.match(r"(Organisation|Topic|Resolution|Theme) +KAZ", above):  # a heading
            starts = [m.start() for m in re.finditer(r"\S+", above)] + [int(width)]
            continue
        if starts is None or not below.strip():
            continue
        for left, right in itertools.pairwise(starts):
            end, start = above[left:right].split(), below[left:right].split()
            whole = end[-1] + start[0] if end and start else ""
            # a word is cut where it was whole in the pipe and would have fitted its column
            if whole in words and end[-1] not in words and len(whole) <= right - left - 2:
                cuts.append(end[-1] + "|" + start[0])
    assert not cuts, (width, cuts)
    if int(width) >= 80:  # a table, one row per topic
        assert any(line.split()[:2] == ["Topic", "KAZ"] for line in lines)


@pytest.mark.parametrize("width", ["45", "52", "60", "64", "72", "90"])
@pytest.mark.parametrize("args", [["country", "kazakhstan", "--only", "summary"], ["votes"],
                                  ["timeline", "--from", "2025-12", "--to", "2025-12"]],
                         ids=" ".join)
def test_a_legend_keeps_each_mark_with_its_meaning(args: list[str], width: str) -> None:
    lines = drawn(*args, width=int(width))
    for line in lines:
        assert not line.strip().startswith("·"), (width, line)
        assert not re.search(r"(^|· )(Y|N|A|NV|\*|~|\?)$", line.rstrip()), (width, line)


@pytest.mark.parametrize(("args", "width", "word"), [
    (["resolutions"], "40", "move2turkey-2022-abstentions-conflicting"),
    (["country", "tjk", "--full"], "48", "peoplecn-2001-uzbekistan-admitted-shanghai-five")])
def test_a_block_does_not_indent_a_line_out_of_the_window(args: list[str], width: str,
                                                          word: str) -> None:
    screen = "\n".join(drawn(*args, width=int(width)))
    assert word in screen.split(), (width, word)


def screen_parts(screen: str) -> set[str]:
    """The parts of the words a terminal shows, split at spaces, punctuation and hyphens."""
    return set(re.split(r"[\s,;:()\[\]'\-–]+", screen))


def cited(plain: str) -> set[str]:
    """The source ids in the ``sources`` field of every table of a pipe's output."""
    ids: set[str] = set()
    fields: list[str] = []
    previous = ""
    for line in plain.splitlines():
        if previous.startswith("# "):
            fields = line.split("\t")
        elif "\t" in line and "sources" in fields and not line.startswith("#"):
            cell = line.split("\t")[fields.index("sources")]
            ids.update(cell.split(", ") if cell else [])
        previous = line
    return ids


@pytest.mark.parametrize(("args", "width"), [
    (["timeline", "--from", "2025-01"], "52"), (["themes", "security"], "45"),
    (["country", "tjk", "--full"], "60"), (["outlook"], "52"),
])
def test_a_source_id_too_long_for_its_column_breaks_after_a_hyphen(
        args: list[str], width: str) -> None:
    """A source id longer than its column breaks where it has a hyphen, so that each of
    its parts is whole on the screen, and the id reads on across the break."""
    screen = "\n".join(drawn(*args, width=int(width)))
    ids = {i for i in cited(rca(*args).stdout) if len(i) > 24}
    assert len(ids) > 5, ids  # the answer has long ids to check
    shown = screen_parts(screen)
    missing = sorted({part for i in ids for part in i.split("-") if part not in shown})
    assert not missing, missing
    for i in ids:  # what ends a line inside an id ends at one of its hyphens
        for line in screen.splitlines():
            end = line.split(" ")[-1]
            if len(end) >= 8 and i.startswith(end) and end != i:
                assert end.endswith("-"), (i, line)


@pytest.mark.parametrize("width", ["45", "47", "60", "80"])
def test_a_membership_keeps_since_beside_its_date(width: str) -> None:
    """The summary and compare write "since 1992-05-15" on one line, never "since" at the
    end of a line and the date alone under it (below 80 columns compare puts the date under
    the status, without the word)."""
    for args in (["country", "kazakhstan"], ["compare", "kaz", "uzb"]):
        lines = drawn(*args, width=int(width))
        assert args[0] == "compare" or any(re.search(r"since \d{4}", line) for line in lines)
        assert not [line for line in lines if line.rstrip().endswith(" since")], args


@pytest.mark.parametrize("width", ["40", "46"])
def test_a_narrow_list_of_names_and_values_names_each_line_by_its_row(width: str) -> None:
    """`data info` (and `history status`, drawn the same way) below 50 columns: each line
    is named by its field, never a pair of lines "Field: as_of" / "Value: 2026-12-04"."""
    lines = drawn("data", "info", width=int(width))
    assert not any(line.startswith(("Field:", "Value:")) for line in lines), lines
    info = as_json("data", "info")
    for name in ("as_of", "latest"):  # a block's line, or a table's row
        assert any(re.fullmatch(rf"{name}:? +{info[name]}", line.strip()) for line in lines)


@pytest.mark.parametrize("width", ["45", "48", "60"])
def test_a_figure_of_the_summary_keeps_its_number_beside_what_it_measures(width: str) -> None:
    """No line of the summary ends in "what it measures:" with the number alone under it."""
    lines = drawn("country", "kazakhstan", width=int(width))
    assert any(re.search(r": [\d,.]+ ", line) for line in lines)  # figures are drawn
    parted = [(a, b) for a, b in itertools.pairwise(lines)
              if a.endswith(":") and re.match(r"\s*[\d,.]+ ", b)]
    assert not parted, parted


@pytest.mark.parametrize("width", ["70", "100"])
def test_the_turned_vote_matrix_keeps_every_total(width: str) -> None:
    """Turned on its side (states as rows), the matrix names each resolution with its
    Y-N-A totals and its non-voting count, as the matrix does."""
    lines = drawn("votes", "--all", width=int(width))
    assert any(line.startswith("State ") for line in lines)
    assert any(line.startswith("No ") and line.rstrip().endswith("NV") for line in lines)
    for row in as_json("resolutions"):
        totals = f"{row['yes']}-{row['no']}-{row['abstain']}"
        assert any(re.search(rf"{totals} +{row['non_voting']}\b", line) for line in lines), row


@pytest.mark.parametrize("width", ["45", "66", "80", "120"])
def test_an_uncertain_vote_names_its_resolution_s_title(width: str) -> None:
    lines = drawn("votes", "--uncertain", width=int(width))
    screen = " ".join(line.strip() for line in lines)
    for row in as_json("votes", "--uncertain"):
        assert " ".join(row["short"].split()[:3]) in screen, row["short"]


@pytest.mark.parametrize(("args", "doubled"), [
    (["outlook"], "Reading by: by "), (["resolutions"], "Draft: draft "),
    (["resolutions"], "Meeting: meeting "), (["resolutions"], "Symbol confirmed: symbol "),
])
def test_a_block_does_not_label_a_value_that_names_itself(args: list[str], doubled: str) -> None:
    """Below 50 columns a value such as "by rca editors" or "draft A/ES-11/L.16/Rev.1"
    stands without a label that says the same word again."""
    screen = "\n".join(drawn(*args, width=46))
    assert doubled not in screen
    assert f"\n{doubled.split(': ')[1]}" in screen  # the value is still there, alone


def test_a_block_labels_each_field_as_its_column_is_headed() -> None:
    screens = {name: "\n".join(drawn(name, width=46)) for name in ("themes", "countries")}
    assert "F/E/A/S: " in screens["themes"] and "Kinds: " not in screens["themes"]
    assert "Official name; also known as: " in screens["countries"]
    assert "\nAlso: " not in screens["countries"]


@pytest.mark.parametrize("width", ["47", "55", "62", "70"])
def test_the_states_keep_their_official_and_other_names_where_they_cannot_be_cut(
        width: str) -> None:
    """Too narrow to give the names at least 24 columns before "…", `rca countries` wraps
    them rather than leaving them out: every official name is on the screen."""
    screen = " ".join(line.strip() for line in drawn("countries", width=int(width)))
    for state in as_json("countries"):
        assert state["official_name"] in screen, state["iso3"]
        assert all(alias in screen for alias in state["aliases"]), state["iso3"]


@pytest.mark.parametrize("width", [45, 50, 60, 65, 69, 70, 80])
def test_a_state_s_vote_is_beside_or_just_under_its_resolution(width: int) -> None:
    """Below the width of three columns the vote moves under its resolution's symbol, not
    under its sources, where it was last of a cell of ids."""
    cells = as_json("country", "kaz", "--only", "votes")["votes"]
    lines = drawn("country", "kaz", "--only", "votes", width=width)
    assert len(cells) > 5
    for cell in cells:
        key, vote = re.escape(cell["resolution"].removeprefix("A/RES/")), cell["vote"] or "?"
        mark = rf"{re.escape(vote)}(?=[*~ ✓]|$)"
        at = next(i for i, line in enumerate(lines) if re.match(rf"(Resolution: )?{key}", line))
        beside = re.match(rf"{key}\s.*\s{mark}", lines[at])
        under = re.match(rf"vote: {mark}", lines[at + 1])
        block = any(re.match(rf"Vote: {mark}", line) for line in lines[at:at + 5])
        assert beside or under or block, (width, key, lines[at:at + 4])


@pytest.mark.parametrize("width", [54, 56, 60, 64, 66, 72])
def test_the_vote_matrix_keeps_every_state_a_column_down_to_54(width: int) -> None:
    """Where the totals' columns do not fit, the totals go under the title, so that no
    state's vote is moved out of its column into a labelled line."""
    lines = drawn("votes", width=width)
    header = next(line for line in lines if line.startswith("Resolution "))
    assert header.split()[1:7] == ["KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS"], header
    assert not any(re.match(r"(KAZ|KGZ|TJK|TKM|UZB|RUS): ", line) for line in lines)
