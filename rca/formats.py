"""Write plain data as json, yaml, csv or markdown.

A listing is a list of objects; ``country`` and ``sources ID`` give one object whose list
fields are sections. csv and markdown are flat: a list of objects becomes one table; an
object becomes one table of its sections, each row tagged with its ``section`` (csv), or a
heading per section (markdown). Inside a cell, list items are joined with "; ".
"""

from __future__ import annotations

from typing import Any, TextIO

MACHINE_FORMATS = ("json", "csv", "yaml", "markdown")
FORMATS = ("table", *MACHINE_FORMATS)


def write(fmt: str, data: Any, stream: TextIO, sections: tuple[str, ...] = ()) -> None:
    """Write ``data``; for a single object, ``sections`` names its list-of-objects fields."""
    if fmt == "json":
        import json

        stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "yaml":
        import yaml

        stream.write(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000))
    elif fmt == "csv":
        _csv(data, stream, sections)
    elif fmt == "markdown":
        _markdown(data, stream, sections)
    else:  # the command line only lets the known formats through
        raise ValueError(f"unknown format {fmt!r}")


def cell(value: Any) -> str:
    """One value as the text of a csv or markdown cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(cell(item) for item in value)
    if isinstance(value, dict):
        return _figure(value) if "value" in value and "unit" in value else ", ".join(
            f"{key}={cell(item)}" for key, item in value.items() if item not in (None, [], ""))
    return str(value)


def _figure(figure: dict[str, Any]) -> str:
    text = f"{figure['value']} {figure['unit']} (as of {figure['as_of']})"
    return f"{text}: '{figure['wording']}'" if figure.get("wording") else text


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


def _csv(data: Any, stream: TextIO, names: tuple[str, ...]) -> None:
    import csv

    if isinstance(data, dict):
        own, sections = _split(data, names)
        rows = [{"section": "", **own[0]}]
        rows += [{"section": name, **item} for name, items in sections for item in items]
    else:
        rows = list(data)
    writer = csv.writer(stream, lineterminator="\n")
    columns = _columns(rows)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(column)) for column in columns])


def _markdown(data: Any, stream: TextIO, names: tuple[str, ...]) -> None:
    if isinstance(data, dict):
        own, sections = _split(data, names)
        _pipe_table(own, stream)
        for name, items in sections:
            stream.write(f"\n## {name}\n\n")
            _pipe_table(items, stream)
    else:
        _pipe_table(list(data), stream)


def _pipe_table(rows: list[dict[str, Any]], stream: TextIO) -> None:
    columns = _columns(rows)
    if not columns:
        stream.write("(none)\n")
        return
    stream.write("| " + " | ".join(columns) + " |\n")
    stream.write("|" + "|".join(" --- " for _ in columns) + "|\n")
    for row in rows:
        stream.write("| " + " | ".join(_md(cell(row.get(c))) for c in columns) + " |\n")


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", "<br>")
