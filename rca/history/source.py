"""An input file as downloaded (``.csv``, ``.csv.gz`` or a ``.zip`` holding one CSV), read
as a stream of CSV rows with their line numbers.

Bytes are decoded strictly: a line that is not UTF-8 makes its row a bad row, never a row
with replaced characters. A UTF-8 byte-order mark and CRLF line ends are read as usual.

Only a plain file is read: a pipe, a device or a folder is refused before anything is read
from it (opened without waiting, so that a pipe with no writer cannot hang the import), and
a line longer than any real one stops the reading instead of filling the memory.
"""

from __future__ import annotations

import csv
import gzip
import os
import stat
import zipfile
import zlib
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, cast

from rca.dataset.files import escaped
from rca.history.records import HistoryError

GZIP = b"\x1f\x8b"
ZIP = b"PK\x03\x04"
#: the longest line read (the real file's longest is a few kilobytes: a title and subjects)
MAX_LINE = 1024 * 1024
#: how far a compressed file may expand: the real files shrink to a twentieth or a
#: thirtieth, and what expands beyond this is built to exhaust the reader
MAX_EXPANSION = 200
EXPANSION_SLACK = 16 * 1024 * 1024


class Bad(Exception):
    """One bad row: what kind of problem, and the message to show with its line (any
    control character from the file written as an escape, so that it prints as text)."""

    def __init__(self, kind: str, message: str) -> None:
        message = escaped(message)
        super().__init__(message)
        self.kind = kind
        self.message = message


def quoted(value: str, longest: int = 60) -> str:
    """A value from the file as a message quotes it: cut short when long."""
    return value if len(value) <= longest else value[:longest] + "…"


class VotingFile:
    """``with VotingFile(path) as src: src.header(); for line, row in src.rows(): ...``"""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.size = 0
        #: the file's size and modification time (ns) when it was opened
        self.info: os.stat_result | None = None
        self._raw: IO[bytes] | None = None
        self._stream: IO[bytes] | None = None
        self._undecodable: deque[int] = deque()
        self._line = 0
        self._reader: Iterator[list[str]] | None = None

    def __enter__(self) -> VotingFile:
        self._raw = self._plain_file()
        try:
            self._stream = self._open(self._raw)
        except BaseException:
            self._raw.close()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._stream is not None and self._stream is not self._raw:
            self._stream.close()
        if self._raw is not None:
            self._raw.close()

    def _plain_file(self) -> IO[bytes]:
        """The file opened for reading; HistoryError if it is not a plain file."""
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | \
            getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self.path, flags)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise HistoryError(not_a_file(self.path))
            if hasattr(os, "set_blocking"):
                os.set_blocking(fd, True)
        except BaseException:
            os.close(fd)
            raise
        self.info, self.size = info, info.st_size
        return os.fdopen(fd, "rb")

    def _open(self, raw: IO[bytes]) -> IO[bytes]:
        magic = raw.read(4)
        raw.seek(0)
        if magic.startswith(GZIP):
            return cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="rb"))
        if magic.startswith(ZIP):
            return self._zip_member(raw)
        return raw

    def _zip_member(self, raw: IO[bytes]) -> IO[bytes]:
        try:
            archive = zipfile.ZipFile(raw)
            files = [i for i in archive.infolist() if not i.is_dir()]
            csvs = [i for i in files if i.filename.lower().endswith(".csv")]
            chosen = csvs if csvs else files
            if len(chosen) != 1:
                raise HistoryError(
                    f"{self.path} holds {len(chosen)} {'CSV ' if csvs else ''}files; "
                    "rca reads a .zip with one CSV file in it (unpack it and import the CSV)")
            if chosen[0].flag_bits & 0x1:  # the archive's own mark of an encrypted member
                raise HistoryError(f"{self.path} is encrypted (its CSV needs a password); "
                                   "unpack it and import the CSV")
            return archive.open(chosen[0])
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError) as err:
            raise HistoryError(f"{self.path} is not a .zip file rca can read ({err})") from None

    def position(self) -> int:
        """How far into the file (in its bytes as stored) the reading has come."""
        return self._raw.tell() if self._raw is not None else 0

    def _lines(self) -> Iterator[str]:
        stream = self._stream
        assert stream is not None
        expanding = stream is not self._raw
        most, read = MAX_EXPANSION * self.size + EXPANSION_SLACK, 0
        try:
            while True:
                raw = stream.readline(MAX_LINE)
                if not raw:
                    return
                self._line += 1
                read += len(raw)
                if expanding and read > most:
                    raise HistoryError(
                        f"{self.path} expands to more than {MAX_EXPANSION} times its "
                        f"{self.size:,} bytes, which no voting file as published does; "
                        "nothing was written")
                if len(raw) == MAX_LINE and not raw.endswith(b"\n"):
                    raise HistoryError(f"{self.path}: line {self._line:,} is longer than "
                                       f"{MAX_LINE:,} bytes; is this the voting data CSV?")
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError:
                    self._undecodable.append(self._line)
                    text = raw.decode("utf-8", "replace")
                if self._line == 1:
                    text = text.removeprefix("\ufeff")
                    if "\r" in text.rstrip("\r\n"):
                        raise HistoryError(
                            f"{self.path}: its lines end with a carriage return alone (CR); "
                            "the voting file as published ends them with LF or CRLF: convert "
                            "the line ends (for instance with tr '\\r' '\\n'), then import it")
                yield text
        except (OSError, EOFError, zlib.error) as err:
            raise HistoryError(f"{self.path} cannot be read to its end ({err}): "
                               "download it again") from None

    def header(self) -> list[str]:
        self._reader = csv.reader(self._lines())
        try:
            header = next(self._reader)
        except StopIteration:
            raise HistoryError(f"{self.path} is empty") from None
        except csv.Error as err:
            raise HistoryError(f"{self.path}: its first line is not a CSV header ({err})"
                               ) from None
        if self._undecodable:
            raise HistoryError(f"{self.path}: its header is not UTF-8 text; rca reads the "
                               "file as published (UTF-8); is this the voting data CSV?")
        return header

    def rows(self) -> Iterator[tuple[int, list[str] | Bad]]:
        """Each row after the header with the line it starts on; a Bad in place of a
        row that cannot be read."""
        reader = self._reader
        assert reader is not None
        undecodable = self._undecodable
        while True:
            start = self._line + 1
            try:
                row: list[str] | Bad = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                row = Bad("unreadable CSV", f"unreadable row: {err}")
            if undecodable and undecodable[0] <= self._line:
                while undecodable and undecodable[0] <= self._line:
                    undecodable.popleft()
                row = Bad("not UTF-8", "not UTF-8 text (the file must be UTF-8, as "
                                       "published)")
            yield start, row


def not_a_file(path: Path) -> str:
    """Why a path that is not a plain file cannot be imported."""
    return (f"{path} is not a plain file (a pipe, a device or a folder): rca imports the "
            "voting file as downloaded; save it, then import the saved file")
