"""A cache of the validated dataset, keyed by the content of the data files and of rca.

Reading the dataset means parsing YAML and checking every rule, and the answer changes only
when a data file or rca itself changes. A valid dataset is therefore written into the user's
cache folder, under a key made from those bytes, and rebuilt from it on the next run; a
changed file gives a new key, so a stale answer is never shown. Each data file is read once:
the bytes that make the key are the bytes the dataset is built from, so a file saved in
between can never be cached under the key of its earlier content. A dataset with problems
is never cached: its problems are found afresh each time.

The cache holds data, never code: plain values (lists, text, numbers, true and false, null)
in Python's marshal format (no way to run code on loading, and the fastest to read),
rebuilt field by field into the records of `rca.model` with the type of every value checked,
so that a cache file, whoever wrote it, can at worst be refused. rca also keeps the folder
to the user alone: it makes the folder 0700 and its files 0600 whatever the umask, and
reads and writes only a folder that the user owns and no one else may write to, and only
files the user owns that no one else may write to.

The cache lives in ``$RCA_CACHE_DIR``, else ``$XDG_CACHE_HOME/rca`` (an absolute path only:
the XDG spec says to ignore a relative one), else the platform's cache folder; never in the
dataset folder. ``RCA_NO_CACHE=1`` turns it off, and a system that cannot tell who owns a
file, or open a file relative to a folder handle, has none.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rca import __version__
from rca.dataset.files import DATA_FILES, paused_gc, read_files
from rca.model import Dataset

#: bump when the stored form changes in a way the key would not notice
CACHE_FORMAT = 3
#: the ending of a cached dataset's file name
SUFFIX = ".marshal"
#: the endings of what earlier forms of the cache left, removed when seen
OLD_SUFFIXES = (".json", ".pickle")
#: cached datasets kept per cache folder (one per dataset folder and version in use)
KEEP = 8
#: a cache file larger than this is not read (the shipped dataset's is a quarter megabyte)
MAX_BYTES = 256 * 1024 * 1024
#: a temporary file older than this (seconds) was left by a run that was killed
STALE = 3600
#: rca's own modules whose code decides what a loaded dataset looks like
_CODE = ("model.py", "dataset/schema.py", "dataset/files.py", "dataset/yamlnodes.py",
         "dataset/validate.py", "dataset/fold.py", "dataset/cache.py")
_FLAGS = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
#: what the safe reading and writing of the folder needs from the system
SUPPORTED = (hasattr(os, "geteuid") and hasattr(os, "O_DIRECTORY") and hasattr(os, "fchmod")
             and {os.open, os.rename, os.unlink, os.stat} <= os.supports_dir_fd
             and os.scandir in os.supports_fd)


def cache_dir() -> Path | None:
    """The cache folder to use, or None for none; always an absolute path."""
    if os.environ.get("RCA_NO_CACHE"):
        return None
    chosen = os.environ.get("RCA_CACHE_DIR")
    if chosen:
        return Path(chosen).absolute()
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg) / "rca"
    local = os.environ.get("LOCALAPPDATA", "")
    if sys.platform == "win32" and os.path.isabs(local):
        return Path(local) / "rca" / "Cache"
    try:
        home = Path.home()
    except (RuntimeError, KeyError):
        return None
    if not home.is_absolute():
        return None
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "rca"
    return home / ".cache" / "rca"


def cache_key(folder: Path, raw: dict[str, bytes]) -> str | None:
    """A digest of the data files' bytes (as read once, in ``raw``) and of rca's code; None
    if rca's code cannot be looked at.

    Two independent 32-bit checksums (CRC-32 and Adler-32) of every byte, plus each file's
    size: the key tells edits apart, and the folder's ownership, not the key, keeps others
    out; zlib is already loaded where hashlib would cost more than the whole lookup.
    """
    import zlib

    parts = [f"{CACHE_FORMAT}|{__version__}|{sys.version}|{folder.resolve()}"]
    here = Path(__file__).resolve().parent.parent
    try:
        for name in _CODE:
            info = (here / name).stat()
            parts.append(f"{name}:{info.st_mtime_ns}:{info.st_size}")
    except OSError:
        return None
    for name in DATA_FILES:
        data = raw[name]
        parts.append(f"{name}:{len(data)}:{zlib.crc32(data):08x}:{zlib.adler32(data):08x}")
    head = "|".join(parts).encode()
    return f"{zlib.crc32(head):08x}{zlib.adler32(head):08x}"


def load(folder: Path) -> Dataset:
    """The validated dataset in ``folder``, from the cache when its files are unchanged.

    Raises `rca.dataset.files.DataError` (from the validator) when the dataset has problems.
    """
    raw, problems = read_files(folder)
    where = cache_dir() if SUPPORTED and not problems else None
    if where is not None and _within(where, folder):
        where = None
    key = cache_key(folder, raw) if where is not None else None
    if where is not None and key is not None:
        found = _fetch(where, key)
        if found is not None:
            return found
    from rca.dataset.validate import build_dataset

    dataset = build_dataset(folder, raw, problems)
    if where is not None and key is not None:
        _store(where, key, dataset)
    return dataset


def _within(where: Path, folder: Path) -> bool:
    """Whether the cache folder is the dataset folder or inside it."""
    try:
        inside, data = where.resolve(), folder.resolve()
    except (OSError, RuntimeError):
        return True
    return inside == data or data in inside.parents


# -- the folder and its files, kept to the user -----------------------------------------


def _private(info: os.stat_result) -> bool:
    """Owned by the user running rca, and no one else may write to it."""
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _open_folder(where: Path) -> int | None:
    """A handle on the cache folder, or None if it is missing or not the user's alone."""
    try:
        fd = os.open(where, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    if _private(os.fstat(fd)):
        return fd
    os.close(fd)
    return None


def _make_folder(where: Path) -> None:
    """Make the cache folder and any missing parent, each 0700 whatever the umask; but only
    inside a folder of the user's own or a shared one with the sticky bit (as /tmp), so that
    rca run for someone else (``sudo`` keeping ``HOME``) leaves that user's folders alone."""
    missing = []
    probe = where
    while not os.path.lexists(probe) and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    if not missing:
        return
    try:
        info = probe.stat()
    except OSError:
        return
    if info.st_uid != os.geteuid() and not info.st_mode & stat.S_ISVTX:
        return
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)
            os.chmod(path, 0o700)
        except FileExistsError:  # made meanwhile: whether it will do is checked on opening
            continue
        except OSError:  # a file in the way, no room, no right: no cache this time
            return


def _read_own(fd: int, name: str) -> bytes | None:
    """The bytes of the cache file ``name`` if it is a plain file of the user's alone."""
    try:
        handle = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _FLAGS, dir_fd=fd)
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or not _private(info) or info.st_size > MAX_BYTES:
            return None
        chunks = []
        left = info.st_size + 1
        while left > 0:
            chunk = os.read(handle, left)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(handle)


def _fetch(where: Path, key: str) -> Dataset | None:
    """The dataset cached under ``key``, or None."""
    fd = _open_folder(where)
    if fd is None:
        return None
    try:
        data = _read_own(fd, f"dataset-{key}{SUFFIX}")
        if data is None:
            return None
        import marshal

        with paused_gc():
            stored = marshal.loads(data)
            if type(stored) is not dict or stored.get("format") != CACHE_FORMAT or (
                    stored.get("key") != key):
                return None
            found: Dataset = _reader(Dataset)(stored["dataset"])
            return found
    except Exception:  # unreadable, damaged or not rca's: read the files instead
        return None
    finally:
        os.close(fd)


def _store(where: Path, key: str, dataset: Dataset) -> None:
    """Write atomically, as a new file of the user's alone; a cache that cannot be written is
    only a slower next run."""
    import marshal

    _make_folder(where)
    fd = _open_folder(where)
    if fd is None:
        return
    name = f"dataset-{key}{SUFFIX}"
    temporary = f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        data = marshal.dumps({"format": CACHE_FORMAT, "key": key, "dataset": _plain(dataset)})
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _FLAGS, 0o600,
                         dir_fd=fd)
        try:
            os.fchmod(handle, 0o600)
            with open(handle, "wb", closefd=False) as out:
                out.write(data)
        finally:
            os.close(handle)
        os.rename(temporary, name, src_dir_fd=fd, dst_dir_fd=fd)
        _prune(fd)
    except (OSError, ValueError, TypeError):
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=fd)
    finally:
        os.close(fd)


def _prune(fd: int) -> None:
    """Keep the newest KEEP datasets; remove the temporary files of killed runs, and the
    pickles an older rca kept here (a pickle can hold code, so none is left to be read)."""
    kept = []
    now = time.time()
    for entry in os.scandir(fd):
        info = entry.stat(follow_symlinks=False)
        name = entry.name
        if name.startswith("dataset-") and name.endswith(SUFFIX):
            kept.append((info.st_mtime, name))
        elif (name.startswith("dataset-") and name.endswith(OLD_SUFFIXES)) or (
                name.startswith(".dataset-") and name.endswith(".tmp")
                and info.st_mtime < now - STALE):
            with contextlib.suppress(OSError):
                os.unlink(name, dir_fd=fd)
    for _mtime, name in sorted(kept)[:-KEEP]:
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=fd)


# -- the dataset as plain values, and back ----------------------------------------------


def _plain(value: Any) -> Any:
    """Records and tuples as lists, mappings as lists of [key, value] (a key can be a tuple)."""
    if isinstance(value, dict):
        return [[_plain(k), _plain(v)] for k, v in value.items()]
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


_READERS: dict[Any, Callable[[Any], Any]] = {}


def _reader(hint: Any) -> Callable[[Any], Any]:
    """A function that rebuilds a value of type ``hint`` from its plain form, and raises
    TypeError on anything of another shape; made once per type from rca.model's hints.

    The scalars of a record or a list are checked all at once (the tuple of their types
    against the one expected), which keeps a start from the cache fast."""
    found = _READERS.get(hint)
    if found is None:
        found = _READERS[hint] = _make_reader(hint)
    return found


def _make_reader(hint: Any) -> Callable[[Any], Any]:
    import typing

    scalar = _scalar_types(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if scalar is not None:
        return _checked(scalar, hint.__name__)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _tuple_reader(args[0])
    if origin is tuple and all(len(_scalar_types(arg) or ()) == 1 for arg in args):
        fixed = tuple(args)  # a key of texts: (resolution, country)
        return lambda value: tuple(_same(value, fixed, "key"))
    if origin is dict:
        return _dict_reader(_reader(args[0]), _reader(args[1]))
    if isinstance(hint, type) and issubclass(hint, tuple) and hasattr(hint, "_fields"):
        return _record_reader(hint, typing.get_type_hints(hint))
    raise AssertionError(f"the cache cannot store a {hint}")  # a new kind of field in the model


def _scalar_types(hint: Any) -> frozenset[type] | None:
    """The types a plain value of ``hint`` may have, if it is a scalar (a float field holds
    the int or float that YAML read); None for anything else."""
    if hint in (str, bool, int):
        return frozenset((hint,))
    if hint is float:
        return frozenset((int, float))
    return None


def _checked(kinds: frozenset[type], name: str) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if type(value) not in kinds:
            raise TypeError(f"{value!r} is not {name}")
        return value
    return read


def _tuple_reader(item: Any) -> Callable[[Any], Any]:
    kinds = _scalar_types(item)
    if kinds is None:
        read_item = _reader(item)
        return lambda value: tuple(read_item(part) for part in _list(value))

    def read(value: Any) -> Any:
        if not set(map(type, _list(value))) <= kinds:
            raise TypeError("not a list of texts")
        return tuple(value)
    return read


def _dict_reader(read_key: Callable[[Any], Any],
                 read_value: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        pairs = _list(value)
        if set(map(type, pairs)) - {list} or set(map(len, pairs)) - {2}:
            raise TypeError("not a mapping")
        return {read_key(k): read_value(v) for k, v in pairs}
    return read


def _record_reader(hint: type, hints: dict[str, Any]) -> Callable[[Any], Any]:
    """A NamedTuple: its scalar fields checked by type in one go, the others each read."""
    names: tuple[str, ...] = getattr(hint, "_fields")  # noqa: B009  (mypy: a NamedTuple)
    kinds = [_scalar_types(hints[name]) for name in names]
    # the one type each field's plain value has: a list for what is not a scalar, and
    # object for a float field, which may be an int or a float and is checked on its own
    expected = tuple(list if k is None else object if len(k) > 1 else next(iter(k))
                     for k in kinds)
    loose = [(i, k) for i, k in enumerate(kinds) if k is not None and len(k) > 1]
    nested = [(i, _reader(hints[name])) for i, name in enumerate(names) if kinds[i] is None]

    def read(value: Any) -> Any:
        types = tuple(map(type, _list(value)))
        if loose and len(types) == len(expected):
            if any(types[i] not in allowed for i, allowed in loose):
                raise TypeError(f"not a {hint.__name__}")
            types = tuple(object if e is object else t for t, e in zip(types, expected,
                                                                       strict=True))
        if types != expected:
            raise TypeError(f"not a {hint.__name__}")
        found = value
        if nested:
            found = list(value)
            for i, read_nested in nested:
                found[i] = read_nested(found[i])
        return tuple.__new__(hint, found)

    return read


def _same(value: Any, types: tuple[type, ...], what: str) -> list[Any]:
    """``value``, a list whose items have exactly ``types``; TypeError otherwise."""
    if type(value) is not list or tuple(map(type, value)) != types:
        raise TypeError(f"not a {what}")
    return value


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise TypeError("not a list")
    return value
