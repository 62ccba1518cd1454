"""Where the dataset lives, what files it has, and how a problem with it is reported.

Cheap to import: the YAML parser lives in `rca.parse`, loaded only when files are read.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

#: The files of a dataset, in the order they are read.
DATA_FILES = (
    "sources.yaml",
    "countries.yaml",
    "organisations.yaml",
    "memberships.yaml",
    "resolutions.yaml",
    "votes.yaml",
    "themes.yaml",
    "records.yaml",
)


class Problem(NamedTuple):
    """One thing wrong with the dataset, at a place in a file."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class DataError(Exception):
    """The dataset cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the dataset")
        self.problems = problems


def default_data_dir() -> Path:
    """The dataset that ships with rca: inside the installed package, or the source tree."""
    here = Path(__file__).resolve().parent
    packaged = here / "data"
    if packaged.is_dir():
        return packaged
    return here.parent / "data"


def data_dir_from(option: str | None) -> Path:
    """The dataset folder: the option, else RCA_DATA_DIR, else the shipped dataset."""
    chosen = option or os.environ.get("RCA_DATA_DIR") or ""
    return Path(chosen) if chosen else default_data_dir()


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Hold the cyclic garbage collector while a large, acyclic structure is built.

    Building many small objects sets off collections whose cost grows with everything
    already built, which made loading grow faster than the data; nothing built here forms
    a cycle, so nothing is lost by collecting once afterwards instead.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
