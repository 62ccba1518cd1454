"""The dataset cache: faster runs, never a stale answer, never a write into the data folder."""

from __future__ import annotations

import hashlib
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
    stored = list(cache.glob("dataset-*.pickle"))
    assert len(stored) == 1
    second = rca("--data-dir", str(data_copy), "votes", RCA_CACHE_DIR=str(cache))
    assert second.stdout == first.stdout
    assert list(cache.glob("dataset-*.pickle")) == stored


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
    for stored in cache.glob("dataset-*.pickle"):
        stored.write_bytes(b"not a pickle")
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
