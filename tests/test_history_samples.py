"""The real sample files import, and their figures match counts made here from the CSV.

The expected figures are computed with the csv module straight from the samples, without
any rca code, then compared with what `rca.history` answers.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from conftest import REFERENCE_VOTES, rca
from rca.history import (
    alignment_by,
    import_file,
    known_states,
    open_db,
    recorded_votes,
    resolve_state,
    status,
    un_votes,
)
from rca.query.names import UnknownName

UNDL = Path(__file__).resolve().parents[2] / "shared" / "reference" / "undl"
UN_SAMPLE = UNDL / "sample_sessions_1_47_68_ES-10.csv.gz"
VOETEN_SAMPLE = UNDL / "voeten_published_sessions_47_68.csv.gz"
CAST = ("Y", "N", "A")

pytestmark = pytest.mark.skipif(not UN_SAMPLE.exists() or not VOETEN_SAMPLE.exists(),
                                reason="the reference samples sit beside the project")


def sample_rows(path: Path) -> list[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def hand_count(pairs: list[tuple[str, str]]) -> dict[str, int]:
    """n, identical, one abstained, non-votes over (state's vote, Russia's vote) pairs."""
    counted = [(a, b) for a, b in pairs if a in CAST and b in CAST]
    return {"n": len(counted), "identical": sum(a == b for a, b in counted),
            "one_abstained": sum(a != b and "A" in (a, b) for a, b in counted),
            "non_votes": len(pairs) - len(counted)}


def figures(period: object) -> dict[str, int]:
    return {name: getattr(period, name) for name in ("n", "identical", "one_abstained",
                                                     "non_votes")}


def imported(factory: pytest.TempPathFactory, sample: Path, kind: str) -> Path:
    """A database of one real sample, which must import whole and be read as ``kind``."""
    target = factory.mktemp(kind) / "history.sqlite3"
    summary = import_file(sample, target)
    assert summary.bad_total == 0 and summary.format == kind
    return target


@pytest.fixture(scope="module")
def un_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return imported(tmp_path_factory, UN_SAMPLE, "undl")


@pytest.fixture(scope="module")
def voeten_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return imported(tmp_path_factory, VOETEN_SAMPLE, "voeten")


def un_pairs(rows: list[dict[str, str]], state: str) -> list[tuple[str, str, str]]:
    """Per roll call (undl_id) both have a row for: (state's vote, Russia's, date)."""
    votes: dict[tuple[str, str], str] = {}
    dates: dict[str, str] = {}
    for row in rows:
        votes[row["undl_id"], row["ms_code"]] = row["ms_vote"] if row["ms_vote"] in CAST \
            else "NV"
        dates[row["undl_id"]] = row["date"]
    return [(votes[record, state], votes[record, "RUS"], dates[record])
            for record in dates if (record, state) in votes and (record, "RUS") in votes]


def test_the_un_sample_imports_with_x_as_non_votes(un_db: Path) -> None:
    rows = sample_rows(UN_SAMPLE)
    found = status(un_db)
    assert found.votes == len(rows) == 28_173
    assert found.roll_calls == len({r["undl_id"] for r in rows})
    assert found.mismatched == 0, "the sample's rows add up to its totals"
    db = open_db(un_db)
    stored = Counter(vote for (vote,) in db.execute("SELECT vote FROM votes"))
    given = Counter(r["ms_vote"] for r in rows)
    assert given["X"] > 2000
    assert stored == {"Y": given["Y"], "N": given["N"], "A": given["A"], "NV": given["X"]}


def test_kazakhstan_and_russia_in_session_68_match_a_hand_count(un_db: Path) -> None:
    rows = [r for r in sample_rows(UN_SAMPLE) if r["session"] == "68"]
    pairs = [(mine, theirs) for mine, theirs, _ in un_pairs(rows, "KAZ")]
    expected = hand_count(pairs)
    assert expected["n"] > 50 and expected["one_abstained"] > 0 and expected["non_votes"] > 0
    got = {p.key: p for p in alignment_by(open_db(un_db), "RUS", ["KAZ"], "session")}
    assert figures(got["68"]) == expected


def test_years_are_the_calendar_years_of_the_votes(un_db: Path) -> None:
    """Session 68 voted in 2013 and 2014: 2014's votes count for 2014."""
    rows = sample_rows(UN_SAMPLE)
    by_year: dict[str, list[tuple[str, str]]] = {}
    for mine, theirs, date in un_pairs(rows, "UZB"):
        by_year.setdefault(date[:4], []).append((mine, theirs))
    got = {p.key: figures(p) for p in alignment_by(open_db(un_db), "RUS", ["UZB"], "year")}
    assert "2014" in got
    assert got == {year: hand_count(pairs) for year, pairs in by_year.items()}
    spring = alignment_by(open_db(un_db), "RUS", ["UZB"], "year", "2014-01-01", "2014-03-31")
    assert [p.key for p in spring] == ["2014"] and spring[0].n < got["2014"]["n"]


def test_every_state_at_once_equals_one_state_at_a_time(un_db: Path) -> None:
    db = open_db(un_db)
    every = alignment_by(db, "RUS", None, "period")
    assert len({p.country for p in every}) > 150 and "RUS" not in {p.country for p in every}
    for state in ("KAZ", "USA", "UKR"):
        assert [p for p in every if p.country == state] == alignment_by(
            db, "RUS", [state], "period")


def test_voeten_sample_imports_roll_call_by_roll_call(voeten_db: Path) -> None:
    rows = sample_rows(VOETEN_SAMPLE)
    found = status(voeten_db)
    assert found.roll_calls == len({r["rcid"] for r in rows})
    assert found.votes == sum(r["vote"] != "9" for r in rows)
    assert found.issues
    codes = {line.split(",")[0] for line in (UNDL / "cow_to_iso3.csv").read_text()
             .splitlines()[1:]}
    assert {r["ccode"] for r in rows} <= codes, "the shipped table covers every number"
    assert known_states(open_db(voeten_db)).keys() >= {"RUS", "KAZ", "DEU", "YEM"}
    symbols = {v.symbol for v in recorded_votes(open_db(voeten_db), ["RUS"], 1992, 1992)}
    assert "A/RES/47/1" in symbols


def test_human_rights_alignment_matches_a_hand_count(voeten_db: Path) -> None:
    letters = {"1": "Y", "2": "A", "3": "N", "8": "NV"}
    votes: dict[tuple[str, str], str] = {}
    flagged = set()
    for row in sample_rows(VOETEN_SAMPLE):
        if row["vote"] in letters:
            votes[row["rcid"], row["ccode"]] = letters[row["vote"]]
        if row["hr"] == "1":
            flagged.add(row["rcid"])
    pairs = [(votes[r, "705"], votes[r, "365"]) for r in flagged
             if (r, "705") in votes and (r, "365") in votes]
    expected = hand_count(pairs)
    assert expected["n"] > 20
    got = alignment_by(open_db(voeten_db), "RUS", ["KAZ"], "period", issue="human-rights")
    assert [figures(p) for p in got] == [expected]
    everything = alignment_by(open_db(voeten_db), "RUS", ["KAZ"], "period")
    assert everything[0].n > expected["n"]


def test_latest_names_and_resolving_a_misspelt_one(un_db: Path) -> None:
    db = open_db(un_db)
    names = known_states(db)
    assert names["RUS"] == "RUSSIA", "the latest name, not the USSR's"
    assert resolve_state(db, "kaz") == "KAZ"
    assert resolve_state(db, "Union of Soviet Socialist Republics") == "RUS"
    assert resolve_state(db, "kazakhstan") == "KAZ"
    with pytest.raises(UnknownName) as err:
        resolve_state(db, "Kazakstan")
    assert err.value.what == "state"
    assert any("KAZ" in suggestion for suggestion in err.value.suggestions)


def test_68_262_agrees_with_the_curated_votes(voeten_db: Path, un_db: Path) -> None:
    with REFERENCE_VOTES.open(encoding="utf-8", newline="") as handle:
        curated = {(r["resolution"], r["country_iso3"]): r["vote"]
                   for r in csv.DictReader(handle) if r["resolution"] == "A/RES/68/262"}
    assert len(curated) == 16
    for path in (voeten_db, un_db):
        assert un_votes(open_db(path), curated) == curated


def test_the_cli_imports_the_gzipped_sample(tmp_path: Path) -> None:
    env = {"RCA_HISTORY_DB": str(tmp_path / "h.sqlite3")}
    run = rca("history", "import", str(UN_SAMPLE), **env)
    assert run.exit_code == 0, run.stderr
    assert "imported 28,173 votes" in run.stdout
    data = json.loads(rca("history", "alignment", "--by", "session", "-f", "json", **env)
                      .stdout)
    assert {d["session"] for d in data if d["country"] == "KAZ"} == {"47", "68", "ES-10"}


def test_history_votes_limit_keeps_the_latest_and_takes_a_list_of_states(un_db: Path) -> None:
    dates = sorted({row["date"] for row in sample_rows(UN_SAMPLE)
                    if row["ms_code"] in ("KAZ", "RUS")})
    run = rca("history", "votes", "-c", "kaz,rus", "--limit", "3", "--db", str(un_db),
              "--format", "json")
    assert run.exit_code == 0, run.stderr
    found = json.loads(run.stdout)
    shown = sorted({vote["date"] for vote in found})
    assert shown[-1] == dates[-1] and shown[0] >= dates[-3]
    assert {vote["country"] for vote in found} == {"KAZ", "RUS"}


def test_a_range_with_no_roll_call_says_so(un_db: Path) -> None:
    aligned = rca("history", "alignment", "--from", "2030", "--db", str(un_db))
    assert aligned.exit_code == 0 and "# Nothing to count" in aligned.stdout
    compared = rca("history", "compare", "kaz", "rus", "--from", "2030", "--db", str(un_db))
    assert compared.exit_code == 0 and "# Nothing to compare" in compared.stdout
    assert "# Positions" not in compared.stdout


def test_the_chart_gives_each_state_its_own_range_and_the_index_of_all_its_votes(
        un_db: Path) -> None:
    run = rca("history", "alignment", "-c", "kaz,ago", "--db", str(un_db))
    chart = {row[0]: row for row in run.rows("Index of agreement with RUS, by year")}
    figures = [row for row in run.rows("Figures") if row[0] == "KAZ"]
    counted = [(int(row[2]), float(row[4])) for row in figures if row[4] != "–"]
    weighted = sum(n * index for n, index in counted) / sum(n for n, _ in counted)
    assert abs(float(chart["KAZ"][4]) - weighted) < 0.0005
    assert chart["AGO"][1] != "1946"  # Angola joined the UN in 1976
