"""The shipped dataset, and what a user sees when a data file is broken."""

import json
import re
from pathlib import Path

import pytest

from conftest import rca, replace_in

CLAIMS = Path(__file__).resolve().parents[2] / "shared" / "seed" / "CLAIMS.md"


def test_shipped_dataset_loads_and_every_command_runs() -> None:
    for args in (["countries"], ["votes"], ["themes"], ["country", "kaz"]):
        run = rca(*args)
        assert run.exit_code == 0, (args, run.stderr)
        assert run.stderr == ""


def test_every_claim_of_the_commentary_is_carried_and_attributed() -> None:
    from rca.dataset.files import default_data_dir
    from rca.dataset.validate import load_dataset

    ds = load_dataset(default_data_dir())
    by_claim = {r.claim: r for r in ds.records if r.claim}
    assert sorted(by_claim) == [f"C{n:02d}" for n in range(1, 24)]
    for record in by_claim.values():
        assert "commentary" in record.sources
        if record.kind in ("assessment", "scenario"):
            assert record.by
    if CLAIMS.exists():  # the claim table beside the project: kinds, themes and states agree
        five = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
        for line in CLAIMS.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.strip("|").split("|")]
            if len(cells) < 5 or not re.fullmatch(r"C\d\d", cells[0]):
                continue
            record = by_claim[cells[0]]
            assert record.kind == cells[1], cells[0]
            assert record.theme == cells[2], cells[0]
            states = {"region": ["region"], "all five": five}.get(cells[3])
            expected = states or [s.strip() for s in cells[3].split(",")]
            assert list(record.countries) == expected, cells[0]


def test_the_death_toll_figure_keeps_its_wording_and_date() -> None:
    from rca.dataset.files import default_data_dir
    from rca.dataset.validate import load_dataset

    ds = load_dataset(default_data_dir())
    toll = next(r for r in ds.records if r.claim == "C03")
    assert [(f.value, f.wording) for f in toll.figures] == [(238, "238 dead")]
    assert toll.figures[0].as_of


def broken(data: Path) -> tuple[int, str]:
    """What `rca validate` says of a dataset folder; every other command says the same."""
    run = rca("validate", "--data-dir", str(data))
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    other = rca("--data-dir", str(data), "votes")
    assert (other.exit_code, other.stdout, other.stderr) == (run.exit_code, "", run.stderr)
    return run.exit_code, run.stderr


def test_validate_summarises_a_sound_dataset(data_copy: Path) -> None:
    run = rca("validate", "--data-dir", str(data_copy))
    assert run.exit_code == 0, run.stderr
    assert run.stdout.startswith(f"ok: {data_copy}: ")
    assert len(run.stdout.splitlines()) == 1
    shipped = json.loads(rca("sources", "--format", "json").stdout)
    assert f" {len(shipped)} sources," in run.stdout


def test_yaml_syntax_error_points_at_the_line(data_copy: Path) -> None:
    line = replace_in(data_copy / "votes.yaml", "  vote: NV\n", "  vote: [NV\n")
    code, err = broken(data_copy)
    assert code == 1
    assert re.search(rf"^votes\.yaml:{line + 1}: YAML syntax error", err, re.M) or \
        re.search(rf"^votes\.yaml:{line}: YAML syntax error", err, re.M), err
    assert "problem in the dataset" in err


def test_unknown_key_is_an_error_with_a_suggestion(data_copy: Path) -> None:
    line = replace_in(data_copy / "records.yaml", "  statement:", "  statment:")
    code, err = broken(data_copy)
    assert code == 1
    assert (f"records.yaml:{line}: unknown key 'statment' in record; "
            "did you mean 'statement'?") in err


def test_bad_vote_value(data_copy: Path) -> None:
    line = replace_in(data_copy / "votes.yaml", "  vote: A\n", "  vote: Abstain\n")
    code, err = broken(data_copy)
    assert code == 1
    assert f"votes.yaml:{line}: vote.vote 'Abstain' is not one of: Y, N, A, NV" in err


def test_missing_source_reference(data_copy: Path) -> None:
    line = replace_in(data_copy / "records.yaml", "sources: [commentary]", "sources: [comentary]")
    code, err = broken(data_copy)
    assert code == 1
    assert f"records.yaml:{line}: unknown source 'comentary'; did you mean 'commentary'?" in err


def test_duplicate_id(data_copy: Path) -> None:
    path = data_copy / "themes.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "- id: security\n  name: Again\n  description: A second one.\n",
                    encoding="utf-8")
    line = text.count("\n") + 1
    first = text[: text.index("- id: security")].count("\n") + 1
    code, err = broken(data_copy)
    assert code == 1
    assert f"themes.yaml:{line}: duplicate theme 'security' (first at line {first})" in err


def test_non_utf8_file(data_copy: Path) -> None:
    path = data_copy / "countries.yaml"
    raw = path.read_bytes().replace("Türkiye".encode(), "T\xfcrkiye".encode("latin-1"), 1)
    path.write_bytes(raw)
    line = raw[: raw.index(b"T\xfcrkiye")].count(b"\n") + 1
    code, err = broken(data_copy)
    assert code == 1
    assert f"countries.yaml:{line}: not valid UTF-8" in err


def test_empty_file(data_copy: Path) -> None:
    (data_copy / "themes.yaml").write_text("", encoding="utf-8")
    code, err = broken(data_copy)
    assert code == 1
    assert "themes.yaml:1: file is empty" in err


def test_impossible_date_and_bad_total(data_copy: Path) -> None:
    date_line = replace_in(data_copy / "resolutions.yaml", "date: '2022-03-02'",
                           "date: '2022-02-30'")
    code, err = broken(data_copy)
    assert code == 1
    assert f"resolutions.yaml:{date_line}: resolution.date '2022-02-30' is not a real date" in err


def test_votes_beyond_the_recorded_totals_are_caught(data_copy: Path) -> None:
    replace_in(data_copy / "resolutions.yaml", "    'no': 5\n", "    'no': 0\n")
    code, err = broken(data_copy)
    assert code == 1
    assert re.search(r"resolutions\.yaml:\d+: A/RES/ES-11/1: \d+ 'N' votes recorded but the total "
                     r"for no is 0", err), err


def test_every_problem_is_reported_not_only_the_first(data_copy: Path) -> None:
    replace_in(data_copy / "records.yaml", "  statement:", "  statment:")
    replace_in(data_copy / "votes.yaml", "  vote: A\n", "  vote: X\n")
    replace_in(data_copy / "memberships.yaml", "country: KAZ", "country: KAX")
    code, err = broken(data_copy)
    assert code == 1
    assert "records.yaml:" in err and "votes.yaml:" in err and "unknown country 'KAX'" in err
    assert "missing required key 'statement'" in err  # the misspelt key, seen twice
    assert "4 problems in the dataset" in err


def test_missing_dataset_folder_is_a_clear_error(tmp_path: Path) -> None:
    run = rca("--data-dir", str(tmp_path / "nowhere"), "countries")
    assert run.exit_code == 1
    assert "dataset folder does not exist" in run.stderr


def test_environment_variable_chooses_the_dataset(data_copy: Path) -> None:
    replace_in(data_copy / "countries.yaml", "capital: Astana", "capital: Nowhere")
    run = rca("country", "kaz", RCA_DATA_DIR=str(data_copy))
    assert "capital Nowhere" in run.stdout


@pytest.mark.parametrize("name", ["sources.yaml", "votes.yaml", "records.yaml"])
def test_missing_file(data_copy: Path, name: str) -> None:
    (data_copy / name).unlink()
    code, err = broken(data_copy)
    assert code == 1
    assert f"{name}: file is missing" in err


def test_a_broken_file_does_not_bury_the_report_in_follow_on_errors(data_copy: Path) -> None:
    (data_copy / "sources.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    code, err = broken(data_copy)
    assert code == 1
    lines = err.splitlines()
    assert lines[0].startswith("sources.yaml:") and "YAML syntax error" in lines[0]
    assert "unknown source" not in err
    assert lines[-1].startswith("rca: 1 problem in the dataset")


def test_a_file_that_is_not_a_list(data_copy: Path) -> None:
    (data_copy / "themes.yaml").write_text("id: security\nname: Security\n", encoding="utf-8")
    code, err = broken(data_copy)
    assert code == 1
    assert "themes.yaml:1: expected a list of theme records" in err
    assert "unknown theme" not in err


def test_an_unquoted_year_is_read_as_a_date() -> None:
    from rca.dataset.files import default_data_dir

    assert "  date: 2022\n" in (default_data_dir() / "records.yaml").read_text(encoding="utf-8")
    run = rca("country", "tajikistan")
    assert run.exit_code == 0, run.stderr
    assert "islamic-state-rockets-2022\tsecurity\t\tevent, contested\t2022\t" in run.stdout


def test_every_shipped_item_cites_sources_that_exist() -> None:
    import yaml

    from rca.dataset.files import DATA_FILES, default_data_dir

    folder = default_data_dir()
    load = lambda name: yaml.safe_load((folder / name).read_text(encoding="utf-8"))  # noqa: E731
    known = {s["id"] for s in load("sources.yaml")}
    cited: set[str] = set()
    from rca.dataset.schema import KIND_BY_FILE

    for name in DATA_FILES[1:]:
        if "sources" not in KIND_BY_FILE[name].fields:
            continue
        for item in load(name):
            assert item["sources"], (name, item)
            assert set(item["sources"]) <= known, (name, item)
            cited |= set(item["sources"])
    assert cited == known, "every source in the bibliography is cited"


def test_a_record_without_sources_is_an_error(data_copy: Path) -> None:
    line = replace_in(data_copy / "records.yaml", "  sources: [commentary]\n",
                      "  sources: []\n")
    code, err = broken(data_copy)
    assert code == 1
    assert f"records.yaml:{line}: record.sources must be a list with at least one entry" in err


def test_a_figure_without_its_date_is_an_error(data_copy: Path) -> None:
    records = data_copy / "records.yaml"
    figure = "  - measures: death toll of the January 2022 unrest\n"
    start = replace_in(records, figure, figure)
    replace_in(records, "    as_of: 2022-12\n", "")
    code, err = broken(data_copy)
    assert code == 1
    assert re.search(rf"records\.yaml:{start}: record\.figures is missing required key "
                     r"'as_of'", err), err


def test_a_mistake_in_a_record_does_not_cascade_into_its_references(data_copy: Path) -> None:
    line = replace_in(data_copy / "themes.yaml", "  name: Security", "  nmae: Security")
    code, err = broken(data_copy)
    assert code == 1
    assert f"themes.yaml:{line}: unknown key 'nmae' in theme; did you mean 'name'?" in err
    assert "unknown theme" not in err, "records that use the theme are not blamed for it"
    assert "2 problems in the dataset" in err  # the misspelt key, and the missing name


def test_many_references_to_one_unknown_id_are_one_problem(data_copy: Path) -> None:
    path = data_copy / "records.yaml"
    uses = path.read_text(encoding="utf-8").count("theme: security\n")
    replace_in(path, "theme: security\n", "theme: securty\n", count=-1)
    code, err = broken(data_copy)
    assert code == 1
    lines = [line for line in err.splitlines() if "unknown theme 'securty'" in line]
    assert len(lines) == 1
    assert "did you mean 'security'?" in lines[0]
    assert f"{uses - 1} more)" in lines[0]


def test_a_value_yaml_reads_as_true_or_false_gets_a_useful_message(data_copy: Path) -> None:
    line = replace_in(data_copy / "votes.yaml", "  vote: Y\n", "  vote: yes\n")
    code, err = broken(data_copy)
    assert code == 1
    assert (f"votes.yaml:{line}: vote.vote must be a text (Y, N, A, NV); YAML reads this value "
            "as bool true: put it in quotes") in err


def test_a_scenario_builds_on_assessments_and_points_at_facts_or_events(data_copy: Path) -> None:
    path = data_copy / "records.yaml"
    line = replace_in(path, "builds_on: [foothold-eroding,",
                      "builds_on: [kaz-csto-deployment-2022,")
    code, err = broken(data_copy)
    assert code == 1
    assert (f"records.yaml:{line}: builds_on may name only assessments; "
            "'kaz-csto-deployment-2022' is an event") in err


def test_a_yaml_alias_bomb_is_refused_at_once(data_copy: Path) -> None:
    bomb = "lol: &a [x, x, x, x, x, x, x, x, x]\n"
    previous = "a"
    for name in "bcdefghijk":
        bomb += f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]\n"
        previous = name
    (data_copy / "themes.yaml").write_text(bomb, encoding="utf-8")
    code, err = broken(data_copy)
    assert code == 1
    assert "themes.yaml:1: a YAML anchor (&a) marks an entry to repeat: rca data files write " \
        "every entry out in full, with no anchors or aliases (100 more in the file)" in err
    assert len(err.splitlines()) == 2


def test_every_record_id_fits_the_column_a_terminal_gives_it_whole() -> None:
    from rca.render.blocks import NARROW

    records = [r for theme in json.loads(rca("themes", "--format", "json").stdout)
               for r in json.loads(rca("themes", theme["id"], "--format", "json").stdout)]
    long = [r["id"] for r in records if len(r["id"]) > NARROW]
    assert records and not long, long
