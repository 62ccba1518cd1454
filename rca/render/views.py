"""Whole answers as blocks: the headings, tables and notes of each command's answer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rca.model import Dataset, Record, Source, Theme
from rca.query.profile import Profile
from rca.render import tables
from rca.render.blocks import Block, Heading, Note
from rca.results import PROFILE_PARTS, Obj, record_obj
from rca.text import citation, cut, plural

if TYPE_CHECKING:
    from rca.history import RecordedVote
    from rca.query.compare import Comparison
    from rca.query.search import Query


def profile_view(ds: Dataset, found: Profile, data: Obj, parts: tuple[str, ...],
                 brief: bool = False) -> list[Block]:
    """The heading, the profile at a glance, then the parts asked for in full; ``brief``:
    the summary alone, with how to ask for the rest."""
    c = found.country
    blocks: list[Block] = [Heading(f"{c.name} ({c.iso3} / {c.iso2})",
                                   f"{c.official_name}; capital {c.capital}")]
    more = ""
    if brief:  # the way to the rest, under the legend: the summary fits 24 lines
        counts = ", ".join(plural(len(data[PROFILE_PARTS[p]]), p.removesuffix("s"), p)
                           for p in PROFILE_PARTS if p != "summary")
        more = (f"All of it: rca country {c.iso3.lower()} --full ({counts}); "
                "some of it: --only PART,...")
    if "summary" in parts:
        blocks.append(tables.summary_table(data["summary"], more))
    elif more:
        blocks.append(Note(more))
    if "memberships" in parts:
        aka = f"also {', '.join(c.aliases)}; " if c.aliases else ""
        blocks.append(Note(f"Names: {aka}sources: {', '.join(c.sources)}"))
    blocks += tables.profile_tables(ds, data, parts)
    return blocks


def theme_view(ds: Dataset, theme: Theme, by_state: list[Record],
               region: list[Record], first: list[str] | None = None) -> list[Block]:
    """The theme's heading, a table per state (a point is listed under the first state it
    names, the states asked for ``first``), each in date order, then the region-wide
    points."""
    from rca.query.profile import by_lead_state

    blocks: list[Block] = [Heading(theme.name, theme.description)]
    for iso3, records in by_lead_state(ds, by_state, first or []).items():
        blocks.append(tables.record_table(ds, f"{ds.countries[iso3].name} ({iso3})",
                                          [record_obj(r) for r in records]))
    if region:
        blocks.append(tables.record_table(ds, "Region-wide", [record_obj(r) for r in region]))
    if not by_state and not region:
        blocks.append(Note("No points in this theme concern the states chosen."))
    return blocks


def source_view(source: Source, data: Obj) -> list[Block]:
    return [Heading(source.id, citation(source)), tables.source_table(data),
            tables.cited_by_table(data["cited_by"])]


def comparison_view(ds: Dataset, found: Comparison, data: Obj) -> list[Block]:
    heading = Heading(" / ".join(f"{ds.countries[s].name} ({s})" for s in found.countries))
    return [heading, *tables.comparison_tables(ds, found, data)]


def timeline_view(rows: Sequence[Obj], empty: str = "") -> list[Block]:
    """The timeline; with no rows, ``empty`` says what was looked for (`timeline_wanted`)."""
    blocks: list[Block] = [tables.timeline_table(rows)]
    if not rows:
        blocks.append(Note(empty or "Nothing in the dataset falls in that range."))
    return blocks


def search_view(ds: Dataset, rows: Sequence[Obj], wanted: str, query: Query, found: int,
                close: dict[str, list[str]] | None = None,
                alone: dict[str, int] | None = None) -> list[Block]:
    """The hits, then how many there are of each kind; with none, why and what is close:
    ``found`` hits before the states were chosen, ``close`` words of the dataset near each
    word that finds nothing, ``alone`` how many items each word finds by itself."""
    from rca.query.search import KIND_ORDER

    shown = cut(wanted)
    if rows:
        kinds = [row["kind"] for row in rows]
        counts = ", ".join(plural(kinds.count(k), k, "countries" if k == "country" else "")
                           for k in KIND_ORDER if k in kinds)
        verb = "matches" if len(rows) == 1 else "match"
        return [tables.search_table(ds, rows, query),
                Note(f"{plural(len(rows), 'item')} {verb} '{shown}': {counts}.")]
    if found:
        return [Note(f"Nothing that concerns the states chosen matches '{shown}' "
                     f"({plural(found, 'item')} about others do).")]
    said = [f"Nothing in the dataset matches '{shown}'."]
    missing = close or {}
    for word, near in missing.items():
        said.append(f"Close to '{cut(word)}' in the dataset: {', '.join(near)}." if near
                    else f"No word of the dataset is close to '{cut(word)}'.")
    if not missing and alone and len(alone) > 1:
        each = ", ".join(f"'{cut(word)}' {count:,}" for word, count in alone.items())
        said.append(f"Each word is found alone ({each} items), but no item has all of "
                    "them: try fewer words.")
    return [Note("\n".join(said))]


def outlook_view(ds: Dataset, rows: Sequence[Obj]) -> list[Block]:
    blocks: list[Block] = []
    for number, scenario in enumerate(rows, start=1):
        blocks.append(Heading(f"Scenario {number}: {scenario['id']}",
                              f"({scenario['kind']}, by {scenario['by']})"))
        blocks.append(tables.record_table(ds, "The scenario", [scenario]))
        if scenario["builds_on"]:
            blocks.append(tables.record_table(ds, "Builds on", scenario["builds_on"]))
        if scenario["signposts"]:
            blocks.append(tables.signpost_table(ds, scenario["signposts"]))
    if not rows:
        blocks.append(Note("The dataset holds no scenarios."))
    return blocks


def recorded_votes_view(found: list[RecordedVote], states: list[str],
                        names: dict[str, str] | None = None) -> list[Block]:
    table = tables.recorded_votes_table(found, states)
    if names:
        table.terminal_caption = " · ".join(f"{code} {names[code]}" for code in states)
    return [table, Note(f"{plural(len(found), 'resolution')}.")]
