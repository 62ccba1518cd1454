"""Where the dataset lives, what files it has, and how a problem with it is reported.

Cheap to import: the YAML parser lives in `rca.dataset.yamlnodes`, loaded only when files are read.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

#: The files of a dataset, in the order they are read.
DATA_FILES = (
    "dataset.yaml",
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
    here = Path(__file__).resolve().parent.parent
    packaged = here / "data"
    if packaged.is_dir():
        return packaged
    return here.parent / "data"


def data_dir_from(option: str | None) -> Path:
    """The dataset folder: the option (which reads RCA_DATA_DIR), else the shipped one."""
    return Path(option) if option else default_data_dir()


def data_date(folder: Path | None = None) -> str:
    """The dataset's date from its dataset.yaml, read without loading the dataset."""
    import re

    try:
        text = ((folder or default_data_dir()) / "dataset.yaml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    found = re.search(r"^-?\s*as_of:\s*'?(\d{4}(?:-\d{2}){0,2})'?\s*$", text, re.MULTILINE)
    return found.group(1) if found else ""


class CopyError(Exception):
    """A dataset copy that could not be made; ``written`` when files were begun."""

    def __init__(self, message: str, written: bool) -> None:
        super().__init__(message)
        self.written = written


def copy_dataset(folder: Path) -> None:
    """Write the shipped dataset into ``folder`` (new or empty), never replacing a file.

    Each file is created exclusively, so a file that appears meanwhile is kept and the copy
    stops; a copy that fails part-way removes what it wrote, so that a retry can start over.
    """
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise CopyError(f"{folder} already exists and is not an empty folder; nothing was "
                        "written", written=False)
    written: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name in DATA_FILES:
            target = folder / name
            data = (default_data_dir() / name).read_bytes()
            with target.open("xb") as handle:
                written.append(target)
                handle.write(data)
    except OSError as err:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        where = err.filename or folder
        raise CopyError(f"cannot write {where}: {err.strerror or err}; nothing was kept",
                        written=True) from None


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
