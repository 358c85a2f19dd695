"""The package's shape holds: small modules, no import cycle, no import hidden in a function without a reason,
each layer saying what it owns, and tests that never import other tests."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "gjj_dash"
MAX_LINES = 300
SUBPACKAGES = ("model", "quality", "ingest", "store", "figures", "publish", "intake", "cli", "web", "ui")


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


SCRIPTS = [ROOT / "app.py", ROOT / "server.py", *sorted((ROOT / "views").glob("*.py"))]


@pytest.mark.parametrize("path", [*modules(), *SCRIPTS],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_over_300_lines_and_each_says_what_it_is(path: Path) -> None:
    """Every module of the package (and the router, server entry and page scripts) is under 300 lines and opens
    with a docstring."""
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_LINES, f"{path.name}: {len(text.splitlines())} lines"
    assert ast.get_docstring(ast.parse(text)), f"{path.name} has no docstring"


def test_no_two_modules_reach_each_other() -> None:
    """No import cycle in gjj_dash, counting imports inside functions, under TYPE_CHECKING and in packages'
    __init__ (grimp's graph holds them all)."""
    graph = grimp.build_graph("gjj_dash")
    names = sorted(graph.modules)
    edges = {m: set(graph.find_modules_directly_imported_by(m)) & set(names) for m in names}
    cycles = []
    for module in names:
        for other in edges[module]:
            if module < other and graph.find_shortest_chain(importer=other, imported=module):
                cycles.append((module, other))
    assert cycles == []


def _function_imports(tree: ast.AST) -> list[list[ast.stmt]]:
    """Groups of consecutive import statements inside function bodies."""
    groups = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            run: list[ast.stmt] = []
            for stmt in [*node.body, None]:
                if isinstance(stmt, ast.Import | ast.ImportFrom):
                    run.append(stmt)
                elif run:
                    groups.append(run)
                    run = []
    return groups


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_an_import_inside_a_function_says_why_it_is_lazy(path: Path) -> None:
    """An import in a function body is allowed only with a comment on it (or on the line above) saying why it must be
    lazy (start-up time, an optional dependency): a cycle is never dodged that way."""
    lines = path.read_text(encoding="utf-8").splitlines()
    silent = [group[0].lineno for group in _function_imports(ast.parse("\n".join(lines)))
              if "#" not in lines[group[0].lineno - 1] and not lines[group[0].lineno - 2].strip().startswith("#")]
    assert silent == [], f"{path.name}: lazy imports without a reason on lines {silent}"


@pytest.mark.parametrize("name", SUBPACKAGES)
def test_each_layer_says_what_it_owns_and_may_import(name: str) -> None:
    """Each subpackage's __init__ docstring names what it owns and what it may import."""
    doc = ast.get_docstring(ast.parse((PACKAGE / name / "__init__.py").read_text(encoding="utf-8"))) or ""
    assert "import" in doc and len(doc) > 80, doc


def test_few_modules_stay_at_the_top() -> None:
    """At most four small modules stay at the top of gjj_dash/ (besides __init__ and __main__)."""
    top = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert len(top) <= 4, top


def _test_modules() -> list[Path]:
    return sorted((ROOT / "tests").rglob("test_*.py"))


@pytest.mark.parametrize("path", _test_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_tests_say_what_they_pin_down_and_import_no_other_test(path: Path) -> None:
    """Every test module has a docstring and imports no other test module (shared code lives in tests/support or
    conftest.py)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"{path.name} has no docstring"
    imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
    assert [m for m in imported if m.rsplit(".", 1)[-1].startswith("test_")] == []


@pytest.mark.parametrize("path", [p for p in modules() if p.name != "__main__.py"],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_every_module_imports(path: Path) -> None:
    """Every module of the package imports (a name moved between modules without its importers fails here, not in
    the one page that happens to load it)."""
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    importlib.import_module(name)


def test_the_architecture_map_names_every_module() -> None:
    """docs/architecture.md lists every module of the package under its folder (the map stays true)."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    sections = {head.strip(): body for head, body in
                (part.split("\n", 1) for part in text.split("\n## ")[1:])}
    def section(path: Path) -> str:
        return sections.get(f"gjj_dash/{path.parent.relative_to(PACKAGE)}/".replace("/./", "/"), "")

    missing = [str(p.relative_to(ROOT)) for p in modules()
               if (p.name != "__init__.py" or p.parent == PACKAGE) and f"`{p.name}`" not in section(p)]
    assert missing == []
