"""The package's shape: the pipeline's arrows run one way, and the public names stay put.

    sources, text, rules  ->  claims  ->  resolve  ->  verify  ->  report
                 (model, errors, dates below them all; store beside verify)
              checker (the pipeline as one object), batch, rulecheck
                                 api, cli on top
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import factcheck

PACKAGE = Path(factcheck.__file__).parent
#: Modules that make up the top layer: nothing below them may import them.
TOP = ("factcheck.cli", "factcheck.api", "factcheck.__main__")
MAX_LINES = 700
#: Modules still over MAX_LINES: strict xfails, so splitting one makes its test pass and fail here.
STILL_LONG: set[str] = set()


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path) -> set[str]:
    """Every factcheck module ``path`` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("factcheck"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("factcheck"):
            assert node.level == 0, f"{path}: relative import"
            found.add(node.module)
            # "from factcheck.store import schema" imports the module factcheck.store.schema
            found.update(f"{node.module}.{alias.name}" for alias in node.names
                         if f"{node.module}.{alias.name}" in MODULES)
    return found


MODULES = _modules()
GRAPH = {name: {target for target in _imports(path) if target in MODULES and target != name}
         for name, path in MODULES.items()}


def _within(name: str, *prefixes: str) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def test_there_is_no_import_cycle():
    # A package's __init__ is what importing a submodule runs first: an edge into a package
    # does not make its submodules depend on each other, so packages count as leaves here.
    graph = {name: {t for t in targets if not (MODULES[t].name == "__init__.py" and _within(name, t))}
             for name, targets in GRAPH.items()}
    state: dict[str, int] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                cycle = trail[trail.index(target):] + [target] if target in trail else [name, target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target, trail + [target])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


@pytest.mark.parametrize("name", sorted(n for n in MODULES if not _within(n, *TOP) and n != "factcheck"))
def test_nothing_below_the_top_layer_imports_it(name):
    assert not {t for t in GRAPH[name] if _within(t, *TOP)}, name


@pytest.mark.parametrize("name", sorted(n for n in MODULES if _within(n, "factcheck.report")))
def test_reports_read_only_the_model(name):
    allowed = ("factcheck.report", "factcheck.model", "factcheck.errors", "factcheck.version", "factcheck.dates")
    assert {t for t in GRAPH[name] if not _within(t, *allowed)} == set()


@pytest.mark.parametrize("name", sorted(n for n in MODULES if _within(n, "factcheck.verify", "factcheck.resolve")))
def test_verification_imports_no_extraction(name):
    assert {t for t in GRAPH[name] if _within(t, "factcheck.claims", "factcheck.text", "factcheck.sources")} == set()


@pytest.mark.parametrize("name", sorted(n for n in MODULES if _within(n, "factcheck.text", "factcheck.claims")))
def test_analysis_and_extraction_never_open_the_store(name):
    assert {t for t in GRAPH[name] if _within(t, "factcheck.store", "factcheck.verify")} == set()


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xfail(strict=True, reason="not split yet")) if n in STILL_LONG else n
    for n in sorted(MODULES)])
def test_modules_stay_short_or_say_why(name):
    text = MODULES[name].read_text(encoding="utf-8")
    lines = text.count("\n")
    docstring = ast.get_docstring(ast.parse(text)) or ""
    assert lines <= MAX_LINES or f"longer than {MAX_LINES} lines" in docstring, f"{name}: {lines} lines"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if not _within(n, "factcheck.cli")))
def test_library_code_plays_no_process_wide_tricks(name):
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {f"{node.module}.{alias.name}" for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module for alias in node.names}
    assert "gc" not in imported
    assert not {n for n in imported if n.startswith(("re._", "sre_"))}


def test_the_public_names():
    assert factcheck.__all__ == sorted(factcheck.__all__)
    assert factcheck.__all__ == [
        "Checker", "FactFileError", "FactcheckError", "InputError", "RuleError", "Store", "StoreError",
        "__version__", "extract_claims", "find_quantities", "find_times", "load_rules", "verify_text",
    ]
    for name in factcheck.__all__:
        assert getattr(factcheck, name) is not None, name


def test_type_hints_ship_with_the_package():
    assert (PACKAGE / "py.typed").is_file()
