"""Odd input never crashes name matching: any text is a match or a usage error."""

from hypothesis import given, settings
from hypothesis import strategies as st

from rca.dataset.files import default_data_dir
from rca.dataset.validate import load_dataset
from rca.query.names import UnknownName, resolve_country, resolve_resolution, resolve_theme

DATASET = load_dataset(default_data_dir())


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_any_text_resolves_or_raises_unknown_name(text: str) -> None:
    for resolve, table in ((resolve_country, DATASET.countries),
                           (resolve_resolution, DATASET.resolutions),
                           (resolve_theme, DATASET.themes)):
        try:
            found = resolve(table, text)  # type: ignore[arg-type]
        except UnknownName as err:
            assert err.given == text
            assert all(isinstance(s, str) for s in err.suggestions)
        else:
            assert found in table


# -- the loader: any file content gives a dataset or located problems, never a crash ----

import shutil  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

from rca.dataset.files import DATA_FILES, DataError  # noqa: E402

SHIPPED = {name: (default_data_dir() / name).read_text(encoding="utf-8") for name in DATA_FILES}
FOLDER = Path(tempfile.mkdtemp(prefix="rca-property-")) / "data"
shutil.copytree(default_data_dir(), FOLDER)


def load_with(name: str, text: str | bytes) -> None:
    """Load the dataset with one file replaced; only DataError with located problems may come."""
    path = FOLDER / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    try:
        load_dataset(FOLDER)
    except DataError as err:
        assert err.problems
        lines = max(1, len(text.splitlines())) + 1
        for problem in err.problems:
            assert problem.file in DATA_FILES, problem
            assert 0 <= problem.line <= max(lines, 10_000), problem
            assert str(problem).startswith(f"{problem.file}:"), problem
    finally:
        path.write_text(SHIPPED[name], encoding="utf-8")


YAMLISH = st.text(alphabet=st.sampled_from(list("-:[]{}&*!|>'\"#, \n\tabcY0123456789\\%@`")) |
                  st.characters(exclude_categories=("Cs",)), max_size=200)


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(DATA_FILES), YAMLISH)
def test_any_text_in_a_data_file_loads_or_gives_located_problems(name: str, text: str) -> None:
    load_with(name, text)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    """A shipped file with a few random edits: lines dropped, repeated, cut, or scribbled on."""
    name = draw(st.sampled_from(("themes.yaml", "votes.yaml", "records.yaml",
                                 "resolutions.yaml", "memberships.yaml")))
    lines = SHIPPED[name].splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(("drop", "repeat", "cut", "scribble", "indent")))
        if action == "drop":
            del lines[at]
        elif action == "repeat":
            lines.insert(at, lines[at])
        elif action == "cut":
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
        elif action == "scribble":
            spot = draw(st.integers(0, len(lines[at])))
            junk = draw(st.text(st.characters(exclude_categories=("Cs",)), max_size=5))
            lines[at] = lines[at][:spot] + junk + lines[at][spot:]
        else:
            lines[at] = draw(st.sampled_from(("", " ", "  ", "\t"))) + lines[at].lstrip()
    return name, "".join(lines)


@settings(max_examples=120, deadline=None)
@given(mutated())
def test_edited_real_files_load_or_give_located_problems(case: tuple[str, str]) -> None:
    load_with(*case)


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(DATA_FILES), st.binary(max_size=100))
def test_any_bytes_in_a_data_file_load_or_give_located_problems(name: str, raw: bytes) -> None:
    load_with(name, raw)


def test_self_referencing_yaml_is_a_located_problem() -> None:
    load_with("themes.yaml", "- &a\n  id: security\n  name: *a\n  description: loop\n")
    load_with("themes.yaml", "&a [*a]\n")


# -- hostile constructs in real files: located problems or a dataset that is sound ----------

import json  # noqa: E402
import re  # noqa: E402

from conftest import rca  # noqa: E402
from rca.dataset.cache import _plain, _reader  # noqa: E402
from rca.model import Dataset  # noqa: E402

#: what the issue list throws at the loader, each as YAML text for a value
HOSTILE = [
    "[{a: b}]", "[[x]]", "{a: 1}", "[x, {y: z}]",
    ".nan", ".NaN", ".inf", "-.inf", "1" + "0" * 400, "!!float nan",
    "'٢٠٢٢-٠٣-٠٢'", "'２０２２'", "A/RES/ES-١١/1",
    '"\\e[31mred"', '"\\x9b2J"', '"a\\tb"', '"\\u202eevil"', '"\\x00"', "\x1b[0m",
    "'[/]'", "'[link=file:///etc/passwd]x[/link]'", '"[bold red]loud"', "[/]",
    "&a x", "*a", "&b [y]", "!!int '12'", "!!int '\\e'",
]
#: a problem as the user sees it: file:line: message, on one line, without control characters
LOCATED = re.compile(r"[a-z]+\.yaml:[1-9][0-9]*: "
                     r"[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]+\Z")


@st.composite
def hostile(draw: st.DrawFn) -> tuple[str, str]:
    """A shipped file with the value of one to three of its lines replaced by hostile text,
    or an anchor on one line and an alias of it on another."""
    name = draw(st.sampled_from(DATA_FILES[1:]))
    lines = SHIPPED[name].splitlines(keepends=True)
    valued = [i for i, line in enumerate(lines)
              if ": " in line and not line.lstrip().startswith("#")]
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.sampled_from(valued))
        key = lines[at].split(": ", 1)[0]
        lines[at] = f"{key}: {draw(st.sampled_from(HOSTILE))}\n"
    return name, "".join(lines)


def check_loads(name: str, text: str) -> None:
    """Load with one file replaced: a DataError whose problems are all located, or a dataset
    that the cache can hold and give back unchanged, and that JSON can carry."""
    path = FOLDER / name
    path.write_text(text, encoding="utf-8")
    try:
        dataset = load_dataset(FOLDER)
    except DataError as err:
        assert err.problems
        for problem in err.problems:
            assert problem.file == name or problem.file in DATA_FILES, problem
            assert LOCATED.match(str(problem)), str(problem)
    else:
        plain = json.loads(json.dumps(_plain(dataset), allow_nan=False, ensure_ascii=False))
        assert _reader(Dataset)(plain) == dataset
    finally:
        path.write_text(SHIPPED[name], encoding="utf-8")


@settings(max_examples=100, deadline=None)
@given(hostile())
def test_hostile_values_in_real_files_load_or_give_located_problems(case: tuple[str, str]) -> None:
    check_loads(*case)


@settings(max_examples=25, deadline=None)
@given(hostile())
def test_rca_validate_on_hostile_files_says_ok_or_lists_located_problems(
        case: tuple[str, str]) -> None:
    name, text = case
    path = FOLDER / name
    path.write_text(text, encoding="utf-8")
    try:
        run = rca("validate", "--data-dir", str(FOLDER))
    finally:
        path.write_text(SHIPPED[name], encoding="utf-8")
    lines = run.stderr.splitlines()
    if run.exit_code == 0:
        assert run.stdout.startswith("ok: ")
        return
    assert run.exit_code == 1 and run.stdout == "", run.stderr
    *problems, summary = lines
    assert problems and summary.startswith(f"rca: {len(problems)} problem"), run.stderr
    for line in problems:
        assert LOCATED.match(line), line
