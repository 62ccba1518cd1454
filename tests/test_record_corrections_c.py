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
