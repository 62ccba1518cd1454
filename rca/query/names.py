"""Turn what a user types into a country, a resolution or a theme, or say what is close."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rca.dataset.fold import normalise as normalise
from rca.model import Country, Resolution, Theme


class UnknownName(Exception):
    """A name that matches nothing; carries the suggestions to show."""

    def __init__(self, what: str, given: str, suggestions: list[str], known: list[str],
                 ambiguous: bool = False, more: bool = False) -> None:
        super().__init__(f"unknown {what} '{given}'")
        self.what = what
        self.given = given
        self.suggestions = suggestions
        self.known = known
        #: the name starts several known names: the suggestions are those (``more``: and others)
        self.ambiguous = ambiguous
        self.more = more


def choose(what: str, given: str, index: dict[str, str], shown: dict[str, str]) -> str:
    """Look ``given`` up in ``index`` (normalised name -> key); else raise with suggestions."""
    key = normalise(given)
    if not key:  # nothing but punctuation or spaces: no name to look up
        raise UnknownName(what, given, [], sorted(set(shown.values())))
    if key in index:
        return index[key]
    prefixed = {value for name, value in index.items() if key and name.startswith(key)}
    if len(prefixed) == 1 and len(key) >= 3:
        return prefixed.pop()
    close = _closest(key, list(index))
    suggestions: list[str] = []
    for name in sorted(prefixed) if prefixed else [index[c] for c in close]:
        label = shown[name]
        if label not in suggestions:
            suggestions.append(label)
    raise UnknownName(what, given, suggestions[:5], sorted(set(shown.values())),
                      ambiguous=len(prefixed) > 1, more=len(suggestions) > 5)


def _closest(key: str, names: list[str]) -> list[str]:
    """The names nearest to ``key``: the best match and any almost as good."""
    import difflib

    # a ratio of 0.6 needs the longer text at most 7/3 times the shorter: the rest are
    # left out unscored, which keeps a very long argument from costing seconds
    scored = sorted(((difflib.SequenceMatcher(None, key, name).ratio(), name) for name in names
                     if 3 * len(key) <= 7 * len(name) and 3 * len(name) <= 7 * len(key)),
                    reverse=True)
    if not scored or scored[0][0] < 0.6:
        return []
    best = scored[0][0]
    return [name for score, name in scored[:6] if score >= best - 0.05]


def country_index(countries: Iterable[Country]) -> tuple[dict[str, str], dict[str, str]]:
    """Normalised name -> ISO alpha-3, and each code's label for messages.

    Codes are indexed before names and names before aliases, so that an alias can never take
    a code or a name away from the state it belongs to (the validator refuses such an
    alias; this order keeps a dataset read without it from answering with the wrong state).
    """
    index: dict[str, str] = {}
    shown: dict[str, str] = {}
    ranked = []
    for country in countries:
        shown[country.iso3] = f"{country.name} ({country.iso3})"
        ranked.append((country.iso3, _ranked(country)))
    for rank in range(3):
        for iso3, names in ranked:
            for name in names[rank]:
                key = normalise(name)
                if key:
                    index.setdefault(key, iso3)
    return index, shown


def _ranked(country: Country) -> tuple[tuple[str, ...], ...]:
    """A state's names, strongest claim first: its codes, its names, its other names."""
    return ((country.iso3, country.iso2), (country.name, country.official_name),
            (*country.aliases, *(n.name for n in country.native_names)))


def resolve_country(countries: dict[str, Country], given: str) -> str:
    """The ISO alpha-3 code of the country ``given`` names."""
    index, shown = country_index(countries.values())
    return choose("country", given, index, shown)


def resolve_resolution(resolutions: dict[str, Resolution], given: str) -> str:
    """The full symbol of the resolution ``given`` names (``ES-11/1``, ``a/res/68/262``)."""
    index: dict[str, str] = {}
    shown: dict[str, str] = {}
    for resolution in resolutions.values():
        shown[resolution.symbol] = f"{resolution.code} ({resolution.short})"
        for name in (resolution.symbol, resolution.code, resolution.code.replace("-", "")):
            index[_symbol_key(name)] = resolution.symbol
        for name in (resolution.draft, resolution.date):  # a draft symbol or the day voted
            if name:
                index.setdefault(_symbol_key(name), resolution.symbol)
    key = _symbol_key(given)
    if key in index:
        return index[key]
    return choose("resolution", given, {normalise(k): v for k, v in index.items()}, shown)


def _symbol_key(text: str) -> str:
    key = re.sub(r"\s+", "", text.upper())
    key = key.removeprefix("A/RES/")
    return key.replace("ES11", "ES-11") if key.startswith("ES11") else key


def resolve_theme(themes: dict[str, Theme], given: str) -> str:
    """The id of the theme ``given`` names, by id or name, or a unique start of one."""
    index: dict[str, str] = {}
    shown = {theme.id: theme.id for theme in themes.values()}
    for theme in themes.values():
        index[normalise(theme.id)] = theme.id
        index.setdefault(normalise(theme.name), theme.id)
    return choose("theme", given, index, shown)


def resolve_source(sources: Iterable[str], given: str) -> str:
    """The id of the source ``given`` names, or a unique start of one.

    The list of known ids is too long to print, so an unknown id carries suggestions only.
    """
    index = {normalise(source): source for source in sources}
    shown = {source: source for source in index.values()}
    try:
        return choose("source", given, index, shown)
    except UnknownName as err:
        err.known = []
        raise
