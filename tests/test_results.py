"""An answer is a frozen, typed value: its fields are the one field list of every format."""

from __future__ import annotations

import pytest

from conftest import as_json, rca
from rca.results import (
    ComparedRow,
    CountryRow,
    ProfileAnswer,
    Result,
    VoteRow,
    answer,
    part,
    plain,
)


def test_an_answer_cannot_be_written_into() -> None:
    row = CountryRow("KAZ", "KZ", "Kazakhstan", "Republic of Kazakhstan", "Astana",
                     "central-asia", [], [], [])
    with pytest.raises(AttributeError):
        row.name = "Other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        row["_KAZ"] = "A"  # type: ignore[index]
    assert list(row) == list(CountryRow.names()) and row["capital"] == "Astana"


def test_spread_fields_are_written_in_their_place_and_a_field_is_never_named_twice() -> None:
    row = ComparedRow({"resolution": "A/RES/ES-11/1"}, {"KAZ": "A", "UZB": None},
                      {"differs": None})
    assert list(row) == ["resolution", "KAZ", "UZB", "differs"]
    assert row["UZB"] is None and len(row) == 4 and row.get("TJK", "-") == "-"
    assert plain(row) == {"resolution": "A/RES/ES-11/1", "KAZ": "A", "UZB": None,
                          "differs": None}
    with pytest.raises(ValueError, match="named twice"):
        ComparedRow({"KAZ": 1}, {"KAZ": 2})


def test_defaults_are_made_anew_and_a_shared_one_is_refused() -> None:
    @answer
    class Listed(Result):
        items: list[str] = part(default_factory=list)

    first, second = Listed(), Listed()
    first["items"].append("x")
    assert second["items"] == []
    with pytest.raises(TypeError, match="needs part"):
        @answer
        class Shared(Result):
            items: list[str] = []  # noqa: RUF012
    with pytest.raises(TypeError):
        VoteRow("A/RES/ES-11/1")  # type: ignore[call-arg]  # every field is needed


def test_a_profile_leaves_out_the_parts_not_asked_for_in_every_way_it_is_read() -> None:
    data = as_json("country", "kaz", "--only", "votes")
    assert "votes" in data and "facts" not in data and "summary" not in data
    from rca.dataset.cache import load
    from rca.dataset.files import default_data_dir
    from rca.query.profile import profile
    from rca.results import profile_obj

    ds = load(default_data_dir())
    found = profile_obj(ds, profile(ds, "KAZ"), ("votes",))
    assert isinstance(found, ProfileAnswer)
    assert "facts" not in found and found.get("facts", "-") == "-"
    assert list(plain(found)) == list(found) == list(data)


def test_json_keys_and_the_csv_header_are_the_answer_s_fields_in_order() -> None:
    rows = as_json("votes", "-c", "kaz")
    assert [list(r) for r in rows] == [list(VoteRow.names())] * len(rows)
    header = rca("votes", "-c", "kaz", "-f", "csv").stdout.splitlines()[0]
    assert header.split(",") == list(VoteRow.names())
    assert rca("votes", "-c", "kaz", "-f", "tsv").stdout.splitlines()[0].split("\t") == \
        list(VoteRow.names())


def test_an_answer_cannot_be_subclassed() -> None:
    with pytest.raises(TypeError, match="from Result alone"):
        class Wider(CountryRow):  # a field added this way would reach no format
            extra: int = 3


@pytest.mark.parametrize(("written", "read"), [
    ("LAO PEOPLE'S DEMOCRATIC REPUBLIC", "Lao People's Democratic Republic"),
    ("CÔTE D'IVOIRE", "Côte d'Ivoire"), ("CÔTE D\u2019IVOIRE", "Côte d\u2019Ivoire"),
    ("BOSNIA AND HERZEGOVINA", "Bosnia and Herzegovina"), ("THE GAMBIA", "The Gambia"),
    ("KOREA (DEMOCRATIC PEOPLE'S REPUBLIC OF)", "Korea (Democratic People's Republic of)"),
    ("GUINEA-BISSAU", "Guinea-Bissau"), ("D'IVOIRE COAST", "D'Ivoire Coast")])
def test_a_voting_file_s_names_read_as_a_reader_writes_them(written: str, read: str) -> None:
    from rca.text import name_case

    assert name_case(written) == read


@pytest.mark.parametrize("given", ["2022-02-30", "2022-13", "\uff12\uff10\uff11\uff14", "14"])
def test_a_date_that_is_no_day_of_the_calendar_is_refused(given: str) -> None:
    from rca.dates import date_range

    with pytest.raises(ValueError, match="is not a date"):
        date_range(given, None)
    assert date_range("2024-02-29", 2024) == ("2024-02-29", "2024-12-31")
