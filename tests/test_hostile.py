"""Hostile input: data files, cache folders, voting files and databases made to break rca.

Each test is a case a user could meet or an attacker could set up, run through the real
command (in-process, or as its own process where the system's side matters: umask, file
size limits, other users' files, pipes), and checks what the user sees: a message with
exit 1 or 2, never a traceback, and nothing of the user's overwritten.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from test_history import ROWS, write

from conftest import BASE_ENV, rca, replace_in
from rca.dataset.files import DATA_FILES, default_data_dir
from rca.dataset.validate import load_dataset
from rca.query.names import resolve_country

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
#: the user id a root test gives files to: someone who is not the one running rca
OTHER_USER = 65534


def process(*args: str, cwd: Path | None = None, env: dict[str, str | None] | None = None,
            before: Callable[[], None] | None = None, stdin: int | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """rca as its own process (``python -m rca``); ``env`` values of None are removed, and
    ``before`` runs in the child before rca starts (a umask, a file size limit)."""
    full = {k: v for k, v in os.environ.items()
            if k not in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "RCA_DATA_DIR")}
    full["RCA_CACHE_DIR"] = BASE_ENV["RCA_CACHE_DIR"] or ""
    for key, value in (env or {}).items():
        if value is None:
            full.pop(key, None)
        else:
            full[key] = value
    return subprocess.run([sys.executable, "-m", "rca", *args], capture_output=True,
                          text=True, env=full, cwd=cwd, timeout=timeout, preexec_fn=before,
                          stdin=stdin, check=False)


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    return {str(p.relative_to(folder)): (p.lstat().st_mode, hashlib.sha256(
        p.read_bytes()).hexdigest() if p.is_file() and not p.is_symlink() else "")
        for p in sorted(folder.rglob("*"))}


def one_problem(run: object, expected: str) -> None:
    """A run that reports exactly one problem, this one, with exit 1 and nothing else."""
    code, stdout, stderr = (getattr(run, name) for name in ("exit_code", "stdout", "stderr"))
    assert code == 1, stderr
    assert stdout == ""
    lines = stderr.splitlines()
    assert lines[0] == expected, stderr
    assert lines[1:] == [lines[-1]] and lines[-1].startswith("rca: 1 problem in the dataset")


# -- data loss: a history import writes only what rca made --------------------------------


@pytest.mark.parametrize("kind", ["notes", "the file imported", "a symbolic link"])
def test_an_import_never_replaces_a_file_rca_did_not_make(tmp_path: Path, kind: str) -> None:
    source = write(tmp_path / "v.csv", ROWS)
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    db = {"notes": notes, "the file imported": source}.get(kind, tmp_path / "link.db")
    if kind == "a symbolic link":
        db.symlink_to(notes)
    before = snapshot(tmp_path)
    run = rca("history", "import", str(source), "--db", str(db))
    assert run.exit_code == 1
    assert run.stderr.startswith(f"rca: {db} ") and "choose another --db" in run.stderr
    assert snapshot(tmp_path) == before


def test_an_import_never_replaces_a_device(tmp_path: Path) -> None:
    if not ROOT:
        pytest.skip("making a device node needs root")
    device = tmp_path / "null"
    try:  # the same device as /dev/null, made here so that no system file is at stake
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError) as err:
        pytest.skip(f"this system does not let root make a device node: {err}")
    run = rca("history", "import", str(write(tmp_path / "v.csv", ROWS)), "--db", str(device))
    assert run.exit_code == 1
    assert f"rca: {device} is not a regular file" in run.stderr
    assert stat.S_ISCHR(device.lstat().st_mode)
    assert os.major(device.lstat().st_rdev) == 1


def test_a_header_only_file_is_refused_and_the_history_kept(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    assert rca("history", "import", str(write(tmp_path / "v.csv", ROWS)), "--db",
               str(db)).exit_code == 0
    before = db.read_bytes()
    failed = write(tmp_path / "failed-download.csv", [])
    run = rca("history", "import", str(failed), "--db", str(db))
    assert run.exit_code == 1
    assert (f"rca: {failed} holds no votes to import (it has a header but no rows); {db} is "
            "unchanged") in run.stderr
    assert db.read_bytes() == before
    assert "12" in rca("history", "status", "--db", str(db), "-f", "json").stdout


# -- data loss: rca data copy ------------------------------------------------------------


def test_data_copy_keeps_a_file_written_while_it_copies(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "mine"
    shipped = default_data_dir() / "votes.yaml"
    read = Path.read_bytes

    def someone_writes(path: Path) -> bytes:  # another program saves a file meanwhile
        if path == shipped:
            (target / "votes.yaml").write_text("my votes\n", encoding="utf-8")
        return read(path)

    monkeypatch.setattr(Path, "read_bytes", someone_writes)
    run = rca("data", "copy", str(target))
    assert run.exit_code == 1
    assert f"rca: {target / 'votes.yaml'} appeared while the copy was being made" in run.stderr
    assert [p.name for p in target.iterdir()] == ["votes.yaml"]
    assert (target / "votes.yaml").read_text(encoding="utf-8") == "my votes\n"


def _file_size_limit(limit: int) -> Callable[[], None]:
    """For a child process: files may not grow past ``limit`` bytes, as on a full disk."""
    def apply() -> None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_a_copy_that_runs_out_of_room_names_the_target_and_allows_a_retry(
        tmp_path: Path) -> None:
    if not hasattr(os, "fork"):
        pytest.skip("a file size limit for a child process needs a POSIX system")
    target = tmp_path / "mine"
    run = process("data", "copy", str(target), env={"RCA_NO_CACHE": "1"},
                  before=_file_size_limit(50_000))
    # sources.yaml is the first file past 50 kB
    assert run.returncode == 1, run.stderr
    assert run.stderr.startswith(f"rca: cannot write {target / 'sources.yaml'}: ")
    assert run.stderr.rstrip().endswith("nothing was kept")
    assert not target.exists(), "the copy removes the folder it made"
    retry = process("data", "copy", str(target))
    assert retry.returncode == 0, retry.stderr
    assert sorted(p.name for p in target.iterdir()) == sorted(DATA_FILES)


# -- security: the dataset cache ---------------------------------------------------------


class _Touch:
    """A pickle that, when loaded, creates a file: the proof that loading ran code."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (self.path, "w"))


def test_nothing_in_the_cache_folder_runs_as_code(data_copy: Path, tmp_path: Path) -> None:
    cache, marker = tmp_path / "cache", tmp_path / "code-ran"
    args = ("--data-dir", str(data_copy), "country", "kaz")
    good = rca(*args, RCA_CACHE_DIR=str(cache))
    stored = [p for p in cache.iterdir() if p.is_file()]
    assert stored
    for path in stored:  # whatever rca keeps there, someone swaps for a pickle that runs code
        path.write_bytes(pickle.dumps(_Touch(marker)))
    run = rca(*args, RCA_CACHE_DIR=str(cache))
    assert not marker.exists(), "the cache ran code"
    assert (run.exit_code, run.stdout, run.stderr) == (0, good.stdout, "")


def _give_away(cache: Path, how: str) -> None:
    [stored] = cache.glob("dataset-*")
    if how == "a folder of another user":
        os.chown(cache, OTHER_USER, OTHER_USER)
    elif how == "a file of another user":
        os.chown(stored, OTHER_USER, OTHER_USER)
    elif how == "a folder others may write to":
        cache.chmod(0o777)
    else:
        stored.chmod(0o666)


@pytest.mark.parametrize("how", ["a folder of another user", "a file of another user",
                                 "a folder others may write to", "a file others may write to"])
def test_a_cache_someone_else_could_have_written_is_not_read(
        data_copy: Path, tmp_path: Path, how: str) -> None:
    if "another user" in how and not ROOT:
        pytest.skip("giving a file to another user needs root")
    cache = tmp_path / "cache"
    args = ("--data-dir", str(data_copy), "country", "kaz")
    assert "capital Astana" in rca(*args, RCA_CACHE_DIR=str(cache)).stdout
    [stored] = cache.glob("dataset-*")
    stored.write_bytes(stored.read_bytes().replace(b"Astana", b"Akmola"))
    # a cache of the user's own is read: the change shows, so the next check can fail
    assert "capital Akmola" in rca(*args, RCA_CACHE_DIR=str(cache)).stdout
    _give_away(cache, how)
    run = rca(*args, RCA_CACHE_DIR=str(cache))
    assert run.exit_code == 0 and run.stderr == ""
    assert "capital Astana" in run.stdout and "Akmola" not in run.stdout


@pytest.mark.parametrize("umask", [0o000, 0o277])
def test_the_cache_is_private_whatever_the_umask(data_copy: Path, tmp_path: Path,
                                                 umask: int) -> None:
    cache = tmp_path / "made" / "by" / "rca"
    run = process("--data-dir", str(data_copy), "countries", env={"RCA_CACHE_DIR": str(cache)},
                  before=lambda: (os.umask(umask), None)[1])
    assert run.returncode == 0, run.stderr
    for folder in (tmp_path / "made", tmp_path / "made" / "by", cache):
        assert oct(stat.S_IMODE(folder.stat().st_mode)) == oct(0o700), folder
    [stored] = cache.iterdir()
    assert oct(stat.S_IMODE(stored.stat().st_mode)) == oct(0o600)


def test_a_relative_xdg_cache_home_is_ignored(data_copy: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    before = snapshot(data_copy)
    run = process("--data-dir", ".", "countries", cwd=data_copy,
                  env={"RCA_CACHE_DIR": None, "XDG_CACHE_HOME": "cache", "HOME": str(home)})
    assert run.returncode == 0, run.stderr
    assert snapshot(data_copy) == before, "the cache went into the dataset folder"
    assert list((home / ".cache" / "rca").glob("dataset-*")), "the default folder is used"


def test_a_cache_folder_inside_the_dataset_is_not_used(data_copy: Path) -> None:
    before = snapshot(data_copy)
    run = rca("--data-dir", str(data_copy), "countries", RCA_CACHE_DIR=str(data_copy / "c"))
    assert run.exit_code == 0 and run.stderr == ""
    assert snapshot(data_copy) == before


#: run rca with a hook that saves a data file at a chosen moment of the run
_SAVE_MEANWHILE = """
import sys
from pathlib import Path

when, edited, text = Path(sys.argv[1]).resolve(), Path(sys.argv[2]), sys.argv[3]
done = []


def hook(event, args):
    if event != "open" or done or not isinstance(args[0], (str, Path)):
        return
    if Path(args[0]).resolve() == when:
        done.append(True)
        edited.write_text(text, encoding="utf-8")


sys.addaudithook(hook)
from rca.cli.main import main

sys.argv = ["rca", *sys.argv[4:]]
main()
"""


def test_a_file_saved_while_rca_reads_cannot_be_cached_under_the_old_content(
        data_copy: Path, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    countries = data_copy / "countries.yaml"
    original = countries.read_text(encoding="utf-8")
    edited = original.replace("capital: Astana", "capital: Akmola")
    args = ("--data-dir", str(data_copy), "country", "kaz")
    env = {k: v for k, v in os.environ.items() if k != "RCA_DATA_DIR"}
    # records.yaml is read after countries.yaml: the save lands between the two
    saved = subprocess.run(
        [sys.executable, "-c", _SAVE_MEANWHILE, str(data_copy / "records.yaml"), str(countries),
         edited, *args], capture_output=True, text=True, timeout=60, check=False,
        env={**env, "RCA_CACHE_DIR": cache})
    assert saved.returncode == 0, saved.stderr
    assert countries.read_text(encoding="utf-8") == edited, "the hook saved the file"
    countries.write_text(original, encoding="utf-8")  # and the user undoes the edit
    run = rca(*args, RCA_CACHE_DIR=cache)
    assert "capital Astana" in run.stdout, "the cache served a record no longer in the file"
    countries.write_text(edited, encoding="utf-8")
    assert "capital Akmola" in rca(*args, RCA_CACHE_DIR=cache).stdout


# -- security: the validator's messages --------------------------------------------------


def test_a_control_character_in_a_value_is_refused_and_shown_escaped(data_copy: Path) -> None:
    line = replace_in(data_copy / "themes.yaml", "name: Security", 'name: "Secu\\e[31mrity"')
    run = rca("validate", "--data-dir", str(data_copy))
    one_problem(run, f"themes.yaml:{line}: a control character (\\x1b) in a text: data files "
                "hold plain text (a double-quoted escape such as \\e or \\t writes one)")
    assert "\x1b" not in run.stderr


@pytest.mark.parametrize("escape, shown", [("\\x9b", "\\x9b"), ("\\a", "\\x07"),
                                           ("\\t", "\\t"), ("\\u202e", "\\u202e")])
def test_every_kind_of_control_character_is_refused(data_copy: Path, escape: str,
                                                    shown: str) -> None:
    line = replace_in(data_copy / "sources.yaml", "  title: ", f'  title: "{escape}" #')
    run = rca("validate", "--data-dir", str(data_copy))
    one_problem(run, f"sources.yaml:{line}: a control character ({shown}) in a text: data "
                "files hold plain text (a double-quoted escape such as \\e or \\t writes one)")


def test_a_message_quoting_a_value_never_carries_its_control_characters(
        data_copy: Path) -> None:
    line = replace_in(data_copy / "resolutions.yaml", "  record: ", '  record: !!int "9\\e]8;;" #')
    run = rca("validate", "--data-dir", str(data_copy))
    one_problem(run, f"resolutions.yaml:{line}: '9\\x1b]8;;' is not a valid int")
    assert "\x1b" not in run.stderr


def test_a_raw_control_character_deep_in_a_file_is_one_line_at_its_line(data_copy: Path) -> None:
    path = data_copy / "records.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[500] += "\x1b"
    path.write_text("\n".join(lines), encoding="utf-8")
    run = rca("validate", "--data-dir", str(data_copy))
    one_problem(run, "records.yaml:501: a control character (\\x1b) in the file: data files "
                "hold plain text")


# -- wrong data: names --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["中国", "!!!", "", "   ", "🇷🇺"])
def test_text_that_names_no_state_is_an_unknown_name(name: str) -> None:
    run = rca("country", name)
    assert run.exit_code == 2 and run.stdout == ""
    assert run.stderr.startswith(f"rca: unknown country '{name}'.")


@pytest.mark.parametrize("name, state", [("Россия", "Russia (RUS / RU)"),
                                         ("Қазақстан", "Kazakhstan (KAZ / KZ)")])
def test_a_name_in_its_own_script_finds_its_state(name: str, state: str) -> None:
    run = rca("country", name)
    assert run.exit_code == 0 and run.stdout.startswith(f"# {state}")


@pytest.mark.parametrize("alias, taken", [
    ("rus", "the code 'RUS' of RUS (line {iso3})"),
    ("Russia", "the name 'Russia' of RUS (line {name})"), ("'!!!'", None)])
def test_an_alias_that_would_name_another_state_is_refused(data_copy: Path, alias: str,
                                                           taken: str | None) -> None:
    lines = (data_copy / "countries.yaml").read_text(encoding="utf-8").splitlines()
    iso3 = lines.index("- iso3: RUS") + 1
    where = {"iso3": iso3, "name": iso3 + lines[iso3:].index("  name: Russia") + 1}
    taken = taken.format(**where) if taken else None
    line = replace_in(data_copy / "countries.yaml", "aliases: [Qazaqstan,",
                      f"aliases: [{alias}, Qazaqstan,")
    run = rca("validate", "--data-dir", str(data_copy))
    shown = alias.strip("'")
    if taken is None:
        one_problem(run, f"countries.yaml:{line}: alias '{shown}' of KAZ has no letter or "
                    "digit: nothing a user types could find it")
    else:
        one_problem(run, f"countries.yaml:{line}: alias '{shown}' of KAZ is taken: it is "
                    f"{taken}, and a name must lead to one state")


def test_an_alias_two_states_share_is_refused_where_it_is_repeated(data_copy: Path) -> None:
    line = replace_in(data_copy / "countries.yaml", "aliases: [Uzbek,", "aliases: [Kazakh, Uzbek,")
    one_problem(rca("validate", "--data-dir", str(data_copy)),
                f"countries.yaml:{line}: alias 'Kazakh' of UZB is taken: it is the alias "
                "'Kazakh' of KAZ (line 8), and a name must lead to one state")


def test_a_code_is_never_taken_by_another_states_alias() -> None:
    shipped = load_dataset(default_data_dir()).countries
    # the state with the alias comes first, as it would in a file that lists it first
    countries = {"KAZ": shipped["KAZ"]._replace(aliases=("rus", "Russian Federation")),
                 **{code: c for code, c in shipped.items() if code != "KAZ"}}
    assert resolve_country(countries, "rus") == "RUS"
    assert resolve_country(countries, "Russian Federation") == "RUS"


# -- wrong data: numbers and dates ---------------------------------------------------------


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "1" + "0" * 400])
def test_a_figure_that_is_not_a_finite_number_is_refused(data_copy: Path, value: str) -> None:
    line = replace_in(data_copy / "records.yaml", "value: 238", f"value: {value}")
    run = rca("validate", "--data-dir", str(data_copy))
    assert run.exit_code == 1
    assert run.stderr.startswith(f"records.yaml:{line}: record.figures.value must be a finite "
                                 "number; YAML reads this value as ")


@pytest.mark.parametrize("old, new, field", [
    ("date: '2022-03-02'", "date: '٢٠٢٢-٠٣-٠٢'", "resolution.date"),
    ("date: '2022-03-02'", "date: '２０２２-03-02'", "resolution.date"),
    ("symbol: A/RES/ES-11/1\n", "symbol: A/RES/ES-١١/1\n", "resolution.symbol")])
def test_digits_of_other_scripts_are_refused(data_copy: Path, old: str, new: str,
                                             field: str) -> None:
    line = replace_in(data_copy / "resolutions.yaml", old, new)
    run = rca("validate", "--data-dir", str(data_copy))
    assert run.exit_code == 1
    shown = new.split(": ", 1)[1].strip().strip("'")
    assert f"resolutions.yaml:{line}: {field} '{shown}' is not " in run.stderr


@pytest.mark.parametrize("bound", ["٢٠٢٢", "2022-٠٣", "9223372036854775808", "99999"])
def test_a_date_bound_that_is_not_a_date_is_a_usage_error(bound: str) -> None:
    for args in (["timeline", "--from", bound], ["history", "alignment", "--to", bound]):
        run = rca(*args, COLUMNS="200")
        assert run.exit_code == 2, (args, run.stderr)
        assert f"'{bound}' is not a date written YYYY, YYYY-MM or YYYY-MM-DD" in run.stderr


@pytest.mark.parametrize("date", ["1946-01-01garbage", "1946-01-01 garbage", "1946-01-01T",
                                  "١٩٩١-٠٩-١٧"])
def test_a_voting_file_date_with_more_than_a_date_is_a_bad_row(tmp_path: Path, date: str) -> None:
    rows = [row.replace("1991-09-17", date) for row in ROWS]
    source = write(tmp_path / "v.csv", rows)
    run = rca("history", "import", str(source), "--db", str(tmp_path / "h.sqlite3"))
    assert run.exit_code == 1
    assert f"v.csv:2: unreadable date '{date}' (2 more like it: line 3, 4)" in run.stderr
    assert not (tmp_path / "h.sqlite3").exists()


def test_one_row_with_an_unreadable_date_inside_a_good_roll_call_is_a_bad_row(
        tmp_path: Path) -> None:
    rows = list(ROWS)
    rows[2] = rows[2].replace("1991-09-17", "1991-13-17")  # the second row of the roll call
    source = write(tmp_path / "v.csv", rows)
    line = 1 + source.read_text(encoding="utf-8-sig").splitlines().index(
        next(r for r in source.read_text(encoding="utf-8-sig").splitlines() if "1991-13" in r))
    run = rca("history", "import", str(source), "--db", str(tmp_path / "h.sqlite3"))
    assert run.exit_code == 1
    assert f"v.csv:{line}: unreadable date '1991-13-17'" in run.stderr
    assert not (tmp_path / "h.sqlite3").exists()


def test_invalid_utf8_in_a_voting_file_is_reported_never_replaced(tmp_path: Path) -> None:
    source = write(tmp_path / "v.csv", ROWS)
    source.write_bytes(source.read_bytes().replace(b"Some resolution", "Côte".encode("latin-1")))
    run = rca("history", "import", str(source), "--db", str(tmp_path / "h.sqlite3"))
    assert run.exit_code == 1
    assert "v.csv:14: not UTF-8 text (the file must be UTF-8, as published)" in run.stderr
    assert not (tmp_path / "h.sqlite3").exists()


# -- crashes and hangs ---------------------------------------------------------------------


@pytest.mark.parametrize("old, new, expected", [
    ("aliases: [Qazaqstan,", "aliases: [{a: b}, Qazaqstan,",
     "country.aliases entries must be texts, not mappings"),
    ("aliases: [Qazaqstan,", "aliases: [[Kazakh], Qazaqstan,",
     "country.aliases entries must be texts, not lists"),
    ("  sources: [factbook-kazakhstan,", "  sources: [{a: b}, factbook-kazakhstan,",
     "country.sources entries must be texts, not mappings")])
def test_a_list_or_mapping_inside_a_list_of_texts_is_a_located_problem(
        data_copy: Path, old: str, new: str, expected: str) -> None:
    line = replace_in(data_copy / "countries.yaml", old, new)
    one_problem(rca("validate", "--data-dir", str(data_copy)),
                f"countries.yaml:{line}: {expected}")


def _damaged(tmp_path: Path) -> Path:
    path = tmp_path / "damaged.sqlite3"
    assert rca("history", "import", str(write(tmp_path / "v.csv", ROWS)), "--db",
               str(path)).exit_code == 0
    raw = bytearray(path.read_bytes())
    raw[8192:] = b"\x07" * (len(raw) - 8192)  # the first pages stay, the rest do not
    path.write_bytes(bytes(raw))
    return path


def _foreign(tmp_path: Path) -> Path:
    path = tmp_path / "app.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE meta (key TEXT, value TEXT)")
        db.executemany("INSERT INTO meta VALUES (?, ?)", [("schema", "2"), ("owner", "app")])
    return path


@pytest.mark.parametrize("make", [_damaged, _foreign], ids=["damaged", "another tool's"])
def test_a_damaged_or_foreign_database_is_a_message(tmp_path: Path,
                                                    make: Callable[[Path], Path]) -> None:
    db = make(tmp_path)
    for args in (["status"], ["alignment"], ["votes", "-c", "KAZ"], ["check"]):
        run = rca("history", *args, "--db", str(db))
        assert run.exit_code == 1, (args, run.stderr)
        assert run.stderr.startswith(f"rca: {db} is not an rca history database"), run.stderr


def test_a_limit_too_large_for_sqlite_still_answers(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    assert rca("history", "import", str(write(tmp_path / "v.csv", ROWS)), "--db",
               str(db)).exit_code == 0
    every = rca("history", "votes", "-c", "KAZ", "--db", str(db))
    run = rca("history", "votes", "-c", "KAZ", "--limit", "9223372036854775808", "--db", str(db))
    assert (run.exit_code, run.stdout) == (0, every.stdout)


@pytest.mark.parametrize("kind", ["/dev/zero", "a named pipe", "a folder"])
def test_a_data_file_that_is_not_a_plain_file_is_refused_at_once(data_copy: Path,
                                                                 kind: str) -> None:
    path = data_copy / "themes.yaml"
    path.unlink()
    if kind == "/dev/zero":
        path.symlink_to("/dev/zero")
    elif kind == "a named pipe":
        if not hasattr(os, "mkfifo"):
            pytest.skip("this system has no named pipes")
        os.mkfifo(path)
    else:
        path.mkdir()
    run = process("validate", "--data-dir", str(data_copy), timeout=30)
    assert run.returncode == 1
    what = "a folder" if kind == "a folder" else "a device, a pipe or a socket"
    assert run.stderr.startswith(f"themes.yaml: is {what}, not a plain file: rca reads data "
                                 "only from files\n"), run.stderr


def test_a_data_file_past_the_size_bound_is_refused_unread(data_copy: Path) -> None:
    path = data_copy / "themes.yaml"
    with path.open("r+b") as handle:  # sparse: no disk is used
        handle.truncate(65 * 1024 * 1024)
    run = rca("validate", "--data-dir", str(data_copy))
    assert run.exit_code == 1
    assert run.stderr.startswith("themes.yaml: is 68,157,440 bytes, more than the 67,108,864 a "
                                 "data file may have\n")


def test_an_aliased_string_cannot_multiply_a_small_file(data_copy: Path) -> None:
    text = "- id: security\n  name: &n " + "x" * 1000 + "\n  description: *n\n"
    text += "".join(f"- id: t{i}\n  name: *n\n  description: *n\n" for i in range(300))
    (data_copy / "themes.yaml").write_text(text, encoding="utf-8")
    for args in (["validate"], ["themes", "-f", "json"]):
        run = rca(*args, "--data-dir", str(data_copy))
        one_problem(run, "themes.yaml:2: a YAML anchor (&n) marks an entry to repeat: rca data "
                    "files write every entry out in full, with no anchors or aliases (601 more "
                    "in the file)")


@pytest.mark.parametrize("text, line, expected", [
    ("- id: security\n  name: &a Security\n  description: plain\n", 2,
     "a YAML anchor (&a) marks an entry to repeat"),
    ("- id: security\n  name: Security\n  description: plain\n---\n- id: x\n", 4,
     "a second YAML document ('---') in the file: a data file holds one list"),
    ("- id: security\n  ? [a, b]\n  : c\n", 2,
     "a key must be a plain name, not a list, a mapping or an alias"),
    ("- " * 40 + "x\n", 1, "YAML nested too deeply to read")])
def test_what_yaml_allows_but_no_data_file_needs_is_refused(data_copy: Path, text: str,
                                                            line: int, expected: str) -> None:
    (data_copy / "themes.yaml").write_text(text, encoding="utf-8")
    run = rca("validate", "--data-dir", str(data_copy))
    assert run.exit_code == 1
    assert run.stderr.startswith(f"themes.yaml:{line}: {expected}"), run.stderr


def test_uri_characters_in_a_database_path_import_and_read(tmp_path: Path) -> None:
    folder = tmp_path / "a?b#c%20d"
    folder.mkdir()
    db = folder / "h?mode=rw#x%41.sqlite3"
    assert rca("history", "import", str(write(folder / "v?#%.csv", ROWS)), "--db",
               str(db)).exit_code == 0
    for args in (["status"], ["alignment", "-c", "KAZ"], ["votes", "-c", "KAZ"]):
        run = rca("history", *args, "--db", str(db))
        assert run.exit_code == 0, (args, run.stderr)
    assert sorted(p.name for p in folder.iterdir()) == sorted([db.name, "v?#%.csv"])
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name]


def test_the_leftovers_of_killed_imports_are_swept(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead = tmp_path / f".h.sqlite3.{int(gone.stdout)}.importing"
    dead.write_bytes(b"half a database")
    assert rca("history", "import", str(write(tmp_path / "v.csv", ROWS)), "--db",
               str(db)).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.sqlite3", "v.csv"]


def test_an_unreadable_voting_file_is_reported_as_unreadable(tmp_path: Path) -> None:
    unreadable = Path("/proc/self/mem")  # a plain file whose first byte cannot be read
    if not unreadable.is_file():
        pytest.skip("no /proc/self/mem on this system")
    run = rca("history", "import", str(unreadable), "--db", str(tmp_path / "h.sqlite3"))
    assert run.exit_code == 1
    assert run.stderr.startswith(f"rca: cannot read {unreadable}: ")
    assert "cannot import into" not in run.stderr


def test_a_pipe_or_a_folder_given_to_import_is_named_for_what_it_is(tmp_path: Path) -> None:
    db = str(tmp_path / "h.sqlite3")
    expected = ("is not a plain file (a pipe, a device or a folder): rca imports the voting "
                "file as downloaded; save it, then import the saved file")
    read, send = os.pipe()
    try:
        piped = process("history", "import", "/dev/stdin", "--db", db, stdin=read)
    finally:
        os.close(read)
        os.close(send)
    assert piped.returncode == 2 and f"rca: /dev/stdin {expected}" in piped.stderr
    dash = process("history", "import", "-", "--db", db, stdin=subprocess.DEVNULL)
    assert dash.returncode == 2 and "not from standard input" in dash.stderr
    folder = tmp_path / "votes.csv"
    folder.mkdir()
    run = rca("history", "import", str(folder), "--db", db)
    assert run.exit_code == 2 and f"rca: {folder} {expected}" in run.stderr
    if hasattr(os, "mkfifo"):  # a pipe with no writer: refused, not waited on
        fifo = tmp_path / "fifo.csv"
        os.mkfifo(fifo)
        run = rca("history", "import", str(fifo), "--db", db)
        assert run.exit_code == 2 and f"rca: {fifo} {expected}" in run.stderr
    assert not Path(db).exists()


def test_a_voting_file_with_an_endless_line_stops_with_a_message(tmp_path: Path) -> None:
    source = write(tmp_path / "v.csv", ROWS)
    with source.open("ab") as handle:
        handle.write(b"x" * (2 * 1024 * 1024))
    run = rca("history", "import", str(source), "--db", str(tmp_path / "h.sqlite3"))
    assert run.exit_code == 1
    assert f"rca: {source}: line 17 is longer than 1,048,576 bytes" in run.stderr


def test_names_too_long_for_the_system_are_messages(tmp_path: Path) -> None:
    long = tmp_path / ("n" * 300)
    runs = {
        "data folder": rca("validate", "--data-dir", str(long)),
        "copy": rca("data", "copy", str(long)),
        "import file": rca("history", "import", str(long), "--db", str(tmp_path / "h")),
        "database": rca("history", "status", "--db", str(long)),
    }
    for what, run in runs.items():
        assert run.exit_code in (1, 2), (what, run.stderr)
        assert "File name too long" in run.stderr, (what, run.stderr)
        assert "cannot write the output" not in run.stderr and "internal error" not in \
            run.stderr, (what, run.stderr)


def test_completion_never_waits_on_a_pipe_in_place_of_a_data_file(data_copy: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("this system has no named pipes")
    (data_copy / "countries.yaml").unlink()
    os.mkfifo(data_copy / "countries.yaml")
    run = process(env={"_RCA_COMPLETE": "complete_bash", "COMP_WORDS": "rca country ka",
                       "COMP_CWORD": "2", "RCA_DATA_DIR": str(data_copy)}, timeout=30)
    assert (run.returncode, run.stdout.split()) == (0, [])


def test_a_bad_row_is_shown_escaped_and_cut_short(tmp_path: Path) -> None:
    rows = [ROWS[0].replace(",Y,", ",\x1b[2JY,"), ROWS[1].replace("1991-09-17", "9" * 500),
            *ROWS[2:]]
    source = write(tmp_path / "v.csv", rows)
    run = rca("history", "import", str(source), "--db", str(tmp_path / "h.sqlite3"))
    assert run.exit_code == 1
    assert "v.csv:2: unknown vote code '\\x1b[2JY' (expected Y, N, A, or X" in run.stderr
    assert f"v.csv:3: unreadable date '{'9' * 60}…'" in run.stderr
    assert "\x1b" not in run.stderr


def test_totals_beyond_the_assembly_s_membership_are_refused(data_copy: Path) -> None:
    line = replace_in(data_copy / "resolutions.yaml", "    'yes': 141", "    'yes': 300")
    run = rca("validate", "--data-dir", str(data_copy))
    assert run.exit_code == 1
    # ES-11/1: 300 + 5 + 35 + 12
    assert (f"resolutions.yaml:{line}: A/RES/ES-11/1: the totals add up to 352, more than the "
            "193 members") in run.stderr


def test_an_export_that_runs_out_of_room_names_its_target(tmp_path: Path) -> None:
    if not hasattr(os, "fork"):
        pytest.skip("a file size limit for a child process needs a POSIX system")
    target = tmp_path / "votes.svg"
    run = process("votes", "--export-svg", str(target), before=_file_size_limit(10_000))
    assert run.returncode == 1, run.stderr
    assert f"rca: cannot save the export {target}: " in run.stderr
    assert ".tmp" not in run.stderr and "Traceback" not in run.stderr
    assert list(tmp_path.iterdir()) == [], "nothing half-written is left"
