"""Contributing data: `rca schema` against the shipped files, `rca data copy`, --data-dir."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import rca, replace_in
from rca.dataset.files import DATA_FILES, default_data_dir


def schemas() -> dict[str, dict]:
    run = rca("schema")
    assert run.exit_code == 0, run.stderr
    return json.loads(run.stdout)


def test_there_is_a_schema_for_every_data_file() -> None:
    assert sorted(schemas()) == sorted(DATA_FILES)


@pytest.mark.parametrize("name", DATA_FILES)
def test_the_shipped_data_meets_the_published_schema(name: str) -> None:
    schema = schemas()[name]
    jsonschema.Draft202012Validator.check_schema(schema)
    data = yaml.safe_load((default_data_dir() / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [("records.yaml", "  statement:", "  statment:"),
     ("votes.yaml", "  vote: A\n", "  vote: Abstain\n"),
     ("records.yaml", "kind: assessment", "kind: opinion"),
     ("resolutions.yaml", "    'no': 5\n", "    'no': -5\n")],
)
def test_the_schema_and_the_validator_reject_the_same_mistakes(
    data_copy: Path, name: str, old: str, new: str
) -> None:
    replace_in(data_copy / name, old, new)
    data = yaml.safe_load((data_copy / name).read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schemas()[name]).validate(data)
    assert rca("validate", "--data-dir", str(data_copy)).exit_code == 1


def test_schema_of_one_kind_by_name_or_file() -> None:
    by_kind = json.loads(rca("schema", "vote").stdout)
    by_file = json.loads(rca("schema", "votes.yaml").stdout)
    assert by_kind == by_file == schemas()["votes.yaml"]
    run = rca("schema", "votez")
    assert run.exit_code == 2 and "unknown kind 'votez'" in run.stderr


def test_data_copy_writes_a_dataset_that_works(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    run = rca("data", "copy", str(target))
    assert run.exit_code == 0, run.stderr
    assert sorted(p.name for p in target.iterdir()) == sorted(DATA_FILES)
    replace_in(target / "countries.yaml", "capital: Astana", "capital: Nur-Sultan")
    profile = rca("country", "kazakhstan", "--data-dir", str(target))
    assert "capital Nur-Sultan" in profile.stdout
    assert "capital Astana" in rca("country", "kazakhstan").stdout  # the shipped data is untouched
    assert rca("validate", "--data-dir", str(target)).exit_code == 0


def test_data_copy_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    run = rca("data", "copy", str(target))
    assert run.exit_code == 2
    assert "nothing was written" in run.stderr
    assert [p.name for p in target.iterdir()] == ["notes.txt"]


def test_data_dir_works_before_or_after_the_command(data_copy: Path) -> None:
    replace_in(data_copy / "countries.yaml", "capital: Bishkek", "capital: Frunze")
    for args in (("--data-dir", str(data_copy), "country", "kg"),
                 ("country", "kg", "--data-dir", str(data_copy))):
        assert "capital Frunze" in rca(*args).stdout


def test_an_unreadable_dataset_folder_is_a_clear_error(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file.yaml"
    not_a_folder.write_text("- a\n", encoding="utf-8")
    run = rca("validate", "--data-dir", str(not_a_folder))
    assert run.exit_code == 1
    assert "is not a folder" in run.stderr and "Traceback" not in run.stderr
