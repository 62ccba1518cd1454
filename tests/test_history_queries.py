"""Voeten's format in detail, and the questions: issues, subjects, dates, the vote taken
on a symbol voted on several times, and the counts behind voting coincidence."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_history import HEADER, write

from rca.history import (
    HistoryError,
    alignment_by,
    import_file,
    open_db,
    recorded_votes,
    un_votes,
)

VOETEN = "rcid,session,vote,ccode,member,importantvote,date,unres,amend,para,me,nu,di,hr,co," \
         "ec,year"


def voeten_rows(rcid: int, date: str, unres: str, votes: dict[int, int], amend: int = 0,
                para: int = 0, hr: int = 0) -> list[str]:
    return [f"{rcid},47,{vote},{ccode},1,0,{date},{unres},{amend},{para},0,0,0,{hr},0,0,1992"
            for ccode, vote in votes.items()]


RUS, KAZ, UZB = 365, 705, 704


@pytest.fixture
def voeten(tmp_path: Path) -> Path:
    rows = [
        # R/47/10: a paragraph vote, then the resolution as a whole, then an amendment
        *voeten_rows(10, "10/1/1992", "R/47/10", {RUS: 3, KAZ: 3, UZB: 9}, para=1),
        *voeten_rows(11, "1992-10-02", "R/47/10", {RUS: 1, KAZ: 2, UZB: 9}),
        *voeten_rows(12, "10/3/1992", "R/47/10", {RUS: 2, KAZ: 1, UZB: 9}, amend=1),
        # human rights, voted in the session of 1992 but in January 1993
        *voeten_rows(20, "1/15/1993", "R/47/20", {RUS: 1, KAZ: 1, UZB: 8}, hr=1),
        *voeten_rows(21, "1/16/1993", "", {RUS: 3, KAZ: 1, UZB: 1}, hr=1),
    ]
    target = tmp_path / "h.sqlite3"
    summary = import_file(write(tmp_path / "voeten.csv", rows, header=VOETEN), target)
    assert summary.bad_total == 0 and summary.not_members == 3 and summary.roll_calls == 5
    return target


def test_voeten_codes_symbols_and_dates(voeten: Path) -> None:
    votes = recorded_votes(open_db(voeten), ["RUS", "KAZ", "UZB"])
    assert [(v.date, v.symbol, v.record) for v in votes] == [
        ("1992-10-01", "A/RES/47/10", "10"), ("1992-10-02", "A/RES/47/10", "11"),
        ("1992-10-03", "A/RES/47/10", "12"), ("1993-01-15", "A/RES/47/20", "20"),
        ("1993-01-16", "", "21")]
    assert votes[0].votes == {"RUS": "N", "KAZ": "N"}, "9: not a member, no vote"
    assert votes[3].votes == {"RUS": "Y", "KAZ": "Y", "UZB": "NV"}


def test_the_vote_taken_on_a_symbol_is_the_unflagged_last(voeten: Path) -> None:
    found = un_votes(open_db(voeten), [("A/RES/47/10", "KAZ"), ("A/RES/47/10", "UZB"),
                                       ("A/RES/47/20", "UZB"), ("A/RES/99/1", "KAZ")])
    assert found == {("A/RES/47/10", "KAZ"): "A", ("A/RES/47/10", "UZB"): None,
                     ("A/RES/47/20", "UZB"): "NV", ("A/RES/99/1", "KAZ"): None}


def test_issue_filters_and_calendar_years(voeten: Path) -> None:
    db = open_db(voeten)
    rights = alignment_by(db, "RUS", ["KAZ"], "year", issue="human-rights")
    assert [(p.key, p.n, p.identical, p.yes_no, p.identical_yes_no) for p in rights] == [
        ("1993", 2, 1, 2, 1)]
    every = {p.key: p for p in alignment_by(db, "RUS", ["KAZ"], "year")}
    assert set(every) == {"1992", "1993"}
    assert (every["1992"].n, every["1992"].identical, every["1992"].one_abstained) == (3, 1, 2)
    assert (every["1992"].yes_no, every["1992"].identical_yes_no) == (1, 1)
    assert [v.record for v in recorded_votes(db, ["KAZ"], issue="human-rights")] == ["20", "21"]
    with pytest.raises(HistoryError, match=r"unknown issue 'rights'.*human-rights"):
        alignment_by(db, "RUS", ["KAZ"], "year", issue="rights")


def test_the_un_file_has_no_issue_flags_but_subjects(tmp_path: Path) -> None:
    rows = [
        "1,RUS,RUSSIAN FEDERATION,N,2022-03-02,ES-11,A/RES/ES-11/1,,,,Aggression,,"
        "UKRAINE--TERRITORIAL INTEGRITY|Armed conflicts,,1.0,1.0,0.0,0.0,2.0,",
        "1,KAZ,KAZAKHSTAN,Y,2022-03-02,ES-11,A/RES/ES-11/1,,,,Aggression,,"
        "UKRAINE--TERRITORIAL INTEGRITY|Armed conflicts,,1.0,1.0,0.0,0.0,2.0,",
        "2,RUS,RUSSIAN FEDERATION,Y,2022-12-01,77,A/RES/77/1,,,,Other,,HEALTH,,2.0,0.0,0.0,"
        "0.0,2.0,",
        "2,KAZ,KAZAKHSTAN,Y,2022-12-01,77,A/RES/77/1,,,,Other,,HEALTH,,2.0,0.0,0.0,0.0,2.0,"]
    target = tmp_path / "h.sqlite3"
    import_file(write(tmp_path / "un.csv", rows, header=HEADER), target)
    db = open_db(target)
    with pytest.raises(HistoryError, match="no issue flags"):
        alignment_by(db, "RUS", ["KAZ"], "year", issue="nuclear")
    ukraine = alignment_by(db, "RUS", ["KAZ"], "year", subject="ukraine--territorial")
    assert [(p.n, p.identical) for p in ukraine] == [(1, 0)]
    assert [v.symbol for v in recorded_votes(db, ["KAZ"], subject="armed CONFLICTS")] == [
        "A/RES/ES-11/1"]
    assert [v.symbol for v in recorded_votes(db, ["KAZ"], "2022-03-03", "2022-12-31")] == [
        "A/RES/77/1"]
    assert len(recorded_votes(db, ["KAZ"], limit=1)) == 1
    assert [v.symbol for v in recorded_votes(db, ["KAZ"], words=["AGGRESSION"])] == [
        "A/RES/ES-11/1"]
    assert un_votes(db, [("A/RES/ES-11/1", "kaz")]) == {("A/RES/ES-11/1", "kaz"): "Y"}


def test_dates_may_be_days_months_or_years(voeten: Path) -> None:
    db = open_db(voeten)
    october = recorded_votes(db, ["RUS"], "1992-10", "1992-10")
    assert [v.record for v in october] == ["10", "11", "12"]
    assert [v.record for v in recorded_votes(db, ["RUS"], "1992-10-02", 1992)] == ["11", "12"]
    assert [v.record for v in recorded_votes(db, ["RUS"], "1993")] == ["20", "21"]
    with pytest.raises(HistoryError, match="'last week' is not a date"):
        recorded_votes(db, ["RUS"], "last week")
    with pytest.raises(HistoryError, match="'1992-13' is not a date"):
        alignment_by(db, "RUS", ["KAZ"], "year", until="1992-13")
