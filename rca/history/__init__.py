"""Every recorded UN General Assembly vote, imported from the published voting files into
SQLite and queried.

Two files import as they are published: the UN Digital Library's voting data (record
4060887; ``.csv``, ``.csv.gz`` or a ``.zip``) and Erik Voeten's roll-call file (recognised
by its ``rcid``, ``ccode`` and ``vote`` columns). See `importer` for how an import keeps
every vote and leaves the old database alone unless it succeeds.
"""

from rca.history.importer import import_file
from rca.history.queries import (
    alignment_by,
    issue_column,
    mismatches,
    recorded_votes,
    status,
    un_votes,
)
from rca.history.records import (
    DOWNLOAD,
    ISSUES,
    PERIODS,
    WAR,
    BadKind,
    BadRow,
    HistoryError,
    ImportSummary,
    Mismatch,
    Period,
    RecordedVote,
    Status,
)
from rca.history.states import known_states, resolve_state
from rca.history.store import default_db, open_db

__all__ = [
    "DOWNLOAD", "ISSUES", "PERIODS", "WAR", "BadKind", "BadRow", "HistoryError",
    "ImportSummary", "Mismatch", "Period", "RecordedVote", "Status", "alignment_by",
    "default_db", "import_file", "issue_column", "known_states", "mismatches", "open_db",
    "recorded_votes", "resolve_state", "status", "un_votes",
]
