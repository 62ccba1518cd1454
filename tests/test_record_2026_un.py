"""The record of 2026 at the UN General Assembly, and what it adds to the votes of 2025, as the
CLI shows it."""

from __future__ import annotations

import json

from conftest import as_json, profile_item, rca


def test_kyrgyzstan_won_the_security_council_seat_on_3_june_2026() -> None:
    events = {e["key"]: e for e in as_json("timeline", "--from", "2026-06", "--to", "2026-06")}
    seat = events["evt-kgz-unsc-seat-2026"]
    assert seat["date"] == "2026-06-03"
    assert "2027-2028" in seat["text"] and "Philippines" in seat["text"]
    assert "142 to 49 in the fourth" in seat["text"] and "105 votes to 85" in seat["text"]
    assert "128 of the 191" in seat["text"]
    assert {"KGZ", "KAZ", "TJK", "TKM", "UZB"} <= set(seat["states"])
    assert "mb-2026-kyrgyzstan-secures-unsc-seat" in seat["sources"]


def test_the_seat_is_in_kyrgyzstans_profile_with_the_manila_date_explained() -> None:
    item = profile_item("kyrgyzstan", "evt-kgz-unsc-seat-2026")
    text = json.dumps(item, ensure_ascii=False)
    assert "Tashkent on 16 November 2025" in text
    assert "Manila time" in text and "3 June in New York" in text


def test_the_seats_sources_carry_their_own_title_and_day() -> None:
    expected = {
        "mb-2026-kyrgyzstan-secures-unsc-seat": (
            "PH falls short in UN Security Council bid; Kyrgyzstan secures seat", "2026-06-04"),
        "mb-2026-dfa-lost-unsc-election": (
            "DFA: Philippines remains committed to peace, stability after losing UN Security "
            "Council"
            " election", "2026-06-04"),
        "24-2025-kyrgyzstan-unsc-appeal": (
            "Кыргызстан продвигают в непостоянные члены Совбеза ООН на 2027-2028 годы",
            "2025-12-05"),
    }
    for source_id, (title, date) in expected.items():
        source = as_json("sources", source_id)
        assert source["title"] == title and source["date"] == date, source
        assert source["date_estimated"] is False and source["url"].startswith("https://"), source
        assert source["quality"] == "news"


def test_the_children_vote_keeps_the_uns_91_and_says_who_counted_92() -> None:
    events = {e["key"]: e for e in as_json("timeline", "--from", "2025-12", "--to", "2025-12")}
    vote = events["A/RES/ES-11/9"]
    assert "adopted 91-12-57" in vote["text"]
    assert "lb-2025-return-children-costa-rica" in vote["sources"]
    run = rca("votes", "-r", "ES-11/9")
    assert run.exit_code == 0, run.stderr
    assert "counted 92 in favour, 91 at first and Costa Rica joining later" in run.stdout
    source = as_json("sources", "lb-2025-return-children-costa-rica")
    assert source["title"] == ("Генасамблея ООН підтримала резолюцію про повернення "
                               "українських дітей")
    assert source["date"] == "2025-12-04" and source["publisher"] == "LB.ua"
