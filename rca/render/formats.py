"""Write plain data as json, yaml, csv or markdown.

A listing is a list of objects; ``country`` and ``sources ID`` give one object whose list
fields are sections. csv and markdown are flat: a list of objects becomes one table; an
object becomes one table of its sections, each row tagged with its ``section`` (csv), or a
heading per section (markdown). Inside a cell, list items are joined with "; ".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TextIO

from rca.text import clean, cleaned, markdown_safe, spreadsheet_safe

MACHINE_FORMATS = ("json", "csv", "tsv", "yaml", "markdown")
#: table draws Rich tables on a terminal and tab-separated text in a pipe; tsv is csv with
#: tabs (the same records and fields), one line a record
FORMATS = ("table", *MACHINE_FORMATS)


def write(fmt: str, data: Any, stream: TextIO, sections: tuple[str, ...] = (),
          fields: tuple[str, ...] = ()) -> None:
    """Write ``data``; for a single object, ``sections`` names its list-of-objects fields;
    ``fields`` is the csv or markdown header of an answer that has no objects. Every text
    passes the one gate on the way: cleaned in every format, a csv cell that would start a
    formula defused, a markdown cell escaped."""
    data = cleaned(data)
    if fmt == "json":
        import json

        stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "yaml":
        import yaml

        stream.write(yaml.dump(data, Dumper=_quoting_dumper(), allow_unicode=True,
                               sort_keys=False, width=1000))
    elif fmt in ("csv", "tsv"):
        _csv(data, stream, sections, fields, tabs=fmt == "tsv")
    elif fmt == "markdown":
        _markdown(data, stream, sections, fields)
    else:  # the command line only lets the known formats through
        raise ValueError(f"unknown format {fmt!r}")


def _quoting_dumper() -> Any:
    """A safe YAML dumper that quotes y, n, on, off and the like: YAML 1.1 readers take them
    for true and false, and a vote of N must stay the text N."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: Any, value: str) -> Any:
        style = "'" if value.lower() in _YAML11_BOOLS else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return Dumper


_YAML11_BOOLS = {"y", "n", "yes", "no", "on", "off", "true", "false"}


def cell(value: Any, joiner: str = "; ") -> str:
    """One value as the text of a csv or markdown cell (or, joined by ", ", a pipe's)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return joiner.join(cell(item) for item in value)
    if isinstance(value, Mapping):
        if "value" in value and "unit" in value:
            return _figure(value)
        named = joiner != ", "  # a pipe shows the values as a terminal does, without names
        # a list inside an object is joined by " / ", so that the "; " between objects
        # and the ", " between their fields still part them
        return ", ".join(f"{key}={cell(item, ' / ')}" if named else cell(item, joiner)
                         for key, item in value.items() if item not in (None, [], ""))
    return str(value)


def _figure(figure: Mapping[str, Any]) -> str:
    from rca.text import figure_obj_text

    return figure_obj_text(figure)


def _split(
    data: dict[str, Any], sections: tuple[str, ...]
) -> tuple[list[dict[str, Any]], list[tuple[str, list[dict[str, Any]]]]]:
    """An object's own fields (as one row) and its sections (lists of objects)."""
    own = {k: v for k, v in data.items() if k not in sections}
    return [own], [(k, data[k]) for k in sections if k in data]


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    return list(columns)


def _csv(data: Any, stream: TextIO, names: tuple[str, ...], fields: tuple[str, ...],
         tabs: bool = False) -> None:
    """csv, or with ``tabs`` tsv: the same rows, a tab between cells and no quoting, every
    tab and line break inside a cell written as a space, so a record is one line."""
    import csv

    if isinstance(data, dict):
        own, sections = _split(data, names)
        rows = [{"section": "", **own[0]}] if sections else own
        rows += [{"section": name, **item} for name, items in sections for item in items]
    else:
        rows = list(data)
    columns = _columns(rows) or list(fields)
    lines = [[clean(column) for column in columns],
             *([cell(row.get(column)) for column in columns] for row in rows)]
    if tabs:
        for line in lines:
            stream.write("\t".join(spreadsheet_safe(clean(text)) for text in line) + "\n")
        return
    writer = csv.writer(stream, lineterminator="\n")
    for line in lines:
        writer.writerow([spreadsheet_safe(text) for text in line])


def _markdown(data: Any, stream: TextIO, names: tuple[str, ...],
              fields: tuple[str, ...]) -> None:
    if isinstance(data, dict):
        own, sections = _split(data, names)
        _pipe_table(own, stream)
        for name, items in sections:
            stream.write(f"\n## {name}\n\n")
            _pipe_table(items, stream)
    else:
        _pipe_table(list(data), stream, fields)


def _pipe_table(rows: list[dict[str, Any]], stream: TextIO, fields: tuple[str, ...] = ()) -> None:
    columns = _columns(rows) or list(fields)
    if not columns:
        stream.write("(none)\n")
        return
    stream.write("| " + " | ".join(_md(column) for column in columns) + " |\n")
    stream.write("|" + "|".join(" --- " for _ in columns) + "|\n")
    for row in rows:
        stream.write("| " + " | ".join(_md(cell(row.get(c))) for c in columns) + " |\n")


def _md(text: str) -> str:
    return markdown_safe(text)


def picked(data: Any, chosen: tuple[str, ...], fields: tuple[str, ...] = ()) -> Any:
    """``data`` with only the ``chosen`` fields of each object, in that order (a single
    object: its own fields); ValueError naming the known fields for one that is not there.
    The known fields are those the objects have, else ``fields`` (an empty answer's)."""
    rows = [data] if isinstance(data, dict) else list(data)
    known = _columns(rows) or list(fields)
    unknown = [name for name in chosen if name not in known]
    if unknown:
        raise ValueError(f"no field {', '.join(unknown)} here; the fields are: "
                         f"{', '.join(known)}")
    kept = [{name: row.get(name) for name in chosen} for row in rows]
    return kept[0] if isinstance(data, dict) else kept
