"""Arguments and voting-file values that once gave a wrong answer or an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_history import HEADER, write
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
    assert "imported 2 votes on 1 resolution, 1992-1992, 2 states;" in run.stdout, run.stdout


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent / "bench"))
    from history import generate  # the synthetic voting file of the benchmark

    big = tmp_path_factory.mktemp("big") / "votes.csv"
    generate(big, 600_000)
    return big


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_terminated_import_leaves_nothing_behind(tmp_path: Path, big_file: Path,
                                                   name: str) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    number = getattr(signal, name)
    for attempt in range(3):  # a busy machine may finish the import before the signal comes
        db = tmp_path / f"history{attempt}.sqlite3"
        proc = subprocess.Popen([sys.executable, "-m", "rca", "history", "import",
                                 str(big_file), "--db", str(db)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "RCA_PAGER": ""})
        while not list(tmp_path.glob(".*importing*")) and proc.poll() is None:
            time.sleep(0.01)  # until the import has begun writing (or has ended)
        proc.send_signal(number)
        _out, err = proc.communicate(timeout=120)
        if proc.returncode != 0:
            break
        db.unlink()
    assert proc.returncode == 128 + number, (proc.returncode, err)
    assert "Traceback" not in err
    assert not db.exists() and not list(tmp_path.glob(".*importing*"))


def test_an_encrypted_zip_is_a_message(tmp_path: Path) -> None:
    import zipfile

    source = write(tmp_path / "v.csv", _un_rows("2.0,0.0,0.0,0.0,2.0"))
    archive = tmp_path / "v.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(source, "v.csv")
    data = bytearray(archive.read_bytes())
    # mark the member encrypted, as a zip tool does, in its local and central headers
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(signature) + offset
        data[at] |= 0x1
    archive.write_bytes(bytes(data))
    run = rca("history", "import", str(archive), "--db", str(tmp_path / "h.sqlite3"))
    assert run.exit_code == 1, run.stderr
    assert "is encrypted" in run.stderr and "internal error" not in run.stderr


def test_an_import_with_the_error_stream_closed_still_imports(tmp_path: Path) -> None:
    import subprocess
    import sys

    source = write(tmp_path / "v.csv", _un_rows("2.0,0.0,0.0,0.0,2.0"))
    db = tmp_path / "h.sqlite3"
    run = subprocess.run(f'"{sys.executable}" -m rca history import "{source}" --db "{db}" 2>&-',
                         shell=True, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and "imported 2 votes" in run.stdout, run
    assert rca("history", "votes", "-c", "kaz", "--db", str(db)).exit_code == 0
    refused = subprocess.run(f'"{sys.executable}" -m rca country atlantis 2>&-', shell=True,
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "Traceback" not in refused.stdout


def _imported(tmp_path: Path) -> Path:
    source = write(tmp_path / "v.csv", _un_rows("2.0,0.0,0.0,0.0,2.0"))
    db = tmp_path / "h.sqlite3"
    assert rca("history", "import", str(source), "--db", str(db)).exit_code == 0
    return db


CRAFTED = {
    "a view that never ends in place of the roll calls": [
        "ALTER TABLE roll_calls RENAME TO kept",
        "CREATE VIEW roll_calls AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
        "FROM n) SELECT i AS id, '' AS symbol, '2000-01-01' AS date, 2000 AS year, "
        "'1' AS session, '' AS title, 'YY' AS votes FROM n"],
    "no states table": ["DROP TABLE states"],
    "a votes string shorter than the states": ["UPDATE roll_calls SET votes = 'Y'"],
    "a votes string with other letters": ["UPDATE roll_calls SET votes = 'Y\x1b'"],
    "a state given twice": [
        "ALTER TABLE states RENAME TO old", "CREATE TABLE states (number INTEGER, code TEXT, "
        "name TEXT, last_date TEXT)", "INSERT INTO states SELECT * FROM old",
        "INSERT INTO states SELECT * FROM old", "DROP TABLE old"],
    "states numbered with a gap": ["UPDATE states SET number = 5 WHERE number = 1"],
    "a trigger": ["CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END"],
    "a meta value of ten megabytes": ["UPDATE meta SET value = printf('%.*c', 10000000, 'x') "
                                      "WHERE key = 'file'"],
    "a meta count that is not a number": ["UPDATE meta SET value = 'many' WHERE key = 'rows'"],
}


@pytest.mark.parametrize("what", CRAFTED)
def test_a_crafted_database_is_refused_with_a_message(tmp_path: Path, what: str) -> None:
    import sqlite3

    db = _imported(tmp_path)
    with sqlite3.connect(db) as change:
        for statement in CRAFTED[what]:
            change.execute(statement)
    change.close()
    every = (("history", "status"), ("history", "alignment"), ("history", "votes", "-c", "kaz"),
             ("history", "ideal", "-c", "kaz"), ("country", "kaz", "--only", "votes"))
    for args in every if "view" in what else every[:1]:
        run = rca(*args, "--db", str(db)) if args[0] == "history" else rca(
            *args, RCA_HISTORY_DB=str(db))
        assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
        if args[0] == "history":
            assert run.exit_code == 1, (args, run.exit_code, run.stdout)
            assert "is not an rca history database or is damaged" in run.stderr, run.stderr
            assert len(run.stderr) < 2000
    again = rca("history", "import", str(tmp_path / "v.csv"), "--db", str(db))
    assert again.exit_code == 0, again.stderr  # a damaged database of rca's own is replaced


def test_an_unreadable_database_is_named_as_unreadable(tmp_path: Path) -> None:
    loop = tmp_path / "loop.sqlite3"
    loop.symlink_to(loop)
    run = rca("history", "status", "--db", str(loop))
    assert run.exit_code == 1 and "symbolic links" in run.stderr, run.stderr
    assert "no UN voting history is imported yet" not in run.stderr


def test_a_failed_write_names_the_database_not_the_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import os

    db = _imported(tmp_path)
    before = db.read_bytes()

    def full(source: str, target: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), source)

    monkeypatch.setattr("rca.history.importer.os.replace", full)
    run = rca("history", "import", str(tmp_path / "v.csv"), "--db", str(db))
    assert run.exit_code == 1
    assert f"cannot write {db}: No space left on device; {db} is unchanged" in run.stderr
    assert "importing" not in run.stderr and "Errno" not in run.stderr
    assert db.read_bytes() == before and not list(tmp_path.glob(".*importing"))


def test_a_file_with_carriage_returns_alone_is_a_message(tmp_path: Path) -> None:
    source = tmp_path / "v.csv"
    source.write_bytes("\r".join([HEADER, *_un_rows("2.0,0.0,0.0,0.0,2.0")]).encode())
    run = rca("history", "import", str(source), "--db", str(tmp_path / "h.sqlite3"))
    assert run.exit_code == 1 and "carriage return alone" in run.stderr, run.stderr
    assert "universal-newline" not in run.stderr


def _import_measured(source: Path, db: Path) -> tuple[int, str, int]:
    """Import as its own process: the exit code, the error text and the peak memory (KB)."""
    import os
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "rca", "history", "import", str(source),
                             "--db", str(db)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, err, usage.ru_maxrss


def test_a_new_state_on_every_row_is_refused_early(tmp_path: Path) -> None:
    rows = [f"{4_000_000 + n},S{n:05d},STATE {n},Y,1991-09-17,,A/RES/46/{n},,,,\"T\",,,,"
            "1.0,0.0,0.0,0.0,1.0," for n in range(30_000)]
    source, db = write(tmp_path / "v.csv", rows), tmp_path / "h.sqlite3"
    code, err, peak = _import_measured(source, db)
    assert code == 1 and "more than 400 state codes" in err and "v.csv:402:" in err, err
    assert not db.exists() and peak < 300_000, peak


def test_roll_calls_with_outsize_titles_are_bad_rows(tmp_path: Path) -> None:
    title = "x" * 120_000
    rows = [f"{4_000_000 + n},KAZ,KAZAKHSTAN,Y,1991-09-17,,A/RES/46/{n},,,,{title},,,,"
            "1.0,0.0,0.0,0.0,1.0," for n in range(30)]
    source, db = write(tmp_path / "v.csv", rows), tmp_path / "h.sqlite3"
    run = rca("history", "import", str(source), "--db", str(db))
    assert run.exit_code == 1 and "v.csv:2: 120,019 characters of title" in run.stderr
    assert "more than the 8,000 rca reads" in run.stderr and "29 more like it" in run.stderr
    assert not db.exists()


def test_a_compressed_file_that_expands_beyond_reason_is_refused(tmp_path: Path) -> None:
    import gzip

    row = _un_rows("2.0,0.0,0.0,0.0,2.0")[0].replace("Admission", "x" * 7_000)
    text = "\r\n".join([HEADER, *[row] * 4_000]) + "\r\n"  # one vote, given again and again
    source, db = tmp_path / "v.csv.gz", tmp_path / "h.sqlite3"
    source.write_bytes(gzip.compress(text.encode("utf-8")))
    code, err, peak = _import_measured(source, db)
    assert code == 1 and "expands to more than 200 times" in err, err
    assert not db.exists() and peak < 300_000, peak


def test_an_import_while_another_writes_the_same_database_is_refused(tmp_path: Path) -> None:
    fcntl = pytest.importorskip("fcntl")  # advisory locks: every system but Windows
    import os

    db = _imported(tmp_path)
    before = db.read_bytes()
    other = write(tmp_path / "w.csv", [row.replace("Y,1991", "N,1991")
                                       for row in _un_rows("0.0,2.0,0.0,0.0,2.0")])
    lock = tmp_path / ".h.sqlite3.lock"
    held = os.open(lock, os.O_RDWR | os.O_CREAT)
    fcntl.flock(held, fcntl.LOCK_EX)  # as an import that is writing holds it
    try:
        run = rca("history", "import", str(other), "--db", str(db))
    finally:
        os.close(held)
    assert run.exit_code == 1 and f"another import into {db} is running" in run.stderr
    assert "imported" not in run.stdout and db.read_bytes() == before
    done = rca("history", "import", str(other), "--db", str(db))
    assert done.exit_code == 0, done.stderr
    listed = rca("history", "votes", "-c", "kaz", "--db", str(db), "--format", "csv").stdout
    assert listed.splitlines()[1].endswith(",KAZ,N"), listed  # the second file's vote
    assert not lock.exists() and not list(tmp_path.glob(".*importing"))


def test_the_column_names_of_the_2024_data_dictionary_are_read(tmp_path: Path) -> None:
    # the plural names of the September 2024 dictionary, with the totals bare
    plural = ("undl_id,ms_codes,ms_names,ms_votes,date,session,resolutions,draft,"
              "committee_report,meeting,title,agenda_titles,subjects,vote_note,yes,no,"
              "abstentions,non-voting,total_ms,undl_link")
    assert len(plural.split(",")) == len(HEADER.split(","))
    source = write(tmp_path / "v.csv", _un_rows("2.0,0.0,0.0,0.0,2.0"), header=plural)
    db = tmp_path / "h.sqlite3"
    run = rca("history", "import", str(source), "--db", str(db))
    assert run.exit_code == 0, run.stderr
    assert "imported 2 votes on 1 resolution" in run.stdout
    wrong = write(tmp_path / "w.csv", _un_rows("3.0,0.0,0.0,0.0,2.0"), header=plural)
    checked = rca("history", "import", str(wrong), "--db", str(tmp_path / "w.sqlite3"))
    assert "the rows count 2-0-0 where the file records 3-0-0" in checked.stdout + checked.stderr
