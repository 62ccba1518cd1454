"""Provenance: `rca sources`, `--sources` footnotes, and marks for thin evidence."""

from __future__ import annotations

import json
import re

from conftest import rca


def test_sources_lists_the_bibliography() -> None:
    run = rca("sources")
    assert run.exit_code == 0, run.stderr
    assert run.header("Sources") == list(json.loads(rca("sources", "-f", "json").stdout)[0])
    rows = run.rows("Sources")
    ids = [row[0] for row in rows]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    assert all(int(row[-1]) >= 1 for row in rows), "every listed source is cited somewhere"


def test_one_source_shows_everything_that_cites_it() -> None:
    run = rca("sources", "commentary")
    assert run.exit_code == 0, run.stderr
    cited = run.rows("Cited by")
    claims = [row for row in cited if row[1] in {r["id"] for r in json.loads(
        rca("themes", "security", "--format", "json").stdout) if "commentary" in r["sources"]}]
    assert claims, "the security claims of the commentary are listed"
    data = json.loads(rca("sources", "commentary", "--format", "json").stdout)
    assert len(data["cited_by"]) == len(cited)


def test_every_citation_listed_really_cites_the_source() -> None:
    data = json.loads(rca("sources", "commentary", "--format", "json").stdout)
    records = {r["id"]: r for r in json.loads(rca("themes", "security", "--format", "json").stdout)}
    for item in data["cited_by"]:
        if item["key"] in records:
            assert "commentary" in records[item["key"]]["sources"]


def test_an_unknown_source_suggests_near_ids() -> None:
    run = rca("sources", "comentary")
    assert run.exit_code == 2
    assert "Did you mean: commentary?" in run.stderr


def test_footnotes_number_the_sources_of_a_profile() -> None:
    run = rca("country", "tajikistan", "--sources")
    assert run.exit_code == 0, run.stderr
    notes = run.rows("Sources")
    numbers = [row[0] for row in notes]
    assert numbers == [f"[{n}]" for n in range(1, len(notes) + 1)]
    used = set(re.findall(r"\[(\d+)\]", "\n".join(
        line for line in run.stdout.split("# Sources")[0].splitlines())))
    assert used == {n.strip("[]") for n in numbers}, "every number used is listed, and only those"
    ids = {row[1] for row in notes}
    plain = rca("country", "tajikistan")
    shown_ids = {i for row in plain.rows("Memberships") for i in row[-1].split(", ") if i}
    assert shown_ids <= ids


def test_footnotes_on_votes_and_themes() -> None:
    for args in (("votes", "-r", "ES-11/3"), ("themes", "societal")):
        run = rca(*args, "--sources")
        assert run.exit_code == 0, run.stderr
        notes = run.rows("Sources")
        assert notes and all(row[2] for row in notes), "each footnote has a citation"


def test_weakly_sourced_votes_are_marked_and_the_mark_explained() -> None:
    data = json.loads(rca("votes", "-c", "usa", "--format", "json").stdout)
    weak = {v["resolution"].removeprefix("A/RES/") for v in data if v["weak_sources_only"]}
    assert weak, "the dataset has votes that rest on weak sources only"
    quality = {s["id"]: s["quality"] for s in json.loads(rca("sources", "-f", "json").stdout)}
    for v in data:
        assert v["weak_sources_only"] == all(quality[s] == "weak" for s in v["sources"]), v
    run = rca("votes", "-c", "usa")
    for row in run.rows():
        assert row[3].rstrip("~").endswith("*") == (row[0] in weak), row
    assert "* weak sources only" in run.stdout


def test_the_bibliography_is_kept_in_the_order_of_its_ids() -> None:
    """A new source goes where its id sorts, so that a reader of the file finds it."""
    from itertools import pairwise

    import yaml

    from rca.dataset.files import default_data_dir

    ids = [s["id"] for s in yaml.safe_load(
        (default_data_dir() / "sources.yaml").read_text(encoding="utf-8"))]
    assert ids == sorted(ids), [(a, b) for a, b in pairwise(ids) if a > b][:3]
