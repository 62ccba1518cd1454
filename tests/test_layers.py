"""The one-way flow holds: a module imports only from its own layer or the layers below."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "rca"

#: lowest first; a module may import rca modules of its own layer or of a lower one
LAYERS = ["model", "dataset", "query", "history", "results", "render", "cli"]


def layer(module: str) -> int:
    """The layer of ``rca.x.y`` (the top package ``rca`` itself sits with the model)."""
    parts = module.split(".")
    name = parts[1] if len(parts) > 1 else "model"
    return LAYERS.index(name) if name in LAYERS else 0


def imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(line, name) for line, name in found if name == "rca" or name.startswith("rca.")]


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_from_a_layer_above_its_own(path: Path) -> None:
    module = "rca." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
    mine = layer(module.removesuffix(".__init__"))
    wrong = [f"line {line}: {name}" for line, name in imports(path)
             if layer(name) > mine and not module.endswith("__main__")]
    assert not wrong, f"{module} ({LAYERS[mine]}) imports from above: {wrong}"


def test_the_layer_check_sees_a_wrong_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from rca.cli.app import app\n", encoding="utf-8")
    assert layer(imports(bad)[0][1]) > layer("rca.query.profile")


def private_imports(path: Path) -> list[str]:
    """The names starting with ``_`` that a module takes from another rca module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{node.lineno}: {alias.name} from {node.module}" for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
            and node.module.startswith("rca.") for alias in node.names
            if alias.name.startswith("_") and not alias.name.startswith("__")]


def test_no_module_takes_another_module_s_private_names() -> None:
    found = {str(p.relative_to(PACKAGE)): private_imports(p) for p in MODULES}
    assert {name: lines for name, lines in found.items() if lines} == {}


def test_the_private_name_check_sees_one(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("from rca.cli.history import _open, history_app\n", encoding="utf-8")
    assert private_imports(module) == ["1: _open from rca.cli.history"]


def test_no_circle_of_imports_within_the_render_layer() -> None:
    """The output object and the terminal's drawing each import what they share from
    below them, never each other both ways (at the top of a module or inside a function)."""
    graph: dict[str, set[str]] = {}
    for path in (PACKAGE / "render").glob("*.py"):
        module = "rca.render." + path.stem
        graph[module] = {name for _line, name in imports(path)
                         if name.startswith("rca.render.") and name != module}

    def circle(start: str, node: str, seen: tuple[str, ...]) -> tuple[str, ...] | None:
        for nxt in sorted(graph.get(node, ())):
            if nxt == start:
                return (*seen, nxt)
            if nxt not in seen:
                found = circle(start, nxt, (*seen, nxt))
                if found:
                    return found
        return None

    circles = [c for m in sorted(graph) if (c := circle(m, m, (m,)))]
    assert not circles, circles[0]
