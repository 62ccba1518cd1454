"""Items whose text was corrected against the titled, dated pages they cite, as the CLI shows them."""

from __future__ import annotations

from conftest import as_json, profile_item, rca


def item(key: str, *args: str) -> dict:
    """The record or event ``key`` as ``rca timeline`` shows it."""
    return {e["key"]: e for e in as_json("timeline", *args)}[key]


def test_the_tajik_half_of_gdp_figure_is_no_longer_credited_to_the_russian_central_bank() -> None:
    source = as_json("sources", "tass-2013-tajik-remittance-info-blocked")
    assert source["title"] == "Access to info on cash transfers by labor migrants blocked in Tajikistan"
    assert source["date"] == "2013-07-23" and source["date_estimated"] is True
    assert "no year" in source["note"]
    (cited,) = source["cited_by"]
    assert cited["key"] == "eco-remit-tjk-data-gap"
    assert "Russian central bank data" not in cited["text"]
    assert "about half of Tajikistan's GDP in 2012" in cited["text"]
    gone = rca("sources", "asiaplustj-2014-tajikistan-tops")
    assert gone.exit_code != 0, "the untitled Asia-Plus page is no longer cited"


def test_the_tajik_central_bankers_doubts_rest_on_the_titled_asia_plus_report() -> None:
    fact = profile_item("tjk", "eco-remit-tjk-2024")
    assert fact["sources"] == ["kursiv-2025-migration-drives",
                               "asiaplus-2025-nbt-head-world-bank-remittances"]
    assert "5.8bn" not in fact["contested"] and "(45.3%)" in fact["contested"]
    assert "left out" in fact["note"]
    source = as_json("sources", "asiaplus-2025-nbt-head-world-bank-remittances")
    assert source["title"].startswith("Глава Нацбанка Таджикистана")
    assert source["date"] == "2025-08-01" and "address" in source["note"]
    assert rca("sources", "thecentral-asia-tj-8475").exit_code != 0


def test_the_uzbek_remittances_of_2022_rest_on_vedomosti_without_the_roubles_strength() -> None:
    fact = profile_item("uzb", "eco-remit-uzb-2022-russia")
    assert fact["sources"] == ["vedomosti-2023-transfers-neighbours-hundreds-percent"]
    assert "14.5 billion" in fact["statement"] and "2.6" in fact["statement"]
    assert "official channels" in fact["statement"]
    assert "rouble" not in fact["statement"] and "central bank" not in fact["statement"]
    assert "rouble's strengthening" in fact["note"]
    source = as_json("sources", "vedomosti-2023-transfers-neighbours-hundreds-percent")
    assert source["title"].startswith("Денежные переводы из России в соседние страны")
    assert source["date"] == "2023-01-28"
    assert rca("sources", "asiaplus-page").exit_code != 0


def test_the_ebrd_trade_analysis_says_may_and_limited_not_probably() -> None:
    event = item("evt-sanctions-ebrd-2022", "--from", "2022", "--to", "2022")
    assert event["sources"] == ["ebrd-2023-trade-flows-russia-caucasus", "riskadvisory-just-passing"]
    assert "probably" not in event["text"] and "substantial part" not in event["text"]
    assert "may be used to circumvent the sanctions, though on a limited scale" in event["text"]
    source = as_json("sources", "ebrd-2023-trade-flows-russia-caucasus")
    assert source["title"] == "EBRD analyses trade flows between Russia, Caucasus and Central Asia"
    assert source["date"] == "2023-02-24" and source["quality"] == "primary"
    assert rca("sources", "silobreaker-page").exit_code != 0


def test_the_date_of_the_eu_a7a5_ban_is_marked_contested_between_its_reports() -> None:
    event = profile_item("kgz", "evt-sanctions-eu-19th-2025")
    assert "25 November 2025" in event["contested"] and "12 November 2025" in event["contested"]
    assert "EU's own text" in event["contested"]
    assert "analyticsinsight-2025-eu-a7a5" in event["sources"]


def test_the_baikonur_rent_paid_from_1999_is_credited_to_tass() -> None:
    fact = profile_item("kaz", "mil-kaz-baikonur-lease-1994")
    assert "tass-2012-baikonur-lease-terms" in fact["sources"]
    assert "spacedaily-spaceport-00f" not in fact["sources"]
    assert "TASS (2012)" in fact["contested"] and "one report from the 2000s" not in fact["contested"]
    source = as_json("sources", "tass-2012-baikonur-lease-terms")
    assert source["title"] == "Russia, Kazakhstan consider giving up lease terms for Baikonur"
    assert source["date"] == "2012-12-10" and source["date_estimated"] is True
    assert rca("sources", "spacedaily-spaceport-00f").exit_code != 0
