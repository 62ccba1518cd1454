"""Text a reader sees: figures in words, citations, state lists, vote marks and legends."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rca.model import REGION, Dataset, Resolution, Source

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rca.query.timeline import CastVote

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
    "≠ the states differ · ? in Differs: a value is not in the dataset (not counted as a "
    "difference)"
)
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


def figure_obj_text(figure: dict[str, Any]) -> str:
    return figure_text(figure["value"], figure["unit"], figure["as_of"],
                       figure.get("note") or "", figure.get("wording") or "",
                       figure.get("measures") or "")


def key_figure_text(figure: dict[str, Any]) -> str:
    """A figure in a line of a summary: what it measures, the number with its unit (never
    parted: they are joined by non-breaking spaces), its date."""
    amount = f"{figure['value']:,} {unit_text(figure['unit'])}".replace(" ", NBSP)
    measures = figure.get("measures")
    return (f"{measures}: " if measures else "") + f"{amount} ({figure['as_of']})"


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


def vote_sentence(resolution: Resolution, votes: tuple[CastVote, ...]) -> str:
    """A resolution and the chosen states' votes in one line, for the timeline."""
    t = resolution.totals
    cells = ", ".join(f"{v.country} {vote_text(v.code, v.weak, v.doubtful)}" for v in votes)
    text = (f"UN General Assembly {resolution.code}, {resolution.short} "
            f"(adopted {t.yes}-{t.no}-{t.abstain}): {cells}")
    doubts = [f"{v.country}: {v.note}" for v in votes if v.note]
    return text + (f" (note: {'; '.join(doubts)})" if doubts else "")


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
