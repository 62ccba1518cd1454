"""Odd input never crashes name matching: any text is a match or a usage error."""

from hypothesis import given, settings
from hypothesis import strategies as st

from rca.dataset.files import default_data_dir
from rca.dataset.validate import load_dataset
from rca.query.names import UnknownName, resolve_country, resolve_resolution, resolve_theme

DATASET = load_dataset(default_data_dir())


@settings(max_examples=300, deadline=None)
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


@settings(max_examples=200, deadline=None)
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


@settings(max_examples=200, deadline=None)
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
