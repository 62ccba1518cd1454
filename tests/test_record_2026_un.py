"""The record of 2026 at the UN General Assembly, and what it adds to the votes of 2025, as the CLI shows it."""

from __future__ import annotations

from conftest import as_json, rca


def test_the_children_vote_keeps_the_uns_91_and_says_who_counted_92() -> None:
    events = {e["key"]: e for e in as_json("timeline", "--from", "2025-12", "--to", "2025-12")}
    vote = events["A/RES/ES-11/9"]
    assert "adopted 91-12-57" in vote["text"]
    assert "lb-2025-return-children-costa-rica" in vote["sources"]
    run = rca("votes", "-r", "ES-11/9")
    assert run.exit_code == 0, run.stderr
    assert "counted 92 in favour, 91 at first and Costa Rica joining later" in run.stdout
    source = as_json("sources", "lb-2025-return-children-costa-rica")
    assert source["title"] == "Генасамблея ООН підтримала резолюцію про повернення українських дітей"
    assert source["date"] == "2025-12-04" and source["publisher"] == "LB.ua"
