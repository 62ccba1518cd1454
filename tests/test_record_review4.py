"""The fourth round of corrections and the record of 2025-2026, as a reader of the CLI sees them."""

from __future__ import annotations

import json
from typing import Any

from conftest import rca

STATES_2026 = ("kaz", "kgz", "tjk", "uzb", "rus", "blr", "chn", "ind", "usa", "arm", "irn")


def as_json(*args: str) -> Any:
    run = rca(*args, "--format", "json")
    assert run.exit_code == 0, run.stderr
    return json.loads(run.stdout)


def qualities() -> dict[str, str]:
    return {s["id"]: s["quality"] for s in as_json("sources")}


def test_the_interfax_border_report_has_its_title_day_and_address() -> None:
    source = as_json("sources", "interfax-110332")
    assert source["title"] == "Kyrgyzstan, Tajikistan sign border treaty"
    assert source["date"] == "2025-03-13"
    assert source["url"] == "https://interfax.com/newsroom/top-stories/110332/"


def test_the_border_checkpoints_were_shut_after_the_clashes_of_2021() -> None:
    events = {e["key"]: e for e in as_json("timeline", "--from", "2025-03", "--to", "2025-03")}
    treaty = events["evt-kgz-tjk-border-treaty-2025"]
    assert "closed since the armed clashes of 2021" in treaty["text"]


def test_the_thirty_years_of_kyrgyz_russian_relations_are_dated_2022() -> None:
    gone = rca("sources", "manas-2025-kgz-rus-30-years")
    assert gone.exit_code != 0 and "manas-2022-kgz-rus-30-years" in gone.stderr
    source = as_json("sources", "manas-2022-kgz-rus-30-years")
    assert source["date"] == "2022-03" and source["date_estimated"] is True
    assert "30-летний" in source["title"] and "20 March 1992" in source["note"]
    assert [c["what"] for c in source["cited_by"]], "still cited for the Russian name of the state"


def test_the_turkish_yes_of_2026_rests_on_an_opinion_piece_and_says_so() -> None:
    source = as_json("sources", "society-comments-vashington-snova")
    assert source["quality"] == "weak" and "opinion" in source["note"]
    (vote,) = as_json("votes", "-c", "tur", "-r", "2026-02-24")
    assert vote["vote"] == "Y" and vote["weak_sources_only"] is True
    assert "opinion piece" in vote["note"]
    run = rca("votes", "-c", "tur", "-r", "2026-02-24")
    assert run.rows()[0][3].endswith("*"), "the table marks it too"


def test_the_2026_votes_of_the_region_and_its_neighbours_each_have_a_second_report() -> None:
    quality = qualities()
    cells = as_json("votes", "-r", "2026-02-24", *[a for c in STATES_2026 for a in ("-c", c)])
    assert {c["country"] for c in cells} == {s.upper() for s in STATES_2026}
    for cell in cells:
        others = [s for s in cell["sources"] if s != "centralasia-media-2421407"]
        assert others, f"{cell['country']} still rests on one aggregator's page"
        assert any(quality[s] != "weak" for s in others), cell
    kyrgyz = next(c for c in cells if c["country"] == "KGZ")
    assert "24-2026-kyrgyzstan-abstains-un-peace" in kyrgyz["sources"]


def test_the_aggregators_page_now_has_its_own_title_and_day() -> None:
    source = as_json("sources", "centralasia-media-2421407")
    assert source["title"].startswith("Генассамблея ООН приняла резолюцию")
    assert source["date"] == "2026-02-25" and source["date_estimated"] is False
    assert "reposts" in source["note"]
