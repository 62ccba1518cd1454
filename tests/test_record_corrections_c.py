"""Records whose untitled or undated sources were replaced, or narrowed to what titled, dated pages
carry, as the CLI shows them."""

from __future__ import annotations

from conftest import as_json, profile_item, rca


def gone(source_id: str) -> bool:
    return rca("sources", source_id).exit_code != 0


def test_the_kyrgyz_official_language_law_rests_on_the_caci_field_report_of_june_2000() -> None:
    law = profile_item("kyrgyzstan", "lang-kgz-official-2000")
    assert law["sources"] == ["cacianalyst-2000-kyrgyzstan-adopts-russian"]
    assert "29 May" in law["note"] and "26 May" in law["note"] and "25 May" in law["note"]
    source = as_json("sources", "cacianalyst-2000-kyrgyzstan-adopts-russian")
    assert source["title"] == "KYRGYZSTAN ADOPTS RUSSIAN AS OFFICIAL LANGUAGE"
    assert source["date"] == "2000-06-07" and not source["date_estimated"]
    assert gone("archontology-notes")


def test_the_russian_arrivals_in_kyrgyzstan_keep_only_the_titled_reports_figure() -> None:
    arrivals = profile_item("kyrgyzstan", "evt-mob-kgz-2022")
    assert "184,000" in arrivals["statement"] and "20,000" not in arrivals["statement"]
    assert "20,000" in arrivals["note"] and "left out" in arrivals["note"]
    assert arrivals["sources"] == ["inozpress-10152"]
    assert gone("asiaplus-2022-more-than-russian")


def test_the_201st_base_records_drop_what_only_a_headline_less_report_said() -> None:
    term = profile_item("tajikistan", "mil-tjk-201-term-basis")
    assert "five years" not in term["statement"] and "five years" in term["note"]
    assert term["sources"] == ["tass-2014-201-base-ratification"]
    ratified = profile_item("tajikistan", "mil-tjk-201-ratification")
    assert "Federation Council" not in ratified["statement"]
    assert ("State Duma had approved the 2012 base agreement on 19 April 2013"
            in ratified["statement"])
    assert "Federation Council" in ratified["note"] and "27 April" in ratified["note"]
    assert "Asia-Plus" not in ratified["contested"]
    assert "combataircraft-2013-russia-ratifies-base-deals" in ratified["sources"]
    relay = as_json("sources", "combataircraft-2013-russia-ratifies-base-deals")
    assert relay["title"] == "Russia Ratifies Central Asia Base Deals"
    assert relay["date"] == "2013-04-20"
    assert gone("asiaplustj-2013-federation-council-base")


def test_the_rockets_of_may_2022_cite_rferl_for_the_tajik_statement() -> None:
    rockets = profile_item("tajikistan", "evt-tjk-rockets-may-2022")
    assert "Asia-Plus" not in rockets["contested"]
    assert "firefight between Taliban and IS fighters" in rockets["contested"]
    assert "rferl-31839638" in rockets["sources"]
    claims = profile_item("tajikistan", "islamic-state-rockets-2022")
    assert "asiaplustj-2022-tajik" not in claims["sources"]
    assert "rferl-31839638" in claims["sources"]
    assert gone("asiaplustj-2022-tajik")


def test_the_world_bank_migration_shares_rest_on_titled_reports() -> None:
    flows = profile_item("tajikistan", "eco-migration-to-russia")
    assert "bne IntelliNews" not in flows["contested"]
    assert "Kursiv and The Caspian Post date it to 2023" in flows["contested"]
    assert {"kursiv-2025-migration-drives",
            "caspianpost-world-bank-report"} <= set(flows["sources"])
    assert gone("bne-turn-brain-drain")


def test_uzbekistans_csto_note_is_no_longer_dated_20_june() -> None:
    note = profile_item("uzbekistan", "mem-uzb-csto-note-2012")
    assert "20 June" not in note["statement"] and "20 June" not in note["contested"]
    assert "20 June" in note["note"] and "left out" in note["note"]
    assert note["sources"] == ["tass-2012-csto-uzbek-note", "rt-2012-uzbekistan-quits-csto"]
    assert gone("cacianalyst-2012-analytical")


def test_kyrgyzstans_eaeu_accession_no_longer_cites_an_unseen_belarusian_page() -> None:
    joined = profile_item("kyrgyzstan", "mem-eaeu-kgz-2015")
    assert "Belarusian" not in joined["statement"] and "Belarusian" not in joined["contested"]
    assert "EUobserver gives 12 August" in joined["statement"]
    assert "mfa-by-eaeu" not in joined["sources"]
    (membership,) = [e for e in as_json("timeline", "-c", "kgz", "--kind", "membership",
                                        "--from", "2015-08", "--to", "2015-08")
                     if e["key"] == "KGZ eaeu"]
    assert "mfa-by-eaeu" not in membership["sources"]
    assert gone("mfa-by-eaeu")


def test_armenias_abstention_on_es_11_6_has_a_titled_dated_report() -> None:
    (vote,) = as_json("votes", "-c", "arm", "-r", "ES-11/6")
    assert vote["vote"] == "A" and not vote["weak_sources_only"]
    assert vote["sources"] == ["theasianobserver-general",
                               "epochtimes-2023-6-countries-vote-against"]
    report = as_json("sources", "epochtimes-2023-6-countries-vote-against")
    assert report["date"] == "2023-02-24" and "Armenia" in report["note"]
    assert gone("mtm-general-assembly-adopts")
