"""The dataset cache: faster runs, never a stale answer, never a write into the data folder."""

from __future__ import annotations

import hashlib
import marshal
import os
from pathlib import Path

import pytest

from conftest import rca, replace_in

EVERY_COMMAND = [
    ["country", "kazakhstan"], ["country", "tjk", "--sources"], ["countries"], ["votes"],
    ["votes", "--format", "json"], ["themes"], ["themes", "security", "--format", "csv"],
    ["sources"], ["sources", "commentary", "--format", "yaml"], ["validate"], ["alignment"],
    ["compare", "kaz", "kgz"], ["timeline"], ["search", "csto"], ["outlook", "--sources"],
]


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(),
                                         p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_second_run_reads_the_cache_and_answers_the_same(data_copy: Path,
                                                           tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = rca("--data-dir", str(data_copy), "votes", RCA_CACHE_DIR=str(cache))
    stored = list(cache.glob("dataset-*.marshal"))
    assert len(stored) == 1
    second = rca("--data-dir", str(data_copy), "votes", RCA_CACHE_DIR=str(cache))
    assert second.stdout == first.stdout
    assert list(cache.glob("dataset-*.marshal")) == stored


def test_an_edited_data_file_is_never_answered_from_the_cache(data_copy: Path,
                                                              tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    assert "capital Astana" in rca("--data-dir", str(data_copy), "country", "kaz",
                                   RCA_CACHE_DIR=cache).stdout
    replace_in(data_copy / "countries.yaml", "capital: Astana", "capital: Akmola")
    assert "capital Akmola" in rca("--data-dir", str(data_copy), "country", "kaz",
                                   RCA_CACHE_DIR=cache).stdout


def test_a_broken_edit_is_reported_even_after_a_good_run(data_copy: Path, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    assert rca("validate", "--data-dir", str(data_copy), RCA_CACHE_DIR=cache).exit_code == 0
    replace_in(data_copy / "votes.yaml", "  vote: A\n", "  vote: X\n")
    run = rca("validate", "--data-dir", str(data_copy), RCA_CACHE_DIR=cache)
    assert run.exit_code == 1 and "vote.vote 'X'" in run.stderr


def test_a_damaged_cache_file_is_ignored(data_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    good = rca("--data-dir", str(data_copy), "countries", RCA_CACHE_DIR=str(cache)).stdout
    for stored in cache.glob("dataset-*.marshal"):
        stored.write_bytes(b"not marshal {")
    run = rca("--data-dir", str(data_copy), "countries", RCA_CACHE_DIR=str(cache))
    assert (run.exit_code, run.stdout, run.stderr) == (0, good, "")


def test_an_unwritable_cache_folder_costs_nothing_but_time(data_copy: Path,
                                                           tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    run = rca("--data-dir", str(data_copy), "countries", RCA_CACHE_DIR=str(blocker / "cache"))
    assert run.exit_code == 0 and run.stderr == ""


def test_the_cache_can_be_turned_off(data_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run = rca("--data-dir", str(data_copy), "votes", RCA_CACHE_DIR=str(cache), RCA_NO_CACHE="1")
    assert run.exit_code == 0
    assert not cache.exists()


@pytest.mark.parametrize("args", EVERY_COMMAND, ids=" ".join)
def test_no_command_writes_into_the_dataset_folder(data_copy: Path, tmp_path: Path,
                                                    args: list[str]) -> None:
    before = snapshot(data_copy)
    for cache in ("cold", "warm"):  # the first run fills the cache, the second reads it
        run = rca(*args, "--data-dir", str(data_copy), RCA_CACHE_DIR=str(tmp_path / "c"))
        assert run.exit_code == 0, (cache, run.stderr)
    assert snapshot(data_copy) == before


def test_a_dataset_from_the_cache_is_the_dataset_from_the_files(data_copy: Path,
                                                                tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    from rca.dataset.cache import load
    from rca.dataset.validate import load_dataset

    monkeypatch.setenv("RCA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("RCA_NO_CACHE", raising=False)
    fresh = load_dataset(data_copy)
    assert load(data_copy) == fresh  # stored
    cached = load(data_copy)  # read back
    assert cached == fresh

    def kinds(value: object) -> object:  # the type of every value, all the way down
        if isinstance(value, dict):
            return [(kinds(k), kinds(v)) for k, v in value.items()]
        if isinstance(value, tuple):
            return (type(value).__name__, [kinds(item) for item in value])
        return type(value).__name__

    assert kinds(cached) == kinds(fresh)


def test_a_cache_file_of_the_wrong_shape_is_ignored(data_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    good = rca("--data-dir", str(data_copy), "countries", RCA_CACHE_DIR=str(cache)).stdout
    [stored] = cache.glob("dataset-*.marshal")
    data = stored.read_bytes()
    whole = marshal.loads(data)
    first_country = whole["dataset"][0][0]
    wrong_type = {**whole, "dataset": [[[7, *first_country[1:]], *whole["dataset"][0][1:]],
                                      *whole["dataset"][1:]]}
    for wrong in (wrong_type, {**whole, "dataset": [[], *whole["dataset"]]},
                  {**whole, "format": whole["format"] - 1}, [], {"format": whole["format"]},
                  compile("open('ran', 'w')", "cache", "exec")):  # code is only refused
        stored.write_bytes(marshal.dumps(wrong))
        run = rca("--data-dir", str(data_copy), "countries", RCA_CACHE_DIR=str(cache))
        assert (run.exit_code, run.stdout, run.stderr) == (0, good, "")
        assert stored.read_bytes() == data, "refused, and written anew"
    assert not Path("ran").exists()


def test_old_pickles_and_leftovers_of_killed_runs_are_removed(data_copy: Path,
                                                              tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    pickled = cache / "dataset-0123456789abcdef.pickle"
    old = cache / "dataset-0123456789abcdef.json"
    left = cache / ".dataset-0123456789abcdef.marshal.999.ab.tmp"
    busy = cache / ".dataset-fedcba9876543210.marshal.998.cd.tmp"
    for path in (pickled, old, left, busy):
        path.write_bytes(b"x")
    os.utime(left, (0, 0))  # long ago: its run was killed; ``busy`` may still be written
    assert rca("--data-dir", str(data_copy), "countries", RCA_CACHE_DIR=str(cache)).exit_code == 0
    names = sorted(p.name for p in cache.iterdir())
    assert names[0] == busy.name and len(names) == 2 and names[1].startswith("dataset-")
