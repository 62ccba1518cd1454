"""The states of the imported file: their latest names, and finding one by code or name."""

from __future__ import annotations

import difflib
import sqlite3

from rca.history.queries import reading
from rca.query.names import UnknownName, normalise
from rca.text import name_case


def known_states(db: sqlite3.Connection) -> dict[str, str]:
    """Code -> the name the file gives it on its latest vote (RUS: the Russian Federation's
    name, not the USSR's); an empty name where the file has none."""
    with reading(db):
        return dict(db.execute("SELECT code, name FROM states ORDER BY code").fetchall())


def resolve_state(db: sqlite3.Connection, given: str) -> str:
    """The code of the state ``given`` names: a code of the file, or any name the file
    gives it (case, accents and punctuation aside), or the unique start of a name.

    Raises rca.query.names.UnknownName("state", ...) with the nearest names as suggestions.
    """
    latest = known_states(db)
    with reading(db):
        names = db.execute("SELECT code, name FROM state_names "
                           "ORDER BY last_date DESC").fetchall()
    index: dict[str, str] = {}
    for code in latest:
        index[normalise(code)] = code
    for code, name in [*latest.items(), *names]:
        if name:
            index.setdefault(normalise(name), code)
    key = normalise(given)
    if key in index:
        return index[key]
    shown = {code: f"{name_case(name)} ({code})" if name else code
             for code, name in latest.items()}
    starts = sorted({code for name, code in index.items() if key and name.startswith(key)})
    if len(starts) == 1 and len(key) >= 3:
        return starts[0]
    # a ratio of 0.6 needs the longer text at most 7/3 times the shorter
    close = difflib.get_close_matches(key, [n for n in index if 3 * len(key) <= 7 * len(n)],
                                      n=8, cutoff=0.6)
    chosen = starts or list(dict.fromkeys(index[name] for name in close))
    suggestions = [shown[code] for code in chosen]
    raise UnknownName("state", given, suggestions[:5], sorted(shown.values()),
                      ambiguous=len(starts) > 1, more=len(suggestions) > 5)
