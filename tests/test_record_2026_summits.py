"""The summits and organisations of 2026 in the record, as the CLI shows them."""

from __future__ import annotations

import json

from conftest import as_json, profile_item, rca


def timeline_2026() -> dict[str, dict]:
    return {e["key"]: e for e in as_json("timeline", "--from", "2026-01")}


def assert_titled_and_dated(source_ids: list[str]) -> None:
    for source_id in source_ids:
        source = as_json("sources", source_id)
        assert source["title"] and source["date"], source
        assert source["url"].startswith("http"), source


def test_putin_accepted_a_state_visit_tied_to_the_astana_eaeu_summit() -> None:
    visit = timeline_2026()["evt-putin-kaz-visit-plan-2026"]
    assert visit["date"] == "2026-02-16"
    assert "Supreme Eurasian Economic Council in Astana" in visit["text"]
    assert "state visit" in visit["text"] and "Borodavkin" in visit["text"]
    assert set(visit["sources"]) == {"gazeta-ru-2026-putin-kazakhstan-may",
                                     "rbc-2026-borodavkin-visit-dates"}
    assert_titled_and_dated(visit["sources"])
    gazeta = as_json("sources", "gazeta-ru-2026-putin-kazakhstan-may")
    assert gazeta["title"] == "Путин посетит Казахстан в мае"
    item = profile_item("kazakhstan", "evt-putin-kaz-visit-plan-2026")
    assert "was not found" in item["note"], "a plan, its outcome not reported"


def test_the_eaeu_summit_of_december_points_at_the_visit_plan() -> None:
    spb = profile_item("kazakhstan", "evt-eaeu-spb-2025")
    assert "evt-putin-kaz-visit-plan-2026" in spb["note"]
    assert "was not checked" not in spb["note"]


def test_russia_chairs_the_csto_in_2026_with_a_moscow_summit_planned() -> None:
    chair = timeline_2026()["evt-csto-russia-chair-2026"]
    assert chair["date"] == "2026-01-01"
    assert "Common Goal, Shared Responsibility" in chair["text"]
    assert "Moscow in November 2026" in chair["text"] and "Serdyukov" in chair["text"]
    assert "KGZ" in chair["states"] and "ARM" in chair["states"]
    assert_titled_and_dated(chair["sources"])
    chief = as_json("sources", "tass-2026-csto-chief-of-staff-priorities")
    assert chief["date"] == "2026-02-12" and chief["date_estimated"] is True
    assert "February 12" in chief["note"]
    bishkek = profile_item("kyrgyzstan", "evt-csto-summit-bishkek-2025")
    assert "evt-csto-russia-chair-2026" in bishkek["note"]
    assert "was not checked" not in bishkek["note"]


def test_armenias_intelligence_service_expects_no_unfreezing_in_2026() -> None:
    hits = as_json("search", "unfrozen")
    (found,) = [r for r in hits if r["id"] == "armenia-csto-frozen-2026"]
    assert found["kind"] == "assessment" and found["date"] == "2026-01-20"
    assert found["by"] == "Armenia's Foreign Intelligence Service"
    assert "in all probability" in found["text"]
    profile = json.dumps(as_json("country", "armenia"), ensure_ascii=False)
    assert "armenia-csto-frozen-2026" in profile
    for source_id in ("gazeta-ru-2026-armenia-csto-unfreeze",
                      "reportaz-2026-armenia-csto-unfreeze"):
        source = as_json("sources", source_id)
        assert source["date"] == "2026-01-20" and "ОДКБ" in source["title"]
        assert [c["what"] for c in source["cited_by"]]


def test_the_sco_and_cis_records_give_the_2026_meetings_as_plans_with_sources() -> None:
    sco = profile_item("kyrgyzstan", "evt-sco-tianjin-2025")
    assert "4 February 2026" in sco["note"] and "Kulubaev" in sco["note"]
    assert "no report of the summit itself" in sco["note"]
    cis = profile_item("turkmenistan", "evt-cis-dushanbe-2025")
    assert "9 October 2026" in cis["note"] and "22 May 2026" in cis["note"]
    for source_id in ("sayasat-2026-kulubaev-yermekbayev", "tass-2025-cis-summit-avaza",
                      "reportaz-2026-cis-pms-ashgabat"):
        source = as_json("sources", source_id)
        assert source["title"] and source["date"], source
        assert [c["what"] for c in source["cited_by"]], f"{source_id} is cited"
    assert as_json("sources", "tass-2025-cis-summit-avaza")["date"] == "2025-12-30"


def test_the_plain_timeline_shows_the_new_2026_events() -> None:
    table = rca("timeline", "--from", "2026-01")
    assert table.exit_code == 0, table.stderr
    shown = {row[2] for row in table.rows()}
    assert {"evt-csto-russia-chair-2026", "evt-putin-kaz-visit-plan-2026"} <= shown
