"""Odd input never crashes name matching: any text is a match or a usage error."""

from hypothesis import given, settings
from hypothesis import strategies as st

from rca.load import default_data_dir
from rca.names import UnknownName, resolve_country, resolve_resolution, resolve_theme
from rca.validate import load_dataset

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
