"""Where the dataset lives, what files it has, and how a problem with it is reported.

Cheap to import: the YAML parser lives in `rca.dataset.yamlnodes`, loaded only when files are read.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from rca.text import escaped

__all__ = ["escaped"]  # the history readers take it from here

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
#: the largest data file rca reads, far above any real one (the shipped files are a few
#: hundred kilobytes; a dataset a hundred times the size is still a few megabytes a file)
MAX_FILE_BYTES = 64 * 1024 * 1024

class Problem(NamedTuple):
    """One thing wrong with the dataset, at a place in a file."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return escaped(f"{where}: {self.message}")


class DataError(Exception):
    """The dataset cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the dataset")
        self.problems = problems


class Unreadable(Exception):
    """A data file rca will not or cannot read; the message says why."""


_NOT_PLAIN = "is {}, not a plain file: rca reads data only from files"


def read_bounded(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file at ``path``, refusing anything else.

    A device, a pipe or a folder in place of a data file could block forever or never end
    (``/dev/zero``), so the file is opened without waiting, checked to be a plain file and
    read to at most ``limit`` bytes. Raises FileNotFoundError, or Unreadable with the reason.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | \
        getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        if isinstance(err, FileNotFoundError):
            raise
        if os.path.isdir(path):  # where a folder cannot be opened as a file
            raise Unreadable(_NOT_PLAIN.format("a folder")) from None
        raise Unreadable(f"cannot read file: {err.strerror or err}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = "a folder" if stat.S_ISDIR(info.st_mode) else "a device, a pipe or a socket"
            raise Unreadable(_NOT_PLAIN.format(what))
        if info.st_size > limit:
            raise Unreadable(f"is {info.st_size:,} bytes, more than the {limit:,} a data file "
                             "may have")
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        if left <= 0:
            raise Unreadable(f"grows past the {limit:,} bytes a data file may have")
        return b"".join(chunks)
    except OSError as err:
        raise Unreadable(f"cannot read file: {err.strerror or err}") from None
    finally:
        os.close(fd)


def read_files(folder: Path) -> tuple[dict[str, bytes], list[Problem]]:
    """The bytes of every data file in ``folder``, each read once; a problem for each file
    that cannot be read, and for a folder that is not there."""
    try:
        if not folder.is_dir():
            what = "does not exist" if not folder.exists() else "is not a folder"
            return {}, [Problem(str(folder), 0, f"dataset folder {what}")]
    except OSError as err:  # a name too long, a loop of links
        return {}, [Problem(str(folder), 0, f"cannot read the dataset folder: "
                            f"{err.strerror or err}")]
    raw: dict[str, bytes] = {}
    problems: list[Problem] = []
    for name in DATA_FILES:
        try:
            raw[name] = read_bounded(folder / name)
        except FileNotFoundError:
            problems.append(Problem(name, 0, "file is missing"))
        except Unreadable as err:
            problems.append(Problem(name, 0, str(err)))
    return raw, problems


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
    try:
        text = read_bounded((folder or default_data_dir()) / "dataset.yaml").decode("utf-8")
    except (OSError, Unreadable, UnicodeDecodeError):
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
    stops; a copy that fails part-way removes what it wrote (and the folder, if it made
    it), so that a retry can start over.
    """
    try:
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise CopyError(f"{folder} already exists and is not an empty folder; nothing "
                            "was written", written=False)
        made = not folder.exists()
    except OSError as err:
        raise CopyError(f"cannot look into {folder}: {err.strerror or err}; nothing was "
                        "written", written=True) from None
    written: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise CopyError(f"cannot make the folder {folder}: {err.strerror or err}; nothing "
                        "was written", written=True) from None
    for name in DATA_FILES:
        source, target = default_data_dir() / name, folder / name
        try:
            data = source.read_bytes()
        except OSError as err:
            _undo(written, folder if made else None)
            raise CopyError(f"cannot read rca's own {source}: {err.strerror or err}; nothing "
                            "was kept", written=True) from None
        try:
            with target.open("xb") as handle:
                written.append(target)
                handle.write(data)
        except FileExistsError:
            _undo(written, folder if made else None)
            raise CopyError(f"{target} appeared while the copy was being made; rca leaves it "
                            "as it is and kept nothing of its own", written=True) from None
        except OSError as err:
            _undo(written, folder if made else None)
            raise CopyError(f"cannot write {target}: {err.strerror or err}; nothing was kept",
                            written=True) from None


def _undo(written: list[Path], folder: Path | None) -> None:
    """Remove the files a failed copy wrote, and the folder it made."""
    for path in written:
        with contextlib.suppress(OSError):
            path.unlink()
    if folder is not None:
        with contextlib.suppress(OSError):
            folder.rmdir()


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
