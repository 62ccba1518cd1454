"""Every recorded UN General Assembly vote, imported from the published voting files into
SQLite and queried.

Two files import as they are published: the UN Digital Library's voting data (record
4060887; ``.csv``, ``.csv.gz`` or a ``.zip``) and Erik Voeten's roll-call file (recognised
by its ``rcid``, ``ccode`` and ``vote`` columns). See `importer` for how an import keeps
every vote and leaves the old database alone unless it succeeds.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rca.history.importer import import_file
    from rca.history.place import default_db
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
        keys_in_order,
        over_range,
    )
    from rca.history.states import known_states, resolve_state
    from rca.history.store import open_db

#: each public name and the module that holds it; a module is imported only when one of its
#: names is first used, so that asking where the database is costs no CSV or SQLite import
_WHERE = {
    "import_file": "importer",
    **dict.fromkeys(("alignment_by", "issue_column", "mismatches", "recorded_votes", "status",
                     "un_votes"), "queries"),
    **dict.fromkeys(("DOWNLOAD", "ISSUES", "PERIODS", "WAR", "BadKind", "BadRow",
                     "HistoryError", "ImportSummary", "Mismatch", "Period", "RecordedVote",
                     "Status", "keys_in_order", "over_range"), "records"),
    **dict.fromkeys(("known_states", "resolve_state"), "states"),
    "default_db": "place", "open_db": "store",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'rca.history' has no attribute {name!r}")
    return getattr(import_module(f"rca.history.{_WHERE[name]}"), name)


__all__ = [
    "DOWNLOAD", "ISSUES", "PERIODS", "WAR", "BadKind", "BadRow", "HistoryError",
    "ImportSummary", "Mismatch", "Period", "RecordedVote", "Status", "alignment_by",
    "default_db", "import_file", "issue_column", "keys_in_order", "known_states", "mismatches",
    "open_db", "over_range", "recorded_votes", "resolve_state", "status", "un_votes",
]
