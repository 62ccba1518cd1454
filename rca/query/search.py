"""Search everything the dataset holds, as a reader types it.

Every item of the dataset (a record of any kind, a resolution, a vote's or a membership's
note, a source, a state, an organisation, a theme, a scenario's signpost) becomes a row of
named fields. Each field is cut into tokens folded the same way for the index and the query:
case, accents and apostrophes go, and British and American spellings meet (-ise/-ize,
-isation/-ization, -yse/-yze, -our/-or on a list of known words, defence/defense,
centre/center). A word of the query is a phrase whose last token may be the start of a
word (``remit`` finds remittances); an item is a hit when it has every word of the query,
each inside one field. A state's name in another spelling or script (what
`rca.query.names` knows: ``Kazakstan``, ``Kirgizia``, ``Казахстан``) also finds the state's
own name, and an item that concerns a state carries the state's name.

The hits are found and ranked (bm25) by an in-memory SQLite FTS5 index when the sqlite3
module has FTS5, else by a plain scan that finds the same hits and scores them with the
same formula. Whatever the user types, the FTS5 expression is built here from tokens,
each quoted, so no query syntax of FTS5 ever reaches it.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from rca.model import REGION, Dataset
from rca.query.names import country_index, normalise

if TYPE_CHECKING:
    import sqlite3

#: the index's columns, and the weight bm25 gives a match in each: an id counts least
COLUMNS = ("ident", "text", "detail", "biblio", "states")
WEIGHTS = (0.5, 4.0, 2.0, 1.0, 1.0)
#: what FTS5's bm25 takes for k1 and b
K1, B = 1.2, 0.75
#: the most words a query may have
MOST_WORDS = 64
#: query words longer than this get no suggestions (difflib is slow on long strings)
SUGGEST_LONGEST = 40

KIND_ORDER = ("fact", "event", "assessment", "scenario", "signpost", "resolution", "vote",
              "country", "organisation", "membership", "theme", "source")


class Field(NamedTuple):
    name: str
    text: str
    column: str


class Item(NamedTuple):
    """One thing of the dataset as the search sees it; ``main`` names its headline field."""

    kind: str
    id: str
    main: str
    fields: tuple[Field, ...]
    date: str = ""
    countries: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    theme: str = ""


class Query(NamedTuple):
    """The words of a query, each as the phrases any of which it accepts (token tuples;
    the last token of each may start a longer word)."""

    words: tuple[str, ...]
    groups: tuple[tuple[tuple[str, ...], ...], ...]
    states: tuple[str, ...] = ()  # the state each word names ("" where none)

    @property
    def phrases(self) -> list[tuple[str, ...]]:
        return [phrase for group in self.groups for phrase in group]


class Hit(NamedTuple):
    item: Item
    score: float
    matched: tuple[str, ...]  # the fields in which a word of the query was found
    tier: int  # 0: the id asked for; 1: every word in the text; 2: some only in the id; 3: id only

    def concerns(self, states: Iterable[str]) -> bool:
        """Whether the item concerns one of ``states`` (any item, when none are given): a
        region-wide one and a resolution concern them all; a source or a theme none."""
        chosen = set(states)
        if not chosen or self.item.kind == "resolution" or REGION in self.item.countries:
            return True
        return bool(chosen & set(self.item.countries))


# -- tokens ------------------------------------------------------------------------------

#: a run of letters and digits (with combining accents), apostrophes inside it kept
_LETTER = r"(?:[^\W_]|[\u0300-\u036f\u0483-\u0489])"
_RUN = re.compile(rf"{_LETTER}+(?:['’ʼ`‘]{_LETTER}+)*")
_APOSTROPHES = str.maketrans("", "", "'’ʼʻ`‘")
#: letters that NFKD leaves whole, folded as SQLite's remove_diacritics folds them
_BARE = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae",
                       "œ": "oe", "þ": "th", "ð": "d"})
_SPLIT = re.compile(r"[\W_]+")

#: British -ise/-isation and -yse against American -ize/-ization and -yze: an "iz" or "yz"
#: after three letters reads as "is" or "ys", in every word and every start of one
_IZE = re.compile(r"(?<=[a-z]{3})([iy])z")
#: -our against -or, only for words known to take both (not four, hour, tour, source)
_OUR = re.compile(r"^(arm|behavi|cand|clam|col|demean|endeav|fav|ferv|flav|harb|hon|hum|lab|"
                  r"neighb|od|parl|rum|sav|savi|splend|tum|val|vap|vig)ou(?=r|$)")
_ENCE = re.compile(r"^(defe|offe|prete|lice)nc(?=e|$)")
_WHOLE = {"center": "centre", "centers": "centres", "centered": "centred",
          "theater": "theatre", "theaters": "theatres", "fiber": "fibre", "fibers": "fibres",
          "programme": "program", "programmes": "programs"}


def spelling(token: str) -> str:
    """One spelling for words that British and American English spell differently."""
    token = _WHOLE.get(token, token)
    token = _IZE.sub(r"\1s", token)
    token = _OUR.sub(r"\1o", token)
    return _ENCE.sub(r"\1ns", token)


@functools.lru_cache(maxsize=65536)
def _fold(run: str) -> tuple[str, ...]:
    """The tokens of one run of letters (most runs are words seen before: cached)."""
    decomposed = unicodedata.normalize("NFKD", run)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = bare.casefold().translate(_APOSTROPHES).translate(_BARE)
    return tuple(spelling(token) for token in _SPLIT.split(folded) if token)


def spans_of(text: str) -> list[tuple[str, int, int]]:
    """The tokens of ``text``, each with where in ``text`` its word is."""
    return [(token, m.start(), m.end()) for m in _RUN.finditer(text)
            for token in _fold(m.group())]


def tokens(text: str) -> list[str]:
    """The tokens that ``text`` is indexed (or asked for) as."""
    return [token for token, _start, _end in spans_of(text)]


# -- the items ---------------------------------------------------------------------------


def _states_text(ds: Dataset, codes: Iterable[str]) -> str:
    return ", ".join(ds.countries[c].name for c in codes if c in ds.countries)


def items(ds: Dataset) -> list[Item]:
    """Every item of the dataset a search can find, in the dataset's order."""
    found: list[Item] = []
    for r in ds.records:
        figures = "; ".join((f"{f.measures}: " if f.measures else "")
                            + f"{f.number} {f.unit}" + (f" ({f.wording})" if f.wording else "")
                            + f", as of {f.as_of}" + (f": {f.note}" if f.note else "")
                            for f in r.figures)
        states = () if r.region_wide else r.countries
        found.append(Item(r.kind, r.id, "statement", (
            Field("id", r.id, "ident"), Field("statement", r.statement, "text"),
            Field("contested", r.contested, "detail"), Field("note", r.note, "detail"),
            Field("by", r.by, "detail"), Field("figures", figures.strip(), "detail"),
            Field("states", _states_text(ds, states), "states")),
            r.date, r.countries, r.sources, r.theme))
    for r in ds.records:
        for post in r.signposts:
            read = next((x for x in ds.records if x.id == post.record), None)
            countries = read.countries if read else ()
            found.append(Item("signpost", f"{r.id} {post.record}", "reading", (
                Field("id", f"{r.id} {post.record}", "ident"),
                Field("reading", post.reading, "text"), Field("by", post.by, "detail"),
                Field("states", _states_text(ds, () if countries == (REGION,) else countries),
                      "states")),
                read.date if read else "", countries, read.sources if read else ()))
    for res in ds.resolutions.values():
        found.append(Item("resolution", res.symbol, "title", (
            Field("symbol", f"{res.symbol} {res.code}", "ident"),
            Field("title", res.title, "text"), Field("short", res.short, "text"),
            Field("draft", res.draft, "ident"), Field("meeting", res.meeting, "ident"),
            Field("note", res.note, "detail")), res.date, (), res.sources))
    for vote in ds.votes.values():
        if not (vote.note or vote.contested):
            continue
        voted = ds.resolutions.get(vote.resolution)
        key = f"{vote.resolution} {vote.country}"
        found.append(Item("vote", key, "note" if vote.note else "contested", (
            Field("id", key, "ident"), Field("note", vote.note, "text"),
            Field("contested", vote.contested, "detail"),
            Field("states", _states_text(ds, [vote.country]), "states")),
            voted.date if voted else "", (vote.country,), vote.sources))
    for c in ds.countries.values():
        natives = ", ".join(n.name for n in c.native_names)
        found.append(Item("country", c.iso3, "name", (
            Field("id", f"{c.iso3} {c.iso2}", "ident"), Field("name", c.name, "text"),
            Field("official_name", c.official_name, "text"),
            Field("aliases", ", ".join(c.aliases), "detail"),
            Field("native_names", natives, "detail"), Field("capital", c.capital, "detail")),
            "", (c.iso3,), c.sources))
    for org in ds.organisations.values():
        members = tuple(dict.fromkeys(m.country for m in ds.memberships
                                      if m.org == org.id and m.status != "non-member"))
        found.append(Item("organisation", org.id, "name", (
            Field("id", org.id, "ident"), Field("name", org.name, "text"),
            Field("short", org.short, "text")), "", members, org.sources))
    for m in ds.memberships:
        if not m.note:
            continue
        key = f"{m.org} {m.country}"
        found.append(Item("membership", key, "note", (
            Field("id", key, "ident"), Field("note", m.note, "text"),
            Field("status", m.status, "detail"),
            Field("states", _states_text(ds, [m.country]), "states")),
            m.since, (m.country,), m.sources))
    for theme in ds.themes.values():
        found.append(Item("theme", theme.id, "name", (
            Field("id", theme.id, "ident"), Field("name", theme.name, "text"),
            Field("description", theme.description, "detail"))))
    for s in ds.sources.values():
        found.append(Item("source", s.id, "title" if s.title else "description", (
            Field("id", s.id, "ident"),
            Field("title" if s.title else "description", s.title or s.description, "biblio"),
            Field("publisher", s.publisher, "biblio"), Field("author", s.author, "biblio")),
            s.date, (), (s.id,)))
    return found


def field_text(item: Item, name: str) -> str:
    return next((f.text for f in item.fields if f.name == name), "")


# -- the query ---------------------------------------------------------------------------


def parse(ds: Dataset, text: str) -> Query:
    """The words of ``text`` as phrases; a state's name, in any spelling or script the
    dataset knows, also stands for the state's own names."""
    raw = text.split()[:MOST_WORDS * 4]
    index, _shown = country_index(ds.countries.values())
    twoletter = {normalise(c.iso2) for c in ds.countries.values()}
    words: list[str] = []
    groups: list[tuple[tuple[str, ...], ...]] = []
    states: list[str] = []
    i = 0
    while i < len(raw):
        for j in range(min(len(raw), i + 4), i, -1):
            key = normalise(" ".join(raw[i:j]))
            if key and key in index and key not in twoletter:
                state = index[key]
                break
        else:
            j, state = i + 1, ""
        word = " ".join(raw[i:j])
        i = j
        own = tuple(tokens(word))
        if not own:
            continue
        alternatives = [own]
        if state:
            c = ds.countries[state]
            for name in (c.name, c.official_name, *c.aliases, *(n.name for n in c.native_names)):
                alternatives.append(tuple(tokens(name)))
        words.append(word)
        groups.append(_fewest(alternatives))
        states.append(state)
    return Query(tuple(words), tuple(groups), tuple(states))


def _fewest(phrases: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    """The phrases without those another one already finds (``kazakh`` finds kazakhstan)."""
    unique = [p for p in dict.fromkeys(phrases) if p]
    kept = []
    for phrase in unique:
        covered = any(other != phrase and len(other) == 1 and phrase[0].startswith(other[0])
                      for other in unique)
        if not covered:
            kept.append(phrase)
    return tuple(kept)


def expression(query: Query) -> str:
    """The FTS5 query: each phrase quoted (its last token a prefix), OR within a word, AND
    between words. Tokens hold letters and digits only; quotes are doubled all the same."""
    def quoted(phrase: tuple[str, ...]) -> str:
        return '"' + " ".join(t.replace('"', '""') for t in phrase) + '"*'

    return " AND ".join("(" + " OR ".join(quoted(p) for p in group) + ")"
                        for group in query.groups)


def occurrences(phrase: tuple[str, ...], toks: Sequence[str]) -> int:
    """How often ``phrase`` occurs in ``toks`` (its last token may start a longer word)."""
    n, head, last = len(phrase), list(phrase[:-1]), phrase[-1]
    return sum(1 for i in range(len(toks) - n + 1)
               if list(toks[i:i + n - 1]) == head and toks[i + n - 1].startswith(last))


# -- finding -----------------------------------------------------------------------------


class Index(NamedTuple):
    items: list[Item]
    fields: list[list[tuple[str, str, list[str]]]]  # per item: (field, column, tokens)
    columns: list[list[list[str]]]  # per item, per column: the tokens


#: the last dataset indexed and its index (a search, then its suggestions, index it once)
_LAST: list[tuple[Dataset, Index]] = []


def build(ds: Dataset) -> Index:
    """The items of ``ds`` cut into tokens, per field and per column of the index."""
    if _LAST and _LAST[0][0] is ds:
        return _LAST[0][1]
    found = items(ds)
    fields, columns = [], []
    for item in found:
        mine = [(f.name, f.column, tokens(f.text)) for f in item.fields if f.text]
        fields.append(mine)
        columns.append([[t for _n, col, toks in mine if col == column for t in toks]
                        for column in COLUMNS])
    index = Index(found, fields, columns)
    _LAST[:] = [(ds, index)]  # held, so that no other dataset can take its id
    return index


def fts5_connection() -> sqlite3.Connection | None:
    """An in-memory SQLite database with FTS5, or None where the sqlite3 module lacks it."""
    import sqlite3

    try:
        con = sqlite3.connect(":memory:")
        con.execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
        con.execute("DROP TABLE probe")
    except sqlite3.Error:
        return None
    return con


def fill(con: sqlite3.Connection, index: Index) -> None:
    """The FTS5 table ``hits``: a row per item, a column per kind of field."""
    con.execute(f"CREATE VIRTUAL TABLE hits USING fts5({', '.join(COLUMNS)}, "
                "tokenize = 'unicode61 remove_diacritics 2')")
    con.executemany(f"INSERT INTO hits (rowid, {', '.join(COLUMNS)}) VALUES "
                    f"(?, {', '.join('?' * len(COLUMNS))})",
                    [(row, *(" ".join(col) for col in cols))
                     for row, cols in enumerate(index.columns)])


def _scores_fts(index: Index, query: Query, con: sqlite3.Connection) -> dict[int, float]:
    fill(con, index)
    weights = ", ".join(str(w) for w in WEIGHTS)
    found = con.execute(f"SELECT rowid, bm25(hits, {weights}) FROM hits WHERE hits MATCH ?",
                        (expression(query),)).fetchall()
    return {int(row): -float(score) for row, score in found}


def _scores_scan(index: Index, query: Query) -> dict[int, float]:
    """bm25 as FTS5 computes it, over the rows that have every word."""
    phrases = query.phrases
    rows = len(index.items)
    lengths = [sum(len(col) for col in cols) for cols in index.columns]
    average = sum(lengths) / rows if rows else 0.0
    counts = [[sum(occurrences(p, col) * w for col, w in zip(cols, WEIGHTS, strict=True))
               for p in phrases] for cols in index.columns]
    having = [sum(1 for cols in index.columns if any(occurrences(p, col) for col in cols))
              for p in phrases]
    idf = [max(math.log((rows - n + 0.5) / (n + 0.5)), 1e-6) for n in having]
    scores = {}
    for row, cols in enumerate(index.columns):
        if not all(any(occurrences(p, col) for p in group for col in cols)
                   for group in query.groups):
            continue
        freq = counts[row]
        scores[row] = sum(idf[i] * (freq[i] * (K1 + 1))
                          / (freq[i] + K1 * (1 - B + B * lengths[row] / average))
                          for i in range(len(phrases)))
    return scores


def search(ds: Dataset, text: str, use_fts: bool | None = None) -> list[Hit]:
    """Every item that has all the words of ``text``, best first: the item whose id is the
    query, then those whose text has every word (by bm25), then those found partly or only
    in their id. ``use_fts``: None takes FTS5 where the sqlite3 module has it."""
    query = parse(ds, text)
    if not query.groups:
        return []
    index = build(ds)
    con = fts5_connection() if use_fts is not False else None
    if con is not None:
        try:
            scores = _scores_fts(index, query, con)
        finally:
            con.close()
    else:
        scores = _scores_scan(index, query)
    asked = normalise(text)
    hits = []
    for row, score in scores.items():
        item = index.items[row]
        per_group = [{name for name, _col, toks in index.fields[row]
                      if any(occurrences(p, toks) for p in group)} for group in query.groups]
        if not all(per_group):  # a phrase FTS5 found across two fields of a column
            continue
        ident = {name for name, col, _t in index.fields[row] if col == "ident"}
        only_id = [names <= ident for names in per_group]
        tier = (0 if normalise(item.id) == asked or asked in _id_forms(item)
                else 3 if all(only_id) else 2 if any(only_id) else 1)
        matched = tuple(name for name, _c, _t in index.fields[row]
                        if any(name in names for names in per_group))
        hits.append((tier, -round(score, 6), row, Hit(item, score, matched, tier)))
    hits.sort(key=lambda h: h[:3])
    return [h[3] for h in hits]


def _id_forms(item: Item) -> set[str]:
    """The other names an item is asked for by: a resolution's short symbol."""
    if item.kind == "resolution":
        return {normalise(item.id.removeprefix("A/RES/"))}
    return set()


# -- showing -----------------------------------------------------------------------------


def highlights(query: Query, text: str) -> list[tuple[int, int]]:
    """Where in ``text`` the words that the query found are, as (start, end) spans."""
    found = spans_of(text)
    toks = [t for t, _s, _e in found]
    marked: set[int] = set()
    for phrase in query.phrases:
        n = len(phrase)
        for i in range(len(toks) - n + 1):
            if toks[i:i + n - 1] == list(phrase[:-1]) and toks[i + n - 1].startswith(phrase[-1]):
                marked.update(range(i, i + n))
    spans = sorted({(found[i][1], found[i][2]) for i in marked})
    return spans


def suggestions(ds: Dataset, query: Query) -> dict[str, list[str]]:
    """For each word of the query that finds nothing on its own, the words of the dataset
    closest to it (as the dataset writes them, folded)."""
    import difflib

    index = build(ds)
    vocabulary: dict[str, str] = {}
    for item in index.items:
        for f in item.fields:
            if f.column == "ident":
                continue
            for m in _RUN.finditer(f.text):
                word = normalise(m.group()).replace(" ", "")
                for token in _fold(m.group()):
                    vocabulary.setdefault(token, word)
    every = [t for cols in index.columns for col in cols for t in col]
    known = set(every)
    close: dict[str, list[str]] = {}
    for word, group in zip(query.words, query.groups, strict=True):
        if any(_found_anywhere(p, known, index) for p in group):
            continue
        key = "".join(group[0])
        near = difflib.get_close_matches(key, list(vocabulary), n=8, cutoff=0.75) \
            if len(key) <= SUGGEST_LONGEST else []
        close[word] = list(dict.fromkeys(vocabulary[t] for t in near))[:4]
    return close


def _found_anywhere(phrase: tuple[str, ...], known: set[str], index: Index) -> bool:
    if len(phrase) == 1:
        return any(t.startswith(phrase[0]) for t in known)
    return any(occurrences(phrase, col) for cols in index.columns for col in cols)


def alone(ds: Dataset, query: Query) -> dict[str, int]:
    """How many items each word of the query finds on its own."""
    index = build(ds)
    return {word: sum(1 for cols in index.columns
                      if any(occurrences(p, col) for p in group for col in cols))
            for word, group in zip(query.words, query.groups, strict=True)}
