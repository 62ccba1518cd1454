"""The economic record of 2026 (sanctions, the CPC, Lukoil's Kazakh stakes), as the CLI shows it."""

from __future__ import annotations

from conftest import as_json, profile_item, timeline_shows

NEW_2026 = {
    "evt-cpc-tankers-2026": ("2026-01-13", "Delta Harmony and Matilda", "KAZ"),
    "evt-sanctions-eu-20th-2026": ("2026-04-23", "20th sanctions package", "KGZ"),
}


def _events_of_2026() -> dict[str, dict]:
    return {e["key"]: e for e in as_json("timeline", "--from", "2026-01")}


def test_the_new_events_of_2026_are_on_the_timeline_with_their_day() -> None:
    timeline_shows(NEW_2026, "2026-01")


def test_every_new_event_of_2026_cites_sources_with_their_own_title_and_day() -> None:
    events = _events_of_2026()
    for key in NEW_2026:
        sources = events[key]["sources"]
        assert len(sources) >= 2, key
        for source_id in sources:
            source = as_json("sources", source_id)
            assert source["title"] and source["url"].startswith("http"), source
            assert source["date"].startswith("2026-") and not source["date_estimated"], source
            assert source["quality"] in {"primary", "news"}, source


def test_the_tanker_attack_gives_kazakhstans_concern_russias_charge_and_the_lost_exports() -> None:
    attack = profile_item("kazakhstan", "evt-cpc-tankers-2026")
    assert "serious concern" in attack["statement"] and "Ukrainian drones" in attack["statement"]
    assert "names no attacker" in attack["note"] and "evt-cpc-novorossiysk-2025" in attack["note"]
    (lost,) = attack["figures"]
    assert (lost["value"], lost["unit"], lost["as_of"]) == (3.8, "million tonnes", "2026-01-28")
    assert "1news-2026-tankers-not-shadow-fleet" in attack["sources"]
    minister = as_json("sources", "1news-2026-tankers-not-shadow-fleet")
    assert minister["date"] == "2026-01-28" and "теневому флоту" in minister["title"]


def test_the_20th_package_was_adopted_in_april_after_the_february_veto() -> None:
    adopted = profile_item("kyrgyzstan", "evt-sanctions-eu-20th-2026")
    assert "23 April 2026" in adopted["statement"] and "Druzhba" in adopted["statement"]
    assert "23 February" in adopted["statement"]
    assert "was not found" in adopted["note"], "the Kyrgyz measures are not claimed as adopted"
    belga = as_json("sources", "belga-2026-eu-approves-loan-20th-package")
    assert belga["title"] == ("EU formally approves €90bn Ukraine loan and 20th Russia sanctions "
                              "package")
    assert belga["date"] == "2026-04-23" and belga["publisher"] == "Belga News Agency"
    veto = as_json("sources", "devdiscourse-2026-kallas-setback-20th-package")
    assert veto["date"] == "2026-02-23" and "Setback" in veto["title"]


def test_the_draft_of_the_20th_package_no_longer_says_its_fate_is_unknown() -> None:
    draft = profile_item("kyrgyzstan", "evt-sanctions-eu-20th-draft-2026")
    assert "whether it was adopted was not found" not in draft["note"]
    assert "adopted on 23 April 2026" in draft["note"]
    assert "evt-sanctions-eu-20th-2026" in draft["note"]


def test_lukoils_kazakh_stakes_are_left_out_of_the_carlyle_deal() -> None:
    bid = profile_item("kazakhstan", "evt-kaz-lukoil-bid-2026")
    assert "Carlyle on 29 January 2026" in bid["note"] and "leaves out the Kazakh" in bid["note"]
    assert "pulse2-2026-lukoil-carlyle-agreement" in bid["sources"]
    deal = as_json("sources", "pulse2-2026-lukoil-carlyle-agreement")
    assert deal["date"] == "2026-01-29" and deal["quality"] == "weak"
    assert deal["title"].startswith("Lukoil Signs Agreement With Carlyle")
