"""Read the dataset's YAML files into plain values that remember where they came from.

Every mapping and list carries the file and line it starts on, and every key the line it
is written on, so that the validator can point at the exact place of a problem. Nothing
here knows what the data means.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from rca.dataset.files import DATA_FILES, Problem

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # libyaml missing: the pure-Python loader gives the same nodes
    _Loader = yaml.SafeLoader


class Map(dict):  # type: ignore[type-arg]
    """A YAML mapping with the line of the mapping and of each key."""

    file: str = ""
    line: int = 0
    key_lines: dict[str, int]


class Seq(list):  # type: ignore[type-arg]
    """A YAML sequence with the line of the sequence and of each item."""

    file: str = ""
    line: int = 0
    item_lines: list[int]


Value = Map | Seq | str | int | float | bool | None

_SCALARS = {
    "tag:yaml.org,2002:int": "construct_yaml_int",
    "tag:yaml.org,2002:float": "construct_yaml_float",
    "tag:yaml.org,2002:bool": "construct_yaml_bool",
    "tag:yaml.org,2002:null": "construct_yaml_null",
}


def read_dataset(folder: Path) -> tuple[dict[str, Value], list[Problem]]:
    """Parse every data file in ``folder``; return the trees and the problems met."""
    trees: dict[str, Value] = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        what = "does not exist" if not folder.exists() else "is not a folder"
        return trees, [Problem(str(folder), 0, f"dataset folder {what}")]
    for name in DATA_FILES:
        tree, found = read_file(folder / name, name)
        if found:
            problems.extend(found)
        else:
            trees[name] = tree
    return trees, problems


def read_file(path: Path, label: str) -> tuple[Value, list[Problem]]:
    """Parse one file; problems instead of a tree when it cannot be read as YAML."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(label, 0, "file is missing")]
    except OSError as err:
        return None, [Problem(label, 0, f"cannot read file: {err.strerror or err}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(label, line, "not valid UTF-8 text (save the file as UTF-8)")]
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except RecursionError:
        return None, [Problem(label, 1, "YAML nested too deeply to read")]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = " ".join(str(part) for part in (err.context, err.problem) if part)
        return None, [Problem(label, line, f"YAML syntax error: {what}")]
    except yaml.YAMLError as err:
        return None, [Problem(label, 1, f"YAML error: {err}")]
    if node is None:
        return None, [Problem(label, 1, "file is empty")]
    duplicates: list[Problem] = []
    try:
        tree = _convert(node, label, duplicates)
    except _Unusable as err:
        return None, [Problem(label, err.line, err.message)]
    except RecursionError:
        return None, [Problem(label, 1, "YAML nested too deeply to read")]
    if duplicates:
        return None, duplicates
    return tree, []


def _once(node: yaml.Node, seen: set[int], line: int) -> None:
    """Refuse a collection already read: it can only be here through an alias."""
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and id(node) in seen:
        raise _Unusable(line, "a YAML alias (*name) repeats an entry written elsewhere; "
                        "rca data files write every entry out in full")


class _Unusable(Exception):
    """A node that cannot become a value: an alias to itself, or a scalar its tag rejects."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _convert(node: yaml.Node, label: str, dups: list[Problem],
             seen: set[int] | None = None) -> Value:
    """The node as plain values; every node is read once, so an alias (``*name``) that
    repeats or contains another entry is refused instead of being expanded, which would
    let a small file grow without limit."""
    line = node.start_mark.line + 1
    seen = set() if seen is None else seen
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        if id(node) in seen:
            raise _Unusable(line, "a YAML alias (*name) repeats an entry written elsewhere; "
                            "rca data files write every entry out in full")
        seen.add(id(node))
    inner = seen
    if isinstance(node, yaml.MappingNode):
        result = Map()
        result.file, result.line, result.key_lines = label, line, {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            key_line = key_node.start_mark.line + 1
            if key in result:
                dups.append(Problem(label, key_line, f"key '{key}' appears twice"))
            _once(value_node, seen, key_line)
            result[key] = _convert(value_node, label, dups, inner)
            result.key_lines[key] = key_line
        return result
    if isinstance(node, yaml.SequenceNode):
        items = Seq()
        items.file, items.line, items.item_lines = label, line, []
        for item in node.value:
            _once(item, seen, item.start_mark.line + 1)
            items.append(_convert(item, label, dups, inner))
            items.item_lines.append(item.start_mark.line + 1)
        return items
    method = _SCALARS.get(node.tag)
    if method is not None:
        try:
            value: Value = getattr(yaml.SafeLoader, method)(_CONSTRUCTOR, node)
        except (ValueError, TypeError, KeyError, yaml.YAMLError):
            kind = node.tag.rsplit(":", 1)[-1]
            raise _Unusable(line, f"'{node.value}' is not a valid {kind}") from None
        return value
    return str(node.value)


class _Constructor(yaml.SafeLoader):
    def __init__(self) -> None:  # no stream: only the scalar constructors are used
        pass


_CONSTRUCTOR = _Constructor()
