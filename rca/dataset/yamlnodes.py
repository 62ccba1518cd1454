"""Read the dataset's YAML files into plain values that remember where they came from.

Every mapping and list carries the file and line it starts on, and every key the line it
is written on, so that the validator can point at the exact place of a problem. Nothing
here knows what the data means.

The tree is built from the parser's events, not from YAML's node graph, so that what YAML
allows but a data file must not hold is refused where it is written: anchors and aliases
(``&name``, ``*name``), which let a small file stand for an endless one; control
characters, raw or written as escapes (``"\\e[31m"``); keys that are lists or mappings;
and more than one document.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from rca.dataset.files import DATA_FILES, Problem
from rca.text import SEPARATORS, UNSAFE, escaped

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # libyaml missing: the pure-Python loader gives the same events
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
#: what the text of a file may not hold anywhere: controls other than tab and line ends,
#: the bidirectional controls, and the two code points YAML refuses as not text
_RAW_CONTROL = re.compile(f"(?!\r)[{UNSAFE}{SEPARATORS}]")
#: what a value may not hold once YAML's escapes are read: the same, and tabs and carriage
#: returns too (a line break is the one control a text may have)
_VALUE_CONTROL = re.compile(f"[\t{UNSAFE}{SEPARATORS}]")
#: deeper than any data file needs: the deepest record is a list in a mapping in a list
MAX_DEPTH = 32


def parse_files(raw: dict[str, bytes]) -> tuple[dict[str, Value], list[Problem]]:
    """Parse the bytes of each data file, in the order of DATA_FILES."""
    trees: dict[str, Value] = {}
    problems: list[Problem] = []
    for name in DATA_FILES:
        if name not in raw:
            continue
        tree, found = _parsed(raw[name], name)
        if found:
            problems.extend(found)
        else:
            trees[name] = tree
    return trees, problems


#: the trees of the files parsed in this process, by their exact bytes: reading a dataset
#: again (a test, a long-lived caller) parses only the files that changed. The trees are
#: never changed after parsing, so one can be handed out twice.
_PARSED: dict[tuple[str, bytes], tuple[Value, list[Problem]]] = {}
_PARSED_MOST = 32


def _parsed(raw: bytes, label: str) -> tuple[Value, list[Problem]]:
    key = (label, raw)
    if key not in _PARSED:
        if len(_PARSED) >= _PARSED_MOST:
            _PARSED.pop(next(iter(_PARSED)))
        _PARSED[key] = parse(raw, label)
    tree, problems = _PARSED[key]
    return tree, list(problems)


def parse(raw: bytes, label: str) -> tuple[Value, list[Problem]]:
    """One file's bytes as a tree; problems instead of a tree when it cannot be used."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(label, line, "not valid UTF-8 text (save the file as UTF-8)")]
    text = text.removeprefix("\ufeff")
    bad = _RAW_CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        return None, [Problem(label, line, f"a control character ({escaped(bad.group())}) "
                              "in the file: data files hold plain text")]
    builder = _Builder(label)
    try:
        tree = builder.build(text)
    except _Unusable as err:
        return None, [*builder.problems, Problem(label, err.line, err.message)]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = " ".join(str(part) for part in (err.context, err.problem) if part)
        return None, [Problem(label, line, f"YAML syntax error: {what}")]
    except yaml.YAMLError as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        return None, [Problem(label, 1, f"YAML error: {first}")]
    if builder.problems:
        return None, builder.problems
    if tree is None and builder.empty:
        return None, [Problem(label, 1, "file is empty")]
    return tree, []


class _Unusable(Exception):
    """What stops the reading of a file: the line, and what is wrong there."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Builder:
    """Plain values from a stream of parser events; every problem that leaves the file
    readable is collected, the first that does not is raised as `_Unusable`."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.problems: list[Problem] = []
        self.empty = True
        #: the first anchor or alias (its line, and which), and how many there are
        self.anchor: tuple[int, str] | None = None
        self.anchors = 0

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.label, line, message))

    def build(self, text: str) -> Value:  # noqa: C901  (one flat branch per event)
        loader = _Loader(text)
        get = loader.get_event
        #: the open collections, innermost last: [collection, whether it is a mapping, the
        #: key awaiting its value (None when the next scalar is a key), that key's line]
        stack: list[list[Any]] = []
        root: Value = None
        documents = 0
        try:
            while True:
                event = get()
                kind = type(event)
                value: Value
                if kind is _SCALAR:
                    line = self.entry(event)
                    if stack and stack[-1][1] and stack[-1][2] is None:
                        self.key(stack[-1], event.value, line)
                        continue
                    value = self.scalar(event, line)
                elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                    value = stack.pop()[0]
                    line = value.line  # type: ignore[union-attr]
                elif kind is _MAPPING_START or kind is _SEQUENCE_START:
                    line = self.entry(event)
                    if stack and stack[-1][1] and stack[-1][2] is None:
                        raise _Unusable(line, _NOT_A_KEY)
                    if len(stack) >= MAX_DEPTH:
                        raise _Unusable(line, "YAML nested too deeply to read")
                    made: Map | Seq
                    if kind is _MAPPING_START:
                        made = Map()
                        made.key_lines = {}
                    else:
                        made = Seq()
                        made.item_lines = []
                    made.file, made.line = self.label, line
                    stack.append([made, kind is _MAPPING_START, None, 0])
                    continue
                elif kind is _ALIAS:
                    line = event.start_mark.line + 1
                    self.empty = False
                    self.found_anchor(line, f"alias (*{event.anchor}) repeats an entry "
                                      "written elsewhere")
                    if stack and stack[-1][1] and stack[-1][2] is None:
                        raise _Unusable(line, _NOT_A_KEY)
                    value = None
                elif kind is _STREAM_END:
                    self.report_anchors()
                    return root
                elif kind is _DOCUMENT_START:
                    documents += 1
                    if documents > 1:
                        raise _Unusable(event.start_mark.line + 1, "a second YAML document "
                                        "('---') in the file: a data file holds one list")
                    continue
                else:  # the start of the stream, the end of a document
                    continue
                if not stack:
                    root = value
                    continue
                top = stack[-1]
                parent = top[0]
                if top[1]:
                    parent[top[2]] = value
                    parent.key_lines[top[2]] = top[3]
                    top[2] = None
                else:
                    parent.append(value)
                    parent.item_lines.append(line)
        finally:
            loader.dispose()

    def entry(self, event: Any) -> int:
        """The line of a scalar or a collection that starts; its anchor, if any, is noted."""
        line: int = event.start_mark.line + 1
        self.empty = False
        if event.anchor is not None:
            self.found_anchor(line, f"anchor (&{event.anchor}) marks an entry to repeat")
        return line

    def found_anchor(self, line: int, what: str) -> None:
        self.anchors += 1
        if self.anchor is None:
            self.anchor = (line, what)

    def report_anchors(self) -> None:
        """One problem for every anchor and alias in the file: they are refused, not read,
        because an alias repeats an entry written elsewhere and lets a small file stand for
        an endless one."""
        if self.anchor is None:
            return
        line, what = self.anchor
        more = f" ({self.anchors - 1:,} more in the file)" if self.anchors > 1 else ""
        self.problem(line, f"a YAML {what}: rca data files write every entry out in full, "
                     f"with no anchors or aliases{more}")

    def key(self, frame: list[Any], key: str, line: int) -> None:
        """The next key of the mapping in ``frame``: plain text, written once."""
        self.controls(key, line)
        if key in frame[0]:
            self.problem(line, f"key '{key}' appears twice")
        frame[2], frame[3] = key, line

    def scalar(self, event: Any, line: int) -> Value:
        tag = event.tag
        if tag is None and not event.implicit[0]:  # quoted, untagged: a text
            self.controls(event.value, line)
            return str(event.value)
        if tag is None or tag == "!":
            tag = _RESOLVER.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, event.value, event.implicit)
        method = _SCALARS.get(tag)
        if method is None:
            self.controls(event.value, line)
            return str(event.value)
        try:
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
            value: Value = getattr(yaml.SafeLoader, method)(_CONSTRUCTOR, node)
        except (ValueError, TypeError, KeyError, yaml.YAMLError):
            kind = tag.rsplit(":", 1)[-1]
            shown = event.value if len(event.value) <= 40 else event.value[:40] + "…"
            self.problem(line, f"'{shown}' is not a valid {kind}")
            return None
        return value

    def controls(self, text: str, line: int) -> None:
        """A problem for a control character in a key or value (written as an escape)."""
        found = _VALUE_CONTROL.search(text)
        if found:
            self.problem(line, f"a control character ({escaped(found.group())}) in a text: "
                         "data files hold plain text (a double-quoted escape such as \\e or "
                         "\\t writes one)")


class _Constructor(yaml.SafeLoader):
    def __init__(self) -> None:  # no stream: only the scalar constructors are used
        pass


_CONSTRUCTOR = _Constructor()
_RESOLVER = yaml.resolver.Resolver()
_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAPPING_START, _MAPPING_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQUENCE_START, _SEQUENCE_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_STREAM_END, _DOCUMENT_START = yaml.StreamEndEvent, yaml.DocumentStartEvent
_NOT_A_KEY = "a key must be a plain name, not a list, a mapping or an alias"
