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

The text a reader sees is written here too: figures in words, citations, state lists, vote
marks and legends, so that every command and format says a thing the same way.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from rca.model import REGION, Dataset, Source

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from rca.model import Record

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

UNKNOWN = "?"
#: the mark on a vote that rests on weak sources only
WEAK = "*"
#: the mark on a vote the dataset records a doubt about (a note, or a contested report)
DOUBT = "~"
VOTE_STYLES = {
    "Y": "bold green", "N": "bold red", "A": "yellow", "NV": "dim", UNKNOWN: "dim italic",
}
#: what the vote codes and their marks mean: the one legend of every table of votes (two
#: lines, each of which fits 80 columns)
LEGEND = (
    f"Y yes · N no · A abstain · NV did not vote · {WEAK} weak sources only · {DOUBT} doubtful"
    f"\n{UNKNOWN} no sourced vote in the dataset (rca history check compares with the UN file)"
)
#: what the column of differences in `rca compare` means
COMPARE_LEGEND = (
    "≠ in Differs: the states differ · ? in Differs: a value is not in the dataset (not "
    "counted as a difference)"
)
#: what the marks of the imported UN file mean, wherever a vote is drawn beside it
RECORD_LEGEND = (
    "✓ the imported UN file agrees · A≠Y the file says Y · (Y) the file's vote where the "
    "dataset has none (rca history check lists them)"
)
#: the words a state's name keeps in lower case inside it (Bosnia and Herzegovina)
_SMALL_WORDS = {"and", "of", "the", "de", "da", "del", "du", "la", "le"}


def name_case(name: str) -> str:
    """A state's name as a voting file writes it in capitals, as a reader writes it:
    'LAO PEOPLE'S DEMOCRATIC REPUBLIC' -> "Lao People's Democratic Republic",
    "CÔTE D'IVOIRE" -> "Côte d'Ivoire" (with either apostrophe)."""
    words = re.split(r"(\s+|[-()])", name.lower())
    first = next((k for k, w in enumerate(words) if w.strip() and w not in "-()"), -1)

    def word(k: int, w: str) -> str:
        if not w.strip() or w in "-()":
            return w
        if k != first and w in _SMALL_WORDS:
            return w
        if len(w) > 2 and w[1] in "'\u2019" and w[0].isalpha():  # d'Ivoire
            rest = w[:2] + w[2:3].upper() + w[3:]
            return rest[:1].upper() + rest[1:] if k == first else rest
        return w[:1].upper() + w[1:]

    return "".join(word(k, w) for k, w in enumerate(words))


LOW = "low confidence"
LOW_LEGEND = (
    f"{LOW}: a weak source (a wiki copy, an aggregator), or a claim other sources contradict"
)


#: what holds a figure to its unit on a terminal, which may wrap the line between words
NBSP = "\u00a0"


def unit_text(unit: str) -> str:
    """A unit as a reader sees it: percent as %, so '45 % of GDP'."""
    return "%" + unit[len("percent"):] if unit.split(" ")[0] == "percent" else unit


def figure_text(value: Any, unit: str, as_of: str, note: str = "", wording: str = "",
                measures: str = "") -> str:
    """A figure in words: death toll: 238 deaths (as of 2022-12; note): 'the source's
    words'."""
    text = f"{value:,} {unit_text(unit)} (as of {as_of}" + (f"; {note})" if note else ")")
    text = f"{measures}: {text}" if measures else text
    return f"{text}: '{wording}'" if wording else text


def figure_obj_text(figure: Mapping[str, Any]) -> str:
    return figure_text(figure["value"], figure["unit"], figure["as_of"],
                       figure.get("note") or "", figure.get("wording") or "",
                       figure.get("measures") or "")


def key_figure(value: Any, unit: str, as_of: str, measures: str = "") -> str:
    """A figure in a line of a summary: what it measures, the number with its unit (never
    parted: they are joined by non-breaking spaces, and the number to the last word of what
    it measures), its date."""
    amount = f"{value:,} {unit_text(unit)}".replace(" ", NBSP)
    return (f"{measures}:{NBSP}" if measures else "") + f"{amount} ({as_of})"


def key_figure_text(figure: Mapping[str, Any]) -> str:
    return key_figure(figure["value"], figure["unit"], figure["as_of"],
                      figure.get("measures") or "")


def source_label(source: Source) -> str:
    """The title, or the description in brackets where the work has no known title."""
    return source.title or f"[{source.description}]"


def date_label(source: Source) -> str:
    if not source.date:
        return "n.d."
    return f"{source.date} (estimated)" if source.date_estimated else source.date


def citation(source: Source) -> str:
    """A reference-list entry: who, what, when, where."""
    who = ", ".join(part for part in (source.author, source.publisher) if part)
    parts = [part for part in (who, source_label(source), date_label(source), source.url)
             if part]
    text = " ".join(part if part.endswith(".") else f"{part}." for part in parts)
    return f"{text} ({source.note})" if source.note else text


def countries_label(ds: Dataset, codes: Any) -> str:
    """'KAZ', 'KGZ, TJK', 'all five' or 'region'."""
    if codes == REGION or tuple(codes) == (REGION,):
        return "region"
    five = {c.iso3 for c in ds.countries.values() if c.group == "central-asia"}
    if set(codes) == five and len(five) > 1:
        return "all five"
    return ", ".join(codes)


def vote_text(code: str | None, weak: bool, doubtful: bool = False) -> str:
    """A vote as a table shows it: its code (? unknown), then its marks."""
    return (code or UNKNOWN) + (WEAK if weak else "") + (DOUBT if doubtful else "")


def plural(count: int, word: str, words: str = "") -> str:
    return f"{count:,} {word if count == 1 else (words or word + 's')}"


def dataset_summary(ds: Dataset) -> str:
    facts = sum(1 for r in ds.records if r.kind == "fact")
    return (f"{len(ds.sources)} sources, {len(ds.countries)} states, "
            f"{len(ds.organisations)} organisations, {len(ds.memberships)} memberships, "
            f"{len(ds.resolutions)} resolutions, {len(ds.votes)} votes, {len(ds.themes)} themes, "
            f"{len(ds.records)} records ({facts} facts)")


def yes_no_abstain(counts: Sequence[int | None]) -> str:
    """Yes, no and abstentions as ``100-11-58``; ``?`` for a figure not known."""
    return "-".join("?" if n is None else str(n) for n in counts[:3])


def check_verdict(counts: dict[str, int], first: str, last: str) -> str:
    """The one line that ends ``rca history check``."""
    return (f"{plural(counts['curated'], 'curated vote')}: {counts['confirmed']:,} confirmed "
            f"by the UN file, {counts['contradicted']:,} contradicted, "
            f"{counts['missing from the record']:,} not in it (the file runs from {first} to "
            f"{last}); {plural(counts['only in the record'], 'vote')} only in the file")


#: the mark on a vote the imported UN record confirms
CONFIRMED = "✓"


def with_record(text: str, style: str, vote: str | None,
                theirs: str | None) -> tuple[str, str]:
    """A vote as shown, with the imported UN record's word on it: ✓ where it agrees, ≠ and
    its vote where it differs, its vote in brackets where the dataset has none."""
    if theirs and vote is not None and theirs == vote:
        return text + CONFIRMED, style
    if theirs and vote is None:
        return f"({theirs})", "dim"
    if theirs:
        return f"{text}≠{theirs}", "bold yellow"
    return text, style


def marks_legend(rows: Sequence[Mapping[str, Any]]) -> str:
    """What the marks in the kind column mean, for the marks the records carry."""
    parts = []
    if any(r.get("by") for r in rows):
        parts.append("by …: whose judgement it is")
    if any(r.get("contested") for r in rows):
        parts.append("contested: other sources dispute it (what they say is under Contested, "
                     "or with the record: rca search ID)")
    if any(r.get("confidence") == "low" for r in rows):
        parts.append(LOW_LEGEND)
    return " · ".join(parts)


def legend_for(records: Iterable[str | None]) -> str:
    """The vote legend, with the UN file's marks where any vote shown has the file's."""
    return LEGEND + (f"\n{RECORD_LEGEND}" if any(records) else "")


#: what the reasons of `rca votes --uncertain` mean
UNCERTAIN_LEGEND = ("unknown: no sourced vote in the dataset · weak: it rests only on weak "
                    "sources · doubtful: a doubt is noted, or other sources report otherwise")


#: the most doubtful votes a terminal gives the notes of below the matrix; beyond, it names
#: them on one line and `rca votes --uncertain` gives the notes
NOTES_SHOWN = 2


def doubts_shown(doubted: list[str], notes: list[str]) -> list[str]:
    if len(doubted) <= NOTES_SHOWN:
        return [f"{DOUBT} {note}" for note in notes]
    return [f"{DOUBT} doubtful: {', '.join(doubted)}; rca votes --uncertain gives the notes "
            "and the sources"]


def shown_code(row: Mapping[str, Any]) -> str:
    """A row's resolution as tables show it: ES-11/1, 68/262."""
    return str(row["resolution"]).removeprefix("A/RES/")


#: the width of the index bar on a terminal
BAR = 15


def ratio_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.4f}"


def bar(value: float | None, width: int = BAR) -> str:
    """A value from 0 to 1 as a bar of ``width`` cells; nothing where there is no value."""
    if value is None:
        return ""
    filled = round(value * width)
    return "█" * filled + "░" * (width - filled)


#: what the figures of `rca alignment` mean
ALIGNMENT_LEGEND = (
    "Index: (identical votes + half of those where one side abstained) / n. Agreement: "
    "identical votes / n. n: both voted Y, N or A; NV: either did not vote; Unknown: no "
    "sourced vote. Coincidence: identical votes / Y/N, where both voted Y or N (as in the "
    "US State Department's Voting Practices in the United Nations). few: under 10 votes, "
    "or a coincidence on under 5 Y/N pairs. –: nothing to count."
)
#: which resolutions an alignment counted, for its caption
ALIGNMENT_BASES = {
    "common": "All measured on the same {count}, those on which every state shown and "
              "{against} have a sourced vote (--per-state: each state's own).",
    "own": "Each state measured on the resolutions on which it and {against} have a "
           "sourced vote: n differs from state to state.",
}
#: where an alignment's caption sends a reader for the long view
ALIGNMENT_LONG_VIEW = "Thirty years of votes: rca history alignment."


def fact_marks(contested: bool, confidence: str | None) -> list[str]:
    """What a fact shown in a few words is marked with: contested, low confidence."""
    return [mark for mark, on in (("contested", contested), (LOW, confidence == "low")) if on]


def fact_summary(record: Record, ids: bool = True) -> str:
    """A profile fact in a few words: its figures (or its id), with its marks; without
    ``ids``, the figures alone with their dates."""
    marks = fact_marks(bool(record.contested), record.confidence)
    if not ids:
        text = "; ".join(key_figure(f.number, f.unit, f.as_of, f.measures)
                         for f in record.figures)
        return (text or record.id) + (f" ({', '.join(marks)})" if marks else "")
    text = "; ".join(figure_text(f.number, f.unit, f.as_of, f.note, f.wording, f.measures)
                     for f in record.figures)
    text = f"{text} [{record.id}]" if text else record.id
    return f"{text} ({', '.join(marks)})" if marks else text


#: a sparkline's marks, from 0 to 1
SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float | None]) -> str:
    """One character per value from 0 to 1; a space where there is nothing to count."""
    return "".join(" " if v is None else SPARKS[round(v * (len(SPARKS) - 1))] for v in values)


#: what the figures of `rca history compare` mean
FIGURES_LEGEND = (
    "Agreement: identical votes / n. Index: (identical votes + half of those where one side "
    "abstained) / n. n: roll calls where both voted Y, N or A. Coincidence: identical votes "
    "/ Y/N, the roll calls where both voted Y or N (the US State Department's voting "
    "coincidence). NV: roll calls where either side did not vote. – : nothing to count."
)


#: how `rca history compare` takes a bloc's position
BLOC_RULE = (
    "A bloc's position on a roll call is the one more of its members voting that day took "
    "than any other; a tie makes it A (abstain); when more of its members did not vote than "
    "voted, it is NV. A member counts from its 'since' day and before its 'until' day."
)


def side_label(side: Any) -> str:
    """A side of a history comparison (`rca.history.compare.Side`) as its heading names it."""
    if not side.bloc:
        return f"{side.title} ({side.name})" if side.title else str(side.name)
    label: str = side.title if side.title and side.title != side.name else side.name
    return label + (f" without {side.without}" if side.without else "")


#: how an empty timeline names each kind it looked for
KIND_NAMES = {"event": "events", "fact": "facts dated to the month or day",
              "membership": "membership changes", "vote": "UN votes"}


def timeline_wanted(kinds: tuple[str, ...], since: str, until: str, states: list[str],
                    themes: list[str], widest: tuple[str, str] | None) -> str:
    """What an empty timeline looked for (the kinds, the range, the states, the themes),
    and the widest range in which the same choices find something."""
    if not kinds:
        return ("Nothing to look for: a membership has no theme, and votes appear only "
                "under the theme diplomatic.")
    names = [KIND_NAMES[k] for k in kinds]
    looked = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
    span = (f"from {since} to {until}" if since and until else f"from {since} on" if since
            else f"up to {until}" if until else "at any date")
    said = f"The dataset has no {looked} {span}"
    if states:
        said += f" concerning {', '.join(states)}"
    if themes:
        said += f" in the theme{'s' if len(themes) > 1 else ''} {', '.join(themes)}"
    said += "."
    if widest is not None:
        first, last = widest
        return said + (f" With the same choices the dated items run from {first} to {last}: "
                       f"try --from {first} --to {last}.")
    if states or themes:
        return said + " Fewer --country, --theme or --kind choices find more."
    return said
