"""Shell completion candidates, read straight from the data files without validating them.

A completion request runs on every key press, so it scans only the one small file it needs
for the few keys it offers, and never builds the dataset.
"""

from __future__ import annotations

import re
from pathlib import Path

from rca.dataset.files import Unreadable, data_dir_from, read_bounded

#: kind -> (file, the keys whose values are offered)
WANTED = {
    "country": ("countries.yaml", ("iso3", "name")),
    "resolution": ("resolutions.yaml", ("symbol",)),
    "theme": ("themes.yaml", ("id",)),
    "source": ("sources.yaml", ("id",)),
    "bloc": ("organisations.yaml", ("id",)),
}
#: the bloc of the five, which is a group of countries.yaml, not an organisation
FIVE = "central-asia"


def candidates(kind: str, incomplete: str, folder: str | None = None) -> list[str]:
    """Values of ``kind`` that start with ``incomplete`` in any case, in file order."""
    if kind == "state or bloc":
        return [*candidates("country", incomplete, folder),
                *candidates("bloc", incomplete, folder)]
    name, keys = WANTED[kind]
    try:  # a pipe or a device in place of the file offers nothing, and never hangs
        text = read_bounded(Path(data_dir_from(folder)) / name).decode("utf-8")
    except (OSError, Unreadable, UnicodeDecodeError):
        return []
    pattern = re.compile(rf"^\s*-?\s*(?:{'|'.join(keys)}):\s*(.+?)\s*$", re.MULTILINE)
    values: dict[str, None] = {}
    for match in pattern.finditer(text):
        value = match.group(1).strip("'\"")
        value = value.removeprefix("A/RES/") if kind == "resolution" else value
        # a shell splits words at spaces; rca reads a hyphen in a name as a space
        values[value.replace(" ", "-")] = None
    if kind == "bloc":
        values[FIVE] = None
    exact = [value for value in values if value.startswith(incomplete)]
    if exact:
        return exact
    # shells keep only words that start with what was typed, case and all, while rca
    # matches names in any case: offer the matches in the case the user typed
    folded = incomplete.casefold()
    lower = incomplete.islower()
    return [value.lower() if lower else incomplete + value[len(incomplete):]
            for value in values if value.casefold().startswith(folded)]
