"""The record of 2025-2026 brought up to date, and its corrections, as the CLI shows them."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from conftest import as_json, profile_item, rca, timeline_shows

DATA = Path(__file__).resolve().parents[1] / "data"

STATES_2026 = ("kaz", "kgz", "tjk", "uzb", "rus", "blr", "chn", "ind", "usa", "arm", "irn")



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


def test_the_turkish_yes_of_2026_no_longer_rests_on_an_opinion_piece_alone() -> None:
    source = as_json("sources", "society-comments-vashington-snova")
    assert source["quality"] == "weak" and "opinion" in source["note"]
    (vote,) = as_json("votes", "-c", "tur", "-r", "2026-02-24")
    assert vote["vote"] == "Y" and vote["weak_sources_only"] is False
    assert "azathabar-2026-us-abstained" in vote["sources"]
    run = rca("votes", "-c", "tur", "-r", "2026-02-24")
    assert not run.rows()[0][3].endswith("*"), "the table no longer marks it weak"


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


NEW_EVENTS = {
    "evt-us-rosneft-lukoil-2025": ("2025-10-22", "Rosneft and Lukoil", "KAZ"),
    "evt-kaz-lukoil-bid-2026": ("2026-01-28", "preemptive right", "KAZ"),
    "evt-tjk-border-patrols-2025": ("2025-12-02", "30 November 2025", "TJK"),
    "evt-sanctions-uk-keremet-2025": ("2025-02-24", "Keremet Bank", "KGZ"),
    "evt-sanctions-canada-2025": ("2025-11", "Canada", "KGZ"),
    "evt-cis-dushanbe-2025": ("2025-10-10", "Turkmenistan", "TKM"),
    "evt-eaeu-spb-2025": ("2025-12-21", "Kazakhstan", "KAZ"),
    "evt-uzb-rosatom-npp-2025": ("2025-10", "Jizzakh", "UZB"),
    "evt-rus-90-day-rule-2025": ("2025-01-01", "90 days", "TJK"),
    "evt-rus-recognises-taliban-2025": ("2025-07-03", "Taliban", "RUS"),
}


def test_the_timeline_from_2025_shows_the_new_events_in_date_order() -> None:
    timeline_shows(NEW_EVENTS, "2025-01")


def test_every_new_event_cites_dated_sources_with_an_address() -> None:
    by_key = {e["key"]: e for e in as_json("timeline", "--from", "2025-01")}
    for key in NEW_EVENTS:
        for source_id in by_key[key]["sources"]:
            source = as_json("sources", source_id)
            assert source["date"] and source["url"].startswith("http"), source
            assert source["title"] or "untitled" in (source["note"] or ""), source


def test_the_first_tajik_border_attack_points_at_the_second_and_the_patrol_talks() -> None:
    by_key = {e["key"]: e for e in as_json("timeline", "--from", "2025-11", "--to", "2025-12")}
    second = by_key["evt-tjk-border-patrols-2025"]
    assert "China Road and Bridge" in second["text"] and "CSTO" in second["text"]
    assert "reuters-2025-tajikistan-russia-border-talks" in second["sources"]
    profile = json.dumps(as_json("country", "tajikistan"), ensure_ascii=False)
    assert "evt-tjk-border-patrols-2025" in profile
    assert "no stored copy of those reports was found" not in profile
    assert "are in evt-tjk-border-patrols-2025" in profile


def test_kazakhstans_bid_for_lukoils_stakes_gives_the_pipeline_share_with_its_date() -> None:
    bid = profile_item("kazakhstan", "evt-kaz-lukoil-bid-2026")
    assert "13.5% of Karachaganak" in bid["note"] and "28 February 2026" in bid["note"]
    (share,) = bid["figures"]
    assert share["value"] == 12.5 and share["as_of"] == "2026-02"


def test_the_data_is_dated_the_day_it_was_brought_up_to_date() -> None:
    info = as_json("data", "info")
    assert info["as_of"] == "2026-12-04"
    (meta,) = yaml.safe_load((DATA / "dataset.yaml").read_text(encoding="utf-8"))
    assert meta["as_of"] == info["as_of"]
    assert "events to July 2026" in meta["note"]
    # how far the record runs is one command away, beside the day it was brought up to date
    assert info["latest"] == max(e["date"] for e in as_json("timeline", "--from", "2026-01"))
    assert "no report of them was found" in meta["note"]
    run = rca("--version")
    assert run.exit_code == 0 and "data as of 2026-12-04" in run.stdout
    table = rca("data", "info")
    assert ["as_of", "2026-12-04"] in table.rows()


def test_the_british_a7a5_sanctions_rest_on_reuters_not_on_crypto_relays() -> None:
    events = {e["key"]: e for e in as_json("timeline", "--from", "2025-08", "--to", "2025-08")}
    a7a5 = events["evt-sanctions-uk-a7a5-2025"]
    assert set(a7a5["sources"]) == {"insider-2025-uk-kyrgyz-crypto",
                                    "reuters-2025-kyrgyzstan-appeals-trump-starmer"}
    quality = qualities()
    assert all(quality[s] == "news" for s in a7a5["sources"])
    for gone in ("mexc-2025-uk-a7a5", "dappexpert-2025-uk-a7a5"):
        assert rca("sources", gone).exit_code != 0
    reuters = as_json("sources", "reuters-2025-kyrgyzstan-appeals-trump-starmer")
    assert reuters["date"] == "2025-08-21"


def test_russias_entry_rules_of_2025_are_on_the_kazakh_timeline() -> None:
    events = {e["key"]: e for e in as_json("timeline", "--country", "kazakhstan",
                                           "--from", "2025-01", "--to", "2025-06")}
    rule, notice = events["evt-rus-90-day-rule-2025"], events["evt-rus-entry-notice-2025"]
    assert "90 days" in rule["text"] and rule["sources"]
    assert notice["date"] == "2025-06-30" and "not a visa regime" in notice["text"]
    assert "tass-2025-kazakh-mfa-no-visa-regime" in notice["sources"]
