"""Old figures brought up to date beside the facts they follow, as the CLI shows them."""

from __future__ import annotations

from conftest import as_json, profile_item, rca


def test_the_uzbek_count_of_russians_of_2021_stands_beside_the_factbook_estimate() -> None:
    fact = profile_item("uzbekistan", "pop-uzb-russians-2021")
    assert fact["kind"] == "fact" and fact["topic"] == "population"
    assert fact["countries"] == ["UZB"] and fact["date"] == "2021-01-01"
    assert "720,300" in fact["statement"] and "1 January 2021" in fact["statement"]
    assert "not a census" in fact["note"] and "730,000" in fact["note"]
    (count,) = fact["figures"]
    assert count["value"] == 720300 and count["unit"] == "people"
    assert count["as_of"] == "2021-01-01"
    old = profile_item("uzbekistan", "pop-uzb-russians")
    assert old["figures"][0]["value"] == 2.3, "the Factbook's estimate stays as history"


def test_the_uzbek_count_rests_on_a_news_report_and_each_source_has_title_and_date() -> None:
    fact = profile_item("uzbekistan", "pop-uzb-russians-2021")
    qualities = set()
    for key in fact["sources"]:
        source = as_json("sources", key)
        assert source["title"], key
        assert source["date"], key
        qualities.add(source["quality"])
    assert "news" in qualities
    report = as_json("sources", "azathabar-2021-million-russians-left-uzbekistan")
    assert report["date"] == "2021" and report["date_estimated"] is True
    assert "1 January 2021" in report["note"]
    blog = as_json("sources", "windowoneurasia-2021-russians-uzbekistan-720300")
    assert blog["quality"] == "weak" and blog["date"] == "2021-08-23"
    sputnik = as_json("sources", "sputniktj-2017-russians-uzbekistan-fell")
    assert sputnik["date"] == "2017-08-07" and "2,2 раза" in sputnik["title"]


def test_the_factbook_estimate_for_uzbekistan_is_no_longer_warned_of_as_stale() -> None:
    run = rca("validate")
    assert run.exit_code == 0, run.stderr
    warnings = run.stdout + run.stderr
    assert "'pop-uzb-russians' (population)" not in warnings
    assert "pop-uzb-russians-2021" in warnings, "a 2021 count is still over three years old"
