"""Arguments and voting-file values that once gave a wrong answer or an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_history import write
from test_history_queries import KAZ, RUS, VOETEN, voeten_rows

from conftest import rca


def _un_rows(totals: str) -> list[str]:
    return [f"4000001,{code},{name},{vote},1991-09-17,,A/RES/46/1,,,,\"Admission\",,,,"
            f"{totals},https://digitallibrary.un.org/record/4000001"
            for code, name, vote in (("KAZ", "KAZAKHSTAN", "Y"), ("RUS", "RUSSIA", "Y"))]


def test_an_empty_db_is_a_usage_error_never_the_default_database(tmp_path: Path) -> None:
    source = write(tmp_path / "v.csv", _un_rows("2.0,0.0,0.0,0.0,2.0"))
    for args in (("history", "import", str(source)), ("history", "status"),
                 ("history", "votes", "-c", "kaz")):
        run = rca(*args, "--db", "", RCA_HISTORY_DB=str(tmp_path / "main.sqlite3"))
        assert run.exit_code == 2, (args, run.stderr)
        assert "empty path" in run.stderr
    assert not (tmp_path / "main.sqlite3").exists()


@pytest.mark.parametrize("args", [("history", "votes", "-c", "kaz", "--db", "none.sqlite3"),
                                  ("history", "alignment", "--db", "none.sqlite3"),
                                  ("timeline",)])
def test_a_range_that_ends_before_it_starts_is_a_usage_error(args: tuple[str, ...]) -> None:
    for order in (("--from", "2020", "--to", "1990"), ("--to", "1990", "--from", "2020")):
        run = rca(*args, *order)
        assert run.exit_code == 2 and "--from 2020 comes after --to 1990" in run.stderr


@pytest.mark.parametrize("totals", ["１２.0,0.0,0.0,0.0,2.0", "1e20,0.0,0.0,0.0,2.0"])
def test_a_total_in_other_digits_or_beyond_reason_is_a_bad_row(tmp_path: Path,
                                                                totals: str) -> None:
    source = write(tmp_path / "v.csv", _un_rows(totals))
    run = rca("history", "import", str(source), "--db", str(tmp_path / "h.sqlite3"))
    assert run.exit_code == 1 and "Traceback" not in run.stderr
    assert "v.csv:2: unreadable" in run.stderr, run.stderr
    assert not (tmp_path / "h.sqlite3").exists()


def test_a_roll_call_number_with_leading_zeros_is_the_same_roll_call(tmp_path: Path) -> None:
    rows = [*voeten_rows(3663, "1992-10-02", "R/47/10", {RUS: 1}),
            *voeten_rows(3663, "1992-10-02", "R/47/10", {KAZ: 1})]
    rows[1] = "0" + rows[1]  # the same rcid written 03663
    db = tmp_path / "h.sqlite3"
    run = rca("history", "import", str(write(tmp_path / "v.csv", rows, header=VOETEN)),
              "--db", str(db))
    assert run.exit_code == 0, run.stderr
    assert "imported 2 votes on 1 resolution" in run.stdout, run.stdout
