"""The commands that answer from the curated dataset: resolve, query, show."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from rca.cli import options
from rca.cli.app import app, cite, fail, listing, named

if TYPE_CHECKING:
    from rca.model import Dataset
    from rca.render.blocks import Block
    from rca.render.output import Output


def _states(ds: Dataset, names: list[str] | None, every: bool = False,
            group: str | None = None) -> list[str]:
    """The states named (``-c kaz -c uzb`` or ``-c kaz,uzb``), then those of ``group``, or
    every state; none chosen is an empty list."""
    from rca.query.names import resolve_country
    from rca.query.profile import ordered_countries, resolve_group

    chosen = [resolve_country(ds.countries, name) for name in named(names)]
    if group is not None:
        chosen += [c.iso3 for c in ordered_countries(ds, [resolve_group(ds, group)])]
    if every:
        chosen += [c.iso3 for c in ordered_countries(ds)]
    return list(dict.fromkeys(chosen))


def un_record(cells: list[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
    """The imported UN record's vote for each cell; empty when no history is imported."""
    from rca.history import default_db

    path = default_db()
    if not path.is_file():
        return {}
    from rca.history import HistoryError, open_db, un_votes

    try:
        return un_votes(open_db(path), cells)
    except HistoryError:
        return {}


def _resolutions(ds: Dataset, names: list[str] | None) -> list[str]:
    """The resolutions of repeated ``-r`` options, each of which may hold several
    (ES-11/1,ES-11/3) as ``-c`` does; a name that has a comma of its own (a vote known by
    its date, "ES-11, 2026-02-24") is read whole first."""
    from rca.query.names import UnknownName, resolve_resolution

    chosen: list[str] = []
    for name in names or []:
        try:
            chosen.append(resolve_resolution(ds.resolutions, name))
            continue
        except UnknownName:
            parts = [part.strip() for part in name.split(",") if part.strip()]
            if len(parts) < 2:
                raise
        chosen.extend(resolve_resolution(ds.resolutions, part) for part in parts)
    return list(dict.fromkeys(chosen))


def _parts(given: str | None) -> tuple[str, ...]:
    """The profile parts ``--only`` names (a unique start of each is enough), in order."""
    from rca.results import PROFILE_PARTS

    if given is None:
        return tuple(PROFILE_PARTS)
    chosen = set()
    for name in (part.strip().lower() for part in given.split(",")):
        found = [part for part in PROFILE_PARTS if part.startswith(name)] if name else []
        if len(found) != 1:
            fail(f"--only takes {', '.join(PROFILE_PARTS)} (one or more, as facts,votes); "
                 f"'{name}' is {'more than one' if found else 'not one of them'}")
        chosen.add(found[0])
    return tuple(part for part in PROFILE_PARTS if part in chosen)


@listing(app)
def country(
    out: Output, ds: Dataset,
    name: Annotated[str, typer.Argument(
        metavar="NAME", help="Name, ISO code or common alternative, in any case.",
        autocompletion=options.complete("country"))],
    only: Annotated[str | None, typer.Option(
        "--only", metavar="PARTS", help="Only these parts, comma-separated: summary, "
        "memberships, facts, votes, points, events.")] = None,
    full: Annotated[bool, typer.Option(
        "--full", help="On a terminal, every part after the summary (in the pager).")] = False,
) -> None:
    """One state's profile: memberships, profile facts, UN votes, pressure points and events.

    On a terminal it opens with the state at a glance, on one screen; --full adds every
    part (long: it opens in the pager), and --only picks parts. A pipe gets the summary and
    every part as tab-separated tables; json, csv, yaml and markdown carry every part, and
    json and yaml the summary too with --only summary.

    Examples:

      rca country kazakhstan

      rca country KG --full                # ISO alpha-2; the whole profile

      rca country "Kyrgyz Republic" --only votes,points --sources

      rca country uzb --format json
    """
    from rca.query.names import resolve_country
    from rca.query.profile import profile
    from rca.render.views import profile_view
    from rca.results import PROFILE_PARTS, profile_obj

    if only is not None and full:
        fail("--full shows every part and --only some of them: use one of the two")
    parts = _parts(only)
    if only is None and not full and out.rich:
        parts = ("summary",)
    found = profile(ds, resolve_country(ds.countries, name))
    record = un_record([(c.resolution.symbol, c.country) for c in found.votes])
    written = parts
    if out.machine and (only is None or out.fmt in ("csv", "markdown")):
        written = tuple(p for p in parts if p != "summary")  # flat formats: the parts only
    data = profile_obj(ds, found, written if out.machine else tuple(PROFILE_PARTS), record)
    brief = parts == ("summary",) and only is None
    out.show(data, lambda: profile_view(ds, found, data, parts, brief),
             title=f"rca country {found.country.name}", cite=cite(ds))


@listing(app)
def countries(out: Output, ds: Dataset) -> None:
    """The states in the dataset, one line each.

    Examples:

      rca countries

      rca countries --format csv
    """
    from rca.query.profile import ordered_countries
    from rca.render.tables import country_list_table
    from rca.results import country_obj

    rows = [country_obj(c) for c in ordered_countries(ds)]
    out.show(rows, lambda: [country_list_table(rows)], title="rca countries", cite=cite(ds))


@listing(app)
def votes(out: Output, ds: Dataset, country_names: options.Countries = None,
          every: options.AllStates = False, group: options.Group = None,
          resolution_names: options.Resolutions = None,
          uncertain: Annotated[bool, typer.Option(
              "--uncertain", help="List the uncertain votes instead, one per line: no "
              "sourced vote (?), weak sources only (*), or a doubt noted (~).")] = False,
          ) -> None:
    """UN General Assembly votes: resolutions x states, with the recorded totals.

    A vote marked * rests on weak sources only, one marked ~ is doubtful (the dataset notes
    a doubt, or other sources report otherwise); ? means the dataset has no sourced vote.
    --uncertain lists each of those, with why, its sources and what each is worth, and the
    UN file's vote where one is imported (rca history import).

    Examples:

      rca votes

      rca votes --country kazakhstan --country uzbekistan

      rca votes --resolution ES-11/1 --resolution 68/262 --sources

      rca votes --format json              # one object per known vote

      rca votes --uncertain -c turkmenistan
    """
    from rca.query.profile import ordered_countries, vote_matrix
    from rca.render.tables import vote_matrix_table
    from rca.results import VoteRow, vote_obj

    chosen = _states(ds, country_names, every, group) or [
        c.iso3 for c in ordered_countries(ds, ("central-asia", "russia"))]
    if uncertain:
        return _uncertain(out, ds, chosen, _resolutions(ds, resolution_names))
    rows = vote_matrix(ds, chosen, _resolutions(ds, resolution_names))
    record = un_record([(c.resolution.symbol, c.country) for _r, cs in rows for c in cs])
    data = [vote_obj(ds, cell, record) for _r, cells in rows for cell in cells if cell.vote]
    out.show(data, lambda: [vote_matrix_table(ds, chosen, rows, out.footnotes_on, record)],
             fields=VoteRow.names(), title="rca votes", cite=cite(ds))


def _uncertain(out: Output, ds: Dataset, states: list[str], resolutions: list[str]) -> None:
    from rca.query.votes import uncertain_votes
    from rca.render.tables import uncertain_table
    from rca.results import UncertainRow, uncertain_obj

    found = uncertain_votes(ds, states, resolutions)
    record = un_record([(u.cell.resolution.symbol, u.cell.country) for u in found])
    data = [uncertain_obj(ds, u, record.get((u.cell.resolution.symbol, u.cell.country)))
            for u in found]
    out.show(data, lambda: [uncertain_table(data, bool(record))], fields=UncertainRow.names(),
             title="rca votes --uncertain", cite=cite(ds))


@listing(app)
def themes(
    out: Output, ds: Dataset,
    theme: Annotated[str | None, typer.Argument(
        metavar="[THEME]", help="A theme, e.g. security, economic, societal.",
        autocompletion=options.complete("theme"))] = None,
    country_names: options.Countries = None, group: options.Group = None,
) -> None:
    """The themes and how many pressure points each has; with THEME, its points under a
    heading per state, each in date order, then the region-wide ones.

    A pressure point is any record of a theme: a fact, an event, an assessment or a
    scenario. With --country or --group, only the points that concern those states
    (region-wide points stay in, and are counted), under the states asked for first: the
    count `rca country` shows per theme is the number `rca themes THEME -c STATE` lists.

    Examples:

      rca themes

      rca themes security

      rca themes econ --sources            # a unique start of a theme is enough

      rca themes security -c tajikistan

      rca themes societal --format markdown
    """
    from rca.query.names import resolve_theme
    from rca.query.profile import theme_counts, theme_points
    from rca.render.tables import theme_count_table
    from rca.render.views import theme_view
    from rca.results import RecordRow, record_obj, theme_count_obj

    states = _states(ds, country_names, group=group)
    if theme is None:
        counts = [theme_count_obj(count) for count in theme_counts(ds, states)]
        out.show(counts, lambda: [theme_count_table(counts)], title="rca themes")
        return
    chosen = ds.themes[resolve_theme(ds.themes, theme)]
    by_state, region = theme_points(ds, chosen.id, states)
    rows = [record_obj(r) for r in by_state + region]
    out.show(rows, lambda: theme_view(ds, chosen, by_state, region, states),
             fields=RecordRow.names(), title=f"rca themes {chosen.id}", cite=cite(ds))


@listing(app, "sources")
def sources_command(
    out: Output, ds: Dataset,
    source_id: Annotated[str | None, typer.Argument(
        metavar="[ID]", help="A source id, or a unique start of one.",
        autocompletion=options.complete("source"))] = None,
) -> None:
    """The bibliography; with ID, one source and everything in the dataset that cites it.

    Examples:

      rca sources

      rca sources commentary

      rca sources iwpr-year                # a unique start of an id is enough

      rca sources --format csv > sources.csv
    """
    from rca.query.names import resolve_source
    from rca.query.sources import citation_counts, cited_by
    from rca.render.tables import source_list_table
    from rca.render.views import source_view
    from rca.results import source_answer, source_obj

    if source_id is None:
        counts = citation_counts(ds)
        rows = [source_obj(s, counts.get(s.id, 0)) for s in sorted(ds.sources.values())]
        out.show(rows, lambda: [source_list_table(rows)], title="rca sources")
        return
    chosen = ds.sources[resolve_source(ds.sources, source_id)]
    data = source_answer(chosen, cited_by(ds, chosen.id))
    out.show(data, lambda: source_view(chosen, data),
             title=f"rca sources {chosen.id}")


@listing(app)
def alignment(out: Output, ds: Dataset, against_name: options.Against = "RUS",
              country_names: options.Countries = None, group: options.Group = None,
              resolution_names: options.Resolutions = None,
              per_state: Annotated[bool, typer.Option(
                  "--per-state", help="Measure each state on its own resolutions (those on "
                  "which it and the other state have a sourced vote) instead of on the "
                  "resolutions all the states shown have one on.")] = False) -> None:
    """How closely each state's UN General Assembly votes match Russia's, or another
    state's.

    By default every state is measured on the same resolutions, those on which all the
    states shown and the other state have a sourced vote, so that the ranking compares like
    with like; --per-state counts each state's own. A figure on fewer than 10 votes (or a
    coincidence on fewer than 5 Y/N pairs) is marked "few" (json: few_votes).

    Over the resolutions where both voted Y, N or A: agreement is the share of identical
    votes; the index of agreement also counts half for each resolution where exactly one of
    the two abstained. Sorted by index. Voting coincidence, as the US State Department
    reports it, is the share of identical votes where both voted Y or N.

    Examples:

      rca alignment

      rca alignment --against USA --country kazakhstan --country uzbekistan

      rca alignment -r ES-11/1 -r ES-11/4 -r ES-11/6 --format json

      rca alignment -g central-asia --per-state
    """
    from rca.query.names import resolve_country
    from rca.query.votes import alignment as align
    from rca.render.tables import alignment_table
    from rca.results import AlignmentRow, alignment_obj

    against = resolve_country(ds.countries, against_name)
    from rca.query.profile import ordered_countries, ordered_resolutions
    from rca.query.votes import common_resolutions

    states = _states(ds, country_names, group=group) or [
        c.iso3 for c in ordered_countries(ds) if c.iso3 != against]
    asked = _resolutions(ds, resolution_names) or [r.symbol for r in ordered_resolutions(ds)]
    base = "own" if per_state else "common"
    found = align(ds, against, states, asked, common=not per_state)
    counted = len(common_resolutions(ds, [against, *states], asked) if not per_state
                  else asked)
    rows = [alignment_obj(ds, a, base) for a in found]
    out.show(rows, lambda: [alignment_table(ds, rows, against, base, counted)],
             fields=AlignmentRow.names(), title="rca alignment")


@listing(app)
def compare(
    out: Output, ds: Dataset,
    names: Annotated[list[str] | None, typer.Argument(
        metavar="[STATE STATE...]", help="Two or more states (or --group, --all).",
        autocompletion=options.complete("country"), show_default=False)] = None,
    every: options.AllStates = False, group: options.Group = None,
) -> None:
    """States side by side: memberships, profile facts, votes, pressure points per theme.

    Rows where the states differ are marked with ≠. --group central-asia compares the five.

    Examples:

      rca compare kazakhstan uzbekistan

      rca compare kg tj tm --format csv

      rca compare --group central-asia
    """
    from rca.query.compare import compare as side_by_side
    from rca.render.views import comparison_view
    from rca.results import comparison_obj

    states = _states(ds, names, every, group)
    if len(states) < 2:
        fail("compare needs at least two different states, e.g. rca compare kaz uzb")
    found = side_by_side(ds, states)
    data = comparison_obj(ds, found, un_record([(symbol, iso3) for symbol, row in
                                                found.votes.items() for iso3 in row]))
    out.show(data, lambda: comparison_view(ds, found, data),
             title="rca compare " + " ".join(states))


def _kinds(given: list[str] | None) -> tuple[str, ...]:
    """The timeline kinds of repeated ``--kind`` options, each of which may hold several
    (event,vote); a unique start of a kind, or its plural, is enough."""
    from rca.query.timeline import KINDS

    names = [part.strip().lower() for name in given or [] for part in name.split(",")]
    if given is None:
        return KINDS
    chosen = set()
    for name in names:
        found = [k for k in KINDS if k.startswith(name) or k + "s" == name] if name else []
        if len(found) != 1:
            fail(f"--kind takes {', '.join(KINDS)} (one or more, as event,membership); "
                 f"'{name}' is {'more than one' if found else 'not one of them'}")
        chosen.add(found[0])
    return tuple(k for k in KINDS if k in chosen)


@listing(app)
def timeline(out: Output, ds: Dataset, country_names: options.Countries = None,
             group: options.Group = None, theme_names: options.Themes = None,
             since: options.Since = None, until: options.Until = None,
             kind_names: Annotated[list[str] | None, typer.Option(
                 "--kind", "-k", metavar="KIND", help="Only this kind: event, fact, "
                 "membership or vote; repeat it, or give several as event,membership "
                 "(default: every kind).")] = None) -> None:
    """The dated record in date order: events, dated facts, memberships and UN votes.

    Each line says its kind. A fact is on it when its date names a month or a day (the
    201st base agreement of 5 October 2012); a fact dated only by a year is left out, as
    that year says when a figure or a standing was reported, not when something happened
    (rca themes and rca search list those). A membership is on it on the day the state
    took up its standing: joined, founding member, associate, observer or suspended.

    A date given as a year or a month comes before the days inside it. Region-wide events
    and facts stay in when you choose states; votes are shown for the chosen states
    (default: the five and Russia). With --theme, votes appear only under diplomatic, and
    memberships, which have no theme, not at all.

    Examples:

      rca timeline --from 2022 --to 2022-12

      rca timeline --to 2013 --kind membership,fact

      rca timeline --country tajikistan --theme security

      rca timeline --from 2022-09 --format json
    """
    from rca.query.names import resolve_theme
    from rca.query.profile import ordered_countries
    from rca.query.timeline import kinds_looked_for
    from rca.query.timeline import timeline as in_order
    from rca.render.views import timeline_view
    from rca.results import MomentRow, moment_obj
    from rca.text import timeline_wanted

    states = _states(ds, country_names, group=group)
    chosen = [resolve_theme(ds.themes, n) for n in theme_names or []]
    kinds = _kinds(kind_names)
    voters = states or [c.iso3 for c in ordered_countries(ds, ("central-asia", "russia"))]
    found = in_order(ds, states, chosen, since or "", until or "", voters, kinds)
    record = un_record([(m.resolution.symbol, v.country) for m in found if m.resolution
                        for v in m.votes])
    rows = [moment_obj(ds, m, record) for m in found]
    empty = ""
    if not rows and not out.machine:
        every = in_order(ds, states, chosen, "", "", voters, kinds) if since or until else []
        empty = timeline_wanted(kinds_looked_for(kinds, chosen), since or "", until or "",
                                states, chosen, (every[0].date, every[-1].date)
                                if every else None)
    out.show(rows, lambda: timeline_view(rows, empty), fields=MomentRow.names(),
             title="rca timeline", cite=cite(ds))


@listing(app)
def search(
    out: Output, ds: Dataset,
    text: Annotated[list[str], typer.Argument(metavar="WORDS...", help="Words to look for.")],
    country_names: options.Countries = None, group: options.Group = None,
) -> None:
    """Everything in the dataset that has all the words, best match first.

    Records of every kind, resolutions (title, symbol, subject), the notes of votes and
    memberships, sources (title, publisher), states, organisations, themes and the
    outlook's signposts. Case, accents and British or American spelling do not matter, a
    word's start is enough, and a state's name in another spelling or script finds the
    state (Kazakstan, Казахстан).

    With --country or --group, only what concerns those states (region-wide records and the
    resolutions stay in; sources and themes go).

    Examples:

      rca search remittances

      rca search csto armenia

      rca search mobilization -c kaz

      rca search "human rights council" --format json
    """
    from rca.query.search import MOST_WORDS, parse, suggestions
    from rca.query.search import alone as found_alone
    from rca.query.search import search as find
    from rca.render.views import search_view
    from rca.results import HitRow, hit_obj

    wanted = " ".join(text)
    if len(wanted.split()) > MOST_WORDS:
        fail(f"a search takes at most {MOST_WORDS} words; this one has "
             f"{len(wanted.split()):,}")
    query = parse(ds, wanted)
    if not query.groups:
        fail("give at least one word with a letter or digit in it, e.g. rca search csto")
    states = _states(ds, country_names, group=group)
    hits = find(ds, wanted)
    rows = [hit_obj(hit) for hit in hits if hit.concerns(states)]

    def view() -> list[Block]:
        close = alone = None
        if not hits:
            close = suggestions(ds, query)
            alone = found_alone(ds, query) if not close else None
        return search_view(ds, rows, wanted, query, len(hits), close, alone)

    out.show(rows, view, fields=HitRow.names(), title=f"rca search {wanted}", cite=cite(ds))


@listing(app)
def outlook(out: Output, ds: Dataset, country_names: options.Countries = None,
            group: options.Group = None) -> None:
    """The commentary's two scenarios, what they build on, and the signposts to watch.

    With --country or --group, only what builds on or signals for those states
    (region-wide records stay in).

    Examples:

      rca outlook

      rca outlook -c kazakhstan

      rca outlook --sources

      rca outlook --format json
    """
    from rca.render.views import outlook_view
    from rca.results import scenario_obj

    states = _states(ds, country_names, group=group)
    rows = [scenario_obj(ds, r, states) for r in ds.records if r.kind == "scenario"]
    out.show(rows, lambda: outlook_view(ds, rows), title="rca outlook", cite=cite(ds))



@listing(app)
def resolutions(
    out: Output, ds: Dataset,
    symbol: Annotated[str | None, typer.Argument(
        metavar="[SYMBOL]", help="One resolution: its symbol, draft symbol or date.",
        autocompletion=options.complete("resolution"))] = None,
) -> None:
    """The UN General Assembly resolutions in the dataset, with the UN's own record of each.

    Date, title, recorded totals, draft, meeting, and links to the UN Digital Library record,
    the document and the UN press release. A symbol no source confirms is marked so.

    Examples:

      rca resolutions

      rca resolutions ES-11/9

      rca resolutions 2026-02-24 --format json
    """
    from rca.query.profile import ordered_resolutions
    from rca.render.tables import resolution_table
    from rca.results import resolution_obj

    chosen = set(_resolutions(ds, [symbol] if symbol else None))
    rows = [resolution_obj(r) for r in ordered_resolutions(ds)
            if not chosen or r.symbol in chosen]
    out.show(rows, lambda: [resolution_table(rows)], title="rca resolutions", cite=cite(ds))
