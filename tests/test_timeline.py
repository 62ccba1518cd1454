"""The timeline tells the whole dated record: events, dated facts, memberships and votes."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest

from conftest import rca

KINDS = {"event", "fact", "membership", "vote"}


def as_json(*args: str) -> Any:
    run = rca("timeline", *args, "--format", "json")
    assert run.exit_code == 0, run.stderr
    return json.loads(run.stdout)


def padded(date: str) -> str:
    """A date that sorts as the timeline does: a year or a month before its days."""
    return date + "-00" * (2 - date.count("-"))


def test_the_timeline_to_2013_lists_memberships_and_dated_facts_by_id_and_kind() -> None:
    rows = rca("timeline", "--to", "2013").rows("Timeline")
    shown = {(row[2], row[1]): row[0] for row in rows}
    assert shown[("RUS cis", "membership")] == "1991-12-08"
    assert shown[("KAZ cis", "membership")] == "1991-12-21"
    assert shown[("KAZ csto", "membership")] == "1992-05-15"
    assert shown[("UZB csto", "membership")] == "2012-12-19"
    assert shown[("BLR csto", "membership")] == "1993", "a membership's year is its milestone"
    assert shown[("mil-tjk-201-agreement-2012", "fact")] == "2012-10-05"
    assert shown[("mil-kaz-baikonur-2050", "fact")] == "2004-01-09"
    assert shown[("mem-uzb-csto-note-2012", "fact")] == "2012-06"
    assert shown[("evt-cst-tashkent-1992", "event")] == "1992-05-15"
    keys = {key for key, _kind in shown}
    assert "mil-kgz-lease-2012" not in keys, "a fact dated only by its year is left out"
    assert "KAZ eaeu" not in keys, "the EAEU began in 2015"
    dates = [padded(row[0]) for row in rows]
    assert dates == sorted(dates)
    assert {row[1] for row in rows} == KINDS - {"vote"}, "the curated votes start in 2014"


def test_a_membership_says_what_began_that_day_with_the_dataset_s_sources() -> None:
    found = {m["id"]: m for m in as_json("--kind", "membership", "-c", "uzb")}
    suspended = found["UZB csto"]
    assert suspended["date"] == "2012-12-19" and suspended["states"] == ["UZB"]
    assert suspended["text"].startswith(
        "Membership of the CSTO (Collective Security Treaty Organization) suspended: ")
    profile = json.loads(rca("country", "uzb", "--format", "json").stdout)
    csto = next(m for m in profile["memberships"] if m["organisation"] == "CSTO")
    assert suspended["sources"] == csto["sources"] and csto["note"] in suspended["text"]
    assert found["UZB eaeu"]["text"].startswith("Observer of the EAEU")
    assert set(found) == {"UZB cis", "UZB sco", "UZB csto", "UZB eaeu"}


@pytest.mark.parametrize(("given", "kinds"), [
    (["--kind", "event,membership"], {"event", "membership"}),
    (["-k", "fact", "-k", "vote"], {"fact", "vote"}),
    (["--kind", "memberships"], {"membership"}),
    (["--kind", "ev"], {"event"}),
    ([], KINDS)])
def test_kind_picks_the_kinds_shown(given: list[str], kinds: set[str]) -> None:
    rows = rca("timeline", "--to", "2015", *given).rows("Timeline")
    assert {row[1] for row in rows} == kinds


@pytest.mark.parametrize("bad", ["bogus", "", "e,x"])
def test_an_unknown_kind_is_a_usage_error_that_lists_the_kinds(bad: str) -> None:
    run = rca("timeline", "--kind", bad)
    assert run.exit_code == 2 and run.stdout == ""
    assert "--kind takes event, fact, membership, vote" in run.stderr


def test_a_theme_keeps_facts_and_leaves_out_memberships() -> None:
    kinds = {row[1] for row in rca("timeline", "--to", "2013", "-t", "security").rows(
        "Timeline")}
    assert kinds == {"event", "fact"}


def test_an_empty_range_says_truly_what_was_looked_for_and_where_there_is_something() -> None:
    run = rca("timeline", "--from", "1800", "--to", "1801")
    assert run.exit_code == 0 and run.stderr == ""
    assert run.rows("Timeline") == []
    note = run.stdout.splitlines()[-1]
    assert note.startswith("# The dataset has no events, facts dated to the month or day, "
                           "membership changes or UN votes from 1800 to 1801.")
    every = as_json()
    first, last = every[0]["date"], every[-1]["date"]
    assert f"try --from {first} --to {last}." in note
    suggested = as_json("--from", first, "--to", last)
    assert len(suggested) == len(every), "the range suggested holds everything"


def test_an_empty_answer_names_the_states_themes_and_kinds_it_looked_for() -> None:
    run = rca("timeline", "-c", "kaz", "-t", "security", "--kind", "membership,fact,event",
              "--from", "1800", "--to", "1801")
    assert run.exit_code == 0
    note = run.stdout.splitlines()[-1]
    assert note.startswith("# The dataset has no events or facts dated to the month or day "
                           "from 1800 to 1801 concerning KAZ in the theme security.")
    match = re.search(r"try --from (\S+) --to (\S+)\.$", note)
    assert match
    found = as_json("-c", "kaz", "-t", "security", "--from", match[1], "--to", match[2])
    assert found and found[0]["date"] == match[1] and found[-1]["date"] == match[2]
    nothing = rca("timeline", "--kind", "vote,membership", "-t", "security")
    assert nothing.exit_code == 0
    assert "# Nothing to look for: a membership has no theme, and votes appear only under " \
        "the theme diplomatic." in nothing.stdout


def test_every_machine_row_carries_its_kind_and_id_beside_the_old_fields() -> None:
    rows = as_json("--to", "2015")
    assert rows and {row["kind"] for row in rows} == KINDS
    for row in rows:
        assert row["kind"] == row["what"] and row["id"] == row["key"]
        assert list(row)[:6] == ["date", "what", "key", "states", "text", "sources"]
        assert row["sources"], row["id"]
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        text = rca("timeline", "--to", "2015", "--format", fmt).stdout
        table = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
        assert [(r["kind"], r["id"]) for r in table] == [(r["kind"], r["id"]) for r in rows]


def test_the_year_s_items_other_commands_ask_for_keep_coming_by_the_same_call() -> None:
    from rca.dataset.cache import load
    from rca.dataset.files import data_dir_from
    from rca.query.timeline import timeline

    ds = load(data_dir_from(None))
    year = timeline(ds, ["KAZ"], [], "2015", "2015")
    assert {m.what for m in year} >= {"membership", "fact"}
    assert "KAZ eaeu" in {m.key for m in year if m.what == "membership"}
    assert all(m.kind == m.what for m in year)
    assert [m.what for m in timeline(ds, ["KAZ"], [], "2015", "2015", None, ("event",))] \
        == ["event"] * sum(m.what == "event" for m in year)
