"""The relationship's story before 2014: the timeline shows it, decade by decade, sourced."""

from __future__ import annotations

import re
from typing import Any

import pytest

from conftest import as_json


def events_to_2013(*extra: str) -> list[dict[str, Any]]:
    return [m for m in as_json("timeline", "--to", "2013", *extra) if m["what"] == "event"]


def test_the_timeline_to_2013_tells_at_least_twelve_sourced_events() -> None:
    events = events_to_2013()
    known = {s["id"] for s in as_json("sources")}
    assert len(events) >= 12
    for event in events:
        assert event["sources"], event["key"]
        assert set(event["sources"]) <= known, event["key"]
        assert event["date"] <= "2013-12-31", event["key"]


def test_every_decade_before_2014_has_several_events() -> None:
    decades: dict[str, int] = {}
    for event in events_to_2013():
        decade = event["date"][:3] + "0s"
        decades[decade] = decades.get(decade, 0) + 1
    assert decades.keys() == {"1990s", "2000s", "2010s"}
    assert all(count >= 4 for count in decades.values()), decades


@pytest.mark.parametrize(("key", "date", "word"), [
    ("evt-rus-kaz-friendship-1992", "1992-05-25", "Friendship"),
    ("evt-baikonur-agreement-1994", "1994-03-28", "Baikonur"),
    ("evt-tajik-peace-accord-1997", "1997-06-27", "civil war"),
    ("evt-batken-incursions-1999", "1999-08", "Islamic Movement of Uzbekistan"),
    ("evt-manas-base-2001", "2001-12", "Manas"),
    ("evt-kant-base-opens-2003", "2003-10-23", "Kant"),
    ("evt-andijan-2005", "2005-05-13", "Andijan"),
    ("evt-rus-uzb-alliance-treaty-2005", "2005-11-14", "allied relations"),
    ("evt-georgia-war-recognition-2008", "2008-08-28", "South Ossetia"),
    ("evt-customs-union-2010", "2010-01-01", "customs union"),
    ("evt-osh-csto-2010", "2010-06-12", "CSTO"),
])
def test_the_turning_points_are_there_with_their_dates(key: str, date: str, word: str) -> None:
    found = {e["key"]: e for e in events_to_2013()}
    assert key in found, key
    assert found[key]["date"] == date
    assert word in found[key]["text"]


def test_the_events_come_in_date_order() -> None:
    dates = [e["date"] for e in events_to_2013()]
    padded = [d + "-00" * (2 - d.count("-")) for d in dates]  # a month sorts before its days
    assert padded == sorted(padded)


#: the events this story added, and an older page among their sources that has no title here
NEW = ["evt-rus-kaz-friendship-1992", "evt-baikonur-agreement-1994", "evt-tajik-peace-accord-1997",
       "evt-batken-incursions-1999", "evt-manas-base-2001", "evt-kant-base-opens-2003",
       "evt-andijan-2005", "evt-sco-bases-deadline-2005", "evt-uzb-evicts-us-k2-2005",
       "evt-rus-uzb-alliance-treaty-2005", "evt-georgia-war-recognition-2008",
       "evt-manas-closure-order-2009", "evt-customs-union-2010", "evt-osh-csto-2010",
       "evt-rus-kaz-alliance-treaty-2013"]
UNTITLED_BEFORE = {"kremlin-29600"}


def test_the_new_events_cite_sources_a_reader_can_find() -> None:
    sources = {s["id"]: s for s in as_json("sources")}
    found = {e["key"]: e for e in events_to_2013()}
    assert set(NEW) <= found.keys()
    for key in NEW:
        for sid in set(found[key]["sources"]) - UNTITLED_BEFORE:
            cited = sources[sid]
            assert cited["title"] and cited["url"] and cited["publisher"], (key, sid)
            assert cited["date"] or "undated" in (cited["note"] or ""), (key, sid)
            assert cited["quality"] in {"primary", "reference", "news"}, (key, sid)


def test_a_2014_event_stays_out_of_the_story_before_2014() -> None:
    assert "evt-eaeu-treaty-2014" not in {e["key"] for e in events_to_2013()}
    later = {m["key"] for m in as_json("timeline", "--to", "2014")}
    assert "evt-eaeu-treaty-2014" in later


def test_kyrgyzstan_s_timeline_has_its_bases_and_its_crises() -> None:
    keys = [e["key"] for e in events_to_2013("--country", "kyrgyzstan")]
    assert keys.index("evt-batken-incursions-1999") < keys.index("evt-manas-base-2001") \
        < keys.index("evt-kant-base-opens-2003") < keys.index("evt-manas-closure-order-2009") \
        < keys.index("evt-osh-csto-2010")
    assert "evt-andijan-2005" not in keys, "an Uzbek event is not Kyrgyzstan's"


def every_record() -> dict[str, dict]:
    """Every record of the dataset, as the themes give them in json."""
    themes = [t["id"] for t in as_json("themes")]
    return {r["id"]: r for theme in themes for r in as_json("themes", theme)}


def test_an_event_that_points_at_facts_points_at_records_that_exist() -> None:
    pointing = ["evt-baikonur-agreement-1994", "evt-kant-base-opens-2003",
                "evt-manas-base-2001", "evt-customs-union-2010"]
    records = every_record()
    for key in pointing:
        named = re.findall(r"\b(?:mil|evt|stmt)-[a-z0-9-]*[a-z0-9]", records[key]["note"])
        assert named, key
        for other in named:
            assert other in records, (key, other)


def test_the_baikonur_event_and_fact_agree_on_the_lease() -> None:
    found = every_record()
    event, fact = found["evt-baikonur-agreement-1994"], found["mil-kaz-baikonur-lease-1994"]
    for terms in ("20 years", "115 million"):
        assert terms in event["statement"]
    assert "20-year" in fact["statement"] and "115 million" in fact["statement"]
    assert event["date"].startswith(fact["date"])
