"""--format json|csv|yaml|markdown on every listing command: parse the output, compare fields."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REFERENCE_VOTES, rca, reference

LISTINGS = [
    ("countries",),
    ("votes",),
    ("votes", "-c", "iran", "-r", "ES-11/4"),
    ("themes",),
    ("themes", "security"),
    ("sources",),
    ("alignment",),
    ("alignment", "--against", "usa", "-r", "ES-11/1"),
    ("timeline", "--from", "2022-09", "--to", "2022-10"),
    ("search", "csto"),
]
SINGLE = [("country", "kazakhstan"), ("sources", "commentary"), ("compare", "kaz", "uzb")]
SECTIONS = {"country": ("memberships", "votes", "facts", "pressure_points", "events"),
            "sources": ("cited_by",),
            "compare": ("memberships", "facts", "votes", "pressure_points")}


def output(*args: str) -> str:
    run = rca(*args)
    assert run.exit_code == 0, run.stderr
    assert run.stderr == ""
    return run.stdout


def as_json(*args: str) -> Any:
    return json.loads(output(*args, "--format", "json"))


def flat(value: Any, joiner: str = "; ") -> str:
    """What a csv or markdown cell holds for a json value: list items joined by "; ", an
    object's fields as key=value pairs, a list inside an object joined by " / "."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return joiner.join(flat(v) for v in value)
    if isinstance(value, dict) and "unit" not in value:  # e.g. a membership: key=value pairs
        return ", ".join(f"{k}={flat(v, ' / ')}" for k, v in value.items()
                         if v not in (None, [], ""))
    if isinstance(value, dict):  # a figure, with its note and the source's words
        unit = value["unit"].replace("percent", "%", 1)
        text = f"{value['value']:,} {unit} (as of {value['as_of']}"
        text += f"; {value['note']})" if value.get("note") else ")"
        text = f"{value['measures']}: {text}" if value.get("measures") else text
        return f"{text}: '{value['wording']}'" if value.get("wording") else text
    return str(value)


def _read_markdown(cell: str) -> str:
    """The text a markdown reader shows for a cell: backslash escapes and entities read."""
    import html
    import re

    return html.unescape(re.sub(r"\\([\\|\[\]`])", r"\1", cell))


def markdown_tables(text: str) -> list[list[list[str]]]:
    """The pipe tables in a markdown text, each as rows of cells (header first)."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|") and set(line) <= {"|", "-", " "}:
            assert len(current) == 1, "the separator comes right under the header"
        elif line.startswith("| "):
            cells = [_read_markdown(c.strip()) for c in line[2:-2].split(" | ")]
            current.append(cells)
        elif current:
            tables.append(current)
            current = []
    return tables


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_json_is_a_list_of_objects_with_the_same_fields(args: tuple[str, ...]) -> None:
    data = as_json(*args)
    assert isinstance(data, list) and data
    keys = list(data[0])
    assert all(list(item) == keys for item in data)


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_yaml_holds_the_same_data_as_json(args: tuple[str, ...]) -> None:
    assert yaml.safe_load(output(*args, "--format", "yaml")) == as_json(*args)


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_csv_has_a_header_and_one_row_per_object(args: tuple[str, ...]) -> None:
    data = as_json(*args)
    rows = list(csv.DictReader(io.StringIO(output(*args, "--format", "csv"))))
    assert len(rows) == len(data)
    for row, item in zip(rows, data, strict=True):
        assert list(row) == list(item)
        assert row == {key: flat(value) for key, value in item.items()}


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_markdown_is_one_pipe_table_of_the_same_fields(args: tuple[str, ...]) -> None:
    data = as_json(*args)
    tables = markdown_tables(output(*args, "--format", "markdown"))
    assert len(tables) == 1
    header, *rows = tables[0]
    assert header == list(data[0])
    assert len(rows) == len(data)
    for row, item in zip(rows, data, strict=True):
        assert row == [flat(v).replace("\n", "<br>").strip() for v in item.values()]


@pytest.mark.parametrize("args", SINGLE, ids=" ".join)
def test_a_single_item_is_one_object_in_every_format(args: tuple[str, ...]) -> None:
    data = as_json(*args)
    assert isinstance(data, dict)
    assert yaml.safe_load(output(*args, "--format", "yaml")) == data
    sections = SECTIONS[args[0]]
    rows = list(csv.DictReader(io.StringIO(output(*args, "--format", "csv"))))
    own = [row for row in rows if row["section"] == ""]
    assert len(own) == 1
    for name in sections:
        tagged = [row for row in rows if row["section"] == name]
        assert len(tagged) == len(data[name]), name
        for row, item in zip(tagged, data[name], strict=True):
            assert {k: row[k] for k in item} == {k: flat(v) for k, v in item.items()}
    tables = markdown_tables(output(*args, "--format", "markdown"))
    filled = [name for name in sections if data[name]]
    assert len(tables) == 1 + len(filled)


def test_country_json_has_the_documented_fields() -> None:
    data = as_json("country", "kazakhstan")
    for key in ("iso3", "name", "memberships", "votes", "facts", "pressure_points", "events"):
        assert key in data
    assert data["iso3"] == "KAZ"
    es_11_1 = [v for v in data["votes"] if v["resolution"] == "A/RES/ES-11/1"]
    assert [v["vote"] for v in es_11_1] == ["A"]
    assert {m["organisation"] for m in data["memberships"]} >= {"CSTO", "EAEU", "SCO", "CIS"}


def test_votes_json_is_one_object_per_known_cell() -> None:
    data = as_json("votes", "-c", "uzbekistan")
    for item in data:
        assert set(item) >= {"resolution", "date", "title", "country", "vote", "sources"}
        assert item["resolution"].startswith("A/RES/") or not item["resolution"].startswith("A/")
        assert item["vote"] in ("Y", "N", "A", "NV")
        assert item["country"] == "UZB"
        assert item["sources"]
    table = rca("votes", "-c", "uzbekistan")
    unknown = sum(1 for row in table.rows() if row[3] == "?")
    assert len(data) + unknown == len(table.rows())


def test_votes_json_matches_the_reference_table() -> None:
    with reference(REFERENCE_VOTES).open(encoding="utf-8") as handle:
        wanted = {(r["resolution"], r["country_iso3"]): r["vote"] for r in csv.DictReader(handle)}
    states = sorted({state for _res, state in wanted})
    data = as_json("votes", *[a for s in states for a in ("-c", s)])
    found = {(v["resolution"], v["country"]): v["vote"] for v in data}
    assert {key: found.get(key) for key in wanted} == wanted
    assert len(found) == len(data), "one object per cell"


def test_themes_records_carry_the_documented_fields() -> None:
    for item in as_json("themes", "economic"):
        assert set(item) >= {"id", "theme", "kind", "countries", "statement", "sources"}
        assert item["theme"] == "economic"


def test_an_unknown_format_is_a_usage_error() -> None:
    run = rca("votes", "--format", "xml")
    assert run.exit_code == 2
    assert "xml" in run.stderr and run.stdout == ""


@pytest.mark.parametrize("flag", ["--export-svg", "--export-html"])
def test_export_saves_the_tables(tmp_path: Path, flag: str) -> None:
    target = tmp_path / ("out.svg" if "svg" in flag else "out.html")
    run = rca("country", "kazakhstan", flag, str(target))
    assert run.exit_code == 0, run.stderr
    assert "# Memberships" in run.stdout  # the usual output still goes to stdout
    saved = target.read_text(encoding="utf-8")
    assert ("<svg" if "svg" in flag else "<html") in saved
    assert "Memberships" in saved


def test_export_needs_the_table_format(tmp_path: Path) -> None:
    run = rca("votes", "--format", "json", "--export-svg", str(tmp_path / "x.svg"))
    assert run.exit_code == 2
    assert not (tmp_path / "x.svg").exists()


def test_export_to_an_unwritable_place_is_a_clear_error(tmp_path: Path) -> None:
    run = rca("votes", "--export-html", str(tmp_path / "missing" / "x.html"))
    assert run.exit_code == 2
    assert "cannot save the export: no folder" in run.stderr
    assert run.stdout == "", "checked before anything is shown"


def test_sources_footnotes_are_for_tables() -> None:
    run = rca("votes", "--sources", "--format", "json")
    assert run.exit_code == 2 and "rca sources --format json" in run.stderr


def test_outlook_is_the_same_data_in_json_and_yaml_and_has_a_csv_header() -> None:
    data = as_json("outlook")
    assert yaml.safe_load(output("outlook", "--format", "yaml")) == data
    rows = list(csv.DictReader(io.StringIO(output("outlook", "--format", "csv"))))
    assert [row["id"] for row in rows] == [item["id"] for item in data]
    assert len(markdown_tables(output("outlook", "--format", "markdown"))) == 1


@pytest.mark.parametrize(("args", "fields"), [
    (("search", "zzyzx"), "HitRow"),
    (("votes", "-c", "kaz", "-r", "80/223"), "VoteRow"),
    (("timeline", "--from", "1800", "--to", "1801"), "MomentRow")])
def test_an_empty_answer_still_has_its_header(args: tuple[str, ...], fields: str) -> None:
    from rca import results as export

    header = output(*args, "--format", "csv").splitlines()
    assert header == [",".join(getattr(export, fields).names())]
    assert output(*args, "--format", "json") == "[]\n"


@pytest.mark.parametrize(("args", "fields"), [
    (("search", "csto"), "HitRow"), (("votes",), "VoteRow"),
    (("timeline",), "MomentRow"), (("alignment",), "AlignmentRow")])
def test_the_empty_answer_header_is_the_full_answer_s(args: tuple[str, ...], fields: str) -> None:
    from rca import results as export

    assert tuple(as_json(*args)[0]) == getattr(export, fields).names()


def test_yaml_quotes_values_older_readers_take_for_true_or_false() -> None:
    text = output("votes", "-c", "kaz", "-r", "ES-11/3", "--format", "yaml")
    assert "vote: 'N'" in text


def test_figures_keep_their_qualifier_in_csv() -> None:
    rows = list(csv.DictReader(io.StringIO(output("themes", "economic", "--format", "csv"))))
    putin = next(row for row in rows if row["id"] == "eco-russia-ca-trade-putin-2022")
    figure = as_json("themes", "economic")
    note = next(r for r in figure if r["id"] == "eco-russia-ca-trade-putin-2022")["figures"][0]
    assert note["note"] and note["note"] in putin["figures"]


LISTINGS = [("votes",), ("countries",), ("themes",), ("themes", "security"), ("sources",),
            ("resolutions",), ("alignment",), ("timeline", "--from", "2025")]


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_tsv_is_csv_with_tabs(args: tuple[str, ...]) -> None:
    import csv as csv_module
    import io

    as_csv = list(csv_module.reader(io.StringIO(rca(*args, "-f", "csv").stdout)))
    as_tsv = [line.split("\t") for line in rca(*args, "-f", "tsv").stdout.splitlines()]
    assert len(as_tsv) == len(as_csv) > 1
    for mine, theirs in zip(as_tsv, as_csv, strict=True):
        assert mine == [" ".join(cell.split()) if "\n" in cell or "\t" in cell else cell
                        for cell in theirs]


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_fields_picks_the_fields_in_their_order_in_every_format(args: tuple[str, ...]) -> None:
    every = json.loads(rca(*args, "-f", "json").stdout)
    chosen = list(every[0])[::-1][:3]  # the last three, turned round
    for fmt in ("json", "yaml", "csv", "tsv", "markdown"):
        run = rca(*args, "-f", fmt, "--fields", ",".join(chosen))
        assert run.exit_code == 0, (fmt, run.stderr)
        if fmt == "json":
            picked = json.loads(run.stdout)
            assert picked == [{name: row[name] for name in chosen} for row in every]
        elif fmt in ("csv", "tsv"):
            assert run.stdout.splitlines()[0] == ("," if fmt == "csv" else "\t").join(chosen)
        elif fmt == "markdown":
            assert run.stdout.splitlines()[0] == "| " + " | ".join(chosen) + " |"
    wrong = rca(*args, "-f", "json", "--fields", "nonesuch")
    assert wrong.exit_code == 2 and "no field nonesuch" in wrong.stderr
    assert all(name in wrong.stderr for name in every[0])


def test_fields_of_one_object_and_without_a_format() -> None:
    one = json.loads(rca("country", "kaz", "-f", "json", "--fields", "name,iso3").stdout)
    assert one == {"name": "Kazakhstan", "iso3": "KAZ"}
    plain = rca("votes", "--fields", "vote")
    assert plain.exit_code == 2 and "use it with --format" in plain.stderr
