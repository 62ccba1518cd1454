"""The record of 2026 in security and society, as the CLI shows it: the Tajik-Afghan border, the
CSTO's exercises, the Crocus City Hall verdict, the states' answers to recruitment into Russia's war
and Kazakhstan's new constitution in force."""

from __future__ import annotations

import json

from conftest import as_json, profile_item, timeline_shows

#: each new record: its date, words its statement must hold, a state it concerns
NEW_EVENTS = {
    "evt-tjk-border-clash-2025-12": ("2025-12-24", "third armed attack on the border in a month",
                                     "TJK"),
    "evt-tjk-border-clash-2026-01": ("2026-01-18", "Darbandak", "TJK"),
    "evt-uzb-mercenary-bill-2026": ("2026-02-03", "first reading", "UZB"),
    "evt-csto-exercises-plan-2026": ("2026-02-12", "'Kobalt' and 'Skala' in Tajikistan", "TJK"),
    "evt-kaz-foreign-wars-2026": ("2026-03-04", "Article 172", "KAZ"),
    "evt-crocus-verdict-2026": ("2026-03-12", "all citizens of Tajikistan", "TJK"),
    "evt-kaz-constitution-2026": ("2026-07-01", "came into force on 1 July 2026", "KAZ"),
}


def timeline(since: str = "2025-12") -> dict[str, dict]:
    return {e["key"]: e for e in as_json("timeline", "--from", since)}


def test_the_new_events_are_on_the_timeline_in_date_order() -> None:
    timeline_shows(NEW_EVENTS, "2025-12")


def test_every_new_event_cites_sources_with_their_own_title_and_date() -> None:
    by_key = timeline()
    for key in NEW_EVENTS:
        for source_id in by_key[key]["sources"]:
            source = as_json("sources", source_id)
            assert source["title"] and source["date"], source
            assert source["url"].startswith("http"), source
            assert source["quality"] in {"primary", "news", "weak"}, source
            if source["date_estimated"]:
                assert "dated by" in (source["note"] or ""), source
            assert any(c["key"] == key for c in source["cited_by"]), source


def test_the_reported_russian_patrol_talks_were_denied_and_withdrawn() -> None:
    record = profile_item("tajikistan", "evt-tjk-border-patrols-2025")
    assert "Reuters withdrew the story" in record["statement"]
    assert "denied it on 3 December 2025" in record["contested"]
    sources = [s if isinstance(s, str) else s["id"] for s in record["sources"]]
    assert "lenta-2025-tajikistan-rejects-joint-patrols" in sources
    lenta = as_json("sources", "lenta-2025-tajikistan-rejects-joint-patrols")
    assert lenta["date"] == "2025-12-03" and lenta["title"].startswith("Таджикистан отверг")
    reuters = as_json("sources", "reuters-2025-tajikistan-russia-border-talks")
    assert "withdrew the story on 3 December 2025" in reuters["note"]
    drone = profile_item("tajikistan", "evt-tjk-drone-attack-2025")
    assert "which Tajikistan denied" in drone["note"]


def test_the_border_clashes_give_their_dead_and_whose_statement_it_is() -> None:
    december = profile_item("tajikistan", "evt-tjk-border-clash-2025-12")
    assert "two Tajik servicemen were killed" in december["statement"]
    assert "apologise" in december["statement"] and december["confidence"] == "high"
    january = profile_item("tajikistan", "evt-tjk-border-clash-2026-01")
    assert "no losses among the Tajik border guards" in january["statement"]
    assert january["confidence"] == "medium", "one portal's report only"


def test_the_crocus_verdict_gives_the_terms_and_the_disputed_toll() -> None:
    record = profile_item("tajikistan", "evt-crocus-verdict-2026")
    assert "Second Western District Military Court" in record["statement"]
    assert "eleven others" in record["statement"] and "19 to 22 years" in record["statement"]
    assert "149" in record["contested"] and "150" in record["contested"]
    kbc = as_json("sources", "kbc-2026-nineteen-jailed-moscow-concert")
    assert kbc["date_estimated"] is True and "citizens of Tajikistan" in kbc["note"]
    in_russia = json.dumps(as_json("country", "russia"), ensure_ascii=False)
    assert "evt-crocus-verdict-2026" in in_russia


def test_plans_and_bills_are_reported_as_such() -> None:
    plan = profile_item("kazakhstan", "evt-csto-exercises-plan-2026")
    assert "A plan" in plan["note"] and "was not found" in plan["note"]
    bill = profile_item("uzbekistan", "evt-uzb-mercenary-bill-2026")
    assert "whether it became law was not found" in bill["note"]
    request = profile_item("kazakhstan", "evt-kaz-foreign-wars-2026")
    assert "141 cases" in request["statement"] and "26 people convicted" in request["statement"]


def test_the_kazakh_constitution_is_no_longer_only_due_to_take_effect() -> None:
    fact = profile_item("kazakhstan", "lang-kaz-2026-constitution")
    assert "took effect on 1 July 2026" in fact["statement"]
    assert "due to take effect" not in fact["statement"]
    sources = [s if isinstance(s, str) else s["id"] for s in fact["sources"]]
    assert "timesca-2026-constitution-takes-effect" in sources
    old = profile_item("kazakhstan", "lang-kaz-1995-constitution")
    assert "which took effect on 1 July 2026" in old["note"]
    source = as_json("sources", "timesca-2026-constitution-takes-effect")
    assert source["date"] == "2026-07-01" and "Takes Effect" in source["title"]


def test_the_kyrgyz_laws_on_foreign_funded_groups_and_the_media_are_in() -> None:
    law = profile_item("kyrgyzstan", "evt-kgz-foreign-reps-law-2024")
    assert law["date"] == "2024-04-02" and "'foreign representatives'" in law["statement"]
    assert "the critics'" in law["note"], "the likeness to Russia's law is attributed"
    media = profile_item("kyrgyzstan", "evt-kgz-media-law-2025")
    assert media["date"] == "2025-08-06" and "35%" in media["statement"]
    for key in ("evt-kgz-foreign-reps-law-2024", "evt-kgz-media-law-2025"):
        record = profile_item("kyrgyzstan", key)
        for source in record["sources"]:
            source_id = source if isinstance(source, str) else source["id"]
            cited = as_json("sources", source_id)
            assert cited["title"] and cited["date"] and cited["url"].startswith("http"), cited
    omct = as_json("sources", "omct-2024-kyrgyzstan-foreign-representatives")
    assert omct["date"] == "2024-04-05" and omct["quality"] == "reference"


def test_the_change_from_equally_to_alongside_is_dated_to_the_drafting() -> None:
    fact = profile_item("kazakhstan", "lang-kaz-2026-constitution")
    assert "31 January 2026" in fact["note"] and "9 February" in fact["note"]
    assert "Bakyt Nurmukhanov" in fact["note"]
    first = as_json("sources", "vedomosti-2026-kaz-russian-status-kept")
    changed = as_json("sources", "rbc-2026-kaz-russian-wording-changed")
    assert (first["date"], changed["date"]) == ("2026-01-31", "2026-02-09")
    assert "наравне" in first["note"] and "қатар" in changed["note"]
