"""The record brought up to date: the latest votes, UN links, source worth, the data's date."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from conftest import as_json, rca


def test_the_latest_ukraine_votes_are_in_with_every_state() -> None:
    run = rca("votes", "--country", "kazakhstan", "-r", "ES-11/9", "-r", "2026-02-24")
    rows = {row[0]: row for row in run.rows()}
    assert rows["ES-11/9"][:4] == ["ES-11/9", "2025-12-03", "Return of Ukrainian children", "A"]
    assert rows["ES-11, 2026-02-24"][3] == "A"
    votes = {(v["resolution"], v["country"]): v["vote"]
             for v in as_json("votes", "-r", "2026-02-24", *[
                 a for c in ("kaz", "kgz", "tjk", "tkm", "uzb", "rus") for a in ("-c", c)])}
    assert votes == {("ES-11, 2026-02-24", c): v for c, v in
                     (("KAZ", "A"), ("KGZ", "A"), ("TJK", "A"), ("TKM", "NV"), ("UZB", "A"),
                      ("RUS", "N"))}


def test_resolutions_list_every_resolution_with_a_un_link_or_an_unconfirmed_symbol() -> None:
    data = as_json("resolutions")
    assert len(data) >= 11
    for r in data:
        assert r["title"] and r["date"] and r["yes"] is not None
        assert r["record_url"] or r["document"] or r["press_release"] or not r["symbol_confirmed"]
    latest = {r["resolution"]: r for r in data}["ES-11, 2026-02-24"]
    assert latest["symbol_confirmed"] is False and (latest["yes"], latest["no"]) == (107, 12)
    children = as_json("resolutions", "A/ES-11/L.16/Rev.1")
    assert [r["resolution"] for r in children] == ["A/RES/ES-11/9"], "found by its draft"
    assert children[0]["press_release"].startswith("https://press.un.org/")


def test_every_source_says_what_it_is_worth() -> None:
    qualities = {s["quality"] for s in as_json("sources")}
    assert qualities <= {"primary", "reference", "news", "weak"} and "primary" in qualities


def test_a_weak_only_vote_must_say_so(data_copy) -> None:  # type: ignore[no-untyped-def]
    text = (data_copy / "sources.yaml").read_text(encoding="utf-8")
    (data_copy / "sources.yaml").write_text(text.replace("quality: news", "quality: weak"),
                                            encoding="utf-8")
    run = rca("validate", "--data-dir", str(data_copy))
    assert run.exit_code == 1
    assert "rests on weak sources only" in run.stderr and "votes.yaml:" in run.stderr


@pytest.mark.parametrize("name", ["Қазақстан", "Казахстан", "Кыргызстан", "Тоҷикистон",
                                  "Таджикистан", "Türkmenistan", "Туркменистан", "Oʻzbekiston",
                                  "Узбекистан", "Россия"])
def test_states_answer_to_their_own_names(name: str) -> None:
    iso3 = as_json("country", name)["iso3"]  # type: ignore[index]
    assert iso3 in {"KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS"}
    assert name in as_json("country", iso3)["native_names"]  # type: ignore[index]


@pytest.mark.parametrize("name", ["中国", "!!!", "", "Армения-нет"])
def test_text_that_names_no_state_is_not_a_state(name: str) -> None:
    assert rca("country", name).exit_code == 2


def test_the_data_has_a_date_that_version_and_info_show() -> None:
    info = as_json("data", "info")
    assert info["as_of"] >= "2026-12-01"  # type: ignore[index]
    run = rca("--version")
    assert f"data as of {info['as_of']}" in run.stdout  # type: ignore[index]


def test_the_2025_events_are_findable() -> None:
    events = [m for m in as_json("timeline", "--from", "2025-01") if m["what"] == "event"]  # type: ignore[union-attr]
    assert len(events) >= 15
    for words in ("rosatom", "caspian pipeline", "a7a5"):
        assert as_json("search", words), words


def test_the_resolutions_table_keeps_every_field_in_a_pipe_and_fits_80_columns() -> None:
    data = as_json("resolutions")
    run = rca("resolutions")
    assert run.header("UN General Assembly resolutions") == list(data[0])  # type: ignore[index]
    first = run.rows("UN General Assembly resolutions")[0]
    assert first[4:8] == ["100", "11", "58", "24"], "the totals as numbers, one field each"
    screen = rca("resolutions", TTY_COMPATIBLE="1", NO_COLOR="1", COLUMNS="80").stdout
    assert max(cell_len(line) for line in screen.splitlines()) <= 80
    assert "Resolution: " not in screen, "a table, not one block per row"
    assert "https://press.un.org/en/2025/ga12738.doc.htm" in screen, "a URL whole on one line"
