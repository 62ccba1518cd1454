"""Where the history database lives by default: a path only, so that asking costs no
import of SQLite (the dataset's commands ask, to show the UN record beside their votes)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def default_db() -> Path:
    """``--db``'s default: ``RCA_HISTORY_DB``, else the platform's user data folder."""
    chosen = os.environ.get("RCA_HISTORY_DB")
    if chosen:
        return Path(chosen)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        base = Path(os.environ["LOCALAPPDATA"]) / "rca"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / "rca"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "rca"
    return base / "history.sqlite3"
