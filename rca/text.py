"""The one gate for text from outside: data files, voting files, paths and arguments.

Whatever a format, a message or a terminal shows passes through here on its way out:

- `clean` leaves out every character that moves the cursor, changes the terminal, reorders
  the text or hides in it (C0 and C1 controls, DEL, the bidirectional marks, embeddings
  and isolates, zero-width and other invisible format characters, the byte-order mark); a
  tab becomes a space, and a line break (also U+2028 and U+2029) a space or a newline;
- `escaped` writes the same characters as escapes (``\\x1b``), for messages;
- `spreadsheet_safe` defuses a csv or tsv cell that a spreadsheet would run as a formula;
- `markdown_safe` makes a cell of a markdown table plain text (no HTML, no links);
- `cut` shortens what a message repeats.
"""

from __future__ import annotations

import re
from typing import Any

#: what is never written raw: the C0 controls but tab and line feed, DEL, the C1
#: controls, the Arabic letter mark, the Mongolian vowel separator, zero-width spaces and
#: joiners, the left-to-right and right-to-left marks, the bidirectional embeddings,
#: overrides and isolates, the invisible operators, the byte-order mark and the
#: interlinear annotation characters, and the two code points that are not characters
UNSAFE = ("\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e"
          "\u2060-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff")
#: line and paragraph separators: a line break to every reader that splits lines
SEPARATORS = "\u2028\u2029"
#: a pattern for one character that a text may not hold (tab and line feed are allowed)
UNSAFE_CHARACTER = re.compile(f"[{UNSAFE}{SEPARATORS}]")

_REMOVED = re.compile(f"[{UNSAFE}]")
_BREAKS = re.compile(f"\r\n|[\r\n{SEPARATORS}]")
_ESCAPED = re.compile(f"[\t\n{UNSAFE}{SEPARATORS}]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}

#: how much of a long argument or value a message repeats
ECHOED = 60


def clean(text: str, keep_newlines: bool = False) -> str:
    """``text`` without the unsafe characters: a tab becomes a space, and so does a line
    break unless ``keep_newlines`` (then every kind of line break is a newline)."""
    text = _BREAKS.sub("\n" if keep_newlines else " ", text)
    return _REMOVED.sub("", text).replace("\t", " ")


def cleaned(value: Any, keep_newlines: bool = True) -> Any:
    """A plain value (texts, numbers, lists, mappings) with every text cleaned, keys too."""
    if isinstance(value, str):
        return clean(value, keep_newlines)
    if isinstance(value, dict):
        return {clean(str(key)) if isinstance(key, str) else key:
                cleaned(item, keep_newlines) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [cleaned(item, keep_newlines) for item in value]
    return value


def escaped(text: str) -> str:
    """``text`` with every unsafe character, tab and line break written as an escape, so
    that it prints on one line and a terminal does nothing with it."""
    def escape(match: re.Match[str]) -> str:
        char = match.group()
        code = ord(char)
        return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")

    return _ESCAPED.sub(escape, text)


def cut(text: str, longest: int = ECHOED) -> str:
    """``text`` as a message repeats it: at most ``longest`` characters, then "…"."""
    return text if len(text) <= longest else text[:longest] + "…"


#: a cell that is a number (a negative one starts with "-", and stays as it is)
_NUMBER = re.compile(r"[-+]?(\d[\d,]*)?(\.\d+)?([eE][-+]?\d+)?%?")
#: what makes a spreadsheet read a cell as a formula
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_safe(text: str) -> str:
    """A csv or tsv cell that no spreadsheet runs: a cell that starts as a formula would
    (``=``, ``+``, ``-``, ``@``) and is not a plain number gets a leading apostrophe."""
    if text.startswith(_FORMULA_START) and len(text) > 1 and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


_MARKDOWN = {"\\": "\\\\", "|": "\\|", "<": "&lt;", ">": "&gt;", "&": "&amp;",
             "[": "\\[", "]": "\\]", "`": "\\`"}
_MARKDOWN_CHARACTER = re.compile(r"[\\|<>&\[\]`]")


def markdown_safe(text: str) -> str:
    """A cell of a markdown table that renders as the text it is: no HTML, no link, no
    code span; line breaks are ``<br>``, the one tag rca writes."""
    text = _MARKDOWN_CHARACTER.sub(lambda m: _MARKDOWN[m.group()], clean(text, True))
    return text.replace("\n", "<br>")
