"""The README's examples are real: each `$ rca ...` runs, and what it shows is what it prints."""

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer
from test_history_samples import UN_SAMPLE

from conftest import rca, reference
from rca.cli.main import every_command
from rca.history import import_file

app = every_command()

README = Path(__file__).resolve().parents[1] / "README.md"


def examples() -> list[tuple[list[str], list[str]]]:
    """(arguments, the lines shown under them) for each `$ rca` line of the README."""
    found: list[tuple[list[str], list[str]]] = []
    current: list[str] | None = None
    for line in README.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("$ rca "):
            current = []
            found.append((shlex.split(stripped[len("$ rca "):]), current))
        elif current is not None and line.startswith("    ") and stripped:
            current.append(line[4:])
        elif stripped:
            current = None
    return found


def registered(group: Any, prefix: str = "") -> list[str]:
    """Every command the app registers, as typed: 'country', 'history import', ..."""
    found = []
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            found += registered(command, f"{prefix}{name} ")
        else:
            found.append(prefix + name)
    return found


def test_every_command_has_a_readme_example() -> None:
    commands = {args[0] for args, _shown in examples()}
    text = README.read_text(encoding="utf-8")
    every = registered(typer.main.get_command(app))
    assert len(every) > 15
    for command in every:
        assert f"rca {command}" in text, command
    assert {"votes", "themes", "country", "sources"} <= commands


def test_readme_examples_print_what_the_readme_shows(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    history: dict[str, str] = {}
    for args, shown in examples():
        if args[0] == "history" and not history:  # on the sample of the UN file, imported once
            target = tmp_path_factory.mktemp("readme") / "history.sqlite3"
            import_file(reference(UN_SAMPLE), target)
            history["RCA_HISTORY_DB"] = str(target)
        env = history if args[0] == "history" else {}
        run = rca(*args, **env)
        output = run.stdout + run.stderr
        assert run.exit_code in (0, 2), args
        if run.exit_code == 2:
            assert "rca: unknown" in run.stderr
        if any("\t" in line for line in shown) or run.exit_code == 2:  # plain output: exact lines
            for line in shown:
                if "..." in line:
                    head = line.split("...")[0]
                    assert head in output, (args, head)
                else:
                    assert line in output.splitlines(), (args, line)
        else:  # a terminal table: every word shown is on the screen
            table = rca(*args, TTY_COMPATIBLE="1", NO_COLOR="1", COLUMNS="100", **env).stdout
            words = re.findall(r"\S+", " ".join(line for line in shown if "..." not in line))
            for word in words:
                assert word in table, (args, word)


def test_the_readme_counts_the_dataset_as_it_is() -> None:
    text = " ".join(README.read_text(encoding="utf-8").split())
    said = re.search(r"the heart of `rca`: ([\d,]+) sources, (\d+) states .*?(\d+) "
                     r"organisations, (\d+) memberships, (\d+) resolutions, (\d+) votes, (\d+) "
                     r"themes and (\d+) records \((\d+) facts, (\d+) events, (\d+) assessments, "
                     r"(\d+) scenarios\)", text)
    assert said is not None
    from rca.dataset.cache import load
    from rca.dataset.files import default_data_dir

    ds = load(default_data_dir())
    kinds = [sum(r.kind == kind for r in ds.records)
             for kind in ("fact", "event", "assessment", "scenario")]
    actual = [len(ds.sources), len(ds.countries), len(ds.organisations), len(ds.memberships),
              len(ds.resolutions), len(ds.votes), len(ds.themes), len(ds.records), *kinds]
    assert [int(n.replace(",", "")) for n in said.groups()] == actual
