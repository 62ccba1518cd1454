"""Check the parsed data files against the schema and each other, then build the model.

Every problem is collected, with its file and line, before anything is reported: a user
fixing a data file sees the whole list at once.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

from rca.dataset.files import (
    DATA_FILES,
    DataError,
    Problem,
    Unreadable,
    paused_gc,
    read_bounded,
    read_files,
)
from rca.dataset.fold import normalise
from rca.dataset.schema import KIND_BY_FILE, Field, Kind
from rca.dataset.yamlnodes import Map, Seq, Value, parse, parse_files
from rca.dates import check_date
from rca.model import (
    REGION,
    Country,
    Dataset,
    Figure,
    Membership,
    NativeName,
    Organisation,
    Record,
    Resolution,
    Signpost,
    Source,
    Theme,
    Totals,
    Vote,
)
from rca.text import cut

# digits are written [0-9]: \d would also take the digits of other scripts ('٢٠٢٢'), which
# int() reads but which sort and compare as other text
_PATTERNS = {
    "id": (re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z"), "lower-case words joined by hyphens"),
    "iso3": (re.compile(r"[A-Z]{3}\Z"), "three capital letters (ISO 3166-1 alpha-3)"),
    "iso2": (re.compile(r"[A-Z]{2}\Z"), "two capital letters (ISO 3166-1 alpha-2)"),
    "symbol": (re.compile(r"(A/RES/(ES-[0-9]+/[0-9]+|[0-9]+/[0-9]+)|(ES-[0-9]+|[0-9]+), "
                          r"[0-9]{4}-[0-9]{2}-[0-9]{2})\Z"),
               "a symbol such as A/RES/ES-11/1 (or, where no source gives the symbol, the "
               "session and date: 'ES-11, 2026-02-24')"),
    "claim": (re.compile(r"C[0-9]{2}\Z"), "a claim number such as C07"),
    "url": (re.compile(r"https?://\S+\Z"), "a URL starting with http:// or https://"),
}
#: the longest value a message quotes in full
SHOWN = 60


def load_dataset(folder: Path) -> Dataset:
    """Read, check and build the dataset in ``folder``; raise DataError with every problem."""
    raw, problems = read_files(folder)
    return build_dataset(folder, raw, problems)


def build_dataset(folder: Path, raw: dict[str, bytes],
                  problems: list[Problem] | None = None) -> Dataset:
    """Check and build the dataset from the bytes of its files, as read from ``folder``
    (``problems``: those met reading them); raise DataError with every problem."""
    with paused_gc():
        return _load(folder, raw, list(problems or ()))


def _finite(value: float) -> bool:
    """Whether ``value`` is a number a figure can be: not NaN, not infinite, not too large
    to be a float (an int of 400 digits reads as a number, but no figure is one)."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _shown(value: str) -> str:
    """A value as a message quotes it: cut short when long."""
    return cut(value, SHOWN)


def _load(folder: Path, raw: dict[str, bytes], problems: list[Problem]) -> Dataset:
    trees, found = parse_files(raw)
    problems.extend(found)
    checker = _Checker()
    for name in DATA_FILES:
        if name in trees:
            checker.check_file(KIND_BY_FILE[name], trees[name])
    problems.extend(checker.finish())
    if problems:
        raise DataError(sorted(problems, key=lambda p: (DATA_FILES.index(p.file)
                                                       if p.file in DATA_FILES else -1, p.line)))
    return checker.build(str(folder))


#: what a source's note says to tell why it lacks a field a citation needs
CITATION_EXCUSES = {
    "title": re.compile(r"\b(no title|untitled)\b", re.I),
    "date": re.compile(r"\b(no date|undated)\b", re.I),
    "url": re.compile(r"\b(no address|no url|printed|not online)\b", re.I),
}
_CITATION_NAMES = {"title": "a title", "date": "a date", "url": "an address"}


class CitationWarning(NamedTuple):
    """A source a reader could not cite as it stands, and what it lacks."""

    line: int
    id: str
    missing: tuple[str, ...]

    def problem(self) -> Problem:
        what = " and ".join(_CITATION_NAMES[name] for name in self.missing)
        return Problem("sources.yaml", self.line,
                       f"warning: source '{_shown(self.id)}' has no {what[what.index(' ') + 1:]}"
                       if len(self.missing) == 1 else
                       f"warning: source '{_shown(self.id)}' lacks {what}")


def citation_warnings(folder: Path) -> list[CitationWarning]:
    """Each source a reader could not cite as it stands: one without its own title, its
    date or its address (url), unless its note says why it has none ('no title',
    'undated', 'printed', 'no address'). A description in place of a title is what the
    work is, not what it is called: it does not count as a title.

    The file is read again, for its lines: only ``rca validate`` asks, of a dataset it has
    just checked, so a file that cannot be read gives no warning here."""
    try:
        raw = read_bounded(folder / "sources.yaml")
    except (OSError, Unreadable):
        return []
    tree, problems = parse(raw, "sources.yaml")
    if problems or not isinstance(tree, Seq):
        return []
    found: list[CitationWarning] = []
    for item, line in zip(tree, tree.item_lines, strict=True):
        if not isinstance(item, Map):
            continue
        note = item.get("note")
        note = note if isinstance(note, str) else ""
        missing = tuple(name for name, excuse in CITATION_EXCUSES.items()
                        if not item.get(name) and not excuse.search(note))
        if missing:
            found.append(CitationWarning(line, str(item.get("id")), missing))
    return found


def citation_summary(warnings: list[CitationWarning]) -> str:
    """One line counting the sources ``citation_warnings`` found, by what they lack."""
    parts = ", ".join(
        f"{sum(name in w.missing for w in warnings)} without {_CITATION_NAMES[name]}"
        for name in CITATION_EXCUSES)
    return (f"sources.yaml: warning: {len(warnings)} of the sources cannot be cited in "
            f"full ({parts}); a note saying why a field is missing silences its warning")


#: the most members the General Assembly has had (since South Sudan joined in 2011)
UN_MEMBERS = 193


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        #: kind -> key -> (record, line)
        self.records: dict[str, dict[Any, tuple[Map, int]]] = {}
        #: (kind referred to, value, file, line)
        self.refs: list[tuple[str, str, str, int]] = []
        #: kind -> keys of records that have problems of their own (already reported)
        self.broken: dict[str, set[Any]] = {}
        #: (where, line, record id, kinds it may be, field) for a scenario's links
        self.links: list[tuple[Map, int, str, tuple[str, ...], str]] = []
        #: (rank, what, name, state, where, line) for every name a state answers to
        self.names: list[tuple[int, str, str, str, Map | Seq, int]] = []

    def add(self, where: Map | Seq, line: int, message: str) -> None:
        self.problems.append(Problem(where.file, line, message))

    # -- structure ---------------------------------------------------------------------

    def check_file(self, kind: Kind, tree: Value) -> None:
        if not isinstance(tree, Seq):
            line = tree.line if isinstance(tree, Map) else 1
            self.problems.append(
                Problem(kind.file, line, f"expected a list of {kind.name} records"))
            return
        seen = self.records.setdefault(kind.name, {})
        for item, line in zip(tree, tree.item_lines, strict=True):
            if not isinstance(item, Map):
                self.add(tree, line, f"expected a {kind.name} record (a mapping of fields)")
                continue
            parts = tuple(item.get(part) for part in kind.key)
            if not self.check_fields(kind.fields, item, kind.name):
                # a record with a mistake still answers to its key, so references to it do
                # not each report it again as unknown
                if all(isinstance(part, str) and part for part in parts):
                    self.broken.setdefault(kind.name, set()).add(
                        parts[0] if len(parts) == 1 else parts)
                continue
            self.check_rules(kind, item)
            key = parts[0] if len(parts) == 1 else parts
            if key in seen:
                shown = " / ".join(str(part) for part in parts)
                first = seen[key][1]
                self.add(item, line, f"duplicate {kind.name} '{shown}' (first at line {first})")
            else:
                seen[key] = (item, line)

    def check_fields(self, fields: dict[str, Field], item: Map, what: str) -> bool:
        """Check one mapping's keys and values; False if it is unusable."""
        ok = True
        for key in item:
            if key not in fields:
                hint = difflib.get_close_matches(key, list(fields), n=1)
                tip = f"; did you mean '{hint[0]}'?" if hint else f" (allowed: {', '.join(fields)})"
                self.add(item, item.key_lines[key], f"unknown key '{key}' in {what}{tip}")
                ok = False
        for name, spec in fields.items():
            if name not in item or item[name] is None:
                if spec.required:
                    self.add(item, item.line, f"{what} is missing required key '{name}'")
                    ok = False
                continue
            value = item[name]
            if spec.type == "date" and type(value) is int:  # an unquoted year: 2022
                value = item[name] = str(value)
            if not self.check_value(spec, value, item, item.key_lines[name], f"{what}.{name}"):
                ok = False
        return ok

    def check_value(  # noqa: C901  (one flat branch per field type)
        self, spec: Field, value: Any, parent: Map, line: int, what: str
    ) -> bool:
        kind = spec.type
        if kind in ("str", "id", "iso3", "iso2", "symbol", "claim", "url", "date"):
            if isinstance(value, (bool, int, float)):
                shown = str(value).lower() if isinstance(value, bool) else str(value)
                choices = f" ({', '.join(spec.choices)})" if spec.choices else ""
                self.add(parent, line, f"{what} must be a text{choices}; YAML reads this value "
                         f"as {type(value).__name__} {shown}: put it in quotes")
                return False
            if not isinstance(value, str) or not value.strip():
                self.add(parent, line, f"{what} must be a non-empty text")
                return False
            if kind in _PATTERNS and not _PATTERNS[kind][0].match(value):
                self.add(parent, line, f"{what} '{_shown(value)}' is not {_PATTERNS[kind][1]}")
                return False
            if kind == "date":
                wrong = check_date(value)
                if wrong:
                    self.add(parent, line, f"{what} '{_shown(value)}' is not {wrong}")
                    return False
            if spec.choices and value not in spec.choices:
                close = difflib.get_close_matches(value, spec.choices, n=1)
                tip = f"; did you mean '{close[0]}'?" if close else ""
                self.add(parent, line, f"{what} '{_shown(value)}' is not one of: "
                         f"{', '.join(spec.choices)}{tip}")
                return False
            if spec.ref:
                self.refs.append((spec.ref, value, parent.file, line))
            return True
        if kind == "int":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                self.add(parent, line, f"{what} must be a whole number, 0 or more")
                return False
            return True
        if kind == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.add(parent, line, f"{what} must be a number")
                return False
            if not _finite(value):
                shown = _shown(str(value))
                self.add(parent, line, f"{what} must be a finite number; YAML reads this "
                         f"value as {shown} (.nan, .inf and numbers past 1e308 are not figures)")
                return False
            return True
        if kind == "bool":
            if not isinstance(value, bool):
                self.add(parent, line, f"{what} must be true or false")
                return False
            return True
        if kind == "states":
            if value == REGION:
                return True
            if isinstance(value, str):
                self.add(parent, line, f"{what} must be a list of states or the word '{REGION}'")
                return False
            return self.check_value(Field("strs", ref=spec.ref), value, parent, line, what)
        if kind == "strs":
            if not isinstance(value, Seq) or not value:
                self.add(parent, line, f"{what} must be a list with at least one entry")
                return False
            ok = True
            texts = []
            for entry, entry_line in zip(value, value.item_lines, strict=True):
                if isinstance(entry, (Map, Seq)):
                    self.add(parent, entry_line, f"{what} entries must be texts, not "
                             f"{'mappings' if isinstance(entry, Map) else 'lists'}")
                    ok = False
                elif not isinstance(entry, str) or not entry.strip():
                    self.add(parent, entry_line, f"{what} entries must be non-empty texts")
                    ok = False
                else:
                    texts.append(entry)
                    if spec.ref:
                        self.refs.append((spec.ref, entry, parent.file, entry_line))
            if len(set(texts)) != len(texts):
                self.add(parent, line, f"{what} lists the same entry twice")
                ok = False
            return ok
        if kind == "map":
            if not isinstance(value, Map):
                self.add(parent, line, f"{what} must be a mapping")
                return False
            return self.check_fields(spec.fields, value, what)
        if kind == "maps":
            if not isinstance(value, Seq) or not value:
                self.add(parent, line, f"{what} must be a list with at least one entry")
                return False
            ok = True
            for entry, entry_line in zip(value, value.item_lines, strict=True):
                if not isinstance(entry, Map):
                    self.add(parent, entry_line, f"{what} entries must be mappings")
                    ok = False
                elif not self.check_fields(spec.fields, entry, what):
                    ok = False
            return ok
        raise AssertionError(f"unknown field type {kind}")  # a bug in the schema itself

    def check_rules(self, kind: Kind, item: Map) -> None:
        """Rules that tie one record's fields together."""
        if kind.name == "source":
            if not (item.get("publisher") or item.get("author")):
                self.add(item, item.line, "source needs a publisher or an author")
            if bool(item.get("title")) == bool(item.get("description")):
                self.add(item, item.line,
                         "source needs either a title or, for an untitled work, a description")
        elif kind.name == "country":
            self.state_names(item)
        elif kind.name == "dataset" and self.records.get("dataset"):
            self.add(item, item.line, "dataset.yaml holds exactly one entry")
        elif kind.name == "resolution":
            provisional = not item["symbol"].startswith("A/RES/")
            if provisional and item.get("symbol_confirmed") is not False:
                self.add(item, item.key_lines["symbol"],
                         f"'{item['symbol']}' is not a UN symbol: say 'symbol_confirmed: false'")
        elif kind.name == "record":
            self.record_rules(item)

    def record_rules(self, item: Map) -> None:
        """Who judges an assessment; what only a scenario has, and what it links to."""
        if item["kind"] in ("assessment", "scenario") and not item.get("by"):
            self.add(item, item.line,
                     f"{item['kind']} '{item['id']}' must say whose it is ('by')")
        figures = item.get("figures")
        if (item["kind"] == "fact" and item.get("topic") not in (None, "membership")
                and item["countries"] != REGION and isinstance(figures, Seq)):
            # the state's summary may show any of these as a key figure, by what it measures
            for figure, line in zip(figures, figures.item_lines, strict=True):
                if isinstance(figure, Map) and not figure.get("measures"):
                    self.add(figures, line,
                             f"a figure of '{item['id']}' must say what it measures "
                             "('measures'): the state's summary can show it as a key figure")
        for key in ("builds_on", "signposts"):
            if item.get(key) and item["kind"] != "scenario":
                self.add(item, item.key_lines[key],
                         f"only a scenario has '{key}'; '{item['id']}' is {item['kind']}")
        if item["kind"] == "scenario":
            for target in item.get("builds_on") or ():
                self.links.append((item, item.key_lines["builds_on"], target,
                                   ("assessment",), "builds_on"))
            for post in item.get("signposts") or ():
                if isinstance(post, Map) and isinstance(post.get("record"), str):
                    self.links.append((post, post.key_lines["record"], post["record"],
                                       ("fact", "event"), "signposts"))

    def state_names(self, country: Map) -> None:
        """Keep every name the state answers to, strongest claim first, for check_names."""
        iso3 = country["iso3"]
        for rank, key, what in ((0, "iso3", "code"), (0, "iso2", "code"), (1, "name", "name"),
                                (1, "official_name", "official name")):
            self.names.append((rank, what, country[key], iso3, country, country.key_lines[key]))
        aliases = country.get("aliases")
        if isinstance(aliases, Seq):
            for alias, line in zip(aliases, aliases.item_lines, strict=True):
                self.names.append((2, "alias", alias, iso3, aliases, line))
        for native in country.get("native_names") or ():
            self.names.append((2, "native name", native["name"], iso3, native,
                               native.key_lines["name"]))

    # -- cross-references ------------------------------------------------------------

    def finish(self) -> list[Problem]:
        known = {kind: set(records) | self.broken.get(kind, set())
                 for kind, records in self.records.items()}
        unknown: dict[tuple[str, str], list[tuple[str, int]]] = {}
        for kind, value, file, line in self.refs:
            if kind not in known:  # its file could not be read: already reported
                continue
            if value not in known[kind]:
                unknown.setdefault((kind, value), []).append((file, line))
        for (kind, value), places in unknown.items():
            close = difflib.get_close_matches(value, sorted(known[kind]), n=1)
            tip = f"; did you mean '{close[0]}'?" if close else ""
            (file, line), more = places[0], places[1:]
            also = ""
            if more:
                shown = ", ".join(f"{f}:{n}" for f, n in more[:5])
                also = f" (also at {shown}{', …' if len(more) > 5 else ''}: {len(more)} more)"
            self.problems.append(Problem(file, line, f"unknown {kind} '{value}'{tip}{also}"))
        self.check_totals()
        self.check_vote_sources()
        self.check_names()
        records = self.records.get("record", {})
        for where, line, target, kinds, field in self.links:
            found = records.get(target)
            if found is not None and found[0]["kind"] not in kinds:
                kind = found[0]["kind"]
                article = "an" if kind[0] in "aeiou" else "a"
                allowed = " or ".join(k + "s" for k in kinds)
                self.add(where, line, f"{field} may name only {allowed}; "
                         f"'{target}' is {article} {kind}")
        return self.problems

    def check_names(self) -> None:
        """Every name leads to one state: an alias or a name that is another state's code or
        name (or another state's alias) would take that state's place when a user types it,
        and one with no letter or digit would never be found."""
        owners: dict[str, tuple[str, str, str, int]] = {}
        for rank, what, name, state, where, line in sorted(self.names, key=lambda n: n[0]):
            key = normalise(name)
            if not key:
                self.add(where, line, f"{what} '{_shown(name)}' of {state} has no letter or "
                         "digit: nothing a user types could find it")
                continue
            owner, owner_what, owner_name, owner_line = owners.setdefault(
                key, (state, what, name, line))
            # two states may share an alpha-2 code (there are only 676 of them, fewer than
            # the states of a large synthetic dataset); a name may take no one's code
            if owner != state and not (rank == 0 and owner_what == "code"):
                self.add(where, line, f"{what} '{_shown(name)}' of {state} is taken: it is "
                         f"the {owner_what} '{_shown(owner_name)}' of {owner} (line "
                         f"{owner_line}), and a name must lead to one state")

    def check_vote_sources(self) -> None:
        """A vote that rests on weak sources only must say so, and only then."""
        quality = {key: item.get("quality") for key, (item, _line) in
                   self.records.get("source", {}).items()}
        for (symbol, country), (vote, _line) in self.records.get("vote", {}).items():
            known = [quality.get(s) for s in vote["sources"]]
            if None in known:  # unknown sources are reported already; unrated ones say nothing
                continue
            weak = all(q == "weak" for q in known)
            if weak and not vote.get("weak_only"):
                self.add(vote, vote.key_lines["sources"],
                         f"the vote of {country} on {symbol} rests on weak sources only: cite "
                         "a stronger one, or say 'weak_only: true' where none is known")
            elif vote.get("weak_only") and not weak:
                self.add(vote, vote.key_lines["weak_only"],
                         f"the vote of {country} on {symbol} says weak_only but cites a "
                         "source that is not weak")

    def check_totals(self) -> None:
        counts: Counter[tuple[str, str]] = Counter()
        for (symbol, _country), (vote, _line) in self.records.get("vote", {}).items():
            counts[symbol, vote["vote"]] += 1
        names = {"Y": "yes", "N": "no", "A": "abstain", "NV": "non_voting"}
        for symbol, (resolution, _line) in self.records.get("resolution", {}).items():
            totals = resolution["totals"]
            for code, name in names.items():
                if counts[symbol, code] > totals[name]:
                    self.add(resolution, totals.key_lines[name],
                             f"{symbol}: {counts[symbol, code]} '{code}' votes recorded "
                             f"but the total for {name} is {totals[name]}")
            cast = sum(totals[name] for name in names.values())
            if cast > UN_MEMBERS:
                self.add(resolution, totals.key_lines["yes"],
                         f"{symbol}: the totals add up to {cast:,}, more than the "
                         f"{UN_MEMBERS} members the General Assembly has had at most")

    # -- building ----------------------------------------------------------------------

    def build(self, folder: str) -> Dataset:
        def rows(kind: str) -> list[Map]:
            return [record for record, _line in self.records.get(kind, {}).values()]

        def plain(item: Map, *skip: str) -> dict[str, Any]:
            out = {k: v for k, v in item.items() if k not in skip and v is not None}
            for key, value in out.items():
                if isinstance(value, list):
                    out[key] = tuple(value)
            return out

        return Dataset(
            sources={s["id"]: Source(**plain(s)) for s in rows("source")},
            countries={c["iso3"]: Country(
                native_names=tuple(NativeName(n["name"], n["language"], tuple(n["sources"]))
                                   for n in c.get("native_names") or ()),
                **plain(c, "native_names")) for c in rows("country")},
            organisations={o["id"]: Organisation(**plain(o)) for o in rows("organisation")},
            memberships=tuple(Membership(**plain(m)) for m in rows("membership")),
            resolutions={
                r["symbol"]: Resolution(totals=Totals(**r["totals"]), **plain(r, "totals"))
                for r in rows("resolution")
            },
            votes={(v["resolution"], v["country"]): Vote(**plain(v)) for v in rows("vote")},
            themes={t["id"]: Theme(**plain(t)) for t in rows("theme")},
            records=tuple(
                Record(
                    figures=tuple(Figure(**f) for f in r.get("figures") or ()),
                    signposts=tuple(Signpost(**s) for s in r.get("signposts") or ()),
                    countries=(REGION,) if r["countries"] == REGION else tuple(r["countries"]),
                    **plain(r, "figures", "signposts", "countries"),
                )
                for r in rows("record")
            ),
            folder=folder,
            as_of=rows("dataset")[0]["as_of"] if rows("dataset") else "",
            title=rows("dataset")[0]["title"] if rows("dataset") else "",
        )
