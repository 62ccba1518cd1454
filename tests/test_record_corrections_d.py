"""Items whose untitled sources gave way to titled, dated reports, as the CLI shows them."""

from __future__ import annotations

from conftest import as_json, profile_item, rca


def gone(source_id: str) -> bool:
    return rca("sources", source_id).exit_code != 0


def test_the_world_bank_migration_shares_rest_on_titled_reports() -> None:
    fact = profile_item("tajikistan", "eco-migration-to-russia")
    assert "trend-4015469" not in fact["sources"] and gone("trend-4015469")
    assert {"caspianpost-world-bank-report", "kursiv-2025-migration-drives"} <= set(fact["sources"])
    assert "Kursiv and The Caspian Post date it to 2023" in fact["contested"]
    assert "Kursiv and Trend" not in fact["contested"]
    assert "57%, 15%" in fact["note"]


def test_the_nuclear_referendum_result_is_the_election_commission_s_as_sputnik_gave_it() -> None:
    source = as_json("sources", "sputnikglobe-2024-kazakh-npp-referendum")
    assert source["title"].startswith("Over 70% of Kazakh Citizens Vote")
    assert source["date"] == "2024-10-07"
    assert "71.12%" in source["note"] and "63.66%" in source["note"]
    event = profile_item("kazakhstan", "evt-kaz-rosatom-npp-2025")
    assert "trend-4056815" not in event["sources"] and gone("trend-4056815")
    assert "sputnikglobe-2024-kazakh-npp-referendum" in event["sources"]
    assert "without ranking them" in event["note"]
    (vote,) = event["figures"]
    assert vote["value"] == 71.12


def test_putins_words_at_ashgabat_are_those_a_titled_report_gives() -> None:
    events = {e["key"]: e for e in as_json("timeline", "--from", "2025-12", "--to", "2025-12")}
    text = events["evt-putin-ashgabat-2025"]["text"]
    assert "balanced foreign policy" not in text
    assert "deserved respect and authority" in text and "policy of neutrality" in text
    event = profile_item("turkmenistan", "evt-putin-ashgabat-2025")
    assert event["sources"] == ["vz-2025-putin-pozdravil-turkmenistan",
                                "menafn-2025-ashgabat-forum"]
    assert "заслуженным уважением" in event["note"] and "balanced foreign policy" in event["note"]
    assert gone("sakartvelosambebi-2025-ashgabat-forum")


def test_the_russian_name_of_kazakhstan_rests_on_a_titled_headline() -> None:
    source = as_json("sources", "kursiv-2019-kazakhstan-russia-border")
    assert source["title"].startswith("Казахстан ")
    assert any(c["what"] == "name" and c["key"] == "KAZ" for c in source["cited_by"])
    rbc = as_json("sources", "rbc-2025-russia-kazakhstan-declaration")
    assert [c["what"] for c in rbc["cited_by"]] == ["event"]
