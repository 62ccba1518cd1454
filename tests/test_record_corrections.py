"""Items whose sources now carry their titles and dates, and whose text was corrected to what
those titled, dated pages say, as the CLI shows them."""

from __future__ import annotations

from conftest import as_json, profile_item, rca


def item(key: str, *args: str) -> dict:
    """The record or event ``key`` as ``rca timeline`` shows it."""
    return {e["key"]: e for e in as_json("timeline", *args)}[key]


def test_the_tajik_half_of_gdp_figure_is_no_longer_credited_to_the_russian_central_bank() -> None:
    source = as_json("sources", "tass-2013-tajik-remittance-info-blocked")
    assert source["title"] == ("Access to info on cash transfers by labor migrants blocked in "
                               "Tajikistan")
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
    assert event["sources"] == ["ebrd-2023-trade-flows-russia-caucasus",
                                "riskadvisory-just-passing"]
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
    assert "TASS (2012)" in fact["contested"]
    assert "one report from the 2000s" not in fact["contested"]
    source = as_json("sources", "tass-2012-baikonur-lease-terms")
    assert source["title"] == "Russia, Kazakhstan consider giving up lease terms for Baikonur"
    assert source["date"] == "2012-12-10" and source["date_estimated"] is True
    assert rca("sources", "spacedaily-spaceport-00f").exit_code != 0


def gone(source_id: str) -> bool:
    return rca("sources", source_id).exit_code != 0


def test_the_january_death_toll_rests_on_the_titled_hrw_report_of_december_2022() -> None:
    source = as_json("sources", "hrw-2022-no-justice-protest-abuses")
    assert source["title"] == "Kazakhstan: No Justice for January Protest Abuses"
    assert source["date"] == "2022-12-20"
    toll = profile_item("kazakhstan", "kaz-unrest-death-toll")
    assert "hrw-2022-no-justice-protest-abuses" in toll["sources"]
    assert "238 people were killed in the protests" in toll["note"]
    assert "232" not in toll["note"], "the untitled May 2022 page was its only source"
    assert gone("hrw-2022-kazakhstan-232")


def test_the_six_deaths_in_custody_are_credited_to_the_prosecutors_not_to_iwpr() -> None:
    toll = profile_item("kazakhstan", "kaz-unrest-death-toll")
    assert "IWPR" not in toll["contested"]
    assert "23 February 2022" in toll["contested"] and "NEWS.am" in toll["contested"]
    source = as_json("sources", "newsam-2022-six-protesters-tortured")
    assert source["title"] == "Law enforcers torture to death six protesters in Kazakhstan"
    assert source["date"] == "2022-02-23"


def test_the_start_of_the_unrest_says_only_what_its_titled_sources_carry() -> None:
    events = {e["key"]: e for e in as_json("timeline", "--from", "2022-01", "--to", "2022-01")}
    start = events["evt-kaz-unrest-start-2022"]
    assert "at the start of the year, when price caps were lifted" in start["text"]
    assert "on 1 January" not in start["text"]
    assert "iwpr-year-kazakstans-bloody" not in start["sources"]
    assert {"business-humanrights-2022-lpg-price-hike",
            "aljazeera-2022-protests-erupt-fuel-price"} <= set(
        start["sources"])
    assert gone("iwpr-year-kazakstans-bloody")


def test_the_annexation_vote_totals_rest_on_a_dated_report_not_on_wikipedia() -> None:
    (resolution,) = as_json("resolutions", "ES-11/4")
    assert (resolution["yes"], resolution["no"], resolution["abstain"]) == (143, 5, 35)
    assert resolution["sources"] == ["ap-2022-unga-reverse-annexations"]
    assert "193 minus the votes cast" in resolution["note"]
    source = as_json("sources", "ap-2022-unga-reverse-annexations")
    assert source["date"] == "2022-10-13" and "143-5 with 35 abstentions" in source["note"]
    assert gone("wikipedia-es-11-4")


def test_turkeys_yes_of_2022_is_cited_to_a_titled_page_with_an_estimated_date() -> None:
    (vote,) = as_json("votes", "-c", "tur", "-r", "ES-11/1")
    assert vote["vote"] == "Y"
    assert vote["sources"] == ["gercekgundem-2022-bm-rusya-karari"]
    source = as_json("sources", "gercekgundem-2022-bm-rusya-karari")
    assert source["title"].startswith(
        "Birleşmiş Milletler'den Rusya kararı: Türkiye dahil 141 ülke")
    assert source["date"] == "2022-03-02" and source["date_estimated"] is True
    assert "2 March 2022" in source["note"]
    assert gone("news-689531")


def test_the_ria_border_length_is_cited_and_is_not_over_7500_km() -> None:
    length = profile_item("kazakhstan", "border-kaz-rus-length")
    assert "kursiv-2019-kazakhstan-russia-border" in length["sources"]
    assert "'over 7,500 km' (TASS in 2025)" in length["contested"]
    assert "'7,500 km' (RIA Novosti in 2019" in length["contested"]
    assert "(TASS in 2025, RIA)" not in length["contested"]
    source = as_json("sources", "kursiv-2019-kazakhstan-russia-border")
    assert source["title"] == "Казахстан и Россия утвердили границу"
    assert source["date"] == "2019-11-07"


def test_the_kyrgyz_count_of_46_is_attributed_as_its_pages_give_it() -> None:
    deaths = profile_item("tajikistan", "evt-kgz-tjk-2022-tjk-deaths")
    assert "46 (AFP, 18 September)" not in deaths["contested"]
    assert ("46 (reported by AFP, 18 September; the health ministry's figure, according to"
            in " ".join(deaths["contested"].split()))
    assert "38 (the foreign ministry, according to Anadolu" in deaths["contested"]
    assert "Ministry of Health of Kyrgyzstan announced 46 dead" in " ".join(deaths["note"].split())


def test_the_eaeu_membership_note_is_dated_as_its_sources_are() -> None:
    outside = profile_item("tajikistan", "mem-eaeu-tjk-tkm-outside")
    assert "June 2025" not in outside["note"]
    assert "26 December 2024" in outside["note"] and "February 2026" in outside["note"]


def test_the_nuclear_plant_costs_what_the_agency_said_when_work_began() -> None:
    events = {e["key"]: e for e in as_json("timeline", "--from", "2025-06", "--to", "2025-08")}
    works = events["evt-kaz-npp-works-2025"]
    assert works["date"] == "2025-08-08"
    assert "14 to 15 billion US dollars" in works["text"] and "Ulken" in works["text"]
    assert works["sources"] == ["menafn-2025-kazakhstan-groundwork-nuclear",
                                "24-2025-npp-construction-to-begin"]
    for source_id, date in (("menafn-2025-kazakhstan-groundwork-nuclear", "2025-08-09"),
                            ("24-2025-npp-construction-to-begin", "2025-08-06")):
        source = as_json("sources", source_id)
        assert source["title"] and source["date"] == date
    choice = profile_item("kazakhstan", "evt-kaz-rosatom-npp-2025")
    assert "10 billion" not in choice["note"] and "evt-kaz-npp-works-2025" in choice["note"]
    assert gone("vestikavkaza-175888")
    (cost,) = profile_item("kazakhstan", "evt-kaz-npp-works-2025")["figures"]
    assert (cost["value"], cost["unit"], cost["as_of"]) == (15, "USD billion", "2025-08-08")


def test_the_trade_figures_run_to_2024_and_2025_from_titled_dated_reports() -> None:
    economy = {r["id"]: r for r in as_json("themes", "economic")
               if r["id"].startswith(("eco-trade", "eco-russia-ca-trade"))}
    region = economy["eco-russia-ca-trade-putin-2025"]
    assert "over 45 billion USD in 2024" in region["statement"]
    assert region["countries"][0] == "RUS", "Russia's trade with the five, no one state's figure"
    kaz = economy["eco-trade-kaz-2024"]
    assert [(f["value"], f["as_of"]) for f in kaz["figures"]] == [(28.7, "2024")]
    uzb = economy["eco-trade-uzb-2025"]
    assert "20.1%" in uzb["statement"] and "16.2%" in uzb["statement"]
    for record in (region, kaz, uzb):
        for source_id in record["sources"]:
            source = as_json("sources", source_id)
            assert source["title"] and source["date"], source_id
    summary = profile_item("kazakhstan", "eco-trade-kaz-2024")
    assert summary["figures"][0]["value"] == 28.7
    glance = rca("country", "kazakhstan").stdout
    assert "Economy\ttrade with Russia: 28.7 USD billion (2024)" in glance
    assert "Economy\ttrade with Russia, share of turnover: 16.2 % (2025-11)" in rca(
        "country", "uzbekistan").stdout


def test_the_registry_of_controlled_persons_has_its_later_count_from_titled_reports() -> None:
    event = profile_item("tajikistan", "evt-rus-controlled-persons-2025")
    counts = {(f["value"], f["as_of"]) for f in event["figures"]
              if f["measures"] == "foreign nationals on the registry"}
    assert counts == {(685000, "2025-05"), (775000, "2025-11")}
    assert "770,000 people on 1 September 2025" in " ".join(event["note"].split())
    for source_id, date in (("interfax-ru-2025-registry-770-thousand", "2025-09-04"),
                            ("tass-2025-registry-775-thousand", "2025-11-25")):
        source = as_json("sources", source_id)
        assert source["title"] and source["date"] == date
        assert source_id in event["sources"]
