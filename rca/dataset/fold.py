"""Folding names for comparison: what a user types and what a data file says compare equal
when they differ only in case, accents, punctuation or spacing.

Letters of every script are kept (``Россия``, ``Қазақстан``, ``中国`` are names like any
other); only what is not a letter or a digit goes.
"""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Fold case, accents, punctuation and spacing so that variants compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", bare.casefold()).strip()
