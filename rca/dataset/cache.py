"""A cache of the validated dataset, keyed by the content of the data files and of rca.

Reading the dataset means parsing YAML and checking every rule, and the answer changes only
when a data file or rca itself changes. A valid dataset is therefore pickled into the user's
cache folder, under a key made from those bytes, and read back on the next run; a changed
file gives a new key, so a stale answer is never shown. A dataset with problems is never
cached: its problems are found afresh each time.

The cache lives in ``$RCA_CACHE_DIR``, else ``$XDG_CACHE_HOME/rca``, else the platform's
cache folder; never in the dataset folder. ``RCA_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from rca import __version__
from rca.dataset.files import DATA_FILES, paused_gc
from rca.model import Dataset

#: bump when the pickled form changes in a way the key would not notice
CACHE_FORMAT = 1
#: cached datasets kept per cache folder (one per dataset folder and version in use)
KEEP = 8
#: rca's own modules whose code decides what a loaded dataset looks like
_CODE = ("model.py", "dataset/schema.py", "dataset/files.py", "dataset/yamlnodes.py",
         "dataset/validate.py", "dataset/cache.py")


def cache_dir() -> Path | None:
    if os.environ.get("RCA_NO_CACHE"):
        return None
    chosen = os.environ.get("RCA_CACHE_DIR")
    if chosen:
        return Path(chosen)
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "rca"
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "rca" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "rca"
    return Path.home() / ".cache" / "rca"


def cache_key(folder: Path) -> str | None:
    """A digest of the data files and of rca's code; None if a file cannot be read.

    Two independent 32-bit checksums (CRC-32 and Adler-32) of every byte, plus each file's
    size: the cache guards against edits, not against an attacker, and zlib is already
    loaded where hashlib would cost more than the whole lookup.
    """
    import zlib

    parts = [f"{CACHE_FORMAT}|{__version__}|{sys.version}|{folder.resolve()}"]
    here = Path(__file__).resolve().parent.parent
    try:
        for name in _CODE:
            stat = (here / name).stat()
            parts.append(f"{name}:{stat.st_mtime_ns}:{stat.st_size}")
        for name in DATA_FILES:
            raw = (folder / name).read_bytes()
            parts.append(f"{name}:{len(raw)}:{zlib.crc32(raw):08x}:{zlib.adler32(raw):08x}")
    except OSError:
        return None
    head = "|".join(parts).encode()
    return f"{zlib.crc32(head):08x}{zlib.adler32(head):08x}"


def load(folder: Path) -> Dataset:
    """The validated dataset in ``folder``, from the cache when its files are unchanged.

    Raises `rca.dataset.files.DataError` (from the validator) when the dataset has problems.
    """
    import pickle

    where = cache_dir()
    key = cache_key(folder) if where is not None and folder.is_dir() else None
    path = where / f"dataset-{key}.pickle" if where is not None and key else None
    if path is not None:
        try:
            with path.open("rb") as handle, paused_gc():
                found = pickle.load(handle)
            if isinstance(found, Dataset):
                return found
        except Exception:  # missing, unreadable or from another rca: read the files instead
            pass
    from rca.dataset.validate import load_dataset

    dataset = load_dataset(folder)
    if path is not None:
        _store(path, dataset)
    return dataset


def _store(path: Path, dataset: Dataset) -> None:
    """Write atomically; a cache that cannot be written is only a slower next run."""
    import pickle

    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("wb") as handle:
            pickle.dump(dataset, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        older = sorted(path.parent.glob("dataset-*.pickle"), key=lambda p: p.stat().st_mtime)
        for stale in older[:-KEEP]:
            stale.unlink(missing_ok=True)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
