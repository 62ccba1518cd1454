"""Importing: every vote kept or reported, and every file or target rca must not take
refused with a message, leaving the old database as it was."""

from __future__ import annotations

import csv
import gzip
import io
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest
from test_history import ROWS, vote_rows, write

from conftest import rca
from rca.history import (
    HistoryError,
    alignment_by,
    import_file,
    mismatches,
    open_db,
    recorded_votes,
    status,
)


@pytest.fixture
def target(tmp_path: Path) -> Path:
    """A database imported from the small file of test_history."""
    path = tmp_path / "db" / "history.sqlite3"
    import_file(write(tmp_path / "votes.csv", ROWS), path)
    return path


def lines_of(path: Path, marker: str) -> list[int]:
    text = path.read_bytes().decode("utf-8-sig", "replace").splitlines()
    return [n for n, line in enumerate(text, start=1) if marker in line]


def test_a_repeat_is_ignored_and_counted_a_different_one_is_a_bad_row(
        tmp_path: Path, target: Path) -> None:
    before = target.read_bytes()
    first = vote_rows("A/RES/46/1", "1991-09-17", 'Admission of "new" members, first',
                      {"KAZ": "Y"})[0]
    differs = first.replace(",Y,", ",N,")
    source = write(tmp_path / "again.csv", [*ROWS, first, differs])
    summary = import_file(source, target)
    assert summary.repeats == 1
    assert [(b.line, b.kind) for b in summary.bad] == [
        (lines_of(source, differs)[0], "a state's vote given twice, differently")]
    assert "a second vote of KAZ on A/RES/46/1" in summary.bad[0].message
    assert "N, where an earlier row has Y" in summary.bad[0].message
    assert target.read_bytes() == before, "a bad row without skip_bad writes nothing"
    import_file(source, target, skip_bad=True)
    kept = recorded_votes(open_db(target), ["KAZ"], 1991, 1991)
    assert kept[0].votes == {"KAZ": "Y"}, "the first vote stays"


def test_roll_calls_sharing_a_symbol_are_kept_apart(tmp_path: Path) -> None:
    rows = ["9" + row for row in vote_rows(  # another record number
        "A/RES/46/1", "1991-09-17", "Paragraph 3", {"RUS": "N", "KAZ": "N"})]
    source = write(tmp_path / "shared.csv", [*ROWS, *rows])
    summary = import_file(source, tmp_path / "h.sqlite3")
    assert summary.bad_total == 0 and summary.roll_calls == 5 and summary.resolutions == 4
    votes = recorded_votes(open_db(tmp_path / "h.sqlite3"), ["KAZ"], 1991, 1991)
    assert sorted(v.votes["KAZ"] for v in votes if v.symbol == "A/RES/46/1") == ["N", "Y"]


def test_a_file_without_votes_is_refused(tmp_path: Path, target: Path) -> None:
    before = target.read_bytes()
    with pytest.raises(HistoryError, match=r"holds no votes to import \(it has a header but no "
                       r"rows\); .* is unchanged"):
        import_file(write(tmp_path / "header.csv", []), target)
    bad = write(tmp_path / "bad.csv", [
        *vote_rows("A/RES/1/1", "1946-02-01", "One", {"RUS": "Yes", "KAZ": "No", "TKM": "?"}),
        *vote_rows("A/RES/1/2", "1946-02-02", "Two", {"RUS": "y/n", "KAZ": "-", "TKM": "0"})])
    with pytest.raises(HistoryError, match=r"all 6 rows are bad: unknown vote code: 6 "
                       r"\(line 2, 3, 4, 5, 6, \.\.\.\)"):
        import_file(bad, target, skip_bad=True)
    assert target.read_bytes() == before
    run = rca("history", "import", str(bad), "--skip-bad", RCA_HISTORY_DB=str(target))
    assert run.exit_code == 1 and "holds no votes" in run.stderr


def test_bad_rows_are_grouped_by_kind(tmp_path: Path) -> None:
    rows = [*ROWS, *[r.replace(",NV,", ",maybe,") for r in ROWS],
            *vote_rows("A/RES/79/2", "sometime", "Bad date", {"RUS": "Y", "KAZ": "N"})]
    summary = import_file(write(tmp_path / "bad.csv", rows), tmp_path / "h.sqlite3",
                          skip_bad=True)
    kinds = {k.kind: k for k in summary.bad_kinds}
    assert set(kinds) == {"unknown vote code", "unreadable date"}
    assert kinds["unknown vote code"].rows == 4
    assert kinds["unknown vote code"].lines == lines_of(tmp_path / "bad.csv", ",maybe,")
    assert kinds["unreadable date"].rows == 2
    assert kinds["unreadable date"].example == "unreadable date 'sometime'"
    assert summary.bad_total == 6 and summary.votes == 12 and summary.repeats == 8


@pytest.mark.parametrize("make", ["text", "other sqlite", "empty", "directory", "fifo",
                                  "symlink"])
def test_a_target_that_is_not_an_rca_database_is_never_overwritten(
        tmp_path: Path, target: Path, make: str) -> None:
    other = tmp_path / "other"
    if make == "text":
        other.write_text("my notes\n")
    elif make == "other sqlite":
        with sqlite3.connect(other) as db:
            db.execute("CREATE TABLE meta (key TEXT, value TEXT)")
            db.execute("INSERT INTO meta VALUES ('schema', '2')")
    elif make == "empty":
        other.touch()
    elif make == "directory":
        other.mkdir()
    elif make == "fifo":
        os.mkfifo(other)
    else:
        other.symlink_to(target)
    before = other.lstat()
    source = write(tmp_path / "votes2.csv", ROWS)
    with pytest.raises(HistoryError, match=r"not an rca history database|symbolic link|not a "
                       r"regular file"):
        import_file(source, other)
    after = other.lstat()
    assert (after.st_mode, after.st_size, after.st_mtime_ns) == (
        before.st_mode, before.st_size, before.st_mtime_ns)
    run = rca("history", "import", str(source), "--db", str(other))
    assert run.exit_code == 1 and "rca: " in run.stderr


def test_another_tools_database_is_not_read_as_history(tmp_path: Path) -> None:
    other = tmp_path / "app.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE meta (name TEXT, version INTEGER)")
    with pytest.raises(HistoryError, match="not an rca history database"):
        open_db(other)
    run = rca("history", "status", "--db", str(other))
    assert run.exit_code == 1 and "not an rca history database" in run.stderr


def test_the_source_itself_is_refused_as_target(tmp_path: Path) -> None:
    source = write(tmp_path / "votes.csv", ROWS)
    before = source.read_bytes()
    with pytest.raises(HistoryError, match="is the file being imported"):
        import_file(source, source)
    assert source.read_bytes() == before


def test_roll_calls_whose_rows_miss_their_totals_are_reported_and_kept(
        tmp_path: Path) -> None:
    rows = [r for r in ROWS if ",TKM," not in r or "A/RES/46/1," not in r]
    rows += [r.rsplit(",", 6)[0] + ",,,,,," + r.rsplit(",", 1)[1]
             for r in vote_rows("A/RES/79/1", "2024-10-01", "No totals", {"RUS": "Y"})]
    target = tmp_path / "h.sqlite3"
    summary = import_file(write(tmp_path / "short.csv", rows), target)
    assert summary.bad_total == 0 and summary.votes == 12
    assert summary.mismatched == 1
    assert summary.mismatches[0].symbol == "A/RES/46/1"
    assert summary.mismatches[0].expected == (2, 0, 0, 1, 3)
    assert summary.mismatches[0].counted == (2, 0, 0, 0, 2)
    assert status(target).mismatched == 1
    assert mismatches(open_db(target)) == list(summary.mismatches)


def test_gzip_and_zip_downloads_import_as_they_are(tmp_path: Path) -> None:
    plain = write(tmp_path / "votes.csv", ROWS)
    packed = tmp_path / "votes.csv.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    with zipfile.ZipFile(tmp_path / "votes.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(plain, "2026_UNGA_voting.csv")
    expected = alignment_by(_imported(plain, tmp_path / "a"), "RUS", ["KAZ"], "year")
    for source in (packed, tmp_path / "votes.zip"):
        assert alignment_by(_imported(source, tmp_path / source.suffix[1:]), "RUS", ["KAZ"],
                            "year") == expected


def _imported(source: Path, folder: Path) -> sqlite3.Connection:
    summary = import_file(source, folder / "h.sqlite3")
    assert summary.votes == 12
    return open_db(folder / "h.sqlite3")


def test_unreadable_archives_are_refused(tmp_path: Path, target: Path) -> None:
    plain = write(tmp_path / "votes.csv", ROWS)
    with zipfile.ZipFile(tmp_path / "two.zip", "w") as archive:
        archive.write(plain, "a.csv")
        archive.write(plain, "b.csv")
    with pytest.raises(HistoryError, match="holds 2 CSV files"):
        import_file(tmp_path / "two.zip", target)
    cut = tmp_path / "cut.csv.gz"
    cut.write_bytes(gzip.compress(plain.read_bytes() * 50)[:300])
    with pytest.raises(HistoryError, match="cannot be read to its end"):
        import_file(cut, target)
    run = rca("history", "import", str(cut), RCA_HISTORY_DB=str(target))
    assert run.exit_code == 1 and "download it again" in run.stderr


def test_invalid_utf8_is_a_bad_row_never_replaced(tmp_path: Path) -> None:
    source = write(tmp_path / "latin.csv", ROWS)
    source.write_bytes(source.read_bytes().replace(b"Some resolution",
                                                   "Côte".encode("latin-1")))
    summary = import_file(source, tmp_path / "h.sqlite3")
    assert [(b.kind, b.line) for b in summary.bad] == [
        ("not UTF-8", line) for line in lines_of(source, "A/RES/78/5")]
    assert summary.bad_total == 3
    summary = import_file(source, tmp_path / "h.sqlite3", skip_bad=True)
    titles = [v.title for v in recorded_votes(open_db(tmp_path / "h.sqlite3"), ["RUS"])]
    assert summary.votes == 9 and len(titles) == 3
    assert not any("\ufffd" in t for t in titles)


def test_a_damaged_database_says_so(target: Path) -> None:
    raw = bytearray(target.read_bytes())
    raw[100:] = b"\x07" * (len(raw) - 100)  # the header stays, the pages do not
    target.write_bytes(bytes(raw))
    with pytest.raises(HistoryError, match="not an rca history database"):
        status(target)
    for args in (["status"], ["alignment"], ["votes", "-c", "KAZ"]):
        run = rca("history", *args, RCA_HISTORY_DB=str(target))
        assert run.exit_code == 1 and "not an rca history database" in run.stderr


def test_paths_with_uri_characters_work(tmp_path: Path) -> None:
    folder = tmp_path / "a?b#c%20d"
    folder.mkdir()
    source = write(folder / "v?#%.csv", ROWS)
    target = folder / "h?#%.sqlite3"
    assert import_file(source, target).votes == 12
    assert status(target).votes == 12
    run = rca("history", "alignment", "-c", "KAZ", "-f", "json", "--db", str(target))
    assert run.exit_code == 0, run.stderr
    assert not list(tmp_path.glob("a*b*/h")), "no stray file made from a cut URI"


def test_leftovers_of_dead_imports_are_swept(tmp_path: Path, target: Path) -> None:
    dead = target.with_name(f".{target.name}.999999999.importing")
    alive = target.with_name(f".{target.name}.{os.getppid()}.importing")
    dead.write_bytes(b"half")
    alive.write_bytes(b"busy")
    import_file(write(tmp_path / "again.csv", ROWS), target)
    assert not dead.exists() and alive.read_bytes() == b"busy"
    assert sorted(p.name for p in target.parent.iterdir()) == sorted(
        [target.name, alive.name])


def test_an_old_rca_database_is_replaced_but_not_read(tmp_path: Path) -> None:
    old, lookalike = tmp_path / "old.sqlite3", tmp_path / "lookalike.sqlite3"
    with sqlite3.connect(old) as db:  # the tables of rca's first history schema
        db.executescript("""
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE resolutions (id INTEGER PRIMARY KEY, symbol TEXT);
            CREATE TABLE states (code TEXT PRIMARY KEY, name TEXT);
            CREATE TABLE votes (resolution INTEGER, country TEXT, vote TEXT);
            CREATE INDEX votes_by_country ON votes (country, resolution);
            INSERT INTO meta VALUES ('schema', '1');""")
    with sqlite3.connect(lookalike) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("INSERT INTO meta VALUES ('schema', '1')")
    with pytest.raises(HistoryError, match="not an rca history database"):
        import_file(write(tmp_path / "v.csv", ROWS), lookalike)
    with pytest.raises(HistoryError, match="another version of rca"):
        open_db(old)
    assert import_file(write(tmp_path / "v.csv", ROWS), old).votes == 12
    assert status(old).votes == 12


def test_the_2025_edition_without_vote_note_imports(tmp_path: Path) -> None:
    text = write(tmp_path / "2026.csv", ROWS).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    note = rows[0].index("vote_note")
    out = io.StringIO()
    csv.writer(out).writerows([row[:note] + row[note + 1:] for row in rows])
    older = tmp_path / "2025.csv"
    older.write_text(out.getvalue(), encoding="utf-8")
    summary = import_file(older, tmp_path / "h.sqlite3")
    assert summary.bad_total == 0 and summary.votes == 12 and summary.mismatched == 0
    assert alignment_by(open_db(tmp_path / "h.sqlite3"), "RUS", ["KAZ"], "year") == \
        alignment_by(_imported(tmp_path / "2026.csv", tmp_path / "b"), "RUS", ["KAZ"], "year")
