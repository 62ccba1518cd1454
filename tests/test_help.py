"""Help that reads at 80 columns: paragraphs, defaults said once, examples that paste."""

from __future__ import annotations

import itertools
import re
import shlex

import pytest
import typer
from test_readme import registered

from conftest import rca
from rca.cli.main import every_command

app = every_command()

COMMANDS = ["", "history", "data", *registered(typer.main.get_command(app))]


def shown_help(command: str) -> list[str]:
    run = rca(*command.split(), "--help", COLUMNS="80")
    assert run.exit_code == 0, run.stderr
    return run.stdout.splitlines()


@pytest.mark.parametrize("command", COMMANDS)
def test_help_paragraphs_do_not_break_after_a_word_or_two(command: str) -> None:
    lines = [line.strip() for line in shown_help(command)]
    for line, after in itertools.pairwise(lines):
        if not line or line.startswith(("│", "╭", "╰", "Usage:", "rca ")) or not after:
            continue
        if after.startswith(("│", "╭")):
            continue
        assert len(line.split()) > 2, (command, line, after)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_states_a_default_once(command: str) -> None:
    text = " ".join(shown_help(command))
    for option in re.split(r"│ --", text):
        assert not ("(default" in option and "[default:" in option), (command, option)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_examples_paste_into_a_shell(command: str) -> None:
    examples = [line.strip() for line in shown_help(command) if line.startswith("   rca ")]
    if command and command not in ("history", "data"):
        assert examples, command
    for example in examples:
        words = shlex.split(example, comments=True)  # a comment is a shell comment
        assert words[0] == "rca"
        said = f" {' '.join(words[1:])} "
        assert any(f" {c} " in said for c in COMMANDS if c), example
        assert all(line.startswith("   rca ") for line in shown_help(command)
                   if line.strip().startswith("rca ")), command  # one indentation


def test_the_entry_point_imports_the_module_of_each_command() -> None:
    from rca.cli.main import modules_for

    for info in app.registered_commands:
        name = info.name or info.callback.__name__.replace("_", "-")
        assert info.callback.__module__ in [f"rca.cli.{m}" for m in modules_for(name)], name
    for group in app.registered_groups:
        for info in group.typer_instance.registered_commands:
            assert info.callback.__module__ in [f"rca.cli.{m}" for m in modules_for(
                group.name)], (group.name, info.name)
